package qa

import (
	"testing"

	"fabulist/internal/need"
	"fabulist/model/qa/dataset"
)

// BenchmarkQATrainBook trains the book's architecture (BookConfig, a 5,000-word vocabulary) on
// FairytaleQA's training spans and reports examples per second, beside BenchmarkQATrain's
// default.
func BenchmarkQATrainBook(b *testing.B) {
	set, err := dataset.ReadFairytaleQA(need.DataPath(b, "fairytaleqa"), "train")
	if err != nil {
		b.Fatal(err)
	}
	v, train, _, err := PrepareSet(set, nil, 5000)
	if err != nil {
		b.Fatal(err)
	}
	r, err := NewRun(BookConfig(len(v.Words)), v, train, nil)
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
