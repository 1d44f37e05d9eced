package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/qa"
	"fabulist/studio/proto"
)

// An open question model does not take Ask over: the rules ask until the user picks the model.
func TestAskUsesTheGeneratorTheUserChose(t *testing.T) {
	st, sent := newTestStore(t)
	st.loadText("The Fox ran far.")
	st.receive(proto.Message{Kind: proto.Imported, QAModel: &proto.QAModelInfo{Arch: "default", Vocab: 50, ValLoss: -1}})
	ask := func() qa.Method {
		st.onAskQuestion(nil, actionOf(boxSpan{Start: 4, End: 7}))
		return (*sent)[len(*sent)-1].Ask
	}
	if got := ask(); got != qa.ByRules {
		t.Errorf("with a model open and no choice made, Ask asked with %q; want the rules", got)
	}
	st.onQAAskWith(nil, actionOf(qa.ByModel))
	if got := ask(); got != qa.ByModel {
		t.Errorf("after choosing the model, Ask asked with %q", got)
	}
	st.onQAAskWith(nil, actionOf(qa.Method("oracle")))
	if st.v.QA.AskWith != qa.ByModel {
		t.Errorf("an unknown generator was taken: %q", st.v.QA.AskWith)
	}
}

// Close question model: the worker is asked, and its answer leaves the panels without a model;
// a refusal leaves it open and says why in the Questions panel.
func TestCloseQuestionModel(t *testing.T) {
	st, sent := newTestStore(t)
	info := &proto.QAModelInfo{Arch: "default", Vocab: 50, Epochs: 1, ValLoss: 3}
	st.receive(proto.Message{Kind: proto.QAState, Seq: 0, State: proto.Done, QAModel: info, QARun: &proto.QARunProgress{Epochs: 1}})
	st.v.QATrain.Files, st.v.QATrain.Losses = []string{"ftq.zip"}, []proto.QALoss{{Tagger: 1, Question: 2}}
	st.onQAAskWith(nil, actionOf(qa.ByModel))

	st.onQAClose(nil, app.Action{})
	close := (*sent)[len(*sent)-1]
	if close.Kind != proto.QAClose {
		t.Fatalf("sent %s; want %s", close.Kind, proto.QAClose)
	}
	st.receive(proto.Message{Kind: proto.Error, Seq: close.Seq, Error: "the question model is training: stop it first, then close it"})
	if st.v.QA.Model != info || st.v.QA.Error != "The question model is training: stop it first, then close it." || st.v.Error != "" {
		t.Errorf("after a refusal: model %v, panel error %q, banner %q", st.v.QA.Model, st.v.QA.Error, st.v.Error)
	}

	// The model's pairs, and the note that came with them, go with it; the rules' stay.
	rules := qa.Pair{Question: "Who ran?", Answer: "Fox", Start: 4, End: 7, Method: qa.ByRules}
	st.v.QA.Pairs = []qa.Pair{rules, {Question: "The the the?", Answer: "Fox", Start: 4, End: 7, Method: qa.ByModel}}
	st.v.QA.Context = []PairContext{{Before: "A "}, {Before: "The "}}
	st.v.QA.Note = "1 of the model's questions repeats a word"
	st.onQAClose(nil, app.Action{})
	close = (*sent)[len(*sent)-1]
	st.receive(proto.Message{Kind: proto.QAState, Seq: close.Seq, State: proto.Idle})
	q, tr := st.v.QA, st.v.QATrain
	if len(q.Pairs) != 1 || q.Pairs[0] != rules || len(q.Context) != 1 || q.Context[0].Before != "A " || q.Note != "" {
		t.Errorf("after close the list is %+v, %+v, note %q; want the rules' pair alone, no note", q.Pairs, q.Context, q.Note)
	}
	if q.Model != nil || q.AskWith != qa.ByRules || tr.Phase != "" || tr.Losses != nil || tr.Files[0] != "ftq.zip" {
		t.Errorf("after close: model %v, ask with %q, training view %+v; want no model, the rules, the dataset still chosen", q.Model, q.AskWith, tr)
	}
	html := app.HTMLString(&QuestionsPanel{QA: st.v.QA, Ready: true})
	if strings.Contains(html, `id="qa-close"`) || strings.Contains(html, `id="qa-ask-with"`) {
		t.Errorf("with no model the panel offers to close one or ask with it:\n%s", html)
	}
}

// Closing the question model keeps the user's work among its pairs: a model's question the user
// rewrote, and one the user asked the model about a selection, stay; the model's own finds go.
func TestCloseQuestionModelKeepsTheUsersPairs(t *testing.T) {
	st, sent := newTestStore(t)
	info := &proto.QAModelInfo{Arch: "default", Vocab: 50, Epochs: 1, ValLoss: 3}
	st.receive(proto.Message{Kind: proto.QAState, Seq: 0, State: proto.Done, QAModel: info, QARun: &proto.QARunProgress{Epochs: 1}})
	found := qa.Pair{Question: "Who did ran?", Answer: "Fox", Start: 4, End: 7, Method: qa.ByModel}
	asked := qa.Pair{Question: "Where did the Fox run?", Answer: "far", Start: 12, End: 15, Method: qa.ByModel}
	st.v.QA.Pairs = []qa.Pair{found, found, asked}
	st.v.QA.Context = []PairContext{{Before: "1"}, {Before: "2"}, {Before: "3"}}
	st.v.QA.Own = []bool{false, false, true}
	st.onEditQuestion(nil, actionOf(questionEdit{Index: 1, Question: "Who ran far?"}))

	st.onQAClose(nil, app.Action{})
	close := (*sent)[len(*sent)-1]
	st.receive(proto.Message{Kind: proto.QAState, Seq: close.Seq, State: proto.Idle})
	q := st.v.QA
	var got []string
	for i, p := range q.Pairs {
		got = append(got, p.Question+" @"+q.Context[i].Before)
	}
	if want := []string{"Who ran far? @2", "Where did the Fox run? @3"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("after close the list is %q; want the rewritten and the asked pair, each with its place: %q", got, want)
	}
	if len(q.Own) != 2 || !q.Own[0] || !q.Own[1] {
		t.Errorf("after close the pairs' marks are %v; want both the user's", q.Own)
	}
}

// With a model open the panel has Close and the choice of generator; a model's question that
// repeats a word is marked, not shown silently.
func TestQuestionsPanelWithAModel(t *testing.T) {
	q := QAView{Model: &proto.QAModelInfo{Arch: "default", Vocab: 50, ValLoss: -1}, Beam: 5, AskWith: qa.ByRules,
		Pairs: []qa.Pair{
			{Question: "Who ran?", Answer: "Fox", Start: 4, End: 7, Method: qa.ByRules},
			{Question: "The the the the?", Answer: "Fox", Start: 4, End: 7, Method: qa.ByModel},
		}, Context: make([]PairContext, 2)}
	html := app.HTMLString(&QuestionsPanel{QA: q, Ready: true})
	for _, want := range []string{`id="qa-close"`, `id="qa-ask-with"`, `class="pair degenerate"`, `class="qa-degenerate"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the panel has no %s:\n%s", want, html)
		}
	}
	if n := strings.Count(html, `class="qa-degenerate"`); n != 1 {
		t.Errorf("%d questions marked as repeating a word; want the model's one", n)
	}
}
