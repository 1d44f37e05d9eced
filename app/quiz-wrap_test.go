package app

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/qa"
)

// wrappedFable is hard-wrapped as fables from Project Gutenberg are: a line break, and on the
// next line an indent, fall inside the answer and inside its sentence.
const wrappedFable = "A Fox one day spied a beautiful bunch of ripe grapes. \"Just the thing,\" said he, \"those\n" +
	"   Grapes\nwill quench my thirst.\"\n\nBut he could not reach them."

// wrappedPair is the pair whose answer crosses the line break: "those\n   Grapes" in the text.
func wrappedPair(t *testing.T) qa.Pair {
	t.Helper()
	p := pairAt(wrappedFable, "What did the Fox want?", "those\n   Grapes", qa.ByRules, 1)
	if got := string([]rune(wrappedFable)[p.Start:p.End]); got != "those\n   Grapes" {
		t.Fatalf("the fixture is wrong: [%d, %d) is %q", p.Start, p.End, got)
	}
	return p
}

// An answer across a hard line break is exported on one line, in the CSV and in the JSON, and
// so is its sentence; the offsets stay the passage's, and the JSON's passage keeps its breaks.
func TestQuizExportsReadAWrappedAnswerAsOneLine(t *testing.T) {
	p := wrappedPair(t)
	const answer, sentence = "those Grapes", "\"Just the thing,\" said he, \"those Grapes will quench my thirst.\""
	recs, err := csv.NewReader(bytes.NewReader(quizCSV(wrappedFable, []qa.Pair{p})[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	row := recs[1]
	if row[1] != answer || row[4] != sentence {
		t.Errorf("CSV: answer %q in %q; want %q in %q", row[1], row[4], answer, sentence)
	}
	if row[2] != strconv.Itoa(p.Start) || row[3] != strconv.Itoa(p.End) {
		t.Errorf("CSV: offsets [%s, %s); want the passage's [%d, %d)", row[2], row[3], p.Start, p.End)
	}
	b, err := quizJSON(wrappedFable, []qa.Pair{p})
	if err != nil {
		t.Fatal(err)
	}
	var doc quizDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	got := doc.Pairs[0]
	if got.Answer != answer || got.Sentence != sentence || got.Question != p.Question {
		t.Errorf("JSON: %q, answer %q in %q; want %q, %q in %q", got.Question, got.Answer, got.Sentence, p.Question, answer, sentence)
	}
	if doc.Passage != wrappedFable || got.Start != p.Start || got.End != p.End {
		t.Errorf("JSON: offsets [%d, %d) in %q; want the passage as it is and [%d, %d)", got.Start, got.End, doc.Passage, p.Start, p.End)
	}
}

// Quiz mode and the printable view show an answer across a hard line break on one line (both
// keep white space as it is, for the questions' sake); the pair's data keeps the passage's
// offsets and its exact text.
func TestQuizShowsAWrappedAnswerOnOneLine(t *testing.T) {
	p := wrappedPair(t)
	list := app.HTMLString(&QuizList{Pairs: []qa.Pair{p}})
	if want := app.HTMLString(app.Span().Class("a").Text("those Grapes")); !strings.Contains(list, want) {
		t.Errorf("quiz list: want %s in\n%s", want, list)
	}
	for _, attr := range []string{`data-start="` + strconv.Itoa(p.Start) + `"`, `data-end="` + strconv.Itoa(p.End) + `"`} {
		if !strings.Contains(list, attr) {
			t.Errorf("quiz list: want %s in\n%s", attr, list)
		}
	}
	print := app.HTMLString(&QuizPrint{Pairs: []qa.Pair{p}})
	if want := app.HTMLString(app.Li().Text("those Grapes")); !strings.Contains(print, want) {
		t.Errorf("printable view: want %s in\n%s", want, print)
	}
	if strings.Contains(list+print, "those\n") {
		t.Errorf("the line break is still shown:\n%s\n%s", list, print)
	}
}

// oneLine makes every run of white space one space, Unicode's too, and trims the ends.
func TestOneLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"those\nGrapes", "those Grapes"},
		{"those\r\n\t  Grapes ", "those Grapes"},
		{"토끼와\n거북이 🐢", "토끼와 거북이 🐢"},
		{"no\u00a0break\u2028line", "no break line"},
		{"plain", "plain"},
		{" \n ", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := oneLine(c.in); got != c.want {
				t.Errorf("got %q; want %q", got, c.want)
			}
		})
	}
}
