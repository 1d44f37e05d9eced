package main

import (
	"flag"
	"fmt"
	"runtime"
)

// maxWorkers bounds -workers: more goroutines than this share a batch too thinly to gain.
const maxWorkers = 64

// workersFlag defines -workers on fs: the workers that share each batch, 0 (the default) for
// every core of this machine. The count it returns is resolved, 1 to maxWorkers, or a usage
// error out of range. A run is reproducible for a given count, so the count is printed and kept
// in the model (for the text generator, -resume keeps it).
func workersFlag(fs *flag.FlagSet, more string) func() (int, error) {
	n := fs.Int("workers", 0, fmt.Sprintf("workers that share each batch, 0 for every core (%d here): a run is reproducible for a given count (0 to %d%s)",
		cores(), maxWorkers, more))
	return func() (int, error) {
		if err := intIn("workers", *n, 0, maxWorkers); err != nil {
			return 0, err
		}
		if *n == 0 {
			return cores(), nil
		}
		return *n, nil
	}
}

// cores is this machine's cores that Go may use, at most maxWorkers.
func cores() int { return min(runtime.GOMAXPROCS(0), maxWorkers) }
