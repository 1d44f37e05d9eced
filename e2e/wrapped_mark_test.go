package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestAWrappedAnswerIsHighlightedLineByLine: in the list of questions, an answer long enough to
// wrap keeps its highlight whole on each line, at a phone's width and at the page's usual one:
// each line's piece of the mark gets its own padding and rounded ends (box-decoration-break:
// clone), where a mark that breaks as an inline box (slice) ends its first line flush and square
// and starts the next with no padding, which reads as a broken highlight. Screenshots of the pair
// (FABULIST_SCREENSHOTS) show both widths.
func TestAWrappedAnswerIsHighlightedLineByLine(t *testing.T) {
	const answer = "He jumped for them all day, but he could not reach them"
	p := openStudio(t, 4*time.Minute)
	for _, width := range []int64{400, 1280} {
		p.do(chromedp.EmulateViewport(width, 1600))
		ready(p)
		from := runeAt(qaFable, answer)
		p.do(pasteText(qaFable))
		p.js(fmt.Sprintf(`document.getElementById("corpus").setSelectionRange(%d, %d)`,
			u16(qaFable, from), u16(qaFable, from+len([]rune(answer)))))
		p.do(clickID("ask-question"))
		sel := fmt.Sprintf(`#questions .pair[data-start="%d"] .pair-context`, from)
		pairsShown(p, fmt.Sprintf(`document.querySelector(%q)`, sel))
		got := evalAs[map[string]string](p, fmt.Sprintf(`(() => {
			const m = document.querySelector(%q + " mark.answer"), s = getComputedStyle(m);
			return {text: m.innerText, lines: String(m.getClientRects().length),
				decoration: s.boxDecorationBreak || s.webkitBoxDecorationBreak, padding: s.paddingLeft + " " + s.paddingRight,
				radius: s.borderTopLeftRadius};
		})()`, sel))
		if got["text"] != answer {
			t.Fatalf("%d px: the asked pair's mark reads %q; want %q", width, got["text"], answer)
		}
		if width == 400 && got["lines"] == "1" {
			t.Errorf("%d px: the answer fits one line: the test shows nothing (%v)", width, got)
		}
		if got["decoration"] != "clone" || got["padding"] != "2px 2px" || got["radius"] != "3px" {
			t.Errorf("%d px: the mark over %s lines breaks as %q with padding %s and radius %s; want each line's piece padded "+
				"(2px 2px) with rounded ends (3px): clone", width, got["lines"], got["decoration"], got["padding"], got["radius"])
		}
		if dir := os.Getenv("FABULIST_SCREENSHOTS"); dir != "" {
			shootElement(p, strings.TrimSuffix(sel, " .pair-context"), filepath.Join(dir, fmt.Sprintf("wrapped-answer-%d.png", width)))
		}
	}
}

// shootElement writes a PNG of the element sel as the page shows it: the viewport's screenshot,
// with the element scrolled into its middle, cut to the element's box (chromedp's element
// screenshot missed it under an emulated viewport, and the list scrolls in its panel).
func shootElement(p *page, sel, path string) {
	p.t.Helper()
	r := evalAs[map[string]float64](p, fmt.Sprintf(`(() => { const e = document.querySelector(%q);
		e.scrollIntoView({block: "center"}); const b = e.getBoundingClientRect();
		return {x: b.left, y: b.top, w: b.width, h: b.height, dpr: devicePixelRatio}; })()`, sel))
	buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Log(err)
		return
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		p.t.Log(err)
		return
	}
	k := r["dpr"]
	box := image.Rect(int(r["x"]*k), int(r["y"]*k), int((r["x"]+r["w"])*k)+1, int((r["y"]+r["h"])*k)+1)
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok {
		return
	}
	var out bytes.Buffer
	if err := png.Encode(&out, sub.SubImage(box)); err == nil {
		os.WriteFile(path, out.Bytes(), 0o644)
	}
}
