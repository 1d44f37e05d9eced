package e2e

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"fabulist/model/lm"
	"fabulist/model/qa"
	"fabulist/studio/share"
	"fabulist/studio/share/sharetest"
)

// quizStory has Korean, emoji and line breaks, so that offsets counted in bytes or UTF-16 units
// would land elsewhere than the rune offsets the studio uses.
const quizStory = "토끼와 거북이가 경주를 했다. 🐇 The hare ran ahead, then slept under a tree.\n\n" +
	"The tortoise 🐢 walked on, \"slow and steady\", and won the race."

// quizPair is a pair of quizStory whose answer is the first occurrence of answer, at rune offsets.
func quizPair(t *testing.T, question, answer string, m qa.Method) share.Pair {
	t.Helper()
	i := strings.Index(quizStory, answer)
	if i < 0 {
		t.Fatalf("no %q in the story", answer)
	}
	start := utf8.RuneCountInString(quizStory[:i])
	return share.Pair{Question: question, Answer: answer, Start: start, End: start + utf8.RuneCountInString(answer), Method: m, Score: 1.5}
}

// quizLink is a share link holding quizStory and questions on it whose texts need quoting in a
// CSV (commas, quotes, a line break), in Korean and with emoji.
func quizLink(t *testing.T) (string, []share.Pair) {
	t.Helper()
	pairs := []share.Pair{
		quizPair(t, "누가 경주를 했나요?", "토끼", qa.ByRules),
		quizPair(t, "Where did the hare 🐇 sleep, \"soundly\"?", "under a tree", qa.ByModel),
		quizPair(t, "How did the tortoise walk,\nby its own words?", "\"slow and steady\"", qa.ByRules),
	}
	link, err := share.Encode(share.Payload{Config: lm.QuickConfig(), Gen: lm.DefaultGenOptions(), Text: quizStory, Quiz: pairs})
	if err != nil {
		t.Fatal(err)
	}
	return link, pairs
}

// listedPair is a pair as the page lists it, read from its element's data attributes.
type listedPair struct {
	Question, Answer, Method string
	Start, End               int
}

// listedItems is the list's elements: the Questions panel's (#questions) where the page shows
// it, else the quiz's own (#quiz, which takes its place in quiz mode).
const listedItems = `(document.querySelectorAll("#questions [data-question]").length ?
	document.querySelectorAll("#questions [data-question]") : document.querySelectorAll("#quiz [data-question]"))`

// listOnPage reads the list of questions (see listedItems). An answer hidden in quiz mode reads
// as "".
func listOnPage(p *page) []listedPair {
	p.t.Helper()
	raw := evalAs[[]map[string]string](p, `(() => {
		const items = `+listedItems+`;
		return [...items].map(e => ({question: e.dataset.question, answer: e.dataset.answer || "",
			method: e.dataset.method, start: e.dataset.start || "-1", end: e.dataset.end || "-1"}));
	})()`)
	out := make([]listedPair, len(raw))
	for i, m := range raw {
		out[i] = listedPair{Question: m["question"], Answer: m["answer"], Method: m["method"]}
		out[i].Start, _ = strconv.Atoi(m["start"])
		out[i].End, _ = strconv.Atoi(m["end"])
	}
	return out
}

func listedOf(pairs []share.Pair) []listedPair {
	out := make([]listedPair, len(pairs))
	for i, q := range pairs {
		out[i] = listedPair{Question: q.Question, Answer: q.Answer, Method: string(q.Method), Start: q.Start, End: q.End}
	}
	return out
}

// openQuiz opens the studio at a link holding a quiz and waits for its list.
func openQuiz(p *page, link string, n int) {
	p.t.Helper()
	p.do(chromedp.Navigate(p.url + link))
	p.waitJS(`document.getElementById("train") && !document.getElementById("train").disabled`)
	p.waitJSFor(fmt.Sprintf(`%s.length === %d`, listedItems, n), 20*time.Second,
		`"list: " + (document.getElementById("questions") || document.getElementById("quiz") || {}).outerHTML + " ERR " + document.getElementById("error").innerText`)
}

// TestQuizExportAndShare exports the list as CSV and JSON and compares each with the list on the
// page; shares it and opens the link in a fresh page, which gets the text and the list back; and
// opens a crafted link whose answer is not where it says, which changes nothing and says why.
func TestQuizExportAndShare(t *testing.T) {
	p := openStudio(t, 3*time.Minute)
	link, pairs := quizLink(t)
	openQuiz(p, link, len(pairs))
	list := listOnPage(p)
	if !reflect.DeepEqual(list, listedOf(pairs)) {
		t.Fatalf("the page lists\n%+v\nwant the link's\n%+v", list, listedOf(pairs))
	}
	if v := corpusValue(p); v != quizStory {
		t.Fatalf("the text box holds %.40q; want the link's text", v)
	}
	p.screenshot("quiz-list")

	p.js(captureDownloads)
	p.do(clickID("qa-export-csv"))
	name, b := nextDownload(p, 1)
	if name != "fabulist-quiz.csv" || !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Errorf("downloaded %q starting %q; want fabulist-quiz.csv after a UTF-8 byte order mark", name, b[:min(len(b), 6)])
	}
	csvBytes := len(b)
	fromCSV := csvPairs(t, b, quizStory)
	if !reflect.DeepEqual(fromCSV, list) {
		t.Errorf("the CSV holds\n%+v\nbut the page lists\n%+v", fromCSV, list)
	}

	p.do(clickID("qa-export-json"))
	name, b = nextDownload(p, 2)
	var doc struct {
		Passage string
		Pairs   []listedPair
	}
	if err := json.Unmarshal(b, &doc); err != nil || name != "fabulist-quiz.json" {
		t.Fatalf("downloaded %q: %v\n%s", name, err, b)
	}
	if doc.Passage != quizStory || !reflect.DeepEqual(doc.Pairs, list) {
		t.Errorf("the JSON holds %.30q and\n%+v\nbut the page lists\n%+v", doc.Passage, doc.Pairs, list)
	}

	// Shared from the page, opened afresh.
	shared := shareQuizAndReopen(p, quizStory, len(pairs))
	if again := listOnPage(p); !reflect.DeepEqual(again, list) {
		t.Errorf("the shared link opened\n%+v\nwant\n%+v", again, list)
	}
	if msg := evalAs[string](p, `document.getElementById("share-msg").innerText`); !strings.Contains(msg, "3 questions") {
		t.Errorf("the share panel says %q; want it to say a quiz with 3 questions was opened", msg)
	}

	// A crafted link (with a correct checksum) whose second answer is moved by one character; the
	// others fit its text, which is the story and a line more.
	moved := append([]share.Pair(nil), pairs...)
	moved[1].Start++
	moved[1].End++
	crafted := craftLink(t, share.Payload{Config: lm.QuickConfig(), Gen: lm.DefaultGenOptions(), Text: quizStory + "\nThe end.", Quiz: moved})
	p.js(fmt.Sprintf(`location.hash = %q`, crafted))
	msg := errorShown(p, "cannot be opened")
	if !strings.Contains(msg, "question 2") || !strings.Contains(msg, "Nothing was changed") {
		t.Errorf("the banner says %q; want it to name question 2 and say nothing changed", msg)
	}
	if v := corpusValue(p); v != quizStory {
		t.Errorf("a refused link changed the text to %.40q", v)
	}
	if again := listOnPage(p); !reflect.DeepEqual(again, list) {
		t.Errorf("a refused link changed the list to\n%+v", again)
	}
	fmt.Printf("e2e: quiz of %d questions exported (CSV %d bytes, JSON), shared in a link of %d bytes and opened afresh\n", len(pairs), csvBytes, len(shared))
}

// csvPairs reads the CSV export of a list about text, after its byte order mark, and checks that
// each answer is the text's characters where the row says, in the row's sentence.
func csvPairs(t *testing.T, b []byte, text string) []listedPair {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%s", err, b)
	}
	if want := []string{"question", "answer", "start", "end", "sentence", "method", "score", "edited"}; !reflect.DeepEqual(recs[0], want) {
		t.Errorf("header %q; want %q", recs[0], want)
	}
	var out []listedPair
	runes := []rune(text)
	for _, r := range recs[1:] {
		start, _ := strconv.Atoi(r[2])
		end, _ := strconv.Atoi(r[3])
		out = append(out, listedPair{Question: r[0], Answer: r[1], Start: start, End: end, Method: r[5]})
		if start < 0 || end > len(runes) || start >= end || string(runes[start:end]) != r[1] || !strings.Contains(r[4], r[1]) {
			t.Errorf("row %q: the answer is not the text's characters %d to %d in its sentence", r, start, end)
		}
	}
	return out
}

// TestQuizOfFoundQuestions finds questions on a fable, exports them as CSV and compares the file
// with the list, then shares them and opens the link afresh: the same list comes back.
func TestQuizOfFoundQuestions(t *testing.T) {
	p := openStudio(t, 3*time.Minute)
	ready(p)
	p.js(captureDownloads)
	p.do(pasteText(qaFable), clickID("find-questions"))
	pairsShown(p, `document.querySelectorAll("#questions .pair").length > 0 && document.getElementById("questions").dataset.finding !== "true"`)
	list := listOnPage(p)
	p.screenshot("quiz-found")
	p.do(clickID("qa-export-csv"))
	_, b := nextDownload(p, 1)
	if got := csvPairs(t, b, qaFable); !reflect.DeepEqual(got, list) {
		t.Errorf("the CSV holds\n%+v\nbut the page lists\n%+v", got, list)
	}
	shared := shareQuizAndReopen(p, qaFable, len(list))
	if again := listOnPage(p); !reflect.DeepEqual(again, list) {
		t.Errorf("the shared link opened\n%+v\nwant\n%+v", again, list)
	}
	fmt.Printf("e2e: %d questions found, exported as CSV (%d bytes) and shared (%d bytes)\n", len(list), len(b), len(shared))
}

// craftLink makes a version-2 link of a payload as share.Encode does, without its checks: what
// anyone can make, checksum included.
func craftLink(t *testing.T, p share.Payload) string {
	t.Helper()
	js, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return sharetest.Link(2, js)
}

// TestQuizModeAndPrint: quiz mode keeps the answers out of the page until each is clicked, and
// shows all at once; the printable view prints the questions, then the answers from a new page,
// with nothing else of the studio.
func TestQuizModeAndPrint(t *testing.T) {
	p := openStudio(t, 3*time.Minute)
	link, pairs := quizLink(t)
	openQuiz(p, link, len(pairs))

	p.do(clickID("quiz-mode"))
	// The list is replaced as quiz mode renders: between two polls it may be absent.
	p.waitJSFor(`document.getElementById("quiz")?.dataset.mode === "true" && document.querySelectorAll("#quiz .reveal").length === 3`,
		10*time.Second, `(document.getElementById("quiz") || {}).outerHTML`)
	text := evalAs[string](p, `document.getElementById("quiz").innerText`)
	for _, q := range pairs {
		if strings.Contains(text, strings.Trim(q.Answer, `"`)) {
			t.Errorf("in quiz mode the answer %q shows: %q", q.Answer, text)
		}
	}
	for _, l := range listOnPage(p) {
		if l.Answer != "" || l.Start >= 0 {
			t.Errorf("in quiz mode a pair's answer is in its attributes: %+v", l)
		}
	}
	p.screenshot("quiz-mode")
	p.js(`document.querySelector('#quiz li[data-index="1"] .reveal').click()`)
	// data-answer is written just after the render that reveals (QuizList.tag, deferred): wait for both.
	p.waitJSFor(`document.querySelector('#quiz li[data-index="1"]')?.dataset.revealed === "true" && document.querySelector('#quiz li[data-index="1"]').dataset.answer`,
		10*time.Second, `(document.getElementById("quiz") || {}).outerHTML`)
	if got := evalAs[[]string](p, `[...document.querySelectorAll("#quiz li")].map(e => e.dataset.revealed + ":" + (e.dataset.answer || ""))`); !reflect.DeepEqual(got,
		[]string{"false:", "true:under a tree", "false:"}) {
		t.Errorf("after clicking the second: %q; want it alone revealed", got)
	}
	p.do(clickID("quiz-reveal-all"))
	p.waitJSFor(`[...document.querySelectorAll("#quiz li")].every(e => e.dataset.revealed === "true" && e.dataset.answer)`, 10*time.Second, `(document.getElementById("quiz") || {}).outerHTML`)
	if got := listOnPage(p); !reflect.DeepEqual(got, listedOf(pairs)) {
		t.Errorf("after Show all answers the list is\n%+v\nwant\n%+v", got, listedOf(pairs))
	}

	// The browser's print dialog is the user's; here print() only counts its calls.
	p.js(`window.__prints = 0; window.print = () => { window.__prints++; }`)
	p.do(clickID("qa-print"))
	p.waitJSFor(`document.getElementById("quiz-print") && window.__prints === 1`, 10*time.Second,
		`"prints: " + window.__prints + " view: " + !!document.getElementById("quiz-print")`)
	if d := evalAs[string](p, `getComputedStyle(document.getElementById("quiz-print")).display`); d != "none" {
		t.Errorf("on screen the printable view shows (display %s)", d)
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	styles := evalAs[map[string]string](p, `({
		view: getComputedStyle(document.getElementById("quiz-print")).display,
		grid: getComputedStyle(document.querySelector(".grid")).display,
		top: getComputedStyle(document.querySelector(".top")).display,
		answersBreak: getComputedStyle(document.getElementById("quiz-print-answers")).breakBefore,
		questionsBreak: getComputedStyle(document.getElementById("quiz-print-questions")).breakBefore,
		order: document.getElementById("quiz-print-questions").compareDocumentPosition(document.getElementById("quiz-print-answers")) & Node.DOCUMENT_POSITION_FOLLOWING ? "questions, answers" : "answers first",
		answers: [...document.querySelectorAll("#quiz-print-answers li")].map(e => e.innerText).join("|"),
		questions: [...document.querySelectorAll("#quiz-print-questions li")].map(e => e.innerText).join("|"),
	})`)
	want := map[string]string{"view": "block", "grid": "none", "top": "none", "answersBreak": "page", "questionsBreak": "auto",
		"order": "questions, answers", "answers": `토끼|under a tree|"slow and steady"`,
		"questions": "누가 경주를 했나요?|Where did the hare 🐇 sleep, \"soundly\"?|How did the tortoise walk,\nby its own words?"}
	if !reflect.DeepEqual(styles, want) {
		t.Errorf("under print media:\n got %q\nwant %q", styles, want)
	}
	p.screenshot("quiz-print")
	pdf, err := chromedp.Call(p.ctx, cdppage.PrintToPDF, cdppage.PrintToPDFParams{})
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("FABULIST_SCREENSHOTS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "quiz-print.pdf"), pdf.Data, 0o644)
	}
	// The story and the questions fit on the first page; the answers start the second.
	if n := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf.Data, -1)); n != 2 {
		t.Errorf("the printed quiz has %d pages; want 2 (the questions, then the answers)", n)
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
	// When the dialog closes, the printable view goes.
	p.js(`window.dispatchEvent(new Event("afterprint"))`)
	p.waitJSFor(`!document.getElementById("quiz-print") && !document.querySelector(".printing-quiz")`, 10*time.Second,
		`"view still there: " + !!document.getElementById("quiz-print")`)
	fmt.Printf("e2e: quiz mode hid and revealed %d answers; the printed quiz is 2 pages (PDF %d bytes)\n", len(pairs), len(pdf.Data))
}

// TestQuizLinkSurvivesAReload opens a quiz link the sender shared in quiz mode: the quiz opens
// with its answers hidden; after a reload (the address no longer holds the link) the text, the
// list and quiz mode are still there. Out of quiz mode, a question deleted is still deleted
// after another reload: the list is kept with the text, as the text is.
func TestQuizLinkSurvivesAReload(t *testing.T) {
	p := openStudio(t, 3*time.Minute)
	_, pairs := quizLink(t)
	link, err := share.Encode(share.Payload{Config: lm.QuickConfig(), Gen: lm.DefaultGenOptions(), Text: quizStory, Quiz: pairs, QuizMode: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(link, "#s=3.") {
		t.Fatalf("a quiz-mode link starts %.6q; want #s=3.", link)
	}
	inQuizMode := func(when string) {
		t.Helper()
		p.waitJSFor(fmt.Sprintf(`document.getElementById("corpus").value === %q && document.getElementById("quiz")?.dataset.mode === "true" && %s.length === %d`,
			quizStory, listedItems, len(pairs)), 20*time.Second,
			`"text: " + document.getElementById("corpus").value.slice(0, 30) + " list: " + (document.getElementById("questions") || document.getElementById("quiz") || {}).outerHTML`)
		for _, l := range listOnPage(p) {
			if l.Answer != "" {
				t.Errorf("%s: an answer shows in quiz mode: %+v", when, l)
			}
		}
	}
	openQuiz(p, link, len(pairs))
	inQuizMode("opened")
	if h := evalAs[string](p, `location.hash`); h != "" {
		t.Fatalf("the address still holds %.20q after the link was read", h)
	}
	p.do(chromedp.Reload())
	p.waitJS(`document.getElementById("train") && !document.getElementById("train").disabled`)
	inQuizMode("after a reload")

	p.do(clickID("quiz-mode"))
	p.waitJSFor(fmt.Sprintf(`document.querySelectorAll("#questions [data-question]").length === %d`, len(pairs)), 10*time.Second,
		`(document.getElementById("questions") || document.getElementById("quiz") || {}).outerHTML`)
	p.js(`document.querySelector('#questions [data-question] .delete-pair').click()`)
	p.waitJSFor(fmt.Sprintf(`document.querySelectorAll("#questions [data-question]").length === %d`, len(pairs)-1), 10*time.Second,
		`document.getElementById("questions").outerHTML`)
	p.do(chromedp.Reload())
	p.waitJS(`document.getElementById("train") && !document.getElementById("train").disabled`)
	p.waitJSFor(fmt.Sprintf(`document.getElementById("corpus").value === %q && document.querySelectorAll("#questions [data-question]").length === %d`,
		quizStory, len(pairs)-1), 20*time.Second,
		`"text: " + document.getElementById("corpus").value.slice(0, 30) + " list: " + (document.getElementById("questions") || document.getElementById("quiz") || {}).outerHTML`)
	if got := listOnPage(p); !reflect.DeepEqual(got, listedOf(pairs[1:])) {
		t.Errorf("after deleting the first and a reload the list is\n%+v\nwant\n%+v", got, listedOf(pairs[1:]))
	}
}

// shareQuizAndReopen clicks Share this quiz, opens the version-2 link it makes in the same tab
// afresh, and waits until the studio shows text in the box and a list of n pairs. It returns the
// link.
func shareQuizAndReopen(p *page, text string, n int) string {
	p.do(clickID("qa-share"))
	p.waitJSFor(`document.getElementById("quiz-share-link") && document.getElementById("quiz-share-link").value.includes("#s=2.")`, 20*time.Second,
		`document.getElementById("quiz-bar").outerHTML`)
	shared := evalAs[string](p, `document.getElementById("quiz-share-link").value`)
	p.do(chromedp.Navigate("about:blank"), chromedp.Navigate(shared))
	p.waitJS(`document.getElementById("train") && !document.getElementById("train").disabled`)
	p.waitJSFor(fmt.Sprintf(`document.getElementById("corpus").value === %q && %s.length === %d`, text, listedItems, n), 20*time.Second,
		`"text: " + document.getElementById("corpus").value.slice(0, 30) + " list: " + (document.getElementById("questions") || document.getElementById("quiz") || {}).outerHTML`)
	return shared
}
