package qa

import (
	"fmt"
	"math/rand/v2"

	"fabulist/model/nn"
)

// Vocabulary ids 0–3 are reserved, as in the book's question model.
const (
	PadID   = 0 // padding: never a target
	UnkID   = 1 // a word outside the vocabulary
	StartID = 2 // the decoder's first input
	EndID   = 3 // the decoder's last target
)

// Shape is the size of each part of the question model's network.
type Shape struct {
	V         int `json:"vocab_size"`       // ids, the four reserved ones included
	Embed     int `json:"embedding"`        // E: shared by the passage and the question
	Units     int `json:"units"`            // H: the tagger's and the encoder's GRU units, each way
	Decoder   int `json:"decoder_units"`    // D: the decoder GRU's units
	Attention int `json:"attention_units"`  // A
	Answer    int `json:"answer_embedding"` // F: the answer-position feature given to the encoder
	// AnswerPool bridges the decoder from the encoder's outputs averaged over the answer's tokens
	// as well as from its final states (false in files written before it existed).
	AnswerPool bool `json:"answer_pool,omitempty"`
}

// bridgeIn is the bridge's input width: the encoder's final states (2H), and with AnswerPool
// their outputs pooled over the answer (2H).
func (s Shape) bridgeIn() int {
	if s.AnswerPool {
		return 4 * s.Units
	}
	return 2 * s.Units
}

// Net is the question model's default network, the book's with its faults fixed and what the
// literature added after it (../shared/QA.md):
//
//   - Tagger: Embedding(E) → Bidirectional(GRU(H)) → Dense(2) softmax, tagging each passage
//     token as inside an answer or not.
//   - Encoder: the passage's embeddings with an answer-position feature (Embedding(2, F) of the
//     answer tags, Zhou et al. 2017) → Bidirectional(GRU(H)), masked, so padding is never read.
//   - Decoder: GRU(D) from tanh(Dense(D)) of the encoder's final states and (AnswerPool) of
//     its outputs averaged over the answer's tokens, as Zhao et al. 2018 and the book's answer
//     encoder start the decoder from the answer, reading `<START> q`
//     (teacher forcing), with additive attention over the encoder's outputs, and a
//     pointer-generator (See et al. 2017) over Dense(V) of [state, context] that can copy
//     passage words outside the vocabulary.
//
// The loss is the tagger's cross-entropy plus the question's, weighted 1:1 as in the book. All
// parameters live in one nn.Params, in the order above.
type Net struct {
	Shape   Shape
	P       nn.Params
	emb     *nn.Embedding     // (V, E)
	tagger  *nn.Bidirectional // E → 2H
	tagOut  *nn.Dense         // 2H → 2
	answer  *nn.Embedding     // (2, F)
	encoder *nn.Bidirectional // E+F → 2H
	bridge  *nn.Dense         // 2H (4H with AnswerPool) → D
	decoder *nn.GRU           // E → D
	attn    *nn.Attention     // keys 2H, queries D
	out     *nn.Dense         // D+2H → V
	gate    *nn.Dense         // D+2H+E → 1: p_gen's logit
	mm      nn.Gemm
	fault   netFault
}

// NewNet lays out a network of shape s and initialises it from seed as Keras would each layer.
// It returns an error for a shape out of range.
func NewNet(s Shape, seed uint64) (*Net, error) {
	if s.V <= EndID || s.Embed < 1 || s.Units < 1 || s.Decoder < 1 || s.Attention < 1 || s.Answer < 1 {
		return nil, fmt.Errorf("qa: shape %+v has a size out of range", s)
	}
	n := layout(s)
	rng := rand.New(rand.NewPCG(seed, 0x71676e74)) // "qgnt"
	n.emb.Init(rng)
	n.tagger.Init(rng)
	n.tagOut.Init(rng)
	n.answer.Init(rng)
	n.encoder.Init(rng)
	n.bridge.Init(rng)
	n.decoder.Init(rng)
	n.attn.Init(rng)
	n.out.Init(rng)
	n.gate.Init(rng)
	return n, nil
}

func layout(s Shape) *Net {
	E, H, D, F := s.Embed, s.Units, s.Decoder, s.Answer
	n := &Net{Shape: s, mm: nn.DefaultGemm}
	p := &n.P
	n.emb = nn.NewEmbedding(p, "embedding", s.V, E)
	n.tagger = nn.NewBidirectional(p, "tagger", E, H)
	n.tagOut = nn.NewDense(p, "tag", 2*H, 2)
	n.answer = nn.NewEmbedding(p, "answer_embedding", 2, F)
	n.encoder = nn.NewBidirectional(p, "encoder", E+F, H)
	n.bridge = nn.NewDense(p, "bridge", s.bridgeIn(), D)
	n.decoder = nn.NewGRU(p, "decoder", E, D)
	n.attn = nn.NewAttention(p, "attention", 2*H, D, s.Attention)
	n.out = nn.NewDense(p, "output", D+2*H, s.V)
	n.gate = nn.NewDense(p, "p_gen", D+2*H+E, 1)
	p.Alloc()
	return n
}

// Batch is B (passage, answer, question) examples, padded to S passage tokens and T question
// steps, all time-major.
type Batch struct {
	S, T, B int
	Passage []int32 // (S·B) ids in [0, V): words outside the vocabulary are UnkID
	Source  []int32 // (S·B) the same words in the extended vocabulary, for copying
	Mask    []bool  // (S·B) true at real passage tokens
	Tags    []int32 // (S·B) 1 inside the answer, else 0
	In      []int32 // (T·B) the decoder's inputs, `<START> q`, ids in [0, V)
	Out     []int32 // (T·B) its targets, `q <END>`, extended ids; -1 at padding
	InMask  []bool  // (T·B) true at real decoder steps
}

// Losses are a batch's mean cross-entropies, in nats/token.
type Losses struct {
	Tagger   float64 `json:"tagger"`   // per real passage token
	Question float64 `json:"question"` // per real question token, `<END>` included
}
