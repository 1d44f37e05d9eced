package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"

	"fabulist/internal/need"
	"fabulist/model/lm"
	"fabulist/studio/session"
)

// benchRounds is how many times each page figure is measured; the median is reported.
const benchRounds = 3

// benchSections reads FABULIST_BENCH_ONLY, a comma-separated choice among load (a cold load),
// gaps (the page's thread while training), speed (Fabulist against TF.js), questions (Find
// questions, benchQuestions), timeline (where a step goes, benchTimeline) and restart (what a
// run waits for a fresh helper, benchRestart); unset, all of them but timeline, which traces,
// and restart.
func benchSections(t *testing.T) map[string]bool {
	only := os.Getenv("FABULIST_BENCH_ONLY")
	if only == "" {
		return map[string]bool{"load": true, "gaps": true, "speed": true, "questions": true}
	}
	s := map[string]bool{}
	for _, name := range strings.Split(only, ",") {
		switch name = strings.TrimSpace(name); name {
		case "load", "gaps", "speed", "questions", "timeline", "restart":
			s[name] = true
		default:
			t.Fatalf("FABULIST_BENCH_ONLY=%q: %q is none of load, gaps, speed, questions, timeline, restart", only, name)
		}
	}
	return s
}

// loadFigures is one cold load of the studio on loopback: a fresh browser profile, nothing cached.
type loadFigures struct {
	paint, ready float64 // ms from navigation: first contentful paint, the engine ready (Train enabled)
	bytes        int64   // sent by the server, compressed, until the engine was ready
}

// gapFigures is one training run watched from the page's thread.
type gapFigures struct {
	gap float64 // the longest interval between two ticks of a 10 ms timer, ms
	// the intervals over 50 ms: how many, and their sum (ms). The longest gap is one event, at the
	// mercy of whatever else the machine ran then; these say how often the page stalled.
	stalls  int
	stalled float64
	// the page's longest work in one long animation frame (its scripts and rendering, ms; 0 when
	// no frame took over 50 ms), and what it ran
	work     float64
	workWhat string
	busy     cpuSplit
	load     float64 // the machine's 1-minute load average at the end of the run
	// batches trained meanwhile: a run that trained nothing measured nothing
	batches int
}

// cpuSplit is the main thread's CPU time per second of the run (ms/s), whole and in parts.
type cpuSplit struct{ total, script, layout, other float64 }

// gapRun names one kind of training run watched for gaps.
type gapRun struct {
	name, bench string // as printed, and as benchstat reads it
	run         func(p *page) gapFigures
}

// benchPage measures the page: benchRounds cold loads, each in a fresh browser, and after each,
// when gaps are asked for, the training runs of gapRuns in that browser. It prints the medians,
// and every run as a line that benchstat reads.
func benchPage(t *testing.T, sections map[string]bool, d time.Duration) {
	// The text as the page keeps it: the store normalizes what it takes (no byte order mark, LF
	// line ends).
	aesop := lm.Normalize(string(need.Data(t, "aesop.txt")))
	runs := []gapRun{
		{"quick preset, 1 worker, Train to done (2 epochs)", "run=quick/workers=1", func(p *page) gapFigures { return gapQuick(p) }},
		{fmt.Sprintf("book model on Aesop, 1 worker, %v from Train", d), "run=book/workers=1", func(p *page) gapFigures { return gapBook(p, aesop, 1, d) }},
		{fmt.Sprintf("book model on Aesop, all workers, %v from Train", d), "run=book/workers=all", func(p *page) gapFigures { return gapBook(p, aesop, 0, d) }},
	}
	// FABULIST_BENCH_TRACE names a folder for a performance trace of each gap run (see
	// startTrace): what the page's thread did in each gap. Tracing takes some time of its own.
	traces := os.Getenv("FABULIST_BENCH_TRACE")
	var loads []loadFigures
	gaps := make([][]gapFigures, len(runs))
	workers := 0
	for round := range benchRounds {
		// A subtest per round, so that its browser closes before the next one starts.
		t.Run(fmt.Sprintf("round-%d", round+1), func(t *testing.T) {
			p := openStudio(t, 20*time.Minute)
			loads = append(loads, coldLoad(p))
			if !sections["gaps"] {
				return
			}
			workers = evalAs[int](p, `navigator.hardwareConcurrency`)
			for i, r := range runs {
				var stopTrace func(string)
				if traces != "" {
					stopTrace = startTrace(p)
				}
				g := r.run(p)
				if stopTrace != nil {
					stopTrace(filepath.Join(traces, traceName(round+1, r.bench)))
				}
				p.t.Logf("%s: longest gap %.0f ms, %d gaps over 50 ms (%.0f ms), longest work %.0f ms (%s), %d batches, load average %.1f",
					r.name, g.gap, g.stalls, g.stalled, g.work, g.workWhat, g.batches, g.load)
				gaps[i] = append(gaps[i], g)
			}
		})
	}
	if t.Failed() {
		return
	}
	var bench []string
	if sections["gaps"] {
		fmt.Printf("\nThe page's thread while training, watched by a 10 ms timer: its longest gap, the gaps over 50 ms (how many,\n"+
			"and their sum), the page's longest work in one frame (the scripts and rendering of Chromium's long animation frames;\n"+
			"0 if no frame took over 50 ms; a gap longer than it is time the thread waited for a core), and the thread's CPU time\n"+
			"per second (script, style and layout, the rest: paint, tasks). Each is the median of %d runs, each in a fresh\n"+
			"browser, on %d cores; the load average says how busy the machine was.\n", benchRounds, workers)
		fmt.Printf("  %-50s %-24s %-14s %-24s %-34s %s\n", "run", "longest gap (each run)", "over 50 ms", "longest work (each run)",
			"CPU ms/s (script, style, rest)", "load")
		for i, r := range runs {
			gs := gaps[i]
			each, works := make([]string, len(gs)), make([]string, len(gs))
			for j, g := range gs {
				each[j], works[j] = fmt.Sprintf("%.0f", g.gap), fmt.Sprintf("%.0f", g.work)
				bench = append(bench, fmt.Sprintf("BenchmarkBrowserGap/%s 1 %.1f ms-gap %d stalls-over-50ms %.0f ms-stalled %.1f ms-work %.1f ms-cpu/s",
					r.bench, g.gap, g.stalls, g.stalled, g.work, g.busy.total))
			}
			med := func(f func(g gapFigures) float64) float64 { return median(gs, f) }
			fmt.Printf("  %-50s %-24s %-14s %-24s %-34s %.1f\n", r.name,
				fmt.Sprintf("%.0f ms (%s)", med(func(g gapFigures) float64 { return g.gap }), strings.Join(each, ", ")),
				fmt.Sprintf("%.0f (%.0f ms)", med(func(g gapFigures) float64 { return float64(g.stalls) }), med(func(g gapFigures) float64 { return g.stalled })),
				fmt.Sprintf("%.0f ms (%s)", med(func(g gapFigures) float64 { return g.work }), strings.Join(works, ", ")),
				fmt.Sprintf("%.1f (%.1f, %.1f, %.1f)", med(func(g gapFigures) float64 { return g.busy.total }), med(func(g gapFigures) float64 { return g.busy.script }),
					med(func(g gapFigures) float64 { return g.busy.layout }), med(func(g gapFigures) float64 { return g.busy.other })),
				med(func(g gapFigures) float64 { return g.load }))
		}
	}
	if sections["load"] {
		for _, l := range loads {
			bench = append(bench, fmt.Sprintf("BenchmarkBrowserLoad 1 %.0f ms-fcp %.0f ms-ready %d B-transferred", l.paint, l.ready, l.bytes))
		}
		fmt.Printf("\nCold load on loopback, fresh profile (median of %d): first contentful paint %.0f ms, engine ready %.0f ms, %.2f MB transferred\n",
			len(loads), median(loads, func(l loadFigures) float64 { return l.paint }), median(loads, func(l loadFigures) float64 { return l.ready }),
			median(loads, func(l loadFigures) float64 { return float64(l.bytes) })/(1<<20))
	}
	fmt.Printf("\n%s\n\n", strings.Join(bench, "\n"))
}

// coldLoad opens the studio in p's fresh browser and times it.
func coldLoad(p *page) loadFigures {
	p.t.Helper()
	start := time.Now()
	ready(p)
	var l loadFigures
	l.ready = float64(time.Since(start).Microseconds()) / 1000
	l.bytes = p.served.Load()
	l.paint = evalAs[float64](p, `(performance.getEntriesByName("first-contentful-paint")[0] || {startTime: -1}).startTime`)
	return l
}

// gapQuick trains the quick preset as TestPauseResumeAndResponsiveness does, from Train to done.
func gapQuick(p *page) gapFigures {
	p.t.Helper()
	chooseSample(p, "fables.txt")
	p.waitJS(`document.getElementById("corpus").value.includes("The Owl and the Lantern")`)
	p.do(setField("preset", "quick"), setField("epochs", "2"), setField("units", "48"), setField("seq_length", "16"),
		setField("workers", "1"))
	cfg := lm.QuickConfig()
	cfg.Epochs, cfg.Units, cfg.SeqLen = 2, 48, 16
	estimated(p, corpusValue(p), cfg)
	w := watchRun(p)
	p.do(clickID("train"))
	p.waitJSFor(`document.getElementById("progress").dataset.phase === "done"`, 5*time.Minute, `document.getElementById("status").innerText`)
	return w.stop()
}

// gapBook trains the book's model on text with the given workers (0: all) for d from Train, then
// stops.
func gapBook(p *page, text string, workers int, d time.Duration) gapFigures {
	p.t.Helper()
	p.do(setField("preset", "book"), setField("workers", strconv.Itoa(workers)))
	if corpusValue(p) != text {
		p.do(pasteText(text))
	}
	estimated(p, text, lm.DefaultConfig())
	w := watchRun(p)
	p.do(clickID("train"))
	p.waitJSFor(`document.getElementById("progress").dataset.phase === "training"`, time.Minute, `document.getElementById("status").innerText`)
	p.do(chromedp.Sleep(d - time.Since(w.began)))
	g := w.stop()
	p.do(clickID("stop"))
	p.waitJSFor(`document.getElementById("progress").dataset.phase === "stopped"`, time.Minute, `document.getElementById("status").innerText`)
	return g
}

// estimated waits until the page shows the analysis of text under cfg with its timed estimate: the
// engine then idles until Train, so that a run measures training and not the estimate, and trains
// what it should (an older analysis on show would let Train go before the page has the text). The
// parameters tell the analyses apart: they count the text's vocabulary under the settings.
func estimated(p *page, text string, cfg lm.Config) {
	p.t.Helper()
	a, _, err := session.Analyze(text, cfg)
	if err != nil {
		p.t.Fatal(err)
	}
	p.waitJSFor(fmt.Sprintf(`(s => s.includes(%q) && s.includes("per epoch"))(document.getElementById("text-stats").innerText)`,
		fmt.Sprintf("%d parameters", a.Params)), 3*time.Minute, `document.getElementById("text-stats").innerText`)
}

// threadWatch is a 10 ms interval timer on the page's thread, which notes the longest interval
// between its ticks, and the thread's CPU time from Chromium's performance metrics.
type threadWatch struct {
	p      *page
	began  time.Time
	before map[string]float64
}

// watchGaps starts the 10 ms timer alone: what TestPauseResumeAndResponsiveness bounds. It also
// watches Chromium's long animation frames (frames over 50 ms, with the scripts that ran in them
// and their rendering) and keeps the one in which the page worked longest, with what it ran: a gap
// longer than that work is time the page's thread waited for a core, not work of the page.
func watchGaps(p *page) {
	p.t.Helper()
	p.js(`window.__gaps = {max: 0, last: performance.now(), stalls: 0, stalled: 0, work: 0, what: ""};
		window.__timer = setInterval(() => { const now = performance.now(), gap = now - window.__gaps.last;
			window.__gaps.max = Math.max(window.__gaps.max, gap); window.__gaps.last = now;
			if (gap > 50) { window.__gaps.stalls++; window.__gaps.stalled += gap; } }, 10);
		if (PerformanceObserver.supportedEntryTypes.includes("long-animation-frame")) {
			window.__frames = new PerformanceObserver(list => { for (const f of list.getEntries()) {
				const r = f.renderStart ? f.startTime + f.duration - f.renderStart : 0;
				const work = f.scripts.reduce((sum, s) => sum + s.duration, r);
				if (work <= window.__gaps.work) continue;
				window.__gaps.work = work;
				window.__gaps.what = f.scripts.map(s => s.invoker + " " + Math.round(s.duration) + " ms").join(", ") +
					(f.scripts.length ? ", " : "") + "rendering " + Math.round(r) + " ms, in a frame of " + Math.round(f.duration) + " ms";
			} });
			window.__frames.observe({type: "long-animation-frame"});
		}`)
}

// longestGap stops the timer of watchGaps and returns the longest interval it saw, in ms.
func longestGap(p *page) float64 {
	p.t.Helper()
	return evalAs[float64](p, `(clearInterval(window.__timer), window.__frames && window.__frames.disconnect(), window.__gaps.max)`)
}

func watchRun(p *page) *threadWatch {
	p.t.Helper()
	// Thread ticks: the durations the metrics add up are the main thread's CPU time.
	if _, err := chromedp.Call(p.ctx, performance.Enable, performance.EnableParams{TimeDomain: performance.EnableTimeDomainThreadTicks}); err != nil {
		p.fail(err)
	}
	w := &threadWatch{p: p, before: metrics(p)}
	watchGaps(p)
	w.began = time.Now()
	return w
}

func (w *threadWatch) stop() gapFigures {
	p := w.p
	p.t.Helper()
	g := gapFigures{gap: longestGap(p)}
	g.stalls, g.stalled = evalAs[int](p, `window.__gaps.stalls`), evalAs[float64](p, `window.__gaps.stalled`)
	g.work, g.workWhat = evalAs[float64](p, `window.__gaps.work`), evalAs[string](p, `window.__gaps.what`)
	secs := time.Since(w.began).Seconds()
	after := metrics(p)
	rate := func(names ...string) float64 {
		var s float64
		for _, n := range names {
			s += after[n] - w.before[n]
		}
		return s * 1000 / secs
	}
	g.busy = cpuSplit{total: rate("ThreadTime"), script: rate("ScriptDuration"), layout: rate("LayoutDuration", "RecalcStyleDuration")}
	g.busy.other = max(rate("TaskDuration")-g.busy.script-g.busy.layout, 0)
	g.batches = evalAs[int](p, `+document.getElementById("progress").dataset.batch`)
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		g.load, _ = strconv.ParseFloat(strings.Fields(string(b))[0], 64)
	}
	return g
}

// metrics are Chromium's performance metrics of the page, by name (durations in seconds).
func metrics(p *page) map[string]float64 {
	p.t.Helper()
	res, err := chromedp.Call(p.ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		p.fail(err)
	}
	m := map[string]float64{}
	for _, x := range res.Metrics {
		m[x.Name] = x.Value
	}
	return m
}

// median is the middle value of f over xs (the mean of the two middle ones for an even count).
func median[T any](xs []T, f func(T) float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	v := make([]float64, len(xs))
	for i, x := range xs {
		v[i] = f(x)
	}
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}
