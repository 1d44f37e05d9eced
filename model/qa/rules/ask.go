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
var clauseOpeners = set(`and but or for so yet because when then that as since while till until if after
before though although where once whereupon whilst unless`)

// reasonOpeners introduce a clause that gives a reason: the answer after them is asked with Why
// about the clause before them ("He was sad, for no child had Heaven sent" → "Why was he sad?").
var reasonOpeners = set(`because for since as`)

// feelings are the words that name a feeling; an answer ending in one is asked with "How did X
// feel?", the way people ask about a character's state ("the King was angry" → "How did the
// King feel?").
var feelings = set(`happy glad pleased delighted content contented satisfied sad sorry unhappy miserable
angry furious cross vexed annoyed afraid frightened scared terrified fearful anxious worried nervous
surprised astonished amazed ashamed proud jealous envious grateful thankful lonely joyful merry
curious disappointed grieved troubled uneasy impatient desperate despaired sorrowful wretched
joy anger fear grief sorrow delight rage fury astonishment amazement surprise terror distress
despair pity shame love wonder dismay horror alarm relief gladness sadness happiness`)

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
// punctuation, or after a word that opens a clause.
func clauseStart(toks []passage.Token, k int) bool {
	if k == 0 {
		return true
	}
	p := toks[k-1]
	return p.Kind == passage.Punct || clauseOpeners[lower(p)] || relatives[lower(p)] || connectives[lower(p)]
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
		if k < a.i && !clauseStart(toks, k) {
			continue // the answer may start a clause anywhere ("Thereupon [he grew strong]")
		}
		c, ok := parseAt(toks, k, end)
		if !ok {
			c, ok = parenthetical(toks, k, end)
		}
		if f := fronted(toks, k, end); !ok && f > k && f <= a.i {
			c, ok = parseAt(toks, f, end)
		}
		for ok && a.i >= c.end {
			c, ok = nextPredicate(toks, c, end) // the answer is in a later verb phrase of the subject
		}
		if ok && (a.i == c.subj.i || a.i >= c.verb && a.i < c.end) {
			return c, true
		}
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
	for k < end && (midAdverbs[lower(toks[k])] || lower(toks[k]) == "so") {
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
	if subjectPronouns[lower(toks[k])] {
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

// askClause writes the question for the answer a of a sentence by the rules below, or reports
// that none applies.
func askClause(rs []rune, toks []passage.Token, a span) (string, bool) {
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
	c, ok := findClause(toks, a)
	if !ok {
		return "", false
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

// askSubject asks for the subject by putting the wh-word in its place: no inversion is needed
// ("The Fox saw the grapes" → "Who saw the grapes?").
func askSubject(rs []rune, toks []passage.Token, c clause, a span) (string, bool) {
	return finish(whoOrWhat(toks, a) + " " + render(rs, toks, a.j, c.end)), true
}

// whoOrWhat asks for a noun phrase: Who for a person or a character (a capitalised head, or an
// animate noun), What otherwise.
func whoOrWhat(toks []passage.Token, a span) string {
	j, _ := nounPhrase(toks, a.i, a.j)
	if j <= a.i {
		j = a.j
	}
	head := toks[j-1]
	if w := lower(head); w != "it" && (capitalised(head) || animate[w] || pronouns[w] && w != "its") {
		return "Who"
	}
	return "What"
}

// askPredicate asks for an answer that starts with the verb: what the subject did. The verb
// becomes "do" with do-support ("The cat sprang between the horns" → "What did the cat do?"),
// or stays behind its auxiliary ("he would point" → "What would he do?", "Ebe was polishing the
// door-sill" → "What was Ebe doing?").
func askPredicate(rs []rune, toks []passage.Token, c clause, a span) (string, bool) {
	subj := midSentence(render(rs, toks, c.subj.i, c.subj.j))
	rest := render(rs, toks, a.j, c.end)
	if c.main < 0 {
		return "", false // a copula's complement: asked as an object
	}
	if rest == "" {
		rest = setting(rs, toks, a)
	}
	if rest == "" && c.before.j > c.before.i {
		// "The cat crept around the herd, and then sprang …" → "What did the cat do after she
		// crept around the herd?"
		rest = "after " + join(subj, render(rs, toks, c.before.i, c.before.j))
	}
	if c.tense != notVerb {
		do := "did"
		if c.tense == third {
			do = "does"
		}
		return finish(join("What", do, subj, "do", rest)), true
	}
	if a.i != c.main {
		return "", false
	}
	aux := lower(toks[c.verb])
	if be[aux] && !strings.HasSuffix(lower(toks[c.main]), "ing") {
		// A passive: "She was brought before the Council" → "What happened to her?"
		return finish(join("What happened to", objectCase(subj), rest)), true
	}
	between := render(rs, toks, c.verb+1, c.main) // "not"
	doing := "do"
	if strings.HasSuffix(lower(toks[c.main]), "ing") {
		doing = "doing"
	} else if !modals[aux] {
		doing = "done"
	}
	return finish(join("What", aux, subj, between, doing, rest)), true
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
	switch {
	case feelings[last] && a.j-a.i <= 3:
		// "the boy was very glad" → "How did the boy feel?"
		return finish(join("How", feelInverted(rs, toks, c), after)), true
	case prev == "to" && startsVerb(toks[a.i]) || lower(toks[a.i]) == "to" && a.j > a.i+1 && startsVerb(toks[a.i+1]):
		// An infinitive after the verb: "begged the bridegroom to cut off her head".
		if prev != "to" {
			before = join(before, "to")
		}
		return finish(join("What", inv, before, "do", after)), true
	case a.j-a.i <= 3 && (toks[a.i].Kind == passage.Number || numberWords[lower(toks[a.i])]) && a.j < len(toks) && toks[a.j].Kind == passage.Word && !stops[lower(toks[a.j])]:
		// "had three sons" → "How many sons did he have?"
		j, _ := nounPhrase(toks, a.i, len(toks))
		if j <= a.j {
			return "", false
		}
		return finish(join("How many", render(rs, toks, a.j, j), inv, before, render(rs, toks, j, c.end))), true
	}
	if j, ok := timePhrase(toks, a.i); ok && j == a.j {
		return finish(join("When", inv, before, after)), true
	}
	if place(toks, a, prev) {
		if wherePreps[prev] && a.i-1 >= c.verbEnd {
			before = render(rs, toks, c.verbEnd, a.i-1) // "made his home in the forest" → "Where did he make his home?"
		}
		return finish(join("Where", inv, before, after)), true
	}
	if c.main < 0 && a.i == c.verbEnd {
		return finish(join(whoOrWhat(toks, a), inv, after)), true // "What was the Fox?"
	}
	return finish(join(whoOrWhat(toks, a), inv, before, after)), true
}

// place reports whether the answer names a place: it starts with a preposition of place ("in
// the forest") or follows one ("came to a little cottage"), and its head is neither a time nor
// a person.
func place(toks []passage.Token, a span, prev string) bool {
	first := lower(toks[a.i])
	i := a.i
	switch {
	case wherePreps[first] && a.j-a.i > 1:
		i++
	case wherePreps[prev] || prev == "to" || prev == "towards":
	default:
		return false
	}
	j, ok := nounPhrase(toks, i, a.j)
	if !ok {
		return false
	}
	head := toks[j-1]
	return !timeNouns[lower(head)] && !animate[lower(head)] && !pronouns[lower(head)] &&
		(!capitalised(head) || determiners[lower(toks[i])] || first == "in" || prev == "in" || prev == "to")
}

// startsVerb reports whether a word can be a verb's base form after "to": a word the rules know
// as a verb, or any word that is not a determiner, a pronoun or a closed-class word.
func startsVerb(t passage.Token) bool {
	w := lower(t)
	if regular[w] || lemmas[w] == w {
		return true
	}
	return t.Kind == passage.Word && !determiners[w] && !pronouns[w] && !stops[w] && !capitalised(t) &&
		!numberWords[w] && !strings.HasSuffix(w, "s")
}

// feelInverted is "did X feel" in the clause's tense: "did the King feel", "does she feel".
func feelInverted(rs []rune, toks []passage.Token, c clause) string {
	subj := midSentence(render(rs, toks, c.subj.i, c.subj.j))
	do := "did"
	if w := lower(toks[c.verb]); c.tense == third || w == "is" || w == "am" || w == "are" {
		do = "does"
	}
	return join(do, subj, "feel")
}

// askWhole asks for an answer that is a whole clause. After "because", "for", "since" or "as" it
// is a reason, asked with Why about the clause before it; before "so" or "that" it is a cause,
// asked with Why about the clause after it; otherwise it is an event, asked with "What
// happened", and the clause that sets its time, if any ("when the old King died").
func askWhole(rs []rune, toks []passage.Token, c clause, a span) (string, bool) {
	end := sentenceEnd(toks)
	if a.i > 0 && reasonOpeners[lower(toks[a.i-1])] {
		if q, ok := whyBefore(rs, toks, a.i-1); ok {
			return q, true
		}
	}
	if p := previous(rs, toks, a.i); p != "" {
		return finish(join("What happened", p)), true
	}
	k := a.j
	for k < end && (toks[k].Kind == passage.Punct || clauseOpeners[lower(toks[k])] || connectives[lower(toks[k])] ||
		lower(toks[k]) == "therefore") {
		k++
	}
	if k < end && k > a.j {
		if after, ok := parseAt(toks, k, end); ok {
			return finish(join("Why", inverted(rs, toks, after), render(rs, toks, after.verbEnd, after.end))), true
		}
	}
	return finish(join("What happened", setting(rs, toks, a))), true
}

// previous is the clause before the answer's clause in its sentence, as the time of the answer's
// event: "Then the sun rose, and [the troll stiffened into stone]" → "when the sun rose". It keeps
// the clause's own opener where it has one ("since no one could tell him", "after she left"), and
// is empty when the answer starts its sentence.
func previous(rs []rune, toks []passage.Token, i int) string {
	j := i
	for j > 0 && (toks[j-1].Kind == passage.Punct || clauseOpeners[lower(toks[j-1])]) {
		j--
	}
	k := j
	for k > 0 && !segmentBreak(toks, k-1) && toks[k-1].Text != "," {
		k--
	}
	for k < j && (connectives[lower(toks[k])] || toks[k].Kind == passage.Punct) {
		k++
	}
	if j-k < 2 {
		return ""
	}
	opener := "when"
	if w := lower(toks[k]); clauseOpeners[w] {
		opener, k = w, k+1
		if reasonOpeners[w] {
			opener = "because"
		}
	}
	if _, ok := parseAt(toks, k, j); !ok {
		return ""
	}
	return opener + " " + midSentence(render(rs, toks, k, j))
}

// whyBefore asks Why about the clause that ends at the reason word toks[r].
func whyBefore(rs []rune, toks []passage.Token, r int) (string, bool) {
	for r > 0 && (toks[r-1].Kind == passage.Punct || reasonOpeners[lower(toks[r-1])]) {
		r--
	}
	for k := r - 1; k >= 0; k-- {
		if !clauseStart(toks, k) {
			continue
		}
		c, ok := parseAt(toks, k, r)
		if !ok {
			continue
		}
		return finish(join("Why", inverted(rs, toks, c), render(rs, toks, c.verbEnd, min(c.end, r)))), true
	}
	return "", false
}

// timeOpeners open a clause that sets the time of another.
var timeOpeners = set(`when after before as while till until once whenever`)

// setting finds the clause in the sentence that sets the time of the answer's event: one opened
// by "when", "after", "as" … before or after the answer.
func setting(rs []rune, toks []passage.Token, a span) string {
	end := sentenceEnd(toks)
	for k := 0; k < end; k++ {
		if k >= a.i && k < a.j || !timeOpeners[lower(toks[k])] || !clauseStart(toks, k) && k > 0 {
			continue
		}
		j := k + 1
		for j < end && toks[j].Kind != passage.Punct && (j < a.i || j >= a.j) {
			j++
		}
		if j-k > 2 {
			return strings.ToLower(toks[k].Text) + " " + render(rs, toks, k+1, j)
		}
	}
	return ""
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
	if t, _ := mainVerb(v); t == notVerb && !auxiliaries[v] {
		return "", false
	}
	e := clauseEnd(toks, k+2, end)
	for e < end && e > k+2 && toks[e].Text == "," {
		break
	}
	if c := strings.Index(render(rs, toks, k+1, e), ","); c >= 0 {
		// keep the relative clause to its first comma
		for j := k + 1; j < e; j++ {
			if toks[j].Text == "," {
				e = j
				break
			}
		}
	}
	return finish(join(whoOrWhat(toks, a), render(rs, toks, k+1, e))), true
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
	if f := lower(s.Tokens[a.i]); !determiners[f] && !pronouns[f] && !subjectPronouns[f] {
		for cut.i > 0 && (determiners[lower(s.Tokens[cut.i-1])] || s.Tokens[cut.i-1].Kind == passage.Number) {
			cut.i-- // "a [vine]": the question asks for the whole noun phrase
		}
	}
	q, ok := askClause(rs, s.Tokens, cut)
	if !ok || dangling(q) && !strings.HasSuffix(q, " her?") { // "her" may be an object: "What happened to her?"
		return qa.Pair{}, false
	}
	return newPair(rs, s.Tokens, si, a, q, scoreWho), true
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
		return clauseOpeners[n] || subjectPronouns[n] || relatives[n]
	}
	return false
}

// clozeClause is the Baseline cut to the clause that holds the answer, for the answers no rule
// reads: the clause from the last break before the answer to the first after it, without the
// conjunctions that join it to the rest, and with a wh-word in the answer's place. A question
// about one clause is closer to what people ask than one about a whole long sentence.
func clozeClause(rs []rune, toks []passage.Token, a span) string {
	end := sentenceEnd(toks)
	i := a.i
	for i > 0 && !segmentBreak(toks, i-1) {
		i--
	}
	j := a.j
	for j < end && !segmentBreak(toks, j) {
		j++
	}
	for i < a.i && (clauseOpeners[lower(toks[i])] || connectives[lower(toks[i])] || toks[i].Kind == passage.Punct) {
		i++
	}
	q := join(render(rs, toks, i, a.i), strings.ToLower(whFor(toks, a)), render(rs, toks, a.j, j))
	return strings.TrimRight(q, " ,;:") + " ?"
}

// be are the forms of be, which make a passive with a participle.
var be = set(`is am are was were be been`)

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

// purpose reports whether the answer gives a reason or a purpose: it starts with "because", "so
// that" or "in order to", or it is "to" and a verb set off by a comma ("…, to see whether …").
func purpose(toks []passage.Token, a span) bool {
	if isReason(toks, a.i) {
		return true
	}
	return a.i > 0 && toks[a.i-1].Text == "," && lower(toks[a.i]) == "to" && a.j > a.i+1 && startsVerb(toks[a.i+1])
}

// frontPreps open a phrase that may stand before a clause's subject ("With these words he …").
var frontPreps = set(`with in at on after before during from by under near among for`)

// fronted returns where the subject starts after an adverbial phrase fronted at k, without a
// comma after it: a time phrase ("Every morning he went …") or a preposition and a noun phrase
// ("With these words he kneeled …"); k when there is none.
func fronted(toks []passage.Token, k, end int) int {
	j, ok := timePhrase(toks, k)
	if !ok && k < end && frontPreps[lower(toks[k])] {
		j, ok = nounPhrase(toks, k+1, end)
	}
	if !ok {
		return k
	}
	if j < end && toks[j].Text == "," {
		j++
	}
	return j
}

// resolve replaces the first "he" or "she" of a question with the character its sentence's
// passage last named as a subject in the sentences before (Hobbs' rule of thumb, without
// gender): a reader sees the question without the story, and people name the character.
func resolve(rs []rune, sents []passage.Sentence, si int, q string) string {
	words := strings.Fields(q)
	at, tail := -1, ""
	for i, w := range words {
		bare := strings.TrimRight(w, "?,")
		if lw := strings.ToLower(bare); lw == "he" || lw == "she" {
			at, tail = i, w[len(bare):]
			break
		}
	}
	if at < 0 {
		return q
	}
	for k := si - 1; k >= 0 && k >= si-3; k-- {
		toks := sents[k].Tokens
		c, ok := parse(toks)
		if !ok || c.subj.j-c.subj.i > 4 || pronouns[lower(toks[c.subj.i])] {
			continue
		}
		head := toks[c.subj.j-1]
		if !capitalised(head) && !animate[lower(head)] || timeNouns[lower(head)] {
			continue
		}
		name := midSentence(render(rs, toks, c.subj.i, c.subj.j))
		if at == 0 {
			r := []rune(name)
			name = strings.ToUpper(string(r[:1])) + string(r[1:])
		}
		words[at] = name + tail
		return strings.Join(words, " ")
	}
	return q
}
