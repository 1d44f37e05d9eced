package rules

import (
	"strings"
	"testing"

	"fabulist/model/qa/passage"
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

// A "they" that is a question's subject is named by the plural subject before it, in its
// sentence or the three before, as a "he" or "she" is (a new user's trial read questions about
// no one): Pairs and Ask both ask about the Mice.
func TestTheyIsNamedByThePluralBeforeIt(t *testing.T) {
	text := "The Mice called a meeting to decide upon the best means of ridding themselves of a Cat. " +
		"They talked for a long time. At last they built a trap."
	ps, _ := Generator{}.Pairs(text, 20)
	want := map[string]string{"How long did the Mice talk?": "for a long time", "What did the Mice build?": "a trap"}
	for _, p := range ps {
		if strings.Contains(strings.ToLower(p.Question), "they") {
			t.Errorf("Pairs asked %q (answer %q)", p.Question, p.Answer)
		}
		if want[p.Question] == p.Answer {
			delete(want, p.Question)
		}
	}
	if len(want) > 0 {
		t.Errorf("Pairs did not ask %v; got %+v", want, ps)
	}
	checkAsk(t, []askCase{
		{"named by the plural before", text, "a trap", "What did the Mice build?"},
		{"two joined by and", "Ribby and Tabitha searched the house. They poked under the beds with a broom.", "under the beds",
			"Where did Ribby and Tabitha poke with a broom?"},
		{"a singular names no they", "The Fox came to the river. They crossed it at noon.", "at noon", "When did they cross it?"},
	})
	// A "they" later in a question is most often its subject's own, and stays.
	const giants = "The dwarfs waited in the wood. The giants came down as they saw him."
	sents := passage.Split(giants)
	start := strings.Index(giants, "came")
	if got, q := resolve([]rune(giants), sents, 1, start, start+4, "What did the giants do as they saw him?"), "What did the giants do as they saw him?"; got != q {
		t.Errorf("resolve(%q) = %q; want it as it is", q, got)
	}
}

// Pairs leaves out an answer that is a possessive and a noun the question's verb already says
// ("What did Jupiter grant for protection?" → "their request", a new user's trial); a
// possessive and another noun stays ("What did the Ass break?" → "his halter"), and Ask, which
// must ask about its answer, asks.
func TestPairsLeaveOutAnswersThatRestateTheVerb(t *testing.T) {
	const text = "The Frogs prayed to Jupiter. Jupiter granted their request for protection. The Ass broke his halter."
	ps, _ := Generator{}.Pairs(text, 20)
	broke := false
	for _, p := range ps {
		if p.Answer == "their request" {
			t.Errorf("Pairs asked %q (answer %q)", p.Question, p.Answer)
		}
		broke = broke || p.Answer == "his halter"
	}
	if !broke {
		t.Errorf("no pair answers %q: %+v", "his halter", ps)
	}
	if got := askAbout(t, text, "their request").Question; got != "What did Jupiter grant for protection?" {
		t.Errorf("Ask about %q: %q", "their request", got)
	}
}
