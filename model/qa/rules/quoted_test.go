package rules

import (
	"testing"
)

// TestPairsAskNothingInsideQuotes: no pair of Pairs has its answer inside quotation marks, in a
// sentence that holds them or in one of a speech that runs over several sentences; the speech
// tag's speaker is still asked about.
func TestPairsAskNothingInsideQuotes(t *testing.T) {
	for _, c := range []struct {
		name, text string
		not        []string // answers that must not be asked about
		want       string   // an answer that must be
	}{
		{"the sentence after the speech",
			"The Fox walked away, remarking, \"I thought those Grapes were ripe, but I see now they are quite sour.\" Then the Fox ran to the wood.",
			[]string{"those Grapes"}, "the Fox"},
		{"a sentence of a longer speech",
			"He looked up and said, \"What a noble bird I see above me! Her beauty is without equal, the hue of her plumage exquisite. " +
				"If only her voice is as sweet as her looks are fair, she ought to be Queen of the Birds.\" The Crow was hugely flattered.",
			[]string{"Her beauty", "Queen", "the Birds"}, "The Crow"},
		{"curly marks",
			"The Mouse said, “The Cat is a friend of mine.” Then the Mouse ran home.",
			[]string{"The Cat", "a friend"}, "the Mouse"},
		{"a speech left open closes at the paragraph's end",
			"The Owl said, \"Wait for the Moon.\n\nThe Hare ran to the wood.",
			[]string{"the Moon"}, "The Hare"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ps, err := Generator{}.Pairs(c.text, 100)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range ps {
				for _, bad := range c.not {
					if p.Answer == bad {
						t.Errorf("Pairs asked %q about %q; want no question about words in quotation marks", p.Question, p.Answer)
					}
				}
				found = found || p.Answer == c.want
			}
			if !found {
				t.Errorf("Pairs gave %d pairs, none about %q; want one", len(ps), c.want)
			}
		})
	}
}
