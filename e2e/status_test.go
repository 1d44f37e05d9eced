package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestTheStatusKeepsTheChartStillWhileTraining: while a run trains or is paused, the status line's
// changes (the speed measured, the time left coming and going, "validating", "Paused") never move the loss chart
// below it, at the page's usual width and at a phone's (a trial saw the line wrap at "about 1 min
// left" and the chart jump by a line). Each change of the status is observed as it is made, in the
// page, and the chart's place in its panel read then (the panels above may change height when a
// run starts, which moves the panel, not the chart in it); screenshots (FABULIST_SCREENSHOTS) show both widths.
func TestTheStatusKeepsTheChartStillWhileTraining(t *testing.T) {
	p := openStudio(t, 6*time.Minute)
	for _, width := range []int64{1280, 400} {
		p.do(chromedp.EmulateViewport(width, 1600))
		ready(p)
		tinyRun(p, strings.Repeat(shortStory, 40), 3) // epochs of several seconds: many updates in each
		// Read in the frame that paints each change: go-app may apply one update over several tasks.
		p.js(`window.statusSeen = [];
			let frame = 0;
			new MutationObserver(() => {
				if (frame || window.statusAside) return;
				frame = requestAnimationFrame(() => {
					frame = 0;
					const phase = document.getElementById("progress").dataset.phase;
					if (phase !== "training" && phase !== "paused") return;
					const s = document.getElementById("status"), c = document.getElementById("loss-chart");
					const top = (e) => e.getBoundingClientRect().top - document.querySelector(".panel.train").getBoundingClientRect().top;
					statusSeen.push({text: s.innerText, height: s.getBoundingClientRect().height, chart: top(c),
						parts: [...document.querySelector(".panel.train").children].map(e => e.id + "@" + Math.round(top(e))).join(" ")});
				});
			}).observe(document.getElementById("status"), {subtree: true, childList: true, characterData: true, attributes: true})`)
		p.do(clickID("train"))
		p.waitJSFor(`document.getElementById("status").innerText.includes(" left")`, time.Minute, `document.getElementById("status").innerText`)
		p.screenshot(fmt.Sprintf("status-training-%d", width))
		panelShot(p, ".panel.train", fmt.Sprintf("status-training-panel-%d", width))
		// Through an epoch's end (validating, then the time left again), then stopped.
		p.waitJSFor(`+document.getElementById("samples").dataset.count >= 1 && document.getElementById("status").innerText.includes(" left")`,
			2*time.Minute, `document.getElementById("status").innerText`)
		// Paused and resumed: the paused line is as long as the running one, and wrapped at 400 px.
		p.do(clickID("pause"))
		p.waitJS(`document.getElementById("progress").dataset.phase === "paused"`)
		p.waitJSFor(`document.getElementById("status").innerText.startsWith("Paused")`, 10*time.Second, `document.getElementById("status").innerText`)
		if width == 400 {
			readCutRows(p) // out of statusSeen: a tap is the reader's, and moves the chart on purpose
		}
		p.do(clickID("resume"))
		p.waitJS(`document.getElementById("progress").dataset.phase === "training"`)
		p.do(clickID("stop"))
		p.waitJS(`document.getElementById("progress").dataset.phase === "stopped"`)

		type seen struct {
			Text, Parts   string
			Height, Chart float64
		}
		all := evalAs[[]seen](p, `statusSeen`)
		var left, without bool
		for _, s := range all {
			if strings.Contains(s.Text, " left") {
				left = true
			} else {
				without = true
			}
		}
		if !left || !without {
			t.Fatalf("at %d px the status never showed both a line with the time left and one without: %+v", width, all)
		}
		for _, s := range all[1:] {
			if s.Chart != all[0].Chart || s.Height != all[0].Height {
				t.Errorf("at %d px the chart moved: at %q it was at %.0f px (status %.0f px high; %s); at %q at %.0f px (status %.0f px high; %s)",
					width, all[0].Text, all[0].Chart, all[0].Height, all[0].Parts, s.Text, s.Chart, s.Height, s.Parts)
				break
			}
		}
		fmt.Printf("e2e: at %d px, %d status changes while training, the chart %.0f px down its panel throughout\n", width, len(all), all[0].Chart)
	}
}

// readCutRows: a status row cut short at a phone's width shows whole while the line has the focus,
// which a tap gives it, and is cut again once the focus leaves (a trial at 400 px could not read
// "Paused. Epoch 2/12 · batch 19/59 · loss 3.…", whose whole text only a hover could show).
func readCutRows(p *page) {
	p.t.Helper()
	rows := `[...document.querySelectorAll("#status .status-row")].map(r => r.scrollWidth > r.clientWidth)`
	if cut := evalAs[[]bool](p, rows); !slices.Contains(cut, true) {
		p.t.Logf("no status row is cut at this width: %v", cut)
		return
	}
	p.js(`window.statusAside = true`)
	p.do(chromedp.Click(chromedp.ID("status")))
	if cut := evalAs[[]bool](p, rows); slices.Contains(cut, true) || !evalAs[bool](p, `document.activeElement.id === "status"`) {
		p.t.Errorf("tapped, the status rows are still cut (%v), or the status has no focus", cut)
	}
	p.screenshot("status-tapped-400")
	p.js(`document.activeElement.blur()`)
	if cut := evalAs[[]bool](p, rows); !slices.Contains(cut, true) {
		p.t.Errorf("once the focus left, no status row is cut again: %v", cut)
	}
	p.js(`window.statusAside = false`)
}

// panelShot saves a screenshot of the element sel selects, as p.screenshot saves the page's.
func panelShot(p *page, sel, name string) {
	dir := os.Getenv("FABULIST_SCREENSHOTS")
	if dir == "" {
		return
	}
	if buf, err := chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS(sel))); err == nil {
		os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
	}
}
