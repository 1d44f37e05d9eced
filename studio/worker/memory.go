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
		case <-time.After(memoryWait):
			ins = append(ins, memstat.Instance{Name: name + " (no answer)"})
		}
	}
	b, _ := json.Marshal(ins)
	js.Global().Call("postMessage", map[string]any{"op": memoryOp, "instances": string(b)})
}
