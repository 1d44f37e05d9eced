package rules

import "testing"

// TestPairsAskNothingAboutAMoral: a moral set apart by its indentation gives no pairs, while a
// text indented throughout, and a last paragraph that is not indented, still give theirs.
func TestPairsAskNothingAboutAMoral(t *testing.T) {
	const story = "A Man and his Wife had a Goose which laid a Golden Egg every day.\r\n\r\n"
	for _, c := range []struct {
		name, text string
		answer     string // an answer Pairs must ask about, or must not
		asked      bool
	}{
		{"an indented moral", story + "    Much wants more and loses all.\r\n", "Much", false},
		{"a moral over two lines", story + "    Honesty is the best policy, and the Fox\n    knew it well.\n", "Honesty", false},
		{"a text indented throughout", "  The Fox saw the grapes.\n\n  The Crow sang a song.\n", "The Crow", true},
		{"a last paragraph not indented", story + "The Crow sang a song.\n", "The Crow", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			ps, err := Generator{}.Pairs(c.text, 100)
			if err != nil {
				t.Fatal(err)
			}
			asked := ""
			for _, p := range ps {
				if p.Answer == c.answer {
					asked = p.Question
				}
			}
			if (asked != "") != c.asked {
				t.Errorf("Pairs asked %q about %q; want a question: %v", asked, c.answer, c.asked)
			}
		})
	}
}
