package qa

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomNet is tinyShape with weights large enough that decoding has clear preferences.
func randomNet(t *testing.T, seed uint64) *Net {
	t.Helper()
	n, err := NewNet(tinyShape, seed)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range n.P.Data {
		n.P.Data[i] = float32(rng.NormFloat64())
	}
	n.P.W(n.out.Bias)[EndID] += 3 // questions that end within a few tokens
	n.P.W(n.out.Bias)[UnkID] += 3 // and that would say <UNK> if decoding let them
	return n
}

// TestBeamScoresAreTheTrainingLoss decodes greedily and with a beam, then feeds each hypothesis
// back through the training path (Batch, forward, the copy loss): its score must be minus that
// loss, so decoding and training compute the same distribution.
func TestBeamScoresAreTheTrainingLoss(t *testing.T) {
	passage := []int32{4, 5, UnkID, 7, 8}
	source := []int32{4, 5, 9, 7, 8}
	tags := []int32{0, 1, 1, 0, 0}
	checked := 0
	for seed := range uint64(5) {
		n := randomNet(t, seed)
		e := n.Encode(passage, source, tags)
		for _, k := range []int{1, 4} {
			hyps, err := n.Beam(e, k, 8, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(hyps) == 0 || len(hyps) > k {
				t.Fatalf("seed %d beam %d: %d hypotheses", seed, k, len(hyps))
			}
			for _, h := range hyps {
				if slices.ContainsFunc(h.IDs, func(id int32) bool { return id == UnkID || id == PadID || id == StartID }) {
					t.Errorf("seed %d beam %d: %v holds a reserved id", seed, k, h.IDs)
				}
				ended := len(h.IDs) < 8
				if !ended {
					continue // cut at maxLen: its score has no <END>
				}
				T := len(h.IDs) + 1
				in, out := []int32{StartID}, append(slices.Clone(h.IDs), EndID)
				for _, id := range h.IDs {
					if id >= int32(n.Shape.V) {
						id = UnkID
					}
					in = append(in, id)
				}
				bt := &Batch{S: len(passage), T: T, B: 1, Passage: passage, Source: source,
					Mask: []bool{true, true, true, true, true}, Tags: tags, In: in, Out: out,
					InMask: slices.Repeat([]bool{true}, T)}
				w := n.newWork(bt.S, bt.T, 1)
				n.forward(w, bt)
				loss := n.losses(w, bt, 0, 0).Question
				checked++
				if math.Abs(loss+h.Score) > 1e-4 {
					t.Errorf("seed %d beam %d %v: score %g; the training path's loss %g", seed, k, h.IDs, h.Score, loss)
				}
			}
			if !slices.IsSortedFunc(hyps, func(a, b Hypothesis) int { return cmp.Compare(b.Score, a.Score) }) {
				t.Errorf("seed %d beam %d: hypotheses not best first", seed, k)
			}
		}
	}
	if checked < 5 {
		t.Errorf("only %d hypotheses ended before the length limit; want 5 or more checked", checked)
	}
	t.Logf("%d hypotheses checked", checked)
}

func TestBeamRefusesWidthsOutOfRange(t *testing.T) {
	n := randomNet(t, 1)
	e := n.Encode([]int32{4, 5}, []int32{4, 5}, []int32{0, 1})
	for _, k := range []int{0, -1, MaxBeam + 1} {
		if _, err := n.Beam(e, k, 5, 9); err == nil {
			t.Errorf("width %d: no error", k)
		}
	}
}
