package e2e

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fabulist/internal/need"
)

// benchTimeline is FABULIST_BENCH_ONLY=timeline: where a step of the book's model goes in the
// page, on two workers and on one. It trains each for d under a Chromium trace and reads the
// engine's stamps (studio/worker/stamp.go: console.timeStamp at each moment of a step, in the
// coordinator and in its helper) into a timeline of the median step: each part in ms, the
// coordinator's and the helper's side by side. It also gives the share of the time spent in
// validation steps, and every thread's busy time. FABULIST_BENCH_TIMELINE=2 runs two workers alone.
func benchTimeline(t *testing.T, d time.Duration) {
	aesop := need.Data(t, "aesop.txt")
	p := openStudio(t, 20*time.Minute)
	ready(p)
	counts := []int{2, 1}
	if os.Getenv("FABULIST_BENCH_TIMELINE") == "2" { // the two-worker run alone, for side-by-side runs of two builds
		counts = counts[:1]
	}
	for _, workers := range counts {
		p.do(setField("preset", "book"), setField("loss", "last"), setField("lr", "0.001"), setField("dropout", "0.2"),
			setField("input_dropout", "0"), setField("lr_schedule", ""),
			setField("workers", strconv.Itoa(workers)), setField("epochs", "1"), pasteText(string(aesop)))
		p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
		p.do(clickID("train"))
		p.waitJS(`document.getElementById("progress").dataset.phase === "training" &&
			+document.getElementById("progress").dataset.batch >= 3`)
		path := filepath.Join(t.TempDir(), "timeline.json")
		if dir := os.Getenv("FABULIST_BENCH_TRACE"); dir != "" {
			path = filepath.Join(dir, fmt.Sprintf("timeline-workers-%d.json", workers))
		}
		stop := startTraceOf(p, []string{"devtools.timeline", "toplevel"})
		p.do(chromedp.Sleep(d))
		stop(path)
		status := evalAs[string](p, `document.getElementById("status").innerText`)
		p.do(clickID("stop"))
		p.waitJS(`document.getElementById("progress").dataset.phase === "stopped"`)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		tl, err := readTimeline(b)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("\n%d workers, %v traced (%s), load average %s\n", workers, d, status, loadAverage())
		tl.print(os.Stdout)
	}
}

// loadAverage is the machine's 1-, 5- and 15-minute load averages.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// traceEvent is what a timeline reads of a Chromium trace event.
type traceEvent struct {
	Name string  `json:"name"`
	Ph   string  `json:"ph"`
	Tid  int64   `json:"tid"`
	Ts   float64 `json:"ts"`  // µs
	Tts  float64 `json:"tts"` // the thread's CPU time, µs
	Dur  float64 `json:"dur"` // µs, for complete events
	Args struct {
		Name string `json:"name"` // a thread_name's
		Data struct {
			Message string `json:"message"` // a TimeStamp's
		} `json:"data"`
	} `json:"args"`
}

// moment is a stamp's time and its thread's CPU time then, in ms; zero when the step had none.
type moment struct{ wall, cpu float64 }

// stepTimes are one training step's moments: the coordinator's, and its helper's.
type stepTimes struct {
	step, send, sent, wait, answer, added, stepped moment
	hGot, hCopied, hDone, hPosted                  moment
	next                                           moment // the next step's start
}

// part is the wall and CPU time between two moments of a step.
type part struct{ wall, cpu float64 }

func between(a, b moment) part { return part{b.wall - a.wall, b.cpu - a.cpu} }

// timeline is a traced run's steps, read from the engine's stamps.
type timeline struct {
	train []stepTimes // training steps (with a helper when there is one)
	// validation steps (no helper's share in them) and their time; the whole traced span between
	// the first and the last step
	valSteps      int
	valMs, spanMs float64
	valCPU        float64 // the coordinator's CPU time in validation steps, ms
	yields        int
	yieldMs       float64
	helper        bool
	coordTid      int64
	// busy is each thread's top-level tasks within the span (ms), by its name and id: what else
	// ran on the machine's cores meanwhile, in the browser
	busy map[string]float64
}

// readTimeline reads a trace's stamps (studio/worker/stamp.go).
func readTimeline(b []byte) (*timeline, error) {
	var tr struct {
		TraceEvents []traceEvent `json:"traceEvents"`
	}
	if err := json.Unmarshal(b, &tr); err != nil {
		return nil, err
	}
	evs := tr.TraceEvents
	slices.SortStableFunc(evs, func(a, b traceEvent) int { return cmp.Compare(a.Ts, b.Ts) })
	tl := &timeline{coordTid: -1, busy: map[string]float64{}}
	names := map[int64]string{}
	for _, e := range evs {
		if e.Name == "thread_name" {
			names[e.Tid] = e.Args.Name
		}
		if e.Name == "TimeStamp" && e.Args.Data.Message == "fab:step" && tl.coordTid < 0 {
			tl.coordTid = e.Tid
		}
	}
	if tl.coordTid < 0 {
		return nil, fmt.Errorf("the trace has no step stamps (%d events)", len(evs))
	}
	var cur *stepTimes
	var steps []stepTimes
	var helperQ []traceEvent // the helper's stamps, in order
	var yieldAt moment
	for _, e := range evs {
		if e.Name != "TimeStamp" || !strings.HasPrefix(e.Args.Data.Message, "fab:") {
			continue
		}
		m := moment{e.Ts / 1000, e.Tts / 1000}
		if e.Tid != tl.coordTid {
			helperQ = append(helperQ, e)
			continue
		}
		switch e.Args.Data.Message {
		case "fab:step":
			if cur != nil && cur.stepped.wall > 0 {
				cur.next = m
				steps = append(steps, *cur)
			}
			cur = &stepTimes{step: m}
		case "fab:yield":
			yieldAt = m
		case "fab:yielded":
			if yieldAt.wall > 0 {
				tl.yields++
				tl.yieldMs += m.wall - yieldAt.wall
			}
		}
		if cur == nil {
			continue
		}
		switch e.Args.Data.Message {
		case "fab:send":
			cur.send = m
		case "fab:sent":
			cur.sent = m
		case "fab:wait":
			cur.wait = m
		case "fab:answer":
			cur.answer = m
		case "fab:added":
			cur.added = m
		case "fab:stepped":
			cur.stepped = m
		}
	}
	if len(steps) < 2 {
		return nil, fmt.Errorf("the trace has %d whole steps", len(steps))
	}
	tl.spanMs = steps[len(steps)-1].next.wall - steps[0].step.wall
	// Each helper stamp goes to the step whose message it answers: from the step's send (an idle
	// helper may take the message before the coordinator has stamped its sent) to the next step.
	hi := 0
	for i := range steps {
		s := &steps[i]
		if s.sent.wall == 0 {
			continue
		}
		tl.helper = true
		for hi < len(helperQ) && helperQ[hi].Ts/1000 < s.send.wall {
			hi++
		}
		for ; hi < len(helperQ) && helperQ[hi].Ts/1000 < s.next.wall; hi++ {
			m := moment{helperQ[hi].Ts / 1000, helperQ[hi].Tts / 1000}
			switch helperQ[hi].Args.Data.Message {
			case "fab:h-got":
				s.hGot = m
			case "fab:h-copied":
				s.hCopied = m
			case "fab:h-done":
				s.hDone = m
			case "fab:h-posted":
				s.hPosted = m
			}
		}
	}
	// A validation step shares no gradient (on two workers it sends no weights for one); on one
	// worker it measures a batch without training, for well under half a training step's CPU time.
	med := median(steps, func(s stepTimes) float64 { return s.stepped.cpu - s.step.cpu })
	for _, s := range steps {
		if tl.helper && (s.sent.wall == 0 || s.hPosted.wall == 0) || !tl.helper && s.stepped.cpu-s.step.cpu < med/2 {
			tl.valSteps++
			tl.valMs += s.next.wall - s.step.wall
			tl.valCPU += s.next.cpu - s.step.cpu
			continue
		}
		tl.train = append(tl.train, s)
	}
	first, last := steps[0].step.wall*1000, steps[len(steps)-1].next.wall*1000
	end := map[int64]float64{} // where each thread's last counted task ends: nested ones are in it
	for _, e := range evs {
		if e.Ph != "X" || !strings.HasSuffix(e.Name, "RunTask") || e.Ts < first || e.Ts >= last || e.Ts < end[e.Tid] {
			continue
		}
		end[e.Tid] = e.Ts + e.Dur
		name := names[e.Tid]
		switch e.Tid {
		case tl.coordTid:
			name = "coordinator"
		case helperTid(helperQ):
			name = "helper"
		}
		tl.busy[fmt.Sprintf("%s %d", name, e.Tid)] += e.Dur / 1000
	}
	return tl, nil
}

// helperTid is the thread of the helper's stamps, or -1.
func helperTid(q []traceEvent) int64 {
	if len(q) == 0 {
		return -1
	}
	return q[0].Tid
}

// timelineRow is one part of the median step: who runs it, what it is, its wall and CPU time
// (ms; CPU NaN where the part spans two threads).
type timelineRow struct {
	who, what string
	wall, cpu float64
}

// rows are the median step's parts, in the order they run.
func (tl *timeline) rows() []timelineRow {
	var rows []timelineRow
	who := ""
	row := func(what string, from, to func(s stepTimes) moment) {
		rows = append(rows, timelineRow{who, what,
			median(tl.train, func(s stepTimes) float64 { return to(s).wall - from(s).wall }),
			median(tl.train, func(s stepTimes) float64 { return to(s).cpu - from(s).cpu })})
	}
	across := func(what string, f func(s stepTimes) float64) {
		rows = append(rows, timelineRow{who, what, median(tl.train, f), math.NaN()})
	}
	step0, next := func(s stepTimes) moment { return s.step }, func(s stepTimes) moment { return s.next }
	send, sent := func(s stepTimes) moment { return s.send }, func(s stepTimes) moment { return s.sent }
	wait, answer := func(s stepTimes) moment { return s.wait }, func(s stepTimes) moment { return s.answer }
	added, stepped := func(s stepTimes) moment { return s.added }, func(s stepTimes) moment { return s.stepped }
	if !tl.helper {
		who = "one worker"
		row("Step", step0, stepped)
		row("between steps (progress posted, yields, messages)", stepped, next)
		return rows
	}
	hGot, hCopied := func(s stepTimes) moment { return s.hGot }, func(s stepTimes) moment { return s.hCopied }
	hDone, hPosted := func(s stepTimes) moment { return s.hDone }, func(s stepTimes) moment { return s.hPosted }
	who = "coordinator"
	row("the step's start, to the first send", step0, send)
	row("writes the helper's weights into its buffer, posts them", send, sent)
	row("its own share, forward and backward", sent, wait)
	row("waits for the helper's gradient", wait, answer)
	row("adds it into the batch's, piece by piece as they come", answer, added)
	row("norm, clip, optimizer, the rest of Step", added, stepped)
	row("between steps (progress posted, yields, messages)", stepped, next)
	who = "helper"
	across("the message reaches it (from the coordinator's post)", func(s stepTimes) float64 { return s.hGot.wall - s.sent.wall })
	row("copies the weights into Go", hGot, hCopied)
	row("its share, forward and backward", hCopied, hDone)
	row("copies its gradient out and posts it", hDone, hPosted)
	across("the answer reaches the coordinator's Go", func(s stepTimes) float64 { return s.answer.wall - s.hPosted.wall })
	across("idle: the step less its copies and share", func(s stepTimes) float64 {
		return (s.next.wall - s.step.wall) - (s.hPosted.wall - s.hGot.wall)
	})
	return rows
}

// print writes the median step's parts, wall and CPU time in ms, and what else ran.
func (tl *timeline) print(w io.Writer) {
	step := median(tl.train, func(s stepTimes) float64 { return s.next.wall - s.step.wall })
	fmt.Fprintf(w, "  %d training steps, median %.1f ms from step to step (%.1f samples/s at 32 a step, validation left out)\n",
		len(tl.train), step, 32/step*1000)
	fmt.Fprintf(w, "  %-12s %-58s %8s %8s\n", "", "median of each part", "wall ms", "CPU ms")
	last := ""
	for _, r := range tl.rows() {
		who := r.who
		if who == last {
			who = ""
		}
		last = r.who
		cpu := fmt.Sprintf("%8.1f", r.cpu)
		if math.IsNaN(r.cpu) {
			cpu = ""
		}
		fmt.Fprintf(w, "  %-12s %-58s %8.1f %s\n", who, r.what, r.wall, cpu)
	}
	fmt.Fprintf(w, "  validation steps: %d, %.0f ms of %.0f ms traced (%.1f %%), the coordinator's CPU %.0f ms of them; yields: %d, %.1f ms in all\n",
		tl.valSteps, tl.valMs, tl.spanMs, 100*tl.valMs/tl.spanMs, tl.valCPU, tl.yields, tl.yieldMs)
	threads := slices.Collect(maps.Keys(tl.busy))
	slices.SortFunc(threads, func(a, b string) int { return cmp.Compare(tl.busy[b], tl.busy[a]) })
	var parts []string
	for _, th := range threads[:min(len(threads), 8)] {
		parts = append(parts, fmt.Sprintf("%s %.1f %%", th, 100*tl.busy[th]/tl.spanMs))
	}
	fmt.Fprintf(w, "  threads' top-level tasks (wall), share of the span: %s\n", strings.Join(parts, ", "))
}
