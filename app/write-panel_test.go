package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// The human-led writing names its tokens by the model's level: a character model's candidates
// are the next character, and its own-text field takes text, not a word. Nothing else a reader
// sees in the view of a character model says "word" (ids and attribute names aside).
func TestWritePanelNamesTheModelsTokens(t *testing.T) {
	attrs := regexp.MustCompile(`\s[a-z-]+="[^"]*"`)
	for _, c := range []struct {
		level              lm.Level
		heading, own, unit string
	}{
		{lm.Word, "Next word", "your own word", "word"},
		{lm.Char, "Next character", "your own text", "character"},
	} {
		t.Run(string(c.level), func(t *testing.T) {
			toks := []BranchToken{{Tok: "t", P: 0.5}, {Tok: "h", P: 0.25}, {Tok: "e", P: 0.125}}
			p := &WritePanel{HasModel: true, Level: c.level, Output: "the", Candidates: []lm.Candidate{{Token: " ", P: 0.5}, {Token: "y", P: 0.25}},
				Copied: &lm.Copied{Tokens: []string{"t", "h", "e"}, Runs: []int{3, 2, 1}, Level: c.level, Longest: 3, CorpusTokens: 100},
				Branch: BranchView{Tokens: toks, Selected: 1, Alts: []lm.Candidate{{Token: "h", P: 0.25}}}}
			html := app.HTMLString(p)
			if want := app.HTMLString(app.H3().Text(c.heading)); !strings.Contains(html, want) {
				t.Errorf("got no %s in\n%s", want, html)
			}
			if want := `placeholder="` + c.own + `"`; !strings.Contains(html, want) {
				t.Errorf("got no %s in\n%s", want, html)
			}
			if !strings.Contains(html, "Click a "+c.unit+" ") {
				t.Errorf("the branches' hint does not name a %s:\n%s", c.unit, html)
			}
			if c.level == lm.Char {
				shown := attrs.ReplaceAllString(html, "")
				if i := strings.Index(strings.ToLower(shown), "word"); i >= 0 {
					t.Errorf("a character model's view says %q", shown[max(0, i-60):min(len(shown), i+30)])
				}
			}
		})
	}
}

// A word of the user's own that the model does not know is added, and the page says so in the
// user's words once the worker has answered (a trial's "dragon" was added without a word while
// the next words ignored it); the note goes with the next change.
func TestAnUnknownOwnWordIsAddedAndNamed(t *testing.T) {
	st, sent := newTestStore(t)
	st.v.HasModel, st.v.Level, st.prompt = true, lm.Word, "the wolf"
	st.onAddOwn(nil, actionOf("dragon"))
	last := (*sent)[len(*sent)-1]
	if st.v.Output != "the wolf dragon" || last.Kind != proto.Predict || last.Word != "dragon" {
		t.Fatalf("output %q, last request %s for word %q; want the word added and asked about", st.v.Output, last.Kind, last.Word)
	}
	st.receive(proto.Message{Kind: proto.Candidates, Seq: st.predSeq, Level: lm.Word, Candidates: []lm.Candidate{{Token: "said"}},
		Unknown: []string{"dragon"}, WordUnknown: []string{"dragon"}})
	p := &WritePanel{HasModel: true, Level: lm.Word, Output: st.v.Output, OwnUnknown: st.v.OwnUnknown}
	want := `The model does not know "dragon": it was added to the story, but the model reads past it.`
	if html := app.HTMLString(p); !strings.Contains(html, strings.ReplaceAll(want, `"`, "&#34;")) && !strings.Contains(html, want) {
		t.Errorf("the page does not say %q:\n%s", want, html)
	}
	if got := ownUnknownNote([]string{"한", "🦊", "x"}); got != `The model does not know "한", "🦊" or "x": they were added to the story, but the model reads past them.` {
		t.Errorf("several: %q", got)
	}

	st.appendToken("said")
	if last := (*sent)[len(*sent)-1]; last.Word != "" || st.v.OwnUnknown != nil {
		t.Errorf("after a candidate: asked about word %q, note %q; want neither", last.Word, st.v.OwnUnknown)
	}
	st.onAddOwn(nil, actionOf("fox"))
	st.receive(proto.Message{Kind: proto.Candidates, Seq: st.predSeq, Level: lm.Word, Unknown: []string{"dragon"}})
	if st.v.OwnUnknown != nil {
		t.Errorf("a known word added after an unknown one: note %q", st.v.OwnUnknown)
	}
}
