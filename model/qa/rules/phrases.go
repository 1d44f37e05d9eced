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
		for j < end && capitalised(toks[j]) && !months.has(lower(toks[j])) && !weekdays.has(lower(toks[j])) {
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

// askModifier asks about an answer that is the words between a determiner and the head noun of
// a noun phrase ("a [noble, good, and beautiful] woman") with the noun kept: "What kind of woman
// was his wife?", "What kind of woman lived there?". It reports false for any other answer.
func askModifier(rs []rune, toks []passage.Token, a span) (string, bool) {
	if a.i == 0 || !determiners.has(lower(toks[a.i-1])) || determiners.has(lower(toks[a.i])) {
		return "", false
	}
	end := sentenceEnd(toks)
	j := a.j
	for j < end && plainWord(toks[j]) && j < a.j+2 {
		j++ // the head: "woman"
	}
	if j == a.j || j < end && plainWord(toks[j]) {
		return "", false
	}
	head := lower(toks[j-1])
	if j+1 < end && lower(toks[j]) == "of" {
		if e, ok := nounPhrase(toks, j+1, end); ok {
			j = e
		} else if plainWord(toks[j+1]) {
			j += 2 // "fine bunches of grapes"
		}
	}
	if timeNouns.has(head) || eventNouns.has(head) {
		return "", false // times and events have their own forms
	}
	np := span{a.i - 1, j}
	c, ok := findClause(toks, np)
	if !ok {
		return "", false
	}
	kind := "What kind of " + render(rs, toks, a.j, j)
	switch {
	case np.i == c.subj.i:
		return finish(join(kind, render(rs, toks, j, c.end))), true
	case np.i >= c.verbEnd && np.i < c.end:
		// A noun phrase may run past a comma that ended the clause: "a noble, good, and
		// beautiful woman".
		return finish(join(kind, inverted(rs, toks, c), render(rs, toks, c.verbEnd, np.i), render(rs, toks, np.j, c.end))), true
	}
	return "", false
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
