//go:build js && wasm

package worker

import "syscall/js"

// Stamps name the moments of a data-parallel step in a Chromium trace, so that a step's timeline
// can be read for the coordinator and each helper side by side (e2e's timeline bench,
// DEVELOPERS.md "Where a two-worker step goes"). Each is console.timeStamp(name): a trace event
// (devtools.timeline, "TimeStamp") while Chromium traces, and nothing kept otherwise, unlike
// performance.mark, whose entries would pile up over a run. A stamp costs one call into
// JavaScript, some microseconds: a dozen a step of some 50 ms.
const (
	stampStep    = "fab:step"     // the engine starts a session.Step
	stampStepped = "fab:stepped"  // the Step returned
	stampSend    = "fab:send"     // the coordinator starts writing a helper's weights
	stampSent    = "fab:sent"     // and has posted them
	stampWait    = "fab:wait"     // its own share is done: it waits for the helper's gradient
	stampAnswer  = "fab:answer"   // the helper's gradient has arrived
	stampAdded   = "fab:added"    // and is added into the batch's
	stampYield   = "fab:yield"    // the engine hands the thread to the event loop
	stampYielded = "fab:yielded"  // and has it back
	stampHGot    = "fab:h-got"    // a helper takes a step's message
	stampHCopied = "fab:h-copied" // it has copied the weights into Go
	stampHDone   = "fab:h-done"   // it has computed its share's gradient
	stampHPosted = "fab:h-posted" // and posted it back
)

var console = js.Global().Get("console")

// stamp marks a moment in a trace.
func stamp(name string) { console.Call("timeStamp", name) }
