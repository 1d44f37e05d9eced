package app

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
)

// BranchTokens shows the branch on show token by token, each shaded by the model's probability
// of it, with a legend; the alternatives at the token clicked, and the switcher between the
// branches that leave from there.
type BranchTokens struct {
	app.Compo
	V     BranchView
	Level lm.Level
}

// probBands are the shades' lower bounds, likeliest first: the legend's bands. Five steps of
// lightness tell them apart without hue (for colour-blind readers), and each shade sets its own
// text colour, so it reads whatever is behind it.
var probBands = []struct {
	least float32
	label string
}{
	{0.5, "50 % or more"},
	{0.2, "20–50 %"},
	{0.05, "5–20 %"},
	{0.01, "1–5 %"},
	{0, "under 1 %"},
}

// probClass is the shade of a token of probability p: branch-p0 (likeliest) to branch-p4, or
// branch-none for a token the model did not choose.
func probClass(p float32) string {
	if p < 0 {
		return "branch-none"
	}
	for i, b := range probBands {
		if p >= b.least {
			return "branch-p" + strconv.Itoa(i)
		}
	}
	return "branch-p" + strconv.Itoa(len(probBands)-1)
}

func (b *BranchTokens) OnMount(ctx app.Context)  { ctx.Defer(b.tagTokens) }
func (b *BranchTokens) OnUpdate(ctx app.Context) { ctx.Defer(b.tagTokens) }

// tagTokens writes each token's and alternative's exact text into its data-token once rendered:
// go-app trims attribute values, which would empty a character model's space and line break.
func (b *BranchTokens) tagTokens(ctx app.Context) {
	if !app.IsClient {
		return
	}
	doc := app.Window().Get("document")
	toks := doc.Call("querySelectorAll", "#branch-tokens .branch-token")
	for i := 0; i < toks.Length() && i < len(b.V.Tokens); i++ {
		toks.Index(i).Get("dataset").Set("token", b.V.Tokens[i].Tok)
	}
	alts := doc.Call("querySelectorAll", "#branch-alternatives button.branch-alt")
	for i := 0; i < alts.Length() && i < len(b.V.Alts); i++ {
		alts.Index(i).Get("dataset").Set("token", b.V.Alts[i].Token)
	}
}

// onToken asks for the alternatives at the token clicked. As with the candidates, go-app may keep
// an element's first handler when the row re-renders, so the index is read from the element.
func onToken(ctx app.Context, e app.Event) {
	if i, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("index").String()); err == nil {
		ctx.NewActionWithValue(actBranchToken, i)
	}
}

// onTokenKey lets the keyboard do what a click does.
func onTokenKey(ctx app.Context, e app.Event) {
	if k := e.Get("key").String(); k == "Enter" || k == " " {
		e.PreventDefault()
		onToken(ctx, e)
	}
}

func onAlternative(ctx app.Context, e app.Event) {
	if tok := ctx.JSSrc().Get("dataset").Get("token"); tok.Truthy() {
		ctx.NewActionWithValue(actBranchPick, tok.String())
	}
}

func (b *BranchTokens) Render() app.UI {
	v := b.V
	if len(v.Tokens) == 0 {
		return app.Div().ID("branch-view").Class("branch-view").DataSet("count", 0)
	}
	unit := tokenNoun(b.Level)
	legend := []app.UI{app.Span().Text("How likely the model found each " + unit + " it wrote:")}
	for i, band := range probBands {
		legend = append(legend, app.Span().Class("branch-swatch branch-p"+strconv.Itoa(i)).Text(band.label))
	}
	legend = append(legend, app.Span().Class("branch-swatch branch-none").Text("yours"))

	row := []app.UI{}
	if v.Base != "" {
		row = append(row, app.Span().Class("branch-base").Text(v.Base))
	}
	prev := v.Base
	for i, t := range v.Tokens {
		if b.Level == lm.Word && lm.Join(b.Level, prev, t.Tok) != prev+t.Tok {
			row = append(row, app.Text(" "))
		}
		prev = t.Tok
		title := "not the model's choice: click for its alternatives"
		if t.P >= 0 {
			title = fmt.Sprintf("probability %.1f %%: click for the alternatives", 100*t.P)
		}
		class := "branch-token " + probClass(t.P)
		if t.Fork {
			class += " branch-fork"
		}
		if i == v.Selected {
			class += " branch-selected"
		}
		row = append(row, app.Span().Class(class).Attr("role", "button").TabIndex(0).Title(tokenTitle(b.Level, t.Tok, title)).
			DataSet("index", i).DataSet("prob", fmt.Sprintf("%.4f", t.P)).DataSet("token", t.Tok).
			OnClick(onToken).OnKeyDown(onTokenKey).Text(tokenLabel(b.Level, t.Tok)))
	}

	return app.Div().ID("branch-view").Class("branch-view").DataSet("count", len(v.Tokens)).DataSet("pending", v.Pending).Body(
		app.Div().ID("branch-legend").Class("branch-legend").Body(legend...),
		app.P().Class("hint").Text("Darker means the model was more surprised. Click a "+unit+" to see what else it could have written there; picking one rewrites the rest and keeps this version as a branch."),
		app.Div().ID("branch-tokens").Class("branch-tokens").Body(row...),
		app.If(v.Pending, app.P().ID("branch-pending").Class("hint").Text("Writing on from your choice…")),
		app.If(v.Selected >= 0, b.point()),
	)
}

// point is what is offered at the token clicked: the switcher when branches leave from there,
// and the alternatives.
func (b *BranchTokens) point() app.UI {
	v := b.V
	cur := ""
	if v.Selected >= 0 && v.Selected < len(v.Tokens) {
		cur = v.Tokens[v.Selected].Tok
	}
	var alts app.UI = app.P().Class("hint").Text("Asking the model…")
	if v.Alts != nil {
		alts = app.Range(v.Alts).Slice(func(i int) app.UI {
			c := v.Alts[i]
			class := "branch-alt " + probClass(float32(c.P))
			if c.Token == cur {
				class += " branch-current"
			}
			return app.Button().Class(class).DataSet("token", c.Token).DataSet("p", fmt.Sprintf("%.4f", c.P)).
				Title(tokenTitle(b.Level, c.Token, fmt.Sprintf("probability %.1f %%", 100*c.P))).Disabled(v.Pending).OnClick(onAlternative).
				Body(app.Span().Class("tok").Text(tokenLabel(b.Level, c.Token)), app.Span().Class("p").Text(percent(c.P)))
		})
	}
	return app.Div().ID("branch-point").Class("branch-point").Body(
		app.If(v.Of > 1, app.Div().ID("branch-switch").Class("branch-switch").DataSet("at", v.At).DataSet("of", v.Of).Body(
			app.Button().ID("branch-prev").Text("‹").Title("the previous branch here").Disabled(v.Pending).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actBranchSwitch, -1) }),
			app.Span().Text(fmt.Sprintf("branch %d of %d here", v.At, v.Of)),
			app.Button().ID("branch-next").Text("›").Title("the next branch here").Disabled(v.Pending).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actBranchSwitch, 1) }),
		)),
		app.Div().ID("branch-alternatives").Class("branch-alternatives").DataSet("index", v.Selected).
			DataSet("count", len(v.Alts)).Body(alts),
	)
}
