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

