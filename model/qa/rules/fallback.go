package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// clozeClause is the Baseline cut to the clause that holds the answer, for the answers no rule
// reads: the clause from the last break before the answer to the first after it, without the
// conjunctions that join it to the rest, and with a wh-word in the answer's place. A question
// about one clause is closer to what people ask than one about a whole long sentence.
func clozeClause(rs []rune, toks []passage.Token, a span) string {
	end := sentenceEnd(toks)
	i := a.i
	for i > 0 && !segmentBreak(toks, i-1) && !quoteMark(toks, i-1) {
		i--
	}
	j := a.j
	for j < end && !segmentBreak(toks, j) && !(quoteMark(toks, j) && !closing(toks, j)) {
		j++
	}
	for i < a.i && (clauseOpeners.has(lower(toks[i])) || connectives.has(lower(toks[i])) || toks[i].Kind == passage.Punct) {
		i++
	}
	if i == a.i && a.j < j && predicateAt(toks, a.j) {
		// The answer is the clause's subject: a question already ("Who led Prince Milan to a
		// beautiful apartment?"), not a fragment ("who led … ?").
		wh := whFor(rs, toks, a)
		if _, ok := nounPhrase(toks, a.i, a.j); ok {
			wh = whoOrWhat(rs, toks, a) // by the head: "the girls in the house" are Who
		}
		return finish(join(wh, render(rs, toks, a.j, j)))
	}
	if words(toks, i, a.i)+words(toks, a.j, j) < minClauseWords {
		// "what ?", "At last what ?", "in the chariot what ?": a fragment asks nothing; the
		// sentence around it does.
		i, j = 0, end
		for i < a.i && (clauseOpeners.has(lower(toks[i])) || connectives.has(lower(toks[i])) || toks[i].Kind == passage.Punct) {
			i++
		}
	}
	q := join(render(rs, toks, i, a.i), strings.ToLower(whFor(rs, toks, a)), render(rs, toks, a.j, j))
	return strings.TrimRight(q, " ,;:.!?") + " ?" // "how am I to get these what ?" ends its speech at its own "?"
}

// minClauseWords is the fewest words besides the wh-word that clozeClause keeps from the
// answer's clause; with fewer it keeps the sentence. Fragments of none to two words read on
// FairytaleQA val ("what ?", "At last what ?", "amused herself what ?") ask nothing; from three
// some do ("There must be what ?", "there was no what ?"). With 3, validation went from 17.63
// and 41.72 to 18.58 and 42.47, and train from 16.98 and 41.36 to 17.46 and 41.70. Larger
// values scored more on validation (5: 18.91 and 42.59) and less on train (5: 17.14 and
// 41.62), and keep clauses that read as questions.
const minClauseWords = 3

// quoteMark reports whether toks[k] opens or closes a quotation. The clause of an answer starts
// after one, and ends before one that opens a quotation (`Take this what ,' the beggar went on,
// 'and …` was one question), keeping the speech tag after its speech, which names the
// speaker: a double quotation mark, or a single one that closes after punctuation (`,'`) or
// opens before a word with a space before it (` 'and`), not the apostrophe of "the boys' hats".
func quoteMark(toks []passage.Token, k int) bool {
	t := toks[k]
	if isQuote(t) {
		return true
	}
	if t.Text != "'" && t.Text != "‘" && t.Text != "’" {
		return false
	}
	closes := k > 0 && toks[k-1].Kind == passage.Punct && toks[k-1].End == t.Start
	opens := k+1 < len(toks) && toks[k+1].Start == t.End && (k == 0 || toks[k-1].End < t.Start)
	return closes || opens
}

// predicateAt reports whether a verb group starts at toks[k]: a finite verb or an auxiliary,
// after up to two adverbs ("himself stepped forward").
func predicateAt(toks []passage.Token, k int) bool {
	for n := 0; n < 2 && k < len(toks) && (midAdverbs.has(lower(toks[k])) || strings.HasSuffix(lower(toks[k]), "ly")); n++ {
		k++
	}
	if k >= len(toks) || toks[k].Kind != passage.Word {
		return false
	}
	w := lower(toks[k])
	t, _ := mainVerb(w)
	return t != notVerb && !plainWord(toks[k]) || auxiliaries.has(w)
}

// words counts the words and numbers of toks[i:j].
func words(toks []passage.Token, i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		if toks[k].Kind == passage.Word || toks[k].Kind == passage.Number {
			n++
		}
	}
	return n
}
