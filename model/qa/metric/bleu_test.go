package metric

import (
	"math"
	"strings"
	"testing"
)

// tok splits already-tokenized text, as coco-caption does.
func tok(s string) []string { return strings.Fields(s) }

// refSets makes one reference set per segment from space-separated references.
func refSets(sets ...[]string) [][][]string {
	out := make([][][]string, len(sets))
	for i, set := range sets {
		for _, r := range set {
			out[i] = append(out[i], tok(r))
		}
	}
	return out
}

// close reports whether got is within a relative tolerance rel of want (absolute below 1e-300).
func close(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-300)
}

// TestBLEUHandWorked checks BLEU on cases worked by hand. The smoothing constants move each
// score by about 1e-9 relative, so the hand values are checked to 1e-8; a missing n-gram order
// contributes the factor tiny/small = 1e-15/1e-9 = 1e-6 (times 1/g when g > 0).
func TestBLEUHandWorked(t *testing.T) {
	for _, tc := range []struct {
		name string
		hyps []string
		refs [][]string
		want [MaxN]float64
	}{
		{
			// the cat sat on the mat / the cat is on the mat: matches 5/6 (the×2 cat on mat),
			// 3/5 (the cat, on the, the mat), 1/4 (on the mat), 0/3; lengths 6 and 6, BP = 1.
			// B2 = √(5/6·3/5) = √½; B3 = ∛(5/6·3/5·1/4) = ½; B4 = ⁴√(⅛·1e-15/3).
			name: "cat", hyps: []string{"the cat sat on the mat"}, refs: [][]string{{"the cat is on the mat"}},
			want: [MaxN]float64{5.0 / 6, math.Sqrt(0.5), 0.5, math.Pow(0.125*1e-15/3, 0.25)},
		},
		{
			// the cat / a 6-token reference: p1 = 2/2, p2 = 1/1, no 3- or 4-grams (factor 1e-6
			// each); BP = exp(1 − 6/2) = e⁻². B3 = ∛(1e-6)·e⁻² = 0.01·e⁻², B4 = ⁴√(1e-12)·e⁻².
			name: "short hypothesis", hyps: []string{"the cat"}, refs: [][]string{{"the cat is on the mat"}},
			want: [MaxN]float64{math.Exp(-2), math.Exp(-2), 0.01 * math.Exp(-2), 0.001 * math.Exp(-2)},
		},
		{
			// 7 tokens against 6, every n-gram of the reference found: p_n = 6/7, 5/6, 4/5, 3/4;
			// a longer hypothesis has BP = 1. B4 = ⁴√(6/7·5/6·4/5·3/4) = ⁴√(3/7).
			name: "long hypothesis", hyps: []string{"the cat sat on the mat today"}, refs: [][]string{{"the cat sat on the mat"}},
			want: [MaxN]float64{6.0 / 7, math.Sqrt(5.0 / 7), math.Cbrt(4.0 / 7), math.Pow(3.0/7, 0.25)},
		},
		{
			// "the" 7 times; it occurs at most twice in one reference, so 2/7 unigrams match
			// (clipping), and no bigram: B2 = √(2/7 · 1e-15/6), and so on. Lengths 7 against the
			// closest of 6 and 7 is 7: BP = 1.
			name: "clipped repeats", hyps: []string{"the the the the the the the"},
			refs: [][]string{{"the cat is on the mat", "there is a cat on the mat"}},
			want: [MaxN]float64{2.0 / 7, math.Sqrt(2.0 / 7 * 1e-15 / 6), math.Cbrt(2.0 / 7 * 1e-15 / 6 * 1e-15 / 5),
				math.Pow(2.0/7*1e-15/6*1e-15/5*1e-15/4, 0.25)},
		},
		{
			// 5 tokens, references of 4 and 6 are equally close: coco takes the shorter, so the
			// hypothesis counts as longer and BP = 1 (the longer would give exp(1 − 6/5) ≈ 0.82).
			name: "closest tie takes shorter", hyps: []string{"a b c d e"}, refs: [][]string{{"a b c d", "a b c d e f"}},
			want: [MaxN]float64{1, 1, 1, 1},
		},
		{
			// Two segments. "what did the cat sit" (5 tokens) against references of 9, 4 and 7
			// tokens takes 4; "on the mat" (3) against 6 and 3 takes 3: c = 8, r = 7, BP = 1 (the
			// first references, 9 + 6, or the mean lengths, 6.7 + 4.5, would give BP < 1). Every
			// n-gram of each hypothesis is in one of its references: 8/8, 6/6, 4/4, 2/2.
			name: "multiple references", hyps: []string{"what did the cat sit", "on the mat"},
			refs: [][]string{{"on what did the cat sit in it ?", "where is the cat", "what did the cat sit on ?"},
				{"the cat sat on the mat", "on the mat"}},
			want: [MaxN]float64{1, 1, 1, 1},
		},
		{
			// An empty hypothesis: c = 0, so ρ = 1e-15/(r + 1e-9) and BP = exp(1 − 1/ρ) = 0.
			name: "empty hypothesis", hyps: []string{""}, refs: [][]string{{"the cat"}},
			want: [MaxN]float64{0, 0, 0, 0},
		},
		{
			// An empty corpus: c = r = 0, ρ = 1e-15/1e-9 = 1e-6, and BP = exp(1 − 1e6) = 0.
			name: "empty corpus", hyps: []string{}, refs: [][]string{},
			want: [MaxN]float64{0, 0, 0, 0},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hyps := make([][]string, len(tc.hyps))
			for i, h := range tc.hyps {
				hyps[i] = tok(h)
			}
			got := BLEU(hyps, refSets(tc.refs...))
			for k := range got {
				if !close(got[k], tc.want[k], 1e-8) {
					t.Errorf("BLEU-%d = %.17g; want %.17g", k+1, got[k], tc.want[k])
				}
			}
		})
	}
}

// TestBLEUPanics checks that shape errors are refused as coco refuses them.
func TestBLEUPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		hyps [][]string
		refs [][][]string
	}{
		{"no reference", [][]string{tok("a b")}, [][][]string{{}}},
		{"counts differ", [][]string{tok("a b")}, [][][]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("BLEU did not panic")
				}
			}()
			BLEU(tc.hyps, tc.refs)
		})
	}
}

func TestClosestLen(t *testing.T) {
	for _, tc := range []struct {
		hypLen  int
		refLens []int
		want    int
	}{
		{5, []int{4, 6}, 4}, // a tie takes the shorter
		{5, []int{6, 4}, 4}, // whatever the order
		{5, []int{9, 7, 2}, 7},
		{0, []int{3, 1, 2}, 1},
		{3, []int{3, 3}, 3},
	} {
		refs := make([][]string, len(tc.refLens))
		for i, l := range tc.refLens {
			refs[i] = make([]string, l)
		}
		if got := closestLen(tc.hypLen, refs); got != tc.want {
			t.Errorf("closestLen(%d, lengths %v) = %d; want %d", tc.hypLen, tc.refLens, got, tc.want)
		}
	}
}
