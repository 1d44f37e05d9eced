package session

import (
	"encoding/binary"
	"errors"
	"fmt"

	"fabulist/model/nn"
	"fabulist/model/qa"
)

// The question model's data parallelism goes through the same pool as the text generator's: the
// helpers' replicas are replaced by the run that starts them, so each run starts its helpers again
// when it trains after the other has (a question run on every Train and Resume; a text run finds
// its helpers dropped and starts them on its next step).

// QAPool is a Pool whose helpers can also hold question-model replicas.
type QAPool interface {
	// StartQA readies k-1 helpers with a replica of the question model file (its architecture
	// the default) over the training examples, encoded by EncodeQAExamples.
	StartQA(k int, model, examples []byte) (nn.Helpers, error)
}

// qaStartHelpers gives the question run r.info.Workers workers from the pool; the text run's
// helpers, whose replicas these replace, are dropped so that it starts them again.
func (s *Session) qaStartHelpers() error {
	r := s.qat
	k := r.info.Workers
	if k <= 1 {
		return r.run.UseHelpers(nil)
	}
	pool, ok := s.pool.(QAPool)
	if !ok {
		return fmt.Errorf("this page cannot share the question model's training among %d workers", k)
	}
	if r.file == nil {
		m := *r.run.Model
		m.Train, m.History = nil, qa.History{} // a replica needs the network and vocabulary alone
		b, err := qa.Encode(&m)
		if err != nil {
			return err
		}
		r.file, r.examples = b, EncodeQAExamples(r.run.Examples())
	}
	if s.run != nil {
		s.run.Trainer.Helpers = nil
	}
	h, err := pool.StartQA(k, r.file, r.examples)
	if err != nil {
		return fmt.Errorf("the training workers could not start: %v", err)
	}
	return r.run.UseHelpers(h)
}

// StartQA makes k-1 question-model replicas on goroutines.
func (p LocalPool) StartQA(k int, model, examples []byte) (nn.Helpers, error) {
	r, err := NewQAReplica(model, examples)
	if err != nil {
		return nil, err
	}
	return qa.NewLocalHelpers(k, r.Net, r.Train)
}

// NewQAReplica makes a helper's question-model replica from the model file and examples its
// coordinator sent. It returns an error for a file that does not decode, or examples that do not decode or do not fit the vocabulary.
func NewQAReplica(model, examples []byte) (*qa.Replica, error) {
	m, err := qa.Decode(model)
	if err != nil {
		return nil, err
	}
	train, err := DecodeQAExamples(examples, len(m.Vocab.Words))
	if err != nil {
		return nil, err
	}
	return qa.NewReplica(m.Net, train), nil
}

// EncodeQAExamples is training examples as a helper receives them: a uint32 count, then for
// each example the lengths of Passage, Source, Tags and Question (uint32) and their ids (int32),
// little-endian.
func EncodeQAExamples(exs []qa.Example) []byte {
	n := 4
	for _, e := range exs {
		n += 16 + 4*(len(e.Passage)+len(e.Source)+len(e.Tags)+len(e.Question))
	}
	b := binary.LittleEndian.AppendUint32(make([]byte, 0, n), uint32(len(exs)))
	for _, e := range exs {
		for _, s := range [][]int32{e.Passage, e.Source, e.Tags, e.Question} {
			b = binary.LittleEndian.AppendUint32(b, uint32(len(s)))
		}
		for _, s := range [][]int32{e.Passage, e.Source, e.Tags, e.Question} {
			for _, v := range s {
				b = binary.LittleEndian.AppendUint32(b, uint32(v))
			}
		}
	}
	return b
}

var errQAExamples = errors.New("qa: malformed training examples")

// DecodeQAExamples reads what EncodeQAExamples wrote, for a vocabulary of V ids: every length is
// checked against the bytes left, and every id against what the network can take (a passage id
// below V, an extended id below V plus the passage's length, a tag 0 or 1), so that a batch made
// of them cannot index out of range.
func DecodeQAExamples(b []byte, V int) ([]qa.Example, error) {
	next := func() (uint32, bool) {
		if len(b) < 4 {
			return 0, false
		}
		v := binary.LittleEndian.Uint32(b)
		b = b[4:]
		return v, true
	}
	n, ok := next()
	if !ok || uint64(n)*16 > uint64(len(b)) {
		return nil, errQAExamples
	}
	exs := make([]qa.Example, n)
	for i := range exs {
		var lens [4]uint32
		total := uint64(0)
		for j := range lens {
			if lens[j], ok = next(); !ok {
				return nil, errQAExamples
			}
			total += uint64(lens[j])
		}
		S := lens[0]
		if total*4 > uint64(len(b)) || S == 0 || lens[1] != S || lens[2] != S {
			return nil, errQAExamples
		}
		ext := int32(V) + int32(S)
		for j, limit := range []int32{int32(V), ext, 2, ext} {
			s := make([]int32, lens[j])
			for k := range s {
				v, _ := next()
				if s[k] = int32(v); s[k] < 0 || s[k] >= limit {
					return nil, fmt.Errorf("%w: an id %d out of [0, %d)", errQAExamples, s[k], limit)
				}
			}
			switch j {
			case 0:
				exs[i].Passage = s
			case 1:
				exs[i].Source = s
			case 2:
				exs[i].Tags = s
			case 3:
				exs[i].Question = s
			}
		}
	}
	if len(b) != 0 {
		return nil, errQAExamples
	}
	return exs, nil
}
