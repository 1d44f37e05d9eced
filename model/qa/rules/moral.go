package rules

import "strings"

// A fable's moral is set apart from its story, indented on lines of its own ("    Much wants
// more and loses all."): it is a saying, not a fact of the story, and "What wants more?" asked
// about it reads it as one. Pairs asks nothing about a paragraph set apart that way. A text
// whose paragraphs are all indented sets none apart: only an indented paragraph after one that
// is not counts.

// setApart marks each rune of the passage rs that lies in a paragraph (lines between blank
// lines) whose every line is indented, after a paragraph whose lines are not all indented.
func setApart(rs []rune) []bool {
	in := make([]bool, len(rs))
	paras := paragraphs(rs)
	indented := func(p para) bool {
		for _, line := range strings.Split(string(rs[p.start:p.end]), "\n") {
			if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "\t") {
				return false
			}
		}
		return true
	}
	for k := 1; k < len(paras); k++ {
		if indented(paras[k]) && !indented(paras[k-1]) {
			for i := paras[k].start; i < paras[k].end; i++ {
				in[i] = true
			}
		}
	}
	return in
}

// para is a paragraph of a passage: the runes [start, end), its lines between blank lines.
type para struct{ start, end int }

// paragraphs splits the passage rs into its paragraphs, in order.
func paragraphs(rs []rune) []para {
	var paras []para
	start := -1
	lineStart := 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && rs[i] != '\n' {
			continue
		}
		blank := strings.TrimSpace(string(rs[lineStart:i])) == ""
		switch {
		case blank && start >= 0:
			paras = append(paras, para{start, lineStart})
			start = -1
		case !blank && start < 0:
			start = lineStart
		}
		lineStart = i + 1
	}
	if start >= 0 {
		paras = append(paras, para{start, len(rs)})
	}
	return paras
}
