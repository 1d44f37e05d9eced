package app

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"

	"fabulist/model/qa"
	"fabulist/model/qa/passage"
)

// quizRow is one question–answer pair as the exports write it: the answer's code points
// [Start, End) in the passage (runes, as qa.Pair counts them), and the text of the sentence that
// holds it, which says more in a spreadsheet than the sentence's number would. Answer and
// Sentence are read as one line (oneLine): a hard-wrapped text breaks lines inside them, and a
// cell or a field that breaks where the text's margin did reads as two. The offsets stay the
// passage's, whose runes [Start, End) are the answer with its breaks.
type quizRow struct {
	Question string    `json:"question"`
	Answer   string    `json:"answer"`
	Start    int       `json:"start"`
	End      int       `json:"end"`
	Sentence string    `json:"sentence"`
	Method   qa.Method `json:"method"` // the generator that wrote the pair
	Score    float64   `json:"score"`
	// Edited: the question was rewritten by hand after Method wrote it. Last, so that a reader
	// of the columns before it reads them where it did.
	Edited bool `json:"edited"`
}

// quizColumns is the CSV's header, in the order of quizRow's fields and JSON names.
var quizColumns = []string{"question", "answer", "start", "end", "sentence", "method", "score", "edited"}

// quizDoc is the JSON export: the passage the offsets count in, and the pairs in the list's order.
type quizDoc struct {
	Passage string    `json:"passage"`
	Pairs   []quizRow `json:"pairs"`
}

// quizRows is pairs as the exports write them, each with the text of the sentence (as
// passage.Split cuts text) that holds its answer's start: "" when the start is not in text (a
// list made on an earlier text).
func quizRows(text string, pairs []qa.Pair) []quizRow {
	sents := passage.Split(text)
	runes := []rune(text)
	rows := make([]quizRow, len(pairs))
	for i, p := range pairs {
		rows[i] = quizRow{Question: p.Question, Answer: oneLine(p.Answer), Start: p.Start, End: p.End, Method: p.Method, Score: p.Score,
			Edited: p.Edited}
		if j := passage.Holding(sents, p.Start); j >= 0 {
			rows[i].Sentence = oneLine(string(runes[sents[j].Start:sents[j].End]))
		}
	}
	return rows
}

// utf8BOM starts the CSV: without it Excel reads a CSV file in the system's legacy code page
// and shows Korean as mojibake; LibreOffice, Google Sheets, Numbers and Python's "utf-8-sig"
// take it as the encoding's mark.
const utf8BOM = "\ufeff"

// quizCSV is the CSV export of pairs about text (RFC 4180 as encoding/csv writes it: a header of
// quizColumns, fields quoted where they hold a comma, a quote or a line break, lines ending in
// "\n"), in UTF-8 after a byte order mark. A text cell that a spreadsheet would run as a formula
// (one starting with = + - @, a tab or a carriage return) starts with an apostrophe, as OWASP
// advises against CSV injection: a shared link's questions end up in this file. The JSON export
// keeps every question and the passage exactly.
func quizCSV(text string, pairs []qa.Pair) []byte {
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := csv.NewWriter(&buf)
	w.Write(quizColumns)
	for _, r := range quizRows(text, pairs) {
		w.Write([]string{inert(r.Question), inert(r.Answer), strconv.Itoa(r.Start), strconv.Itoa(r.End),
			inert(r.Sentence), string(r.Method), strconv.FormatFloat(r.Score, 'g', -1, 64), strconv.FormatBool(r.Edited)})
	}
	w.Flush() // writing to a bytes.Buffer does not fail
	return buf.Bytes()
}

// inert is a text cell that spreadsheets show rather than evaluate (see quizCSV).
func inert(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// quizJSON is the JSON export of pairs about text: a quizDoc, indented for reading, with the
// passage exactly as the offsets count in it and each answer and sentence on one line. It fails
// only for a score JSON has no number for (NaN, ±Inf).
func quizJSON(text string, pairs []qa.Pair) ([]byte, error) {
	b, err := json.MarshalIndent(quizDoc{Passage: text, Pairs: quizRows(text, pairs)}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// oneLine is s as one line of text: each run of white space (a hard wrap's line break and the
// indent after it among them) is one space, and none leads or trails. The answers and sentences
// that the quiz shows and exports read so; the offsets stay those of the text as it is.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
