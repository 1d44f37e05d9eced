package rules

import "fabulist/model/qa/passage"

// Noun phrases beyond what nounPhrase reads: where one that an answer starts ends, and the few
// that name a person without an animate noun.

// phraseEnd is where the noun phrase the answer a starts ends, when a is its first part: "of"
// and a noun phrase or a gerund's phrase after it ("[the leaves] of the Olive"), or a name in
// apposition ("[the goddess] Venus"). A question that cut the answer alone would leave the rest
// behind: "Where did the snow settle of the Olive?".
func phraseEnd(toks []passage.Token, a span) int {
	end := sentenceEnd(toks)
	if j, ok := nounPhrase(toks, a.i, a.j); !ok || j != a.j || a.j >= end {
		return a.j
	}
	j := a.j
	if !capitalised(toks[j-1]) {
		for j < end && capitalised(toks[j]) && !months[lower(toks[j])] && !weekdays[lower(toks[j])] {
			j++ // "the goddess Venus"
		}
	}
	if j+1 < end && lower(toks[j]) == "of" {
		if e, ok := nounPhrase(toks, j+1, end); ok {
			return e
		}
		if progressive(lower(toks[j+1])) {
			e := j + 2 // "[the expectation] of satisfying his hunger"
			for e < end && toks[e].Kind != passage.Punct {
				e++
			}
			return e
		}
	}
	return j
}

// anyone reports whether the noun phrase np is "no one", "every one", "any one" or "some one":
// a person, though "one" alone is not.
func anyone(toks []passage.Token, np span) bool {
	if np.j-np.i != 2 || lower(toks[np.i+1]) != "one" {
		return false
	}
	w := lower(toks[np.i])
	return w == "no" || w == "every" || w == "any" || w == "some"
}
