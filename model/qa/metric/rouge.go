package metric

// Beta is ROUGE-L's β: recall weighs β² times as much as precision. 1.2 is coco-caption's
// value (rouge.py: "updated ... based on discussion with Hovey").
const Beta = 1.2

// RougeL returns the ROUGE-L F-score, a fraction in [0, 1], of one tokenized hypothesis against
// its tokenized references, as coco-caption's rouge.py computes it (Lin 2004): for each
// reference, with L the length of the longest common subsequence of tokens, precision is
// L/len(hyp) and recall L/len(ref); P and R are the maximum precision and the maximum recall
// over references (each taken on its own, possibly from different references), and
//
//	F = (1 + β²)·P·R / (R + β²·P), with β = 1.2, and F = 0 when P or R is 0.
//
// An empty hypothesis scores 0, and an empty reference adds precision and recall 0. (coco
// splits an empty string into one empty token, so an empty hypothesis against an empty
// reference scores 1 there; no real question is empty.) For the same reason coco counts a
// trailing or doubled space in its input as an extra empty token: scoring nqg's src-test.txt
// (whose lines end in a space) as predictions for tgt-test.txt gives ROUGE-L 0.2512 in coco and
// 0.2571 here, on tokens split by white space; BLEU, which coco splits on white space, agrees.
//
// RougeL panics if refs is empty (coco asserts it).
func RougeL(hyp []string, refs [][]string) float64 {
	if len(refs) == 0 {
		panic("metric: RougeL: a hypothesis has no reference")
	}
	if len(hyp) == 0 {
		return 0
	}
	var p, r float64
	for _, ref := range refs {
		if len(ref) == 0 {
			continue
		}
		l := float64(lcsLen(hyp, ref))
		p = max(p, l/float64(len(hyp)))
		r = max(r, l/float64(len(ref)))
	}
	if p == 0 || r == 0 {
		return 0
	}
	return (1 + Beta*Beta) * p * r / (r + Beta*Beta*p)
}

// CorpusRougeL returns the mean of RougeL over segments: hyps[i] scored against refs[i], as
// coco's Rouge.compute_score averages. An empty corpus scores 0 (coco's NumPy mean gives NaN).
//
// CorpusRougeL panics if len(refs) != len(hyps) or a segment has no reference.
func CorpusRougeL(hyps [][]string, refs [][][]string) float64 {
	if len(hyps) != len(refs) {
		panic("metric: CorpusRougeL: hypotheses and reference sets differ in number")
	}
	if len(hyps) == 0 {
		return 0
	}
	var sum float64
	for i, hyp := range hyps {
		sum += RougeL(hyp, refs[i])
	}
	return sum / float64(len(hyps))
}

// lcsLen returns the length of the longest common subsequence of a and b, in O(len(a)·len(b))
// time and O(len(b)) memory: one row of the usual table, kept with the diagonal it needs.
func lcsLen(a, b []string) int {
	row := make([]int, len(b)+1)
	for i := range a {
		diag := 0 // row[j] of the previous i, before it is overwritten
		for j := range b {
			up := row[j+1]
			if a[i] == b[j] {
				row[j+1] = diag + 1
			} else {
				row[j+1] = max(up, row[j])
			}
			diag = up
		}
	}
	return row[len(b)]
}
