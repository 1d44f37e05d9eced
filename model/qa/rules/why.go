package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// reasonOpeners introduce a clause that gives a reason: the answer after them is asked with Why
// about the clause before them ("He was sad, for no child had Heaven sent" → "Why was he sad?").
var reasonOpeners = &wordSet{list: `because for since as`}

// askWhole asks for an answer that is a whole clause. After "because", "for", "since" or "as" it
// is a reason, asked with Why about the clause before it; before "so" or "that" it is a cause,
// asked with Why about the clause after it; otherwise it is an event, asked with "What
// happened", and the clause that sets its time, if any ("when the old King died").
func askWhole(rs []rune, toks []passage.Token, c clause, a span) (string, bool) {
	end := sentenceEnd(toks)
	if a.i > 0 && reasonOpeners.has(lower(toks[a.i-1])) {
		if q, ok := whyBefore(rs, toks, a.i-1); ok {
			return q, true
		}
	}
	if p := previous(rs, toks, a.i); p != "" {
		return finish(join("What happened", p)), true
	}
	k := a.j
	for k < end && (toks[k].Kind == passage.Punct || clauseOpeners.has(lower(toks[k])) || connectives.has(lower(toks[k])) ||
		lower(toks[k]) == "therefore") {
		k++
	}
	if k < end && k > a.j {
		if after, ok := parseAt(toks, k, end); ok {
			return finish(join("Why", inverted(rs, toks, after), render(rs, toks, after.verbEnd, after.end))), true
		}
	}
	return finish(join("What happened", setting(rs, toks, a))), true
}

// previous is the clause before the answer's clause in its sentence, as the time of the answer's
// event: "Then the sun rose, and [the troll stiffened into stone]" → "when the sun rose". It keeps
// the clause's own opener where it has one ("since no one could tell him", "after she left"), and
// is empty when the answer starts its sentence.
func previous(rs []rune, toks []passage.Token, i int) string {
	j := i
	for j > 0 && (toks[j-1].Kind == passage.Punct || clauseOpeners.has(lower(toks[j-1]))) {
		j--
	}
	k := j
	for k > 0 && !segmentBreak(toks, k-1) && toks[k-1].Text != "," {
		k--
	}
	for k < j && (connectives.has(lower(toks[k])) || toks[k].Kind == passage.Punct) {
		k++
	}
	if j-k < 2 {
		return ""
	}
	opener := "when"
	if w := lower(toks[k]); clauseOpeners.has(w) {
		opener, k = w, k+1
		if reasonOpeners.has(w) {
			opener = "because"
		}
	}
	if _, ok := parseAt(toks, k, j); !ok {
		return ""
	}
	return opener + " " + midSentence(render(rs, toks, k, j))
}

// whyBefore asks Why about the clause that ends at the reason word toks[r].
func whyBefore(rs []rune, toks []passage.Token, r int) (string, bool) {
	for r > 0 && (toks[r-1].Kind == passage.Punct || reasonOpeners.has(lower(toks[r-1]))) {
		r--
	}
	for k := r - 1; k >= 0; k-- {
		if !clauseStart(toks, k) {
			continue
		}
		c, ok := clauseAt(toks, k, r)
		if !ok {
			continue
		}
		return finish(join("Why", inverted(rs, toks, c), render(rs, toks, c.verbEnd, min(c.end, r)))), true
	}
	return "", false
}

// timeOpeners open a clause that sets the time of another.
var timeOpeners = &wordSet{list: `when after before as while till until once whenever`}

// setting finds the clause in the sentence that sets the time of the answer's event: one opened
// by "when", "after", "as" … before or after the answer.
func setting(rs []rune, toks []passage.Token, a span) string {
	end := sentenceEnd(toks)
	for k := 0; k < end; k++ {
		if k >= a.i && k < a.j || !timeOpeners.has(lower(toks[k])) || !clauseStart(toks, k) {
			continue
		}
		j := k + 1
		for j < end && toks[j].Kind != passage.Punct && j != a.i {
			j++
		}
		if j-k > 2 && (j < end && toks[j].Kind == passage.Punct || j == end) && (j <= a.i || k >= a.j) {
			// A whole clause outside the answer: "until he suddenly [felt …]" is not one.
			return strings.ToLower(toks[k].Text) + " " + render(rs, toks, k+1, j)
		}
	}
	return ""
}

// purpose reports whether the answer gives a reason or a purpose: it starts with "because", "so
// that" or "in order to", or it is "to" and a verb set off by a comma ("…, to see whether …").
func purpose(toks []passage.Token, a span) bool {
	if isReason(toks, a.i) {
		return true
	}
	return a.i > 0 && toks[a.i-1].Text == "," && lower(toks[a.i]) == "to" && a.j > a.i+1 && startsVerb(toks[a.i+1])
}
