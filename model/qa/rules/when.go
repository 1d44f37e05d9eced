package rules

import (
	"strconv"
	"strings"

	"fabulist/model/qa/passage"
)

// This file reads time phrases, which are asked with When: seasons, months, days and times of
// day, with or without an article, adjectives or an ordinal ("in winter", "on a cold winter
// night", "on the third day"), after a preposition of time or standing alone ("one day", "that
// night", "the next morning"), fronted or at the clause's end. A preposition of place before a
// time ("in the afternoon") makes no Where question.

// timePreps open a time phrase when a time follows them: "in the evening", "after a while",
// "before dawn", "by night". Not "for", which gives a length of time ("for three days": How
// long).
var timePreps = &wordSet{list: `in on at during after before until till by`}

// seasons are times that "in" takes without an article: "in winter" (but not "in time").
var seasons = &wordSet{list: `winter summer spring autumn`}

// sequels make a time of "the" and a time noun: "the next morning", "the third day".
var sequels = &wordSet{list: `next following same previous first second third fourth fifth sixth seventh eighth
ninth tenth last`}

// timeParts are parts of a time, "of" a time: "in the middle of the night", "at the break of day".
var timeParts = &wordSet{list: `middle end beginning start break close dead depth depths course`}

// timePhrase reports whether a time phrase starts at toks[k], and where it ends: "once upon a
// time", "one (fine) morning", "in the evening", "at night", "on Monday", "in May 1912",
// "yesterday", "last week", "in 1912", "in winter", "on a cold winter night", "on the third day",
// "in the spring of that year", "in the middle of the night", "after a while", "early in the
// morning". "That night" and "the next morning" are a time where a clause may start or end
// around them ("He knew that morning had come" holds none).
func timePhrase(toks []passage.Token, k int) (int, bool) {
	w := func(i int) string {
		if i < len(toks) {
			return lower(toks[i])
		}
		return ""
	}
	switch {
	case w(k) == "once" && w(k+1) == "upon" && w(k+2) == "a" && w(k+3) == "time":
		return k + 4, true
	case timeWords.has(w(k)):
		return k + 1, true
	case w(k) == "early" || w(k) == "late":
		if next := w(k + 1); timePreps.has(next) || next == "one" || next == "that" || next == "the" {
			return timePhrase(toks, k+1) // "early in the morning", "late one evening"
		}
	case w(k) == "one" || w(k) == "last" || w(k) == "next" || w(k) == "every" || w(k) == "each":
		return timeNoun(toks, k+1)
	case w(k) == "that" || w(k) == "this" || w(k) == "the" && sequels.has(w(k+1)):
		j, ok := timeNoun(toks, k+1)
		if ok && (clauseStart(toks, k) || j >= sentenceEnd(toks) || toks[j].Kind == passage.Punct) {
			return j, true
		}
	case timePreps.has(w(k)):
		return prepTime(toks, k)
	case w(k) == "a" || w(k) == "some" || numberWords.has(w(k)) || k < len(toks) && toks[k].Kind == passage.Number:
		if e, ok := lengthNoun(toks, k+1); ok && (w(e) == "later" || w(e) == "ago" || w(e) == "afterwards") {
			return e + 1, true // "three days later", "a few days later"; a length alone is asked with How long
		}
	}
	if k > 0 {
		return date(toks, k)
	}
	return k, false
}

// prepTime reads a time after the preposition toks[k] (one of timePreps).
func prepTime(toks []passage.Token, k int) (int, bool) {
	p, j := lower(toks[k]), k+1
	if j >= len(toks) {
		return k, false
	}
	if e, ok := date(toks, j); ok {
		return e, true // "on Monday", "in May 1912", "in 1912"
	}
	w := lower(toks[j])
	switch {
	case determiners.has(w):
		if w == "no" || p == "by" { // "in no time" (quickly); "by the time he came" leaves its clause behind
			return k, false
		}
		return timeNoun(toks, j+1)
	case p == "by":
		if w == "day" || w == "night" {
			return j + 1, true
		}
		return k, false
	}
	e, ok := timeNoun(toks, j)
	// Without an article: "at night", "in winter", "before dawn", "after three days", "in olden
	// times"; not "in time" or "on time", which say how, not when.
	if ok && (p != "in" && p != "on" || e > j+1 || seasons.has(w)) {
		return e, true
	}
	return k, false
}

// timeNoun reads a time from toks[i]: up to three words before a time noun ("cold winter
// night", "third day", "three days"), then "of" and a time ("the spring of that year", "the
// morning of the third day", "the winter of 1812") or a noun phrase ("the first day of the
// feast"); or a part of a time ("the middle of the night"). A time noun that names something else ("the winter coat", "the morning sun") is no
// time.
func timeNoun(toks []passage.Token, i int) (int, bool) {
	w := func(i int) string {
		if i < len(toks) {
			return lower(toks[i])
		}
		return ""
	}
	if timeParts.has(w(i)) && w(i+1) == "of" {
		return ofTime(toks, i+2)
	}
	end := -1
	for j := i; j < i+4 && j < len(toks) && (toks[j].Kind == passage.Word || toks[j].Kind == passage.Number); j++ {
		x := w(j)
		if timeNouns.has(x) {
			end = j + 1
			continue
		}
		if end >= 0 || stops.has(x) || determiners.has(x) || pronouns.has(x) {
			break
		}
		if t, _ := mainVerb(x); t != notVerb {
			break
		}
	}
	if end < 0 || compoundNext(toks, end) {
		return i, false
	}
	if w(end) == "of" {
		if e, ok := ofTime(toks, end+1); ok {
			return e, true
		}
		if e, ok := nounPhrase(toks, end+1, len(toks)); ok {
			return e, true // "on the first day of the feast"
		}
	}
	return end, true
}

// ofTime reads the time after "of": a year, a month, or a time noun's phrase.
func ofTime(toks []passage.Token, j int) (int, bool) {
	if j >= len(toks) {
		return j, false
	}
	if y, err := strconv.Atoi(toks[j].Text); err == nil && y >= 1000 && y < 2100 {
		return j + 1, true
	}
	if w := lower(toks[j]); capitalised(toks[j]) && months.has(w) || w == "day" || w == "night" {
		return j + 1, true // "the month of May", "at the break of day"
	}
	if determiners.has(lower(toks[j])) && lower(toks[j]) != "no" {
		j++
	}
	return timeNoun(toks, j)
}

// compoundNext reports whether the word at toks[j] goes on the noun phrase a time noun ended
// (before it): "the winter coat", "the morning sun". A name, a verb, a closed-class word or
// punctuation ends the phrase there.
func compoundNext(toks []passage.Token, j int) bool {
	if j >= len(toks) || toks[j].Kind != passage.Word || capitalised(toks[j]) {
		return false
	}
	x := lower(toks[j])
	if stops.has(x) || determiners.has(x) || pronouns.has(x) || auxiliaries.has(x) || midAdverbs.has(x) || connectives.has(x) ||
		frontAdverbs.has(x) || strings.HasSuffix(x, "ly") {
		return false
	}
	t, _ := mainVerb(x)
	return t == notVerb
}

// date matches a capitalised month or weekday (with a day and a year after a month), or a year
// from 1000 to 2099 after "in".
func date(toks []passage.Token, k int) (int, bool) {
	if k >= len(toks) {
		return k, false
	}
	t := toks[k]
	if capitalised(t) && weekdays.has(lower(t)) {
		return k + 1, true
	}
	if capitalised(t) && months.has(lower(t)) && (lower(t) != "may" && lower(t) != "march" || k+1 < len(toks) && toks[k+1].Kind == passage.Number) {
		j := k + 1
		for j < len(toks) && j < k+4 && (toks[j].Kind == passage.Number || toks[j].Text == ",") {
			j++
		}
		for j > k+1 && toks[j-1].Text == "," {
			j--
		}
		return j, true
	}
	if t.Kind == passage.Number && k > 0 && lower(toks[k-1]) == "in" {
		if y, err := strconv.Atoi(t.Text); err == nil && y >= 1000 && y < 2100 {
			return k + 1, true
		}
	}
	return k, false
}
