package app

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/model/qa"
	"fabulist/studio/proto"
	"fabulist/studio/share"
)

// browser stands in for localStorage's draft and list of questions across page loads.
type browser struct {
	draft    *draft
	quiz     *keptQuiz
	quizErr  error // what reading the list gives, when set
	quizPuts int
}

func (b *browser) loadDraft() (draft, error) {
	if b.draft == nil {
		return draft{}, errNoDraft
	}
	return *b.draft, nil
}

func (b *browser) saveDraft(d draft, withText bool) bool {
	if !withText && b.draft != nil {
		d.Text = b.draft.Text
	}
	b.draft = &d
	return true
}

func (b *browser) loadQuiz() (keptQuiz, error) {
	switch {
	case b.quizErr != nil:
		return keptQuiz{}, b.quizErr
	case b.quiz == nil:
		return keptQuiz{}, errNoQuiz
	}
	return *b.quiz, nil
}

func (b *browser) saveQuiz(q keptQuiz) { b.quiz, b.quizPuts = &q, b.quizPuts+1 }

// load is the page loaded in b: a store that keeps its draft and list there, and has listed the
// saved workspaces (none), which brings the draft back.
func (b *browser) load(t *testing.T) (*store, *[]proto.Message) {
	t.Helper()
	st, sent := newTestStore(t)
	st.draft, st.saveDraft, st.loadQuiz, st.saveQuiz = b.loadDraft, b.saveDraft, b.loadQuiz, b.saveQuiz
	st.receive(proto.Message{Kind: proto.Saved})
	return st, sent
}

// The list as a link or the kept list carries it: what the user sees of each pair.
func quizShown(st *store) []share.Pair { return sharedQuiz(st.quizPairs()) }

// The list found, edited and put in quiz mode comes back after a reload with the draft's text; a
// list found on an earlier text comes back as it stood before the reload, marked as found on an
// earlier text, while its answers are still where they say, and a reload does not make it this
// text's; a list about another text altogether is not shown, and the panel says so. (A new user
// lost a list without a word at a reload after adding to the text.)
func TestTheListOfQuestionsSurvivesAReload(t *testing.T) {
	b := &browser{}
	before, _ := b.load(t)
	before.setText(quizText)
	before.onFindQuestions(nil, actionOf(nil))
	before.receive(proto.Message{Kind: proto.Questions, Seq: before.questionsSeq, Pairs: quizPairs()})
	before.onEditQuestion(nil, actionOf(questionEdit{Index: 0, Question: "누가 🐇 경주를 했나요?"}))
	before.onDeletePair(nil, actionOf(2))
	before.onQuizMode(nil, actionOf(true))
	want := quizShown(before)
	if len(want) != 3 {
		t.Fatalf("the list before the reload has %d pairs; want 3", len(want))
	}

	after, _ := b.load(t)
	if after.text != quizText || !reflect.DeepEqual(quizShown(after), want) || !after.v.Quiz.Mode || after.v.QA.Stale || after.v.QA.Error != "" {
		t.Errorf("after a reload: text %.20q, quiz mode %v, stale %v, error %q, list\n%+v\nwant\n%+v",
			after.text, after.v.Quiz.Mode, after.v.QA.Stale, after.v.QA.Error, quizShown(after), want)
	}
	if got := after.v.QA.Context; len(got) != 3 || got[0].Before != "" || !strings.HasPrefix(got[0].After, "와 거북이가") {
		t.Errorf("after a reload the pairs' sentences are %+v", got)
	}

	// The text grows after the answers: the list comes back marked, at every reload.
	after.setText(quizText + " The end.")
	if !after.v.QA.Stale {
		t.Fatalf("the text changed: the list is not marked as found on an earlier text")
	}
	for i := range 2 {
		again, _ := b.load(t)
		if again.text != quizText+" The end." || !reflect.DeepEqual(quizShown(again), want) || !again.v.QA.Stale || !again.v.Quiz.Mode ||
			again.v.QA.Error != "" || ownPairs(again.v.QA.Own) != 1 {
			t.Errorf("reload %d after the text grew: text %.20q, stale %v, quiz mode %v, error %q, %d the user's, list\n%+v\nwant\n%+v",
				i+1, again.text, again.v.QA.Stale, again.v.Quiz.Mode, again.v.QA.Error, ownPairs(again.v.QA.Own), quizShown(again), want)
		}
	}

	// Another text altogether: no list, and a note that says whose the kept one is.
	other, _ := b.load(t)
	other.setText("A wholly different story, about a fox.")
	other.onFindQuestions(nil, actionOf(nil)) // a first press, which asks: the list holds the user's edit
	other.setText("Yet another story.")
	last, _ := b.load(t)
	if len(last.quizPairs()) != 0 || last.v.QA.Error != "" || !strings.Contains(last.v.QA.Note, "3 questions kept in this browser are about another text") {
		t.Errorf("after a reload on another text: %d pairs, error %q, note %q; want no list and a note saying why",
			len(last.quizPairs()), last.v.QA.Error, last.v.QA.Note)
	}
}

// A quiz link's text and quiz, in the sender's quiz mode, are still there after a reload (the
// address no longer holds the link), newer than a workspace saved before.
func TestAQuizLinkSurvivesAReload(t *testing.T) {
	pairs := sharedQuiz(quizPairs())
	link, err := share.Encode(share.Payload{Config: lm.QuickConfig(), Gen: lm.DefaultGenOptions(), Text: quizText, Quiz: pairs, QuizMode: true})
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{}
	opened, _ := b.load(t)
	opened.openAddress(addressNote{Fragment: link})
	if !opened.v.Quiz.Mode || !reflect.DeepEqual(quizShown(opened), pairs) {
		t.Fatalf("the link opened in quiz mode %v with\n%+v", opened.v.Quiz.Mode, quizShown(opened))
	}

	after, sent := newTestStore(t)
	after.draft, after.saveDraft, after.loadQuiz, after.saveQuiz = b.loadDraft, b.saveDraft, b.loadQuiz, b.saveQuiz
	after.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "older", Updated: 1}}})
	for _, m := range *sent {
		if m.Kind == proto.Open {
			t.Fatalf("after the reload the older workspace was opened in place of the link's text")
		}
	}
	if after.text != quizText || after.v.Config != lm.QuickConfig() || !after.v.Quiz.Mode || !reflect.DeepEqual(quizShown(after), pairs) {
		t.Errorf("after a reload: text %.20q, quiz mode %v, config %+v, list\n%+v\nwant the link's\n%+v",
			after.text, after.v.Quiz.Mode, after.v.Config, quizShown(after), pairs)
	}
}

// A kept list that does not read, or whose answers are not where it says, is not shown, and the
// panel says so.
func TestAKeptListThatDoesNotFitIsNotShown(t *testing.T) {
	moved := sharedQuiz(quizPairs())
	moved[1].Start++
	for name, b := range map[string]*browser{
		"unreadable": {quizErr: errors.New("it does not parse")},
		"moved":      {quiz: &keptQuiz{Text: textSum(quizText), Pairs: moved}},
		"no method":  {quiz: &keptQuiz{Text: textSum(quizText), Pairs: []share.Pair{{Question: "Who?", Answer: "토끼", Start: 0, End: 2, Method: qa.Method("x")}}}},
	} {
		t.Run(name, func(t *testing.T) {
			b.draft = &draft{Text: quizText, Config: lm.DefaultConfig(), Updated: 1}
			st, _ := b.load(t)
			if st.text != quizText || len(st.quizPairs()) != 0 || !strings.Contains(st.v.QA.Error, "could not be brought back") {
				t.Errorf("got text %.20q, %d pairs, panel error %q; want the text, no list, and why", st.text, len(st.quizPairs()), st.v.QA.Error)
			}
		})
	}
}

// Quiz mode goes with a shared quiz: a version-3 link opens in quiz mode, and a version-2 one
// (shared with the answers showing) opens out of it, whatever mode the receiver was in.
func TestASharedQuizOpensInTheSendersMode(t *testing.T) {
	for _, mode := range []bool{true, false} {
		st, _ := newQuizStore(t)
		st.clipboard = func(string, func(bool)) bool { return false }
		st.onQuizMode(nil, actionOf(mode))
		st.share(nil, false)
		if want := map[bool]string{true: "#s=3.", false: "#s=2."}[mode]; !strings.HasPrefix(st.v.Share, want) {
			t.Errorf("quiz mode %v: the link starts %.6q; want %s", mode, st.v.Share, want)
		}
		if said := strings.Contains(st.v.ShareMsg, "in quiz mode"); said != mode {
			t.Errorf("quiz mode %v: the message %q says quiz mode %v", mode, st.v.ShareMsg, said)
		}
		fresh, _ := newQuizStore(t)
		fresh.onQuizMode(nil, actionOf(!mode))
		fresh.openAddress(addressNote{Fragment: st.v.Share})
		if fresh.v.Error != "" || fresh.v.Quiz.Mode != mode || len(fresh.quizPairs()) != 4 {
			t.Errorf("shared in quiz mode %v: opened with error %q in quiz mode %v with %d pairs", mode, fresh.v.Error, fresh.v.Quiz.Mode, len(fresh.quizPairs()))
		}
	}
}

// A kept answer across a line break of the text fits it on one line, as the generators write
// it, and as it stands, as lists kept before they did hold it; other words do not.
func TestAKeptAnswerAcrossALineBreakFits(t *testing.T) {
	const text = "Mercury dived into\r\nthe river."
	for _, c := range []struct {
		answer string
		ok     bool
	}{{"into the river", true}, {"into\r\nthe river", true}, {"into the sea", false}} {
		err := checkKeptPairs(text, []share.Pair{{Question: "Where did Mercury dive?", Answer: c.answer, Start: 14, End: 29, Method: qa.ByRules}})
		if (err == nil) != c.ok {
			t.Errorf("%q: %v; want ok %v", c.answer, err, c.ok)
		}
	}
}
