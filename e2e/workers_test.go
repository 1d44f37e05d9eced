package e2e

import (
	"strings"
	"testing"
	"time"
)

// Two workers share each batch (a helper Web Worker started by the engine's worker); the status
// line says so, and the same settings give the same run again.
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
