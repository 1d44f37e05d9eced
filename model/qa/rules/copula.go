package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// This file asks for the complement of "was" or "is" whose subject the rules cannot read as a
// noun phrase: "The first bird he killed was [a tom-tit]", "The remarkable thing about this
// child was [his great strength]". The fallback gave "The first bird he killed was what ?"; the
// subject, whatever it holds, moves behind the verb: "What was the first bird he killed?".

// copulas are the forms of be that join a subject to its complement.
var copulas = &wordSet{list: `was were is are`}

// askCopula asks for the answer a after a copula at the end of its clause, with the words from
// the clause's start to the copula as the subject.
func askCopula(rs []rune, toks []passage.Token, a span) (string, bool) {
	end := sentenceEnd(toks)
	v := a.i - 1
	if v < 1 || !copulas.has(lower(toks[v])) || a.j < end && toks[a.j].Kind != passage.Punct {
		return "", false
	}
	if _, ok := nounPhrase(toks, a.i, a.j); !ok {
		return "", false // a quality ("overjoyed") is asked as one by the clause rules
	}
	s := v - 1
	for s > 0 && !clauseStart(toks, s) {
		s--
	}
	if f := lower(toks[s]); !determiners.has(f) && (!capitalised(toks[s]) || stops.has(f)) || complementisers.has(f) || v-s > 8 || v-s < 2 {
		return "", false // the subject starts as a noun phrase does, "The only weapon he carried"; not "Among those saved", nor "this" alone
	}
	for k := s; k < v; k++ {
		if toks[k].Kind == passage.Punct {
			return "", false
		}
	}
	subj := render(rs, toks, s, v)
	if first := lower(toks[s]); determiners.has(first) || !nameCapital(rs, toks, s) && !person(rs, toks, s) {
		subj = strings.ToLower(subj[:1]) + subj[1:]
	}
	return finish(join(whoOrWhat(rs, toks, a), lower(toks[v]), subj)), true
}
