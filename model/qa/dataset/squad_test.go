package dataset

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// squadSample is SQuAD v2.0 JSON in the shape of dev-v2.0.json: an answer after an emoji (one
// code point, two UTF-16 units) and Korean, several answers, and an is_impossible question.
const squadSample = `{"version": "v2.0", "data": [{"title": "Fox", "paragraphs": [
 {"context": "🦊 The fox saw grapes.", "qas": [
  {"id": "q1", "question": "What did the fox see?", "answers": [
   {"text": "grapes", "answer_start": 14}, {"text": "grapes.", "answer_start": 14}], "is_impossible": false},
  {"id": "q2", "question": "Who ate them?", "answers": [], "plausible_answers": [{"text": "fox", "answer_start": 6}], "is_impossible": true}]},
 {"context": "옛날에 여우가 살았다.", "qas": [
  {"id": "q3", "question": "누가 살았나?", "answers": [{"text": "여우가", "answer_start": 4}]}]}]}]}`

func TestReadSQuAD(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dev-v2.0.json")
	if err := os.WriteFile(path, []byte(squadSample), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadSQuAD(path)
	if err != nil {
		t.Fatal(err)
	}
	p1, p2 := "🦊 The fox saw grapes.", "옛날에 여우가 살았다."
	want := Set{
		{ID: "q1", Passage: p1, Question: "What did the fox see?", Answers: []string{"grapes", "grapes."},
			Start: 14, End: 20, Source: path + ":data[0].paragraphs[0].qas[0]"},
		{ID: "q2", Passage: p1, Question: "Who ate them?", Start: -1, End: -1,
			Source: path + ":data[0].paragraphs[0].qas[1]"},
		{ID: "q3", Passage: p2, Question: "누가 살았나?", Answers: []string{"여우가"},
			Start: 4, End: 7, Source: path + ":data[0].paragraphs[1].qas[0]"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%#v\nwant\n%#v", got, want)
	}
	if got[0].Span() != "grapes" || got[2].Span() != "여우가" {
		t.Errorf("got spans %q, %q; want \"grapes\", \"여우가\"", got[0].Span(), got[2].Span())
	}
}

func TestReadSQuADErrors(t *testing.T) {
	// qa wraps one question's JSON in a file.
	qa := func(s string) string {
		return `{"data": [{"paragraphs": [{"context": "🦊 The fox saw grapes.", "qas": [` + s + `]}]}]}`
	}
	const at = "data[0].paragraphs[0].qas[0]"
	for _, tc := range []struct {
		name, json string
		line       int
		want       string
	}{
		{"not JSON", "{\n \"data\": [\n  oops]}", 3, "column 3: invalid character 'o'"},
		{"truncated", `{"data": [`, 1, "column 11: unexpected end of JSON input"},
		{"wrong type", "{\"data\": [{\"paragraphs\": [{\"context\": 7}]}]}", 1, `column 39: "data.paragraphs.context" is a number where a SQuAD file has a string`},
		{"data not a list", `{"data": 5}`, 1, `column 10: "data" is a number where a SQuAD file has a list (JSON array)`},
		{"not an object", `[1, 2]`, 1, `column 1: the file is a list where a SQuAD file has an object`},
		{"answer_start not an integer", qa(`{"id": "a", "answers": [{"text": "fox", "answer_start": 6.5}]}`), 1, `is the number 6.5 where a SQuAD file has a whole number`},
		{"no data", `{"version": "v2.0"}`, 0, `no "data" array`},
		{"no context", `{"data": [{"paragraphs": [{"qas": []}]}]}`, 0, `data[0].paragraphs[0]: no "context"`},
		{"no answers", qa(`{"id": "a", "question": "Q?", "answers": []}`), 0, at + ": no answers, and not is_impossible"},
		{"impossible with answers", qa(`{"id": "a", "is_impossible": true, "answers": [{"text": "fox", "answer_start": 6}]}`), 0, "is_impossible, yet it has answers"},
		{"no text", qa(`{"id": "a", "answers": [{"answer_start": 6}]}`), 0, at + `.answers[0]: no "text"`},
		{"no answer_start", qa(`{"id": "a", "answers": [{"text": "fox"}]}`), 0, `no "answer_start"`},
		{"empty text", qa(`{"id": "a", "answers": [{"text": "", "answer_start": 6}]}`), 0, "empty answer text"},
		{"answer_start negative", qa(`{"id": "a", "answers": [{"text": "fox", "answer_start": -1}]}`), 0, "outside the 21-rune context"},
		{"answer_start past the end", qa(`{"id": "a", "answers": [{"text": "grapes.", "answer_start": 15}]}`), 0, "answer_start 15 with 7-rune text"},
		{"answer_start huge", qa(`{"id": "a", "answers": [{"text": "fox", "answer_start": 9223372036854775807}]}`), 0, "outside"},
		{"UTF-16 offset", qa(`{"id": "a", "answers": [{"text": "fox", "answer_start": 7}]}`), 0, `"fox" is not the context's "ox " at answer_start 7`},
		{"second answer mismatch", qa(`{"id": "a", "answers": [{"text": "fox", "answer_start": 6}, {"text": "fox", "answer_start": 2}]}`), 0, at + ".answers[1]: answer text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "squad.json")
			if err := os.WriteFile(path, []byte(tc.json), 0o644); err != nil {
				t.Fatal(err)
			}
			set, err := ReadSQuAD(path)
			if set != nil {
				t.Errorf("got %d examples with the error; want none", len(set))
			}
			checkError(t, err, path, tc.line, tc.want)
		})
	}
}

func TestReadSQuADTooLarge(t *testing.T) {
	defer func(n int64) { maxFileBytes = n }(maxFileBytes)
	maxFileBytes = int64(len(squadSample) - 1)
	path := filepath.Join(t.TempDir(), "squad.json")
	if err := os.WriteFile(path, []byte(squadSample), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSQuAD(path); err == nil || !strings.Contains(err.Error(), "file is over") {
		t.Errorf("got error %v; want \"file is over\"", err)
	}
	if _, err := ReadSQuAD(path + ".missing"); err == nil || !strings.Contains(err.Error(), "squad.json.missing") {
		t.Errorf("missing file: got error %v; want one naming it", err)
	}
}
