package rules

import "testing"

func TestBaselineReplacesTheAnswer(t *testing.T) {
	text := "The Fox was hungry. A Farmer had three sons. They worked in the fields."
	cases := []struct{ answer, want string }{
		{"three", "A Farmer had how many sons ?"},
		{"The Fox", "who was hungry ?"},
		{"in the fields", "They worked where ?"},
	}
	for _, c := range cases {
		t.Run(c.answer, func(t *testing.T) {
			start := runeIndex(text, c.answer)
			p, err := Baseline{}.Ask(text, start, start+len([]rune(c.answer)))
			if err != nil {
				t.Fatal(err)
			}
			if p.Question != c.want || p.Answer != c.answer {
				t.Errorf("got %q ⇒ %q; want %q ⇒ %q", p.Question, p.Answer, c.want, c.answer)
			}
		})
	}
	if _, err := (Baseline{}).Ask(text, 3, 3); err == nil {
		t.Error("an empty span gave no error")
	}
}

func runeIndex(s, sub string) int {
	for i := range []rune(s) {
		if len([]rune(s)) >= i+len([]rune(sub)) && string([]rune(s)[i:i+len([]rune(sub))]) == sub {
			return i
		}
	}
	return -1
}
