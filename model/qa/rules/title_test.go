package rules

import (
	"strings"
	"testing"
)

// A title line — on its own, or on the first line of a sentence that a single line break does
// not end — is no source of questions; the story's sentences still are.
func TestTitlesAreNotAskedAbout(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string // answers that must be asked about
	}{
		{"alone", "The Fox and the Lantern\n\nA fox found a lantern in the wood.", []string{"A fox"}},
		{"above a sentence", "The Fox and the Lantern\nA fox found a lantern in the wood.", []string{"A fox"}},
		{"a moral heading", "He ran home.\n\nThe Moral of It\nThe fox was glad.", []string{"The fox"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			pairs, _ := Generator{}.Pairs(c.text, 20)
			got := map[string]bool{}
			for _, p := range pairs {
				got[p.Answer] = true
				if strings.Contains(p.Question, "Lantern") && !strings.Contains(p.Question, "lantern") || strings.Contains(p.Question, "Moral") ||
					p.Answer == "The Fox" || p.Answer == "the Lantern" || p.Answer == "The Moral" {
					t.Errorf("asked about the title: %q (answer %q)", p.Question, p.Answer)
				}
			}
			for _, w := range c.want {
				if !got[w] {
					t.Errorf("no question about %q in %+v", w, pairs)
				}
			}
		})
	}
	// The first line of a hard-wrapped sentence (Gutenberg's texts) is no title: its question
	// starts where the sentence does, not at the line break (a new user got
	// `my spring, then," continued ___.`).
	wrapped, _ := Generator{}.Pairs("A Wolf came upon a Lamb.\n\"You drink from\nmy spring, then,\" continued the Wolf.\n", 20)
	for _, p := range wrapped {
		if strings.HasPrefix(p.Question, "my spring") {
			t.Errorf("asked from the line break: %q (answer %q)", p.Question, p.Answer)
		}
	}
	// A sentence that starts at the end of a line ("… her approach.\" This\nproposal was …")
	// has no title line: its first word is no line of its own, though it is in title case.
	tail, _ := Generator{}.Pairs("The Mice met in Council. It is that we should bell the cat.\" This\nproposal was warmly applauded by the Mice.\n", 20)
	for _, p := range tail {
		if strings.HasPrefix(p.Question, "proposal") || strings.HasPrefix(p.Answer, "proposal") {
			t.Errorf("asked from the line break, without the sentence's first word: %q (answer %q)", p.Question, p.Answer)
		}
	}
	// A short line with a verb is the story's, final punctuation or not.
	pairs, _ := Generator{}.Pairs("The fox ran to the wood\n\nThe crow sang.", 20)
	asked := false
	for _, p := range pairs {
		asked = asked || p.Answer == "The fox"
	}
	if !asked {
		t.Errorf("no question about the fox in %+v; a line with a verb is no title", pairs)
	}
}
