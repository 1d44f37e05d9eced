package metric

import "testing"

func TestLCSLen(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"the cat sat on the mat", "the cat is on the mat", 5}, // the cat · on the mat
		{"a b c d", "b d", 2},
		{"a b c", "c b a", 1},
		{"a b a b", "b a b a", 3}, // b a b
		{"x x x", "x", 1},         // a token of b is used once
		{"the the the the", "the cat on the mat", 2},
		{"", "a b", 0},
		{"x y", "a b", 0},
	} {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			if got := lcsLen(tok(tc.a), tok(tc.b)); got != tc.want {
				t.Errorf("lcsLen = %d; want %d", got, tc.want)
			}
			if got := lcsLen(tok(tc.b), tok(tc.a)); got != tc.want {
				t.Errorf("lcsLen reversed = %d; want %d", got, tc.want)
			}
		})
	}
}

// TestRougeLHandWorked checks ROUGE-L on cases worked by hand, with β² = 1.44:
// F = 2.44·P·R / (R + 1.44·P).
func TestRougeLHandWorked(t *testing.T) {
	for _, tc := range []struct {
		name string
		hyp  string
		refs []string
		want float64
	}{
		// LCS 5 of 6 and 6: P = R = 5/6, and F = P when P = R.
		{"cat", "the cat sat on the mat", []string{"the cat is on the mat"}, 5.0 / 6},
		// LCS 2: P = 2/2, R = 2/6: F = 2.44·⅓ / (⅓ + 1.44) = 0.81333/1.77333 = 0.45865.
		{"short hypothesis", "the cat", []string{"the cat is on the mat"}, 2.44 / 3 / (1.0/3 + 1.44)},
		// LCS 2 of 4 and 2: P = ½, R = 1: F = 1.22 / 1.72 = 0.70930.
		{"long hypothesis", "a b c d", []string{"a b"}, 1.22 / 1.72},
		// coco takes the best P and the best R each on its own: "a b" gives R = 1 (P = ½), the
		// long reference P = 1 (R = ½); together P = R = 1, so F = 1 though no reference is matched.
		{"max P and max R apart", "a b c d", []string{"a b", "a b c d e f g h"}, 1},
		{"no common token", "x y", []string{"a b"}, 0},
		{"empty hypothesis", "", []string{"a b"}, 0},
		// an empty reference adds nothing; the other gives LCS 1 of 2 and 3: P = ½, R = ⅓,
		// F = 2.44·⅙ / (⅓ + 0.72) = 0.40667/1.05333 = 0.38608.
		{"empty reference", "a b", []string{"", "a x y"}, 2.44 / 6 / (1.0/3 + 0.72)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			refs := make([][]string, len(tc.refs))
			for i, r := range tc.refs {
				refs[i] = tok(r)
			}
			if got := RougeL(tok(tc.hyp), refs); !close(got, tc.want, 1e-12) {
				t.Errorf("RougeL = %.17g; want %.17g", got, tc.want)
			}
		})
	}
}

func TestCorpusRougeL(t *testing.T) {
	// The mean of 5/6 and 0.
	hyps := [][]string{tok("the cat sat on the mat"), tok("x y")}
	refs := refSets([]string{"the cat is on the mat"}, []string{"a b"})
	if got, want := CorpusRougeL(hyps, refs), 5.0/12; !close(got, want, 1e-12) {
		t.Errorf("CorpusRougeL = %.17g; want %.17g", got, want)
	}
	if got := CorpusRougeL(nil, nil); got != 0 {
		t.Errorf("CorpusRougeL of an empty corpus = %g; want 0", got)
	}
}

func TestRougeLPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"no reference", func() { RougeL(tok("a"), nil) }},
		{"counts differ", func() { CorpusRougeL([][]string{tok("a")}, nil) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("did not panic")
				}
			}()
			tc.f()
		})
	}
}
