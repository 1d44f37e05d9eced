package rules

// Words inside quotation marks are a character's, not the story's: a cloze that blanks them
// (`"I thought ___ were ripe"`) asks the reader to recall a speech word for word, and a
// question made from a sentence of a speech that runs over several sentences ("Her beauty is
// without equal, …" inside the Fox's flattery) reads the flattery as a fact. Pairs asks about
// no answer inside quotation marks; the speech tag around them ("said the Fox") is still asked.

// inQuotes marks each rune of the passage rs that stands inside double quotation marks ("…",
// “…”, «…»). A straight mark opens or closes by turn. A blank line closes what is open: a
// speech that runs over paragraphs opens each one again without closing the last, and a stray
// mark loses the rest of its paragraph, not of the passage.
func inQuotes(rs []rune) []bool {
	in := make([]bool, len(rs))
	open := false
	newline := -1 // the index of the last line break while only white space follows it
	for i, r := range rs {
		switch r {
		case '"':
			open = !open
		case '“', '«':
			open = true
		case '”', '»':
			open = false
		case '\n':
			if newline >= 0 {
				open = false // a blank line: the paragraph ends
			}
			newline = i
			continue
		case ' ', '\t', '\r':
			continue
		default:
			in[i] = open
		}
		newline = -1
	}
	return in
}

// quotedSpan reports whether any rune of [start, end) is inside quotation marks.
func quotedSpan(in []bool, start, end int) bool {
	for i := start; i < end && i < len(in); i++ {
		if in[i] {
			return true
		}
	}
	return false
}
