package rules

import (
	"strings"
	"unicode"

	"fabulist/model/qa/passage"
)

// candidate is an answer span and the wh-phrase that asks for it. cut is what the question leaves
// out of the sentence: the answer itself, or a phrase holding it ("three sons" for "three").
type candidate struct {
	ans, cut  span
	wh        string
	clozeOnly bool // a possessive ("the Slave's"), or a name inside "of …" or after "in" ("in Council"): only a cloze asks well
}

// candidates lists the answers the rules can ask about in one parsed sentence, in no order.
func candidates(rs []rune, toks []passage.Token, c clause, parsed bool) []candidate {
	if heading(toks) {
		return nil
	}
	var out []candidate
	add := func(a span, wh string) { out = append(out, candidate{ans: a, cut: a, wh: wh}) }
	if parsed {
		out = append(out, nounCandidates(rs, toks, c.subj)...)
		if j, ok := duration(toks, c.verbEnd); ok && c.verbEnd < c.end {
			add(span{c.verbEnd, j}, "How long") // "slept all day": no object
		} else if j, ok := objectAt(toks, c); ok {
			objs := nounCandidates(rs, toks, span{c.verbEnd, j})
			if np, head, modified, light := lightEvent(toks, c); light && len(objs) > 0 && objs[0].ans.i == np.i {
				// "had a nasty fall": "What kind of fall did he have?", or a cloze; never "What did he have?"
				objs[0].clozeOnly = !modified
				objs[0].wh = "What kind of " + lower(toks[head])
			}
			out = append(out, objs...)
		}
		for k := c.verbEnd; k < c.end; k++ {
			if !wherePreps.has(lower(toks[k])) || k+1 >= c.end || !determiners.has(lower(toks[k+1])) || phrasal(toks, k) || feelings.has(lower(toks[k-1])) || j0(idiomAt(toks, k)) > k || afterQuality(toks, k) {
				// "looked surprised at the question": what the feeling is about, no place; nor "in a body"
				continue
			}
			head := toks[j0(nounPhrase(toks, k+1, c.end))-1]
			if capitalised(head) || isAnimate(lower(head)) || causeNouns.has(lower(phraseHead(toks, span{k + 1, c.end}))) || notPlaces.has(lower(head)) || notPlaces.has(lower(phraseHead(toks, span{k + 1, c.end}))) || feelings.has(lower(head)) {
				continue // "at the Tortoise" is asked with Who; "from a disease", "in the following way" name no place
			}
			if _, when := timePhrase(toks, k); when {
				continue // "in the middle of the night", "on a cold winter night": asked with When below
			}
			if j, ok := nounPhrase(toks, k+1, c.end); ok && !timeNouns.has(lower(toks[j-1])) && !groundsThat(toks, j) {
				add(span{k, j}, "Where")
				// Only the first place: a question about a later one keeps the first, which
				// answers it ("Where was a Crow sitting on a branch of a tree with a piece of
				// cheese?" asked for "in her beak").
				break
			}
		}
		if c.inner.j-c.inner.i > 1 {
			if _, ok := duration(toks, c.inner.i); ok {
				add(c.inner, "How long") // "had all the time been prowling"
			} else if _, ok := innerTime(toks, c.inner.i); ok {
				add(c.inner, "When") // "had that night eaten"
			}
		}
		if a, ok := reason(toks, c.verbEnd); ok && (a.i == c.end || a.i == c.end+1 && toks[c.end].Text == ",") {
			add(a, "Why") // a reason after a later clause is that clause's, not this one's; a comma may stand before it
		}
	}
	covered := func(k int) bool {
		for _, c := range out {
			if k >= c.cut.i && k < c.cut.j {
				return true
			}
		}
		return false
	}
	for k := 0; k < len(toks); k++ {
		if covered(k) {
			continue
		}
		if j, ok := duration(toks, k); ok && (!parsed || k != c.subj.i) {
			add(span{k, j}, "How long") // "for three days"; not a subject ("Seven years passed")
			k = j - 1
			continue
		}
		if j, ok := timePhrase(toks, k); ok {
			if !storyOpening(toks, span{k, j}) {
				add(span{k, j}, "When")
			}
			k = j - 1
		}
	}
	// Names and numbers elsewhere: asked where they stand in the clause, else as a cloze.
	for k := 1; k < len(toks); k++ {
		t := toks[k]
		switch {
		case covered(k):
		case capitalised(t) && !months.has(lower(t)) && !weekdays.has(lower(t)) && !determiners.has(lower(t)) && !pronouns.has(lower(t)) &&
			!strings.HasPrefix(lower(t), "i'") && !strings.HasPrefix(lower(t), "i’") &&
			(toks[k-1].Kind != passage.Punct || toks[k-1].Text == ","):
			// A capital after a quotation mark or a colon starts speech, not a name.
			i, j := k, k+1
			for j < len(toks) && capitalised(toks[j]) {
				j++
			}
			if determiners.has(lower(toks[i-1])) {
				i--
			}
			last := toks[j-1].Text
			wh := "Who"
			if filledWith(toks, span{i, j}) || intoThing(toks, span{i, j}) {
				wh = "What" // "overrun with Mice", "dropping pebbles into the Pitcher"
			}
			out = append(out, candidate{ans: span{i, j}, cut: span{i, j}, wh: wh,
				clozeOnly: strings.HasSuffix(last, "'s") || strings.HasSuffix(last, "’s") || i > 0 && (lower(toks[i-1]) == "of" || lower(toks[i-1]) == "in")})
			k = j - 1
		case t.Kind == passage.Number || numberWords.has(lower(t)):
			if j, ok := nounPhrase(toks, k, len(toks)); ok && j > k+1 {
				// "to three beggars": "How many beggars did he give bread to?", not "How many did
				// he give bread to beggars?"
				i := k
				if determiners.has(lower(toks[k-1])) {
					i = k - 1 // "the three princesses": the question leaves out "the" too
				}
				out = append(out, candidate{ans: span{k, k + 1}, cut: span{i, j}, wh: "How many " + strings.ToLower(render(rs, toks, k+1, j))})
				k = j - 1
				continue
			}
			add(span{k, k + 1}, "How many")
		}
	}
	if len(toks) > 0 && toks[0].Kind == passage.Number {
		add(span{0, 1}, "How many")
	}
	return out
}

// objectAt returns the end of the noun phrase right after the verb group: the object of a main
// verb, or the complement of a copula ("a clever animal").
func objectAt(toks []passage.Token, c clause) (int, bool) {
	k := c.verbEnd
	if k >= c.end {
		return k, false
	}
	if c.main >= 0 && objectPronouns.has(lower(toks[k])) {
		return k + 1, true
	}
	return nounPhrase(toks, k, c.end)
}

// nounCandidates asks about a noun phrase with Who or What, and about a number at its head with
// How many, or How much for money ("five pounds").
func nounCandidates(rs []rune, toks []passage.Token, np span) []candidate {
	head := toks[np.j-1]
	if np.j-np.i == 1 && pronouns.has(lower(head)) {
		return nil // "Who trembled with anger?" "He": the answer tells a reader nothing
	}
	wh := whoOrWhat(rs, toks, np) // by the head before "of": "the life of Man" is What
	out := []candidate{{ans: np, cut: np, wh: wh}}
	if first := toks[np.i]; np.j-np.i > 1 && (first.Kind == passage.Number || numberWords.has(lower(first)) && !nameCapital(rs, toks, np.i)) {
		if moneyNouns.has(lower(head)) {
			out = append(out, candidate{ans: np, cut: np, wh: "How much"})
		} else {
			rest := strings.ToLower(render(rs, toks, np.i+1, np.j))
			if capitalised(toks[np.i+1]) {
				rest = render(rs, toks, np.i+1, np.j)
			}
			out = append(out, candidate{ans: span{np.i, np.i + 1}, cut: np, wh: "How many " + rest})
		}
	}
	return out
}

// nameCapital reports whether the number word toks[k] of the passage rs is written with a
// capital that its place does not explain, here or in a sentence nearby, so that it is part of a
// name ("Seven Inches"), not a count.
func nameCapital(rs []rune, toks []passage.Token, k int) bool {
	return capitalised(toks[k]) && (!sentenceInitial(toks, k) || capitalMidSentence(rs, toks[k]))
}

// j0 drops the flag of nounPhrase, whose end is its start when it finds nothing.
func j0(j int, _ bool) int { return j }

// isReason reports whether "because", "so that" or "in order to" starts at toks[k].
func isReason(toks []passage.Token, k int) bool {
next:
	for _, r := range reasons {
		for n, w := range r {
			if k+n >= len(toks) || lower(toks[k+n]) != w {
				continue next
			}
		}
		return true
	}
	return false
}

// reason finds "because …", "so that …" or "in order to …" after from, to the end of the
// sentence or the next ; or :.
func reason(toks []passage.Token, from int) (span, bool) {
	for k := from; k < len(toks); k++ {
		if !isReason(toks, k) {
			continue
		}
		j := k + 1
		for j < len(toks) && toks[j].Text != ";" && toks[j].Text != ":" && toks[j].Text != "," {
			j++
		}
		for j > k+1 && toks[j-1].Kind == passage.Punct {
			j--
		}
		if j > k+2 {
			return span{k, j}, true
		}
	}
	return span{}, false
}

// isPronoun reports whether a span is a lone pronoun.
func isPronoun(toks []passage.Token, a span) bool {
	return a.j-a.i == 1 && pronouns.has(lower(toks[a.i]))
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// storyOpening reports whether a is "once upon a time", which says that a story starts, not when
// anything happened: "When did all the Mice meet together?" asked for it tells a reader nothing.
func storyOpening(toks []passage.Token, a span) bool {
	want := []string{"once", "upon", "a", "time"}
	if a.j-a.i != len(want) {
		return false
	}
	for n, w := range want {
		if lower(toks[a.i+n]) != w {
			return false
		}
	}
	return true
}

// afterQuality reports whether toks[k] follows an intensifier and a word ("so slow upon his
// feet", "very good at his trade"): the phrase says in what the quality is, not where.
func afterQuality(toks []passage.Token, k int) bool {
	return k >= 2 && intensifiers.has(lower(toks[k-2])) && plainWord(toks[k-1])
}

// groundsThat reports whether the noun phrase that ends before toks[j] is "the ground" or "the
// grounds" before "that": a reason ("objected on the ground that it …"), not a place.
func groundsThat(toks []passage.Token, j int) bool {
	if j < 1 || j >= len(toks) || lower(toks[j]) != "that" {
		return false
	}
	w := lower(toks[j-1])
	return w == "ground" || w == "grounds"
}

// notPlaces head a phrase after a preposition of place that is a manner or a span of a life, not
// a place: "in the following way", "in its life", "in some concern". A feeling ("in a rage")
// is none either, nor what someone wears ("clothed himself in a sheepskin": "Where did the Wolf
// clothe himself?" was a trial's fault), nor a trap ("got entangled in a net": "Where did the
// Lion get entangled?" was another).
var notPlaces = &wordSet{list: `way manner fashion life lifetime childhood youth concern haste
sheepskin skin lionskin cloak coat clothes clothing garment garments robe robes dress gown mantle
disguise armour armor rags costume uniform net nets trap traps snare snares noose toils`}
