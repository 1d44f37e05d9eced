package e2e

import (
	"fmt"
	"testing"
	"time"

	"fabulist/internal/need"
)

// benchRestart (FABULIST_BENCH_ONLY=restart) is what a run on two workers waits for its helper:
// the book's model on Aesop is trained, stopped and trained again, then paused and resumed, and
// each time it prints the ms from the click to the engine's answer that the run trains (the page's
// data-phase). The engine answers once the helper holds its replica, so the figure includes a
// fresh helper's start where the run needs one (a new Web Worker, the module instantiated, Go
// started): every time since helpers end when no run trains with them, only the first time
// before. Timed from the page with a 2 ms timer; a figure of the machine's load, not asserted.
func benchRestart(t *testing.T) {
	aesop := need.Data(t, "aesop.txt")
	p := openStudio(t, 10*time.Minute)
	ready(p)
	p.do(setField("preset", "book"), setField("loss", "last"), setField("lr", "0.001"), setField("dropout", "0.2"),
		setField("input_dropout", "0"), setField("lr_schedule", ""), setField("workers", "2"), setField("epochs", "1"),
		pasteText(string(aesop)))
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	// timed clicks the button and notes when the progress shows the run training.
	timed := func(button string) float64 {
		p.js(fmt.Sprintf(`window.__trainAt = 0; window.__clickAt = performance.now();
			window.__trainTimer = setInterval(() => {
				if (document.getElementById("progress").dataset.phase === "training") {
					window.__trainAt = performance.now(); clearInterval(window.__trainTimer); } }, 2);
			document.getElementById(%q).click()`, button))
		p.waitJS(`window.__trainAt > 0`)
		ms := evalAs[float64](p, `window.__trainAt - window.__clickAt`)
		// A few steps, so that the helper has worked, and the answer to a stop is not mistaken for
		// the next run's.
		b := evalAs[float64](p, `+document.getElementById("progress").dataset.batch`)
		p.waitJS(fmt.Sprintf(`+document.getElementById("progress").dataset.batch >= %v`, b+3))
		return ms
	}
	stop := func(button, phase string) {
		p.do(clickID(button))
		p.waitJS(fmt.Sprintf(`document.getElementById("progress").dataset.phase === %q`, phase))
	}
	var trains []float64
	for range 4 {
		trains = append(trains, timed("train"))
		stop("stop", "stopped")
	}
	trains = append(trains, timed("train"))
	var resumes []float64
	for range 3 {
		stop("pause", "paused")
		resumes = append(resumes, timed("resume"))
	}
	stop("stop", "stopped")
	fmt.Printf("bench-browser restart: Train to training on 2 workers, ms (the first with a new helper in either build): %.0f\n", trains)
	fmt.Printf("bench-browser restart: Resume to training after a pause, ms: %.0f\n", resumes)
	benchMemory(p, "after the last stop")
}
