package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestTheMeterMarksWhatWasCopied trains a word model on a tiny text, then generates after a
// prompt that is a passage of that text: the meter marks the passage as copied, says where in
// the text it came from, and the output reads as prose, or as the model's tokens one click away.
func TestTheMeterMarksWhatWasCopied(t *testing.T) {
	p := openStudio(t, 4*time.Minute)
	ready(p)
	trainTinyWordModel(p)

	// The epoch's samples are metered too.
	p.waitJS(`document.querySelectorAll("#samples figure.sample[data-percent]").length === 4`)

	// 15 tokens of the text: the owl led the boy home in the dark . the tortoise won the race
	const passage = "The owl led the boy home in the dark. The tortoise won the race"
	p.do(setField("prompt", passage), setField("gen-n", "12"), setField("gen-seed", "5"))
	p.js(`document.getElementById("prompt").dispatchEvent(new Event("input", {bubbles: true}))`)
	p.do(clickID("generate"))
	p.waitJS(`document.getElementById("output").value.length > 60 && document.getElementById("copied") &&
		document.getElementById("copied").dataset.measured === "true"`)

	longest := evalAs[string](p, `document.getElementById("copied").dataset.longest`)
	percent := evalAs[string](p, `document.getElementById("copied").dataset.percent`)
	mark := evalAs[[]string](p, `(() => { const m = document.querySelector("#output-view mark.copied-span");
		return m ? [m.dataset.start, m.dataset.end, m.innerText] : []; })()`)
	if len(mark) != 3 || mark[0] != "0" || !strings.HasPrefix(mark[2], passage) {
		t.Errorf("the first copied mark: got %q; want one from token 0 that starts with %q", mark, passage)
	}
	if n := atoi(longest); n < 15 {
		t.Errorf("data-longest = %q; want at least the passage's 15 tokens", longest)
	}
	if percent == "" || percent == "0.0" {
		t.Errorf("data-percent = %q; want the passage's share", percent)
	}
	if src := evalAs[string](p, `document.querySelector("#copied .copied-source mark").innerText`); !strings.Contains(strings.ToLower(src), "the owl led the boy home") {
		t.Errorf("where the longest run came from: got %q; want the owl's passage of the text", src)
	}
	prose := evalAs[string](p, `document.getElementById("output-view").innerText`)
	p.screenshot("meter")
	if dir := os.Getenv("FABULIST_SCREENSHOTS"); dir != "" {
		if png, err := chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS(".panel.write"))); err == nil {
			os.WriteFile(filepath.Join(dir, "meter-panel.png"), png, 0o644)
		}
	}

	// Raw tokens, one click away; and back.
	p.do(clickID("prose-toggle"))
	p.waitJS(`document.getElementById("output-view").dataset.mode === "raw"`)
	if raw := evalAs[string](p, `document.getElementById("output-view").innerText`); !strings.HasPrefix(raw, "the owl led the boy home in the dark . the tortoise") {
		t.Errorf("the raw tokens: got %q; want the model's tokens", raw)
	}
	p.do(clickID("prose-toggle"))
	p.waitJS(`document.getElementById("output-view").dataset.mode === "readable"`)
	if again := evalAs[string](p, `document.getElementById("output-view").innerText`); again != prose {
		t.Errorf("prose again: got %q; want %q", again, prose)
	}

	// A least run longer than the text marks nothing.
	p.do(setField("copied-min", "500"))
	p.waitJS(`document.getElementById("copied").dataset.min === "500"`)
	if pc, n := evalAs[string](p, `document.getElementById("copied").dataset.percent`),
		evalAs[int](p, `document.querySelectorAll("#output-view mark").length`); pc != "0.0" || n != 0 {
		t.Errorf("with runs of 500 tokens: %s %% copied and %d marks; want 0.0 and none", pc, n)
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return -1
		}
		n = n*10 + int(r-'0')
	}
	return n
}
