package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fabulist/model/qa/qatest"
)

// chartTexts reads every text of the two loss charts: its size on screen in CSS pixels (the font's
// size times the SVG's scale) and whether it stays inside its chart.
const chartTexts = `(() => { const out = [];
	for (const id of ["loss-chart", "qa-loss-chart"]) {
		const svg = document.getElementById(id), r = svg.getBoundingClientRect();
		const scale = r.width / svg.viewBox.baseVal.width;
		for (const t of svg.querySelectorAll("text")) {
			const b = t.getBoundingClientRect();
			out.push({Chart: id, Text: t.textContent, Px: parseFloat(getComputedStyle(t).fontSize) * scale,
				Inside: b.left >= r.left - 1 && b.right <= r.right + 1});
		}
	}
	return out; })()`

// qaFieldTops are the tops of panel 6's three settings' labels and inputs, in CSS pixels.
const qaFieldTops = `["qa-epochs", "qa-examples", "qa-size"].map((id) => { const i = document.getElementById(id);
	return {Label: Math.round(i.closest("label").getBoundingClientRect().top), Input: Math.round(i.getBoundingClientRect().top)}; })`

// TestQAPanelReadsAtBothWidths: panel 6's three settings line up (a trial saw "Examples an epoch
// (0: all)" wrap and put its input 20 px below the others), and the two loss charts' text is
// 10 px or more on screen, inside the chart, before training and with losses, at 1280 and 400 px
// (a trial at 400 px read the placeholder about 6 px high). Screenshots (FABULIST_SCREENSHOTS)
// show both widths.
func TestQAPanelReadsAtBothWidths(t *testing.T) {
	p := openStudio(t, 6*time.Minute)
	type text struct {
		Chart, Text string
		Px          float64
		Inside      bool
	}
	type tops struct{ Label, Input int }
	check := func(width int64, when string) {
		t.Helper()
		for _, c := range evalAs[[]text](p, chartTexts) {
			if c.Px < 10 || !c.Inside {
				t.Errorf("at %d px %s, %s's text %q is %.1f px on screen, inside the chart %v; want 10 px or more, inside",
					width, when, c.Chart, c.Text, c.Px, c.Inside)
			}
		}
		fs := evalAs[[]tops](p, qaFieldTops)
		for i := range fs[1:] { // a row's labels start level, so its inputs must too
			if fs[i].Label == fs[i+1].Label && fs[i].Input != fs[i+1].Input {
				t.Errorf("at %d px %s the settings in one row do not line up: %+v", width, when, fs)
				break
			}
		}
		if width >= 1000 && (fs[0].Input != fs[1].Input || fs[1].Input != fs[2].Input) {
			t.Errorf("at %d px %s the three settings are not in one line: %+v", width, when, fs)
		}
	}
	for _, width := range []int64{1280, 400} {
		p.do(chromedp.EmulateViewport(width, 1600))
		ready(p)
		// The charts fit their viewBox to their width once the page has resized.
		fitted := `document.getElementById("qa-loss-chart").viewBox.baseVal.width <= document.getElementById("qa-loss-chart").getBoundingClientRect().width + 20`
		if width >= 1000 {
			fitted = `document.getElementById("qa-loss-chart").viewBox.baseVal.width === 600`
		}
		p.waitJSFor(fitted, 30*time.Second, pageState)
		check(width, "before training")
		viewShot(p, ".panel.qa-train", fmt.Sprintf("qa-panel-%d", width))
		panelShot(p, ".panel.train", fmt.Sprintf("train-panel-%d", width))
	}

	// With losses, at 400 px: the text generator's chart, then the question model's.
	tinyRun(p, strings.Repeat(shortStory, 4), 1)
	p.do(clickID("train"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	chooseDataset(p, map[string][]byte{"ftq.zip": qatest.FairytaleQAZip(t, 6)})
	p.do(setField("qa-epochs", "1"), setField("qa-examples", "0"), clickID("qa-train"))
	waitQA(p, `document.getElementById("qa-progress").dataset.phase === "done"`)
	check(400, "after training")
	viewShot(p, ".panel.qa-train", "qa-panel-trained-400")
	panelShot(p, ".panel.train", "train-panel-trained-400")
	p.do(chromedp.EmulateViewport(1280, 1600))
	p.waitJS(`document.getElementById("qa-loss-chart").viewBox.baseVal.width === 600`)
	check(1280, "after training")
	viewShot(p, ".panel.qa-train", "qa-panel-trained-1280")
}

// viewShot saves a screenshot of the viewport scrolled to the top of the element sel selects
// (panelShot's capture of a panel taller than the viewport came out scrolled past its top).
func viewShot(p *page, sel, name string) {
	dir := os.Getenv("FABULIST_SCREENSHOTS")
	if dir == "" {
		return
	}
	p.js(fmt.Sprintf(`document.querySelector(%q).scrollIntoView()`, sel))
	if buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot()); err == nil {
		os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
	}
}
