package rules

import (
	"strings"
	"testing"

	"fabulist/model/qa"
)

// askCase is a sentence or passage, an answer in it, and the question Ask should write for it.
type askCase struct{ name, text, answer, want string }

// askAbout is Ask over the first place of answer in text, in runes, as the page's selection
// gives it; the test ends if answer is not in text or Ask fails.
func askAbout(t *testing.T, text, answer string) qa.Pair {
	t.Helper()
	i := strings.Index(text, answer)
	if i < 0 {
		t.Fatalf("%q is not in %q", answer, text)
	}
	start := len([]rune(text[:i]))
	p, err := Generator{}.Ask(text, start, start+len([]rune(answer)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// checkAsk runs each case as a subtest: the question must be the case's, and the answer the
// words selected, as they stand.
func checkAsk(t *testing.T, cases []askCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if p := askAbout(t, c.text, c.answer); p.Question != c.want || p.Answer != c.answer {
				t.Errorf("Ask(%q, %q) = %q, %q; want %q", c.text, c.answer, p.Question, p.Answer, c.want)
			}
		})
	}
}
