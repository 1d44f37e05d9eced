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
	for i > 0 && !segmentBreak(toks, i-1) {
		i--
	}
	j := a.j
	for j < end && !segmentBreak(toks, j) {
		j++
	}
	for i < a.i && (clauseOpeners[lower(toks[i])] || connectives[lower(toks[i])] || toks[i].Kind == passage.Punct) {
		i++
	}
	q := join(render(rs, toks, i, a.i), strings.ToLower(whFor(rs, toks, a)), render(rs, toks, a.j, j))
	return strings.TrimRight(q, " ,;:") + " ?"
}
