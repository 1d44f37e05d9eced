package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// memoryDump asks Chromium for a detailed memory dump (deterministic: after collecting garbage) of every process (the memory-infra
// tracing category, what chrome://tracing's memory view reads) and returns, by process id, each
// allocator dump's size in bytes by its name ("v8", "v8/main/heap", "partition_alloc", "malloc",
// "blink_gc", ...). A parent's size includes its children's. It is how the renderer's private
// memory beside the Go instances' linear memories is told apart: V8's heaps and its wasm code,
// Blink's and PartitionAlloc's buffers (ArrayBuffers among them), malloc.
func memoryDump(p *page, deterministic bool) map[int64]map[string]int64 {
	p.t.Helper()
	var mu sync.Mutex
	var events []json.RawMessage
	complete := make(chan struct{})
	ctx, cancel := context.WithCancel(p.ctx)
	defer cancel()
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range e.Value {
				events = append(events, json.RawMessage(bytes.Clone(v)))
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(complete)
		}
	})
	if err == nil {
		_, err = chromedp.Call(p.ctx, tracing.Start, tracing.StartParams{TraceConfig: &tracing.TraceConfig{
			IncludedCategories: []string{"disabled-by-default-memory-infra"},
			MemoryDumpConfig:   tracing.MemoryDumpConfig{"triggers": []any{}},
		}})
	}
	if err == nil {
		var r tracing.RequestMemoryDumpResult
		r, err = chromedp.Call(p.ctx, tracing.RequestMemoryDump, tracing.RequestMemoryDumpParams{Deterministic: &deterministic, LevelOfDetail: tracing.MemoryDumpLevelOfDetailDetailed})
		if err == nil && !r.Success {
			err = fmt.Errorf("Chromium's memory dump did not succeed")
		}
	}
	if _, endErr := chromedp.Call(p.ctx, tracing.End, cdp.Empty{}); err == nil {
		err = endErr
	}
	if err != nil {
		p.t.Logf("memory dump: %v", err)
		return nil
	}
	select {
	case <-complete:
	case <-time.After(time.Minute):
		p.t.Logf("memory dump: Chromium did not finish the trace within a minute")
		return nil
	}
	mu.Lock()
	defer mu.Unlock()
	out := map[int64]map[string]int64{}
	for _, raw := range events {
		var ev struct {
			Ph   string `json:"ph"`
			Pid  int64  `json:"pid"`
			Args struct {
				Dumps struct {
					Allocators map[string]struct {
						Attrs map[string]struct {
							Value string `json:"value"`
						} `json:"attrs"`
					} `json:"allocators"`
				} `json:"dumps"`
			} `json:"args"`
		}
		if json.Unmarshal(raw, &ev) != nil || ev.Ph != "v" {
			continue
		}
		for name, a := range ev.Args.Dumps.Allocators {
			size, ok := a.Attrs["size"]
			if !ok {
				continue
			}
			n, err := strconv.ParseInt(size.Value, 16, 64)
			if err != nil {
				continue
			}
			if out[ev.Pid] == nil {
				out[ev.Pid] = map[string]int64{}
			}
			out[ev.Pid][name] = n
		}
	}
	return out
}

// printMemoryDump prints the allocators of the renderer processes (pids) in a dump: each top
// level one, and V8's and PartitionAlloc's parts, in MB, largest first.
func printMemoryDump(dump map[int64]map[string]int64, pids []int64) {
	for _, pid := range pids {
		alloc := dump[pid]
		if len(alloc) == 0 {
			continue
		}
		fmt.Printf("  renderer %d, Chromium's memory dump (MB; a parent includes its parts):\n", pid)
		names := slices.Collect(maps.Keys(alloc))
		slices.SortFunc(names, func(a, b string) int { return int(alloc[b] - alloc[a]) })
		for _, n := range names {
			depth := strings.Count(n, "/")
			part := strings.HasPrefix(n, "v8/") && depth <= 3 || strings.HasPrefix(n, "partition_alloc/partitions/") && depth == 2 ||
				strings.HasPrefix(n, "blink_gc/") && depth == 1
			if (depth == 0 || part) && alloc[n] >= 1<<19 {
				fmt.Printf("    %-60s %7.1f\n", n, float64(alloc[n])/(1<<20))
			}
		}
	}
}
