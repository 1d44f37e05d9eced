package rules

import "fabulist/model/qa/passage"

// maxSentenceTokens is the most tokens of a sentence the rules read at once (English prose
// averages some 25 words a sentence). Every candidate answer of a sentence writes a cloze of the
// whole sentence, so a sentence of n tokens costs n² time and memory: a pasted text without full
// stops (a transcript, verse, a list) of 14,000 words took 5 s and 270 MB of the engine's memory,
// which wasm never gives back.
const maxSentenceTokens = 120

// pieces cuts a sentence longer than maxSentenceTokens into parts the rules read one by one:
// each ends at the last comma, semicolon or colon within the limit, where a clause may end, or
// at the limit when there is none. A shorter sentence is its own one piece, from its first
// token: a symbol before it (withoutSymbols), most often an emoji that ended the sentence before,
// would lead its cloze ("🦊 ___ was compelled to sing.", a trial found).
func pieces(s passage.Sentence) []passage.Sentence {
	toks := s.Tokens
	if len(toks) <= maxSentenceTokens {
		if len(toks) > 0 {
			s.Start = toks[0].Start
		}
		return []passage.Sentence{s}
	}
	var out []passage.Sentence
	for i := 0; i < len(toks); {
		j := min(len(toks), i+maxSentenceTokens)
		if j < len(toks) {
			for k := j - 1; k > i; k-- {
				if t := toks[k]; t.Kind == passage.Punct && (t.Text == "," || t.Text == ";" || t.Text == ":") {
					j = k + 1
					break
				}
			}
		}
		out = append(out, passage.Sentence{Start: toks[i].Start, End: toks[j-1].End, Tokens: toks[i:j]})
		i = j
	}
	return out
}
