package rules

import (
	"strings"
	"unicode"

	"fabulist/model/qa/passage"
)

// span is a run of a sentence's tokens, [i, j).
type span struct{ i, j int }

// clause is what the rules read from a simple declarative sentence: a subject noun phrase, the
// verb group after it, and where the clause ends. Indices are into the sentence's tokens.
type clause struct {
	lead    int    // first token after a fronted phrase and its comma ("One day, …"), else 0
	subj    span   // the subject noun phrase
	verb    int    // the finite verb: an auxiliary or the main verb
	verbEnd int    // the first token after the verb group
	main    int    // the main verb; -1 for a form of be used as the main verb (a copula)
	tense   tense  // of the finite main verb, when do-support is needed (notVerb otherwise)
	base    string // the main verb's base form, for do-support
	end     int    // the first token after the clause: the final stop, or ", and …", "; …"
	before  span   // the verb phrase before this one that shares its subject, if any
	inner   span   // an adverbial between the auxiliary and the participle ("had [all the time] been"), if any
	tagged  bool   // the subject is a speech tag's speaker, before ", and" and the verb (speechtag.go)
}

func lower(t passage.Token) string { return strings.ToLower(t.Text) }

// capitalised reports whether a word starts with a capital and is not all capitals (a heading).
func capitalised(t passage.Token) bool {
	rs := []rune(t.Text)
	if t.Kind != passage.Word || !unicode.IsUpper(rs[0]) {
		return false
	}
	return len(rs) == 1 || strings.ToUpper(t.Text) != t.Text
}

// english reports whether every letter of the sentence is Latin and it is not a heading, so
// that the English rules may read it.
func english(toks []passage.Token) bool {
	return latin(toks) && !heading(toks)
}

// latin reports whether every letter of the sentence is Latin.
func latin(toks []passage.Token) bool {
	for _, t := range toks {
		for _, r := range t.Text {
			if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
				return false
			}
		}
	}
	return true
}

// heading reports whether a sentence has no words, or is mostly words in capitals ("THE FOX AND
// THE GRAPES"): a title, which the rules do not ask about.
func heading(toks []passage.Token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if t.Kind == passage.Word {
			words++
			if len([]rune(t.Text)) > 1 && strings.ToUpper(t.Text) == t.Text && strings.ToLower(t.Text) != t.Text {
				caps++
			}
		}
	}
	return words == 0 && len(toks) > 0 && toks[0].Kind != passage.Number || words > 0 && caps*2 >= words
}

// quoted reports whether the sentence holds a quotation mark: speech is not a statement the
// rules can turn into a question.
func quoted(toks []passage.Token) bool {
	for _, t := range toks {
		if t.Kind == passage.Punct && strings.ContainsAny(t.Text, "\"“”‘’'«»") {
			return true
		}
	}
	return false
}

// connectives may open a sentence before its subject.
var connectives = &wordSet{list: `then so now but and soon presently suddenly finally afterwards meanwhile
however thereupon still accordingly`}

// parse reads a clause from a sentence's tokens, trying the sentence start, then after a
// connective, after a time phrase, after other fronted phrases with or without their comma
// ("Under the old tree the fox slept", "Sometimes the crow sang": fronted, as Ask reads them),
// then after the first comma in the first eight tokens.
func parse(toks []passage.Token) (clause, bool) {
	if !english(toks) || quoted(toks) || invertedStart(toks) {
		return clause{}, false
	}
	end := len(toks)
	for end > 0 && toks[end-1].Kind != passage.Word && toks[end-1].Kind != passage.Number {
		end--
	}
	if c, ok := parseAt(toks, 0, end); ok {
		return c, true
	}
	if c, ok := coordinatedSubject(toks, end); ok {
		return c, true // "A Man and his Wife had …"
	}
	if end > 0 && connectives.has(lower(toks[0])) {
		if c, ok := parseAt(toks, 1, end); ok {
			return c, true
		}
	}
	if j, ok := timePhrase(toks, 0); ok {
		if j < end && toks[j].Text == "," {
			j++
		}
		if c, ok := parseAt(toks, j, end); ok {
			return c, true // "One day a Wolf …", "In May 1912 the Lion …"
		}
	}
	if j := fronted(toks, 0, end); j > 0 {
		if c, ok := parseAt(toks, j, end); ok {
			return c, true
		}
	}
	if c, ok := afterSubordinate(toks, end); ok {
		return c, true
	}
	if c, ok := existential(toks, end); ok {
		return c, true
	}
	for k := 1; k < end && k < 8; k++ {
		if toks[k].Text == "," {
			return parseAt(toks, k+1, end)
		}
	}
	return clause{}, false
}

func parseAt(toks []passage.Token, lead, end int) (clause, bool) {
	c := clause{lead: lead, main: -1}
	if lead >= end {
		return c, false
	}
	w := lower(toks[lead])
	switch {
	case subjectPronouns.has(w):
		c.subj = span{lead, lead + 1}
	default:
		j, ok := nounPhrase(toks, lead, end)
		if !ok {
			return c, false
		}
		c.subj = span{lead, j}
	}
	return predicate(toks, c, c.subj.j, end)
}

// coordinatedSubject reads a clause whose subject is two noun phrases joined by "and" or "or"
// ("A Man and his Wife had the good fortune …"): the first alone is followed by no verb, and
// the sentence got only clozes, a form meant for text the rules cannot read. Only a sentence's
// first clause is read so: inside a sentence, a noun phrase, "and", and a noun phrase before a
// past participle are an object ("held out the small loaf and some bacon intended for her
// dinner" asked "What intended for her dinner?").
func coordinatedSubject(toks []passage.Token, end int) (clause, bool) {
	c := clause{main: -1}
	j, ok := nounPhrase(toks, 0, end)
	if !ok {
		return c, false
	}
	c.subj = span{0, j}
	k := c.subj.j
	if k+1 >= end || lower(toks[k]) != "and" && lower(toks[k]) != "or" {
		return c, false
	}
	if j, ok = nounPhrase(toks, k+1, end); !ok {
		return c, false
	}
	c.subj = span{c.subj.i, j}
	return predicate(toks, c, j, end)
}

// midAdverbs may stand between a subject and its verb ("The Emperor then promised …", "he
// himself made …").
var midAdverbs = &wordSet{list: `almost all both himself herself themselves itself then soon also still never always often once just now already even only
thereupon presently immediately therefore accordingly thus`}

// predicate reads the verb group of a clause whose subject c.subj is already read, starting at
// f, and where the clause ends. It is also how a second verb phrase that shares the subject is
// read ("The cat crept around the herd, and then sprang …").
func predicate(toks []passage.Token, c clause, f, end int) (clause, bool) {
	c.main, c.tense, c.base = -1, notVerb, ""
	for n := 0; n < 2 && f < end && (strings.HasSuffix(lower(toks[f]), "ly") || midAdverbs.has(lower(toks[f]))) &&
		!auxiliaries.has(lower(toks[f])); n++ {
		f++ // adverbs: "The Fox quickly ate …", "The Emperor then promised …"
	}
	if f+1 < end && frontPairs[lower(toks[f])+" "+lower(toks[f+1])] {
		f += 2 // "She at once put it on"
	}
	if f >= end || toks[f].Kind != passage.Word {
		return c, false
	}
	c.verb = f
	w := lower(toks[f])
	k := f + 1
	if k < end && (lower(toks[k]) == "not" || lower(toks[k]) == "never") {
		k++
	}
	if j := innerAdverbial(toks, k, end); auxiliaries.has(w) && j > k && j < end && participle(lower(toks[j])) {
		c.inner, k = span{k, j}, j // "was just polishing", "had all the time been prowling"
	}
	switch {
	case auxiliaries.has(w):
		next := ""
		if k < end && toks[k].Kind == passage.Word {
			next = lower(toks[k])
		}
		switch {
		case (w == "did" || w == "does") && next != "" && (determiners.has(next) || noThings.has(next)):
			// "did any work", "did nothing": do is the main verb
			c.main, c.verbEnd, c.base, c.tense = f, f+1, "do", past
			if w == "does" {
				c.tense = third
			}
		case modals.has(w) && next != "" && !stops.has(next) && !determiners.has(next):
			c.main, c.verbEnd = k, k+1
		case modals.has(w) && !doForms.has(w) && (next == "have" || next == "be") && k+1 < end:
			c.main, c.verbEnd = k, k+1 // "would have to eat": have is the verb
			if participle(lower(toks[k+1])) {
				c.main, c.verbEnd = k+1, k+2 // "would have gone", "could be seen"
			} else if next == "be" {
				c.main = -1 // "will be so grateful": a copula
			}
		case !modals.has(w) && next != "" && participle(next):
			c.main, c.verbEnd = k, k+1
			for c.main+1 < end && (lower(toks[c.main]) == "been" || lower(toks[c.main]) == "being") && participle(lower(toks[c.main+1])) {
				c.main, c.verbEnd = c.main+1, c.main+2 // "had been prowling", "was being eaten": the participle is the verb
			}
		case w == "has" || w == "had":
			c.main, c.verbEnd, c.base = f, f+1, "have" // "A Farmer had three sons."
			c.tense = past
			if w == "has" {
				c.tense = third
			}
		case modals.has(w):
			return c, false // "He did." leaves out its verb
		default:
			c.verbEnd = k // a copula: "The Fox was a clever animal."
		}
	default:
		t, base := mainVerb(w)
		if t == notVerb && notVerbs.has(w) && k < end && (objectPronouns.has(lower(toks[k])) || determiners.has(lower(toks[k])) || capitalised(toks[k])) {
			t, base = past, pastBase(w) // "Heaven blessed them", "two servants led Prince Milan": with an object, a verb
		}
		if t == notVerb {
			return c, false
		}
		c.main, c.verbEnd, c.tense, c.base = f, f+1, t, base
	}
	c.end = clauseEnd(toks, c.verbEnd, end)
	return c, true
}

// clauseEnd finds where the clause that starts its predicate at from ends: at ; : or a dash,
// at a comma before a conjunction, or at "and"/"but" before a new verb or subject.
func clauseEnd(toks []passage.Token, from, end int) int {
	for k := from; k < end; k++ {
		switch t := toks[k].Text; {
		case t == ";" || t == ":" || t == "—" || t == "–" || t == "-" || t == "(":
			return k
		case toks[k].Kind == passage.Punct && strings.ContainsAny(t, "\"“”«»") && k > from:
			return k // the end of speech: "said the Fox" is not the question's
		case t == "," && k+1 < end && (stops.has(lower(toks[k+1])) || subjectPronouns.has(lower(toks[k+1]))):
			return k
		case t == "," && k+1 < end && k > from && !plainWord(toks[k+1]) && func() bool { t, _ := mainVerb(lower(toks[k+1])); return t != notVerb }():
			return k // "came up to their hut, knocked at the door": a second verb phrase
		case t == "," && k+1 < end && k > from && ingForm(lower(toks[k+1])):
			return k // "urged him, saying that …": a participle's phrase
		case t == "," && k+1 < end && k > from && appositives.has(lower(toks[k+1])):
			return k // "had two Daughters, one of whom …": not "How many Daughters did a Man have, one?"
		case t == "," && k+1 < end && k > from && determiners.has(lower(toks[k+1])) && verbless(toks, k+1, end) && !commaIn(toks, from, k):
			return k // "is without equal, the hue of her plumage exquisite": a phrase with no verb of its own
		case t == "," && k+1 < end && determiners.has(lower(toks[k+1])) && startsClause(toks, k+1, end):
			return k // "His rod was a stalk of grass, his line was a horse-hair"
		case k > from && (relatives.has(lower(toks[k])) || lower(toks[k]) == "that" && afterNoun(toks[k-1])):
			return k // "a net which had been spread …": the question keeps the main clause
		case k > from && k+1 < end && stops.has(lower(toks[k])) && (lower(toks[k+1]) == "which" || lower(toks[k+1]) == "whom"):
			return k // "reached the age at which …"
		case k == from && complementisers.has(lower(toks[k])):
			return k // "clamoured that …": the rules do not reach into a clause
		case isReason(toks, k):
			return k // asked with Why, and left out of other questions
		case (t == "and" || t == "but") && k+1 < end:
			n := lower(toks[k+1])
			if t, _ := mainVerb(n); t != notVerb || subjectPronouns.has(n) || auxiliaries.has(n) {
				return k
			}
			if determiners.has(n) && startsClause(toks, k+1, end) {
				return k // "… was so strong and the water looked so deep"
			}
			if determiners.has(n) && pastAhead(toks, k+2, end) {
				return k // "split open the head and a quantity of gold coins fell out"
			}
		}
	}
	return end
}

// timeAdverbs end a noun phrase before its verb: none of them is an adjective or a noun. The
// connectives among them ("The Ass therefore begged …") are no time's, but stand there too.
var timeAdverbs = &wordSet{list: `always never often already also soon presently immediately thereupon seldom sometimes
therefore accordingly however thus`}

// verbless reports whether toks[from:end] holds no verb and no "and" or "or": an absolute
// phrase ("the hue of her plumage exquisite") or an appositive, not a clause or a list.
func verbless(toks []passage.Token, from, end int) bool {
	for k := from; k < end; k++ {
		w := lower(toks[k])
		if t, _ := mainVerb(w); auxiliaries.has(w) || (t != notVerb || participle(w)) && !strings.ContainsAny(w, "-‐") {
			return false // "good-humoured" is no verb
		}
		if w == "and" || w == "or" {
			return false // a list ("a foot, a wing, or a tail"), or a verb this file cannot tell ("and fall in love")
		}
	}
	return true
}

// commaIn reports whether toks[from:to] holds a comma: the second of a pair around a phrase
// ("was leading, besides, a very lonely life") closes it rather than ending the clause.
func commaIn(toks []passage.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if toks[k].Text == "," {
			return true
		}
	}
	return false
}

// appositives open a phrase after a comma that tells more of the noun before it, one part at a
// time ("two Daughters, one married …, the other …"), and is no part of the clause's question.
var appositives = &wordSet{list: `one each both neither either`}

// pastAhead reports whether a past tense that is no participle ("fell", not "fallen") comes in
// toks[from:end] before any punctuation: the verb of a clause whose subject startsClause could
// not read ("a quantity of gold coins fell out").
func pastAhead(toks []passage.Token, from, end int) bool {
	for k := from; k < end && toks[k].Kind != passage.Punct; k++ {
		if w := lower(toks[k]); forms().pastOnly(w) {
			return true
		}
	}
	return false
}

// startsClause reports whether a subject and its verb start at toks[k].
func startsClause(toks []passage.Token, k, end int) bool {
	_, ok := parseAt(toks, k, end)
	return ok
}

// afterNoun reports whether t can end a noun phrase, so that a "that" after it opens a relative
// clause ("a vine that was trained …") rather than a complement ("saw that …").
func afterNoun(t passage.Token) bool {
	w := lower(t)
	tense, _ := mainVerb(w)
	return t.Kind == passage.Word && tense == notVerb && !auxiliaries.has(w) && !stops.has(w) && !participle(w)
}

// partitives count out of a group after "of": "many of the men".
var partitives = &wordSet{list: `many some any each one two three four five six seven eight nine ten none most few several all both either neither`}

// doForms are the modals that are forms of do, which take no "have" after them.
var doForms = &wordSet{list: `do does did`}

// possessiveName reports whether t is a capitalised name with 's ("Maisie's", "Jack’s").
func possessiveName(t passage.Token) bool {
	return capitalised(t) && (strings.HasSuffix(t.Text, "'s") || strings.HasSuffix(t.Text, "’s"))
}

// noThings are the pronouns of things that may be the object of "did": "did nothing".
var noThings = &wordSet{list: `nothing something anything everything all much little`}

// relatives open a relative or adverbial clause.
var relatives = &wordSet{list: `which who whom whose where when while whereupon`}

// complementisers open a clause right after its verb.
var complementisers = &wordSet{list: `that how what whether if why where when who which`}

// plainWord reports whether t is a lower-case word that may stand inside a noun phrase: no
// closed-class word, pronoun or finite verb.
func plainWord(t passage.Token) bool {
	w := lower(t)
	if t.Kind != passage.Word || capitalised(t) || stops.has(w) || determiners.has(w) || pronouns.has(w) || auxiliaries.has(w) {
		return false
	}
	tense, _ := mainVerb(w)
	return tense == notVerb || strings.ContainsAny(w, "-‐") // "good-humoured" is no past tense
}

// lyAdjectives end in -ly but are adjectives, which a noun phrase may hold ("the most lovely
// maiden").
var lyAdjectives = &wordSet{list: `lovely lonely ugly lively friendly unfriendly holy silly jolly kindly homely costly deadly
stately comely goodly curly surly manly portly sprightly wily cowardly beastly heavenly earthly
worldly princely queenly kingly motherly fatherly sickly weekly daily nightly yearly elderly`}

// lyNouns are nouns that end in -ly, which end no noun phrase as an adverb would ("a general
// assembly of the beasts").
var lyNouns = &wordSet{list: `assembly family supply ally belly jelly lily bully folly holly rally tally melancholy
butterfly dragonfly monopoly anomaly homily`}

// nounIngs are nouns that end in -ing and so do not end a noun phrase as a participle would.
var nounIngs = &wordSet{list: `morning evening nothing something anything everything king thing things wing
wings spring string ring sling offspring ceiling building clothing darling pudding`}

// nounPhrase returns the end of the noun phrase that starts at i, before limit: a determiner or a
// number and up to four words ("the Lion's Skin", "some grapes"), or capitalised words without a
// determiner ("Jupiter"); "of" and a second phrase may follow ("a bunch of grapes").
func nounPhrase(toks []passage.Token, i, limit int) (int, bool) {
	k, det, counted := i, false, false
	if k+2 < limit && partitives.has(lower(toks[k])) && lower(toks[k+1]) == "of" && determiners.has(lower(toks[k+2])) {
		return nounPhrase(toks, k+2, limit) // "many of the men", "one of the sisters": their own end
	}
	if k+1 < limit && (lower(toks[k]) == "all" || lower(toks[k]) == "both") && determiners.has(lower(toks[k+1])) && lower(toks[k+1]) != lower(toks[k]) {
		k++ // "all his officials", "both the sisters": the second determiner opens the phrase
	}
	if k+1 < limit && possessiveName(toks[k]) && plainWord(toks[k+1]) {
		k, det = k+1, true // "Maisie's mother": a name's possessive stands as a determiner
	} else if k < limit && (determiners.has(lower(toks[k])) || numberWords.has(lower(toks[k])) || toks[k].Kind == passage.Number) {
		counted = numberWords.has(lower(toks[k])) || toks[k].Kind == passage.Number || lower(toks[k]) == "many" || lower(toks[k]) == "several"
		k, det = k+1, true
	}
	words := 0
	for k < limit && toks[k].Kind == passage.Word && words < 4 {
		w := lower(toks[k])
		first := det && words == 0
		if only := w == "only" && first && k+1 < limit && plainWord(toks[k+1]); !only && (stops.has(w) || determiners.has(w) || pronouns.has(w) ||
			(!first || !det) && strings.HasSuffix(w, "ly") && !lyAdjectives.has(w) && !lyNouns.has(w)) {
			break // but "an only daughter", "his only son"
		}
		if words > 0 && timeAdverbs.has(w) {
			break // "the Lion always got …": the adverb is the verb's
		}
		if !det && words == 0 && (connectives.has(w) || frontAdverbs.has(w)) {
			break // "Now Uraschimataro was …": "Now" is no part of the name
		}
		if words > 0 {
			if _, when := timePhrase(toks, k); when {
				break // "left the lodge one morning"
			}
		}
		if (w == "more" || w == "less") && k+1 < limit && lower(toks[k+1]) == "than" {
			break // "did this more than once": no noun phrase "this more"
		}
		if !first && notVerbs.has(w) && k+1 < limit && (objectPronouns.has(lower(toks[k+1])) || determiners.has(lower(toks[k+1])) || capitalised(toks[k+1])) {
			break // "two servants [led] Prince Milan": a verb here, as predicate reads it
		}
		if t, _ := mainVerb(w); t != notVerb && !first && !(counted && t == third) {
			break // but "two polar bears": after a number, a word in -s is a plural
		}
		if strings.HasSuffix(w, "ing") && !nounIngs.has(w) && !first && !(k > i && comparatives.has(lower(toks[k-1]))) {
			break // but "the most flattering terms": after "most", an -ing word is an adjective
		}
		if !det && (!capitalised(toks[k]) || w == "one") {
			break
		}
		k, words = k+1, words+1
	}
	if words == 0 {
		return i, false
	}
	if det && k+3 <= limit && toks[k].Text == "," && plainWord(toks[k+1]) && plainWord(toks[k+2]) &&
		(k+3 == limit || !plainWord(toks[k+3]) || ingForm(lower(toks[k+3]))) {
		k += 3 // "a noble, good woman": adjectives parted by a comma
	}
	if k+1 < limit && lower(toks[k]) == "of" {
		if j, ok := nounPhrase(toks, k+1, limit); ok {
			k = j
		} else if w := lower(toks[k+1]); toks[k+1].Kind == passage.Word && !stops.has(w) && !pronouns.has(w) {
			if t, _ := mainVerb(w); t == notVerb {
				k += 2 // "the sincerity of friendship"
			}
		}
	}
	return k, true
}
