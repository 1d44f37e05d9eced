package rules

import (
	"strings"
	"testing"
)

// TestPairsAskByTheHead checks that Pairs picks the wh-word of a noun phrase by its head, the
// noun before "of" ("the life of Man" is What, not Who), and asks no Where about a phrase of
// manner or of a life ("in the following way", "in its life"), that a driver is someone, and
// that a noun in -ly ("assembly") is no adverb, and that "this more than once" and "except"
// leave no question dangling: faults read on Aesop's fables.
func TestPairsAskByTheHead(t *testing.T) {
	for _, c := range []struct {
		text     string
		want     []qaWant
		notWhere bool
		not      []string
	}{
		{"The quarrels of friends are the opportunities of foes.", []qaWant{{"What are the opportunities of foes?", "The quarrels of friends"}}, false, nil},
		{"They determined to show their gratitude in the following way.", nil, true, nil},
		{"The Swan is said to sing but once in its life.", nil, true, nil},
		{"The Shepherd's Boy did this more than once.", nil, false, []string{"What did the Shepherd's Boy do than once?"}},
		{"They all came except the Tortoise.", nil, false, []string{"Who did they all come except?"}},
		{"The driver was in despair.", []qaWant{{"Who was in despair?", "The driver"}}, false, nil},
		{"The Lion called a general assembly of the beasts.", []qaWant{{"What did the Lion call?", "a general assembly of the beasts"}}, false, nil},
	} {
		t.Run(c.text, func(t *testing.T) {
			ps, err := Generator{}.Pairs(c.text, 20)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				found := false
				for _, p := range ps {
					found = found || p.Question == w.q && p.Answer == w.a
				}
				if !found {
					t.Errorf("Pairs(%q) = %v; want %q (answer %q) among them", c.text, ps, w.q, w.a)
				}
			}
			for _, p := range ps {
				for _, q := range c.not {
					if p.Question == q {
						t.Errorf("Pairs(%q) asks %q (answer %q); want it not", c.text, p.Question, p.Answer)
					}
				}
				if c.notWhere && strings.HasPrefix(p.Question, "Where") {
					t.Errorf("Pairs(%q) asks %q (answer %q); want no Where", c.text, p.Question, p.Answer)
				}
			}
		})
	}
}
