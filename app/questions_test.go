package app

import (
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/qa"
	"fabulist/studio/proto"
)

func TestOffsetsBetweenRunesAndUTF16(t *testing.T) {
	text := "a🦊b토끼 c" // the fox takes two UTF-16 units, the Hangul one each
	u := utf16Offsets([]rune(text))
	for _, c := range []struct{ runes, units int }{{0, 0}, {1, 1}, {2, 3}, {3, 4}, {5, 6}, {7, 8}} {
		if u[c.runes] != c.units {
			t.Errorf("rune %d: got %d UTF-16 units; want %d", c.runes, u[c.runes], c.units)
		}
		if got := runeOffset(text, c.units); got != c.runes {
			t.Errorf("UTF-16 offset %d: got rune %d; want %d", c.units, got, c.runes)
		}
	}
	if got := runeOffset(text, 2); got != 1 { // inside the fox's surrogate pair
		t.Errorf("inside a surrogate pair: got rune %d; want 1", got)
	}
	if got := runeOffset(text, 99); got != 7 {
		t.Errorf("past the end: got %d; want the text's 7 runes", got)
	}
}

func TestFindQuestionsKeepsTheLatestAnswer(t *testing.T) {
	st, sent := newTestStore(t)
	text := "🦊 The Fox saw the grapes. The Crow laughed."
	st.loadText(text)
	st.onFindQuestions(nil, actionOf(boxSpan{Start: 3, End: 25})) // "The Fox saw the grapes."
	m := (*sent)[len(*sent)-1]
	if m.Kind != proto.FindQuestions || m.Span == nil || *m.Span != (proto.Span{Start: 2, End: 24}) || m.Text != text || m.Beam != proto.DefaultBeam {
		t.Fatalf("sent %+v; want FindQuestions about runes [2, 24) with the default beam", m)
	}
	first := m.Seq
	st.onFindQuestions(nil, actionOf(nil))
	if m := (*sent)[len(*sent)-1]; m.Span != nil || !st.v.QA.Finding {
		t.Fatalf("a find without a selection: sent %+v; want the whole text", m)
	}
	fox := qa.Pair{Question: "Who saw the grapes?", Answer: "The Fox", Start: 2, End: 9, Method: qa.ByRules}
	st.receive(proto.Message{Kind: proto.Questions, Seq: first, Pairs: []qa.Pair{{Question: "stale"}}})
	if len(st.v.QA.Pairs) != 0 {
		t.Error("an answer to an earlier find was shown")
	}
	st.receive(proto.Message{Kind: proto.Questions, Seq: st.questionsSeq, Pairs: []qa.Pair{fox}, Pending: true})
	if q := st.v.QA; len(q.Pairs) != 1 || !q.Finding {
		t.Fatalf("rules' pairs with the model's pending: %+v", q)
	}
	if c := st.v.QA.Context[0]; c.Before != "🦊 " || c.After != " saw the grapes." || c.From16 != 3 || c.To16 != 10 || !c.InBox {
		t.Errorf("context %+v; want the sentence around the answer and UTF-16 offsets 3 to 10", c)
	}
	crow := qa.Pair{Question: "Who laughed?", Answer: "The Crow", Start: 25, End: 33, Method: qa.ByModel}
	st.receive(proto.Message{Kind: proto.Questions, Seq: st.questionsSeq, Pairs: []qa.Pair{fox, crow}})
	if q := st.v.QA; len(q.Pairs) != 2 || q.Finding {
		t.Fatalf("all pairs: %+v", q)
	}

	st.onEditQuestion(nil, actionOf(questionEdit{Index: 1, Question: "  Who   laughed at the Fox? "}))
	st.onEditQuestion(nil, actionOf(questionEdit{Index: 0, Question: "   "}))
	if q := st.v.QA.Pairs; q[1].Question != "Who laughed at the Fox?" || q[0].Question != fox.Question {
		t.Errorf("after edits: %q, %q", q[0].Question, q[1].Question)
	}
	st.onDeletePair(nil, actionOf(0))
	if q := st.v.QA; len(q.Pairs) != 1 || q.Pairs[0].Answer != "The Crow" || len(q.Context) != 1 {
		t.Errorf("after deleting the first: %+v", q.Pairs)
	}

	// Asking adds a pair in the text's order.
	st.onAskQuestion(nil, actionOf(boxSpan{Start: 19, End: 25})) // "grapes"
	if m := (*sent)[len(*sent)-1]; m.Kind != proto.AskQuestion || *m.Span != (proto.Span{Start: 18, End: 24}) {
		t.Fatalf("sent %+v; want AskQuestion about runes [18, 24)", m)
	}
	st.receive(proto.Message{Kind: proto.Questions, Seq: st.questionsSeq,
		Pairs: []qa.Pair{{Question: "What did the Fox see?", Answer: "grapes", Start: 18, End: 24}}})
	if q := st.v.QA.Pairs; len(q) != 2 || q[0].Answer != "grapes" {
		t.Errorf("after asking: %+v", q)
	}

	st.onAskQuestion(nil, actionOf(boxSpan{Start: 4, End: 4}))
	if st.v.QA.Error == "" || st.v.QA.Asking {
		t.Error("asking with nothing selected said nothing")
	}

	st.loadText("Another text.")
	if !st.v.QA.Stale {
		t.Error("pairs about an earlier text are not marked stale")
	}
}

func TestAQuestionModelOpensBesideTheTextGenerator(t *testing.T) {
	st, _ := newTestStore(t)
	info := &proto.QAModelInfo{Arch: "default", Vocab: 5000, Epochs: 3, ValLoss: 3.2}
	st.receive(proto.Message{Kind: proto.Imported, QAModel: info})
	if st.v.QA.Model != info || st.v.HasModel {
		t.Errorf("question model %v, text generator %v; want the question model alone", st.v.QA.Model, st.v.HasModel)
	}
}

func TestQuestionErrorsShowInThePanel(t *testing.T) {
	st, _ := newTestStore(t)
	st.loadText("The Fox ran.")
	st.onAskQuestion(nil, actionOf(boxSpan{Start: 3, End: 4}))
	st.receive(proto.Message{Kind: proto.Error, Seq: st.questionsSeq, Error: "questions: the selection holds no word"})
	if q := st.v.QA; q.Error != "The selection holds no word." || q.Asking || st.v.Error != "" {
		t.Errorf("panel error %q, banner %q, asking %v", q.Error, st.v.Error, q.Asking)
	}
	// The error was about that ask: what the user does next with the list takes it away.
	for name, act := range map[string]func(){
		"edit":      func() { st.onEditQuestion(nil, actionOf(questionEdit{Index: 0, Question: "Who ran fast?"})) },
		"delete":    func() { st.onDeletePair(nil, actionOf(0)) },
		"quiz mode": func() { st.onQuizMode(nil, actionOf(true)) },
	} {
		st.v.QA.Pairs = []qa.Pair{{Question: "Who ran?", Answer: "Fox", Start: 4, End: 7, Method: qa.ByRules}}
		st.v.QA.Context = make([]PairContext, 1)
		st.v.QA.Error = "The selection holds no word."
		act()
		if st.v.QA.Error != "" {
			t.Errorf("after %s the panel still says %q", name, st.v.QA.Error)
		}
	}
}

func actionOf(v any) app.Action { return app.Action{Value: v} }

// Find replaces the list; when the list holds pairs of the user's (asked about a selection, or
// with a rewritten question), the first press says what it would replace and sends nothing, and
// a second press of the same button replaces them. A trial lost its edited and asked pairs to one
// press of Find, silently. A list of the finder's own pairs is replaced at once: it loses nothing.
func TestFindAsksBeforeItReplacesTheUsersPairs(t *testing.T) {
	text := "The Fox saw the grapes. The Crow laughed."
	fox := qa.Pair{Question: "Who saw the grapes?", Answer: "The Fox", Start: 0, End: 7, Method: qa.ByRules}
	crow := qa.Pair{Question: "Who laughed?", Answer: "The Crow", Start: 24, End: 32, Method: qa.ByRules}
	grapes := qa.Pair{Question: "What did the Fox see?", Answer: "the grapes", Start: 12, End: 22, Method: qa.ByRules}
	found := func(st *store) {
		st.onFindQuestions(nil, actionOf(nil))
		st.receive(proto.Message{Kind: proto.Questions, Seq: st.questionsSeq, Pairs: []qa.Pair{fox, crow}})
	}
	for _, c := range []struct {
		name  string
		touch func(*store) // what the user did to the list found
		press any          // the Find button pressed: nil (Find questions) or a boxSpan
		say   string       // what the first press says; "": it finds at once
	}{
		{"untouched", func(*store) {}, nil, ""},
		{"a question edited", func(st *store) {
			st.onEditQuestion(nil, actionOf(questionEdit{Index: 1, Question: "Who laughed at the Fox?"}))
		}, nil, "This replaces the 2 pairs on show, 1 of them yours (asked or edited). Press Find questions again"},
		{"a pair asked", func(st *store) {
			st.onAskQuestion(nil, actionOf(boxSpan{Start: 12, End: 22}))
			st.receive(proto.Message{Kind: proto.Questions, Seq: st.questionsSeq, Pairs: []qa.Pair{grapes}})
		}, boxSpan{Start: 0, End: 23}, "This replaces the 3 pairs on show, 1 of them yours (asked or edited). Press Find in the selection again"},
		{"the user's pair deleted", func(st *store) {
			st.onEditQuestion(nil, actionOf(questionEdit{Index: 0, Question: "Who saw them?"}))
			st.onDeletePair(nil, actionOf(0))
		}, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, sent := newTestStore(t)
			st.loadText(text)
			found(st)
			c.touch(st)
			before := append([]qa.Pair(nil), st.v.QA.Pairs...)
			n := len(*sent)
			st.onFindQuestions(nil, actionOf(c.press))
			if c.say == "" {
				if len(*sent) != n+1 || replaceWarning(st.v.QA) != "" {
					t.Fatalf("sent %d, warning %q; want a find at once", len(*sent)-n, replaceWarning(st.v.QA))
				}
				return
			}
			if len(*sent) != n || !strings.HasPrefix(replaceWarning(st.v.QA), c.say) || st.v.QA.Finding {
				t.Fatalf("first press: sent %d, finding %v, warning %q; want nothing sent and %q", len(*sent)-n, st.v.QA.Finding, replaceWarning(st.v.QA), c.say)
			}
			html := app.HTMLString(&QuestionsPanel{QA: st.v.QA, Ready: true})
			if !strings.Contains(html, c.say) {
				t.Errorf("the panel does not say it: %s", html)
			}
			if !slices.Equal(st.v.QA.Pairs, before) {
				t.Errorf("the first press changed the list: %v", st.v.QA.Pairs)
			}
			// The other Find button asks in its turn; Keep leaves the list and its marks.
			other := any(boxSpan{Start: 0, End: 23})
			if c.press != nil {
				other = nil
			}
			st.onFindQuestions(nil, actionOf(other))
			st.onQAKeep(nil, app.Action{})
			if len(*sent) != n || replaceWarning(st.v.QA) != "" || ownPairs(st.v.QA.Own) != 1 {
				t.Fatalf("after the other button and Keep: sent %d, warning %q, %d own", len(*sent)-n, replaceWarning(st.v.QA), ownPairs(st.v.QA.Own))
			}
			st.onFindQuestions(nil, actionOf(c.press))
			st.onFindQuestions(nil, actionOf(c.press))
			if len(*sent) != n+1 || (*sent)[n].Kind != proto.FindQuestions || !st.v.QA.Finding || replaceWarning(st.v.QA) != "" {
				t.Fatalf("second press: sent %d, finding %v; want the find", len(*sent)-n, st.v.QA.Finding)
			}
			st.receive(proto.Message{Kind: proto.Questions, Seq: st.questionsSeq, Pairs: []qa.Pair{fox}})
			if ownPairs(st.v.QA.Own) != 0 || len(st.v.QA.Own) != 1 {
				t.Errorf("the new list keeps marks %v; want none of the user's", st.v.QA.Own)
			}
		})
	}
}

// The marks of the user's pairs are kept with the list, so that after a reload Find still asks.
func TestTheUsersPairsAreKnownAfterAReload(t *testing.T) {
	text := "The Fox saw the grapes. The Crow laughed."
	fox := qa.Pair{Question: "Who saw the grapes?", Answer: "The Fox", Start: 0, End: 7, Method: qa.ByRules}
	crow := qa.Pair{Question: "Who laughed?", Answer: "The Crow", Start: 24, End: 32, Method: qa.ByRules}
	var kept keptQuiz
	st, _ := newTestStore(t)
	st.saveQuiz = func(q keptQuiz) { kept = q }
	st.loadText(text)
	st.onFindQuestions(nil, actionOf(nil))
	st.receive(proto.Message{Kind: proto.Questions, Seq: st.questionsSeq, Pairs: []qa.Pair{fox, crow}})
	st.onEditQuestion(nil, actionOf(questionEdit{Index: 1, Question: "Who laughed at the Fox?"}))
	if !slices.Equal(kept.Own, []int{1}) {
		t.Fatalf("kept marks %v; want [1]", kept.Own)
	}
	kept.Own = append(kept.Own, 7) // names no pair: let go
	again, sent := newTestStore(t)
	again.loadQuiz = func() (keptQuiz, error) { return kept, nil }
	again.showText(text)
	again.restoreQuiz()
	if !slices.Equal(again.v.QA.Own, []bool{false, true}) {
		t.Fatalf("restored marks %v; want the edited pair's", again.v.QA.Own)
	}
	again.onFindQuestions(nil, actionOf(nil))
	if len(*sent) != 0 || replaceWarning(again.v.QA) == "" {
		t.Errorf("after a reload Find sent %d and says %q; want it to ask first", len(*sent), replaceWarning(again.v.QA))
	}
}

// TestAPairsSentenceIsCutBetweenWords: the sentence shown around an answer is cut at a space,
// not inside a word (a new user read "…, m…" and "sh…"), unless the text has no space to cut at.
func TestAPairsSentenceIsCutBetweenWords(t *testing.T) {
	words := strings.Repeat("the shepherd watched his flock ", 8) // 248 runes, words of 3–8 letters
	text := words + "ANSWER " + words + "end."
	start := len([]rune(words))
	c := pairContexts(text, []qa.Pair{{Question: "What?", Answer: "ANSWER", Start: start, End: start + 6}}, len([]rune(text)))[0]
	for name, side := range map[string]string{"before": strings.TrimPrefix(c.Before, "…"), "after": strings.TrimSuffix(c.After, "…")} {
		if len([]rune(side)) > contextRunes || len([]rune(side)) < contextRunes-9 {
			t.Errorf("%s: %d runes %q; want up to %d, a word less at most", name, len([]rune(side)), side, contextRunes)
		}
		for _, w := range strings.Fields(side) {
			if !strings.Contains(words, " "+w+" ") && !strings.HasPrefix(words, w+" ") {
				t.Errorf("%s %q: %q is a piece of a word", name, side, w)
			}
		}
	}
	// No space to cut at: the cut is where the limit falls.
	han := strings.Repeat("狐狸看见葡萄", 30)
	text = han + "答" + han
	c = pairContexts(text, []qa.Pair{{Question: "?", Answer: "答", Start: 180, End: 181}}, len([]rune(text)))[0]
	if c.After != string([]rune(han)[:contextRunes])+"…" || c.Before != "…"+string([]rune(han)[180-contextRunes:]) {
		t.Errorf("without spaces: before %q, after %q", c.Before, c.After)
	}
}
