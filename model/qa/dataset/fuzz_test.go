package dataset

import (
	"errors"
	"testing"
)

// checkSet checks what a reader returned: on an error, no examples and an *Error; otherwise
// spans within their passages whose text is the first answer (same, unless nil) or normalises to
// it (FairytaleQA, whose answers are free text), and -1, -1 with no span.
func checkSet(t *testing.T, set Set, err error, same bool) {
	t.Helper()
	if err != nil {
		var e *Error
		if set != nil || !errors.As(err, &e) {
			t.Fatalf("got %d examples and error %#v; want none and an *Error", len(set), err)
		}
		return
	}
	for _, e := range set {
		n := len([]rune(e.Passage))
		if e.Start < 0 {
			if e.Start != -1 || e.End != -1 {
				t.Fatalf("%s: got Start, End = %d, %d; want -1, -1 or a span", e.Source, e.Start, e.End)
			}
			continue
		}
		if e.End <= e.Start || e.End > n || len(e.Answers) == 0 {
			t.Fatalf("%s: got span [%d, %d) of a %d-rune passage with %d answers", e.Source, e.Start, e.End, n, len(e.Answers))
		}
		span := string([]rune(e.Passage)[e.Start:e.End])
		if same && span != e.Answers[0] {
			t.Fatalf("%s: span %q; want the first answer %q", e.Source, span, e.Answers[0])
		}
		if !same && normalised(span) != normalised(e.Answers[0]) {
			t.Fatalf("%s: span %q normalises to %q; want %q", e.Source, span, normalised(span), normalised(e.Answers[0]))
		}
	}
}

func FuzzReadSQuAD(f *testing.F) {
	f.Add([]byte(squadSample))
	f.Add([]byte(`{"data": [{"paragraphs": [{"context": "a\u00e9b", "qas": [{"answers": [{"text": "b", "answer_start": 2}]}]}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := parseSQuAD("f.json", data)
		checkSet(t, set, err, true)
	})
}

func FuzzReadBookCSV(f *testing.F) {
	f.Add([]byte(bookHeader + "s,\"The striker cost 50 million pounds .  Joe\",How much ?,\"3:6,7:9\"\n"))
	f.Add([]byte(bookHeader + "s,옛날 🦊 여우가 포도를,Q ?,-1:-1\ns,a  b,Q,1:3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := parseBookCSV("f.csv", data)
		checkSet(t, set, err, true)
	})
}

func FuzzReadFairytaleQA(f *testing.F) {
	files := ftqTree()
	f.Add([]byte(files["section-stories/val/fox-story.csv"]), []byte(files["questions/val/fox-questions.csv"]))
	f.Add([]byte(files["section-stories/val/korean-story.csv"]), []byte(files["questions/val/korean-questions.csv"]))
	f.Fuzz(func(t *testing.T, story, questions []byte) {
		sections, err := readSections("s.csv", story)
		if err != nil {
			checkSet(t, nil, err, false)
			return
		}
		set, err := readFairytaleQuestions(nil, "q.csv", "s", questions, sections)
		if err != nil {
			set = nil // the reader drops what it had read of a failing split
		}
		checkSet(t, set, err, false)
	})
}
