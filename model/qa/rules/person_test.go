package rules

import (
	"strings"
	"testing"
)

// A capital at a sentence's start says nothing about a person: an abstract or common noun there
// is asked with What (the lists know it, its ending gives it away, or the passage writes it in
// lower case), a name with Who, both by Ask and among the pairs Pairs finds.
func TestSentenceInitialCapitals(t *testing.T) {
	for _, c := range []struct{ text, answer, want string }{
		{"Honesty is the best policy.", "Honesty", "What is the best policy?"},
		{"Pride goes before a fall.", "Pride", "What goes before a fall?"},
		{"Necessity is the mother of invention.", "Necessity", "What is the mother of invention?"},
		{"The woodman was poor. Toil was his only friend, and his toil fed him.", "Toil", "What was his only friend?"},
		{"Hans went to the wood.", "Hans", "Who went to the wood?"},
		{"Gretel saw the witch.", "Gretel", "Who saw the witch?"},
		{"The fox ran home.", "The fox", "Who ran home?"},
		// After a determiner too: a thing the story capitalises and also writes in lower case.
		{"The Castle stood on the edge of a cliff. The old castle was empty.", "The Castle", "What stood on the edge of a cliff?"},
		{"The Fox saw the Crow. The fox was hungry.", "The Fox", "Who saw the Crow?"},
	} {
		t.Run(c.text, func(t *testing.T) {
			if got := askAbout(t, c.text, c.answer).Question; got != c.want {
				t.Errorf("Ask about %q: got %q; want %q", c.answer, got, c.want)
			}
			pairs, _ := Generator{}.Pairs(c.text, 20)
			found := false
			for _, p := range pairs {
				if p.Answer != c.answer || strings.Contains(p.Question, "___") {
					continue
				}
				found = true
				if p.Question != c.want {
					t.Errorf("Pairs: got %q for %q; want %q", p.Question, c.answer, c.want)
				}
			}
			if !found {
				t.Errorf("Pairs: no question for %q among %+v", c.answer, pairs)
			}
		})
	}
}
