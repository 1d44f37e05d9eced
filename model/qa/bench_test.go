package qa

import (
	"testing"

	"fabulist/internal/need"
	"fabulist/model/qa/dataset"
)

// BenchmarkQATrain trains the default question model (DefaultConfig, a 5,000-word vocabulary) on
// FairytaleQA's training spans and reports examples (passage, answer, question) per second;
// make bench runs it natively and in wasm.
func BenchmarkQATrain(b *testing.B) {
	set, err := dataset.ReadFairytaleQA(need.DataPath(b, "fairytaleqa"), "train")
	if err != nil {
		b.Fatal(err)
	}
	v, train, _, err := PrepareSet(set, nil, 5000)
	if err != nil {
		b.Fatal(err)
	}
	r, err := NewRun(DefaultConfig(len(v.Words)), v, train, nil)
	if err != nil {
		b.Fatal(err)
	}
	r.Step() // first-touch of buffers
	b.ResetTimer()
	for b.Loop() {
		r.Step()
	}
	b.ReportMetric(float64(b.N*r.Model.Config.Batch)/b.Elapsed().Seconds(), "examples/s")
}
