package qa

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestEncodeAllIsEncodeOneAtATime encodes one passage for several answers as a batch and one
// answer at a time: keys, their projections and the decoder's first state must be the same bit
// for bit, with and without the pooled answer, for answers anywhere (first and last token, one
// token or several, none), so that asking many questions at once asks what one at a time does.
func TestEncodeAllIsEncodeOneAtATime(t *testing.T) {
	for _, pool := range []bool{false, true} {
		shape := Shape{V: 40, Embed: 8, Units: 6, Decoder: 10, Attention: 5, Answer: 3, AnswerPool: pool}
		n, err := NewNet(shape, 1)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(3, 4))
		for i := range n.P.Data {
			n.P.Data[i] = float32(rng.NormFloat64())
		}
		const S = 11
		passage := make([]int32, S)
		for i := range passage {
			passage[i] = int32(4 + rng.IntN(shape.V-4))
		}
		var tags [][]int32
		for _, span := range [][2]int{{0, 1}, {S - 1, S}, {3, 6}, {5, 6}, {0, 0}} {
			tg := make([]int32, S)
			for i := span[0]; i < span[1]; i++ {
				tg[i] = 1
			}
			tags = append(tags, tg)
		}
		all := n.EncodeAll(passage, passage, tags)
		if len(all) != len(tags) {
			t.Fatalf("pool %v: got %d encodings; want %d", pool, len(all), len(tags))
		}
		for b, tg := range tags {
			t.Run(fmt.Sprintf("pool=%v/answer=%d", pool, b), func(t *testing.T) {
				want, got := n.Encode(passage, passage, tg), all[b]
				for _, part := range []struct {
					name      string
					got, want []float32
				}{{"keys", got.keys, want.keys}, {"pk", got.pk, want.pk}, {"h0", got.h0, want.h0}} {
					if len(part.got) != len(part.want) {
						t.Fatalf("%s: got %d values; want %d", part.name, len(part.got), len(part.want))
					}
					for i := range part.want {
						if math.Float32bits(part.got[i]) != math.Float32bits(part.want[i]) {
							t.Errorf("%s[%d]: got %g; want %g", part.name, i, part.got[i], part.want[i])
							break
						}
					}
				}
				if got.S != want.S || !slices.Equal(got.source, want.source) {
					t.Errorf("S %d source %v; want %d %v", got.S, got.source, want.S, want.source)
				}
			})
		}
	}
}
