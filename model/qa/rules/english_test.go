package rules

import (
	"strings"
	"testing"

	"fabulist/internal/need"
)

// goose is the first sentence of Aesop's "The Goose That Laid the Golden Eggs", whose subject
// is two noun phrases joined by "and".
const goose = "A Man and his Wife had the good fortune to possess a Goose which laid a Golden Egg every day."

// A subject of two noun phrases joined by "and" is read, and asked with Who: a new user's
// trial read only a cloze, "A Man and ___ had the good fortune …", which the rules fell back to
// because they read no verb after "A Man".
func TestACoordinatedSubjectIsAskedWithWho(t *testing.T) {
	ps, err := Generator{}.Pairs(goose, 20)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range ps {
		found = found || p.Answer == "A Man and his Wife" && strings.HasPrefix(p.Question, "Who had the good fortune")
	}
	if !found {
		t.Errorf("no question about %q in %+v", "A Man and his Wife", ps)
	}
}

// A question about a copula's subject keeps the relative clause that says which thing its
// complement is (FairytaleQA train, read when coordinated subjects were: "Who were the
// people?" asked for "Ginger and Pickles").
func TestASubjectQuestionKeepsTheComplementsRelativeClause(t *testing.T) {
	checkAsk(t, []askCase{
		{"coordinated", "Ginger and Pickles were the people who kept the shop.", "Ginger and Pickles", "Who were the people who kept the shop?"},
		{"one name", "Pickles was the dog who kept the shop, and he sold buns.", "Pickles", "Who was the dog who kept the shop?"},
		{"no relative clause", "Pickles was a terrier.", "Pickles", "Who was a terrier?"},
		{"a time clause is no relative", "Tom Kitten was quite unable to jump when walking upon his hind legs.", "Tom Kitten", "Who was quite unable to jump?"},
	})
}

// An English sentence gets a question or nothing from Pairs, never a cloze beside questions: a
// new user's trial read "A Man and ___ had the good fortune …" among wh-questions as a fault.
// Clozes are for text in a script the rules cannot read, and for a passage the rules ask nothing
// else of, which gets them rather than no pair at all.
func TestAnEnglishSentenceGetsNoCloze(t *testing.T) {
	for _, text := range []string{goose, grapes, wrappedWoodman,
		`"I thought those Grapes were ripe, but I see now they are quite sour."`,
		"The Fox and the Wolf were very hungry, and the Crow and the Fox sang and danced."} {
		ps, err := Generator{}.Pairs(text, 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if strings.Contains(p.Question, "___") {
				t.Errorf("a cloze of an English sentence: %q (answer %q)", p.Question, p.Answer)
			}
		}
	}
	// A fable the rules ask no question of gets its clozes ("THE CAT AND THE BIRDS": 48 of
	// Aesop's fables would have given no pair).
	cat, _ := Generator{}.Pairs("A Cat heard that the Birds in an aviary were ailing.", 20)
	if len(cat) == 0 || !strings.Contains(cat[0].Question, "___") {
		t.Errorf("pairs of a sentence the rules ask nothing of: %+v; want a cloze", cat)
	}
	// Another script still gets clozes, about its names.
	russian, _ := Generator{}.Pairs("Лиса и Волк были голодны.", 20)
	if len(russian) == 0 || !strings.Contains(russian[0].Question, "___") {
		t.Errorf("pairs of a Russian sentence: %+v; want a cloze", russian)
	}
}

// No sentence of Aesop's fables, pasted whole, gets a cloze from Pairs.
func TestPairsAskNoClozeOfAesop(t *testing.T) {
	text := string(need.Data(t, "aesop.txt"))
	ps, err := Generator{}.Pairs(text, 100000)
	if err != nil {
		t.Fatal(err)
	}
	clozes := 0
	for _, p := range ps {
		if strings.Contains(p.Question, "___") {
			if clozes++; clozes <= 5 {
				t.Errorf("a cloze: %q (answer %q)", p.Question, p.Answer)
			}
		}
	}
	if clozes > 0 {
		t.Errorf("%d clozes of %d pairs; want none", clozes, len(ps))
	}
}
