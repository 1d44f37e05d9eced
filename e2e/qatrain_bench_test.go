package e2e

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"fabulist/internal/need"
)

// TestBenchQATrainBrowser is `make bench-qa-browser`: the question model (book-sized, as
// `fabulist qa train` and BenchmarkQATrain train it) training in the page on FairytaleQA's train
// split, dropped as a zip, on one worker and then on two, for a number of batches, and the
// pairs a second the page reports then. All the split's examples are given, so that the
// vocabulary (its 5,000 most frequent words) and so the output layer are BenchmarkQATrain's:
// compare with `go test -run '^$' -bench BenchmarkQATrain ./model/qa`, the native figure on the
// same cores. A benchmark, not a test: it runs only with FABULIST_BENCH_BROWSER=1 and asserts
// nothing about the figures. FABULIST_BENCH_QA_BATCHES sets the batches (default 10).
func TestBenchQATrainBrowser(t *testing.T) {
	if os.Getenv("FABULIST_BENCH_BROWSER") == "" {
		t.Skip("a benchmark: run it with make bench-qa-browser")
	}
	batches := 10
	if s := os.Getenv("FABULIST_BENCH_QA_BATCHES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("FABULIST_BENCH_QA_BATCHES=%q: want a whole number, at least 1", s)
		}
		batches = n
	}
	data := zipSplit(t, need.DataPath(t, "fairytaleqa"), "train")
	for _, workers := range []int{1, 2} {
		p := openStudio(t, 30*time.Minute)
		ready(p)
		p.do(setField("workers", strconv.Itoa(workers)))
		chooseDataset(p, map[string][]byte{"fairytaleqa-train.zip": data})
		p.do(setField("qa-epochs", "1"), setField("qa-examples", "0"), setField("qa-size", "book"))
		p.js(fmt.Sprintf(`new MutationObserver((_, obs) => { const d = document.getElementById("qa-progress").dataset;
			if (d.phase === "training" && +d.batch >= %d) { document.getElementById("qa-stop").click(); obs.disconnect(); }
		}).observe(document.body, {subtree: true, attributes: true, childList: true})`, batches))
		start := time.Now()
		p.do(clickID("qa-train"))
		p.waitJSFor(`document.getElementById("qa-progress").dataset.phase === "stopped"`, 25*time.Minute, qaState)
		d := evalAs[map[string]string](p, `({...document.getElementById("qa-progress").dataset})`)
		fmt.Printf("BenchmarkQATrainBrowser/arch=default/workers=%d 1 %s examples/s (%s batches of 32, %.0f s from the click)\n",
			workers, d["pairsPerS"], d["batch"], time.Since(start).Seconds())
	}
}

// zipSplit zips the questions and section-stories of one split of a FairytaleQA folder, under a
// top folder as zipping the folder makes it.
func zipSplit(t *testing.T, dir, split string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, sub := range []string{"questions", "section-stories"} {
		root := filepath.Join(dir, sub, split)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			w, err := z.Create("FairytaleQA/" + sub + "/" + split + "/" + d.Name())
			if err != nil {
				return err
			}
			_, err = w.Write(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
