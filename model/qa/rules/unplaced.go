package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// A short question with a pronoun whose referent it leaves out ("Who could stand it no
// longer?", "Who was hugely flattered by this?", "Who asked him?") and a question with a pronoun
// whose answer is a subject that opens with a possessive ("Who fastened a bell round his neck …?" → "his master") point at
// something the reader of the question cannot see. Pairs asks them only as clozes, which keep
// the sentence around them; resolve names a "he" or "she" before this is checked.

// maxUnplacedWords is the longest question, in words, that a pronoun object leaves unplaced:
// a longer one says enough around it ("What did the Fox do when the Crow dropped it?").
const maxUnplacedWords = 7

// unplacedObjects are pronouns that stand for a thing or a person named elsewhere; "her" is left
// out, as it is as often a possessive.
var unplacedObjects = &wordSet{list: `it him them this`}

// unplaced reports whether the question q about answer points at something it does not name, or
// is too short to name anything. A
// possessive in a subject's answer points before the sentence, and a pronoun in its question too
// leaves the reader two people to guess ("Who was a noble, good woman?" → "His wife" leaves one,
// and is asked); in an object's it is most often the subject's, which the question names ("Who
// did the Moon beg …?" → "her Mother").
func unplaced(q, answer string, subject bool) bool {
	n, pointer, pron := 0, false, false
	words := map[string]bool{}
	for _, t := range passage.Tokenize(q) {
		if t.Kind == passage.Word || t.Kind == passage.Number {
			n++
			w := strings.ToLower(t.Text)
			words[w] = true
			pointer = pointer || unplacedObjects.has(w) && !words[subjectOf[w]]
			pron = pron || pronouns.has(w)
		}
	}
	if pointers.has(strings.Join(strings.Fields(strings.ToLower(answer)), "_")) || containsWords(q, "the latter") || containsWords(q, "the former") {
		return true // "What seized the beast by the ear?" → "The latter", and "What did the latter seize …?"
	}
	if a := passage.Tokenize(answer); subject && pron && len(a) > 1 && possessives.has(strings.ToLower(a[0].Text)) {
		return true // "Who fastened a bell round his neck?" → "his master": whose, and whose neck?
	}
	return pointer && n <= maxUnplacedWords || n < minQuestionWords
}

// onlyPronouns reports whether the question's subject, after its wh-phrase and an auxiliary, is
// a "he", "she", "it" or "they" that resolve could not name, and nothing else in it names anyone
// or anything: "What did they change?" (their minds), "Who did he take?" (the Jackdaw). Its
// reader cannot tell whom it is about (a new user's trial). A question that names something
// else ("When did they come to a cave?") places its pronoun in a scene, and a pronoun in a
// question about the subject stands for the answer ("Who sold everything he had?"): both stay.
//
// resolve names a "he" or "she" wherever a subject before it agrees, and a "they" that is the
// question's subject wherever a plural does; what is left has no such subject before it. Pairs
// leaves it out, rather than guess a name, which would ask about someone else: one question
// fewer is better. Ask, which must ask about its answer, keeps it (its cloze would say no more:
// the sentence has the same pronoun).
func onlyPronouns(q string) bool {
	toks := passage.Tokenize(q)
	at := -1
	for k := 1; k+1 < len(toks) && k <= 3; k++ {
		if auxiliaries.has(strings.ToLower(toks[k].Text)) && unnamedSubjects.has(strings.ToLower(toks[k+1].Text)) {
			at = k + 1
			break
		}
	}
	if at < 0 {
		return false
	}
	for k, t := range toks {
		w := strings.ToLower(t.Text)
		switch {
		case k == at || t.Kind == passage.Punct:
		case t.Kind == passage.Number || numberWords.has(w) || naming.has(w) || possessive(t.Text):
			return false
		case k > 0 && capitalised(t) && t.Text != "I":
			return false // a name: "What did they give the King?"
		}
	}
	return true
}

// unnamedSubjects are the subject pronouns a question may keep from its sentence (resolve names
// a "he" or "she" where it can); "I", "we" and "you" are speech's, which speaker drops.
var unnamedSubjects = &wordSet{list: `he she it they`}

// naming open a noun phrase that names someone or something by itself, as a possessive pronoun
// ("their minds") does not.
var naming = &wordSet{list: `the a an this that these those some any every each no another all both many several few`}

// minQuestionWords is the fewest words of a question worth asking: "What was?" (from "Time was
// when …") and "Who laughed?" say nothing of the story a cloze would not say better.
const minQuestionWords = 3

// subjectOf is the subject pronoun before an object pronoun that may name the same people in
// one question: "What did they divide among them?" places its "them". A "him" after "he" is
// someone else ("When did he meet him again?"), or the question would say "himself".
var subjectOf = map[string]string{"them": "they"}

// pointers are answers that name no one but point back at a noun before the sentence.
var pointers = &wordSet{list: `the_latter the_former`}

// possessives open a noun phrase that belongs to someone named elsewhere.
var possessives = &wordSet{list: `his her their its`}

// possessive reports whether an answer ends in "'s": a possessive whose noun the question keeps
// without it ("Who did he meet plow-boy?" → "Old Dschang's"). Only a cloze asks about it.
func possessive(answer string) bool {
	return strings.HasSuffix(answer, "'s") || strings.HasSuffix(answer, "’s")
}

// restates reports whether answer is a possessive and a noun that the question's verb already
// says ("What did Jupiter grant for protection?" → "their request", "What did the Pig find into
// a meadow?" → "his way", "What did the Ass hold?" → "his peace"): an idiom's object, which tells
// a reader nothing the question did not (a new user's trial). Pairs leaves it out.
func restates(answer string) bool {
	f := strings.Fields(strings.ToLower(answer))
	return len(f) == 2 && possessives.has(f[0]) && restatingNouns.has(f[1])
}

// restatingNouns are the nouns a verb's idiom takes with a possessive: "grant their request",
// "follow his advice", "find his way", "hold his peace", "change their minds", "do her best",
// "take his leave", "keep his word".
var restatingNouns = &wordSet{list: `request requests advice counsel way peace mind minds best leave word promise wish wishes
bidding will consent permission`}
