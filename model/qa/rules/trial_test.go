package rules

import (
	"strings"
	"testing"

	"fabulist/model/qa/passage"
)

// TestAskTrialFaults holds the faults a new user's trial read on Aesop's first fables, one case
// or more for each kind, with the question Ask now writes.
func TestAskTrialFaults(t *testing.T) {
	checkAsk(t, []askCase{
		// The answer inside the question: a place after "with" and a noun is that noun's, and
		// the verb's place stays out of its question.
		{"a place after with", "A Crow was sitting on a branch of a tree with a piece of cheese in her beak when a Fox observed her.",
			"in her beak", "Where did the Crow have a piece of cheese?"},
		{"a place after with, present", "The Crow sits on a branch with the cheese in her beak.", "in her beak",
			"Where does the Crow have the cheese?"},
		{"the verb's own place", "A Crow was sitting on a branch of a tree with a piece of cheese in her beak when a Fox observed her.",
			"on a branch of a tree", "Where was the Crow sitting with a piece of cheese in her beak?"},
		// A connective to the sentence before stays out of a question about this one.
		{"accordingly, the subject", "The Doctor accordingly prescribed a course of treatment.", "The Doctor",
			"Who prescribed a course of treatment?"},
		{"accordingly, the object", "The Doctor accordingly prescribed a course of treatment.", "a course of treatment",
			"What did the Doctor prescribe?"},
		// A character the fable introduces ("A Farmer") is "the Farmer" in a question about it;
		// "a certain man" keeps its article.
		{"a character is definite", "A Farmer had three sons.", "three", "How many sons did the Farmer have?"},
		{"a certain man keeps a", "A certain man had two sons.", "two", "How many sons did a certain man have?"},
		{"a character with an adjective", "A hungry Fox saw some grapes.", "some grapes", "What did the hungry Fox see?"},
		// A trap is no place: what the Lion got entangled in.
		{"a net", "One day the Lion got entangled in a net which had been spread for him.", "in a net",
			"What did the Lion get entangled in?"},
		// The wrong wh-word: a subject that does something to "himself" is a person.
		{"a reflexive names a person", "A villain may disguise himself, but he will not deceive the wise.", "A villain",
			"Who may disguise himself?"},
		{"a reflexive after a relative pronoun", "There was a rogue who hid herself in the barn.", "a rogue",
			"Who hid herself in the barn?"},
		// The wrong wh-word: a bare plural that fills something is no one.
		{"a passive's filler", "A house was overrun with Mice.", "Mice", "What was a house overrun with?"},
		{"an active verb's partner", "He wrestled with Klas.", "Klas", "Who did he wrestle with?"},
		// Garbled: a phrase with no verb after a comma is no part of the question.
		{"an absolute phrase", "Her beauty is without equal, the hue of her plumage exquisite.", "Her beauty", "What is without equal?"},
		{"an absolute phrase after a place", "The Crow sat on the branch, the cheese in her beak.", "The Crow", "Who sat on the branch?"},
		// Why: "for fear" gives a reason, as "because" does.
		{"for fear of", "The Hares ran away for fear of the Frogs.", "for fear of the Frogs", "Why did the Hares run away?"},
		{"for fear that", "The Mouse hid under the stone for fear that the Cat would see him.", "for fear that the Cat would see him",
			"Why did the Mouse hide under the stone?"},
		// A group noun counts what follows its "of".
		{"a pair of", "A pair of Oxen were drawing a heavily loaded waggon along the highway.", "A pair of Oxen",
			"Who were drawing a heavily loaded waggon along the highway?"},
		{"a number of things", "A number of stones lay on the road.", "A number of stones", "What lay on the road?"},
		// A relative by marriage is read by the first part of the word (FairytaleQA val).
		{"son-in-law", "The son-in-law drank the wine.", "The son-in-law", "Who drank the wine?"},
		// Trivial: a lone verb before "and" keeps the verb phrase after it.
		{"a relative clause's lone verb", "There was once a Charcoal-burner who lived and worked by himself.", "a Charcoal-burner",
			"Who lived and worked by himself?"},
		{"a subject's lone verb", "The Fox laughed and ran into the wood.", "The Fox", "Who laughed and ran into the wood?"},
		// An appositive tail: the phrase after "two Daughters," is no part of the question.
		{"an appositive after the answer", "A Man had two Daughters, one of whom he gave in marriage to a gardener.", "two",
			"How many Daughters did the Man have?"},
		{"an appositive after the object", "The Farmer had three sons, each of them lazy.", "three sons",
			"How many sons did the Farmer have?"},
	})
}

// TestPairsAskWhatGoesInto: what a fable's character drops things into is a thing, though the
// fable capitalises it (a new user's trial read "Who did the thirsty Crow begin dropping pebbles
// into?"), while an animal run into stays someone.
func TestPairsAskWhatGoesInto(t *testing.T) {
	ps, err := Generator{}.Pairs("A thirsty Crow found some water. She began dropping pebbles into the Pitcher, and the water rose.", 100)
	if err != nil {
		t.Fatal(err)
	}
	asked := ""
	for _, p := range ps {
		if p.Answer == "the Pitcher" && !strings.Contains(p.Question, "___") {
			asked = p.Question
		}
	}
	if !strings.HasPrefix(asked, "What ") {
		t.Errorf("asked %q about the Pitcher; want a question with What", asked)
	}
	for _, c := range []struct {
		text, answer string
		thing        bool
	}{
		{"She began dropping pebbles into the Pitcher.", "the Pitcher", true},
		{"The Boy threw the nuts onto the Table.", "the Table", true},
		{"The Wolf ran into the Fox on the road.", "the Fox", false},
		{"The Wolf ran into Reynard on the road.", "Reynard", false},
		{"The Crow sat by the Pitcher.", "the Pitcher", false},
	} {
		toks := passage.Tokenize(c.text)
		a := span{-1, -1}
		for i := range toks {
			for j := i + 1; j <= len(toks); j++ {
				if render([]rune(c.text), toks, i, j) == c.answer {
					a = span{i, j}
				}
			}
		}
		if a.i < 0 {
			t.Fatalf("%q is not in %q", c.answer, c.text)
		}
		if got := intoThing(toks, a); got != c.thing {
			t.Errorf("%q in %q: intoThing %v; want %v", c.answer, c.text, got, c.thing)
		}
	}
}

// TestPairsAskNoPlaceOfWhatIsWorn: what someone wears is no place ("Where did the Wolf clothe
// himself?" → "in a sheepskin", from a new user's trial), while a place after the same verb is.
func TestPairsAskNoPlaceOfWhatIsWorn(t *testing.T) {
	for _, c := range []struct {
		text, answer string
		asked        bool
	}{
		{"A Wolf clothed himself in a sheepskin and got in among the flock.", "in a sheepskin", false},
		{"The Maiden dressed herself in a gown of silver.", "in a gown of silver", false},
		{"The Wolf hid himself in a thicket near the fold.", "in a thicket", true},
	} {
		ps, err := Generator{}.Pairs(c.text, 100)
		if err != nil {
			t.Fatal(err)
		}
		asked := ""
		for _, p := range ps {
			if p.Answer == c.answer && strings.HasPrefix(p.Question, "Where ") {
				asked = p.Question
			}
		}
		if (asked != "") != c.asked {
			t.Errorf("%q: asked %q about %q; want a Where question: %v", c.text, asked, c.answer, c.asked)
		}
	}
}
