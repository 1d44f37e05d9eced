package session

import (
	"strings"
	"testing"

	"fabulist/studio/proto"
)

// TestAskAboutTheSelectionByRules goes the page's way ("Ask about the selection": AskQuestion
// with a span, no question model) to the rules, with selections fresh users made that got a
// fragment about the wrong person, a Who for an abstract noun, and a What for a length of time.
func TestAskAboutTheSelectionByRules(t *testing.T) {
	const woodman = "A Woodman was felling a tree on the bank of a river, when his axe,\n" +
		"glancing off the trunk, flew out of his hands and fell into the water.\n" +
		"As he stood by the water's edge lamenting his loss, Mercury appeared\n" +
		"and asked him the reason for his grief; and on learning what had\n" +
		"happened, out of pity for his distress he dived into the river and,\n" +
		"bringing up a golden axe, asked him if that was the one he had lost.\n\n" +
		"    Honesty is the best policy.\n"
	for _, c := range []struct{ text, selected, want string }{
		{woodman, " a golden axe", "What did Mercury bring up?"},
		{woodman, "Honesty", "What is the best policy?"},
		{"The fox slept all day.", "all day", "How long did the fox sleep?"},
	} {
		t.Run(c.selected, func(t *testing.T) {
			i := strings.Index(c.text, c.selected)
			start := len([]rune(c.text[:i]))
			span := &proto.Span{Start: start, End: start + len([]rune(c.selected))}
			out := New().Handle(proto.Message{Kind: proto.AskQuestion, Text: c.text, Span: span})[0]
			if out.Kind != proto.Questions || len(out.Pairs) != 1 {
				t.Fatalf("got %s %q with %d pairs; want one pair", out.Kind, out.Error, len(out.Pairs))
			}
			if got := out.Pairs[0].Question; got != c.want {
				t.Errorf("asking about %q: got %q; want %q", c.selected, got, c.want)
			}
		})
	}
}
