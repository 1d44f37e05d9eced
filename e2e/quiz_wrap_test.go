package e2e

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fabulist/model/lm"
	"fabulist/model/qa"
	"fabulist/studio/share"
)

// wrappedStory is hard-wrapped as fables from Project Gutenberg are: an answer crosses a line
// break and the indent after it.
const wrappedStory = "A Fox one day spied a beautiful bunch of ripe grapes. \"Just the thing,\" said he, \"those\n" +
	"   Grapes\nwill quench my thirst.\"\n\nBut he could not reach them."

// TestQuizShowsAWrappedAnswerOnOneLine: an answer across a hard line break reads as one line in
// quiz mode, in the printable view and in the CSV, as the browser lays them out (both views keep
// white space for the questions' sake); its data-start and data-end stay the text's rune offsets,
// and data-answer the text's own characters.
func TestQuizShowsAWrappedAnswerOnOneLine(t *testing.T) {
	const answer = "those\n   Grapes"
	i := strings.Index(wrappedStory, answer)
	start := utf8.RuneCountInString(wrappedStory[:i])
	pair := share.Pair{Question: "What did the Fox want?", Answer: answer, Start: start, End: start + utf8.RuneCountInString(answer),
		Method: qa.ByRules, Score: 1}
	link, err := share.Encode(share.Payload{Config: lm.QuickConfig(), Gen: lm.DefaultGenOptions(), Text: wrappedStory, Quiz: []share.Pair{pair}})
	if err != nil {
		t.Fatal(err)
	}
	p := openStudio(t, 3*time.Minute)
	openQuiz(p, link, 1)

	p.do(clickID("quiz-mode"))
	p.waitJSFor(`document.querySelectorAll("#quiz .reveal").length === 1`, 10*time.Second, `(document.getElementById("quiz") || {}).outerHTML`)
	p.do(clickID("quiz-reveal-all"))
	p.waitJSFor(`document.querySelector("#quiz li")?.dataset.answer`, 10*time.Second, `(document.getElementById("quiz") || {}).outerHTML`)
	got := evalAs[map[string]string](p, `(() => {
		const li = document.querySelector("#quiz li"), a = li.querySelector(".a");
		const line = parseFloat(getComputedStyle(a).lineHeight) || a.getBoundingClientRect().height;
		return {shown: a.innerText, lines: String(Math.round(a.getBoundingClientRect().height / line)),
			answer: li.dataset.answer, start: li.dataset.start, end: li.dataset.end};
	})()`)
	want := map[string]string{"shown": "those Grapes", "lines": "1", "answer": answer,
		"start": fmt.Sprint(pair.Start), "end": fmt.Sprint(pair.End)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("quiz mode shows %q; want %q", got, want)
	}
	p.screenshot("quiz-wrapped")

	p.js(captureDownloads)
	p.do(clickID("qa-export-csv"))
	_, b := nextDownload(p, 1)
	if !strings.Contains(string(b), fmt.Sprintf("those Grapes,%d,%d,", pair.Start, pair.End)) || strings.Contains(string(b), "those\n") {
		t.Errorf("the CSV keeps the line break or loses the offsets:\n%s", b)
	}

	p.js(`window.print = () => {}`)
	p.do(clickID("qa-print"))
	p.waitJSFor(`document.querySelector("#quiz-print-answers li")`, 10*time.Second, `"view: " + !!document.getElementById("quiz-print")`)
	// The view is hidden on screen, where innerText reads as textContent: its text is the check.
	if a := evalAs[string](p, `document.querySelector("#quiz-print-answers li").textContent`); a != "those Grapes" {
		t.Errorf("the printable view's answer is %q; want %q", a, "those Grapes")
	}
}
