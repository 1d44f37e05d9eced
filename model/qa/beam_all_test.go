package qa

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBeamAllIsBeamOneAtATime decodes several passages' questions together and one at a time:
// each question's hypotheses must be the same, ids exactly and scores to sameScore, whatever the
// others decoded beside it (passages of different lengths, words copied from outside the vocabulary,
// questions that finish at different steps).
func TestBeamAllIsBeamOneAtATime(t *testing.T) {
	shapes := map[string]Shape{
		"tiny":   tinyShape,
		"medium": {V: 40, Embed: 8, Units: 6, Decoder: 10, Attention: 5, Answer: 3, AnswerPool: true},
	}
	for name, shape := range shapes {
		for seed := range uint64(3) {
			n, err := NewNet(shape, seed)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(seed, 2))
			for i := range n.P.Data {
				n.P.Data[i] = float32(rng.NormFloat64())
			}
			n.P.W(n.out.Bias)[EndID] += 2 // questions that end at various steps within maxLen
			var es []*Encoded
			var vext []int
			for range 6 {
				S := 3 + rng.IntN(10)
				passage, source, tags := make([]int32, S), make([]int32, S), make([]int32, S)
				oov := 0
				for i := range S {
					passage[i] = int32(4 + rng.IntN(shape.V-4))
					source[i] = passage[i]
					if rng.IntN(4) == 0 { // a word outside the vocabulary, to copy
						passage[i], source[i] = UnkID, int32(shape.V+oov)
						oov++
					}
				}
				a := rng.IntN(S)
				for i := a; i < min(S, a+1+rng.IntN(3)); i++ {
					tags[i] = 1
				}
				es = append(es, n.Encode(passage, source, tags))
				vext = append(vext, shape.V+oov)
			}
			for _, k := range []int{1, 3, 5} {
				t.Run(fmt.Sprintf("%s/seed=%d/k=%d", name, seed, k), func(t *testing.T) {
					all, err := n.BeamAll(es, k, 8, vext)
					if err != nil {
						t.Fatal(err)
					}
					if len(all) != len(es) {
						t.Fatalf("got %d questions' hypotheses; want %d", len(all), len(es))
					}
					for q, e := range es {
						one, err := n.Beam(e, k, 8, vext[q])
						if err != nil {
							t.Fatal(err)
						}
						if !slices.EqualFunc(all[q], one, func(a, b Hypothesis) bool {
							return sameScore(a.Score, b.Score) && slices.Equal(a.IDs, b.IDs)
						}) {
							t.Errorf("question %d: got %v together; want %v alone", q, all[q], one)
						}
					}
				})
			}
		}
	}
}

func TestBeamAllRefusesMismatchedSizes(t *testing.T) {
	n := randomNet(t, 1)
	e := n.Encode([]int32{4, 5}, []int32{4, 5}, []int32{0, 1})
	if _, err := n.BeamAll([]*Encoded{e, e}, 2, 5, []int{9}); err == nil {
		t.Error("two passages with one vocabulary size: no error")
	}
}

// TestAskAllIsAsk asks about several spans of one passage together and one at a time: the pairs
// must be the same, and a bad span must be refused as Ask refuses it.
func TestAskAllIsAsk(t *testing.T) {
	text := "The Fox saw some fine bunches of Grapes hanging from a vine, and Zorro the crow laughed at him from the trellis."
	words, toks := Words(text)
	v, err := BuildVocab([][]string{words[:len(words)/2]}, 100) // the rest are copied from outside
	if err != nil {
		t.Fatal(err)
	}
	shape := Shape{V: len(v.Words), Embed: 8, Units: 6, Decoder: 10, Attention: 5, Answer: 3, AnswerPool: true}
	n, err := NewNet(shape, 3)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range n.P.Data {
		n.P.Data[i] = float32(rng.NormFloat64())
	}
	n.P.W(n.out.Bias)[EndID] += 2
	g, err := NewTrained(&Model{Net: n, Vocab: v}, 3)
	if err != nil {
		t.Fatal(err)
	}
	g.MaxLen, g.MaxS = 8, 12 // windows of different passages around each answer
	var spans [][2]int
	for k := 0; k < len(toks); k += 3 {
		spans = append(spans, [2]int{toks[k].Start, toks[min(k+1, len(toks)-1)].End})
	}
	got, err := g.AskAll(text, spans)
	if err != nil {
		t.Fatal(err)
	}
	for k, sp := range spans {
		want, err := g.Ask(text, sp[0], sp[1])
		if err != nil {
			t.Fatal(err)
		}
		g, w := got[k], want
		if !sameScore(g.Score, w.Score) {
			t.Errorf("span %v: score %v together; want %v", sp, g.Score, w.Score)
		}
		if g.Score = w.Score; g != w {
			t.Errorf("span %v: got %+v together; want %+v", sp, got[k], want)
		}
	}
	if _, err := g.AskAll(text, [][2]int{spans[0], {5, 5}}); err == nil {
		t.Error("an empty span: no error")
	}
}

// sameScore reports whether two log-probabilities agree to 1e-6 (relative). With gonum's GEMM
// (native) and the SIMD kernels a row's products do not depend on the other rows of the call, so
// the scores are equal; the pure-Go kernel of GOOS=js without SIMD blocks by rows, which changes
// the last bits of a sum, but no word and no order may change.
func sameScore(a, b float64) bool { return math.Abs(a-b) <= 1e-6*max(1, math.Abs(b)) }
