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
	credit := false // the start line was the last non-blank line: a credit may follow
	for lineStart := 0; lineStart < len(rs); {
		lineEnd := lineStart
		for lineEnd < len(rs) && rs[lineEnd] != '\n' {
			lineEnd++
		}
		line := strings.ToUpper(strings.TrimSpace(string(rs[lineStart:lineEnd])))
		switch {
		case gutenbergMark(line, "START OF"):
			for i := 0; i < lineEnd; i++ {
				out[i] = true
			}
			credit = true
		case gutenbergMark(line, "END OF"):
			for i := lineStart; i < len(rs); i++ {
				out[i] = true
			}
			return out
		case credit && line != "":
			if strings.HasPrefix(line, "PRODUCED BY") || strings.HasPrefix(line, "E-TEXT PREPARED BY") ||
				strings.HasPrefix(line, "TRANSCRIBED FROM") {
				end := paragraphEnd(rs, lineStart)
				for i := lineStart; i < end; i++ {
					out[i] = true
				}
				lineEnd = end
			}
			credit = false
		}
		lineStart = lineEnd + 1
	}
	return out
}

// gutenbergMark reports whether an upper-cased line is the header's or the footer's mark
// ("*** START OF THIS PROJECT GUTENBERG EBOOK …", "*** END OF THE PROJECT GUTENBERG EBOOK …").
func gutenbergMark(line, which string) bool {
	rest, ok := strings.CutPrefix(strings.TrimLeft(line, "* "), which)
	return ok && strings.Contains(rest, "PROJECT GUTENBERG")
}

// paragraphEnd is the index of the blank line's break that ends the paragraph holding rune i,
// or len(rs).
func paragraphEnd(rs []rune, i int) int {
	for lineStart := i; lineStart < len(rs); {
		lineEnd := lineStart
		for lineEnd < len(rs) && rs[lineEnd] != '\n' {
			lineEnd++
		}
		if strings.TrimSpace(string(rs[lineStart:lineEnd])) == "" {
			return lineStart
		}
		lineStart = lineEnd + 1
	}
	return len(rs)
}
