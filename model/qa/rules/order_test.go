package rules

import (
	"slices"
	"testing"
)

// grapes is a fable of many pairs, whose scores run otherwise than its text.
const grapes = "A hungry Fox saw some fine bunches of Grapes hanging from a vine that was trained along a high trellis. " +
	"The Fox did his best to reach them by jumping as high as he could into the air. But it was all in vain, " +
	"for they were just out of reach. So the Fox gave up trying, and walked away with an air of dignity and " +
	"unconcern. The Crow laughed at the Fox from her tall tree."

// Pairs lists its pairs in the text's order, by where each answer starts (a new user's trial
// read a list that jumped about the story, in the order of the scores), the same pairs as
// before: the order is the only change.
func TestPairsComeInTheTextsOrder(t *testing.T) {
	for _, text := range []string{grapes, wrappedWoodman} {
		ps, err := Generator{}.Pairs(text, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) < 3 {
			t.Fatalf("%d pairs about %.30q; want several", len(ps), text)
		}
		for i := 1; i < len(ps); i++ {
			if ps[i].Start < ps[i-1].Start {
				t.Errorf("pair %d (%q, answer at %d) comes after pair %d (%q, at %d)", i, ps[i].Question, ps[i].Start,
					i-1, ps[i-1].Question, ps[i-1].Start)
			}
		}
	}
}

// PairsAndMore says whether the rules find more pairs than the n asked for, so that a list of n
// can say so (a new user's trial read "20 pairs about the text" of a text with 48), and its pairs
// are Pairs'.
func TestPairsAndMoreSaysWhenThereAreMore(t *testing.T) {
	all, _ := Generator{}.Pairs(grapes, 100)
	if len(all) < 3 {
		t.Fatalf("%d pairs of the fable; the test needs three or more", len(all))
	}
	for _, c := range []struct {
		n    int
		more bool
	}{{1, true}, {len(all) - 1, true}, {len(all), false}, {100, false}} {
		ps, more := Generator{}.PairsAndMore(grapes, c.n)
		want, _ := Generator{}.Pairs(grapes, c.n)
		if more != c.more || len(ps) != min(c.n, len(all)) || !slices.Equal(ps, want) {
			t.Errorf("n %d: %d pairs, more %v; want %d pairs, Pairs', more %v", c.n, len(ps), more, min(c.n, len(all)), c.more)
		}
	}
}
