// Package qa is Fabulist's second model: it reads a passage and writes question–answer pairs about
// it, each answer a span of the passage, as in Generative Deep Learning (D. Foster), chapter 6.
// Two generators share one interface: rules that need no training (model/qa/rules), and a trained
// question model (the book's tagger and encoder–decoder, and a default that adds attention and
// copying). Its sub-packages split a passage into sentences and tokens with offsets
// (model/qa/passage), read question–answer datasets (model/qa/dataset) and score questions
// against references (model/qa/metric). Background: ../shared/QA.md in the project's workspace.
package qa

import "strings"

// Method names the generator that wrote a pair.
type Method string

const (
	ByRules Method = "rules" // the rule-based generator: no training, English only
	ByModel Method = "model" // a trained question model
)

// Pair is one question about a passage with its answer. The answer is the passage's runes
// [Start, End), so it can be highlighted where it stands, and Answer is their text as one line
// (OneLine: a hard-wrapped paragraph breaks lines inside answers, which no reader wants in a
// list, a cell or a field); Sentence is the index of the sentence that holds it. Score ranks pairs from one generator, higher first; it is not comparable between
// generators.
type Pair struct {
	Question string  `json:"question"`
	Answer   string  `json:"answer"`
	Sentence int     `json:"sentence"`
	Start    int     `json:"start"` // rune offset in the passage
	End      int     `json:"end"`   // rune offset, exclusive
	Method   Method  `json:"method"`
	Score    float64 `json:"score"`
	// Edited: someone rewrote the question after Method wrote it (the studio's list of
	// questions, which shows and exports it as theirs); no generator sets it.
	Edited bool `json:"edited,omitempty"`
}

// Generator writes question–answer pairs about a passage.
type Generator interface {
	// Pairs returns up to n pairs about passage, best first, each answer a span of passage at
	// the offsets it gives. A passage it can say nothing about gives no pairs and no error.
	Pairs(passage string, n int) ([]Pair, error)
	// Ask writes a question whose answer is the passage's runes [start, end) (answer-aware
	// generation). It returns an error when the span is out of range or empty.
	Ask(passage string, start, end int) (Pair, error)
}

// OneLine is s as one line of text: each run of white space (a hard wrap's line break and the
// indent after it among them) is one space, and none leads or trails. A Pair's Answer is its
// span's text so; compare an answer with the passage through it (OneLine(span) == Answer).
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
