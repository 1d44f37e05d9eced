package nn

import (
	"runtime"
	"sync"
)

// spreadAlign is the multiple of values each range but the last starts and ends at: a range
// then shares no cache line with the next (16 float32s are 64 bytes), and stays whole in the
// kernels' 8-wide lanes, so no range has a tail the whole slice would not.
const spreadAlign = 64

// spreadMin is the fewest values worth a goroutine: below it, starting one costs more than the
// pass it would share.
const spreadMin = 1 << 15

// Spread calls f over [0, n) in up to k contiguous ranges at once, the caller's goroutine taking
// the first, and returns when all are done. k is capped by GOMAXPROCS (1 in the browser's wasm,
// where goroutines would only take turns) and by n/spreadMin; k ≤ 1 calls f(0, n).
func Spread(n, k int, f func(lo, hi int)) {
	k = min(k, runtime.GOMAXPROCS(0), n/spreadMin)
	if k <= 1 {
		f(0, n)
		return
	}
	cut := func(i int) int { return min(n, (i*n/k)/spreadAlign*spreadAlign) }
	var wg sync.WaitGroup
	for i := 1; i < k; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hi := n
			if i < k-1 {
				hi = cut(i + 1)
			}
			f(cut(i), hi)
		}()
	}
	f(0, cut(1))
	wg.Wait()
}
