package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fabulist/samples"
)

// firstPairsJS clicks Find questions and resolves to the ms until the list shows the worker's
// first answer to it (the list counts the answers it took), checked at every frame.
const firstPairsJS = `new Promise(resolve => {
	const list = () => document.getElementById("questions"), before = Number(list().dataset.answers);
	const t0 = performance.now();
	document.getElementById("find-questions").click();
	const check = () => { // the list is looked up each time: go-app may have made it anew
		if (Number(list().dataset.answers) > before && list().querySelector(".pair")) resolve(performance.now() - t0);
		else requestAnimationFrame(check);
	};
	requestAnimationFrame(check);
})`

// benchQuestions is make bench-browser's questions section: how long Find questions takes to show
// its first pairs (the rules'), from the click, on the 550-word sample fables and on ten copies of
// them (5,500 words), in one browser. It prints the median of benchRounds clicks of each.
func benchQuestions(t *testing.T) {
	b, err := samples.FS.ReadFile("fables.txt")
	if err != nil {
		t.Fatal(err)
	}
	fables := string(b)
	p := openStudio(t, 10*time.Minute)
	ready(p)
	var bench []string
	fmt.Printf("\nFind questions, from the click to the first pairs on the page (the rules'), median of %d:\n", benchRounds)
	for _, c := range []struct{ name, bench, text string }{
		{"sample fables, 550 words", "words=550", fables},
		{"ten copies, 5,500 words", "words=5500", strings.Repeat(fables+"\n\n", 10)},
	} {
		openTextFile(p, c.text)
		p.waitJS(fmt.Sprintf(`document.getElementById("corpus").value.length > %d`, len(c.text)/2))
		var ms []float64
		for range benchRounds {
			d := evalAwait[float64](p, firstPairsJS)
			ms = append(ms, d)
			bench = append(bench, fmt.Sprintf("BenchmarkBrowserQuestions/%s 1 %.1f ms-first-pairs", c.bench, d))
		}
		fmt.Printf("  %-28s %.0f ms (%s)\n", c.name, median(ms, func(f float64) float64 { return f }), joinMs(ms))
	}
	fmt.Printf("\n%s\n\n", strings.Join(bench, "\n"))
}

func joinMs(ms []float64) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = fmt.Sprintf("%.0f", m)
	}
	return strings.Join(s, ", ")
}
