package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
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
