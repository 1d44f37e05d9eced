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

// AskAll writes the model's question for each of the passage's rune spans [start, end), widened
// to whole tokens, as Ask does one at a time, but decodes them all together (Net.BeamAll), which
// is several times faster for many questions. It returns an error when a span holds no token or is
// out of range.
func (g Trained) AskAll(text string, spans [][2]int) ([]Pair, error) {
	n := len([]rune(text))
	words, toks := Words(text)
	tok := make([][2]int, len(spans))
	for k, sp := range spans {
		start, end := sp[0], sp[1]
		if start < 0 || end > n || start >= end {
			return nil, fmt.Errorf("qa: span [%d, %d) is empty or out of range of a passage of %d runes", start, end, n)
		}
		i, j, ok := tokenSpan(toks, start, end)
		if !ok {
			return nil, fmt.Errorf("qa: span [%d, %d) holds no word", start, end)
		}
		tok[k] = [2]int{i, j}
	}
	return g.askAll(text, words, toks, passage.Split(text), tok)
}

// ask writes the question for tokens [i, j) of a passage cut into words, toks and sents once for
// all its questions.
func (g Trained) ask(text string, words []string, toks []passage.Token, sents []passage.Sentence, i, j int) (Pair, error) {
	ps, err := g.askAll(text, words, toks, sents, [][2]int{{i, j}})
	if err != nil {
		return Pair{}, err
	}
	return ps[0], nil
}

// askAll writes the question for each span of tokens [i, j) of a passage cut into words, toks and
// sents once for all its questions; a Net decodes them together.
func (g Trained) askAll(text string, words []string, toks []passage.Token, sents []passage.Sentence, spans [][2]int) ([]Pair, error) {
	if len(spans) == 0 {
		return nil, nil
	}
	v := g.M.Vocab
	los, his := make([]int, len(spans)), make([]int, len(spans))
	oovs, vext := make([][]string, len(spans)), make([]int, len(spans))
	exs := make([]Example, len(spans))
	for k, sp := range spans {
		los[k], his[k] = window(len(words), sp[0], sp[1], g.MaxS)
		exs[k], oovs[k] = v.example(words[los[k]:his[k]], sp[0]-los[k], sp[1]-los[k], nil)
		vext[k] = len(v.Words) + len(oovs[k])
	}
	all, err := g.M.Net.AskAll(exs, vext, g.Beam, g.MaxLen)
	if err != nil {
		return nil, err
	}
	rs := []rune(text)
	out := make([]Pair, len(spans))
	for k, sp := range spans {
		i, j, lo, hi, hyps := sp[0], sp[1], los[k], his[k], all[k]
		var q []string
		for _, id := range hyps[0].IDs {
			w := v.Word(id, oovs[k])
			if id >= int32(len(v.Words)) { // a copied word, as the passage writes it
				for m := lo; m < hi; m++ {
					if words[m] == w {
						w = toks[m].Text
						break
					}
				}
			}
			q = append(q, w)
		}
		start, end := toks[i].Start, toks[j-1].End
		si := 0
		for m, s := range sents {
			if s.Start <= start {
				si = m
			}
		}
		out[k] = Pair{Question: Sentence(q), Answer: OneLine(string(rs[start:end])), Sentence: si, Start: start, End: end,
			Method: ByModel, Score: hyps[0].Score}
	}
	return out, nil
}

// Pairs asks about each answer the tagger finds in the passage's first MaxS tokens, best first.
func (g Trained) Pairs(text string, n int) ([]Pair, error) {
	words, toks := Words(text)
	if len(words) > g.MaxS {
		words, toks = words[:g.MaxS], toks[:g.MaxS]
	}
	var spans [][2]int
	for _, sp := range g.M.Net.Spans(g.M.Vocab.IDs(words)) {
		if len(spans) == n {
			break
		}
		spans = append(spans, [2]int{sp.Start, sp.End})
	}
	return g.askAll(text, words, toks, passage.Split(text), spans)
}
