package rules

import "fabulist/model/qa/passage"

// This file reads lengths of time, which are asked with How long: "The fox slept all day" →
// "How long did the fox sleep?", not "What did the fox sleep?" (a length of time after a verb
// is no object), nor When (it says how long, not when).

// lengthQualifiers stand between a length's opening and its time noun: "for a long time", "for
// a few days", "all the long winter".
var lengthQualifiers = &wordSet{list: `long little short few good great whole full livelong entire weary endless many`}

// pointAfter are the words after a number of days that make it a point in time or an age, not a
// length: "three days later", "seven years ago", "ten years old".
var pointAfter = &wordSet{list: `later ago after before afterwards since old hence`}

// duration reports whether a length of time starts at toks[k], and where it ends: "all day",
// "all night long", "all the winter", "the whole day", "for three days", "for a long time", "for
// a while", "for many years", "a long time", "seven years". A number of days followed by a word
// of pointAfter is no length.
func duration(toks []passage.Token, k int) (int, bool) {
	w := func(i int) string {
		if i < len(toks) {
			return lower(toks[i])
		}
		return ""
	}
	long := func(j int) int {
		if w(j) == "long" || w(j) == "through" && (j+1 >= len(toks) || toks[j+1].Kind == passage.Punct) {
			return j + 1 // "all day long", "all the night through"
		}
		return j
	}
	switch first := w(k); {
	case first == "all":
		j := k + 1
		if w(j) == "the" || w(j) == "that" || w(j) == "this" {
			j++
		}
		if e, ok := lengthNoun(toks, j); ok {
			return long(e), true
		}
	case first == "the" && (w(k+1) == "whole" || w(k+1) == "livelong" || w(k+1) == "entire"):
		if e, ok := lengthNoun(toks, k+1); ok {
			return long(e), true
		}
	case first == "for":
		j := k + 1
		if d := w(j); d == "a" || d == "an" || d == "some" || d == "many" || d == "several" || numberWords.has(d) ||
			j < len(toks) && toks[j].Kind == passage.Number {
			j++
		}
		return lengthNoun(toks, j)
	case first == "a" && lengthQualifiers.has(w(k+1)) || numberWords.has(first) || first == "many" || first == "several" ||
		k < len(toks) && toks[k].Kind == passage.Number:
		e, ok := lengthNoun(toks, k+1)
		if ok && !pointAfter.has(w(e)) {
			return e, true
		}
	}
	return k, false
}

// distanceNouns measure a way: "a long way", "three miles".
var distanceNouns = &wordSet{list: `way distance mile miles league leagues yard yards pace paces`}

// distance reports whether the span a is a distance: "a long way", "three miles", "many
// leagues", asked with How far.
func distance(toks []passage.Token, a span) bool {
	if a.j-a.i < 2 || !distanceNouns.has(lower(toks[a.j-1])) {
		return false
	}
	first := lower(toks[a.i])
	if !(first == "a" || first == "many" || first == "several" || numberWords.has(first) || toks[a.i].Kind == passage.Number) {
		return false
	}
	for k := a.i + 1; k < a.j-1; k++ {
		if !lengthQualifiers.has(lower(toks[k])) {
			return false
		}
	}
	return lower(toks[a.j-1]) != "way" || a.j-a.i == 3 // "a long way", not "a way"
}

// lengthNoun reads up to two qualifiers and a time noun from toks[j] ("long time", "few days",
// "while", "day"), which no other noun follows ("the day coat").
func lengthNoun(toks []passage.Token, j int) (int, bool) {
	for n := 0; n < 2 && j < len(toks) && lengthQualifiers.has(lower(toks[j])); n++ {
		j++
	}
	if j >= len(toks) || !timeNouns.has(lower(toks[j])) || lower(toks[j]) == "time" && j+1 < len(toks) && lower(toks[j+1]) == "of" {
		return j, false
	}
	if compoundNext(toks, j+1) && lower(toks[j+1]) != "long" && !pointAfter.has(lower(toks[j+1])) {
		return j, false
	}
	return j + 1, true
}
