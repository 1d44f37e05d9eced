package qa

import (
	"errors"
	"sort"
)

// Vocab maps words to ids: 0–3 are `<PAD> <UNK> <START> <END>`, then words by falling frequency
// (ties in first-seen order), as Keras' Tokenizer orders them.
type Vocab struct {
	Words []string // Words[id]; the four reserved ids first
	index map[string]int32
}

// reserved are the words of ids 0–3.
var reserved = []string{"<PAD>", "<UNK>", "<START>", "<END>"}

// BuildVocab counts the words of texts and keeps the max most frequent (max counts the four
// reserved ids too). It returns an error when max leaves no room for a word.
func BuildVocab(texts [][]string, max int) (*Vocab, error) {
	if max <= len(reserved) {
		return nil, errors.New("qa: a vocabulary needs more than 4 ids")
	}
	count := map[string]int{}
	var order []string
	for _, t := range texts {
		for _, w := range t {
			if count[w] == 0 {
				order = append(order, w)
			}
			count[w]++
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return count[order[i]] > count[order[j]] })
	if len(order) > max-len(reserved) {
		order = order[:max-len(reserved)]
	}
	return NewVocab(append(append([]string(nil), reserved...), order...)), nil
}

// NewVocab makes a vocabulary of words, whose first four are the reserved ones.
func NewVocab(words []string) *Vocab {
	v := &Vocab{Words: words, index: make(map[string]int32, len(words))}
	for i, w := range words {
		v.index[w] = int32(i)
	}
	return v
}

// ID is w's id, or UnkID.
func (v *Vocab) ID(w string) int32 {
	if id, ok := v.index[w]; ok && id > EndID {
		return id
	}
	return UnkID
}

// Extended numbers a passage's words in the extended vocabulary: its own words keep their ids,
// and each distinct word outside the vocabulary gets V, V+1, … in order of first appearance
// (oov lists them). ids are the same words for the embedding, outside words as UnkID.
func (v *Vocab) Extended(passage []string) (ids, ext []int32, oov []string) {
	V := int32(len(v.Words))
	at := map[string]int32{}
	for _, w := range passage {
		id := v.ID(w)
		ids = append(ids, id)
		if id != UnkID {
			ext = append(ext, id)
			continue
		}
		e, ok := at[w]
		if !ok {
			e = V + int32(len(oov))
			at[w] = e
			oov = append(oov, w)
		}
		ext = append(ext, e)
	}
	return ids, ext, oov
}

// Word is the word of an extended id given the passage's outside words oov.
func (v *Vocab) Word(id int32, oov []string) string {
	V := int32(len(v.Words))
	if id >= V && int(id-V) < len(oov) {
		return oov[id-V]
	}
	if id >= 0 && id < V {
		return v.Words[id]
	}
	return reserved[UnkID]
}

// IDs are the ids of words, outside words as UnkID.
func (v *Vocab) IDs(words []string) []int32 {
	out := make([]int32, len(words))
	for i, w := range words {
		out[i] = v.ID(w)
	}
	return out
}
