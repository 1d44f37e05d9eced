package dataset

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

const bookHeader = "story_id,story_text,question,answer_token_ranges\n"

func TestReadBookCSV(t *testing.T) {
	// Tokens of s1: 0 The, 1 striker, 2 cost, 3 50, 4 million, 5 pounds, 6 ., 7 "" (a double
	// space, as the book's notebook shows), 8 Joe, 9 Bloggs, 10 scored.
	s1 := "The striker cost 50 million pounds .  Joe Bloggs scored"
	s2 := "옛날 🦊 여우가 포도를 보았다"
	data := bookHeader +
		"./cnn/a.story,\"" + s1 + "\",How much was spent on the striker ?,3:6\n" +
		"./cnn/a.story,\"" + s1 + "\",Who scored ?,\"8:10,1:2\"\n" +
		"./cnn/a.story,\"" + s1 + "\",Who lost ?,-1:-1\n" +
		"./cnn/b.story,\"" + s2 + "\",무엇을 보았나 ?,3:4\n" +
		"./cnn/a.story,\"" + s1 + "\",Who was it ?,\"7:9\"\n"
	path := filepath.Join(t.TempDir(), "train.csv")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadBookCSV(path)
	if err != nil {
		t.Fatal(err)
	}
	want := Set{
		{ID: "./cnn/a.story/1", Passage: s1, Question: "How much was spent on the striker ?",
			Answers: []string{"50 million pounds"}, Start: 17, End: 34, Source: path + ":2"},
		{ID: "./cnn/a.story/2", Passage: s1, Question: "Who scored ?",
			Answers: []string{"Joe Bloggs", "striker"}, Start: 38, End: 48, Source: path + ":3"},
		{ID: "./cnn/a.story/3", Passage: s1, Question: "Who lost ?", Start: -1, End: -1, Source: path + ":4"},
		{ID: "./cnn/b.story/1", Passage: s2, Question: "무엇을 보았나 ?",
			Answers: []string{"포도를"}, Start: 9, End: 12, Source: path + ":5"},
		{ID: "./cnn/a.story/4", Passage: s1, Question: "Who was it ?", // the empty token 7 is left out
			Answers: []string{"Joe"}, Start: 38, End: 41, Source: path + ":6"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%#v\nwant\n%#v", got, want)
	}
	for _, e := range got.Spanned() {
		if e.Span() != e.Answers[0] {
			t.Errorf("%s: span %q; want the first answer %q", e.Source, e.Span(), e.Answers[0])
		}
	}
}

func TestReadBookCSVErrors(t *testing.T) {
	const story = "s,\"a b  c\",Q ?,"
	for _, tc := range []struct {
		name, data string
		line       int
		want       string
	}{
		{"header lacks a column", "story_id,story_text,question\n", 1, `lacks column "answer_token_ranges"`},
		{"empty file", "", 0, "empty file"},
		{"too few fields", bookHeader + "s,a b,Q ?\n", 2, "wrong number of fields, want 4"},
		{"bare quote", bookHeader + "s,a \"b\",Q ?,0:1\n", 2, `column 5: bare "`},
		{"range with a dash", bookHeader + story + "0-1\n", 2, `answer_token_ranges: "0-1" is not start:end`},
		{"range not a number", bookHeader + story + "a:b\n", 2, "is not start:end"},
		{"empty ranges", bookHeader + story + "\n", 2, "is not start:end"},
		{"trailing comma", bookHeader + story + "\"0:1,\"\n", 2, "is not start:end"},
		{"empty range", bookHeader + story + "1:1\n", 2, "range 1:1 is not within the story's 4 tokens"},
		{"reversed range", bookHeader + story + "2:1\n", 2, "range 2:1"},
		{"negative start", bookHeader + story + "-1:2\n", 2, "range -1:2"},
		{"-1:-1 among pieces", bookHeader + story + "\"0:1,-1:-1\"\n", 2, "range -1:-1"},
		{"past the last token", bookHeader + story + "3:5\n", 2, "range 3:5 is not within the story's 4 tokens"},
		{"second row", bookHeader + story + "0:1\n" + story + "9:10\n", 3, "range 9:10"},
		{"only empty tokens", bookHeader + story + "2:3\n", 2, "range 2:3 covers only empty tokens"},
		{"a second piece of empty tokens", bookHeader + story + "\"0:1,2:3\"\n", 2, "range 2:3 covers only empty tokens"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "train.csv")
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			set, err := ReadBookCSV(path)
			if set != nil {
				t.Errorf("got %d examples with the error; want none", len(set))
			}
			checkError(t, err, path, tc.line, tc.want)
		})
	}
}
