package nn

import "math/rand/v2"

// Embedding is Keras' Embedding layer: a table (V, E) whose row id is the vector of token id.
// Its table is a view into P.
type Embedding struct {
	P     *Params
	Table Tensor // (V, E)
	V, E  int
}

// NewEmbedding lays out an embedding of V ids of E values in p, under Keras' weight name
// name+"/embeddings".
func NewEmbedding(p *Params, name string, V, E int) *Embedding {
	return &Embedding{P: p, Table: p.Add(name+"/embeddings", V, E), V: V, E: E}
}

// Init fills the table as Keras does: U(±0.05).
func (l *Embedding) Init(rng *rand.Rand) { Uniform(l.P.W(l.Table), 0.05, rng) }

// Row is the vector (E) of id, a view into the weights.
func (l *Embedding) Row(id int32) []float32 {
	return l.P.W(l.Table)[int(id)*l.E : int(id+1)*l.E]
}

// Forward gathers rows: out (R, E) = table[ids[r]] for each of the R ids.
func (l *Embedding) Forward(out []float32, ids []int32) {
	table, E := l.P.W(l.Table), l.E
	for r, id := range ids {
		copy(out[r*E:(r+1)*E], table[int(id)*E:int(id+1)*E])
	}
}

// Backward scatters: dtable[ids[r]] += dout (R, E) row r. A token seen twice gets both.
func (l *Embedding) Backward(dout []float32, ids []int32) {
	dtable, E := l.P.G(l.Table), l.E
	for r, id := range ids {
		d := dtable[int(id)*E : int(id+1)*E]
		for e, g := range dout[r*E : (r+1)*E] {
			d[e] += g
		}
	}
}
