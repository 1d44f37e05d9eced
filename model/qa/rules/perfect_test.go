package rules

import "testing"

// TestPerfectKeepsItsAuxiliary checks the past perfect and progressive with an adverbial
// between the auxiliary and the participle: the question keeps "had" as the auxiliary, where
// it once read it as the main verb ("How long did a Fox have been prowling …?").
func TestPerfectKeepsItsAuxiliary(t *testing.T) {
	const fox = "A Fox had all the time been prowling about the farm."
	checkAsk(t, []askCase{
		{"a length inside the verb group", fox, "all the time", "How long had the Fox been prowling about the farm?"},
		{"the verb phrase after a length", fox, "prowling about the farm", "What had the Fox been doing?"},
		{"had been and -ing", "A Fox had been prowling about the farm all the time.", "prowling about the farm",
			"What had the Fox been doing all the time?"},
		{"for and a length", "The Wolf had for many days watched the flock.", "for many days", "How long had the Wolf watched the flock?"},
		{"the object after for and a length", "The Wolf had for many days watched the flock.", "the flock", "What had the Wolf watched?"},
		{"a time inside the verb group", "The Wolf had that night eaten a lamb.", "that night", "When had the Wolf eaten a lamb?"},
		{"a passive after had been", "The lamb had been eaten by the wolf.", "eaten by the wolf", "What happened to the lamb?"},
		{"one adverb stays", "The Wolf had already eaten the lamb.", "eaten the lamb", "What had the Wolf already done?"},
	})
}

// TestPairsAskAboutTheInnerAdverbial checks that Pairs offers the adverbial inside a verb group
// as an answer, asked with the auxiliary kept.
func TestPairsAskAboutTheInnerAdverbial(t *testing.T) {
	for _, c := range []struct{ text, question, answer string }{
		{"A Fox had all the time been prowling about the farm.", "How long had the Fox been prowling about the farm?", "all the time"},
		{"The Wolf had that night eaten a lamb.", "When had the Wolf eaten a lamb?", "that night"},
	} {
		t.Run(c.answer, func(t *testing.T) {
			ps, err := Generator{}.Pairs(c.text, 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				if p.Question == c.question && p.Answer == c.answer {
					return
				}
			}
			t.Errorf("Pairs(%q) = %v; want %q (answer %q) among them", c.text, ps, c.question, c.answer)
		})
	}
}
