package rules

import "fabulist/model/qa/passage"

// This file reads past what may open a sentence before its main clause, for parse: a
// subordinate clause ("When the king heard this, he …"), "There was once a king who …", and
// refuses a sentence that opens inverted ("No sooner had …").

// invertedStart reports whether the sentence opens with a negative adverb and its subject after
// the verb ("No sooner had the Stag got inside than …", "Hardly had he …"), after a connective
// too ("But no sooner …"), which the rules do not read.
func invertedStart(toks []passage.Token) bool {
	if len(toks) > 3 && connectives.has(lower(toks[0])) {
		toks = toks[1:] // "But no sooner had the man gained …"
	}
	if len(toks) < 3 {
		return false
	}
	w := lower(toks[0])
	if w == "no" && lower(toks[1]) == "sooner" {
		return true
	}
	return (w == "hardly" || w == "scarcely" || w == "never" || w == "seldom" || w == "rarely") && auxiliaries.has(lower(toks[1]))
}

// beings are the verbs of "There was …" and "There lived …".
var beings = &wordSet{list: `was were is are lived dwelt lives dwells`}

// existential reads "There was once a king who had three daughters" as the relative clause with
// its noun phrase for subject ("a king had three daughters"), after a time phrase ("Once upon a
// time there lived …"): the usual first sentence of a fairy tale, which otherwise gives no
// question.
func existential(toks []passage.Token, end int) (clause, bool) {
	k := 0
	if j, ok := timePhrase(toks, 0); ok {
		k = j
		if k < end && toks[k].Text == "," {
			k++
		}
	}
	if k+2 >= end || lower(toks[k]) != "there" || !beings.has(lower(toks[k+1])) {
		return clause{}, false
	}
	m := k + 2
	if w := lower(toks[m]); w == "once" || w == "formerly" {
		m++
	}
	j, ok := nounPhrase(toks, m, end)
	if !ok {
		return clause{}, false
	}
	r := j
	if r < end && toks[r].Text == "," {
		r++
	}
	if r+1 >= end || !relativeAt(toks, r) {
		return clause{}, false
	}
	return predicate(toks, clause{lead: m, subj: span{m, j}, main: -1}, r+1, end)
}

// subordinators open a clause that may stand before the main one: "When the king heard this, he
// …".
var subordinators = &wordSet{list: `when whenever after before as while till until once if since though although because`}

// afterSubordinate reads the main clause after a subordinate clause that opens the sentence,
// after "and", "but" or "then" ("And when the king heard this, he sent for …"): the first clause
// after one of its commas. The questions leave the subordinate clause out.
func afterSubordinate(toks []passage.Token, end int) (clause, bool) {
	k := 0
	for k < end && connectives.has(lower(toks[k])) {
		k++
	}
	if k >= end || !subordinators.has(lower(toks[k])) {
		return clause{}, false
	}
	for j := k + 1; j+1 < end; j++ {
		switch toks[j].Text {
		case ";", ":":
			return clause{}, false
		case ",":
			if c, ok := parseAt(toks, j+1, end); ok {
				return c, true
			}
		}
	}
	return clause{}, false
}
