package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// This file reads a clause whose subject follows its verb after a fronted phrase of place or
// time: "In the midst of the cloud there stood a flying chariot", "Then at midday came the
// giant's daughter". An answer there was asked with the fallback ("in the midst of the
// brilliance stood what ?"); the subject is asked in its place before the verb: "What stood in
// the midst of the cloud?", "Who came at midday?".

// askInversion asks for the answer a when it is the subject after the verb of such a clause, at
// the clause's end.
func askInversion(rs []rune, toks []passage.Token, a span) (string, bool) {
	end := sentenceEnd(toks)
	if a.i < 2 {
		return "", false
	}
	if _, ok := nounPhrase(toks, a.i, a.j); !ok {
		return "", false // the answer starts with a noun phrase
	}
	v := a.i - 1
	if t, _ := mainVerb(lower(toks[v])); t == notVerb {
		return "", false
	}
	if q, ok := askAfterAdverb(rs, toks, a, v, end); ok {
		return q, true
	}
	if a.j < end && toks[a.j].Kind != passage.Punct {
		return "", false
	}
	k := v
	if w := lower(toks[k-1]); w == "there" || w == "here" {
		k-- // "there stood", "here lives"
	}
	s := k - 1
	for s > 0 && !clauseStart(toks, s) {
		s--
	}
	if s < 0 || s >= k || !wherePreps.has(lower(toks[s])) && !timePreps.has(lower(toks[s])) {
		return "", false
	}
	if j, ok := nounPhrase(toks, s+1, k); (!ok || j != k) && j0(timePhrase(toks, s)) != k {
		return "", false // the phrase is a preposition and its noun phrase ("at midday"), and no subject
	}
	front := render(rs, toks, s, k)
	front = strings.ToLower(front[:1]) + front[1:] // "In the midst …" moves behind the verb
	return finish(join(whoOrWhat(rs, toks, a), lower(toks[v]), front)), true
}

// frontAdverbsOfPlace stand alone before a verb whose subject follows: "there stood a great
// white bear", "out flew the moon".
var frontAdverbsOfPlace = &wordSet{list: `there here out in up down away forth off`}

// askAfterAdverb asks for the subject after "there", "out" and the like and the verb v, at a
// clause start: "there stood [a great white bear]" → "Who stood there?", "out flew [the moon]" →
// "What flew out?", "there lay [a pup] in the basket" → "What lay in the basket?".
func askAfterAdverb(rs []rune, toks []passage.Token, a span, v, end int) (string, bool) {
	k := v - 1
	if k < 0 || !frontAdverbsOfPlace.has(lower(toks[k])) || !clauseStart(toks, k) {
		return "", false
	}
	rest := ""
	if a.j < end && toks[a.j].Kind != passage.Punct {
		if !wherePreps.has(lower(toks[a.j])) {
			return "", false
		}
		e := a.j + 1
		for e < end && toks[e].Kind != passage.Punct {
			e++
		}
		rest = render(rs, toks, a.j, e) // "in the basket"
	}
	if rest == "" {
		rest = lower(toks[k])
	}
	return finish(join(whoOrWhat(rs, toks, a), lower(toks[v]), rest)), true
}
