package rules

import (
	"sort"
	"strings"

	"fabulist/model/qa"
	"fabulist/model/qa/passage"
)

// Scores of the question forms before the heuristics below: a wh-question over a cloze, and the
// more specific wh-words (Where, When, Why, How many) over Who and What.
const (
	scoreCloze    = 0.2
	scoreWho      = 1.0
	scoreSpecific = 1.2
)

// score ranks one pair, a small stand-in for the ranker of Heilman and Smith (2010): it prefers
// questions of 4 to 20 words and penalises pronoun answers, pronouns left in the question (whose
// referent the reader cannot see), answers of more than 8 words other than a Why's reason, and
// questions that hold their own answer.
func score(base float64, q string, toks []passage.Token, a span, answer string) float64 {
	s := base
	words := passage.Tokenize(q)
	n := 0
	for _, t := range words {
		if t.Kind == passage.Word || t.Kind == passage.Number {
			n++
			if pronouns.has(strings.ToLower(t.Text)) {
				s -= 0.2
			}
		}
	}
	if n >= 4 && n <= 20 {
		s += 0.5
	} else {
		s -= 0.5
	}
	if isPronoun(toks, a) {
		s -= 1
	}
	if a.j-a.i > 8 && !strings.HasPrefix(q, "Why ") {
		s -= 0.3 // but a reason is a clause, and long: "because he had not a beautiful voice like the Nightingale"
	}
	if !strings.Contains(q, "___") && containsWords(q, answer) {
		s -= 1
	}
	return s
}

// containsWords reports whether the words of answer appear together in q, ignoring case.
func containsWords(q, answer string) bool {
	pad := func(s string) string {
		var b strings.Builder
		for _, t := range passage.Tokenize(s) {
			b.WriteString(" " + strings.ToLower(t.Text))
		}
		return b.String() + " "
	}
	return strings.Contains(pad(q), pad(answer))
}

// perSentence is how many pairs one sentence may give before the others have given theirs.
const perSentence = 2

// pick returns up to n pairs, best first, in rounds: the best pair of each sentence, then the
// second best, so that one rich sentence does not fill the list. Questions repeated word for
// word are kept once, and so is an answer: a sentence's second pair asks about something else,
// not the same words again as a cloze ("Who must always be stronger than the wolf?", then "___
// must always be stronger than the wolf", both "The lion").
func pick(bySentence [][]qa.Pair, n int) []qa.Pair {
	seen := map[string]bool{}
	asked := map[[2]int]bool{}
	var out []qa.Pair
	for round := 0; round < perSentence && len(out) < n; round++ {
		var this []qa.Pair
		for _, ps := range bySentence {
			for _, p := range ps[min(round, len(ps)):] {
				if a := [2]int{p.Start, p.End}; !seen[p.Question] && !asked[a] {
					this = append(this, p)
					seen[p.Question], asked[a] = true, true
					break
				}
			}
		}
		sort.SliceStable(this, func(i, j int) bool { return this[i].Score > this[j].Score })
		out = append(out, this[:min(len(this), n-len(out))]...)
	}
	return out
}
