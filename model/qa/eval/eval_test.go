package eval

import (
	"testing"

	"fabulist/internal/need"
	"fabulist/model/qa"
	"fabulist/model/qa/dataset"
	"fabulist/model/qa/passage"
	"fabulist/model/qa/rules"
)

// TestFairytaleQAValidation scores the rules and the identity-cloze baseline on FairytaleQA's
// validation spans. The figures are the measurements, not goals tested here; the test
// checks that scoring runs over all 586 spans and that the scores are in range.
func TestFairytaleQAValidation(t *testing.T) {
	dir := need.DataPath(t, "fairytaleqa")
	set, err := dataset.ReadFairytaleQA(dir, "val")
	if err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]qa.Generator{"rules": rules.Generator{}, "baseline": rules.Baseline{}} {
		r, err := Questions(g, set)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: n %d, BLEU-1..4 %.2f %.2f %.2f %.2f, ROUGE-L %.2f", name, r.N,
			100*r.BLEU[0], 100*r.BLEU[1], 100*r.BLEU[2], 100*r.BLEU4, 100*r.RougeL)
		if r.N != 586 {
			t.Errorf("%s: %d spans scored; want 586", name, r.N)
		}
		if !(r.BLEU4 > 0 && r.BLEU4 < 1 && r.RougeL > 0 && r.RougeL < 1) {
			t.Errorf("%s: scores %+v out of (0, 1)", name, r)
		}
	}
}

func TestTaggerBaselineOnFairytaleQA(t *testing.T) {
	dir := need.DataPath(t, "fairytaleqa")
	set, err := dataset.ReadFairytaleQA(dir, "val")
	if err != nil {
		t.Fatal(err)
	}
	r := Tagger(set, CapitalsAndNumbers)
	t.Logf("capitals and numbers: precision %.3f, recall %.3f, F1 %.3f", r.Precision, r.Recall, r.F1)
	if !(r.F1 > 0 && r.F1 < 1) {
		t.Errorf("F1 %g out of (0, 1)", r.F1)
	}
	all := Tagger(set, func(_ []string, toks []passage.Token) []bool {
		out := make([]bool, len(toks))
		for k := range out {
			out[k] = true
		}
		return out
	})
	if all.Recall != 1 {
		t.Errorf("tagging every token: recall %g; want 1", all.Recall)
	}
}
