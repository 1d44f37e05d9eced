package rules

import "strings"

// A Project Gutenberg eBook, pasted whole as many are, opens with the project's header (its
// licence, "Title:", "Release Date:", the producers' credit) and ends with its licence: text
// about the file, not the story, and "What is for the use of anyone anywhere at no cost?" asked
// about it is no question about the book. Pairs asks nothing outside the body that the header's
// "*** START OF THIS PROJECT GUTENBERG EBOOK … ***" and the footer's "*** END OF …" lines mark,
// nor about the producers' credit ("Produced by …") that opens the body. A text without the
// marks is all body.

// outsideBody marks each rune of the passage rs that lies outside a Project Gutenberg eBook's
// body: up to the end of its start line and of a credit paragraph just after it, and from the
// start of its end line.
func outsideBody(rs []rune) []bool {
	out := make([]bool, len(rs))
	mark := func(from, to int) {
		for i := from; i < to; i++ {
			out[i] = true
		}
	}
	credit := false // the last paragraph ended with the start line: a credit may follow
	for _, p := range paragraphs(rs) {
		if credit {
			credit = false
			if head := strings.ToUpper(string(rs[p.start:min(p.end, p.start+20)])); strings.HasPrefix(head, "PRODUCED BY") ||
				strings.HasPrefix(head, "E-TEXT PREPARED BY") || strings.HasPrefix(head, "TRANSCRIBED FROM") {
				mark(p.start, p.end)
				continue
			}
		}
		for lineStart := p.start; lineStart < p.end; {
			lineEnd := lineStart
			for lineEnd < p.end && rs[lineEnd] != '\n' {
				lineEnd++
			}
			line := strings.ToUpper(strings.TrimSpace(string(rs[lineStart:lineEnd])))
			switch {
			case gutenbergMark(line, "START OF"):
				mark(0, lineEnd)
				credit = true
			case gutenbergMark(line, "END OF"):
				mark(lineStart, len(rs))
				return out
			}
			lineStart = lineEnd + 1
		}
	}
	return out
}

// gutenbergMark reports whether an upper-cased line is the header's or the footer's mark
// ("*** START OF THIS PROJECT GUTENBERG EBOOK …", "*** END OF THE PROJECT GUTENBERG EBOOK …").
func gutenbergMark(line, which string) bool {
	rest, ok := strings.CutPrefix(strings.TrimLeft(line, "* "), which)
	return ok && strings.Contains(rest, "PROJECT GUTENBERG")
}
