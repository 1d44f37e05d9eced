package e2e

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// memoryDump asks Chromium for a detailed memory dump of every process (the memory-infra tracing
// category, what chrome://tracing's memory view reads; deterministic: after collecting garbage)
// and returns, by process id, each allocator dump's size in bytes by its name ("v8",
// "v8/main/heap", "partition_alloc", "malloc", "blink_gc", ...). A parent's size includes its
// children's. It tells apart what the renderer's private memory holds beside the Go instances'
// linear memories (which, like V8's compiled wasm code, no allocator dump reports): V8's heaps,
// Blink's heap and PartitionAlloc's buffers (ArrayBuffers among them), malloc. It returns nil,
// having logged why, when Chromium gives no dump.
func memoryDump(p *page, deterministic bool) map[int64]map[string]int64 {
	p.t.Helper()
	end := recordTrace(p, &tracing.TraceConfig{
		IncludedCategories: []string{"disabled-by-default-memory-infra"},
		MemoryDumpConfig:   tracing.MemoryDumpConfig{"triggers": []any{}},
	})
	r, err := chromedp.Call(p.ctx, tracing.RequestMemoryDump, tracing.RequestMemoryDumpParams{Deterministic: &deterministic, LevelOfDetail: tracing.MemoryDumpLevelOfDetailDetailed})
	if err == nil && !r.Success {
		err = fmt.Errorf("Chromium's memory dump did not succeed")
	}
	events, endErr := end()
	if err == nil {
		err = endErr
	}
	if err != nil {
		p.t.Logf("memory dump: %v", err)
		return nil
	}
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
