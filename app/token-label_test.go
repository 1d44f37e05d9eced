package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
)

// TestStoryEndReadsAsOne: a word model's story break reads as ¶, titled "end of story", among the
// human-led candidates, the row of tokens and the alternatives, while its data-token stays the
// exact "|" that picking it writes; at the character level "|" is a character and reads as itself.
func TestStoryEndReadsAsOne(t *testing.T) {
	cands := []lm.Candidate{{Token: "the", P: 0.5}, {Token: lm.Separator, P: 0.25}}
	branch := BranchView{Base: "the fox", Selected: 1, Alts: cands,
		Tokens: []BranchToken{{Tok: "ran", P: 0.6}, {Tok: lm.Separator, P: 0.2}}}
	for _, c := range []struct {
		name string
		ui   app.UI
	}{
		{"candidates", &WritePanel{HasModel: true, Level: lm.Word, Candidates: cands}},
		{"branches", &BranchTokens{Level: lm.Word, V: branch}},
	} {
		t.Run(c.name, func(t *testing.T) {
			html := app.HTMLString(c.ui)
			if strings.Contains(html, ">|<") {
				t.Errorf("a story break shows as a bare |:\n%s", html)
			}
			for _, want := range []string{">" + storyEnd + "<", `title="end of story: probability`, `data-token="|"`} {
				if !strings.Contains(html, want) {
					t.Errorf("the story break lacks %s:\n%s", want, html)
				}
			}
		})
	}
	t.Run("characters", func(t *testing.T) {
		html := app.HTMLString(&WritePanel{HasModel: true, Level: lm.Char, Candidates: cands})
		if !strings.Contains(html, ">|<") || strings.Contains(html, storyEnd) || strings.Contains(html, "end of story") {
			t.Errorf("a character model's | does not read as itself:\n%s", html)
		}
	})
}

// TestPickingTheStoryEndWritesTheToken: the candidate read as ¶ appends the real token, and the
// story ends there.
func TestPickingTheStoryEndWritesTheToken(t *testing.T) {
	st, _ := newTestStore(t)
	st.v.HasModel, st.v.Level, st.prompt = true, lm.Word, "the fox ran"
	st.v.Candidates, st.v.CandidatesFor = []lm.Candidate{{Token: lm.Separator, P: 0.3}}, "the fox ran"
	st.appendToken(lm.Separator)
	if st.v.Output != "the fox ran |" || !st.v.Ended {
		t.Errorf("output %q, ended %v; want %q, ended", st.v.Output, st.v.Ended, "the fox ran |")
	}
}

// TestACandidateBelowOnePerCentIsNotZero: the top-10 buttons said "free 0%" for words the model
// might well write; they read "<1%".
func TestACandidateBelowOnePerCentIsNotZero(t *testing.T) {
	for p, want := range map[float64]string{0: "0%", 0.0001: "<1%", 0.005: "<1%", 0.0099: "<1%", 0.01: "1%", 0.123: "12%", 1: "100%"} {
		if got := percent(p); got != want {
			t.Errorf("percent(%v) = %q; want %q", p, got, want)
		}
	}
}
