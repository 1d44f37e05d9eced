package lm

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// SampleOptions shape the next-token distribution before drawing from it.
type SampleOptions struct {
	Temperature float64 `json:"temperature"` // 0 takes the most likely token
	TopK        int     `json:"top_k"`       // 0 keeps every token
	TopP        float64 `json:"top_p"`       // 1 keeps every token
}

// Validate explains an option out of range.
func (o SampleOptions) Validate() error {
	return firstFieldError(o.fieldErrors(map[string]string{}), sampleFields)
}

// sampleFields are SampleOptions' JSON names in the order a form shows them.
var sampleFields = []string{"temperature", "top_k", "top_p"}

// fieldErrors adds to errs, by JSON name, what is wrong with each option out of range.
func (o SampleOptions) fieldErrors(errs map[string]string) map[string]string {
	if !(o.Temperature >= 0 && o.Temperature <= 10) {
		errs["temperature"] = "temperature must be between 0 and 10"
	}
	if o.TopK < 0 || o.TopK > MaxVocab {
		errs["top_k"] = fmt.Sprintf("top-k must be 0 (off) or at most %d", MaxVocab)
	}
	if !(o.TopP > 0 && o.TopP <= 1) {
		errs["top_p"] = "top-p must be above 0 and at most 1"
	}
	return errs
}

// firstFieldError is the message of the first of fields (in a form's order) that errs holds.
func firstFieldError(errs map[string]string, fields []string) error {
	for _, f := range fields {
		if msg, ok := errs[f]; ok {
			return errors.New(msg)
		}
	}
	return nil
}

// Sampler draws token ids from logits with an explicit random source; its scratch space is reused,
// so sampling allocates nothing once warm.
type Sampler struct {
	p     []float64
	order []int32
}

// Sample draws an id from logits (V), never the reserved id 0: softmax(logits / T), then keeps the
// TopK most likely and the smallest set of those whose probability reaches TopP, renormalised.
func (s *Sampler) Sample(logits []float32, o SampleOptions, rng *rand.Rand) int32 {
	if o.Temperature == 0 {
		best := int32(1)
		for j := 2; j < len(logits); j++ {
			if logits[j] > logits[best] {
				best = int32(j)
			}
		}
		return best
	}
	V := len(logits)
	s.p = slices.Grow(s.p[:0], V)[:V]
	m := math.Inf(-1)
	for _, v := range logits[1:] {
		m = max(m, float64(v))
	}
	var sum float64
	s.p[0] = 0
	for j := 1; j < V; j++ {
		e := math.Exp((float64(logits[j]) - m) / o.Temperature)
		s.p[j] = e
		sum += e
	}
	if (o.TopK > 0 && o.TopK < V-1) || o.TopP < 1 {
		sum = s.truncate(o, sum)
	}
	r := rng.Float64() * sum
	last := int32(1)
	for j := 1; j < V; j++ {
		if s.p[j] == 0 {
			continue
		}
		last = int32(j)
		r -= s.p[j]
		if r < 0 {
			return int32(j)
		}
	}
	return last // rounding left a crumb of r
}

// truncate zeroes the weights outside top-k and top-p and returns the new sum.
func (s *Sampler) truncate(o SampleOptions, sum float64) float64 {
	V := len(s.p)
	s.order = slices.Grow(s.order[:0], V-1)[:V-1]
	for j := range s.order {
		s.order[j] = int32(j + 1)
	}
	slices.SortStableFunc(s.order, func(a, b int32) int {
		switch {
		case s.p[a] > s.p[b]:
			return -1
		case s.p[a] < s.p[b]:
			return 1
		}
		return 0
	})
	keep := len(s.order)
	if o.TopK > 0 {
		keep = min(keep, o.TopK)
	}
	if o.TopP < 1 {
		var c float64
		for i, id := range s.order[:keep] {
			c += s.p[id] / sum
			if c >= o.TopP {
				keep = i + 1
				break
			}
		}
	}
	var kept float64
	for i, id := range s.order {
		if i >= keep {
			s.p[id] = 0
		} else {
			kept += s.p[id]
		}
	}
	return kept
}

// Candidate is one possible next token with its probability.
type Candidate struct {
	Token string  `json:"token"`
	ID    int32   `json:"id"`
	P     float64 `json:"p"`
}

// TopN returns the n most likely next tokens of probs (V), most likely first, skipping id 0: all
// of them when n ≥ V-1.
func TopN(probs []float32, n int, tok *Tokenizer) []Candidate {
	ids := make([]int32, 0, len(probs))
	for j := 1; j < len(probs); j++ {
		ids = append(ids, int32(j))
	}
	slices.SortStableFunc(ids, func(a, b int32) int {
		switch {
		case probs[a] > probs[b]:
			return -1
		case probs[a] < probs[b]:
			return 1
		}
		return 0
	})
	ids = ids[:max(0, min(n, len(ids)))]
	out := make([]Candidate, 0, len(ids))
	for _, id := range ids {
		out = append(out, Candidate{Token: tok.Token(id), ID: id, P: float64(probs[id])})
	}
	return out
}
