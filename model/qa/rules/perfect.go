package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// This file reads an adverbial between an auxiliary and its participle: "A Fox had all the time
// been prowling about", "The Wolf had that night eaten a lamb", "was just polishing". The
// auxiliary stays the question's ("How long had a Fox been prowling about the farm?"), where
// reading "had" as the main verb asked "How long did a Fox have been prowling …?".

// innerAdverbial returns the end of the adverbial that starts at toks[k] inside a verb group:
// one or two adverbs ("just", "already", "quietly"), a length of time ("all the time", "for
// many days") or a time phrase ("that night"); k when none starts there.
func innerAdverbial(toks []passage.Token, k, end int) int {
	if k >= end {
		return k
	}
	if e, ok := innerTime(toks, k); ok && e <= end {
		return e // before the adverbs: "all the time" is no "all" as in "they all went"
	}
	j := k
	for j < end && j < k+2 && (midAdverbs.has(lower(toks[j])) || strings.HasSuffix(lower(toks[j]), "ly") && !lyAdjectives.has(lower(toks[j]))) {
		j++
	}
	return j
}

// innerTime reports whether a length of time or a time phrase starts at toks[k] and where it
// ends. Inside a verb group "that night" is a time as it is at a clause's start ("had that
// night eaten").
func innerTime(toks []passage.Token, k int) (int, bool) {
	if e, ok := duration(toks, k); ok {
		return e, true
	}
	if e, ok := timePhrase(toks, k); ok {
		return e, true
	}
	if w := lower(toks[k]); (w == "that" || w == "this") && k+1 < len(toks) && timeNouns.has(lower(toks[k+1])) {
		return k + 2, true
	}
	return k, false
}

// verbGroup renders the clause's tokens [i, j) of its verb group, leaving out an adverbial
// phrase of more than one word inside it (c.inner): "had a Fox been prowling", not "had a Fox
// all the time been prowling". A single adverb stays ("had the Wolf already eaten").
func verbGroup(rs []rune, toks []passage.Token, c clause, i, j int) string {
	if c.inner.j-c.inner.i < 2 || c.inner.j <= i || c.inner.i >= j {
		return render(rs, toks, i, j)
	}
	return join(render(rs, toks, i, c.inner.i), render(rs, toks, c.inner.j, j))
}

// askInner asks about the adverbial inside the verb group, with the auxiliary kept: "How long
// had a Fox been prowling about the farm?", "When had the Wolf eaten a lamb?".
func askInner(rs []rune, toks []passage.Token, c clause, a span) (string, bool) {
	if a.i < c.inner.i || a.j > c.inner.j || c.inner.j-c.inner.i < 2 {
		return "", false
	}
	wh := ""
	if e, ok := duration(toks, a.i); ok && e == a.j {
		wh = "How long"
	} else if e, ok := innerTime(toks, a.i); ok && e == a.j {
		wh = "When"
	} else {
		return "", false
	}
	return finish(join(wh, inverted(rs, toks, c), render(rs, toks, c.verbEnd, c.end))), true
}

// passiveAfter reports whether the main verb follows a form of be inside a longer verb group
// ("had been eaten", "was being eaten"): a passive, asked "What happened to X?".
func passiveAfter(toks []passage.Token, c clause) bool {
	return c.main > c.verb && be.has(lower(toks[c.main-1])) && !progressive(lower(toks[c.main]))
}
