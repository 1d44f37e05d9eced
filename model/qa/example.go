package qa

// Example is one training example in ids: a passage with its answer tags and a question, each
// word outside the vocabulary that the passage holds numbered in its extended vocabulary.
type Example struct {
	Passage  []int32 // (S) ids in [0, V)
	Source   []int32 // (S) extended ids
	Tags     []int32 // (S) 1 inside the answer
	Question []int32 // (T) extended ids, `<END>` excluded: a word outside both is UnkID
}

// NewExample turns words into an Example: the answer is passage[start:end), and a question word
// outside the vocabulary is copied from the passage when the passage holds it.
func (v *Vocab) NewExample(passage []string, start, end int, question []string) Example {
	e, _ := v.example(passage, start, end, question)
	return e
}

// example is NewExample that also returns the passage's words outside the vocabulary, in the
// order of their extended ids.
func (v *Vocab) example(passage []string, start, end int, question []string) (Example, []string) {
	ids, ext, oov := v.Extended(passage)
	tags := make([]int32, len(passage))
	for i := start; i < end && i < len(tags); i++ {
		tags[i] = 1
	}
	V := int32(len(v.Words))
	q := make([]int32, len(question))
	for i, w := range question {
		q[i] = v.ID(w)
		if q[i] != UnkID {
			continue
		}
		for k, o := range oov {
			if o == w {
				q[i] = V + int32(k)
				break
			}
		}
	}
	return Example{Passage: ids, Source: ext, Tags: tags, Question: q}, oov
}

// MakeBatch pads examples into one time-major Batch: S is the longest passage, T the longest
// question plus one (`<START>` in, `<END>` out).
func MakeBatch(examples []Example, V int) *Batch {
	B := len(examples)
	S, T := 1, 1
	for _, e := range examples {
		S = max(S, len(e.Passage))
		T = max(T, len(e.Question)+1)
	}
	bt := &Batch{S: S, T: T, B: B,
		Passage: make([]int32, S*B), Source: make([]int32, S*B), Mask: make([]bool, S*B),
		Tags: make([]int32, S*B), In: make([]int32, T*B), Out: make([]int32, T*B), InMask: make([]bool, T*B)}
	for b, e := range examples {
		for i := range e.Passage {
			r := i*B + b
			bt.Passage[r], bt.Source[r], bt.Mask[r], bt.Tags[r] = e.Passage[i], e.Source[i], true, e.Tags[i]
		}
		for t := range T {
			r := t*B + b
			bt.Out[r] = -1
			switch {
			case t == 0:
				bt.In[r], bt.InMask[r] = StartID, true
			case t <= len(e.Question):
				in := e.Question[t-1]
				if in >= int32(V) {
					in = UnkID // a copied word is read back as unknown, as Beam does
				}
				bt.In[r], bt.InMask[r] = in, true
			}
			switch {
			case t < len(e.Question):
				bt.Out[r] = e.Question[t]
			case t == len(e.Question):
				bt.Out[r] = EndID
			}
		}
	}
	return bt
}
