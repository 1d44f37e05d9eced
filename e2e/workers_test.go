package e2e

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fabulist/studio/memstat"
)

// Two workers share each batch (a helper Web Worker started by the engine's worker); the status
// line says so, and the same settings give the same run again. A run that has finished ends its
// helper (its memory goes back), and the next run on two workers starts a fresh one.
func TestTwoWorkersTrainTheSameRunTwice(t *testing.T) {
	p := openStudio(t, 4*time.Minute)
	ready(p)
	tinyRun(p, strings.Repeat(shortStory, 6), 2)
	p.do(setField("workers", "2"))
	var runs []string
	for range 2 {
		p.do(clickID("train"))
		p.waitJS(`document.getElementById("status").innerText.includes("2 workers")`)
		p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
		runs = append(runs, valLosses(p))
		if hs := helpersRunning(p); len(hs) > 0 {
			t.Errorf("run %d has finished, and the page's memory lists helpers still: %s", len(runs), strings.Join(hs, "; "))
		}
	}
	if len(strings.Fields(runs[0])) != 2 || runs[0] != runs[1] {
		t.Errorf("two runs on two workers: %q and %q", runs[0], runs[1])
	}
	p.do(setField("workers", "1"))
	p.do(clickID("train"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "training"`)
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	if one := valLosses(p); one == runs[0] {
		t.Errorf("one worker gave the two-worker run's losses %q: were the helpers used at all?", one)
	}
}

// helpersRunning lists the helpers that the page's memory (web/page.js's fabulistMemory) finds,
// each as its memory line.
func helpersRunning(p *page) []string {
	p.t.Helper()
	s := evalAwait[string](p, `fabulistMemory().then((ins) => JSON.stringify(ins))`)
	var ins []memstat.Instance
	if err := json.Unmarshal([]byte(s), &ins); err != nil {
		p.t.Fatalf("fabulistMemory: %v in %s", err, s)
	}
	var hs []string
	for _, in := range ins {
		if strings.HasPrefix(in.Name, "helper") {
			hs = append(hs, in.String())
		}
	}
	return hs
}
