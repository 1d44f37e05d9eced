package rules

import (
	"unicode"

	"fabulist/model/qa/passage"
)

// withoutSymbols returns the sentences with their symbol tokens (emoji, ©, ★, dingbats: what
// passage calls a Symbol) left out. A symbol is no word of the sentence's grammar, so the rules
// read "The fox 🦊 saw the grapes." as "The fox saw the grapes."; the questions leave it out too
// (render), while answers and clozes, which quote the passage, keep it where it stood.
func withoutSymbols(sents []passage.Sentence) []passage.Sentence {
	out := make([]passage.Sentence, len(sents))
	for i, s := range sents {
		out[i] = s
		keep := s.Tokens[:0:0]
		for _, t := range s.Tokens {
			if t.Kind != passage.Symbol {
				keep = append(keep, t)
			}
		}
		if len(keep) < len(s.Tokens) {
			out[i].Tokens = keep
		}
	}
	return out
}

// gapText is what render puts between two tokens for the passage runes between them: one space
// for white space or a symbol left out of the tokens (withoutSymbols), else the runes as they
// stand (nothing, or an invisible format character).
func gapText(gap []rune) string {
	for _, r := range gap {
		if unicode.IsSpace(r) || !unicode.Is(unicode.Cf, r) && !unicode.IsControl(r) {
			return " "
		}
	}
	return string(gap)
}
