package qa

import (
	"fmt"

	"fabulist/model/qa/passage"
)

// Trained is a question Model used as a Generator: the tagger finds the answers, and beam search
// writes a question for each.
type Trained struct {
	M      *Model
	Beam   int // the beam's width, 1 to MaxBeam
	MaxLen int // the longest question, in tokens
	MaxS   int // the most passage tokens the encoder reads: a window around the answer
}

var _ Generator = Trained{}

// NewTrained makes a Generator of m with a beam of width beam. It returns an error for a width
// out of [1, MaxBeam].
func NewTrained(m *Model, beam int) (Trained, error) {
	if beam < 1 || beam > MaxBeam {
		return Trained{}, fmt.Errorf("qa: the beam's width %d is out of [1, %d]", beam, MaxBeam)
	}
	return Trained{M: m, Beam: beam, MaxLen: 30, MaxS: 400}, nil
}

// Ask writes the model's question for the passage's runes [start, end), widened to whole tokens.
// It returns an error when the span holds no token or is out of range.
func (g Trained) Ask(text string, start, end int) (Pair, error) {
	if n := len([]rune(text)); start < 0 || end > n || start >= end {
		return Pair{}, fmt.Errorf("qa: span [%d, %d) is empty or out of range of a passage of %d runes", start, end, n)
	}
	words, toks := Words(text)
	i, j, ok := tokenSpan(toks, start, end)
	if !ok {
		return Pair{}, fmt.Errorf("qa: span [%d, %d) holds no word", start, end)
	}
	return g.ask(text, words, toks, passage.Split(text), i, j)
}

// ask writes the question for tokens [i, j) of a passage cut into words, toks and sents once for
// all its questions.
func (g Trained) ask(text string, words []string, toks []passage.Token, sents []passage.Sentence, i, j int) (Pair, error) {
	v, n := g.M.Vocab, g.M.Net
	lo, hi := window(len(words), i, j, g.MaxS)
	ex, oov := v.example(words[lo:hi], i-lo, j-lo, nil)
	hyps, err := n.Ask(ex.Passage, ex.Source, ex.Tags, g.Beam, g.MaxLen, len(v.Words)+len(oov))
	if err != nil {
		return Pair{}, err
	}
	var q []string
	for _, id := range hyps[0].IDs {
		w := v.Word(id, oov)
		if id >= int32(len(v.Words)) { // a copied word, as the passage writes it
			for k := lo; k < hi; k++ {
				if words[k] == w {
					w = toks[k].Text
					break
				}
			}
		}
		q = append(q, w)
	}
	rs := []rune(text)
	start, end := toks[i].Start, toks[j-1].End
	si := 0
	for k, s := range sents {
		if s.Start <= start {
			si = k
		}
	}
	return Pair{Question: Sentence(q), Answer: string(rs[start:end]), Sentence: si, Start: start, End: end,
		Method: ByModel, Score: hyps[0].Score}, nil
}

// Pairs asks about each answer the tagger finds in the passage's first MaxS tokens, best first.
func (g Trained) Pairs(text string, n int) ([]Pair, error) {
	words, toks := Words(text)
	if len(words) > g.MaxS {
		words, toks = words[:g.MaxS], toks[:g.MaxS]
	}
	var out []Pair
	sents := passage.Split(text)
	for _, sp := range g.M.Net.Spans(g.M.Vocab.IDs(words)) {
		if len(out) == n {
			break
		}
		p, err := g.ask(text, words, toks, sents, sp.Start, sp.End)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
