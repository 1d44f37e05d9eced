package rules

import "testing"

// woodman is the start of Aesop's "Mercury and the Woodman" (Gutenberg's text, its line breaks
// kept), where "Ask about the selection" on "a golden axe" wrote a fragment about the wrong
// person: "on learning what had happened, out of pity for his distress a Woodman dived into the
// river and, bringing up what, asked him …?".
const woodman = `A Woodman was felling a tree on the bank of a river, when his axe,
glancing off the trunk, flew out of his hands and fell into the water.
As he stood by the water's edge lamenting his loss, Mercury appeared
and asked him the reason for his grief; and on learning what had
happened, out of pity for his distress he dived into the river and,
bringing up a golden axe, asked him if that was the one he had lost.
The Woodman replied that it was not, and Mercury then dived a second
time, and, bringing up a silver axe, asked if that was his.`

// An answer inside a participle phrase set off by commas is asked as what the phrase's subject
// did, in the tense of its clause, not as the main clause's object ("Who did the Fox run home,
// carrying?") nor as a fragment.
func TestParticiplePhrases(t *testing.T) {
	for _, c := range []struct{ text, answer, want string }{
		{woodman, "a golden axe", "What did Mercury bring up?"},
		{woodman, "a silver axe", "What did Mercury bring up?"},
		{"The Fox ran home, carrying the goose.", "the goose", "Who did the Fox carry?"},
		{"The Fox ran home, carrying the bread.", "the bread", "What did the Fox carry?"},
		{"The Fox goes home, carrying the bread.", "the bread", "What does the Fox carry?"},
		{"Bringing up a golden axe, Mercury asked him a question.", "a golden axe", "What did Mercury bring up?"},
		{"Assipattle, knowing the secret, clapped the mare.", "the secret", "What did Assipattle know?"},
		{"The old man sat by the fire, telling stories to the children.", "the children", "Who did the old man tell stories to?"},
		{"She sat in the garden, making a wreath of roses.", "a wreath of roses", "What did she make?"},
		{"He walked on, whistling a merry tune in the wood.", "in the wood", "Where did he whistle a merry tune?"},
	} {
		t.Run(c.answer+" in "+c.text[:20], func(t *testing.T) {
			if got := askAbout(t, c.text, c.answer).Question; got != c.want {
				t.Errorf("Ask about %q: got %q; want %q", c.answer, got, c.want)
			}
		})
	}
}

func TestIngBase(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"bringing", "bring"}, {"giving", "give"}, {"running", "run"}, {"carrying", "carry"},
		{"making", "make"}, {"whistling", "whistle"}, {"lying", "lie"}, {"telling", "tell"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := ingBase(c.in); got != c.want {
				t.Errorf("ingBase(%q) = %q; want %q", c.in, got, c.want)
			}
		})
	}
}
