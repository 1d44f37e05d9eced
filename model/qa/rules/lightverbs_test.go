package rules

import (
	"strings"
	"testing"
)

// An event after a light verb is asked about with its noun ("What kind of fall …?") when words
// say what kind, or by the relative clause after it, else with a cloze; never with a bare "What
// did he have?". A thing after the same verbs is asked about as before.
func TestLightVerbsKeepTheirEvent(t *testing.T) {
	for _, c := range []struct{ text, answer, want string }{
		{"The old man had a nasty fall.", "a nasty fall", "What kind of fall did the old man have?"},
		{"The old man had a nasty fall.", "nasty", "What kind of fall did the old man have?"},
		{"The boy took a long walk in the woods.", "a long walk", "What kind of walk did the boy take in the woods?"},
		{"The Crow gave a loud cry.", "a loud cry", "What kind of cry did the Crow give?"},
		{"The Fox made a low bow to the Lion.", "a low bow", "What kind of bow did the Fox make to the Lion?"},
		{"The old man had a fall.", "a fall", "The old man had ___."},
		{"The North Wind had the first try.", "the first try", "The North Wind had ___."},
		{"They had a feast that lasted for weeks.", "a feast", "What lasted for weeks?"},
		{"The Fox took the cheese.", "the cheese", "What did the Fox take?"},
		{"She took a strong dislike to her.", "a strong dislike", "What kind of dislike did she take to her?"},
		{"The Lion gave the Mouse a bone.", "the Mouse", "Who did the Lion give a bone?"},
	} {
		t.Run(c.text+" "+c.answer, func(t *testing.T) {
			if got := askAbout(t, c.text, c.answer).Question; got != c.want {
				t.Errorf("Ask about %q: got %q; want %q", c.answer, got, c.want)
			}
		})
	}
	for _, c := range []struct{ text, vague string }{
		{"The old man had a nasty fall.", "What did the old man have?"},
		{"The old man had a fall.", "What did the old man have?"},
		{"The Crow gave a loud cry.", "What did the Crow give?"},
		{"The boy took a long walk in the woods.", "What did the boy take in the woods?"},
	} {
		t.Run("pairs of "+c.text, func(t *testing.T) {
			pairs, _ := Generator{}.Pairs(c.text, 20)
			for _, p := range pairs {
				if p.Question == c.vague {
					t.Errorf("Pairs: %q (answer %q)", p.Question, p.Answer)
				}
				if strings.HasPrefix(p.Question, "What kind of") && !strings.Contains(p.Answer, " ") {
					t.Errorf("Pairs: %q asks for %q, not the whole phrase", p.Question, p.Answer)
				}
			}
		})
	}
}
