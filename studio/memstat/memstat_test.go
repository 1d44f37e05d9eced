package memstat

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestReadSeesALiveSlice checks that every figure is read (a misspelt metric reads as 0) and that
// a slice kept alive across a collection shows in the live heap.
func TestReadSeesALiveSlice(t *testing.T) {
	const size = 32 << 20
	keep := make([]byte, size)
	runtime.GC()
	in := Read("test", 5<<20)
	runtime.KeepAlive(keep)
	if in.HeapLive < size {
		t.Errorf("HeapLive = %d; want at least the %d bytes kept alive", in.HeapLive, size)
	}
	if in.HeapObjects < size || in.Mapped < in.HeapObjects {
		t.Errorf("HeapObjects = %d, Mapped = %d; want %d ≤ HeapObjects ≤ Mapped", in.HeapObjects, in.Mapped, size)
	}
	if in.HeapGoal < in.HeapLive {
		t.Errorf("HeapGoal = %d; want at least HeapLive %d", in.HeapGoal, in.HeapLive)
	}
	if in.GCs == 0 || in.GOGC != uint64(debug.SetGCPercent(-1)) {
		t.Errorf("GCs = %d, GOGC = %d; want a collection counted and the process's GOGC", in.GCs, in.GOGC)
	}
	debug.SetGCPercent(int(in.GOGC))
	if in.Name != "test" || in.Linear != 5<<20 {
		t.Errorf("Name, Linear = %q, %d; want %q, %d", in.Name, in.Linear, "test", 5<<20)
	}
	if s := in.String(); !strings.HasPrefix(s, "test ") || !strings.Contains(s, "linear 5.0 MB") || !strings.Contains(s, "limit none") {
		t.Errorf("String() = %q; want the name, linear 5.0 MB and limit none", s)
	}
}
