package lm

import (
	"slices"
	"strings"
	"testing"
)

func TestReadable(t *testing.T) {
	for _, c := range []struct {
		name, tokens, want string
	}{
		{"the book's output", `the lion and the bull . a certain man was on a river , and a fox`,
			"The lion and the bull. A certain man was on a river, and a fox"},
		{"quotes pair", `said , " well , what i am . " then " no ! "`, `Said, "Well, what I am." Then "No!"`},
		{"a speech tag after a question or an exclamation", `" how can i ? " replied she . " run ! " cried he`,
			`"How can I?" replied she. "Run!" cried he`},
		{"a sentence after a full stop in quotes", `" i can . " she went`, `"I can." She went`},
		{"contractions of i", `i'm sure i'll go`, "I'm sure I'll go"},
		{"a story break", `the end . | | | the wolf ran`, "The end.\n\nThe wolf ran"},
		{"breaks at the edges are dropped", `| | a fox . | |`, "A fox."},
		{"a break restarts the quotes", `" yes | " no "`, "\"Yes\n\n\"No\""},
		{"two full stops keep a space", `so . . . it went`, "So. . . It went"},
		{"brackets and hyphens", `( a well - known fable ) cost $ 5 or 50 %`, "(A well-known fable) cost $5 or 50%"},
		{"korean", `여우 가 포도 를 보았다 . " 시다 ! "`, `여우 가 포도 를 보았다. "시다!"`},
		{"emoji", `the fox 🦊 ran . 🦊 ran too`, "The fox 🦊 ran. 🦊 ran too"},
		{"a capital that lowers to another letter", `ıt is . ſo it is`, "ıt is. ſo it is"},
		{"greek", `ο λύκος . σ`, "Ο λύκος. σ"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tokens := strings.Fields(c.tokens)
			if got := Readable(tokens, SplitSpace); got != c.want {
				t.Errorf("Readable(%q): got %q; want %q", c.tokens, got, c.want)
			}
			if got := len(Prose(tokens, SplitSpace)); got != len(tokens) {
				t.Errorf("Prose gave %d pieces for %d tokens", got, len(tokens))
			}
		})
	}
}

func TestReadableWithoutCleaning(t *testing.T) {
	tokens := []string{"the", "fox,", "\n", "i", "think,", "ran.", "\"the", "end.\"", "then", "\"why?\"", "said", "he.", "여우", "🦊"}
	want := "The fox,\nI think, ran. \"The end.\" Then \"why?\" said he. 여우 🦊"
	if got := Readable(tokens, SplitWhite); got != want {
		t.Errorf("got %q; want %q", got, want)
	}
	tok := FitTokenizer(Word, SplitWhite, strings.Join(tokens, " "))
	want2, _ := tok.Encode(strings.Join(tokens, " "))
	if got, _ := tok.Encode(Readable(tokens, SplitWhite)); !slices.Equal(got, want2) {
		t.Errorf("the readable text cuts into %v; want %v", got, want2)
	}
}

// TestReadableRoundTrip: the book's cleaning of the readable form of each held-out window of
// Aesop gives its tokens back, story by story (a story break cannot come back, see Prose).
func TestReadableRoundTrip(t *testing.T) {
	cfg := DefaultConfig()
	tok, ids := bookData(t, cfg)
	data, err := NewDataset(ids, cfg.SeqLen, 1)
	if err != nil {
		t.Fatal(err)
	}
	sep := tok.ID(Separator)
	checked := 0
	for _, s := range data.Val {
		window := ids[s : int(s)+cfg.SeqLen+1]
		words := make([]string, len(window))
		for i, id := range window {
			words[i] = tok.Token(id)
		}
		var stories [][]int32 // the window's runs of tokens between separators
		for i, id := range window {
			switch {
			case id == sep:
			case i == 0 || window[i-1] == sep:
				stories = append(stories, []int32{id})
			default:
				stories[len(stories)-1] = append(stories[len(stories)-1], id)
			}
		}
		prose := Readable(words, SplitSpace)
		paragraphs := strings.Split(prose, StoryBreak)
		if prose == "" {
			paragraphs = nil
		}
		if len(paragraphs) != len(stories) {
			t.Fatalf("window at %d, %q: got %d paragraphs in %q; want %d", s, strings.Join(words, " "), len(paragraphs), prose, len(stories))
		}
		for i, para := range paragraphs {
			got, unknown := tok.Encode(CleanPrompt(para, cfg.Cleaning, cfg.SeqLen))
			if !slices.Equal(got, stories[i]) || len(unknown) > 0 {
				t.Fatalf("window at %d: %q cleans to %q (unknown %q); want %q", s, para, tok.Decode(got), unknown, tok.Decode(stories[i]))
			}
		}
		checked++
	}
	if checked < 4000 {
		t.Errorf("checked %d windows; want Aesop's 5,000 held out", checked)
	}
}
