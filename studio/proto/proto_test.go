package proto

import (
	"strings"
	"testing"

	"fabulist/model/lm"
)

func TestRoundTripAndVersion(t *testing.T) {
	cfg := lm.QuickConfig()
	in := Message{Kind: Train, Seq: 3, Text: "토끼 🐢 \"quoted\"", Config: &cfg}
	out, err := Decode(Encode(in))
	if err != nil || out.Kind != Train || out.Seq != 3 || out.Text != in.Text || *out.Config != cfg || out.V != Version {
		t.Fatalf("round trip: got %+v, %v", out, err)
	}
	if _, err := Decode(`{"v":99,"kind":"train"}`); err == nil || !strings.Contains(err.Error(), "version 99") {
		t.Errorf("another version: got %v", err)
	}
	if _, err := Decode(`{not json`); err == nil {
		t.Error("garbage decoded")
	}
}

// TestQARoundTrip checks the question model's messages: the options and progress travel in the
// JSON, the dataset's files beside it (never in it).
func TestQARoundTrip(t *testing.T) {
	val := 3.5
	in := Message{Kind: QATrain, Seq: 4, FileNames: []string{"FairytaleQA/questions/train/여우-questions.csv"},
		Files: [][]byte{[]byte("question_id")}, QATrain: &QATrainOptions{Epochs: 2, Examples: 300, Size: "small", Workers: 2},
		QARun: &QARunProgress{Epoch: 1, Epochs: 2, ValQuestion: &val}, QALosses: []QALoss{{Tagger: 0.5, Question: 6}},
		QAHeld: []QAHeldQuestion{{Epoch: 1, Passage: "옛날 🦊", Answer: "🦊", Asked: "누구?"}}}
	wire := Encode(in)
	if strings.Contains(wire, "question_id") {
		t.Errorf("the files went into the JSON: %s", wire)
	}
	out, err := Decode(wire)
	if err != nil || out.Kind != QATrain || out.FileNames[0] != in.FileNames[0] || *out.QATrain != *in.QATrain ||
		*out.QARun.ValQuestion != val || out.QALosses[0] != in.QALosses[0] || out.QAHeld[0] != in.QAHeld[0] || out.Files != nil {
		t.Fatalf("round trip: got %+v, %v", out, err)
	}
}
