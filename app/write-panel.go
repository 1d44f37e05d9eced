package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
)

// WritePanel is the output and the book's human-led writing: the ten most likely next tokens as
// buttons, undo, and a field for a word of one's own. The output textarea is the user's to edit:
// its value is pushed into the page only when a handler changed it (OutputRev), never on each
// render, so typing is never overwritten.
type WritePanel struct {
	app.Compo
	HasModel   bool
	Output     string
	OutputRev  int
	Candidates []lm.Candidate
	// CandidatesFor is the text they follow, written into the list's data-for once rendered, so
	// that a reader (or a test) can tell fresh candidates from those of an earlier keystroke.
	CandidatesFor string
	Ended         bool
	EndedWhy      string // why it ended so soon, when that is likely the weights (View.EndedWhy)
	CanUndo       bool
	// Copied is the meter of the output (nil until the worker measured it), MinCopied the least
	// run that counts (0: the level's default); RawTokens shows the model's tokens instead of
	// prose; TextMsg says whether Copy took.
	Copied    *lm.Copied
	MinCopied int
	RawTokens bool
	TextMsg   string
	// Branch is the branch on show, token by token, and Level the model's (branch-view.go).
	Branch BranchView
	Level  lm.Level
	// OwnUnknown is the tokens of the word just added from the box that the model does not know.
	OwnUnknown []string

	shownRev int
}

func (p *WritePanel) OnMount(ctx app.Context)  { p.push(); ctx.Defer(p.tagTokens) }
func (p *WritePanel) OnUpdate(ctx app.Context) { p.push(); ctx.Defer(p.tagTokens) }

// tagTokens writes each candidate's exact token into its button's data-token once rendered:
// go-app trims attribute values, which would turn the space and newline of a character model
// into empty strings.
func (p *WritePanel) tagTokens(ctx app.Context) {
	if !app.IsClient {
		return
	}
	if list := app.Window().GetElementByID("candidates"); list.Truthy() {
		list.Get("dataset").Set("for", p.CandidatesFor)
	}
	buttons := app.Window().Get("document").Call("querySelectorAll", "#candidates button.candidate")
	for i := 0; i < buttons.Length() && i < len(p.Candidates); i++ {
		buttons.Index(i).Get("dataset").Set("token", p.Candidates[i].Token)
	}
}

func (p *WritePanel) push() {
	if p.OutputRev == p.shownRev || !app.IsClient {
		return
	}
	p.shownRev = p.OutputRev
	if el := app.Window().GetElementByID("output"); el.Truthy() {
		el.Set("value", p.Output)
	}
}

// onCandidate appends the token shown on the clicked button. go-app keeps a button's first
// handler when the list re-renders (closures of one literal look alike to it), and new candidates
// may arrive between the click and its handling, so the handler captures neither the token nor
// the list: it reads the button's data-token, which tagTokens keeps exact.
func (p *WritePanel) onCandidate(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if tok := ctx.JSSrc().Get("dataset").Get("token"); tok.Truthy() {
			ctx.NewActionWithValue(actAppend, tok.String())
		} else if i < len(p.Candidates) {
			ctx.NewActionWithValue(actAppend, p.Candidates[i].Token)
		}
	}
}

func (p *WritePanel) Render() app.UI {
	return app.Div().Body(
		app.Textarea().ID("output").Class("output").Rows(8).Placeholder("Generated text appears here; edit it freely.").
			OnInput(func(ctx app.Context, e app.Event) {
				ctx.NewActionWithValue(actSetOutput, ctx.JSSrc().Get("value").String())
			}),
		p.story(),
		app.H3().Text("Next "+tokenNoun(p.Level)),
		app.Div().ID("candidates").Class("candidates").DataSet("count", len(p.Candidates)).Body(
			app.If(!p.HasModel, app.P().Class("hint").Text("Once a model exists, its ten likeliest next tokens appear here.")),
			app.If(p.Ended, app.P().ID("ended").Class("hint").Text(strings.TrimSpace("The story has ended. Undo to go on. "+p.EndedWhy))),
			app.Range(p.Candidates).Slice(func(i int) app.UI {
				c := p.Candidates[i]
				return app.Button().Class("candidate").DataSet("token", c.Token).DataSet("p", fmt.Sprintf("%.4f", c.P)).
					Title(tokenTitle(p.Level, c.Token, fmt.Sprintf("probability %.1f%%", 100*c.P))).Disabled(p.Ended).
					OnClick(p.onCandidate(i)).
					Body(app.Span().Class("tok").Text(candidateLabel(p.Level, c.Token)), app.Span().Class("p").Text(percent(c.P)))
			}),
		),
		app.Div().Class("row").Body(
			app.Button().ID("undo").Text("Undo").Disabled(!p.CanUndo).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actUndo) }),
			app.Button().ID("branch-redo").Text("Redo").Disabled(!p.Branch.CanRedo).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actBranchRedo) }),
			app.Input().Type("text").ID("own-word").Placeholder(ownPlaceholder(p.Level)),
			app.Button().ID("add-word").Text("Add").Disabled(!p.HasModel || p.Ended).OnClick(func(ctx app.Context, e app.Event) {
				el := app.Window().GetElementByID("own-word")
				ctx.NewActionWithValue(actAddOwn, el.Get("value").String())
				el.Set("value", "")
			}),
		),
		app.If(len(p.OwnUnknown) > 0, app.P().ID("own-unknown").Class("unknown").Text(ownUnknownNote(p.OwnUnknown))),
	)
}

// story shows the output as the meter saw it, with its copied runs marked, the meter's line, its
// tokens shaded by probability with their branches (BranchTokens), the prose toggle (words only)
// and copy and download, which give the readable form.
func (p *WritePanel) story() app.UI {
	if p.Output == "" {
		return app.Div().ID("story").Class("story")
	}
	buttons := []app.UI{
		app.Button().ID("copy-text").Text("Copy").OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actCopyText) }),
		app.Button().ID("download-text").Text("Download .txt").OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actDownloadText) }),
	}
	if p.TextMsg != "" {
		buttons = append(buttons, app.Span().Class("hint").Text(p.TextMsg))
	}
	c := p.Copied
	if c == nil {
		return app.Div().ID("story").Class("story").Body(&BranchTokens{V: p.Branch, Level: p.Level}, app.Div().Class("row").Body(buttons...))
	}
	mode, label := "readable", "Show the model's tokens"
	if p.RawTokens || c.Level != lm.Word {
		mode, label = "raw", "Show as prose"
	}
	if c.Level == lm.Word {
		buttons = append([]app.UI{app.Button().ID("prose-toggle").DataSet("mode", mode).Text(label).
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actProse) })}, buttons...)
	}
	least := leastCopied(p.MinCopied, c.Level)
	return app.Div().ID("story").Class("story").Body(
		app.Div().ID("output-view").Class("story-text").DataSet("mode", mode).Body(story(c, least, mode == "raw")...),
		meterLine(c, least, mode == "raw"),
		&BranchTokens{V: p.Branch, Level: p.Level},
		app.Div().Class("row").Body(buttons...),
	)
}

// tokenNoun names one of the tokens a model of level writes: "character" for a character model,
// else "word" (a word model's, and before there is a model, the book's level).
func tokenNoun(level lm.Level) string {
	if level == lm.Char {
		return "character"
	}
	return "word"
}

// ownPlaceholder says what the field beside the candidates takes: a word for a word model, any
// text for a character model, whose writing goes on after it character by character.
func ownPlaceholder(level lm.Level) string {
	if level == lm.Char {
		return "your own text"
	}
	return "your own word"
}

// ownUnknownNote says that the model does not know tokens of the word just added: they stay in
// the story, but the model reads past them (leaves them out of its input), so the next words
// do not follow them.
func ownUnknownNote(toks []string) string {
	q := make([]string, len(toks))
	for i, t := range toks {
		q[i] = `"` + t + `"`
	}
	switch len(q) {
	case 0: // app.If builds its body even when it shows none
		return ""
	case 1:
		return "The model does not know " + q[0] + ": it was added to the story, but the model reads past it."
	}
	return "The model does not know " + strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1] +
		": they were added to the story, but the model reads past them."
}
