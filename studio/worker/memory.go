//go:build js && wasm

package worker

import (
	"encoding/json"
	"fmt"
	"syscall/js"
	"time"

	"fabulist/studio/memstat"
)

// memoryOp asks a worker for its memory and its helpers': web/page.js's fabulistMemory posts it to
// the engine, which posts it on to each helper it started. The answer, {op: memoryOp, instances:
// JSON of []memstat.Instance}, is an object without msg, which the page's Go leaves alone.
const memoryOp = "memory-stats"

// memoryWait bounds how long the engine waits for a helper's memory: a helper answers between two
// gradients, one step at most.
const memoryWait = 10 * time.Second

// answerMemory posts this worker's memory (and, in the engine, each helper's) to whoever asked.
func answerMemory(p *webPool) {
	ins := []memstat.Instance{memstat.ReadHere("engine")}
	for i, h := range p.helpers[1:] {
		h.w.Call("postMessage", map[string]any{"op": memoryOp})
		name := fmt.Sprintf("helper %d", i+1)
		select {
		case b := <-h.memory:
			var got []memstat.Instance
			if err := json.Unmarshal([]byte(b), &got); err != nil || len(got) == 0 {
				ins = append(ins, memstat.Instance{Name: name + " (unreadable)"})
				continue
			}
			got[0].Name = name
			ins = append(ins, got[0])
		case <-h.ended: // a run stopped meanwhile, and the helper with it
		case <-time.After(memoryWait):
			ins = append(ins, memstat.Instance{Name: name + " (no answer)"})
		}
	}
	b, _ := json.Marshal(ins)
	js.Global().Call("postMessage", map[string]any{"op": memoryOp, "instances": string(b)})
}

// freeBuffer lets go of the memory of an ArrayBuffer, or of a typed array's, that Go has copied
// what it needs from (or that storage has cloned): it detaches it (ArrayBuffer.prototype.transfer
// to length 0), which frees its bytes at once. Left to the worker's JavaScript collector they
// would stay until its next collection, which a worker that runs Go and little JavaScript may not
// reach for minutes: megabytes each (a model file, the weights) in the renderer's peak. Without
// transfer (browsers before 2023) it does nothing.
func freeBuffer(v js.Value) {
	if v.Type() != js.TypeObject {
		return
	}
	if b := v.Get("buffer"); b.Type() == js.TypeObject { // a typed array: its buffer
		v = b
	}
	if v.Get("transfer").Type() == js.TypeFunction && !v.Get("detached").Truthy() {
		v.Call("transfer", 0)
	}
}
