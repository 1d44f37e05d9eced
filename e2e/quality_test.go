package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// qualityBudget is the training time the character level gets: issue #16's ten minutes.
const qualityBudget = 10 * time.Minute

// TestQualityBrowser is `make quality-browser`, the time-to-quality figures in the browser, on all
// workers. word: the studio's defaults (the book's model, every-position loss) on Aesop, from
// Train to the end of the run, whose validation (every held-out window, the latest weights) and
// best check (lm.CheckWindows of them, the weights the studio writes with) it prints with the time
// it took. char: the Quick preset on tinyshakespeare, to its end or for qualityBudget at most,
// then Stop, and the best validation check by then (one at the end of each of its five capped
// epochs, over lm.CheckWindows held-out windows). Like TestBenchBrowser it is a measurement: it runs with
// FABULIST_BENCH_BROWSER=1 and asserts nothing about the figures.
func TestQualityBrowser(t *testing.T) {
	if os.Getenv("FABULIST_BENCH_BROWSER") == "" {
		t.Skip("a benchmark: run it with make quality-browser")
	}
	read := func(t *testing.T, name string) []byte {
		b, err := os.ReadFile(filepath.Join(repoRoot(), "..", "shared", "data", name))
		if err != nil {
			t.Skipf("NOTICE: ../shared/data/%s not found (%v): no quality figure", name, err)
		}
		return b
	}
	t.Run("word", func(t *testing.T) {
		aesop := read(t, "aesop.txt")
		p := openStudio(t, 40*time.Minute)
		ready(p)
		p.do(setField("preset", "book"), pasteText(string(aesop)))
		p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
		began := time.Now()
		p.do(clickID("train"))
		p.waitJSFor(`document.getElementById("progress").dataset.phase === "done"`, 30*time.Minute, `document.getElementById("status").innerText`)
		took := time.Since(began)
		fmt.Printf("\nquality: studio defaults (%s) on Aesop: validation loss %s (every held-out window), best check %s, after %.1f minutes in the browser\n\n",
			evalAs[string](p, `document.getElementById("status").innerText`),
			evalAs[string](p, `document.getElementById("loss-chart").dataset.val`),
			evalAs[string](p, `document.getElementById("best-mark").dataset.loss || "none"`), took.Minutes())
	})
	t.Run("char", func(t *testing.T) {
		shakespeare := read(t, "tinyshakespeare.txt")
		p := openStudio(t, qualityBudget+20*time.Minute)
		ready(p)
		p.do(setField("preset", "quick"))
		openTextFile(p, string(shakespeare))
		p.waitJSFor(`document.getElementById("text-stats").innerText.includes("training windows")`, 2*time.Minute,
			`document.getElementById("text-stats").innerText`)
		p.do(clickID("train"))
		p.waitJSFor(`document.getElementById("progress").dataset.phase === "training"`, 2*time.Minute, `document.getElementById("status").innerText`)
		began := time.Now()
		// The preset's run (five epochs of lm.QuickStepsPerEpoch batches, its schedule over them)
		// ends by itself; one that has not ended within the budget is stopped there, and its
		// figure is what it reached by then.
		ended := chromedp.Do(p.ctx, chromedp.Poll[chromedp.Void](`document.getElementById("progress").dataset.phase === "done"`,
			chromedp.WithPollingInterval(time.Second), chromedp.WithPollingTimeout(qualityBudget))) == nil
		took := time.Since(began)
		how := "ended by itself"
		if !ended {
			how = "stopped at the budget"
			p.do(clickID("stop"))
			p.waitJSFor(`document.getElementById("progress").dataset.phase === "stopped"`, 5*time.Minute, `document.getElementById("status").innerText`)
		}
		fmt.Printf("\nquality: Quick preset (%s) on tinyshakespeare: best validation check %s nats/char (after batch %s of the run), %s after %.1f minutes in the browser\n\n",
			evalAs[string](p, `document.getElementById("status").innerText`),
			evalAs[string](p, `document.getElementById("best-mark").dataset.loss || "none"`),
			evalAs[string](p, `document.getElementById("best-mark").dataset.batch || "none"`), how, took.Minutes())
	})
}
