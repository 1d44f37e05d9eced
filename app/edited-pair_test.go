package app

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/qa"
	"fabulist/studio/proto"
)

// A question the user rewrites is theirs: its badge says "edited", not the generator that wrote
// it first (a trial's rewritten question kept its "rules" badge), in the list, in quiz mode, in
// the CSV and JSON exports, in the list kept for a reload and in a share link, whose receiver sees
// the badge too. Keeping the same words marks nothing.
func TestAnEditedQuestionIsBadgedAsEdited(t *testing.T) {
	text := "The Fox saw the grapes. The Crow laughed."
	fox := qa.Pair{Question: "Who saw the grapes?", Answer: "The Fox", Start: 0, End: 7, Method: qa.ByRules}
	crow := qa.Pair{Question: "Who laughed?", Answer: "The Crow", Start: 24, End: 32, Method: qa.ByModel}
	var kept keptQuiz
	st, _ := newTestStore(t)
	st.saveQuiz = func(q keptQuiz) { kept = q }
	st.clipboard = func(string, func(bool)) bool { return false }
	st.loadText(text)
	st.onFindQuestions(nil, actionOf(nil))
	st.receive(proto.Message{Kind: proto.Questions, Seq: st.questionsSeq, Pairs: []qa.Pair{fox, crow}})
	st.onEditQuestion(nil, actionOf(questionEdit{Index: 0, Question: " Who saw the grapes? "})) // the same words
	st.onEditQuestion(nil, actionOf(questionEdit{Index: 1, Question: "Who laughed at the Fox?"}))
	if q := st.v.QA.Pairs; q[0].Edited || !q[1].Edited || q[1].Method != qa.ByModel {
		t.Fatalf("after the edits: %+v; want the second alone marked edited, its generator kept", q)
	}

	badges := func(html string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`<span[^>]*class="method[^"]*"[^>]*>([^<]*)</span>`).FindAllStringSubmatch(html, -1) {
			out = append(out, m[1])
		}
		return out
	}
	html := app.HTMLString(&Studio{v: st.v})
	if got := badges(html); strings.Join(got, ",") != "rules,edited" {
		t.Errorf("the list's badges are %q; want rules, edited", got)
	}
	if !strings.Contains(html, "2 pairs about the text: 1 by the rules, 1 edited.") {
		t.Errorf("the list's summary: %q", regexp.MustCompile(`[0-9]+ pairs? about[^<]*`).FindString(html))
	}
	st.v.Quiz.Mode, st.v.Quiz.Revealed = true, map[string]bool{revealKey(st.v.QA.Pairs[0]): true, revealKey(st.v.QA.Pairs[1]): true}
	if got := badges(app.HTMLString(&Studio{v: st.v})); strings.Join(got, ",") != "rules,edited" {
		t.Errorf("quiz mode's badges are %q; want rules, edited", got)
	}
	st.v.Quiz.Mode = false

	// The exports: a column of its own, last, beside the generator that wrote the pair.
	recs, err := csv.NewReader(bytes.NewReader(quizCSV(text, st.v.QA.Pairs)[len(utf8BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h, r1, r2 := recs[0], recs[1], recs[2]; h[len(h)-1] != "edited" || r1[len(r1)-1] != "false" || r2[len(r2)-1] != "true" || r2[5] != "model" {
		t.Errorf("CSV:\n%q\n%q\n%q\nwant an edited column, true for the rewritten question", h, r1, r2)
	}
	js, _ := quizJSON(text, st.v.QA.Pairs)
	var doc quizDoc
	if err := json.Unmarshal(js, &doc); err != nil || doc.Pairs[0].Edited || !doc.Pairs[1].Edited {
		t.Errorf("JSON: %v\n%s\nwant the second pair edited", err, js)
	}

	// Kept for a reload, and brought back.
	if len(kept.Pairs) != 2 || kept.Pairs[0].Edited || !kept.Pairs[1].Edited {
		t.Fatalf("kept %+v; want the mark kept", kept.Pairs)
	}
	again, _ := newTestStore(t)
	again.loadQuiz = func() (keptQuiz, error) { return kept, nil }
	again.showText(text)
	again.restoreQuiz()
	if q := again.v.QA.Pairs; len(q) != 2 || q[0].Edited || !q[1].Edited {
		t.Errorf("after a reload: %+v", q)
	}

	// A share link carries it to its receiver.
	st.share(nil, false)
	if !strings.HasPrefix(st.v.Share, "#s=4.") {
		t.Fatalf("the link is %.6q; want version 4, which carries the mark", st.v.Share)
	}
	rx, _ := newTestStore(t)
	rx.openAddress(addressNote{Fragment: st.v.Share})
	if q := rx.v.QA.Pairs; rx.v.Error != "" || len(q) != 2 || q[0].Edited || !q[1].Edited {
		t.Errorf("the receiver's list: error %q, %+v", rx.v.Error, q)
	}
	if got := badges(app.HTMLString(&Studio{v: rx.v})); strings.Join(got, ",") != "rules,edited" {
		t.Errorf("the receiver's badges are %q; want rules, edited", got)
	}
	// The edit is the receiver's to keep: Find asks before it replaces the list (a trial's
	// receiver lost it at one press), and replaces it at the second.
	rx.onFindQuestions(nil, actionOf(nil))
	if rx.v.QA.Confirm == "" || len(rx.v.QA.Pairs) != 2 || !rx.v.QA.Pairs[1].Edited {
		t.Errorf("the receiver's first Find: confirm %q, pairs %+v; want it to ask first", rx.v.QA.Confirm, rx.v.QA.Pairs)
	}
	if html := app.HTMLString(&Studio{v: rx.v}); !strings.Contains(html, "1 of them yours") {
		t.Errorf("the receiver's first Find says %q", regexp.MustCompile(`This replaces[^<]*`).FindString(html))
	}
}
