package rules

import (
	"strings"
	"testing"

	"fabulist/model/qa/passage"
)

// whenCases are answers that say when: seasons, months, days, times of day, with or without an
// article, an adjective or an ordinal, fronted or not. Asked about (Generator.Ask), each gets a
// When question; among the pairs found (Generator.Pairs), the first that asks for it (they come
// best first) is a When question, and no Where question asks for it.
var whenCases = []struct{ text, answer, want string }{
	{"The farmer died of hunger in the winter.", "in the winter", "When did the farmer die of hunger?"},
	{"The birds flew south in winter.", "in winter", "When did the birds fly south?"},
	{"He came home in the afternoon.", "in the afternoon", "When did he come home?"},
	{"The Fox went out at twilight.", "at twilight", "When did the Fox go out?"},
	{"The king walked out on a cold winter night.", "on a cold winter night", "When did the king walk out?"},
	{"The Fox came back on the third day.", "on the third day", "When did the Fox come back?"},
	{"That night the Wolf came to the fold.", "That night", "When did the Wolf come to the fold?"},
	{"The next morning the Wolf came to the fold.", "The next morning", "When did the Wolf come to the fold?"},
	{"The Wolf came to the fold the next morning.", "the next morning", "When did the Wolf come to the fold?"},
	{"They married in the spring of that year.", "in the spring of that year", "When did they marry?"},
	{"The Prince rode out early in the morning.", "early in the morning", "When did the Prince ride out?"},
	{"In the middle of the night the door opened.", "In the middle of the night", "When did the door open?"},
	{"After a while the Fox came back.", "After a while", "When did the Fox come back?"},
	{"The Lion slept on Monday.", "on Monday", "When did the Lion sleep?"},
	{"The Lion slept in the month of May.", "in the month of May", "When did the Lion sleep?"},
}

func TestTimesAreAskedWithWhen(t *testing.T) {
	for _, c := range whenCases {
		t.Run(c.text, func(t *testing.T) {
			if got := askAbout(t, c.text, c.answer).Question; got != c.want {
				t.Errorf("Ask about %q: got %q; want %q", c.answer, got, c.want)
			}
			if onlyPronouns(c.want) {
				return // Ask must ask it; Pairs leaves out a question that names no one ("When did they marry?")
			}
			pairs, _ := Generator{}.Pairs(c.text, 20)
			first := ""
			for _, p := range pairs {
				if p.Answer != c.answer {
					continue
				}
				if first == "" {
					first = p.Question
				}
				if strings.HasPrefix(p.Question, "Where ") {
					t.Errorf("Pairs: %q asks for %q", p.Question, c.answer)
				}
			}
			if !strings.HasPrefix(first, "When ") {
				t.Errorf("Pairs: the best question for %q is %q; want a When question, among %+v", c.answer, first, pairs)
			}
		})
	}
}

// Phrases that hold a time noun but say no time are not asked with When: a clause that starts
// with "that", "in no time" (quickly), and a place.
func TestNotTimesAreNotAskedWithWhen(t *testing.T) {
	for _, c := range []struct{ text, notWhen string }{
		{"He knew that morning had come.", "that morning"},
		{"The Fox finished the work in no time.", "in no time"},
		{"He made his home in the forest.", "in the forest"},
		{"The Wolf saw the winter coat of the Sheep.", "the winter coat"},
	} {
		t.Run(c.text, func(t *testing.T) {
			toks := passage.Tokenize(c.text)
			for k := range toks {
				if j, ok := timePhrase(toks, k); ok {
					if got := c.text[toks[k].Start:toks[j-1].End]; strings.EqualFold(got, c.notWhen) {
						t.Errorf("%q was read as a time phrase", got)
					}
				}
			}
		})
	}
}

// Short regular past tenses are verbs: "died" was read as no verb, and its sentence as one the
// rules cannot read.
func TestShortPastTenses(t *testing.T) {
	for _, c := range []struct{ in, base string }{{"died", "die"}, {"tied", "tie"}, {"lied", "lie"}, {"used", "use"}} {
		t.Run(c.in, func(t *testing.T) {
			if tense, base := mainVerb(c.in); tense != past || base != c.base {
				t.Errorf("mainVerb(%q) = %v, %q; want past, %q", c.in, tense, base, c.base)
			}
			if !participle(c.in) {
				t.Errorf("participle(%q) = false; want true (\"had %s\")", c.in, c.in)
			}
		})
	}
}
