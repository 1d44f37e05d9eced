package rules

import (
	"testing"
)

// Pairs leaves out a question whose only participant is a "he", "she", "it" or "they" that
// resolve could not name: "What did they change?" asks about no one a reader can tell (a new
// user's trial). A question that names something else, or whose pronoun is its subject answer's
// own, stays; Ask, which must ask about the answer it is given, keeps the question.
func TestPairsLeaveOutQuestionsAboutOnlyAPronoun(t *testing.T) {
	for _, c := range []struct {
		text, answer, ask string
	}{
		{"They changed their minds.", "their minds", "What did they change?"},
		{"He took the Jackdaw home.", "the Jackdaw", "Who did he take home?"},
		{"They divided the life of Man among them.", "the life of Man", "What did they divide among them?"},
		{"It rolled into the river.", "into the river", "Where did it roll?"},
	} {
		ps, _ := Generator{}.Pairs(c.text, 20)
		for _, p := range ps {
			if !onlyPronouns(p.Question) {
				continue
			}
			t.Errorf("Pairs(%q) asked %q (answer %q), which names no one", c.text, p.Question, p.Answer)
		}
		if got := askAbout(t, c.text, c.answer).Question; got != c.ask {
			t.Errorf("Ask(%q, %q) = %q; want %q", c.text, c.answer, got, c.ask)
		}
	}
	for _, c := range []struct {
		q    string
		only bool
	}{
		{"What did they change?", true},
		{"Who did he take?", true},
		{"How long did he go on playing?", true},
		{"When were they not allowed to lie long abed?", true},
		{"When did they come to a cave?", false}, // a scene
		{"What did they give the King?", false},  // a name
		{"Who sold everything he had?", false},   // he is the answer
		{"What got thoroughly wetted and much of it melted?", false},
		{"What did the Fox see?", false},
		{"Where did they put the Fox's tail?", false},
	} {
		if got := onlyPronouns(c.q); got != c.only {
			t.Errorf("onlyPronouns(%q) = %v; want %v", c.q, got, c.only)
		}
	}
}
