package app

import (
	"fmt"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
)

func TestProbClassShadesByBand(t *testing.T) {
	for _, c := range []struct {
		p    float32
		want string
	}{
		{1, "branch-p0"}, {0.5, "branch-p0"}, {0.49, "branch-p1"}, {0.2, "branch-p1"}, {0.1, "branch-p2"},
		{0.05, "branch-p2"}, {0.02, "branch-p3"}, {0.01, "branch-p3"}, {0.009, "branch-p4"}, {0, "branch-p4"},
		{noProb, "branch-none"},
	} {
		t.Run(fmt.Sprint(c.p), func(t *testing.T) {
			if got := probClass(c.p); got != c.want {
				t.Errorf("got %s; want %s", got, c.want)
			}
		})
	}
}

// TestBranchTokensGivesEachTokenItsHooks: a token carries its index, probability and text, with
// its shade, a mark where branches leave and where it was clicked.
func TestBranchTokensGivesEachTokenItsHooks(t *testing.T) {
	c := &BranchTokens{Level: lm.Word, V: BranchView{Base: "the fox", Selected: 1, At: 2, Of: 2,
		Tokens: []BranchToken{{Tok: "ran", P: 0.6}, {Tok: "from", P: 0.03, Fork: true}}}}
	d := app.NewClientTester(c)
	defer d.Close()
	// [0] #branch-view › [2] #branch-tokens › [0] the base, [1] " ", [2] ran, [3] " ", [4] from
	mustMatch(t, c, app.TestPath(0, 2, 0), app.Span().Class("branch-base").Text("the fox"))
	mustMatch(t, c, app.TestPath(0, 2, 4), app.Span().Class("branch-token branch-p3 branch-fork branch-selected").
		Attr("role", "button").TabIndex(0).Title("probability 3.0 %: click for the alternatives").
		DataSet("index", 1).DataSet("prob", "0.0300").DataSet("token", "from").OnClick(noop).OnKeyDown(noop))
}

// TestCharacterRowWraps: a character model's spaces read as "␣", which is no place to break a
// line, so each is followed by a zero-width space; without it the row of a hundred characters ran
// off the Write panel and its last tokens could not be clicked.
func TestCharacterRowWraps(t *testing.T) {
	html := app.HTMLString(&BranchTokens{Level: lm.Char, V: BranchView{Base: "a", Selected: -1,
		Tokens: []BranchToken{{Tok: "b", P: 0.5}, {Tok: " ", P: 0.2}, {Tok: "c", P: 0.1}}}})
	if !strings.Contains(html, "␣\u200b") {
		t.Errorf("a space token renders without a place to wrap:\n%s", html)
	}
}
