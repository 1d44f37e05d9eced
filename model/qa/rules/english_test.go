package rules

import (
	"strings"
	"testing"
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
