package rules

import (
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
