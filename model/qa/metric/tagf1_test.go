package metric

import (
	"strings"
	"testing"
)

// tags reads "1100 01" as [[true true false false] [false true]].
func tags(s string) [][]bool {
	var out [][]bool
	for _, f := range strings.Fields(s) {
		row := make([]bool, len(f))
		for i, c := range f {
			row[i] = c == '1'
		}
		out = append(out, row)
	}
	return out
}

func TestTokenAndSpanF1(t *testing.T) {
	for _, tc := range []struct {
		name, pred, gold string
		token, span      PRF
	}{
		{
			// Tokens: 2 right of 3 tagged and of 3 gold. Spans: predicted [0,2) and [1,2),
			// gold [1,3) and [1,2): one exact match of 2 and 2.
			name: "overlap", pred: "1100 01", gold: "0110 01",
			token: PRF{2.0 / 3, 2.0 / 3, 2.0 / 3}, span: PRF{0.5, 0.5, 0.5},
		},
		{
			// Tokens: 3 right of 3 tagged, of 4 gold: P 1, R ¾, F1 = 1.5/1.75 = 6/7. Spans:
			// predicted [0,1) [2,4), gold [0,4): none match.
			name: "split answer", pred: "1011", gold: "1111",
			token: PRF{1, 0.75, 6.0 / 7}, span: PRF{0, 0, 0},
		},
		{
			name: "exact", pred: "0110 1", gold: "0110 1",
			token: PRF{1, 1, 1}, span: PRF{1, 1, 1},
		},
		{
			// Nothing tagged: precision has no denominator and is 0.
			name: "nothing predicted", pred: "000", gold: "010",
			token: PRF{0, 0, 0}, span: PRF{0, 0, 0},
		},
		{name: "no tokens", pred: "", gold: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pred, gold := tags(tc.pred), tags(tc.gold)
			if got := TokenF1(pred, gold); !closePRF(got, tc.token) {
				t.Errorf("TokenF1 = %+v; want %+v", got, tc.token)
			}
			if got := SpanF1(pred, gold); !closePRF(got, tc.span) {
				t.Errorf("SpanF1 = %+v; want %+v", got, tc.span)
			}
		})
	}
}

func closePRF(a, b PRF) bool {
	return close(a.Precision, b.Precision, 1e-12) && close(a.Recall, b.Recall, 1e-12) && close(a.F1, b.F1, 1e-12)
}

func TestF1ShapePanics(t *testing.T) {
	for _, tc := range []struct{ name, pred, gold string }{
		{"sentences differ", "10 1", "10"},
		{"lengths differ", "10 1", "10 11"},
	} {
		for fn, f := range map[string]func(p, g [][]bool) PRF{"TokenF1": TokenF1, "SpanF1": SpanF1} {
			t.Run(fn+"/"+tc.name, func(t *testing.T) {
				defer func() {
					if recover() == nil {
						t.Errorf("did not panic")
					}
				}()
				f(tags(tc.pred), tags(tc.gold))
			})
		}
	}
}
