package qa

import (
	"strings"
	"unicode"
)

// DegenerateRun is how many times running a word must come for Degenerate to say so: a
// question model trained too little on too few examples writes "The the the the …", while a
// question people write repeats a word twice at most ("very, very").
const DegenerateRun = 3

// Degenerate reports whether a question looks degenerate, a generator's and not a person's:
// the same word (letters and digits, case folded, punctuation between ignored) DegenerateRun
// times running, or no word at all. The rules never write one; a weak question model does.
func Degenerate(question string) bool {
	words := strings.FieldsFunc(question, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
	if len(words) == 0 {
		return true
	}
	run := 1
	for i := 1; i < len(words); i++ {
		if strings.EqualFold(strings.Trim(words[i], "'"), strings.Trim(words[i-1], "'")) {
			if run++; run >= DegenerateRun {
				return true
			}
		} else {
			run = 1
		}
	}
	return false
}
