package e2e

import (
	"encoding/json"
	"math"
	"testing"
)

// TestReadTimeline reads a made-up trace of three training steps on two workers and a validation
// step, whose parts are known, as Chromium writes the engine's stamps (TimeStamp instants with
// the thread's CPU clock in tts).
func TestReadTimeline(t *testing.T) {
	const coord, helper = 10, 20
	var evs []map[string]any
	stampAt := func(tid int, name string, wallMs, cpuMs float64) {
		evs = append(evs, map[string]any{"name": "TimeStamp", "ph": "I", "tid": tid, "ts": wallMs * 1000, "tts": cpuMs * 1000,
			"args": map[string]any{"data": map[string]any{"message": name}}})
	}
	evs = append(evs, map[string]any{"name": "thread_name", "ph": "M", "tid": 30, "args": map[string]any{"name": "CrRendererMain"}})
	// Each training step takes 100 ms: send 0–2, own share 2–82 (40 ms of CPU), wait 82–90, add
	// 90–91, the rest 91–94; the helper gets the message at 1.5 (before the coordinator's sent:
	// an idle helper can), copies until 4, computes until 84 (45 ms of CPU) and posts at 86.
	for i := range 3 {
		at := float64(1000 + 100*i)
		cpu := float64(500 + 50*i)
		stampAt(coord, "fab:step", at, cpu)
		stampAt(coord, "fab:send", at, cpu)
		stampAt(helper, "fab:h-got", at+1.5, cpu)
		stampAt(coord, "fab:sent", at+2, cpu+1)
		stampAt(helper, "fab:h-copied", at+4, cpu+1)
		stampAt(coord, "fab:wait", at+82, cpu+41)
		stampAt(helper, "fab:h-done", at+84, cpu+46)
		stampAt(helper, "fab:h-posted", at+86, cpu+48)
		stampAt(coord, "fab:answer", at+90, cpu+41.5)
		stampAt(coord, "fab:added", at+91, cpu+42.5)
		stampAt(coord, "fab:stepped", at+94, cpu+45.5)
	}
	// A validation step of 30 ms, the coordinator's alone, then the step that closes it.
	stampAt(coord, "fab:step", 1300, 650)
	stampAt(coord, "fab:stepped", 1330, 680)
	stampAt(coord, "fab:step", 1330, 680)
	// The page's thread works 40 ms within the span.
	evs = append(evs, map[string]any{"name": "ThreadControllerImpl::RunTask", "ph": "X", "tid": 30, "ts": 1100_000, "dur": 40_000})
	tl := readEvents(t, evs)
	if len(tl.train) != 3 || tl.valSteps != 1 || tl.valMs != 30 || tl.valCPU != 30 || tl.spanMs != 330 {
		t.Fatalf("got %d training steps, %d validation steps of %g ms (%g ms of CPU) in %g ms; want 3, 1 of 30 (30) in 330",
			len(tl.train), tl.valSteps, tl.valMs, tl.valCPU, tl.spanMs)
	}
	want := map[string][2]float64{ // who: what → wall, CPU (NaN: across threads)
		"coordinator: writes the helper's weights into its buffer, posts them": {2, 1},
		"coordinator: its own share, forward and backward":                     {80, 40},
		"coordinator: waits for the helper's gradient":                         {8, 0.5},
		"coordinator: adds it into the batch's, piece by piece as they come":   {1, 1},
		"coordinator: norm, clip, optimizer, the rest of Step":                 {3, 3},
		"coordinator: between steps (progress posted, yields, messages)":       {6, 4.5},
		"helper: the message reaches it (from the coordinator's post)":         {-0.5, math.NaN()},
		"helper: copies the weights into Go":                                   {2.5, 1},
		"helper: its share, forward and backward":                              {80, 45},
		"helper: copies its gradient out and posts it":                         {2, 2},
		"helper: the answer reaches the coordinator's Go":                      {4, math.NaN()},
		"helper: idle: the step less its copies and share":                     {15.5, math.NaN()},
	}
	seen := 0
	for _, r := range tl.rows() {
		w, ok := want[r.who+": "+r.what]
		if !ok {
			continue
		}
		seen++
		same := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 || math.IsNaN(a) && math.IsNaN(b) }
		if !same(r.wall, w[0]) || !same(r.cpu, w[1]) {
			t.Errorf("%s: %s: got %g ms wall, %g ms CPU; want %g, %g", r.who, r.what, r.wall, r.cpu, w[0], w[1])
		}
	}
	if seen != len(want) {
		t.Errorf("got %d of the %d parts", seen, len(want))
	}
	if got := tl.busy["CrRendererMain 30"]; got != 40 {
		t.Errorf("the page's thread: got %g ms busy; want 40", got)
	}
}

// TestReadTimelineOfOneWorker: with no helper, a validation step is told from a training step by
// its CPU time (under half the median step's), which a loaded machine does not stretch: here the
// validation step's wall time is a training step's.
func TestReadTimelineOfOneWorker(t *testing.T) {
	var evs []map[string]any
	stampAt := func(name string, wallMs, cpuMs float64) {
		evs = append(evs, map[string]any{"name": "TimeStamp", "ph": "I", "tid": 10, "ts": wallMs * 1000, "tts": cpuMs * 1000,
			"args": map[string]any{"data": map[string]any{"message": name}}})
	}
	// Training steps of 100 ms (85 of CPU), the third a validation step of 100 ms (30 of CPU).
	for i, cpu := range []float64{85, 85, 30, 85, 85} {
		at, used := float64(1000+100*i), float64(500+100*i)
		stampAt("fab:step", at, used)
		stampAt("fab:stepped", at+99, used+cpu)
	}
	stampAt("fab:step", 1500, 1000)
	tl := readEvents(t, evs)
	if tl.helper || len(tl.train) != 4 || tl.valSteps != 1 || tl.valMs != 100 {
		t.Fatalf("got a helper %v, %d training steps, %d validation steps of %g ms; want none, 4, 1 of 100",
			tl.helper, len(tl.train), tl.valSteps, tl.valMs)
	}
	rows := tl.rows()
	if len(rows) == 0 || rows[0].who != "one worker" || rows[0].wall != 99 || rows[0].cpu != 85 {
		t.Errorf("got %+v; want the one worker's Step first, 99 ms wall and 85 of CPU", rows)
	}
}

// readEvents is readTimeline of a trace of evs.
func readEvents(t *testing.T, evs []map[string]any) *timeline {
	t.Helper()
	b, err := json.Marshal(map[string]any{"traceEvents": evs})
	if err != nil {
		t.Fatal(err)
	}
	tl, err := readTimeline(b)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}
