package e2e

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"fabulist/model/qa/qatest"
	"fabulist/samples"
)

// qaFable is the passage the Questions tests paste; its fox makes runes and UTF-16 units differ.
const qaFable = "🦊 A hungry Fox saw sweet grapes on a high vine. He jumped for them all day, but he could not reach them. " +
	"At last the Fox walked away and said that the grapes were sour. The Crow laughed at him from her tall tree."

// koreanFable is a passage the English rules cannot read.
const koreanFable = "토끼는 거북이에게 진 뒤로 부끄러워서 숲에 나오지 않았다. 어느 날 거북이가 토끼의 집을 찾아와 말했다. " +
	"토끼는 놀랐지만 고개를 끄덕였다. 둘은 강가까지 달렸다. 거북이는 토끼를 등에 태우고 강을 건넜다."

// shownPair is a pair as the list shows it.
type shownPair struct{ Question, Answer, Method, Start, End string }

// pairsShown waits until the panel is not busy and cond (JavaScript, over the list) holds, and
// returns the pairs listed.
func pairsShown(p *page, cond string) []shownPair {
	p.t.Helper()
	p.waitJSFor(fmt.Sprintf(`!document.getElementById("find-questions").disabled && (%s)`, cond), time.Minute,
		`"status: " + document.getElementById("questions-status").innerText + " | note: " + ((document.getElementById("qa-note") || {}).innerText) +
		" | panel error: " + ((document.getElementById("questions-error") || {}).innerText) + " | " + document.getElementById("error").innerText +
		" | pairs: " + document.querySelectorAll("#questions .pair").length`)
	return evalAs[[]shownPair](p, `[...document.querySelectorAll("#questions .pair")].map(e => ({Question: e.dataset.question,
		Answer: e.dataset.answer, Method: e.dataset.method, Start: e.dataset.start, End: e.dataset.end}))`)
}

// checkAnswers fails unless each answer is the text's runes [start, end).
func checkAnswers(t *testing.T, text string, pairs []shownPair) {
	t.Helper()
	rs := []rune(text)
	for _, pr := range pairs {
		s, err1 := strconv.Atoi(pr.Start)
		e, err2 := strconv.Atoi(pr.End)
		if err1 != nil || err2 != nil || s < 0 || e > len(rs) || s >= e {
			t.Errorf("%q: answer at [%s, %s) is not a span of the text", pr.Question, pr.Start, pr.End)
			continue
		}
		if got := string(rs[s:e]); got != pr.Answer {
			t.Errorf("%q: the text's runes [%d, %d) are %q; want the answer %q", pr.Question, s, e, got, pr.Answer)
		}
	}
}

// u16 is a rune offset of text in UTF-16 units, as a textarea's selection counts.
func u16(text string, runes int) int { return len(utf16.Encode([]rune(text)[:runes])) }

func runeAt(text, sub string) int { return len([]rune(text[:strings.Index(text, sub)])) }

func TestQuestionsPanel(t *testing.T) {
	p := openStudio(t, 5*time.Minute)
	ready(p)
	p.do(pasteText(qaFable), clickID("find-questions"))
	pairs := pairsShown(p, `document.querySelectorAll("#questions .pair").length > 0`)
	if len(pairs) < 4 {
		t.Fatalf("got %d pairs; want several", len(pairs))
	}
	checkAnswers(t, qaFable, pairs)
	for _, pr := range pairs {
		if pr.Method != "rules" || !strings.HasSuffix(pr.Question, "?") && !strings.Contains(pr.Question, "___") {
			t.Errorf("pair %+v: want a question by the rules", pr)
		}
	}
	if s := evalAs[string](p, `document.getElementById("qa-model").innerText`); !strings.Contains(s, "passages with questions") {
		t.Errorf("without a question model the panel says %q; want what one needs", s)
	}

	// Clicking a pair selects its answer in the text box.
	last := pairs[len(pairs)-1]
	start, _ := strconv.Atoi(last.Start)
	end, _ := strconv.Atoi(last.End)
	p.js(`[...document.querySelectorAll("#questions .pair-context")].at(-1).click()`)
	p.waitJS(fmt.Sprintf(`document.activeElement.id === "corpus" && document.activeElement.selectionStart === %d &&
		document.activeElement.selectionEnd === %d`, u16(qaFable, start), u16(qaFable, end)))

	// Select a span and ask about it.
	from := runeAt(qaFable, "sweet grapes")
	p.js(fmt.Sprintf(`document.getElementById("corpus").setSelectionRange(%d, %d)`, u16(qaFable, from), u16(qaFable, from+12)))
	p.do(clickID("ask-question"))
	asked := pairsShown(p, fmt.Sprintf(`document.querySelectorAll("#questions .pair").length === %d`, len(pairs)+1))
	checkAnswers(t, qaFable, asked)
	found := false
	for _, pr := range asked {
		if pr.Start == strconv.Itoa(from) && pr.Answer == "sweet grapes" && strings.HasSuffix(pr.Question, "?") {
			found = true
		}
	}
	if !found {
		t.Errorf("no question about the selected sweet grapes among %+v", asked)
	}

	// Edit a question, then delete a pair.
	p.js(`(() => { const q = document.querySelector("#questions .pair .question"); q.value = "Who was the hungry one?";
		q.dispatchEvent(new Event("change", {bubbles: true})); })()`)
	p.waitJS(`document.querySelector("#questions .pair").dataset.question === "Who was the hungry one?"`)
	p.js(`document.querySelector("#questions .pair .delete-pair").click()`)
	p.waitJS(fmt.Sprintf(`document.querySelectorAll("#questions .pair").length === %d`, len(pairs)))
	p.screenshot("questions")

	// A question model, opened through the studio's model file input, adds its pairs.
	file := qatest.TinyModel(t, qaFable)
	openModelFile(p, file)
	p.waitJS(`document.getElementById("qa-model").dataset.open === "true" && document.getElementById("qa-beam")`)
	info := evalAs[string](p, `document.getElementById("qa-model-info").innerText`)
	if !strings.Contains(info, "default architecture") || !strings.Contains(info, "2 epochs") {
		t.Errorf("the model's description %q; want its architecture and epochs", info)
	}
	// Download gives back the file opened.
	p.js(captureDownloads)
	p.do(clickID("export-qa"))
	if name, got := nextDownload(p, 1); !bytes.Equal(got, file) || !strings.HasSuffix(name, ".fab") {
		t.Errorf("downloaded %s (%d bytes); want the question model's .fab (%d bytes)", name, len(got), len(file))
	}
	// The list holds the pair asked about the grapes: Find first says what it would replace and
	// leaves the list as it is; a second press replaces it.
	p.do(setField("qa-beam", "3"), clickID("find-questions"))
	p.waitJS(`!document.getElementById("qa-confirm").hidden`)
	if say := evalAs[string](p, `document.getElementById("qa-confirm").innerText`); !strings.Contains(say, "1 of them yours") {
		t.Errorf("the first Find says %q; want how many pairs are the user's", say)
	}
	if n := evalAs[int](p, `document.querySelectorAll("#questions .pair").length`); n != len(pairs) {
		t.Errorf("the first Find changed the list: %d pairs, were %d", n, len(pairs))
	}
	p.do(clickID("find-questions"))
	withModel := pairsShown(p, `document.querySelectorAll("#questions .pair[data-method=model]").length > 0`)
	checkAnswers(t, qaFable, withModel)
	if n := evalAs[int](p, `document.querySelectorAll("#questions .pair[data-method=rules]").length`); n == 0 {
		t.Error("with a question model, the rules' pairs are gone")
	}
	p.screenshot("questions-model")

	// A malformed question model file gets a message and changes nothing.
	broken := append([]byte(nil), file...)
	broken[len(broken)/2] ^= 0x40
	openModelFile(p, broken)
	errorShown(p, "the open question model is unchanged")
	if now := evalAs[string](p, `document.getElementById("qa-model-info").innerText`); now != info {
		t.Errorf("a refused file changed the model shown: %q, was %q", now, info)
	}

	// A Korean passage: the note says what the list is, and no English question is made up.
	p.do(pasteText(koreanFable), clickID("find-questions"))
	ko := pairsShown(p, `(document.getElementById("qa-note") || {}).innerText?.includes("does not look like English") &&
		document.querySelector("#questions .pair")?.dataset.answer && document.getElementById("qa-stale").hidden`)
	checkAnswers(t, koreanFable, ko)
	for _, pr := range ko {
		if !strings.Contains(pr.Question, "___") || strings.ContainsAny(pr.Question, "abcdefghijklmnopqrstuvwxyzWH") || pr.Method != "rules" {
			t.Errorf("pair %+v: want a Korean sentence with its answer blanked out", pr)
		}
	}
	if note := evalAs[string](p, `document.getElementById("qa-note").innerText`); !strings.Contains(note, "left out") {
		t.Errorf("note %q; want it to say the model was left out", note)
	}
	p.screenshot("questions-korean")
}

// openTextFile hands a text to the text box's file input as a person's choice would.
func openTextFile(p *page, text string) {
	p.js(fmt.Sprintf(`(() => { const dt = new DataTransfer(); dt.items.add(new File([%q], "story.txt", {type: "text/plain"}));
		const input = document.getElementById("file"); input.files = dt.files;
		input.dispatchEvent(new Event("change", {bubbles: true})); })()`, text))
}

func TestQuestionsOnLongTexts(t *testing.T) {
	b, err := samples.FS.ReadFile("fables.txt")
	if err != nil {
		t.Fatal(err)
	}
	fables := string(b)
	var long strings.Builder
	for long.Len() < 27000 { // about 5,000 words, within what the box holds
		long.WriteString("🦊 " + fables + "\n\n")
	}
	text := long.String()
	p := openStudio(t, 4*time.Minute)
	ready(p)
	openTextFile(p, text)
	p.waitJS(fmt.Sprintf(`document.getElementById("corpus").value.length === %d`, len(utf16.Encode([]rune(text)))))

	// The last fable of the text, selected: its questions, and a click that scrolls the box there.
	from := len([]rune(text[:strings.LastIndex(text, "🦊")]))
	to := len([]rune(text))
	p.js(fmt.Sprintf(`document.getElementById("corpus").setSelectionRange(%d, %d)`, u16(text, from), u16(text, to)))
	p.do(clickID("find-in-selection"))
	pairs := pairsShown(p, `document.querySelectorAll("#questions .pair").length > 0`)
	checkAnswers(t, text, pairs)
	for _, pr := range pairs {
		if s, _ := strconv.Atoi(pr.Start); s < from {
			t.Errorf("%q answers at %d, before the selection at %d", pr.Question, s, from)
		}
	}
	p.js(`document.getElementById("corpus").setSelectionRange(0, 0); document.getElementById("corpus").scrollTop = 0`)
	p.js(`document.querySelector("#questions .pair-context").click()`)
	start, _ := strconv.Atoi(pairs[0].Start)
	p.waitJS(fmt.Sprintf(`document.activeElement.id === "corpus" && document.activeElement.selectionStart === %d &&
		document.activeElement.scrollTop > 0`, u16(text, start)))

	// A text too large for the box, whose questions all lie beyond the beginning the box shows:
	// each answer is still a span of the whole text, and a click says why it cannot be shown.
	var huge strings.Builder
	for huge.Len() < 6000 {
		huge.WriteString(koreanFable + " ")
	}
	huge.WriteString("\n\n" + text)
	hugeText := huge.String()
	openTextFile(p, hugeText)
	p.waitJS(`document.getElementById("text-preview") && !document.getElementById("qa-stale").hidden`)
	p.do(clickID("find-questions"))
	far := pairsShown(p, `document.querySelectorAll("#questions .pair").length > 0 && document.getElementById("qa-stale").hidden`)
	checkAnswers(t, hugeText, far)
	if n := evalAs[int](p, `document.querySelectorAll("#questions .pair[data-inbox=true]").length`); n != 0 {
		t.Errorf("%d pairs say the preview shows their answers", n)
	}
	sel := `[document.getElementById("corpus").selectionStart, document.getElementById("corpus").selectionEnd].join()`
	before := evalAs[string](p, sel)
	p.js(`document.querySelector("#questions .pair-context").click()`)
	p.waitJSFor(fmt.Sprintf(`!document.getElementById("qa-away").hidden && %s === %q`, sel, before), 30*time.Second,
		`((document.getElementById("qa-away") || {}).innerText) + " | selection " + `+sel)
}
