package rules

import (
	"strings"
	"unicode"

	"fabulist/model/qa"
	"fabulist/model/qa/passage"
)

// ReadsEnglish reports whether text looks like English, which the question rules read: nine
// letters in ten are a to z, and, in a text of twenty words or more, at least one word in twelve
// is one of English's commonest words (in English stories about one in three is). The second
// test tells French or German, written in the same letters, apart.
func ReadsEnglish(text string) bool {
	letters, ascii := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if r < 0x80 {
				ascii++
			}
		}
	}
	if letters == 0 || 10*ascii < 9*letters {
		return false
	}
	words, common := 0, 0
	for _, t := range passage.Tokenize(text) {
		if t.Kind != passage.Word {
			continue
		}
		words++
		if commonEnglish.has(strings.ToLower(t.Text)) {
			common++
		}
	}
	return words < 20 || 12*common >= words
}

// commonEnglish are English's commonest words, most of them words no other language that
// writes in Latin letters shares.
var commonEnglish = &wordSet{list: `the and of to a in was is it he she they his her that with for
		on at as had be but not by from said you we there were this have him them their one all so
		what when who which would will could then out up into an`}

// Clozes are fill-in-the-blank questions about a text the rules cannot read: in up to n of its
// sentences, spread over the text, a word is blanked out, and it is the answer. The word is a
// number if the sentence has one, else the longest noun found by its particle (in Korean; see
// particle), else the sentence's longest word. A sentence of one word gives none, and a question
// asked already (the text repeats its sentence) is not asked again.
func Clozes(text string, n int) []qa.Pair {
	rs := []rune(text)
	sents := passage.Split(text)
	var out []qa.Pair
	seen := map[string]bool{} // a text that repeats a sentence asks it once: a quiz does not repeat
	for k := 0; k < len(sents) && len(out) < n; k++ {
		si := k
		if len(sents) > n { // spread over the text
			si = k * len(sents) / n
		}
		s := sents[si]
		start, end, ok := blank(s.Tokens)
		if !ok {
			continue
		}
		from, to := clozeBounds(rs, sents, si)
		q := strings.Join(strings.Fields(string(rs[from:start])+"___"+string(rs[end:to])), " ")
		if seen[q] {
			continue
		}
		seen[q] = true
		out = append(out, qa.Pair{Question: q, Answer: qa.OneLine(string(rs[start:end])), Sentence: si, Start: start, End: end,
			Method: qa.ByRules})
	}
	return out
}

// clozeBounds are the runes [from, to) of sents[si] that its cloze quotes: from its first
// letter or digit, and through the symbols (emoji) that open the next sentence on the same line,
// since an emoji after a full stop ends the sentence before it ("고팠다. 🦊") though Split starts
// the next sentence with it. A cloze began "🦊 ___는 …" (a new user's trial); an emoji that
// opens a line is no sentence's, and no cloze's.
func clozeBounds(rs []rune, sents []passage.Sentence, si int) (from, to int) {
	s := sents[si]
	from, to = s.Start, s.End
	for _, t := range s.Tokens {
		if t.Kind != passage.Symbol {
			from = t.Start
			break
		}
	}
	if si+1 < len(sents) {
		for _, t := range sents[si+1].Tokens {
			if t.Kind != passage.Symbol || strings.ContainsAny(string(rs[to:t.Start]), "\n\r\u2028\u2029") {
				break
			}
			to = t.End
		}
	}
	return from, to
}

// blank picks the runes to blank out of a sentence (see Clozes).
func blank(toks []passage.Token) (start, end int, ok bool) {
	words := 0
	best, bestRank, bestLen := -1, -1, 0
	var bestEnd int
	for _, t := range toks {
		if t.Kind != passage.Word && t.Kind != passage.Number {
			continue
		}
		words++
		e, rank := t.End, 0
		n := t.End - t.Start
		switch {
		case t.Kind == passage.Number:
			rank = 2
		default:
			if p := particle(t.Text); p > 0 {
				e, n, rank = t.End-p, n-p, 1
			}
		}
		if n < 2 && t.Kind != passage.Number {
			continue
		}
		if rank > bestRank || rank == bestRank && n > bestLen {
			best, bestRank, bestLen, bestEnd = t.Start, rank, n, e
		}
	}
	if words < 2 || best < 0 {
		return 0, 0, false
	}
	return best, bestEnd, true
}

// koreanParticles are the case particles that follow a Korean noun, longest first: a word that
// ends in one, and is longer than it by two syllables or more, is taken for a noun, and the
// particle is left out of the answer ("여우가" answers with "여우"). 만 ("only") is not among them:
// it also ends verbs ("놀랐지만", "though surprised").
var koreanParticles = []string{"에게서", "에서", "에게", "으로", "까지", "부터", "처럼", "보다", "한테",
	"은", "는", "이", "가", "을", "를", "에", "의", "와", "과", "도", "로"}

// particle is the length in runes of the Korean particle that ends word, or 0.
func particle(word string) int {
	rs := []rune(word)
	for _, r := range rs {
		if !unicode.Is(unicode.Hangul, r) {
			return 0
		}
	}
	if strings.HasSuffix(word, "다가") && word != "바다가" {
		// -다가 ends a verb ("달리다가", "while running"), not a noun and 가: a trial's cloze
		// blanked "달리다" and left "가" ("토끼는 빨리 ___가 …"). 바다 (the sea) is the noun in -다
		// that stories use.
		return 0
	}
	for _, p := range koreanParticles {
		n := len([]rune(p))
		if len(rs)-n >= 2 && string(rs[len(rs)-n:]) == p {
			return n
		}
	}
	return 0
}
