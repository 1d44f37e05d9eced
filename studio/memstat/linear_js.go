//go:build js && wasm

package memstat

import "syscall/js"

// LinearGlobal is the global where web/page.js and web/worker.js keep the instance's
// WebAssembly.Memory (instance.exports.mem), for its size.
const LinearGlobal = "fabulistWasmMemory"

// ReadHere reads this instance's memory, its linear memory's size from LinearGlobal.
func ReadHere(name string) Instance {
	var linear int64
	if m := js.Global().Get(LinearGlobal); m.Truthy() {
		linear = int64(m.Get("buffer").Get("byteLength").Float())
	}
	return Read(name, linear)
}
