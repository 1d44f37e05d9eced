package app

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/model/qa"
	"fabulist/studio/proto"
	"fabulist/studio/share"
	"fabulist/studio/share/sharetest"
)

// newQuizStore is a store holding quizText and its list of questions, set directly as the
// Questions panel will set them, whose files are kept in *saved.
func newQuizStore(t *testing.T) (*store, *[]savedFile) {
	t.Helper()
	st, _ := newTestStore(t)
	saved := &[]savedFile{}
	st.saveFile = func(b []byte, name, mime string) { *saved = append(*saved, savedFile{b, name, mime}) }
	st.setText(quizText)
	st.setQuizPairs(quizPairs())
	return st, saved
}

type savedFile struct {
	data       []byte
	name, mime string
}

// Export saves the list as the page's file, in the format asked for; with no list it says so
// and saves nothing.
func TestQuizExportSavesTheList(t *testing.T) {
	st, saved := newQuizStore(t)
	st.exportQuiz("csv")
	st.exportQuiz("json")
	wantJSON, _ := quizJSON(quizText, quizPairs())
	want := []savedFile{
		{quizCSV(quizText, quizPairs()), "fabulist-quiz.csv", "text/csv;charset=utf-8"},
		{wantJSON, "fabulist-quiz.json", "application/json"},
	}
	if !reflect.DeepEqual(*saved, want) {
		t.Errorf("saved %d files (%v); want the CSV then the JSON", len(*saved), *saved)
	}
	if !strings.Contains(st.v.Quiz.Msg, "4 questions") {
		t.Errorf("message %q; want it to say how many were saved", st.v.Quiz.Msg)
	}

	empty, saved := newQuizStore(t)
	empty.setQuizPairs(nil)
	empty.exportQuiz("csv")
	if len(*saved) != 0 || !strings.Contains(empty.v.Quiz.Msg, "no questions") {
		t.Errorf("with no list: saved %d files, message %q", len(*saved), empty.v.Quiz.Msg)
	}
}

// quizListHTML renders the list as the page shows it.
func quizListHTML(st *store) string {
	return app.HTMLString(&QuizList{Pairs: st.quizPairs(), Mode: st.v.Quiz.Mode, Revealed: st.v.Quiz.Revealed})
}

// In quiz mode no answer is in the page until its pair is revealed; one reveals one, -1 all.
func TestQuizModeHidesAnswersUntilClicked(t *testing.T) {
	st, _ := newQuizStore(t)
	pairs := quizPairs()
	html := quizListHTML(st)
	for _, p := range pairs {
		if !strings.Contains(html, app.HTMLString(app.Span().Class("a").Text(p.Answer))) {
			t.Fatalf("out of quiz mode the answer %q is not shown:\n%s", p.Answer, html)
		}
	}
	st.onQuizMode(nil, app.Action{Value: true})
	html = quizListHTML(st)
	for _, p := range pairs {
		if strings.Contains(html, `class="a"`) || strings.Contains(html, p.Answer) && p.Answer != "\"soundly\"" {
			t.Fatalf("in quiz mode an answer (%q) is in the page:\n%s", p.Answer, html)
		}
	}
	if n := strings.Count(html, `class="reveal"`); n != len(pairs) {
		t.Errorf("%d Show answer buttons; want %d", n, len(pairs))
	}
	st.reveal(1)
	st.reveal(len(pairs)) // out of range: nothing
	html = quizListHTML(st)
	if n := strings.Count(html, `class="a"`); n != 1 || !strings.Contains(html, ">slept<") {
		t.Errorf("after revealing the second: %d answers shown; want slept alone:\n%s", n, html)
	}
	st.reveal(-1)
	if html = quizListHTML(st); strings.Count(html, `class="a"`) != len(pairs) {
		t.Errorf("after Show all: %d answers shown; want %d", strings.Count(html, `class="a"`), len(pairs))
	}
	// A pair that joins the list (found meanwhile, as the Questions panel adds them) comes
	// hidden; those revealed stay so, wherever they moved.
	st.v.Quiz.Revealed = nil
	st.reveal(0)
	st.setPairs(append([]qa.Pair{pairAt(quizText, "Who went on?", "tortoise", qa.ByRules, 0)}, st.quizPairs()...), nil)
	if html = quizListHTML(st); strings.Count(html, `class="a"`) != 1 || !strings.Contains(html, ">토끼<") {
		t.Errorf("after a pair joined before the revealed one: want 토끼 alone shown:\n%s", html)
	}
	// Leaving quiz mode and coming back hides them again.
	st.onQuizMode(nil, app.Action{Value: false})
	st.onQuizMode(nil, app.Action{Value: true})
	if html = quizListHTML(st); strings.Contains(html, `class="a"`) {
		t.Errorf("back in quiz mode, answers still shown:\n%s", html)
	}
}

// Print puts the printable view in the page with the questions numbered, then the answers in a
// section that starts a page (app.css), and hides the studio's other parts from print.
func TestQuizPrintViewHasTheAnswersAfterTheQuestions(t *testing.T) {
	st, _ := newQuizStore(t)
	st.onQuizPrint(nil, app.Action{})
	if !st.v.Quiz.Printing || st.v.Quiz.PrintRev != 1 {
		t.Fatalf("printing %v, revision %d; want true and 1", st.v.Quiz.Printing, st.v.Quiz.PrintRev)
	}
	html := app.HTMLString(&Studio{v: st.v})
	if !strings.Contains(html, `class="studio printing-quiz"`) {
		t.Errorf("the studio is not marked as printing the quiz")
	}
	q, a := strings.Index(html, `id="quiz-print-questions"`), strings.Index(html, `id="quiz-print-answers"`)
	if q < 0 || a < q {
		t.Fatalf("questions at %d, answers at %d; want both, the answers after", q, a)
	}
	for i, p := range quizPairs() {
		if at := strings.Index(html[q:a], app.HTMLString(app.Li().Text(p.Question))); at < 0 {
			t.Errorf("question %d is not in the questions' section", i+1)
		}
		if at := strings.Index(html[a:], app.HTMLString(app.Li().Text(p.Answer))); at < 0 {
			t.Errorf("answer %d is not in the answers' section", i+1)
		}
	}
	st.onQuizPrinted(nil, app.Action{})
	if html := app.HTMLString(&Studio{v: st.v}); strings.Contains(html, "quiz-print") || strings.Contains(html, "printing-quiz") {
		t.Errorf("after the print dialog closed the printable view is still there")
	}
}

// A share link carries the text and the list; opened in a fresh studio it puts the text in the
// box and the list back, each pair in its sentence.
func TestQuizShareLinkOpensTheQuiz(t *testing.T) {
	st, _ := newQuizStore(t)
	st.clipboard = func(string, func(bool)) bool { return false }
	st.share(nil, false)
	if !strings.HasPrefix(st.v.Share, "#s=2.") || !strings.Contains(st.v.ShareMsg, "4 questions") {
		t.Fatalf("link %.10q, message %q; want a version-2 link said to hold the questions", st.v.Share, st.v.ShareMsg)
	}
	fresh, _ := newTestStore(t)
	fresh.openAddress(addressNote{Fragment: st.v.Share})
	want := quizPairs()
	for i, s := range []int{0, 1, 2, 1} { // the sentences quizSentences names
		want[i].Sentence = s
	}
	if fresh.v.Error != "" || fresh.text != quizText || fresh.v.TextRev == 0 || !reflect.DeepEqual(fresh.quizPairs(), want) {
		t.Errorf("opened: error %q, text %.20q, list\n%+v\nwant\n%+v", fresh.v.Error, fresh.text, fresh.quizPairs(), want)
	}
	if !strings.Contains(fresh.v.ShareMsg, "4 questions") {
		t.Errorf("message %q; want it to say a quiz was opened", fresh.v.ShareMsg)
	}
	// Once the list changes, the link on show would share the old one: it goes.
	st.onDeletePair(nil, actionOf(0))
	if st.v.Share != "" || st.v.ShareMsg != "" {
		t.Errorf("after a pair was deleted the quiz link %.10q and %q are still shown", st.v.Share, st.v.ShareMsg)
	}
	// A settings-only link carries no questions.
	st.share(nil, true)
	if p, err := share.Decode(st.v.Share); err != nil || p.Quiz != nil || p.Text != "" {
		t.Errorf("settings only: %v, %d questions, text %.10q", err, len(p.Quiz), p.Text)
	}
}

// A list that no longer fits the text (found on an earlier one) makes no link, and says why.
func TestQuizShareOfAStaleListSaysWhy(t *testing.T) {
	st, _ := newQuizStore(t)
	st.setText("A different text.")
	st.share(nil, false)
	if st.v.Share != "" || !strings.Contains(st.v.ShareMsg, "question 1 has the answer") || !strings.HasSuffix(st.v.ShareMsg, "?") {
		t.Errorf("link %.20q, message %q; want no link, the reason, and the settings-only offer", st.v.Share, st.v.ShareMsg)
	}
}

// A crafted link whose answers are not in its text changes nothing, and the banner names the
// question and what is wrong.
func TestQuizLinkThatDoesNotFitIsRefusedWhole(t *testing.T) {
	st, _ := newQuizStore(t)
	link, err := share.Encode(share.Payload{Config: st.v.Config, Gen: lm.DefaultGenOptions(), Text: "The fox ran.",
		Quiz: []share.Pair{{Question: "Who ran?", Answer: "fox", Start: 4, End: 7, Method: qa.ByRules}}})
	if err != nil {
		t.Fatal(err)
	}
	// Moved by one: the checksum is a correct one, as anyone can compute.
	p, _ := share.Decode(link)
	p.Quiz[0].Start, p.Quiz[0].End = 5, 8
	crafted := craft(t, p)
	st.openAddress(addressNote{Fragment: crafted})
	if !strings.Contains(st.v.Error, "question 1 has the answer \"fox\", but the text has \"ox \"") || !strings.Contains(st.v.Error, "Nothing was changed") {
		t.Errorf("banner %q; want the question and what is wrong", st.v.Error)
	}
	if st.text != quizText || !reflect.DeepEqual(st.quizPairs(), quizPairs()) {
		t.Errorf("a refused link changed the studio: text %.20q, %d questions", st.text, len(st.quizPairs()))
	}
}

// craft makes a version-2 link of a payload as Encode does, without Encode's checks: what
// anyone can make, checksum included.
func craft(t *testing.T, p share.Payload) string {
	t.Helper()
	js, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return sharetest.Link(2, js)
}

// In quiz mode the Questions panel shows the quiz's list in place of its own, whose sentences
// would show the answers.
func TestQuestionsPanelGivesWayToTheQuizInQuizMode(t *testing.T) {
	st, _ := newQuizStore(t)
	panel := func() string {
		return app.HTMLString(&QuestionsPanel{QA: st.v.QA, Ready: true, Quiz: st.v.Quiz})
	}
	if html := panel(); !strings.Contains(html, `id="questions"`) || strings.Contains(html, `id="quiz"`) || !strings.Contains(html, "slept") {
		t.Fatalf("out of quiz mode: want the panel's list, with its answers:\n%s", html)
	}
	st.onQuizMode(nil, app.Action{Value: true})
	html := panel()
	if strings.Contains(html, `id="questions"`) || !strings.Contains(html, `id="quiz"`) {
		t.Fatalf("in quiz mode: want the quiz's list alone:\n%s", html)
	}
	for _, p := range quizPairs() {
		if p.Answer != "\"soundly\"" && strings.Contains(html, p.Answer) {
			t.Errorf("in quiz mode the answer %q is in the panel", p.Answer)
		}
	}
}

// A share link's quiz replaces the list, and the answer to a find that was under way (about the
// text the link replaced) is dropped.
func TestALinksQuizReplacesAFindUnderWay(t *testing.T) {
	st, sent := newTestStore(t)
	st.setText(quizText)
	st.onFindQuestions(nil, app.Action{})
	find := (*sent)[len(*sent)-1]
	if find.Kind != proto.FindQuestions || !st.v.QA.Finding {
		t.Fatalf("sent %s, finding %v; want a find under way", find.Kind, st.v.QA.Finding)
	}
	link, _ := newQuizStore(t)
	link.clipboard = func(string, func(bool)) bool { return false }
	link.setText(quizText + " The end.")
	link.setQuizPairs(quizPairs()[:1])
	link.share(nil, false)
	st.openAddress(addressNote{Fragment: link.v.Share})
	st.receive(proto.Message{Kind: proto.Questions, Seq: find.Seq, Pairs: quizPairs()})
	if got := st.quizPairs(); len(got) != 1 || got[0].Answer != "토끼" || st.v.QA.Finding || st.v.QA.Stale {
		t.Errorf("after the link and the old find's answer: %d pairs (%+v), finding %v, stale %v; want the link's one",
			len(got), got, st.v.QA.Finding, st.v.QA.Stale)
	}
}

// TestAQuizLeavesOutDegenerateQuestionsAndSaysWhoWroteEach: a question the model wrote that
// repeats a word is flagged in the editable list, so the quiz, here and for a shared quiz's
// receiver, leaves it out with a note saying how many were; each question in the quiz has the
// list's badge (rules, model, edited), answered or not. A trial found the quiz showing "The the
// the …" like any other question, and no "edited" badge. Rewritten by hand, such a question is the
// user's and stays in.
func TestAQuizLeavesOutDegenerateQuestionsAndSaysWhoWroteEach(t *testing.T) {
	pairs := quizPairs()
	edited := pairAt(quizText, "The the the the the the the the?", "The tortoise", qa.ByModel, -2)
	edited.Edited = true
	pairs = append(pairs,
		pairAt(quizText, "The the the the the the the the", "slept", qa.ByModel, -3), // index 4: left out
		edited, // 5: rewritten by hand to the same words, it stays
		pairAt(quizText, "the the the the the the the the the", "soundly", qa.ByModel, -4)) // 6: left out
	link, err := share.Encode(share.Payload{Config: lm.QuickConfig(), Gen: lm.DefaultGenOptions(), Text: quizText,
		Quiz: sharedQuiz(pairs), QuizMode: true})
	if err != nil {
		t.Fatal(err)
	}
	sender, _ := newQuizStore(t)
	sender.setQuizPairs(pairs)
	sender.onQuizMode(nil, actionOf(true))
	receiver, _ := newTestStore(t)
	if err := receiver.openShare(link); err != nil || !receiver.v.Quiz.Mode {
		t.Fatalf("the link opened in quiz mode %v: %v", receiver.v.Quiz.Mode, err)
	}
	for name, st := range map[string]*store{"sender": sender, "receiver": receiver} {
		st.reveal(5)
		html := quizListHTML(st)
		if strings.Contains(html, `data-index="4"`) || strings.Contains(html, `data-index="6"`) || !strings.Contains(html, `data-index="5"`) ||
			!strings.Contains(html, `data-count="5"`) {
			t.Errorf("%s: the quiz holds %s; want pairs 0–3 and 5, not the model's questions that repeat a word (4, 6)", name, html)
		}
		if want := "2 questions are left out of the quiz: the question model wrote them, and they repeat a word"; !strings.Contains(html, want) {
			t.Errorf("%s: the quiz does not say %q: %s", name, want, html)
		}
		// Every question has its badge; the revealed one (5, by its place in the list) too.
		for _, want := range []string{`class="method method-rules"`, `class="method method-model"`, `class="method method-edited"`} {
			if !strings.Contains(html, want) {
				t.Errorf("%s: the quiz has no badge %s: %s", name, want, html)
			}
		}
		if n := strings.Count(html, `class="method method-`); n != 5 {
			t.Errorf("%s: %d badges in the quiz; want one for each of its 5 questions", name, n)
		}
		if !strings.Contains(html, `>The tortoise<`) {
			t.Errorf("%s: revealing pair 5 did not show its answer: %s", name, html)
		}
	}
	// With none left out, the note is there but hidden.
	none, _ := newQuizStore(t)
	none.onQuizMode(nil, actionOf(true))
	if html := quizListHTML(none); !strings.Contains(html, `data-count="0"`) || strings.Contains(html, "left out of the quiz") {
		t.Errorf("with no question left out: %s", html)
	}
}

// The print leaves out what the quiz leaves out: the model's questions that repeat a word, which
// a trial found printed for a class like any question; the Print button's title says so, and a
// question rewritten by hand is printed whatever it says.
func TestThePrintedQuizLeavesOutWhatTheQuizDoes(t *testing.T) {
	pairs := quizPairs()
	edited := pairAt(quizText, "The the the the the the the the?", "The tortoise", qa.ByModel, -2)
	edited.Edited = true
	pairs = append(pairs, pairAt(quizText, "The the the the the the the the", "slept", qa.ByModel, -3), edited)
	st, _ := newQuizStore(t)
	st.setQuizPairs(pairs)
	st.onQuizPrint(nil, app.Action{})
	html := app.HTMLString(&Studio{v: st.v})
	q, a := strings.Index(html, `id="quiz-print-questions"`), strings.Index(html, `id="quiz-print-answers"`)
	if q < 0 || a < q {
		t.Fatalf("questions at %d, answers at %d; want both, the answers after", q, a)
	}
	if strings.Contains(html[q:], app.HTMLString(app.Li().Text(pairs[4].Question))) {
		t.Errorf("the print holds the model's question that repeats a word")
	}
	if !strings.Contains(html[q:a], app.HTMLString(app.Li().Text(edited.Question))) || !strings.Contains(html[a:], ">The tortoise<") {
		t.Errorf("the print leaves out the question rewritten by hand")
	}
	if nq, na := strings.Count(html[q:a], "<li"), strings.Count(html[a:], "<li"); nq != 5 || na != 5 {
		t.Errorf("%d questions and %d answers printed; want those of the 4 of the list and the rewritten one", nq, na)
	}
	if want := "The text, its questions, then the answers on a page of their own; the question that repeats a word is left out"; !strings.Contains(html, want) {
		t.Errorf("the Print button's title does not say %q", want)
	}
	// A list of such questions alone prints nothing: Print is off.
	// (go-app writes a true attribute bare, a false one as ="false", in any order.)
	printOff := func(count, leftOut int) bool {
		b := regexp.MustCompile(`<button[^>]*id="qa-print"[^>]*>`).FindString(app.HTMLString(&QuizBar{Count: count, LeftOut: leftOut}))
		return regexp.MustCompile(`\sdisabled[\s>]`).MatchString(b)
	}
	if !printOff(1, 1) || printOff(2, 1) {
		t.Errorf("Print off with every question left out: %v, with one of two: %v; want true, false", printOff(1, 1), printOff(2, 1))
	}
}
