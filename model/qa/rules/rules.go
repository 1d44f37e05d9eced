package rules

import (
	"fmt"
	"sort"
	"strings"

	"fabulist/model/qa"
	"fabulist/model/qa/passage"
)

// Generator is the rule-based question generator; its zero value is ready to use.
type Generator struct{}

var _ qa.Generator = Generator{}

// Pairs returns up to n pairs about passage in the text's order (by where each answer starts;
// the better first where two start together), the best the rules find, at most two from each
// sentence, none about words inside quotation marks, a moral set apart by its indentation, or a
// Project Gutenberg eBook's header and licence. The answer of each is the passage's runes [Start,
// End). A passage the rules cannot read gives no pairs; the error is always nil.
func (g Generator) Pairs(text string, n int) ([]qa.Pair, error) {
	pairs, _ := g.PairsAndMore(text, n)
	return pairs, nil
}

// PairsAndMore is Pairs, and whether the rules find more pairs in text than the n given, which a
// list of n can then say.
func (Generator) PairsAndMore(text string, n int) (pairs []qa.Pair, more bool) {
	if n <= 0 {
		return nil, false
	}
	rs := []rune(text)
	sents := withoutSymbols(passage.Split(text))
	speech, moral, outside := inQuotes(rs), setApart(rs), outsideBody(rs)
	// A cloze is for a sentence in a script the rules cannot read (Korean). An English one gets
	// a question or nothing: "A Man and ___ had the good fortune …" among wh-questions read as a
	// fault in a new user's trial. Only a passage the rules ask nothing of gets clozes of its
	// English sentences, rather than the panel's "found nothing" (Aesop's fables one by one: 53
	// of 295 gave no pair without them, 8 with).
	gather := func(clozes bool) [][]qa.Pair {
		var all [][]qa.Pair
		for si, s := range sents {
			if s.Start < len(moral) && moral[s.Start] {
				continue // a fable's moral is no fact of the story (moral.go)
			}
			if s.Start < len(outside) && outside[s.Start] {
				continue // an eBook's header and licence are about the file (gutenberg.go)
			}
			var ps []qa.Pair
			for _, p := range pieces(s) {
				for _, q := range sentencePairs(rs, sents, p, si, clozes || !latin(p.Tokens)) {
					if !quotedSpan(speech, q.Start, q.End) && !onlyPronouns(q.Question) && !restates(q.Answer) {
						// A character's words are no facts of the story (quoted.go), a question
						// that names no one but "he" or "they" is about no one a reader can tell,
						// and "their request" for what Jupiter granted tells nothing (unplaced.go).
						ps = append(ps, q)
					}
				}
			}
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].Score > ps[j].Score })
			if len(ps) > 0 {
				all = append(all, ps)
			}
		}
		return all
	}
	all := gather(false)
	if len(all) == 0 {
		all = gather(true)
	}
	out := pick(all, n+1) // the best n, best first, and one more if there is one
	more = len(out) > n
	out = out[:min(len(out), n)]
	// A reader goes through a list about a story as through the story: one in the order of
	// the scores jumped about it (a new user's trial).
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, more
}

// sentencePairs writes every pair the rules find in one sentence s, sents[si] or its part: a
// question for each candidate answer, with a "he" or "she" in the question named (resolve), and,
// with clozes, a cloze for each too. A title (titleLine) is no source of questions: a sentence
// that is one gives none, and one on the sentence's first line is left out.
func sentencePairs(rs []rune, sents []passage.Sentence, s passage.Sentence, si int, clozes bool) []qa.Pair {
	if rest, ok := afterTitle(rs, s); ok {
		return sentencePairs(rs, sents, rest, si, clozes)
	}
	toks := s.Tokens
	if titleLine(toks) {
		return nil
	}
	c, parsed := parse(toks)
	var out []qa.Pair
	seen := map[span]bool{}
	for _, cand := range candidates(rs, toks, c, parsed) {
		if parsed && !coordinated(toks, c, cand.cut) {
			if q, ok := question(rs, toks, c, cand); ok && !speaker(q) && !speaker(render(rs, toks, cand.ans.i, cand.ans.j)) {
				q = resolve(rs, sents, si, toks[cand.ans.i].Start, toks[cand.ans.j-1].End, q) // "How long did the Fox jump?", not "… did he …"
				base := scoreWho
				if cand.wh != "Who" && cand.wh != "What" {
					base = scoreSpecific
				}
				subject := cand.cut.i >= c.subj.i && cand.cut.j <= c.subj.j
				if ans := render(rs, toks, cand.ans.i, cand.ans.j); !unplaced(q, ans, subject) && !possessive(ans) { // "Who could stand it no longer?": a cloze only
					out = append(out, newPair(rs, toks, si, cand.ans, q, base))
				}
			}
		}
		if clozes && !seen[cand.ans] {
			seen[cand.ans] = true
			a := toks[cand.ans.i].Start
			b := toks[cand.ans.j-1].End
			out = append(out, newPair(rs, toks, si, cand.ans, cloze(rs, s.Start, s.End, a, b), scoreCloze))
		}
	}
	return out
}

// speaker reports whether a question or an answer holds a word of the first or second person
// ("What will I buy?", "Who is something worth having?" for "your cow"): the sentence was speech whose
// quotation marks are in another sentence, and a reader cannot tell who "I" or "you" is. Only a
// cloze asks about it, which keeps the words as they were said.
func speaker(q string) bool {
	for _, t := range passage.Tokenize(q) {
		if speakers.has(strings.ToLower(t.Text)) {
			return true
		}
	}
	return false
}

var speakers = &wordSet{list: `i me my mine myself we us our ours ourselves you your yours yourself yourselves`}

// coordinated reports whether a is one side of an "and" or "or" inside the clause ("invited a
// number of his friends and acquaintances", "between the North Wind and the Sun"): a question
// without it keeps the other side dangling ("Who did he invite and acquaintances?"), so only a
// cloze asks about it.
func coordinated(toks []passage.Token, c clause, a span) bool {
	conj := func(k int) bool { w := lower(toks[k]); return w == "and" || w == "or" }
	return a.j < c.end && conj(a.j) || a.i-1 >= c.lead && a.i-1 < c.end && conj(a.i-1)
}

func newPair(rs []rune, toks []passage.Token, si int, a span, q string, base float64) qa.Pair {
	start, end := toks[a.i].Start, toks[a.j-1].End
	answer := string(rs[start:end])
	return qa.Pair{Question: q, Answer: qa.OneLine(answer), Sentence: si, Start: start, End: end,
		Method: qa.ByRules, Score: score(base, q, toks, a, answer)}
}

// Ask writes a question whose answer is the passage's runes [start, end). When the span is
// whole tokens of an English sentence, it first reads the clause that holds the span and asks in
// question order (askClause: the wh-word chosen from the answer and the words around it, only
// that clause, a "he" or "she" named); else it uses the form the rules would choose for that
// span where they find it as a candidate, else a wh-word chosen from the span when the clause
// is one the rules can read, else the answer's clause with a wh-word in its place (clozeClause),
// and otherwise (a span inside a word, or text in other scripts) a cloze of the sentence. It
// returns an error when the span is empty or out of range.
func (Generator) Ask(text string, start, end int) (qa.Pair, error) {
	rs := []rune(text)
	if start < 0 || end > len(rs) || start > end {
		return qa.Pair{}, fmt.Errorf("rules: span [%d, %d) is out of range of a passage of %d runes", start, end, len(rs))
	}
	if start == end {
		return qa.Pair{}, fmt.Errorf("rules: span [%d, %d) is empty", start, end)
	}
	split := passage.Split(text)
	sents := withoutSymbols(split)
	si := 0
	for i, s := range sents {
		if s.Start <= start {
			si = i
		}
	}
	from, to := start, end
	if len(sents) > 0 {
		s := sents[si]
		f, t := clozeBounds(rs, split, si) // as Clozes quotes it: no emoji of the sentence before
		from, to = min(from, f), max(to, t)
		if p, ok := askLightEvent(rs, s, si, start, end); ok {
			return p, nil // "a nasty fall": not "What did he have?"
		}
		if p, ok := askAnswer(rs, s, si, start, end); ok {
			p.Question = resolve(rs, sents, si, start, end, p.Question)
			if a, ok := tokenSpan(s.Tokens, start, end); ok {
				if name, ok := speakerOf(rs, s.Tokens, a); ok {
					p.Question = inThirdPerson(p.Question, name) // "What will the Fox eat?", not "… I eat?"
				}
			}
			return p, nil
		}
		best := qa.Pair{Score: -1e9}
		for _, p := range sentencePairs(rs, sents, s, si, true) {
			if p.Start == start && p.End == end && p.Score > best.Score {
				best = p
			}
		}
		if best.Question != "" {
			return best, nil
		}
		if p, ok := askSpan(rs, s, si, start, end); ok {
			return p, nil
		}
	}
	if len(sents) > 0 && english(sents[si].Tokens) && wholeTokens(sents[si].Tokens, start, end) {
		// The clause with a wh-word for the answer: a question, where a cloze is an exercise,
		// and closer to what people ask (FairytaleQA validation, after the clause rules: BLEU-4
		// 15.39 and ROUGE-L 38.25, against 12.87 and 38.43 with the whole sentence as Baseline
		// has it, and lower still with clozes).
		if a, ok := tokenSpan(sents[si].Tokens, start, end); ok {
			return qa.Pair{Question: resolve(rs, sents, si, start, end, clozeClause(rs, sents[si].Tokens, a)), Answer: qa.OneLine(string(rs[start:end])), Sentence: si,
				Start: start, End: end, Method: qa.ByRules, Score: scoreCloze}, nil
		}
		p, err := Baseline{}.Ask(text, start, end)
		p.Score = scoreCloze
		return p, err
	}
	p := qa.Pair{Question: cloze(rs, from, to, start, end), Answer: qa.OneLine(string(rs[start:end])), Sentence: si,
		Start: start, End: end, Method: qa.ByRules}
	p.Score = scoreCloze
	return p, nil
}

// askSpan asks about a span of whole tokens of a readable clause with a wh-word chosen from the
// span's words.
func askSpan(rs []rune, s passage.Sentence, si, start, end int) (qa.Pair, bool) {
	toks := s.Tokens
	a, whole := tokenSpan(toks, start, end)
	c, parsed := parse(toks)
	if !whole || !parsed {
		return qa.Pair{}, false
	}
	q, ok := question(rs, toks, c, candidate{ans: a, cut: a, wh: whFor(rs, toks, a)})
	if !ok {
		return qa.Pair{}, false
	}
	return newPair(rs, toks, si, a, q, scoreWho), true
}

// whFor picks the wh-word for a span of the passage rs from its words.
func whFor(rs []rune, toks []passage.Token, a span) string {
	first := lower(toks[a.i])
	if j, ok := duration(toks, a.i); ok && j == a.j {
		return "How long"
	}
	if j, ok := timePhrase(toks, a.i); ok && j == a.j {
		return "When" // before Where: "in the afternoon" is no place
	}
	switch {
	case a.j-a.i == 1 && (toks[a.i].Kind == passage.Number || numberWords.has(first)):
		return "How many"
	case wherePreps.has(first) && a.j-a.i > 1 && !timeNouns.has(lower(toks[a.j-1])) && !causeNouns.has(lower(phraseHead(toks, span{a.i + 1, a.j}))):
		return "Where"
	case first == "because" || first == "so" || first == "in" && a.j-a.i > 2 && lower(toks[a.i+1]) == "order":
		return "Why"
	}
	if head := toks[a.j-1]; person(rs, toks, a.j-1) || isAnimate(lower(head)) {
		return "Who"
	}
	return "What"
}

// wholeTokens reports whether [start, end) begins at a token's start and ends at a token's end.
func wholeTokens(toks []passage.Token, start, end int) bool {
	var a, b bool
	for _, t := range toks {
		a = a || t.Start == start
		b = b || t.End == end
	}
	return a && b
}

// phraseHead is the head noun of the noun phrase that starts a (the word before "of" in "a
// disease of the eyes"), or a's last word when no noun phrase starts it.
func phraseHead(toks []passage.Token, a span) passage.Token {
	j, ok := nounPhrase(toks, a.i, a.j)
	if !ok || j <= a.i {
		return toks[a.j-1]
	}
	for k := a.i + 1; k < j; k++ {
		if lower(toks[k]) == "of" {
			return toks[k-1]
		}
	}
	return toks[j-1]
}
