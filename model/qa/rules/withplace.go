package rules

import "fabulist/model/qa/passage"

// A place right after "with" and a noun phrase is that noun's, not the verb's: in "A Crow was
// sitting on a branch with a piece of cheese in her beak", "in her beak" is where the cheese
// was, and "Where was a Crow sitting on a branch with a piece of cheese?" keeps the real answer
// to its Where ("on a branch") in the question. It is asked as where the subject had the noun:
// "Where did a Crow have a piece of cheese?".

// askWithPlace asks for the place a after "with" and a noun phrase in the clause c.
func askWithPlace(rs []rune, toks []passage.Token, c clause, a span) (string, bool) {
	if !wherePreps.has(lower(toks[a.i])) || a.j-a.i < 2 {
		return "", false
	}
	for w := a.i - 2; w >= c.verbEnd; w-- {
		if lower(toks[w]) != "with" {
			continue
		}
		if j, ok := nounPhrase(toks, w+1, a.i); !ok || j != a.i {
			return "", false
		}
		subj := subjectBehind(rs, toks, c.subj)
		return finish(join("Where", doFor(toks[c.verb]), subj, "have", render(rs, toks, w+1, a.i))), true
	}
	return "", false
}
