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
var unplacedObjects = set(`it him them this`)

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
			pointer = pointer || unplacedObjects[w] && !words[subjectOf[w]]
			pron = pron || pronouns[w]
		}
	}
	if pointers[strings.Join(strings.Fields(strings.ToLower(answer)), "_")] || containsWords(q, "the latter") || containsWords(q, "the former") {
		return true // "What seized the beast by the ear?" → "The latter", and "What did the latter seize …?"
	}
	if a := passage.Tokenize(answer); subject && pron && len(a) > 1 && possessives[strings.ToLower(a[0].Text)] {
		return true // "Who fastened a bell round his neck?" → "his master": whose, and whose neck?
	}
	return pointer && n <= maxUnplacedWords || n < minQuestionWords
}

// minQuestionWords is the fewest words of a question worth asking: "What was?" (from "Time was
// when …") and "Who laughed?" say nothing of the story a cloze would not say better.
const minQuestionWords = 3

// subjectOf is the subject pronoun before an object pronoun that may name the same people in
// one question: "What did they divide among them?" places its "them". A "him" after "he" is
// someone else ("When did he meet him again?"), or the question would say "himself".
var subjectOf = map[string]string{"them": "they"}

// pointers are answers that name no one but point back at a noun before the sentence.
var pointers = set(`the_latter the_former`)

// possessives open a noun phrase that belongs to someone named elsewhere.
var possessives = set(`his her their its`)

// possessive reports whether an answer ends in "'s": a possessive whose noun the question keeps
// without it ("Who did he meet plow-boy?" → "Old Dschang's"). Only a cloze asks about it.
func possessive(answer string) bool {
	return strings.HasSuffix(answer, "'s") || strings.HasSuffix(answer, "’s")
}
