// Package memstat says where one Go instance's memory goes: the page's and each training worker's
// module in the browser (see web/page.js's fabulistMemory, and make bench-browser's speed section,
// which prints it per instance). It is a measuring tool, read on request, never on a hot path.
//
// A Go program compiled to WebAssembly grows its linear memory as its heap grows and never gives it
// back (WebAssembly memory cannot shrink), so the linear memory's size is the instance's peak, and
// the Go heap's figures say how much of it is live and how much is the garbage collector's room.
package memstat

import (
	"fmt"
	"runtime/metrics"
)

// Instance is one Go instance's memory in bytes.
type Instance struct {
	// Name says which instance: "page", "engine" (the coordinating worker), "helper 1", ….
	Name string `json:"name"`
	// Linear is the WebAssembly linear memory's size (memory.buffer.byteLength), 0 natively or
	// when the instance's JavaScript did not say.
	Linear int64 `json:"linear"`
	// Mapped is all the memory the Go runtime has taken (/memory/classes/total:bytes).
	Mapped uint64 `json:"mapped"`
	// HeapObjects is the heap's objects, live or not yet swept (/memory/classes/heap/objects:bytes).
	HeapObjects uint64 `json:"heap_objects"`
	// HeapLive is what the last collection found live (/gc/heap/live:bytes).
	HeapLive uint64 `json:"heap_live"`
	// HeapGoal is the heap's size at which the next collection ends (/gc/heap/goal:bytes).
	HeapGoal uint64 `json:"heap_goal"`
	// HeapFree is heap memory held for reuse, free or returned (/memory/classes/heap/free:bytes
	// and /memory/classes/heap/released:bytes: on WebAssembly, released pages stay in the linear memory).
	HeapFree uint64 `json:"heap_free"`
	// Limit is the soft memory limit (debug.SetMemoryLimit; math.MaxInt64 when none).
	Limit uint64 `json:"limit"`
	// GOGC is the collector's percentage (debug.SetGCPercent).
	GOGC uint64 `json:"gogc"`
	// GCs is how many collections have run.
	GCs uint64 `json:"gcs"`
}

var names = []string{
	"/memory/classes/total:bytes",
	"/memory/classes/heap/objects:bytes",
	"/gc/heap/live:bytes",
	"/gc/heap/goal:bytes",
	"/memory/classes/heap/free:bytes",
	"/memory/classes/heap/released:bytes",
	"/gc/gomemlimit:bytes",
	"/gc/gogc:percent",
	"/gc/cycles/total:gc-cycles",
}

// Read reads this instance's memory; linear is its WebAssembly memory's size in bytes (0 if
// unknown).
func Read(name string, linear int64) Instance {
	samples := make([]metrics.Sample, len(names))
	for i, n := range names {
		samples[i].Name = n
	}
	metrics.Read(samples)
	v := func(i int) uint64 {
		if samples[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return samples[i].Value.Uint64()
	}
	return Instance{
		Name: name, Linear: linear,
		Mapped: v(0), HeapObjects: v(1), HeapLive: v(2), HeapGoal: v(3), HeapFree: v(4) + v(5),
		Limit: v(6), GOGC: v(7), GCs: v(8),
	}
}

// String is the instance on one line, in MB (2^20 bytes).
func (in Instance) String() string {
	limit := "none"
	if in.Limit < 1<<62 {
		limit = mb(in.Limit)
	}
	return fmt.Sprintf("%-9s linear %s, Go mapped %s: objects %s (live %s at the last of %d GCs, goal %s), free %s; GOGC %d, limit %s",
		in.Name, mb(uint64(in.Linear)), mb(in.Mapped), mb(in.HeapObjects), mb(in.HeapLive), in.GCs, mb(in.HeapGoal),
		mb(in.HeapFree), in.GOGC, limit)
}

func mb(b uint64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }
