package qa

import "testing"

func TestDegenerate(t *testing.T) {
	for _, c := range []struct {
		q    string
		want bool
	}{
		{"The the the the fox?", true},
		{"Who saw the grapes?", false},
		{"Was it very, very far?", false},
		{"Was it very, VERY, very far?", true},
		{"누가 누가 누가 경주를 했나요?", true},
		{"누가 경주를 했나요?", false},
		{"🐇 🐇 🐇?", true}, // no word at all
		{"?", true},
		{"Who had had enough of the hare?", false},
		{"the the", false},
	} {
		t.Run(c.q, func(t *testing.T) {
			if got := Degenerate(c.q); got != c.want {
				t.Errorf("Degenerate(%q): got %v; want %v", c.q, got, c.want)
			}
		})
	}
}
