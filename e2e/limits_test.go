package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fabulist/internal/need"
	"fabulist/model/lm"
	"fabulist/studio/share"
)

// watchThread starts measuring the longest gap of a 10 ms timer on the page's thread, and
// records every text the text statistics show; stopThread returns the gap in ms.
const watchThread = `window.__gaps = {max: 0, last: performance.now()};
	window.__timer = setInterval(() => { const now = performance.now();
		window.__gaps.max = Math.max(window.__gaps.max, now - window.__gaps.last); window.__gaps.last = now; }, 10);
	window.__stats = [];
	window.__statsObserver = new MutationObserver(() => window.__stats.push(document.getElementById("text-stats").innerText));
	window.__statsObserver.observe(document.querySelector(".panel.text"), {subtree: true, childList: true, characterData: true});`

const stopThread = `(clearInterval(window.__timer), window.__statsObserver.disconnect(), window.__gaps.max)`

// dropText drops window[name] on the text box as a file.
func dropText(name string) string {
	return fmt.Sprintf(`(() => { const dt = new DataTransfer();
		dt.items.add(new File([window[%q]], "text.txt", {type: "text/plain"}));
		document.getElementById("corpus").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true})); })()`, name)
}

// pasteWindowText pastes window[name] into the text box as the clipboard would hand it over.
func pasteWindowText(name string) string {
	return fmt.Sprintf(`(() => { const dt = new DataTransfer(); dt.setData("text/plain", window[%q]);
		document.getElementById("corpus").dispatchEvent(new ClipboardEvent("paste",
			{clipboardData: dt, bubbles: true, cancelable: true})); })()`, name)
}

// statsShow waits until the text statistics count n characters.
func statsShow(p *page, n int) {
	p.t.Helper()
	p.waitJSFor(fmt.Sprintf(`document.getElementById("text-stats").innerText.includes("%d characters")`, n), time.Minute,
		`document.getElementById("text-stats").innerText`)
}

// TestALargeTextIsKeptWholeAndThePageNeverFreezes: a text past what the box lays out without a
// freeze (4.5 MB of Korean) comes in by a file: the box shows its beginning, read-only, the page's
// thread never stops for long, and the analysis, the share link and the draft all use the whole
// text. A paste larger than the box is taken the same way; Clear empties the box again.
func TestALargeTextIsKeptWholeAndThePageNeverFreezes(t *testing.T) {
	p := openStudio(t, 6*time.Minute)
	ready(p)
	p.js(`window.__textOf = ` + textOf + `; window.__big = window.__textOf("korean", 4500 << 10);
		window.__bigRunes = [...window.__big].length;`)
	runes := evalAs[int](p, `window.__bigRunes`)

	p.js(watchThread)
	p.js(dropText("__big"))
	statsShow(p, runes)
	p.waitJSFor(`document.getElementById("text-stats").innerText.includes("training windows")`, 3*time.Minute,
		`document.getElementById("text-stats").innerText`)
	gap := evalAs[float64](p, stopThread)
	fmt.Printf("e2e: 4.5 MB Korean file: longest main-thread gap %.0f ms\n", gap)
	if gap > 2000 {
		t.Errorf("the page's thread froze for %.0f ms taking a 4.5 MB file", gap)
	}
	if !evalAs[bool](p, `window.__stats.some((s) => s.includes("analysing"))`) {
		t.Error("the page never said it was analysing")
	}
	shown := evalAs[[]any](p, `[document.getElementById("corpus").value.length, document.getElementById("corpus").readOnly,
		!!document.getElementById("text-preview")]`)
	if shown[0].(float64) > 5000 || shown[1] != true || shown[2] != true {
		t.Errorf("the box holds %v UTF-16 units, read-only %v, preview note %v; want a short read-only preview", shown...)
	}

	// The share link carries the whole text (repeated words compress far below the link limit).
	p.do(clickID("share"))
	p.waitJSFor(`document.getElementById("share-link").value.includes("#s=1.")`, 20*time.Second,
		`document.getElementById("share-msg").innerText`)
	link := evalAs[string](p, `document.getElementById("share-link").value`)
	if got, err := share.Decode(link[strings.Index(link, "#"):]); err != nil || len([]rune(got.Text)) != runes {
		t.Errorf("share link: %v, %d runes; want %d", err, len([]rune(got.Text)), runes)
	}

	// The draft keeps it: a reload brings the whole text back, as a preview.
	p.do(chromedp.Reload())
	p.waitJS(`document.getElementById("train") && !document.getElementById("train").disabled`)
	statsShow(p, runes)
	p.waitJSFor(`!!document.getElementById("text-preview")`, 10*time.Second, `document.getElementById("text-stats").innerText`)

	// A paste into the preview says why it does nothing, and the text stays (a trial's paste
	// there did nothing, without a word).
	p.js(`window.__short = "A short fable of a fox."; ` + pasteWindowText("__short"))
	errorShown(p, "cannot be edited")
	statsShow(p, runes)

	// Clear empties the box and makes it editable again.
	p.do(clickID("clear-text"))
	p.waitJSFor(`document.getElementById("corpus").value === "" && !document.getElementById("corpus").readOnly &&
		!document.getElementById("text-preview")`, 10*time.Second, `document.getElementById("text-stats").innerText`)

	// A megabyte of Korean pasted: taken whole, as a preview, without a freeze.
	p.js(`window.__paste = (` + textOf + `)("korean", 1 << 20); window.__pasteRunes = [...window.__paste].length;`)
	pasteRunes := evalAs[int](p, `window.__pasteRunes`)
	p.js(watchThread)
	p.js(pasteWindowText("__paste"))
	statsShow(p, pasteRunes)
	gap = evalAs[float64](p, stopThread)
	fmt.Printf("e2e: 1 MB Korean paste: longest main-thread gap %.0f ms\n", gap)
	if gap > 2000 {
		t.Errorf("the page's thread froze for %.0f ms taking a 1 MB paste", gap)
	}
	p.waitJSFor(`!!document.getElementById("text-preview")`, 10*time.Second, `document.getElementById("text-stats").innerText`)
}

// TestTextLimitsCountBytes: the 5 MB limit counts UTF-8 bytes, as its message says, however the
// text comes. 1.9 million Korean syllables are 5.7 MB but only 1.9 million UTF-16 units.
func TestTextLimitsCountBytes(t *testing.T) {
	p := openStudio(t, 3*time.Minute)
	ready(p)
	p.do(pasteText(shortStory))
	p.js(`window.__ko = "가".repeat(1900000)`)
	p.js(pasteWindowText("__ko"))
	p.waitJSFor(`!document.getElementById("error").hidden`, 20*time.Second, `"no message; stats: " + document.getElementById("text-stats").innerText`)
	if msg := errorShown(p, "up to 5 MB"); !strings.Contains(msg, "5.4 MB") {
		t.Errorf("paste of 5.4 MB of Korean: %q", msg)
	}
	p.js(`(() => { const dt = new DataTransfer(); dt.items.add(new File([window.__ko], "ko.txt"));
		document.getElementById("corpus").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true})); })()`)
	if msg := errorShown(p, "up to 5 MB"); !strings.Contains(msg, "5.4 MB") {
		t.Errorf("file of 5.4 MB of Korean: %q", msg)
	}
	if v := corpusValue(p); v != shortStory {
		t.Errorf("a refused text changed the box: %.40q", v)
	}

	// A paste that fits the box goes into it, at the caret, whatever its size.
	p.js(`(() => { const e = document.getElementById("corpus"); e.focus(); e.setSelectionRange(4, 4);
		window.__mid = "토끼와 거북이. ".repeat(1000); })()`)
	p.js(pasteWindowText("__mid"))
	want := shortStory[:4] + strings.Repeat("토끼와 거북이. ", 1000) + shortStory[4:]
	p.waitJSFor(fmt.Sprintf(`document.getElementById("corpus").value === %q`, want), 10*time.Second,
		`document.getElementById("corpus").value.slice(0, 40)`)
	statsShow(p, len([]rune(want)))
}

// TestAesopTakesNoFreeze drops the book's Aesop (240 KB) after another text: the page's thread
// keeps going, and the statistics say "analysing…" instead of the last text's figures meanwhile.
func TestAesopTakesNoFreeze(t *testing.T) {
	aesop := need.Data(t, "aesop.txt")
	p := openStudio(t, 3*time.Minute)
	ready(p)
	p.do(pasteText(strings.Repeat(shortStory, 4)))
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	p.js(fmt.Sprintf(`window.__aesop = %q`, string(aesop)))
	p.js(watchThread)
	p.js(dropText("__aesop"))
	statsShow(p, len([]rune(lm.Normalize(string(aesop))))) // line breaks as "\n", no byte order mark
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	gap := evalAs[float64](p, stopThread)
	fmt.Printf("e2e: Aesop (240 KB) dropped: longest main-thread gap %.0f ms\n", gap)
	if gap > 2000 {
		t.Errorf("the page's thread froze for %.0f ms taking Aesop", gap)
	}
	if !evalAs[bool](p, `window.__stats.some((s) => s.includes("analysing"))`) {
		t.Errorf("the page never said it was analysing; it showed %v", evalAs[[]string](p, `window.__stats.slice(0, 5)`))
	}
}
