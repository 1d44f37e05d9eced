package app

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"fabulist/model/qa"
)

// quizText has Korean, emoji (one of them a flag: two code points) and line breaks, so that
// offsets in bytes or UTF-16 units would land elsewhere than offsets in runes.
const quizText = "토끼와 거북이가 경주를 했다. 🇰🇷 The hare 🐇 slept, \"soundly\".\n\nThe tortoise went on; he won!"

// quizPairs are questions with what a CSV must quote (commas, quotes, line breaks), Korean and
// emoji, at rune offsets of quizText (checked by TestQuizPairsFixture).
func quizPairs() []qa.Pair {
	return []qa.Pair{
		pairAt(quizText, "누가 경주를 했나요?", "토끼", qa.ByRules, 2.5),
		pairAt(quizText, "What did the hare 🐇 do, \"soundly\"?\nSay it in one word.", "slept", qa.ByModel, -1.0/3),
		pairAt(quizText, "Who went on, and on?", "The tortoise", qa.ByRules, 0),
		pairAt(quizText, "\"Quoted\", with a comma, and a trailing space ", "\"soundly\"", qa.ByRules, 1e-9),
	}
}

// pairAt is a pair whose answer is the first occurrence of answer in text, at rune offsets.
func pairAt(text, question, answer string, m qa.Method, score float64) qa.Pair {
	i := strings.Index(text, answer)
	if i < 0 {
		panic("no " + answer + " in " + text)
	}
	start := utf8.RuneCountInString(text[:i])
	return qa.Pair{Question: question, Answer: answer, Start: start, End: start + utf8.RuneCountInString(answer), Method: m, Score: score}
}

// exportPairs are quizPairs with one question rewritten by hand, which the exports mark.
func exportPairs() []qa.Pair {
	pairs := quizPairs()
	pairs[2].Edited = true
	return pairs
}

var quizSentences = []string{"토끼와 거북이가 경주를 했다.", "🇰🇷 The hare 🐇 slept, \"soundly\".", "The tortoise went on; he won!", "🇰🇷 The hare 🐇 slept, \"soundly\"."}

func TestQuizPairsFixture(t *testing.T) {
	runes := []rune(quizText)
	for _, p := range quizPairs() {
		if got := string(runes[p.Start:p.End]); got != p.Answer {
			t.Fatalf("the fixture is wrong: [%d, %d) is %q; want %q", p.Start, p.End, got, p.Answer)
		}
	}
}

// The CSV export reads back through encoding/csv to the list, each row with its answer's
// sentence, after a UTF-8 byte order mark.
func TestQuizCSVRoundTrips(t *testing.T) {
	b := quizCSV(quizText, exportPairs())
	if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("the CSV starts %q; want a UTF-8 byte order mark", b[:min(len(b), 8)])
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv cannot read the export: %v\n%s", err, b)
	}
	if !reflect.DeepEqual(recs[0], quizColumns) {
		t.Errorf("header %q; want %q", recs[0], quizColumns)
	}
	pairs := exportPairs()
	if len(recs)-1 != len(pairs) {
		t.Fatalf("%d rows; want %d", len(recs)-1, len(pairs))
	}
	for i, rec := range recs[1:] {
		p := pairs[i]
		start, _ := strconv.Atoi(rec[2])
		end, _ := strconv.Atoi(rec[3])
		score, _ := strconv.ParseFloat(rec[6], 64)
		got := qa.Pair{Question: rec[0], Answer: rec[1], Start: start, End: end, Method: qa.Method(rec[5]), Score: score, Sentence: p.Sentence,
			Edited: rec[7] == "true"}
		if got != p {
			t.Errorf("row %d: got %+v; want %+v", i+1, got, p)
		}
		if rec[4] != quizSentences[i] {
			t.Errorf("row %d: sentence %q; want %q", i+1, rec[4], quizSentences[i])
		}
	}
}

// The JSON export reads back through encoding/json to the passage and the list, exactly.
func TestQuizJSONRoundTrips(t *testing.T) {
	b, err := quizJSON(quizText, exportPairs())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Passage string           `json:"passage"`
		Pairs   []map[string]any `json:"pairs"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("encoding/json cannot read the export: %v\n%s", err, b)
	}
	if doc.Passage != quizText {
		t.Errorf("passage %q; want %q", doc.Passage, quizText)
	}
	pairs := exportPairs()
	if len(doc.Pairs) != len(pairs) {
		t.Fatalf("%d pairs; want %d", len(doc.Pairs), len(pairs))
	}
	for i, m := range doc.Pairs {
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		if len(keys) != len(quizColumns) {
			t.Errorf("pair %d has fields %q; want %q", i+1, keys, quizColumns)
		}
		p := pairs[i]
		num := func(k string) json.Number { n, _ := m[k].(json.Number); return n }
		start, _ := num("start").Int64()
		end, _ := num("end").Int64()
		score, _ := num("score").Float64()
		got := qa.Pair{Question: m["question"].(string), Answer: m["answer"].(string), Start: int(start), End: int(end),
			Method: qa.Method(m["method"].(string)), Score: score, Sentence: p.Sentence, Edited: m["edited"] == true}
		if got != p || m["sentence"] != quizSentences[i] {
			t.Errorf("pair %d: got %+v in %q; want %+v in %q", i+1, got, m["sentence"], p, quizSentences[i])
		}
	}
}

// A text cell a spreadsheet would run as a formula starts with an apostrophe in the CSV (and
// only there); numbers, negative scores included, stay numbers.
func TestQuizCSVKeepsFormulasInert(t *testing.T) {
	text := "=HYPERLINK(\"http://example.com\") was typed. -5 degrees."
	pairs := []qa.Pair{
		pairAt(text, "=1+1", "=HYPERLINK(\"http://example.com\")", qa.ByRules, -2),
		pairAt(text, "@cmd?", "-5 degrees", qa.ByRules, -0.5),
	}
	for _, p := range pairs {
		if got := string([]rune(text)[p.Start:p.End]); got != p.Answer {
			t.Fatalf("the fixture is wrong: [%d, %d) is %q; want %q", p.Start, p.End, got, p.Answer)
		}
	}
	recs, err := csv.NewReader(bytes.NewReader(quizCSV(text, pairs)[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"'=1+1", "'=HYPERLINK(\"http://example.com\")", "0", "32", "'=HYPERLINK(\"http://example.com\") was typed.", "rules", "-2", "false"},
		{"'@cmd?", "'-5 degrees", "44", "54", "'-5 degrees.", "rules", "-0.5", "false"},
	}
	if !reflect.DeepEqual(recs[1:], want) {
		t.Errorf("got %q; want %q", recs[1:], want)
	}
	b, _ := quizJSON(text, pairs)
	if !strings.Contains(string(b), `"question": "=1+1"`) {
		t.Errorf("the JSON changed a question: %s", b)
	}
}

// A pair whose offsets are not in the text (a list made on an earlier text) exports with no
// sentence, rather than failing or naming another sentence.
func TestQuizExportOfAStaleList(t *testing.T) {
	rows := quizRows("Short.", []qa.Pair{{Question: "q?", Answer: "gone", Start: 40, End: 44, Method: qa.ByRules}, {Question: "q?", Answer: "x", Start: -1, End: 0}})
	for i, r := range rows {
		if r.Sentence != "" {
			t.Errorf("row %d: sentence %q; want none", i+1, r.Sentence)
		}
	}
}
