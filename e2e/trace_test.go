package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// traceCategories are what a trace of a gap run records: every task of each thread with its wall
// and CPU time (toplevel), what the tasks ran (devtools.timeline: scripts, style, layout, paint;
// what the Performance panel shows), and WebAssembly's compiles, lazy ones included (v8.wasm).
// Light enough to leave the runs much as they are; a JavaScript profile would not.
var traceCategories = []string{"toplevel", "devtools.timeline", "v8.wasm"}

// startTrace starts a Chromium performance trace of p's browser. The function it returns ends the
// trace and writes it to path, as JSON that Chromium's DevTools (Performance, Load profile) and
// Perfetto open.
func startTrace(p *page) func(path string) {
	p.t.Helper()
	return startTraceOf(p, traceCategories)
}

// startTraceOf is startTrace with the given categories.
func startTraceOf(p *page, categories []string) func(path string) {
	p.t.Helper()
	end := recordTrace(p, &tracing.TraceConfig{IncludedCategories: categories})
	return func(path string) {
		p.t.Helper()
		events, err := end()
		if err != nil {
			p.t.Fatalf("trace for %s: %v", path, err)
		}
		var b bytes.Buffer
		b.WriteString(`{"traceEvents":[`)
		b.Write(bytes.Join(events, []byte(",")))
		b.WriteString("]}\n")
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			p.t.Fatal(err)
		}
		p.t.Logf("trace of %d events written to %s", len(events), path)
	}
}

// recordTrace starts a Chromium trace of p's browser under cfg. The function it returns ends it
// and gives its events, each one JSON object, once Chromium has sent them all.
func recordTrace(p *page, cfg *tracing.TraceConfig) func() ([][]byte, error) {
	p.t.Helper()
	var mu sync.Mutex
	var events [][]byte
	complete := make(chan struct{})
	ctx, cancel := context.WithCancel(p.ctx)
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range e.Value {
				events = append(events, bytes.Clone(v))
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(complete)
		}
	})
	if err == nil {
		_, err = chromedp.Call(p.ctx, tracing.Start, tracing.StartParams{TraceConfig: cfg})
	}
	if err != nil {
		cancel()
		p.fail(err)
	}
	return func() ([][]byte, error) {
		defer cancel()
		if _, err := chromedp.Call(p.ctx, tracing.End, cdp.Empty{}); err != nil {
			return nil, err
		}
		select {
		case <-complete:
		case <-time.After(time.Minute):
			return nil, fmt.Errorf("Chromium did not finish the trace within a minute")
		}
		mu.Lock()
		defer mu.Unlock()
		return events, nil
	}
}

// traceName is a file name for the trace of a run named as benchstat reads it (run=book/workers=1).
func traceName(round int, bench string) string {
	return fmt.Sprintf("round-%d-%s.json", round, strings.NewReplacer("/", "-", "=", "-").Replace(bench))
}
