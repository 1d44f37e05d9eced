package qa

import (
	"math"
	"reflect"
	"testing"
)

func TestSpansAreEveryRunBestFirst(t *testing.T) {
	for _, c := range []struct {
		name   string
		inside []float64
		want   []Span
	}{
		{"confident: more likely inside than not", []float64{0.9, 0.2, 0.6, 0.7, 0.8, 0.1, 0.55, 0.3, 0.99},
			[]Span{{8, 9, 0.99}, {0, 1, 0.9}, {2, 5, 0.7}, {6, 7, 0.55}}},
		{"unsure: at least half as likely as the likeliest", []float64{0.1, 0.3, 0.05, 0.2, 0.16, 0.02},
			[]Span{{1, 2, 0.3}, {3, 5, 0.18}}},
		{"no token", nil, nil},
		{"nothing inside", []float64{0, 0}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := SpansOf(c.inside)
			if len(got) != len(c.want) {
				t.Fatalf("got %v; want %v", got, c.want)
			}
			for i := range c.want {
				if got[i].Start != c.want[i].Start || got[i].End != c.want[i].End || math.Abs(got[i].Prob-c.want[i].Prob) > 1e-12 {
					t.Errorf("span %d: got %v; want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}

// TestInsideIsTheTrainingTagger compares Inside with the training path's tagger on one unpadded
// passage.
func TestInsideIsTheTrainingTagger(t *testing.T) {
	n := randomNet(t, 3)
	bt := tinyBatch()
	passage := []int32{4, 6, 7, 4, 8} // sequence 0 of tinyBatch, which has no padding
	w := n.newWork(bt.S, bt.T, bt.B)
	n.forward(w, bt)
	got := n.Inside(passage)
	for i := range passage {
		r := i*bt.B + 0
		z0, z1 := float64(w.tagLogits[2*r]), float64(w.tagLogits[2*r+1])
		want := math.Exp(z1) / (math.Exp(z0) + math.Exp(z1))
		if math.Abs(got[i]-want) > 1e-5 {
			t.Errorf("token %d: Inside %g; the training tagger %g", i, got[i], want)
		}
	}
	if !reflect.DeepEqual(SpansOf(got), n.Spans(passage)) {
		t.Errorf("Spans is not spans of Inside")
	}
}
