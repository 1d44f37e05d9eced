package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fabulist/model/qa/passage"
)

// render returns the passage text of tokens [i, j) as it stands, with each run of white space
// (a line break in a wrapped paragraph) made one space, and without the symbols that are no
// tokens of the sentence (withoutSymbols).
func render(rs []rune, toks []passage.Token, i, j int) string {
	if i >= j {
		return ""
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i {
			b.WriteString(gapText(rs[toks[k-1].End:toks[k].Start]))
		}
		b.WriteString(string(rs[toks[k].Start:toks[k].End]))
	}
	return b.String()
}

// midSentence lower-cases a phrase's first letter when it is a determiner or a pronoun other than
// "I", for a subject that moves behind the verb ("The Fox" → "What did the Fox see?").
func midSentence(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if w := strings.ToLower(first); (determiners.has(w) || pronouns.has(w) || numberWords.has(w)) && first != "I" {
		return w + s[len(first):]
	}
	return s
}

// question writes the question that asks for cand in the clause c, or reports that the clause
// cannot ask for it (the cut is neither the subject nor after the verb group nor in the fronted
// phrase).
func question(rs []rune, toks []passage.Token, c clause, cand candidate) (string, bool) {
	cut := cand.cut
	if cand.clozeOnly {
		return "", false
	}
	if reducedRelative(toks, c) || extraposed(toks, c) {
		return "", false
	}
	q, ok := ask(rs, toks, c, cand, cut)
	if !ok || dangling(q) || saysNothing(q) {
		return "", false
	}
	return q, true
}

// extraposed reports whether the clause's subject is an "it" that stands for an infinitive or a
// gerund later in it ("it took him but a short time to cut a road", "it was no use standing
// there"): the rules read "it" as a thing, and their questions are garbled ("Where did it take
// him but a short time to cut a road?"). Only clozes ask about such a clause.
func extraposed(toks []passage.Token, c clause) bool {
	if c.subj.j-c.subj.i != 1 || lower(toks[c.subj.i]) != "it" {
		return false
	}
	for k := c.verbEnd; k+1 < c.end; k++ {
		w := lower(toks[k])
		if w == "to" && startsVerb(toks[k+1]) && !determiners.has(lower(toks[k+1])) || w == "no" && lower(toks[k+1]) == "use" {
			return true
		}
	}
	return false
}

// reducedRelative reports whether the clause's verb is a participle after its subject and the
// sentence's own verb comes later ("A Shipwrecked Man cast up on the beach fell asleep"): a past
// tense that is no participle ("fell") with no comma or conjunction before it. The rules read
// "cast" as the verb, and every question of theirs is garbled ("Who cast up on the beach fell
// asleep …?"); only clozes ask about such a sentence.
func reducedRelative(toks []passage.Token, c clause) bool {
	if c.main < 0 || c.main >= len(toks) {
		return false
	}
	if v := lower(toks[c.main]); !forms().participles[v] && !pastEd(v) {
		return false
	}
	for k := c.verbEnd; k < c.end; k++ {
		w := lower(toks[k])
		if toks[k].Kind == passage.Punct || clauseOpeners.has(w) || relatives.has(w) {
			return false
		}
		if forms().pastOnly(w) {
			return true
		}
	}
	return false
}

// saysNothing reports whether a question about a subject ends with a verb of speech or thought
// ("Who said?", "Who saw?"): what was said or seen stands in quotation marks or a clause that the
// question leaves out.
func saysNothing(q string) bool {
	f := strings.Fields(strings.TrimSuffix(q, "?"))
	if len(f) < 2 || auxiliaries.has(strings.ToLower(f[1])) && len(f) > 3 {
		return false // "What did the Fox see?" asks for what was seen: its object
	}
	last := strings.ToLower(f[len(f)-1])
	if _, base := mainVerb(last); base != "" {
		last = base
	}
	return speechVerbs.has(last) || speechBases.has(last)
}

// speechBases are the base forms of speechVerbs, after do-support, and of the verbs whose
// object is a clause ("The boy saw that …" gave "Who saw?").
var speechBases = &wordSet{list: `say cry reply answer ask exclaim shout call whisper add continue begin scream roar growl snap think
see hear know find feel notice perceive believe fear hope wish tell declare promise`}

// danglers cannot end a question: a cut left "… than?", "… of?" or "… until?" ("until [after
// sunset]") behind.
var danglers = &wordSet{list: `than as of and or but nor the a an that whether his her their its my your our except until till`}

// elided end a question whose verb the sentence left out ("said he would"): "Who said he would?".
var elided = &wordSet{list: `would could should will shall can may might must`}

func dangling(q string) bool {
	toks := passage.Tokenize(q)
	if len(toks) < 2 || danglers.has(strings.ToLower(toks[len(toks)-2].Text)) {
		return true
	}
	if len(toks) > 3 && elided.has(strings.ToLower(toks[len(toks)-2].Text)) {
		return true
	}
	for k := 1; k < len(toks); k++ {
		// A cut inside a phrase: "invite a number of and acquaintances".
		prev, w := strings.ToLower(toks[k-1].Text), strings.ToLower(toks[k].Text)
		if (prev == "of" || prev == "the" || prev == "a" || prev == "an") && (w == "and" || w == "or" || w == "of" || toks[k].Kind == passage.Punct) {
			return true
		}
	}
	return false
}

func ask(rs []rune, toks []passage.Token, c clause, cand candidate, cut span) (string, bool) {
	switch {
	case cut.i >= c.subj.i && cut.j <= c.subj.j:
		if cut != c.subj && cand.ans == cut {
			return "", false // part of the subject: a cloze asks better
		}
		from := c.subj.j
		for from < c.verb && (toks[from].Kind == passage.Punct || relativeAt(toks, from)) {
			from++ // "a king who had three daughters" → "Who had three daughters?"
		}
		wh := cand.wh
		if wh == "What" {
			wh = subjectWh(wh, toks, from, c.end)
		}
		return finish(wh + " " + render(rs, toks, from, subjectQuestionEnd(toks, c, from))), true
	case c.inner.j-c.inner.i > 1 && cut == c.inner:
		return finish(join(cand.wh, inverted(rs, toks, c), render(rs, toks, c.verbEnd, c.end))), true // "How long had a Fox been prowling …?"
	case cut.j <= c.lead:
		for k := 0; k < cut.i; k++ {
			if toks[k].Kind != passage.Punct && !connectives.has(lower(toks[k])) {
				// Inside a fronted phrase ("After travelling for three days, he grew tired"):
				// what it holds is not the clause's.
				return "", false
			}
		}
		return finish(cand.wh + " " + inverted(rs, toks, c) + " " + doSupported(rs, toks, c, c.verbEnd, c.end)), true
	case cut.i >= c.verbEnd && (cut.i < c.end || cand.wh == "Why"):
		if haveTo(rs, toks, c, cut) {
			return "", false
		}
		if cut.i >= c.end {
			cut = span{c.end, c.end}
		}
		rest := doSupported(rs, toks, c, c.verbEnd, cut.i) + " " + doSupported(rs, toks, c, min(cut.j, c.end), c.end)
		if c.main < 0 && cut.i == c.verbEnd && cand.wh != "Where" && cand.wh != "When" && cand.wh != "How long" {
			// "The Fox was a clever animal." → "What was the Fox?"
			return finish(cand.wh + " " + inverted(rs, toks, c) + " " + strings.TrimSpace(rest)), true
		}
		return finish(cand.wh + " " + inverted(rs, toks, c) + " " + rest), true
	}
	return "", false
}

// doSupported renders toks[from:to] of a question whose verb took do-support, with a past
// tense after "and" in its base form too: "When did a maid-servant come and lead him to the
// inner rooms?", not "… come and led him …".
func doSupported(rs []rune, toks []passage.Token, c clause, from, to int) string {
	if c.tense == notVerb {
		return render(rs, toks, from, to)
	}
	var parts []string
	last := from
	for k := from + 1; k < to; k++ {
		if lower(toks[k-1]) != "and" {
			continue
		}
		w, base := lower(toks[k]), ""
		if t, b := mainVerb(w); t == c.tense {
			base = b
		} else if f := forms(); c.tense == past && f.pasts[w] {
			base = f.lemmas[w] // "led", which mainVerb leaves alone as a noun too
		}
		if base != "" {
			parts = append(parts, render(rs, toks, last, k), base)
			last = k + 1
		}
	}
	parts = append(parts, render(rs, toks, last, to))
	return join(parts...)
}

// inverted is the clause's subject and verb group in question order: "was the Fox walking",
// "could the Fox not reach", "did the Fox see" (do-support with the verb's base form).
func inverted(rs []rune, toks []passage.Token, c clause) string {
	subj := subjectBehind(rs, toks, c.subj)
	adverb := render(rs, toks, c.subj.j, c.verb)
	for k := c.subj.j; k < c.verb; k++ {
		if w := lower(toks[k]); !midAdverbs.has(w) && !strings.HasSuffix(w, "ly") {
			// A phrase between commas ("Assipattle, knowing the secret, clapped") or a relative
			// pronoun ("the Fox, who saw") stays out.
			adverb = ""
		}
	}
	if c.tense == notVerb {
		aux := strings.ToLower(toks[c.verb].Text)
		return join(aux, subj, adverb, verbGroup(rs, toks, c, c.verb+1, c.verbEnd))
	}
	do := "did"
	if c.tense == third {
		do = "does"
	}
	return join(do, subj, adverb, verbGroup(rs, toks, c, c.verb+1, c.main), c.base)
}

func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// subjectBehind is the subject at sp as a question puts it behind its verb: mid-sentence case
// (midSentence) and a character's article made definite ("did the Farmer", definite).
func subjectBehind(rs []rune, toks []passage.Token, sp span) string {
	return definite(midSentence(render(rs, toks, sp.i, sp.j)))
}

// definite gives a subject that a fable introduces as "a Farmer" or "a hungry Fox" (a character:
// its noun capitalised) the article a question about the fable uses: "How many sons did the
// Farmer have?", not "did a Farmer". "a certain Man", "a man" and "a few" keep theirs.
func definite(subj string) string {
	f := strings.Fields(subj)
	if len(f) < 2 || f[0] != "a" && f[0] != "an" || f[1] == "certain" {
		return subj
	}
	if r, _ := utf8.DecodeRuneInString(f[len(f)-1]); !unicode.IsUpper(r) {
		return subj
	}
	return "the" + subj[len(f[0]):]
}

// linkingAdverbs are words that join a sentence to the one before ("The Doctor accordingly
// prescribed …"): a question about the one sentence leaves them out ("Who prescribed …?").
var linkingAdverbs = &wordSet{list: `accordingly consequently therefore thereupon thereafter nevertheless nonetheless meanwhile thus hence`}

// finish tidies a question: single spaces, no connective to the sentence before, no comma left
// before the question mark or doubled by a cut, and a capital first letter.
func finish(q string) string {
	f := strings.Fields(q)
	kept := f[:0]
	for _, w := range f {
		if !linkingAdverbs.has(strings.ToLower(strings.Trim(w, ","))) {
			kept = append(kept, w)
		}
	}
	q = strings.Join(kept, " ")
	q = strings.ReplaceAll(q, " ,", ",")
	for strings.Contains(q, ",,") {
		q = strings.ReplaceAll(q, ",,", ",")
	}
	q = strings.TrimRight(q, " ,;:") + "?"
	rs := []rune(q)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// cloze writes the sentence with the passage's runes [start, end) blanked out: the question form
// that is grammatical by construction, for any language.
func cloze(rs []rune, from, to, start, end int) string {
	s := string(rs[from:start]) + "___" + string(rs[end:to])
	return strings.Join(strings.Fields(s), " ")
}
