package metric

import "math"

// MaxN is the longest n-gram BLEU counts: BLEU-1 to BLEU-4.
const MaxN = 4

// The smoothing constants of coco-caption's bleu_scorer.py: tiny is added to each count of
// matched n-grams and small to each count of hypothesis n-grams, so that a corpus with no
// n-grams of some order scores (nearly) 0 instead of dividing by zero.
const (
	tiny  = 1e-15
	small = 1e-9
)

// ngram is an n-gram of up to MaxN tokens; comparing the tokens themselves (not a joined
// string) keeps any token, whatever runes it holds, from colliding with another n-gram.
type ngram struct {
	n int
	w [MaxN]string
}

// countNgrams counts the 1- to MaxN-grams of toks.
func countNgrams(toks []string) map[ngram]int {
	counts := make(map[ngram]int)
	for n := 1; n <= MaxN; n++ {
		for i := 0; i+n <= len(toks); i++ {
			g := ngram{n: n}
			copy(g.w[:], toks[i:i+n])
			counts[g]++
		}
	}
	return counts
}

// BLEU returns corpus-level BLEU-1 to BLEU-4 (index 0 is BLEU-1) of hyps, one tokenized
// hypothesis per segment, against refs, the tokenized references of each segment, as
// coco-caption's bleu_scorer.py computes them with option 'closest' (the option nqg's
// qgevalcap and coco's bleu.py pass). Each score is a fraction in [0, 1].
//
// For each segment and order n, a hypothesis n-gram matches at most as many times as it
// occurs in any one reference (clipping); matches m_n and hypothesis n-grams g_n =
// max(0, len−n+1) are summed over the corpus. The segment's reference length is that of the
// reference closest in length to its hypothesis, the shorter one on a tie; c is the sum of
// hypothesis lengths and r the sum of those reference lengths. Then
//
//	BLEU-N = BP · (∏_{n≤N} (m_n + 1e-15) / (g_n + 1e-9))^(1/N)
//	BP     = exp(1 − 1/ρ) if ρ < 1, else 1, where ρ = (c + 1e-15) / (r + 1e-9).
//
// The constants are coco's: an empty hypothesis corpus, or one with no 4-grams, scores about
// 0 rather than failing, and an empty corpus scores 0 (BP underflows).
//
// BLEU panics if len(refs) != len(hyps) or a segment has no reference (coco asserts both).
func BLEU(hyps [][]string, refs [][][]string) [MaxN]float64 {
	if len(hyps) != len(refs) {
		panic("metric: BLEU: hypotheses and reference sets differ in number")
	}
	var matched, guessed [MaxN]int
	var hypLen, refLen int
	for s, hyp := range hyps {
		if len(refs[s]) == 0 {
			panic("metric: BLEU: a hypothesis has no reference")
		}
		hypLen += len(hyp)
		refLen += closestLen(len(hyp), refs[s])
		maxRef := make(map[ngram]int)
		for _, ref := range refs[s] {
			for g, c := range countNgrams(ref) {
				maxRef[g] = max(maxRef[g], c)
			}
		}
		for g, c := range countNgrams(hyp) {
			matched[g.n-1] += min(c, maxRef[g])
		}
		for n := 1; n <= MaxN; n++ {
			guessed[n-1] += max(0, len(hyp)-n+1)
		}
	}
	var scores [MaxN]float64
	prod := 1.0
	for k := range MaxN {
		prod *= (float64(matched[k]) + tiny) / (float64(guessed[k]) + small)
		scores[k] = math.Pow(prod, 1/float64(k+1))
	}
	if ratio := (float64(hypLen) + tiny) / (float64(refLen) + small); ratio < 1 {
		bp := math.Exp(1 - 1/ratio)
		for k := range scores {
			scores[k] *= bp
		}
	}
	return scores
}

// closestLen returns the length of the reference closest in length to a hypothesis of
// hypLen tokens; on a tie the shorter, as coco's min over (|len − hypLen|, len) pairs picks.
func closestLen(hypLen int, refs [][]string) int {
	best := len(refs[0])
	for _, ref := range refs[1:] {
		l := len(ref)
		d, bd := absInt(l-hypLen), absInt(best-hypLen)
		if d < bd || d == bd && l < best {
			best = l
		}
	}
	return best
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
