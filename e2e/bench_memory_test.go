package e2e

import (
	"encoding/json"
	"fmt"

	"fabulist/studio/memstat"
)

// benchMemory asks the page where its memory goes (web/page.js's fabulistMemory: the page's Go
// instance, the engine's and each helper's) and prints it under label, one instance a line. It
// returns the sum of the instances' linear memories, in bytes.
func benchMemory(p *page, label string) int64 {
	p.t.Helper()
	s := evalAwait[string](p, `fabulistMemory().then((ins) => JSON.stringify(ins))`)
	var ins []memstat.Instance
	if err := json.Unmarshal([]byte(s), &ins); err != nil {
		p.t.Fatalf("fabulistMemory: %v in %s", err, s)
	}
	var linear int64
	fmt.Printf("memory, %s:\n", label)
	for _, in := range ins {
		fmt.Printf("  %s\n", in)
		linear += in.Linear
	}
	fmt.Printf("  all Go instances: linear %d MB\n", linear>>20)
	return linear
}
