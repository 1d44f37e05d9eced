package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// sentenceEnd is the end of the sentence's last word: trailing punctuation and quotation marks
// are not part of any clause.
func sentenceEnd(toks []passage.Token) int {
	end := len(toks)
	for end > 0 && toks[end-1].Kind != passage.Word && toks[end-1].Kind != passage.Number {
		end--
	}
	return end
}

// clauseStart reports whether a clause may start at toks[k]: at the sentence's start, after
// punctuation, or after a word that opens a clause (but not "for" that opens a length of time).
func clauseStart(toks []passage.Token, k int) bool {
	if k == 0 {
		return true
	}
	p := toks[k-1]
	if _, ok := duration(toks, k-1); ok && lower(p) == "for" {
		return false // "had for many days watched": "for" is a preposition, not "for" as because
	}
	return p.Kind == passage.Punct || clauseOpeners.has(lower(p)) || relatives.has(lower(p)) || connectives.has(lower(p))
}

// findClause finds the clause that holds the answer a: the nearest clause start at or before
// a.i from which parseAt reads a subject and a verb, with the answer as the subject, in the verb
// group, or in the predicate before the clause ends. Speech is read too: a reported clause is
// as good a statement as any.
func findClause(toks []passage.Token, a span) (clause, bool) {
	end := sentenceEnd(toks)
	if a.i >= end || !english(toks) {
		return clause{}, false
	}
	for k := a.i; k >= 0; k-- {
		if k < a.i && !clauseStart(toks, k) && !relativeAt(toks, k) {
			continue // the answer may start a clause anywhere ("Thereupon [he grew strong]")
		}
		c, ok := clauseAt(toks, k, end)
		if ok && c.subj.i > a.i {
			continue // the answer is in the fronted phrase
		}
		for ok && a.i >= c.end {
			c, ok = nextPredicate(toks, c, end) // the answer is in a later verb phrase of the subject
		}
		if ok && (a.i == c.subj.i || a.i >= c.verb && a.i < c.end || adverbsBefore(toks, c, a.i)) {
			return c, true
		}
	}
	return clause{}, false
}

// clauseAt reads a clause that starts at toks[k] and ends by end: a subject and its verb, with a
// phrase between commas after the subject, or after a fronted phrase.
func clauseAt(toks []passage.Token, k, end int) (clause, bool) {
	if c, ok := speechTag(toks, k, end); ok {
		return c, true // before parseAt: `," the cat said, and went away` is about going away
	}
	if c, ok := parseAt(toks, k, end); ok {
		return c, true
	}
	if c, ok := parenthetical(toks, k, end); ok {
		return c, true
	}
	if c, ok := relativeSubject(toks, k, end); ok {
		return c, true
	}
	if f := fronted(toks, k, end); f > k {
		return parseAt(toks, f, end)
	}
	return clause{}, false
}

// nextPredicate reads the verb phrase after c that shares c's subject: "The cat crept around the
// herd, and then [sprang between the horns]", "He grew angry and wanted to throw her out".
func nextPredicate(toks []passage.Token, c clause, end int) (clause, bool) {
	k := c.end
	if k < end && toks[k].Text == "," {
		k++
	}
	if k >= end || lower(toks[k]) != "and" && lower(toks[k]) != "but" && lower(toks[k]) != "then" {
		return c, false
	}
	k++
	for k < end && (midAdverbs.has(lower(toks[k])) || lower(toks[k]) == "so") {
		k++
	}
	before := span{c.verb, c.end}
	c, ok := predicate(toks, c, k, end)
	c.before = before
	return c, ok
}

// parenthetical reads a clause whose subject is followed by a phrase between commas before its
// verb: "Assipattle, knowing his father's secret, clapped her …"; the question leaves the phrase
// out.
func parenthetical(toks []passage.Token, k, end int) (clause, bool) {
	c := clause{lead: k, main: -1}
	j, ok := nounPhrase(toks, k, end)
	if subjectPronouns.has(lower(toks[k])) {
		j, ok = k+1, true
	}
	if !ok || j >= end || toks[j].Text != "," {
		return c, false
	}
	c.subj = span{k, j}
	for f := j + 2; f < end && f < j+12; f++ {
		if toks[f].Text == "," {
			return predicate(toks, c, f+1, end)
		}
	}
	return c, false
}

// segmentBreak reports whether a clause ends before toks[k]: at ; : or a dash, or at a comma
// before a word that opens a clause or a subject pronoun.
func segmentBreak(toks []passage.Token, k int) bool {
	t := toks[k].Text
	switch {
	case t == ";" || t == ":" || t == "—" || t == "–" || t == "--" || t == "-" && k > 0 && toks[k-1].End == toks[k].Start && k+1 < len(toks) && toks[k+1].Start == toks[k].End && toks[k+1].Text == "-":
		return true
	case t == "," && k+1 < len(toks):
		n := lower(toks[k+1])
		return clauseOpeners.has(n) || subjectPronouns.has(n) || relatives.has(n)
	}
	return false
}

// frontPreps open a phrase that may stand before a clause's subject ("With these words he …").
var frontPreps = &wordSet{list: `with in at on after before during from by under near among for`}

// frontPairs are two words that stand before a clause's subject as one adverb.
var frontPairs = map[string]bool{"once more": true, "once again": true, "at last": true, "at length": true,
	"at first": true, "at once": true, "of course": true, "in vain": true}

// frontAdverbs may stand alone before a clause's subject ("Sometimes they wrote …", "There she
// met …", "Down at the water's edge he found …").
var frontAdverbs = &wordSet{list: `sometimes there here down up away out meanwhile afterwards suddenly presently
soon now then still again thus`}

// fronted returns where the subject starts after adverbial phrases fronted at k, with or without
// a comma after them: time phrases ("Every morning he went …"), a preposition and a noun phrase
// ("With these words he kneeled …"), a participle and its phrase ("Maddened with pain the Snake
// tried …"), and adverbs ("Sometimes they wrote …", "Once more …", "At last …"), up to three; k
// when there are none.
func fronted(toks []passage.Token, k, end int) int {
	for n := 0; n < 3 && k < end; n++ {
		j, ok := timePhrase(toks, k)
		if !ok {
			j, ok = duration(toks, k) // "All day the fox slept"
		}
		if !ok && frontPreps.has(lower(toks[k])) {
			j, ok = nounPhrase(toks, k+1, end)
		}
		if w := lower(toks[k]); !ok && (pastEd(w) || ingForm(w)) && k+2 < end && frontPreps.has(lower(toks[k+1])) {
			// A participle's phrase: "Maddened with pain the Snake tried …"
			if e, np := nounPhrase(toks, k+2, end); np {
				j, ok = e, true
			} else if x := lower(toks[k+2]); toks[k+2].Kind == passage.Word && !stops.has(x) && !determiners.has(x) && !pronouns.has(x) {
				j, ok = k+3, true
			}
		}
		if k+1 < end && !ok && frontPairs[lower(toks[k])+" "+lower(toks[k+1])] {
			j, ok = k+2, true // "Once more Mercury dived …", "At last he …"
		}
		if w := lower(toks[k]); !ok && (frontAdverbs.has(w) || strings.HasSuffix(w, "ly") && toks[k].Kind == passage.Word) {
			j, ok = k+1, true
		}
		if !ok {
			break
		}
		if j < end && toks[j].Text == "," {
			j++
		}
		k = j
	}
	return k
}

// relativeAt reports whether a relative pronoun that may be its clause's subject stands at
// toks[k]: "who" or "which", or "that" after a noun ("a poor woman that had three daughters").
func relativeAt(toks []passage.Token, k int) bool {
	if k == 0 {
		return false
	}
	w := lower(toks[k])
	return w == "who" || w == "which" || w == "that" && afterNoun(toks[k-1])
}

// relativeSubject reads a relative clause whose pronoun is its subject, with the noun phrase the
// pronoun stands for as the subject: "Ebe, who was just polishing the door-sill" reads as "Ebe
// was just polishing the door-sill".
func relativeSubject(toks []passage.Token, k, end int) (clause, bool) {
	if !relativeAt(toks, k) {
		return clause{}, false
	}
	e := k
	if toks[e-1].Text == "," {
		e--
	}
	for s := max(0, e-6); s < e; s++ {
		if j, ok := nounPhrase(toks, s, e); ok && j == e || s == e-1 && subjectPronouns.has(lower(toks[s])) {
			return predicate(toks, clause{lead: s, subj: span{s, e}, main: -1}, k+1, end)
		}
	}
	return clause{}, false
}
