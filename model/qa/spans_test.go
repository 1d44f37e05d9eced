package qa

import (
	"math"
	"reflect"
	"testing"
)

func TestSpansAreEveryRunBestFirst(t *testing.T) {
	inside := []float64{0.9, 0.2, 0.6, 0.7, 0.8, 0.1, 0.55, 0.5, 0.99}
	want := []Span{{8, 9, 0.99}, {0, 1, 0.9}, {2, 5, 0.7}, {6, 7, 0.55}}
	got := spans(inside)
	if len(got) != len(want) {
		t.Fatalf("got %v; want %v", got, want)
	}
	for i := range want {
		if got[i].Start != want[i].Start || got[i].End != want[i].End || math.Abs(got[i].Prob-want[i].Prob) > 1e-12 {
			t.Errorf("span %d: got %v; want %v", i, got[i], want[i])
		}
	}
	if got := spans(nil); got != nil {
		t.Errorf("no tokens: got %v; want none", got)
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
	if !reflect.DeepEqual(spans(got), n.Spans(passage)) {
		t.Errorf("Spans is not spans of Inside")
	}
}
