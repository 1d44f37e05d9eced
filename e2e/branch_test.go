package e2e

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBranchingInHumanLedWriting trains a tiny word model, generates, clicks a token, picks
// another of its alternatives and sees the rest written again; switches back to the first branch,
// undoes across the branches and redoes. The meter and the raw view follow the branch on show. A
// reload brings the branches, the branch on show and the history back: the branches switch, and
// Undo goes back past the pick made before it.
func TestBranchingInHumanLedWriting(t *testing.T) {
	p := openStudio(t, 5*time.Minute)
	ready(p)
	trainTinyWordModel(p)

	p.do(setField("prompt", "the fox"), setField("gen-n", "12"), setField("gen-seed", "5"))
	p.js(`document.getElementById("prompt").dispatchEvent(new Event("input", {bubbles: true}))`)
	p.do(clickID("generate"))
	p.waitJS(`document.querySelectorAll("#branch-tokens .branch-token").length >= 3 &&
		document.getElementById("branch-tokens").innerText.replace(/\s+/g, " ").trim() === document.getElementById("output").value.replace(/\s+/g, " ").trim()`)

	// Every token the model wrote has its probability, a shade, its index and its exact text.
	toks := evalAs[[][]string](p, `[...document.querySelectorAll("#branch-tokens .branch-token")].map((e) =>
		[e.dataset.index, e.dataset.prob, e.dataset.token, e.className])`)
	for i, tk := range toks {
		prob, err := strconv.ParseFloat(tk[1], 64)
		if tk[0] != strconv.Itoa(i) || err != nil || prob <= 0 || prob > 1 || tk[2] == "" || !strings.Contains(tk[3], "branch-p") {
			t.Errorf("token %d: got index %q, probability %q, token %q, class %q; want %d, in (0, 1], the token, a shade", i, tk[0], tk[1], tk[2], tk[3], i)
		}
	}
	if n := evalAs[int](p, `document.querySelectorAll("#branch-legend .branch-swatch").length`); n != 6 {
		t.Errorf("the legend has %d swatches; want 5 bands and one for the user's own words", n)
	}

	// Click a token: its ten alternatives, its own probability among them.
	at := len(toks) - 3
	before := evalAs[string](p, `document.getElementById("output").value`)
	p.js(fmt.Sprintf(`document.querySelector('#branch-tokens .branch-token[data-index="%d"]').click()`, at))
	p.waitJS(fmt.Sprintf(`document.getElementById("branch-alternatives") && document.getElementById("branch-alternatives").dataset.index === "%d" &&
		document.querySelectorAll("#branch-alternatives button.branch-alt").length === 10`, at))
	alts := evalAs[[][]string](p, `[...document.querySelectorAll("#branch-alternatives button.branch-alt")].map((b) => [b.dataset.token, b.dataset.p])`)
	for _, a := range alts {
		if a[0] == toks[at][2] {
			want, _ := strconv.ParseFloat(a[1], 64)
			if got, _ := strconv.ParseFloat(toks[at][1], 64); math.Abs(got-want) > 2e-4 {
				t.Errorf("token %d (%q): probability %v as written, %v among its alternatives; want the same", at, a[0], got, want)
			}
		}
	}

	// Pick another: the text up to the token stays, the token is the one picked and the rest is
	// written again; the first text is a branch, "2 of 2" at that point.
	pick := evalAs[string](p, `(() => { const b = [...document.querySelectorAll("#branch-alternatives button.branch-alt")].find((b) =>
		!b.classList.contains("branch-current") && b.dataset.token !== "|"); const tok = b.dataset.token; b.click(); return tok; })()`)
	p.waitJS(fmt.Sprintf(`document.getElementById("output").value !== %q && document.getElementById("branch-view").dataset.pending === "false" &&
		document.getElementById("branch-switch") && document.getElementById("branch-switch").dataset.of === "2"`, before))
	after := evalAs[string](p, `document.getElementById("output").value`)
	if got := evalAs[string](p, fmt.Sprintf(`document.querySelector('#branch-tokens .branch-token[data-index="%d"]').dataset.token`, at)); got != pick {
		t.Errorf("token %d after picking %q: got %q", at, pick, got)
	}
	prefix := evalAs[string](p, fmt.Sprintf(`[...document.querySelectorAll("#branch-tokens .branch-token")].slice(0, %d).map((e) => e.dataset.token).join(" ")`, at))
	if want := "the fox " + prefix; !strings.HasPrefix(before, want) || !strings.HasPrefix(after, want+" "+pick) {
		t.Errorf("picking %q at token %d turned %q into %q; want both to start %q, the new one with the pick", pick, at, before, after, want)
	}
	if at := evalAs[string](p, `document.getElementById("branch-switch").dataset.at`); at != "2" {
		t.Errorf("the switcher after a pick: at %s; want 2 (of 2)", at)
	}

	// The meter and the raw view are of the branch on show.
	rawIs := func(text string) string {
		return fmt.Sprintf(`document.getElementById("output-view") && document.getElementById("output-view").dataset.mode === "raw" &&
			document.getElementById("output-view").innerText === %q && document.getElementById("copied") !== null`, text)
	}
	p.do(clickID("prose-toggle"))
	p.waitJS(rawIs(after))

	// Back to the first branch, as it was.
	p.do(clickID("branch-prev"))
	p.waitJS(fmt.Sprintf(`document.getElementById("output").value === %q && document.getElementById("branch-switch").dataset.at === "1"`, before))
	p.waitJS(rawIs(before))

	// Undo the switch, then the pick (its branch goes with it); redo the pick.
	p.do(clickID("undo"))
	p.waitJS(fmt.Sprintf(`document.getElementById("output").value === %q`, after))
	p.do(clickID("undo"))
	p.waitJS(fmt.Sprintf(`document.getElementById("output").value === %q && !document.getElementById("branch-switch")`, before))
	p.waitJS(rawIs(before))
	p.do(clickID("branch-redo"))
	p.waitJS(fmt.Sprintf(`document.getElementById("output").value === %q && document.getElementById("branch-switch").dataset.of === "2"`, after))

	// A reload keeps it all: the branch on show, the branches at the token, and the history.
	p.do(chromedp.Reload())
	p.waitJSFor(fmt.Sprintf(`document.getElementById("output").value === %q && document.querySelectorAll("#branch-tokens .branch-token").length > %d`, after, at),
		60*time.Second, `"output=" + document.getElementById("output").value + " tokens=" + document.querySelectorAll("#branch-tokens .branch-token").length`)
	p.js(fmt.Sprintf(`document.querySelector('#branch-tokens .branch-token[data-index="%d"]').click()`, at))
	p.waitJS(`document.getElementById("branch-switch") && document.getElementById("branch-switch").dataset.of === "2" &&
		document.getElementById("branch-switch").dataset.at === "2"`)
	p.do(clickID("branch-prev"))
	p.waitJS(fmt.Sprintf(`document.getElementById("output").value === %q && document.getElementById("branch-switch").dataset.at === "1"`, before))
	// Undo the switch, then the pick made before the reload.
	p.do(clickID("undo"))
	p.waitJS(fmt.Sprintf(`document.getElementById("output").value === %q`, after))
	p.do(clickID("undo"))
	p.waitJS(fmt.Sprintf(`document.getElementById("output").value === %q && !document.getElementById("branch-switch")`, before))

	p.screenshot("branch")
	if dir := os.Getenv("FABULIST_SCREENSHOTS"); dir != "" {
		if png, err := chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS(".panel.write"))); err == nil {
			os.WriteFile(filepath.Join(dir, "branch-panel.png"), png, 0o644)
		}
	}
}
