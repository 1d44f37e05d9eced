package qa

import (
	"fmt"

	"fabulist/model/nn"
)

// Arch names the question model's architecture.
type Arch string

const (
	// ArchDefault is Net: the book's tagger and encoder–decoder with attention, copying and the
	// answer's position.
	ArchDefault Arch = "default"
)

// Config is everything that shapes a question model and its training. JSON names are part of the
// model-file format.
type Config struct {
	Arch Arch `json:"arch"`
	Shape
	Optimizer nn.OptimizerName `json:"optimizer"`
	LR        float32          `json:"lr"`
	ClipNorm  float32          `json:"clip_norm"` // 0: no clipping
	Batch     int              `json:"batch"`
	Epochs    int              `json:"epochs"`
	Seed      uint64           `json:"seed"`
}

// Limits keep a question model within what a browser tab can train, and bound what a decoder
// accepts.
const (
	MaxVocab  = 1 << 17
	MaxSize   = 1024 // units, embedding, attention or answer-feature size
	MaxBatch  = 1024
	MaxParams = 1 << 26
)

// DefaultConfig is the book's sizes where the book gives them (embedding 100, GRUs of 100 units
// each way, a decoder of 200, Adam at 0.001) for a vocabulary of V ids, with the decoder bridged
// from the answer (AnswerPool). Three epochs: FairytaleQA's validation question loss falls
// little after them, and they train in the half hour the issue allows on two cores.
func DefaultConfig(V int) Config {
	return Config{Arch: ArchDefault,
		Shape:     Shape{V: V, Embed: 100, Units: 100, Decoder: 200, Attention: 100, Answer: 16, AnswerPool: true},
		Optimizer: nn.AdamName, LR: 0.001, ClipNorm: 5, Batch: 32, Epochs: 3, Seed: 1}
}

// Validate returns an error naming the first setting out of range.
func (c Config) Validate() error {
	s := c.Shape
	switch {
	case c.Arch != ArchDefault && c.Arch != ArchBook:
		return fmt.Errorf("qa: architecture %q is neither default nor book", c.Arch)
	case s.V <= EndID+1 || s.V > MaxVocab:
		return fmt.Errorf("qa: a vocabulary of %d ids is out of range [5, %d]", s.V, MaxVocab)
	case !inSize(s.Embed) || !inSize(s.Units) || !inSize(s.Decoder) || c.Arch == ArchDefault && (!inSize(s.Attention) || !inSize(s.Answer)):
		return fmt.Errorf("qa: a size is out of range [1, %d]", MaxSize)
	case c.Arch == ArchBook && (s.Attention != 0 || s.Answer != 0):
		return fmt.Errorf("qa: the book's architecture has no attention or answer feature, so their sizes must be 0")
	case !c.Optimizer.Valid():
		return fmt.Errorf("qa: optimizer %q is neither rmsprop nor adam", c.Optimizer)
	case !(c.LR > 0 && c.LR <= 1):
		return fmt.Errorf("qa: learning rate %g is out of range (0, 1]", c.LR)
	case !(c.ClipNorm >= 0 && c.ClipNorm <= 1e6):
		return fmt.Errorf("qa: clip norm %g is out of range [0, 1e6]", c.ClipNorm)
	case c.Batch < 1 || c.Batch > MaxBatch:
		return fmt.Errorf("qa: batch %d is out of range [1, %d]", c.Batch, MaxBatch)
	case c.Epochs < 1 || c.Epochs > 10000:
		return fmt.Errorf("qa: epochs %d is out of range [1, 10000]", c.Epochs)
	case c.params() > MaxParams:
		return fmt.Errorf("qa: %d parameters is more than the %d a model may have", c.params(), MaxParams)
	}
	return nil
}

func inSize(n int) bool { return n >= 1 && n <= MaxSize }

// params is the number of parameters of a Net of shape s, computed without allocating.
func (s Shape) params() int {
	E, H, D, F, A, V := s.Embed, s.Units, s.Decoder, s.Answer, s.Attention, s.V
	gru := func(I, H int) int { return I*3*H + H*3*H + 2*3*H }
	return V*E + 2*gru(E, H) + 2*H*2 + 2 + 2*F + 2*gru(E+F, H) + s.bridgeIn()*D + D + gru(E, D) +
		2*H*A + D*A + 2*A + (D+2*H)*V + V + (D + 2*H + E) + 1
}
