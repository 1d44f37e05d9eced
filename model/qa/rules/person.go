package rules

import (
	"strings"
	"unicode"

	"fabulist/model/qa/passage"
)

// A capital letter names a person or a character only where nothing else explains it. At the
// start of a sentence (or of speech) every word has one, so "Honesty is the best policy" says
// nothing about who Honesty is: the rules read such a word as a name only when the passage never
// writes it in lower case, its ending is not that of an abstract noun ("-ness", "-ity"), and the
// word lists do not know it as a common noun. "Hans went to the wood" keeps its Who.

// abstractEndings end nouns that name a quality, a state or an act, not a person.
var abstractEndings = []string{"ness", "ity", "esty", "erty", "iety", "alty", "elty", "ment", "tion", "sion",
	"ism", "ance", "ence", "dom", "hood", "ship", "ude"}

// abstracts are common nouns that a fable's moral starts with and no ending gives away.
var abstracts = &wordSet{list: `pride greed envy love hate hatred fear hope patience pity mercy justice truth
wisdom folly fortune misfortune luck mischief gratitude kindness industry labour labor vice virtue
friendship slowness haste union unity strength might right wealth poverty necessity persuasion
appearances example experience self-help self-conceit familiarity prevention gold money beauty
liberty content contentment nothing something everything much little more less enough heaven heavens fate providence`}

// directions are written with a capital as often as not, and name no one.
var directions = &wordSet{list: `north south east west north-east north-west south-east south-west`}

// person reports whether toks[k], a capitalised word in the passage rs, may name a person: its
// capital is not the sentence's own, or it reads as a name (above); after a determiner, unless
// it reads as a common noun.
func person(rs []rune, toks []passage.Token, k int) bool {
	t := toks[k]
	if !capitalised(t) || directions.has(lower(t)) {
		return false // "he turned North": a direction, not "Who did he turn?"
	}
	if k > 0 && determiners.has(lower(toks[k-1])) {
		// "the Castle", "the Council": a thing the story capitalises, when it writes the word
		// in lower case too; "the Fox" is asked with Who as an animal.
		return !commonNoun(rs, t) || isAnimate(lower(t))
	}
	if !sentenceInitial(toks, k) {
		return true
	}
	return !commonNoun(rs, t)
}

// sentenceInitial reports whether no word stands before toks[k] in its sentence: only
// punctuation, such as the quotation mark that opens speech.
func sentenceInitial(toks []passage.Token, k int) bool {
	for i := 0; i < k; i++ {
		if toks[i].Kind == passage.Word || toks[i].Kind == passage.Number {
			return false
		}
	}
	return true
}

// commonNoun reports whether the capitalised word t reads as a common noun: the word lists know
// it, it has an abstract noun's ending, or the passage rs writes it in lower case near t (within
// nearRunes either side).
func commonNoun(rs []rune, t passage.Token) bool {
	w := lower(t)
	if abstracts.has(w) || causeNouns.has(w) || feelings.has(w) || timeNouns.has(w) || eventNouns.has(w) || moneyNouns.has(w) {
		return true
	}
	for _, e := range abstractEndings {
		if (strings.HasSuffix(w, e) || strings.HasSuffix(w, e+"s")) && len(w) > len(e)+2 {
			return true // "Precautions"
		}
	}
	return lowerElsewhere(rs, t, w)
}

// nearRunes bounds how far from a word commonNoun looks for it in lower case, so that asking
// about every sentence of a long passage stays linear in its length.
const nearRunes = 4000

// capitalMidSentence reports whether the passage rs writes the word of t, within nearRunes of
// it, with its capital after a lower-case word or a comma, where no sentence starts.
func capitalMidSentence(rs []rune, t passage.Token) bool {
	from, to := max(0, t.Start-nearRunes), min(len(rs), t.End+nearRunes)
	wr := []rune(t.Text)
	for i := from; i+len(wr) <= to; i++ {
		if rs[i] != wr[0] || i+len(wr) < to && unicode.IsLetter(rs[i+len(wr)]) || !runesAt(rs, i, wr) {
			continue
		}
		k := i - 1
		for k >= from && unicode.IsSpace(rs[k]) {
			k--
		}
		if k >= from && k < i-1 && (unicode.IsLower(rs[k]) || rs[k] == ',') {
			return true
		}
	}
	return false
}

// lowerElsewhere reports whether the word w (lower case) stands in rs, within nearRunes of t,
// as a whole word in lower case.
func lowerElsewhere(rs []rune, t passage.Token, w string) bool {
	from, to := max(0, t.Start-nearRunes), min(len(rs), t.End+nearRunes)
	wr := []rune(w)
	isLetter := func(i int) bool { return i >= from && i < to && (unicode.IsLetter(rs[i]) || rs[i] == '-') }
	for i := from; i+len(wr) <= to; i++ {
		if rs[i] != wr[0] || isLetter(i-1) || isLetter(i+len(wr)) {
			continue
		}
		if runesAt(rs, i, wr) {
			return true
		}
	}
	return false
}

// runesAt reports whether rs holds w at i.
func runesAt(rs []rune, i int, w []rune) bool {
	for k, r := range w {
		if rs[i+k] != r {
			return false
		}
	}
	return true
}
