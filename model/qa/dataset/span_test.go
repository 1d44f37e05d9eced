package dataset

import "testing"

func TestMatchSpan(t *testing.T) {
	for _, tc := range []struct {
		name, passage, answer string
		want                  string // the passage's runes at the match, or "" for none
		start                 int
	}{
		{"exact", "a well-to-do farmer had seven sons", "a well-to-do farmer", "a well-to-do farmer", 0},
		{"case and hyphen", "There lived a Well-To-Do farmer.", "a well to do farmer", "a Well-To-Do farmer", 12},
		{"punctuation around the answer is left out", "filled with stories of Trolls and Giants.", "stories of Trolls and Giants.", "stories of Trolls and Giants", 12},
		{"apostrophe splits words", "the King's son waited", "king s son", "King's son", 4},
		{"line breaks are spaces", "began to talk\nto each other", "began to talk to each other", "began to talk\nto each other", 0},
		{"whole words only", "the other brother", "he", "", -1},
		{"curly quotes are part of a word", "he said “go” twice", "said go", "", -1},
		{"first match", "go home, go home", "go home", "go home", 0},
		{"rune offsets after Korean and emoji", "옛날 🦊 여우가 포도를 보았다", "여우가 포도를", "여우가 포도를", 5},
		{"upper-case non-ASCII", "ÉLAN vital", "élan", "ÉLAN", 0},
		{"no words in answer", "a b c", "...", "", -1},
		{"empty answer", "a b c", "", "", -1},
		{"answer longer than passage", "a b", "a b c", "", -1},
		{"Python's separators U+001C–U+001F", "one\x1ftwo", "one two", "one\x1ftwo", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start, end := MatchSpan(tc.passage, tc.answer)
			got := ""
			if start >= 0 {
				got = string([]rune(tc.passage)[start:end])
			}
			if got != tc.want || start != tc.start {
				t.Errorf("MatchSpan(%q, %q) = %d, %d (%q); want start %d, %q", tc.passage, tc.answer, start, end, got, tc.start, tc.want)
			}
		})
	}
}
