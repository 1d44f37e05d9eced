package app

import (
	"fmt"

	"fabulist/model/lm"
)

// storyEnd is how a word model's story break (lm.Separator, "|") reads among the tokens a writer
// picks from: the book's cleaning makes it of the gap between two fables, which a bare "|" does not
// say. The token itself stays exact in the element's data-token, so picking it writes "|".
const storyEnd = "¶"

// storyEndTitle is what a story break's tooltip says before its probability.
const storyEndTitle = "end of story"

// tokenLabel is how tok, a token of a model of level, reads on a candidate, an alternative or
// the row of tokens: white space a reader can see, and a word model's story break as storyEnd.
// A space is followed by a zero-width space, so that a row of characters wraps there: "␣" alone
// is no place to break a line, and a character model's row ran off the panel. At the character
// level "|" is a character of the text, and reads as itself.
func tokenLabel(level lm.Level, tok string) string {
	switch {
	case tok == " ":
		return "␣\u200b"
	case tok == "\n":
		return "↵\n"
	case tok == lm.Separator && level == lm.Word:
		return storyEnd
	}
	return tok
}

// tokenTitle is the tooltip of tok with what follows it (a probability, what a click does),
// naming a word model's story break as what it is.
func tokenTitle(level lm.Level, tok, rest string) string {
	if tok == lm.Separator && level == lm.Word {
		return storyEndTitle + ": " + rest
	}
	return rest
}

// candidateLabel is how tok reads on a candidate's button, which holds one token and so needs no
// place to wrap: white space as a sign alone, a word model's story break as storyEnd.
func candidateLabel(level lm.Level, tok string) string {
	switch tok {
	case " ":
		return "␣"
	case "\n":
		return "↵"
	}
	return tokenLabel(level, tok)
}

// percent is a candidate's probability p (0 to 1) as its button shows it, in whole per cent: a
// candidate below one per cent reads "<1%", not "0%", which says the model would never write it.
func percent(p float64) string {
	if p > 0 && p < 0.01 {
		return "<1%"
	}
	return fmt.Sprintf("%.0f%%", 100*p)
}
