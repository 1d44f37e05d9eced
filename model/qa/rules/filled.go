package rules

import "fabulist/model/qa/passage"

// A bare plural after "with" and a passive or a state ("a house was overrun with Mice", "the
// field was covered with sheep") is what fills the subject, a quantity, not someone: it is asked
// with What ("What was a house overrun with?"), even when the word list or a capital calls it a
// character.

// filledWith reports whether the noun phrase a has no determiner and follows "with" after "was"
// and one word (a participle or an adjective: "overrun", "wild").
func filledWith(toks []passage.Token, a span) bool {
	if a.i < 3 || lower(toks[a.i-1]) != "with" {
		return false
	}
	if f := lower(toks[a.i]); determiners.has(f) || numberWords.has(f) || pronouns.has(f) || toks[a.i].Kind == passage.Number {
		return false
	}
	return be.has(lower(toks[a.i-3])) // not "wrestled with Klas": an active verb's partner is someone
}

// intoThing reports whether the noun phrase a follows "into" or "onto" with a determiner, and its
// head names no person or animal the word list knows: what things go into or onto is a thing,
// though a fable capitalises it ("She began dropping pebbles into the Pitcher" → "What did she
// begin dropping pebbles into?", not Who). "ran into the Fox" stays Who.
func intoThing(toks []passage.Token, a span) bool {
	if a.i < 1 || a.j-a.i < 2 || !determiners.has(lower(toks[a.i])) {
		return false
	}
	if p := lower(toks[a.i-1]); p != "into" && p != "onto" {
		return false
	}
	return !isAnimate(lower(toks[a.j-1]))
}
