package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// A participle phrase set off by commas ("he dived into the river and, bringing up a golden axe,
// asked him …") has the subject of the clause it stands in, and no verb of its own that a clause
// rule reads: the answer inside it was asked as the main clause's object ("Who did the Fox run
// home, carrying?") or as a fragment ("bringing up what, asked him …?"). askParticiple asks it as
// what the subject did: "What did he bring up?".

// askParticiple asks about an answer inside a participle phrase that follows a comma or opens
// the sentence, after its participle: "What did the Fox carry?" for "The Fox ran home, carrying
// the goose". It reports false for any other answer, and when it finds no subject.
func askParticiple(rs []rune, toks []passage.Token, a span) (string, bool) {
	end := sentenceEnd(toks)
	p := a.i - 1
	for p >= 0 && toks[p].Kind == passage.Word && !ingForm(lower(toks[p])) {
		p--
	}
	if p < 0 || toks[p].Kind != passage.Word || p > 0 && toks[p-1].Text != "," {
		return "", false
	}
	e := p + 1
	for e < end && toks[e].Kind != passage.Punct {
		e++
	}
	if a.j > e {
		return "", false
	}
	subj, do, ok := participleSubject(toks, p, e, end)
	if !ok {
		return "", false
	}
	base := ingBase(lower(toks[p]))
	before := render(rs, toks, p+1, a.i)
	after := render(rs, toks, a.j, e)
	if wherePreps.has(lower(toks[a.i])) && place(toks, a, "") {
		return finish(join("Where", do, subjectBehind(rs, toks, subj), base, before, after)), true
	}
	return finish(join(whoOrWhat(rs, toks, a), do, subjectBehind(rs, toks, subj), base, before, after)), true
}

// ingForm reports whether w (lower case) is a present participle: "bringing", not "king" or
// "morning".
func ingForm(w string) bool {
	return strings.HasSuffix(w, "ing") && len(w) > 5 && !nounIngs.has(w) && !ingPreps.has(w)
}

// ingPreps end in -ing but are prepositions: "during the night".
var ingPreps = &wordSet{list: `during notwithstanding according concerning regarding including considering excepting`}

// participleSubject finds the subject of the participle phrase toks[p:e] and the do-support its
// clause's tense takes: the subject after the phrase when it opens the sentence ("Bringing up
// an axe, Mercury asked …"), else that of the nearest finite verb before it ("he dived into the
// river and, bringing up …"), else the noun phrase right before it ("Assipattle, knowing the
// secret, clapped …").
func participleSubject(toks []passage.Token, p, e, end int) (span, string, bool) {
	subjectAt := func(k int) (span, bool) { // a subject that ends at k
		if k > 0 && subjectPronouns.has(lower(toks[k-1])) {
			return span{k - 1, k}, true
		}
		for s := max(0, k-5); s < k; s++ {
			if j, ok := nounPhrase(toks, s, k); ok && j == k {
				return span{s, k}, true
			}
		}
		return span{}, false
	}
	if p == 0 {
		if e+1 >= end || toks[e].Text != "," {
			return span{}, "", false
		}
		c, ok := parseAt(toks, e+1, end)
		return c.subj, doFor(toks[c.verb]), ok
	}
	for k := p - 2; k > 0; k-- {
		if toks[k].Kind != passage.Word {
			continue
		}
		w := lower(toks[k])
		if t, _ := mainVerb(w); t == notVerb && !auxiliaries.has(w) {
			continue
		}
		v := k
		for k > 0 && (midAdverbs.has(lower(toks[k-1])) || strings.HasSuffix(lower(toks[k-1]), "ly")) {
			k--
		}
		if s, ok := subjectAt(k); ok {
			return s, doFor(toks[v]), true
		}
		return span{}, "", false
	}
	s, ok := subjectAt(p - 1)
	if !ok || e+1 >= end || toks[e].Text != "," {
		return span{}, "", false
	}
	return s, doFor(toks[e+1]), true
}

// doFor is the do-support for the tense of the finite verb t: "does" for a present ("goes",
// "is", "has"), else "did".
func doFor(t passage.Token) string {
	w := lower(t)
	if tense, _ := mainVerb(w); tense == third || w == "is" || w == "are" || w == "am" || w == "has" || w == "have" || w == "does" || w == "do" {
		return "does"
	}
	return "did"
}

// ingBase returns the base form of a present participle: the verb tables first ("bringing" →
// "bring", "giving" → "give", "running" → "run"), then the spelling rules of a regular past
// tense.
func ingBase(w string) string {
	stem := strings.TrimSuffix(w, "ing")
	n := len(stem)
	switch {
	case knownBase(stem):
		return stem
	case knownBase(stem + "e"):
		return stem + "e"
	case n > 2 && stem[n-1] == stem[n-2] && knownBase(stem[:n-1]):
		return stem[:n-1]
	case strings.HasSuffix(stem, "y"):
		if regular.has(stem[:n-1] + "ie") {
			return stem[:n-1] + "ie" // lying, dying
		}
	}
	return stripEd(stem + "ed")
}
