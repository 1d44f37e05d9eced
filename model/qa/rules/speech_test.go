package rules

import "testing"

// A question about words in speech leaves out the words that say who spoke ("said the Fox"),
// and names the speaker where the speech says "I", "me" or "my".
func TestSpeechIsAskedInTheThirdPerson(t *testing.T) {
	for _, c := range []struct{ text, answer, want string }{
		{`"Honesty is the best policy," said the Fox.`, "Honesty", "What is the best policy?"},
		{`"I will eat the grapes," said the Fox.`, "the grapes", "What will the Fox eat?"},
		{`"I have lost my axe," said the Woodman.`, "my axe", "What has the Woodman lost?"},
		{`"My sister wishes to make an excursion," said Old Dschang to him.`, "an excursion",
			"What does Old Dschang's sister wish to make?"},
		{`"I will eat the grapes," the Fox said.`, "the grapes", "What will the Fox eat?"},
		{`"I will eat the grapes," said he.`, "the grapes", "What will I eat?"}, // no name to give
	} {
		t.Run(c.text, func(t *testing.T) {
			if got := askAbout(t, c.text, c.answer).Question; got != c.want {
				t.Errorf("Ask about %q: got %q; want %q", c.answer, got, c.want)
			}
		})
	}
}

// A copula's complement without an article is a quality, asked "What was X like?"; a feeling is
// asked "How did X feel?", and a noun phrase "What was X?".
func TestQualities(t *testing.T) {
	for _, c := range []struct{ text, answer, want string }{
		{"The Fox was clever.", "clever", "What was the Fox like?"},
		{"The Fox was very clever.", "very clever", "What was the Fox like?"},
		{`"The grapes are sour," said the Fox.`, "sour", "What are the grapes like?"},
		{"The Fox was very angry.", "very angry", "How did the Fox feel?"},
		{"The Fox was a clever animal.", "a clever animal", "What was the Fox?"},
		{"The Fox was in the wood.", "in the wood", "Where was the Fox?"},
	} {
		t.Run(c.text, func(t *testing.T) {
			if got := askAbout(t, c.text, c.answer).Question; got != c.want {
				t.Errorf("Ask about %q: got %q; want %q", c.answer, got, c.want)
			}
		})
	}
}
