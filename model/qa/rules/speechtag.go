package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// This file reads the speech tag after a quotation, `"I am hungry," said the cat`, as a clause
// of its own, and a verb phrase that shares its speaker (`…, and spoke to him about the mice`)
// as a clause whose subject is the speaker. Before, an answer there got the clause with a
// wh-word in its place, a fragment ("spoke to him about who ?").

// tagAt reads a speech tag that starts at toks[k], right after a closing quotation mark: a
// speech verb and its speaker (`said the cat`, `said he`) or the speaker and the verb (`the cat
// said`). It returns the speaker's span and the first token after the tag.
func tagAt(toks []passage.Token, k, end int) (span, int, bool) {
	if k == 0 || k >= end || !quoteMark(toks, k-1) || !closing(toks, k-1) {
		return span{}, 0, false
	}
	speaker := func(i int) (int, bool) {
		if i < end && subjectPronouns.has(lower(toks[i])) {
			return i + 1, true
		}
		return nounPhrase(toks, i, end)
	}
	if speechVerbs.has(lower(toks[k])) {
		if j, ok := speaker(k + 1); ok {
			return span{k + 1, j}, j, true
		}
		return span{}, 0, false
	}
	if j, ok := speaker(k); ok && j < end && speechVerbs.has(lower(toks[j])) {
		return span{k, j}, j + 1, true
	}
	return span{}, 0, false
}

// closing reports whether the quotation mark toks[q] closes a quotation: an odd number of
// quotation marks (quoteMark) stand before it.
func closing(toks []passage.Token, q int) bool {
	n := 0
	for k := 0; k < q; k++ {
		if quoteMark(toks, k) {
			n++
		}
	}
	return n%2 == 1
}

// speechTag reads the verb phrase after a speech tag that shares its speaker: `"…," said the
// cat, and spoke to him about the mice` reads as "the cat spoke to him about the mice". k is
// where the tag starts.
func speechTag(toks []passage.Token, k, end int) (clause, bool) {
	subj, j, ok := tagAt(toks, k, end)
	if !ok {
		return clause{}, false
	}
	if j < end && toks[j].Text == "," {
		j++
	}
	if j+1 >= end || lower(toks[j]) != "and" && lower(toks[j]) != "but" {
		return clause{}, false
	}
	return predicate(toks, clause{lead: k, subj: subj, main: -1, tagged: true}, j+1, end)
}

// maxQuoteWords is the longest quotation a question about its speaker repeats.
const maxQuoteWords = 12

// askSpeaker asks for the speaker of a short quotation when the tag ends the sentence or the
// speech resumes after it: `"I am hungry," said the cat` → `Who said, "I am hungry"?`.
func askSpeaker(rs []rune, toks []passage.Token, a span) (string, bool) {
	end := sentenceEnd(toks)
	k := a.i
	if k > 0 && speechVerbs.has(lower(toks[k-1])) {
		k--
	}
	subj, j, ok := tagAt(toks, k, end)
	if !ok || subj != a {
		return "", false
	}
	e := j // "to the shoemaker" after the speaker stays with the verb
	if e < end && lower(toks[e]) == "to" {
		for e < end && toks[e].Kind != passage.Punct {
			e++
		}
	}
	if resumes := e+1 < end && toks[e].Text == "," && quoteMark(toks, e+1); e != end && !resumes {
		return "", false
	}
	if _, ok := speechTag(toks, k, end); ok {
		return "", false // asked as the subject of what follows: "Who spoke to him …?"
	}
	q := k - 1
	open := q - 1
	for open >= 0 && !quoteMark(toks, open) {
		open--
	}
	if open < 0 || q-open-1 < 1 || q-open-1 > maxQuoteWords {
		return "", false
	}
	verb := toks[k]
	if !speechVerbs.has(lower(verb)) {
		verb = toks[a.j]
	}
	said := strings.TrimRight(render(rs, toks, open+1, q), " ,;:")
	return join("Who", lower(verb), render(rs, toks, j, e)) + `, "` + said + `"?`, true // a speaker is someone, whatever the words
}

// askTagFeeling asks how the speaker felt when the answer is a feeling in the speech tag after
// them: `"Oh, why," said the Princess in [distress]` → "How did the Princess feel?".
func askTagFeeling(rs []rune, toks []passage.Token, a span) (string, bool) {
	if !feelings.has(lower(toks[a.j-1])) || a.j-a.i > 3 {
		return "", false
	}
	for k := a.i - 1; k > 0 && k >= a.i-8; k-- {
		subj, j, ok := tagAt(toks, k, sentenceEnd(toks))
		if !ok || j > a.i {
			continue
		}
		for m := j; m < a.i; m++ {
			if toks[m].Kind == passage.Punct {
				return "", false // the answer is past the tag
			}
		}
		return finish(join("How did", subjectBehind(rs, toks, subj), "feel")), true
	}
	return "", false
}
