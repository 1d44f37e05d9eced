package metric

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// cocoCase is one corpus of testdata/coco.json with the scores coco-caption's own scorer gave
// it (testdata/coco_reference.py says how the file was made).
type cocoCase struct {
	Name       string     `json:"name"`
	Hyps       []string   `json:"hyps"`
	Refs       [][]string `json:"refs"`
	BLEU       []float64  `json:"bleu"`
	RougeL     *float64   `json:"rouge_l"`
	RougeLEach []float64  `json:"rouge_l_each"`
}

// TestAgainstCoco checks BLEU and ROUGE-L against numbers produced by running the original
// coco-caption scorer (Python 2.7) on the same corpora. The Go code does the same float64
// operations in the same order, so the tolerance is only for Pow/Exp differences in the last bits.
func TestAgainstCoco(t *testing.T) {
	data, err := os.ReadFile("testdata/coco.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []cocoCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) == 0 {
		t.Fatal("testdata/coco.json holds no cases")
	}
	for _, c := range file.Cases {
		t.Run(c.Name, func(t *testing.T) {
			hyps := make([][]string, len(c.Hyps))
			refs := make([][][]string, len(c.Refs))
			for i, h := range c.Hyps {
				hyps[i] = strings.Fields(h)
				for _, r := range c.Refs[i] {
					refs[i] = append(refs[i], strings.Fields(r))
				}
			}
			got := BLEU(hyps, refs)
			for k := range got {
				if !close(got[k], c.BLEU[k], 1e-12) {
					t.Errorf("BLEU-%d = %.17g; coco %.17g", k+1, got[k], c.BLEU[k])
				}
			}
			if c.RougeL == nil {
				return // coco scores an empty hypothesis as one empty token; see RougeL
			}
			for i := range hyps {
				if g := RougeL(hyps[i], refs[i]); !close(g, c.RougeLEach[i], 1e-12) {
					t.Errorf("RougeL of segment %d = %.17g; coco %.17g", i, g, c.RougeLEach[i])
				}
			}
			if g := CorpusRougeL(hyps, refs); !close(g, *c.RougeL, 1e-12) {
				t.Errorf("CorpusRougeL = %.17g; coco %.17g", g, *c.RougeL)
			}
		})
	}
}
