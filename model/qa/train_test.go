package qa

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"fabulist/model/nn"
)

// copyTask makes examples of a task only copying can learn: a passage of common words with one
// name in it, the name is the answer, and the question is "who is <name> ?". Names are outside
// the vocabulary, and the held-out ones were never seen.
func copyTask(rng *rand.Rand, v *Vocab, n int, names []string) []Example {
	common := v.Words[4+3:] // after "who", "is", "?"
	var out []Example
	for range n {
		L := 5 + rng.IntN(5)
		passage := make([]string, L)
		for i := range passage {
			passage[i] = common[rng.IntN(len(common))]
		}
		at := rng.IntN(L)
		name := names[rng.IntN(len(names))]
		passage[at] = name
		out = append(out, v.NewExample(passage, at, at+1, []string{"who", "is", name, "?"}))
	}
	return out
}

// TestTrainingLearnsToCopy trains a small network on copyTask and asks it about passages whose
// names it never saw: only the copy mechanism can write them, and the tagger must find them.
func TestTrainingLearnsToCopy(t *testing.T) {
	words := append(slices.Clone(reserved), "who", "is", "?")
	for i := range 12 {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	v := NewVocab(words)
	var seen, unseen []string
	for i := range 30 {
		seen = append(seen, fmt.Sprintf("name%d", i))
		unseen = append(unseen, fmt.Sprintf("other%d", i))
	}
	n, err := NewNet(Shape{V: len(words), Embed: 12, Units: 12, Decoder: 16, Attention: 12, Answer: 4}, 1)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewTrainer(n, nn.AdamName, 0.01, 5)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	first := tr.Eval(MakeBatch(copyTask(rng, v, 64, unseen), len(words)))
	for range 120 {
		tr.Step(MakeBatch(copyTask(rng, v, 16, seen), len(words)))
	}
	last := tr.Eval(MakeBatch(copyTask(rng, v, 64, unseen), len(words)))
	t.Logf("held-out losses before %+v, after %+v", first, last)
	if last.Question > first.Question/4 || last.Tagger > first.Tagger/4 {
		t.Errorf("held-out losses went from %+v to %+v; want each below a quarter", first, last)
	}
	right, found := 0, 0
	tests := copyTask(rng, v, 20, unseen)
	for _, e := range tests {
		_, _, oov := v.Extended(wordsOf(v, e))
		hyps, err := n.Beam(n.Encode(e.Passage, e.Source, e.Tags), 3, 8, len(words)+len(oov))
		if err != nil {
			t.Fatal(err)
		}
		var q []string
		for _, id := range hyps[0].IDs {
			q = append(q, v.Word(id, oov))
		}
		if want := "who is " + oov[0] + " ?"; strings.Join(q, " ") == want {
			right++
		} else {
			t.Logf("got %q; want %q", strings.Join(q, " "), want)
		}
		if sp := n.Spans(e.Passage); len(sp) > 0 && e.Tags[sp[0].Start] == 1 && sp[0].End == sp[0].Start+1 {
			found++
		}
	}
	t.Logf("%d of %d questions right, %d answers found", right, len(tests), found)
	if right < len(tests)*3/4 || found < len(tests)*3/4 {
		t.Errorf("%d of %d questions right and %d answers found; want three quarters of each", right, len(tests), found)
	}

	// The same model as a Generator, on text: the name comes back as the passage writes it.
	g, err := NewTrained(&Model{Net: n, Vocab: v}, 3)
	if err != nil {
		t.Fatal(err)
	}
	text := "w1 w2 Zorro w4 w5 w6"
	p, err := g.Ask(text, 6, 11)
	if err != nil {
		t.Fatal(err)
	}
	if p.Question != "Who is Zorro?" || p.Answer != "Zorro" || p.Method != ByModel {
		t.Errorf("Ask: %q ⇒ %q (%s); want \"Who is Zorro?\" ⇒ \"Zorro\" by the model", p.Question, p.Answer, p.Method)
	}
	pairs, err := g.Pairs(text, 3)
	if err != nil || len(pairs) == 0 || pairs[0].Answer != "Zorro" || pairs[0].Start != 6 || pairs[0].End != 11 {
		t.Errorf("Pairs: %+v, %v; want Zorro at [6, 11) first", pairs, err)
	}
}

// wordsOf reads an example's passage back as words, outside words as placeholders that keep
// their extended ids apart.
func wordsOf(v *Vocab, e Example) []string {
	V := int32(len(v.Words))
	out := make([]string, len(e.Source))
	for i, id := range e.Source {
		if id >= V {
			out[i] = fmt.Sprintf("<oov%d>", id-V)
		} else {
			out[i] = v.Words[id]
		}
	}
	return out
}
