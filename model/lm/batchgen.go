package lm

import (
	"math/rand/v2"
	"slices"
)

// windowBufs are the buffers of window mode for R contexts at once; G is the width of a layer's
// input projection (4H for the LSTM, 3H for the GRU, H for the simple RNN).
type windowBufs struct {
	seq    [2][]float32 // (T, R, H) outputs of a layer, then of the next
	zs     []float32    // (T·R, G) an upper layer's input projections
	z      []float32    // (R, G)
	state  *cellState   // of R sequences, from zero at each layer
	logits []float32    // (R, V)
}

func (g *Generator) windowBufs(R int) *windowBufs {
	if wb := g.windows[R]; wb != nil {
		return wb
	}
	n := g.Net
	T, H := n.Cfg.SeqLen, n.Cfg.Units
	G := n.Cfg.Cell.gates(H)
	wb := &windowBufs{seq: [2][]float32{make([]float32, T*R*H), make([]float32, T*R*H)},
		zs: make([]float32, T*R*G), z: make([]float32, R*G), state: n.rnns[0].newState(R),
		logits: make([]float32, R*n.V)}
	g.windows[R] = wb
	return wb
}

// BatchWindowLogits runs the windows of several contexts, of the same length, through the
// network from a zero state, one layer at a time: each recurrent and dense product runs once for
// all of them, as rows of one matrix. It returns (len(ctxs), V) logits, reused by the next call.
func (g *Generator) BatchWindowLogits(ctxs [][]int32) []float32 {
	n := g.Net
	R := len(ctxs)
	bb := g.windowBufs(R)
	g.wins = g.wins[:0]
	for _, ctx := range ctxs {
		g.wins = append(g.wins, g.Window(ctx))
	}
	T := len(g.wins[0])
	E, H := n.Cfg.Embed, n.Cfg.Units
	G := n.Cfg.Cell.gates(H)
	g.dropStaleProjections()
	var out []float32
	for l, layer := range n.rnns {
		w, b := layer.input()
		out = bb.seq[l%2][:T*R*H]
		if l > 0 {
			in := bb.seq[(l-1)%2][:T*R*H]
			for row := range T * R {
				copy(bb.zs[row*G:(row+1)*G], b)
			}
			n.mm.NN(T*R, G, H, in, w, bb.zs[:T*R*G])
		}
		bb.state.reset()
		for t := range T {
			for r, win := range g.wins {
				z := bb.z[r*G : (r+1)*G]
				if l == 0 {
					copy(z, g.projection(win[t], w, b, E, G))
				} else {
					copy(z, bb.zs[(t*R+r)*G:(t*R+r+1)*G])
				}
			}
			layer.advance(bb.state, bb.z, R, n.mm)
			copy(out[t*R*H:(t+1)*R*H], bb.state.h)
		}
	}
	n.dense.Forward(bb.logits, out[(T-1)*R*H:T*R*H], R, n.mm)
	return bb.logits
}

// GenerateBatch writes one continuation of prompt per option set, in window mode, all at once:
// the four samples after an epoch cost little more than one. Each draws from rng in turn, step
// by step; a continuation that reaches the separator stops while the others go on.
func (g *Generator) GenerateBatch(prompt string, opts []GenOptions, rng *rand.Rand) []GenResult {
	ctx0, unknown := g.Context(prompt)
	R := len(opts)
	ctxs := make([][]int32, R)
	res := make([]GenResult, R)
	steps := 0
	for r := range opts {
		ctxs[r] = append([]int32(nil), ctx0...)
		res[r].Unknown = unknown
		steps = max(steps, opts[r].N)
	}
	sep := g.Tok.ID(Separator)
	done := make([]bool, R)
	V := g.Net.V
	for i := range steps {
		logits := g.BatchWindowLogits(ctxs)
		for r, o := range opts {
			if done[r] || i >= o.N {
				done[r] = true
				continue
			}
			lr := logits[r*V : (r+1)*V]
			if len(res[r].IDs) == 0 {
				noEmptyStory(lr, sep)
			}
			id := g.sampler.Sample(lr, o.SampleOptions, rng)
			if id == sep && sep != 0 && !o.IgnoreSeparator {
				res[r].Stopped, done[r] = true, true
				continue
			}
			res[r].IDs = append(res[r].IDs, id)
			ctxs[r] = append(ctxs[r], id)
		}
		if !slices.Contains(done, false) {
			break
		}
	}
	for r := range res {
		res[r].Text = g.Tok.Decode(res[r].IDs)
	}
	return res
}
