package app

import (
	"regexp"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/qa"
	"fabulist/studio/proto"
)

// Element ids are the tests' and scripts' hooks: getElementById takes the first of two, so a
// panel that reuses another's id hides that one's text from them (the Questions panel's
// qa-status and qa-error once blanked the question model's training panel's). Every panel here
// shows what it can: pairs, errors, notes, a training run's progress and a quiz.
func TestEveryIDIsUsedOnce(t *testing.T) {
	v := trainingView()
	v.QA = QAView{Pairs: []qa.Pair{{Question: "Who saw the grapes?", Answer: "fox", Start: 4, End: 7, Method: qa.ByRules}},
		Context: []PairContext{{Before: "The ", After: " saw."}}, Note: "a note", Error: "an error", Stale: true, Beam: 5,
		Model: &proto.QAModelInfo{Arch: "default", Vocab: 5, Params: 9, Epochs: 1, ValLoss: 2}}
	v.QATrain = QATrainView{Files: []string{"ftq.zip"}, Phase: proto.Training, Error: "an error",
		Progress: proto.QARunProgress{Epoch: 1, Epochs: 2, Batch: 1, Batches: 3},
		Losses:   []proto.QALoss{{Tagger: 1, Question: 2}, {Tagger: 1, Question: 2}},
		Held:     []proto.QAHeldQuestion{{Epoch: 1, Passage: "p", Answer: "a", Want: "w", Asked: "q"}}}
	for _, quiz := range []bool{false, true} {
		v.Quiz = QuizView{Mode: quiz, Msg: "exported"}
		seen := map[string]int{}
		for _, m := range regexp.MustCompile(`\sid="([^"]+)"`).FindAllStringSubmatch(app.HTMLString(&Studio{v: v}), -1) {
			seen[m[1]]++
		}
		if len(seen) < 50 {
			t.Fatalf("quiz mode %v: only %d ids in the studio: the view did not render its panels", quiz, len(seen))
		}
		for id, n := range seen {
			if n > 1 {
				t.Errorf("quiz mode %v: id %q is used %d times", quiz, id, n)
			}
		}
	}
}
