package rules

import (
	"strings"

	"fabulist/model/qa"
	"fabulist/model/qa/passage"
)

// This file asks about a given answer (Generator.Ask) the way people ask about stories: it reads
// the clause that holds the answer, picks the wh-word from the answer and the words around it,
// and keeps only that clause, in question order. FairytaleQA's questions are short (10 words on
// average against 24 for its answers' sentences) and name the clause's subject and verb, so the
// rules below each turn one common shape of answer into that form.

// clauseOpeners are the words after which a new clause may start: coordinating and subordinating
// conjunctions, and the relative pronouns (whose clause the rules read with its own subject).
var clauseOpeners = &wordSet{list: `and but or for so yet because when then that as since while till until if after
before though although where once whereupon whilst unless`}

// feelings are the words that name a feeling; an answer ending in one is asked with "How did X
// feel?", the way people ask about a character's state ("the King was angry" → "How did the
// King feel?").
var feelings = &wordSet{list: `happy glad pleased delighted content contented satisfied sad sorry unhappy miserable
angry furious cross vexed annoyed afraid frightened scared terrified fearful anxious worried nervous
surprised astonished amazed ashamed proud jealous envious grateful thankful lonely joyful merry
curious disappointed grieved troubled overjoyed uneasy impatient desperate despaired sorrowful wretched
joy anger fear grief sorrow delight rage fury astonishment amazement surprise terror distress
despair pity shame love wonder dismay horror alarm relief gladness sadness happiness`}

// askClause writes the question for the answer a of a sentence by the rules below, or reports
// that none applies.
func askClause(rs []rune, toks []passage.Token, a span) (string, bool) {
	if q, ok := askSpeaker(rs, toks, a); ok {
		return q, true // `"I am hungry," said [the cat]`
	}
	if q, ok := askTagFeeling(rs, toks, a); ok {
		return q, true // `," said the Princess in [distress]`
	}
	if q, ok := askRelative(rs, toks, a); ok {
		return q, true
	}
	if purpose(toks, a) {
		// "went home again, [to see whether …]", "[because he was hungry]" → "Why did Ebe go
		// home again?"
		if q, ok := whyBefore(rs, toks, a.i); ok {
			return q, true
		}
	}
	if q, ok := askFrontedTime(rs, toks, a); ok {
		return q, true
	}
	if q, ok := askParticiple(rs, toks, a); ok {
		return q, true // ", bringing up a golden axe," → "What did he bring up?"
	}
	c, ok := findClause(toks, a)
	if !ok {
		if q, ok := askInversion(rs, toks, a); ok {
			return q, true // "In the chariot sat [a band of luminous beings]"
		}
		return askCopula(rs, toks, a) // "The first bird he killed was [a tom-tit]"
	}
	if adverbsBefore(toks, c, a.i) {
		a.i = c.verb // "[never did any work]": the adverb is the predicate's
	}
	if c.main < 0 && a.i > c.verb && a.i < c.verbEnd && a.j > c.verbEnd {
		a.i = c.verbEnd // "was [not well pleased]": the quality, asked as a copula's complement
	}
	if q, ok := askInner(rs, toks, c, a); ok {
		return q, true // "had [all the time] been prowling"
	}
	switch {
	case a.i == c.subj.i && a.j > c.verb:
		return askWhole(rs, toks, c, a)
	case a.i == c.subj.i && a.j >= c.subj.j:
		return askSubject(rs, toks, c, a)
	case a.i >= c.verb && a.i < c.verbEnd:
		return askPredicate(rs, toks, c, a)
	case a.i >= c.verbEnd:
		return askObject(rs, toks, c, a)
	}
	return "", false
}

// askFrontedTime asks When about a time phrase that stands before its clause's subject, with
// the clause in question order: "That night the Wolf came to the fold" → "When did the Wolf come
// to the fold?".
func askFrontedTime(rs []rune, toks []passage.Token, a span) (string, bool) {
	wh := "When"
	if j, ok := duration(toks, a.i); ok && j == a.j {
		wh = "How long" // "All day the fox slept"
	} else if j, ok := timePhrase(toks, a.i); !ok || j != a.j {
		return "", false
	}
	if !clauseStart(toks, a.i) {
		return "", false
	}
	end := sentenceEnd(toks)
	k := a.j
	if k < end && toks[k].Text == "," {
		k++
	}
	if k >= end {
		return "", false
	}
	c, ok := clauseAt(toks, k, end)
	if !ok || c.subj.i != k {
		return "", false
	}
	return finish(join(wh, inverted(rs, toks, c), render(rs, toks, c.verbEnd, c.end))), true
}

// askSubject asks for the subject by putting the wh-word in its place: no inversion is needed
// ("The Fox saw the grapes" → "Who saw the grapes?").
func askSubject(rs []rune, toks []passage.Token, c clause, a span) (string, bool) {
	from := a.j
	if c.tagged {
		from = c.verb // `said [the cat], and spoke …` → "Who spoke …?"
	}
	return finish(subjectWh(whoOrWhat(rs, toks, a), toks, from, c.end) + " " + render(rs, toks, from, subjectQuestionEnd(toks, c, from))), true
}

// subjectQuestionEnd is where a question that asks for the subject of c, and keeps toks[from:]
// of its predicate, ends: the clause's end, after the verb phrase a lone verb shares by "and"
// (loneVerb), and after the relative clause that says which thing a copula's complement is
// ("Who were the people who kept the shop?", not "Who were the people?").
func subjectQuestionEnd(toks []passage.Token, c clause, from int) int {
	sentEnd := sentenceEnd(toks)
	end := loneVerb(toks, from, c.end, sentEnd)
	if w := lower(toks[min(end, len(toks)-1)]); c.main < 0 && end == c.end && end > c.verbEnd && end+1 < sentEnd && (w == "who" || w == "which" || w == "whom") {
		end = clauseEnd(toks, end+1, sentEnd)
	}
	return end
}

// subjectWh is wh for a subject whose predicate is toks[from:end], or Who when the predicate
// says "himself" or "herself" of it: a person, whatever the word list says of its noun ("A
// villain may disguise himself" → "Who may disguise himself?").
func subjectWh(wh string, toks []passage.Token, from, end int) string {
	for k := from; k < end && k < len(toks); k++ {
		if w := lower(toks[k]); w == "himself" || w == "herself" {
			return "Who"
		}
	}
	return wh
}

// loneVerb returns the end of a predicate toks[from:end], reaching past end over "and" or "or"
// and the verb phrase after it when the predicate is one verb alone: "a Charcoal-burner who
// lived and worked by himself" asks "Who lived and worked by himself?", not "Who lived?".
// sentEnd bounds the reach.
func loneVerb(toks []passage.Token, from, end, sentEnd int) int {
	if end != from+1 || end+1 >= sentEnd {
		return end
	}
	if w := lower(toks[end]); w != "and" && w != "or" {
		return end
	}
	if t, _ := mainVerb(lower(toks[end+1])); t == notVerb {
		return end
	}
	return clauseEnd(toks, end+2, sentEnd)
}

// whoOrWhat asks for a noun phrase: Who for a person or a character (a capitalised head that is
// no common noun, see person, or an animate noun), What otherwise.
func whoOrWhat(rs []rune, toks []passage.Token, a span) string {
	j, _ := nounPhrase(toks, a.i, a.j)
	if j <= a.i {
		j = a.j
	}
	for k := a.i + 1; k < j; k++ {
		if lower(toks[k]) == "of" && !(k == a.i+1 && partitives.has(lower(toks[a.i]))) && !groupNouns.has(lower(toks[k-1])) {
			j = k // "the son of a poor family": the head is "son"; but "many of the men" are men
			break
		}
	}
	head := toks[j-1]
	if filledWith(toks, a) {
		return "What" // "overrun with [Mice]"
	}
	if w := lower(head); w != "it" && (person(rs, toks, j-1) || isAnimate(w) || pronouns.has(w) && w != "its" || anyone(toks, span{a.i, j})) {
		return "Who"
	}
	return "What"
}

// groupNouns count what follows their "of": "a pair of Oxen" are oxen, asked with Who.
var groupNouns = &wordSet{list: `pair couple number group flock herd band troop crowd company party pack swarm host multitude`}

// isAnimate reports whether a lower-case noun names a person or an animal, reading a compound
// by its last part ("page-boy" is a boy), but a relative by marriage by its first ("son-in-law").
func isAnimate(w string) bool {
	for _, inLaw := range []string{"-in-law", "‐in‐law"} {
		if s, ok := strings.CutSuffix(w, inLaw); ok {
			w = s // "son-in-law" is a son, not a law
		}
	}
	if i := strings.LastIndexAny(w, "-‐"); i >= 0 {
		w = w[i+1:]
	}
	if animate.has(w) {
		return true
	}
	// A plural: "three princes", "the witches".
	return strings.HasSuffix(w, "s") && animate.has(w[:len(w)-1]) || strings.HasSuffix(w, "es") && animate.has(w[:len(w)-2])
}

// askPredicate asks for an answer that starts with the verb: what the subject did. The verb
// becomes "do" with do-support ("The cat sprang between the horns" → "What did the cat do?"),
// or stays behind its auxiliary ("he would point" → "What would he do?", "Ebe was polishing the
// door-sill" → "What was Ebe doing?").
func askPredicate(rs []rune, toks []passage.Token, c clause, a span) (string, bool) {
	subj := subjectBehind(rs, toks, c.subj)
	rest := render(rs, toks, a.j, c.end)
	if c.main < 0 {
		return "", false // a copula's complement: asked as an object
	}
	if rest == "" {
		rest = setting(rs, toks, a)
	}
	if rest == "" && c.before.j > c.before.i {
		// "The cat crept around the herd, and then sprang …" → "What did the cat do after the
		// cat crept around the herd?"
		rest = "after " + join(subj, render(rs, toks, c.before.i, c.before.j))
	}
	if c.tense != notVerb {
		do := "did"
		if c.tense == third {
			do = "does"
		}
		return finish(join("What", do, subj, "do", rest)), true
	}
	if a.i != c.main && (a.i != c.verb || a.j <= c.main) {
		return "", false // but "[could not get a sight of his enemy]", from the auxiliary, is the predicate too
	}
	aux := lower(toks[c.verb])
	if be.has(aux) && feelings.has(lower(toks[c.main])) && a.j-a.i <= 3 {
		return finish(join("How", feelInverted(rs, toks, c), rest)), true // "was overjoyed" is a feeling, not a passive
	}
	if be.has(aux) && !progressive(lower(toks[c.main])) || passiveAfter(toks, c) {
		// A passive: "She was brought before the Council" → "What happened to her?"
		return finish(join("What happened to", objectCase(subj), rest)), true
	}
	between := verbGroup(rs, toks, c, c.verb+1, c.main) // "not", "been"
	doing := "do"
	if progressive(lower(toks[c.main])) {
		doing = "doing"
	} else if !modals.has(aux) || lower(toks[c.main-1]) == "have" {
		doing = "done" // "What would the king have done?"
	}
	return finish(join("What", aux, subj, between, doing, rest)), true
}

// haveTo reports whether a is a thing that is the object of "have" before an infinitive ("had
// [the good fortune] to possess a Goose"): asked about, it leaves "have to", which reads as "must"
// ("What did the Man and his Wife have to possess a Goose?", a trial). Someone had is asked as
// before ("Who did the Lion have to attend on him?"). startsVerb alone refuses "possess" for its
// -s, which plurals have.
func haveTo(rs []rune, toks []passage.Token, c clause, a span) bool {
	next := a.j + 1
	if c.base != "have" || a.i != c.verbEnd || next >= c.end || lower(toks[a.j]) != "to" || whoOrWhat(rs, toks, a) == "Who" {
		return false
	}
	w := lower(toks[next])
	return startsVerb(toks[next]) || toks[next].Kind == passage.Word && !capitalised(toks[next]) && !determiners.has(w) &&
		!pronouns.has(w) && !stops.has(w) && !numberWords.has(w)
}

// askObject asks for an answer after the verb group, with the subject and the verb in question
// order (do-support for a main verb): "What did the Fox see?", "Where did the Fox go to?",
// "How many sons did the Farmer have?", "How did the King feel?", "What did the cat beg the
// bridegroom to do?".
func askObject(rs []rune, toks []passage.Token, c clause, a span) (string, bool) {
	inv := inverted(rs, toks, c)
	before := render(rs, toks, c.verbEnd, a.i)
	after := render(rs, toks, a.j, c.end)
	if a.j > c.end {
		after = ""
	}
	last := lower(toks[a.j-1])
	prev := ""
	if a.i > c.verbEnd {
		prev = lower(toks[a.i-1])
	}
	if haveTo(rs, toks, c, a) {
		return "", false
	}
	switch {
	case feelings.has(last) && a.j-a.i <= 3:
		// "the boy was very glad" → "How did the boy feel?"
		return finish(join("How", feelInverted(rs, toks, c), after)), true
	case prev == "to" && startsVerb(toks[a.i]) || lower(toks[a.i]) == "to" && a.j > a.i+1 && startsVerb(toks[a.i+1]):
		// An infinitive after the verb: "begged the bridegroom to cut off her head".
		if prev != "to" {
			before = join(before, "to")
		}
		return finish(join("What", inv, before, "do", after)), true
	case a.j-a.i <= 3 && (toks[a.i].Kind == passage.Number || numberWords.has(lower(toks[a.i])) && !nameCapital(rs, toks, a.i)) && a.j < len(toks) && toks[a.j].Kind == passage.Word && !stops.has(lower(toks[a.j])):
		// "had three sons" → "How many sons did he have?"
		j, _ := nounPhrase(toks, a.i, len(toks))
		if j <= a.j {
			return "", false
		}
		return finish(join("How many", render(rs, toks, a.j, j), inv, before, render(rs, toks, j, c.end))), true
	case a.j-a.i >= 2 && (toks[a.i].Kind == passage.Number || numberWords.has(lower(toks[a.i])) && !nameCapital(rs, toks, a.i)) &&
		j0(nounPhrase(toks, a.i, a.j)) == a.j && !moneyNouns.has(lower(toks[a.j-1])) && !timeNouns.has(lower(toks[a.j-1])) && lower(toks[a.j-1]) != "old":
		// "had [three daughters]" → "How many daughters did she have?"
		return finish(join("How many", render(rs, toks, a.i+1, a.j), inv, before, after)), true
	}
	if manner(toks, a, prev) {
		// "supported herself by gleaning …", "spoke to him in the sweetest way" → "How did she
		// support herself?"
		if prev == "by" || prev == "in" {
			before = render(rs, toks, c.verbEnd, a.i-1)
		}
		return finish(join("How", inv, before, after)), true
	}
	if j, ok := duration(toks, a.i); ok && j == a.j {
		return finish(join("How long", inv, before, after)), true // "slept all day": no object
	}
	if distance(toks, a) {
		return finish(join("How far", inv, before, after)), true // "had to go a long way"
	}
	if j, ok := lengthNoun(toks, a.i+1); ok && j+1 == a.j && last == "old" && (numberWords.has(lower(toks[a.i])) || toks[a.i].Kind == passage.Number) {
		return finish(join("How old", inv, before, after)), true // "was ten years old"
	}
	if j, ok := timePhrase(toks, a.i); ok && j == a.j {
		return finish(join("When", inv, before, after)), true
	}
	if q, ok := askWithPlace(rs, toks, c, a); ok {
		return q, true // "with a piece of cheese [in her beak]" → "Where did a Crow have a piece of cheese?"
	}
	if place(toks, a, prev) {
		if wherePreps.has(prev) && a.i-1 >= c.verbEnd {
			before = render(rs, toks, c.verbEnd, a.i-1) // "made his home in the forest" → "Where did he make his home?"
		}
		return finish(join("Where", inv, before, after)), true
	}
	if f := lower(toks[a.i]); c.main < 0 && a.i == c.verbEnd && toks[a.i].Kind == passage.Word && !determiners.has(f) && !pronouns.has(f) &&
		!numberWords.has(f) && !capitalised(toks[a.i]) && (!stops.has(f) || intensifiers.has(f)) && strings.Trim(after, " ,") == "" && !wherePreps.has(f) {
		// A copula's complement with no article is a quality: "The grapes are sour" → "What are
		// the grapes like?", not "What are the grapes?"
		return finish(join("What", inv, "like")), true
	}
	if c.main < 0 && a.i == c.verbEnd {
		return finish(join(whoOrWhat(rs, toks, a), inv, after)), true // "What was the Fox?"
	}
	if lower(toks[a.i]) == "for" && a.j-a.i > 1 && !timeNouns.has(lower(phraseHead(toks, span{a.i + 1, a.j}))) {
		// A purpose or a cause that no rule above read: "thanked him for all the kindness he had
		// shown her" → "Why did the sparrow thank him?", as people ask it.
		return finish(join("Why", inv, before, after)), true
	}
	if f := lower(toks[a.i]); (f == "with" || f == "by") && a.j-a.i > 1 {
		head := phraseHead(toks, span{a.i + 1, a.j})
		switch h := lower(head); {
		case f == "by" && byPlaces.has(h):
			// "left the hamper by the garden gate" → "Where did the gardener leave the hamper?"
			return finish(join("Where", inv, before, after)), true
		case !isAnimate(h) && !pronouns.has(h) && !capitalised(head):
			// A means or a manner: "knew him by his bush", "treated him with every
			// distinction" → "How did the parents treat him?", as people ask it.
			return finish(join("How", inv, before, after)), true
		}
	}
	if (wherePreps.has(lower(toks[a.i])) || keptPreps.has(lower(toks[a.i]))) && a.j-a.i > 1 {
		// A preposition's phrase that names no place keeps its preposition at the end: "went
		// blind from a disease" → "What did she go blind from?", "knew him by his bush" → "What
		// did I know him by?" (without it, "What did I know him?").
		rest := span{a.i + 1, a.j}
		return finish(join(whoOrWhat(rs, toks, rest), inv, before, lower(toks[a.i]), after)), true
	}
	return finish(join(whoOrWhat(rs, toks, a), inv, before, after)), true
}

// keptPreps are the prepositions besides wherePreps that a question about the phrase they open
// keeps at its end.
var keptPreps = &wordSet{list: `to towards by with against`}

// byPlaces head a phrase after "by" that names a place beside which something is ("by the
// garden gate"), not a means.
var byPlaces = &wordSet{list: `gate gates door doors side road roadside wayside river stream brook fire fireside hearth window
well tree wall shore sea bank bed path`}

// place reports whether the answer names a place: it starts with a preposition of place ("in
// the forest") or follows one ("came to a little cottage"), and its head is neither a time nor
// a person.
func place(toks []passage.Token, a span, prev string) bool {
	first := lower(toks[a.i])
	i := a.i
	switch {
	case (wherePreps.has(first) || first == "to" || first == "towards") && a.j-a.i > 1:
		if phrasal(toks, a.i) || a.i > 0 && feelings.has(lower(toks[a.i-1])) || j0(idiomAt(toks, a.i)) > a.i || afterQuality(toks, a.i) {
			return false // "hit on a trick", "surprised at the question", "so slow upon his feet": no place
		}
		i++
	case wherePreps.has(prev) || prev == "to" || prev == "towards":
	default:
		return false
	}
	j, ok := nounPhrase(toks, i, a.j)
	if !ok || groundsThat(toks, j) {
		return false
	}
	head := toks[j-1]
	// A bare capitalised head is a name, asked with Who, except after "in" or "to" ("in Rousay").
	return !timeNouns.has(lower(head)) && !causeNouns.has(lower(phraseHead(toks, span{i, a.j}))) && !isAnimate(lower(head)) && !pronouns.has(lower(head)) &&
		!notPlaces.has(lower(head)) &&
		(!capitalised(head) || determiners.has(lower(toks[i])) || first == "in" || first == "to" || prev == "in" || prev == "to")
}

// startsVerb reports whether a word can be a verb's base form after "to": a word the rules know
// as a verb, or any word that is not a determiner, a pronoun or a closed-class word.
func startsVerb(t passage.Token) bool {
	w := lower(t)
	if knownBase(w) {
		return true
	}
	return t.Kind == passage.Word && !determiners.has(w) && !pronouns.has(w) && !stops.has(w) && !capitalised(t) &&
		!numberWords.has(w) && !strings.HasSuffix(w, "s")
}

// feelInverted is "did X feel" in the clause's tense: "did the King feel", "does she feel".
func feelInverted(rs []rune, toks []passage.Token, c clause) string {
	subj := subjectBehind(rs, toks, c.subj)
	do := "did"
	if w := lower(toks[c.verb]); c.tense == third || w == "is" || w == "am" || w == "are" {
		do = "does"
	} else if modals.has(w) && !doForms.has(w) && c.main < 0 {
		do = w // "will be so grateful" → "How will she feel?"
	}
	return join(do, subj, "feel")
}

// askRelative asks for a noun phrase followed by a relative clause about it, with the relative
// clause as the question: "a well-to-do farmer, who had seven sons" → "Who had seven sons?".
func askRelative(rs []rune, toks []passage.Token, a span) (string, bool) {
	end := sentenceEnd(toks)
	k := a.j
	if k < end && toks[k].Text == "," {
		k++
	}
	if k+1 >= end || !(lower(toks[k]) == "who" || lower(toks[k]) == "which" || lower(toks[k]) == "that" && k == a.j) {
		return "", false
	}
	if j, _ := nounPhrase(toks, a.i, a.j); j <= a.i {
		return "", false
	}
	v := lower(toks[k+1])
	if t, _ := mainVerb(v); t == notVerb && !auxiliaries.has(v) {
		return "", false
	}
	e := clauseEnd(toks, k+2, end)
	for j := k + 2; j < e; j++ {
		if toks[j].Text == "," {
			e = j // the relative clause ends at its first comma, the rest is the main clause's
			break
		}
	}
	if e2 := loneVerb(toks, k+1, e, end); e2 != e {
		e = e2
		for j := k + 2; j < e; j++ {
			if toks[j].Text == "," {
				e = j
				break
			}
		}
	}
	return finish(join(subjectWh(whoOrWhat(rs, toks, a), toks, k+1, e), render(rs, toks, k+1, e))), true
}

// tokenSpan returns the sentence's tokens that make up the runes [start, end), if the span is
// whole tokens.
func tokenSpan(toks []passage.Token, start, end int) (span, bool) {
	a := span{-1, -1}
	for k, t := range toks {
		if t.Start == start {
			a.i = k
		}
		if t.End == end {
			a.j = k + 1
		}
	}
	return a, a.i >= 0 && a.j > a.i
}

// askAnswer asks about a span of whole tokens by the clause rules.
func askAnswer(rs []rune, s passage.Sentence, si, start, end int) (qa.Pair, bool) {
	a, ok := tokenSpan(s.Tokens, start, end)
	if !ok {
		return qa.Pair{}, false
	}
	cut := a
	if f := lower(s.Tokens[a.i]); !determiners.has(f) && !pronouns.has(f) && !subjectPronouns.has(f) {
		for cut.i > 0 && (determiners.has(lower(s.Tokens[cut.i-1])) || s.Tokens[cut.i-1].Kind == passage.Number) {
			cut.i-- // "a [vine]": the question asks for the whole noun phrase
		}
	}
	if q, ok := askModifier(rs, s.Tokens, a); ok {
		return newPair(rs, s.Tokens, si, a, q, scoreWho), true // "a [noble, good] woman" → "What kind of woman …?"
	}
	cut.j = phraseEnd(s.Tokens, cut)
	q, ok := askClause(rs, s.Tokens, cut)
	// "What was the room so full of?" ends in "of" as it should; "her" may be an object ("What
	// happened to her?").
	stranded := cut.i > 1 && lower(s.Tokens[cut.i-1]) == "of" && strings.HasSuffix(q, " of?") && ofTakers(s.Tokens[cut.i-2])
	if !ok || dangling(q) && !strings.HasSuffix(q, " her?") && !stranded {
		return qa.Pair{}, false
	}
	return newPair(rs, s.Tokens, si, a, q, scoreWho), true
}

// be are the forms of be, which make a passive with a participle.
var be = &wordSet{list: `is am are was were be been`}

// objectCase puts a subject pronoun in the object case, for a subject that becomes the object
// of "to" ("What happened to her?").
func objectCase(s string) string {
	switch s {
	case "he":
		return "him"
	case "she":
		return "her"
	case "they":
		return "them"
	case "we":
		return "us"
	case "I":
		return "me"
	}
	return s
}

// manner reports whether the answer says how something was done: "by" and a gerund ("by
// gleaning in the fields"), or "in a … way" or "in a … manner".
func manner(toks []passage.Token, a span, prev string) bool {
	first, i := lower(toks[a.i]), a.i
	if first == "by" || first == "in" {
		prev, i = first, a.i+1
	}
	if i >= a.j {
		return false
	}
	last := lower(toks[a.j-1])
	switch prev {
	case "by":
		w := lower(toks[i])
		return strings.HasSuffix(w, "ing") && !nounIngs.has(w)
	case "in":
		return last == "way" || last == "manner"
	}
	return false
}

// adverbsBefore reports whether the tokens from i to the clause's verb are adverbs after its
// subject ("who [never did any work]", "he [immediately changed]"), so that an answer starting
// at i starts with the verb group.
func adverbsBefore(toks []passage.Token, c clause, i int) bool {
	if i >= c.verb || i < c.subj.j {
		return false
	}
	for k := i; k < c.verb; k++ {
		if w := lower(toks[k]); !midAdverbs.has(w) && !strings.HasSuffix(w, "ly") {
			return false
		}
	}
	return true
}

// ofTakers reports whether t may stand before a stranded "of" at a question's end: "out" ("made
// out of"), a verb or participle ("heard of", "made of"), or an adjective that takes "of" ("full
// of"); not a noun ("the house of" an old weaver).
func ofTakers(t passage.Token) bool {
	w := lower(t)
	tense, _ := mainVerb(w)
	return w == "out" || tense != notVerb || participle(w) && !strings.HasSuffix(w, "ing") && !auxiliaries.has(w) || ofAdjectives.has(w)
}

// ofAdjectives take "of" and its noun phrase: "full of gold", "afraid of the wolf".
var ofAdjectives = &wordSet{list: `full afraid fond proud ashamed tired weary aware sure certain capable worthy jealous envious
careful mindful fearful glad sick`}
