package app

import (
	"fmt"
	"maps"
	"math"
	"sort"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/qa"
	"fabulist/model/qa/passage"
	"fabulist/studio/share"
)

// QuizView is what the studio does with the list of questions: quiz mode, the printable view and
// the exports' messages (View.Quiz).
// The list itself is the Questions panel's (View.QA.Pairs, see quizPairsOf).
type QuizView struct {
	// Mode: the list hides each answer until it is clicked (quiz mode); Revealed holds the pairs
	// whose answers were (by revealKey, so that a pair found or deleted meanwhile moves no other
	// pair's answer into view), and is dropped when quiz mode starts.
	Mode     bool
	Revealed map[string]bool
	// Printing: the printable view is in the page and the studio's other parts are hidden from
	// print, until the browser's print dialog closes. PrintRev counts the prints asked for, so
	// that each asks the browser once.
	Printing bool
	PrintRev int
	Msg      string // what the last export did, or why it could not
}

// Quiz actions (see their handlers below).
const (
	actQuizExport  = "quiz-export"  // string: "csv" or "json"
	actQuizPrint   = "quiz-print"   // the printable view, through the browser's print
	actQuizPrinted = "quiz-printed" // the print dialog closed
	actQuizMode    = "quiz-mode"    // bool: quiz mode on or off
	actQuizReveal  = "quiz-reveal"  // int: the answer of the list's pair at this index; -1 all
)

// quizPairsOf is the list of questions the quiz works on in a view: the Questions panel's,
// what the user kept of the pairs found (or opened from a link), in the list's order.
func quizPairsOf(v View) []qa.Pair { return v.QA.Pairs }

// quizPairs is the store's list of questions (see quizPairsOf).
func (s *store) quizPairs() []qa.Pair { return quizPairsOf(s.v) }

// setQuizPairs makes pairs about the text on show the Questions panel's list (a share link's
// quiz). A find or ask under way is about the text the link replaced: its answer is dropped.
func (s *store) setQuizPairs(pairs []qa.Pair) {
	q := &s.v.QA
	s.questionsSeq = 0
	q.Finding, q.Asking, q.Scope, q.Note, q.Error, q.Confirm = false, false, "", "", "", ""
	s.qaText = s.text
	// A question rewritten by hand (a link's sender's, or the user's own in a kept list) is
	// nobody's finding: Find must ask before it replaces it, as it asks on the page where it was
	// rewritten. A link's receiver lost the sender's edit at one press (a new user's trial).
	own := make([]bool, len(pairs))
	for i, p := range pairs {
		own[i] = p.Edited
	}
	s.setPairs(pairs, own)
	s.v.Quiz.Revealed = nil
}

func (s *store) onQuizExport(ctx app.Context, a app.Action) {
	format, _ := a.Value.(string)
	s.exportQuiz(format)
}

// exportQuiz saves the list as a CSV or JSON file (see quizCSV and quizJSON), made in the page:
// the page holds the list, and the worker has nothing to add.
func (s *store) exportQuiz(format string) {
	pairs := s.quizPairs()
	if len(pairs) == 0 {
		s.v.Quiz.Msg = "There are no questions to export yet."
		return
	}
	var (
		b          []byte
		name, mime string
	)
	switch format {
	case "csv":
		b, name, mime = quizCSV(s.text, pairs), "fabulist-quiz.csv", "text/csv;charset=utf-8"
	case "json":
		var err error
		if b, err = quizJSON(s.text, pairs); err != nil {
			s.v.Quiz.Msg = "The questions could not be written as JSON: " + err.Error()
			return
		}
		name, mime = "fabulist-quiz.json", "application/json"
	default:
		return
	}
	s.saveFile(b, name, mime)
	s.v.Quiz.Msg = fmt.Sprintf("Saved %d questions as %s.", len(pairs), name)
}

func (s *store) onQuizPrint(ctx app.Context, a app.Action) {
	if len(s.quizPairs()) == 0 {
		s.v.Quiz.Msg = "There are no questions to print yet."
		return
	}
	s.v.Quiz.Printing = true
	s.v.Quiz.PrintRev++
}

func (s *store) onQuizPrinted(ctx app.Context, a app.Action) { s.v.Quiz.Printing = false }

func (s *store) onQuizMode(ctx app.Context, a app.Action) {
	on, _ := a.Value.(bool)
	s.v.Quiz.Mode, s.v.Quiz.Revealed = on, nil
	s.v.QA.Error = "" // about an earlier find or ask
	s.keepQuiz()
}

func (s *store) onQuizReveal(ctx app.Context, a app.Action) {
	i, _ := a.Value.(int)
	s.reveal(i)
}

// reveal shows the answer of the list's pair at index i in quiz mode, or every answer for -1.
// The set is made anew, never changed in place: the page holds the one published.
func (s *store) reveal(i int) {
	pairs := s.quizPairs()
	if i < -1 || i >= len(pairs) {
		return
	}
	r := maps.Clone(s.v.Quiz.Revealed)
	if r == nil {
		r = map[string]bool{}
	}
	for j, p := range pairs {
		if i == -1 || j == i {
			r[revealKey(p)] = true
		}
	}
	s.v.Quiz.Revealed = r
}

// revealKey names a pair in QuizView.Revealed: its question at its answer's place.
func revealKey(p qa.Pair) string { return fmt.Sprintf("%d:%d:%s", p.Start, p.End, p.Question) }

// sharedQuiz is the list as a share link carries it.
func sharedQuiz(pairs []qa.Pair) []share.Pair {
	if len(pairs) == 0 {
		return nil
	}
	out := make([]share.Pair, len(pairs))
	for i, p := range pairs {
		score := p.Score
		if math.IsNaN(score) || math.IsInf(score, 0) {
			score = 0 // JSON has no number for it; it only ranks pairs, whose order the link keeps
		}
		out[i] = share.Pair{Question: p.Question, Answer: p.Answer, Start: p.Start, End: p.End, Method: p.Method, Score: score, Edited: p.Edited}
	}
	return out
}

// quizOfLink is the list a share link carried about text (which share.Decode checked it
// against), each pair with the number of the sentence that holds its answer's start, as the
// generators number passage.Split's sentences.
func quizOfLink(text string, quiz []share.Pair) []qa.Pair {
	if len(quiz) == 0 {
		return nil
	}
	sents := passage.Split(text)
	out := make([]qa.Pair, len(quiz))
	for i, q := range quiz {
		sent := sort.Search(len(sents), func(j int) bool { return sents[j].End > q.Start })
		out[i] = qa.Pair{Question: q.Question, Answer: q.Answer, Sentence: min(sent, max(len(sents)-1, 0)), Start: q.Start, End: q.End,
			Method: q.Method, Score: q.Score, Edited: q.Edited}
	}
	return out
}

// saveBlob saves bytes made in the page under a file name, as the worker's files are saved: a
// blob: URL clicked as a download link (see download). The URL is let go a minute later, once
// the browser has long taken the file.
func saveBlob(b []byte, name, mime string) {
	if !app.IsClient {
		return
	}
	// The bytes go over as they are: a Go string turned into a JavaScript one would lose a
	// leading byte order mark (wasm_exec decodes strings with a TextDecoder, which drops it).
	arr := app.Window().Get("Uint8Array").New(len(b))
	app.CopyBytesToJS(arr, b)
	parts := app.Window().Get("Array").New()
	parts.Call("push", arr)
	blob := app.Window().Get("Blob").New(parts, map[string]any{"type": mime})
	urls := app.Window().Get("URL")
	url := urls.Call("createObjectURL", blob).String()
	download(url, name)
	var revoke app.Func
	revoke = app.FuncOf(func(app.Value, []app.Value) any {
		urls.Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	app.Window().Call("setTimeout", revoke, 60_000)
}
