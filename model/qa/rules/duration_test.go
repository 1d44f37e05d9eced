package rules

import (
	"strings"
	"testing"
)

// A length of time after a verb is no object and no time: asked about (Generator.Ask), it gets a
// How long question; among the pairs found (Generator.Pairs), none asks What for it and the
// first that asks for it is a How long question. A point in time made of a length ("three days
// later") is asked with When, and an age with How old.
func TestLengthsAreAskedWithHowLong(t *testing.T) {
	for _, c := range []struct{ text, answer, want string }{
		{"The fox slept all day.", "all day", "How long did the fox sleep?"},
		{"The fox slept all night long.", "all night long", "How long did the fox sleep?"},
		{"The Lion slept the whole day.", "the whole day", "How long did the Lion sleep?"},
		{"The Wolf waited for three days.", "for three days", "How long did the Wolf wait?"},
		{"The Wolf waited for a long time.", "for a long time", "How long did the Wolf wait?"},
		{"The Wolf waited a long time.", "a long time", "How long did the Wolf wait?"},
		{"The Wolf stayed there seven years.", "seven years", "How long did the Wolf stay there?"},
		{"He was away for a while.", "for a while", "How long was he away?"},
		{"All day the fox slept.", "All day", "How long did the fox sleep?"},
		{"For many years the King ruled the land.", "For many years", "How long did the King rule the land?"},
		{"Three days later the Fox came back.", "Three days later", "When did the Fox come back?"},
		{"The Fox came back a few days later.", "a few days later", "When did the Fox come back?"},
		{"The boy was ten years old.", "ten years old", "How old was the boy?"},
	} {
		t.Run(c.text, func(t *testing.T) {
			if got := askAbout(t, c.text, c.answer).Question; got != c.want {
				t.Errorf("Ask about %q: got %q; want %q", c.answer, got, c.want)
			}
			if strings.HasPrefix(c.want, "How old") {
				return // Pairs asks about the number: "How many years …"
			}
			if onlyPronouns(c.want) {
				return // Ask must ask it; Pairs leaves out a question that names no one ("How long was he away?")
			}
			pairs, _ := Generator{}.Pairs(c.text, 20)
			first := ""
			for _, p := range pairs {
				if p.Answer != c.answer || strings.Contains(p.Question, "___") {
					continue
				}
				if first == "" {
					first = p.Question
				}
				if strings.HasPrefix(p.Question, "What ") {
					t.Errorf("Pairs: %q asks for %q", p.Question, c.answer)
				}
			}
			if wh := strings.Fields(c.want)[0]; !strings.HasPrefix(first, wh+" ") {
				t.Errorf("Pairs: the best question for %q is %q; want a %s question, among %+v", c.answer, first, wh, pairs)
			}
		})
	}
}

// A number before a noun elsewhere than the subject or object is asked for with its noun, which
// the question leaves out with it: never "How many did he give bread to beggars?".
func TestNumbersKeepTheirNoun(t *testing.T) {
	for _, c := range []struct{ text, want, not string }{
		{"He gave bread to three beggars.", "How many beggars did he give bread to?", "How many did he give bread to beggars?"},
		{"The Fox hid under two stones.", "How many stones did the Fox hide under?", "How many did the Fox hide under stones?"},
	} {
		t.Run(c.text, func(t *testing.T) {
			pairs, _ := Generator{}.Pairs(c.text, 20)
			var got []string
			for _, p := range pairs {
				got = append(got, p.Question)
			}
			if !strings.Contains(strings.Join(got, "\n"), c.want) {
				t.Errorf("Pairs(%q) = %q; want %q among them", c.text, got, c.want)
			}
			for _, q := range got {
				if q == c.not {
					t.Errorf("Pairs(%q) asks %q", c.text, q)
				}
			}
		})
	}
}
