package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
)

// GeneratePanel asks the model to continue a prompt with the chosen sampling settings.
type GeneratePanel struct {
	app.Compo
	HasModel   bool
	Generating bool
	Unknown    []string // prompt words the model does not know
	GenSeed    uint64   // the seed of the last generation
	Form       GenForm  // values a handler put in the form (a share link)
	FormRev    int
	Prompt     string // the prompt a workspace brought back, put in its field once per PromptRev
	PromptRev  int
	// Level is the model's, for the meter's default; MinCopiedError why its field was refused.
	Level          lm.Level
	MinCopiedError string
	// MinCopied is the meter's least run (0: the level's default), shown in its field: a share
	// link or a published demo may set it, and the field follows, as it follows what is typed.
	MinCopied int
	// Weights is which weights write, Checks the run's validation checks (the best among them
	// is what "best" writes with).
	Weights lm.Weights
	Checks  []lm.Check
	// WeightsNote, shown below the weights' choice, says why the best check's weights may write
	// gibberish (earlyBestNote); "" for none.
	WeightsNote string

	shownRev, shownPromptRev int
}

// OnUpdate puts the form values a handler set into the fields, once per revision.
func (p *GeneratePanel) OnUpdate(ctx app.Context) {
	if p.PromptRev != p.shownPromptRev && app.IsClient {
		p.shownPromptRev = p.PromptRev
		app.Window().GetElementByID("prompt").Set("value", p.Prompt)
	}
	if p.FormRev == p.shownRev || !app.IsClient {
		return
	}
	p.shownRev = p.FormRev
	set := func(id, v string) { app.Window().GetElementByID(id).Set("value", v) }
	f := p.Form
	set("prompt", f.Prompt)
	set("gen-n", f.N)
	set("gen-temp", f.Temp)
	set("gen-topk", f.TopK)
	set("gen-topp", f.TopP)
	set("gen-mode", f.Mode)
	set("gen-seed", f.Seed)
	app.Window().GetElementByID("gen-stop").Set("checked", f.Stop)
}

func (p *GeneratePanel) Render() app.UI {
	def := lm.DefaultGenOptions() // what a field left alone means
	num := func(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
	return app.Div().Body(
		app.H2().Text("4. Write"),
		app.Label().Class("field wide").Body(
			app.Span().Text("Prompt"),
			app.Input().Type("text").ID("prompt").Placeholder("empty: a story from its start; or, say, the fox and the").
				OnInput(func(ctx app.Context, e app.Event) {
					ctx.NewActionWithValue(actSetPrompt, ctx.JSSrc().Get("value").String())
				}),
		),
		app.Div().Class("fields").Body(
			numberField("gen-n", "Length (tokens)", strconv.Itoa(def.N), "1"),
			numberField("gen-temp", "Temperature", num(def.Temperature), "0.05"),
			numberField("gen-topk", "Top-k (0: all)", strconv.Itoa(def.TopK), "1"),
			numberField("gen-topp", "Top-p (1: all)", num(def.TopP), "0.05"),
			app.Label().Class("field").Body(
				app.Span().Text("Mode"),
				app.Select().ID("gen-mode").Body(
					app.Option().Value("window").Text("window (the book)"),
					app.Option().Value("stateful").Text("stateful (faster)"),
				),
			),
			app.Label().Class("field").Body(
				app.Span().Text("Seed (empty: new)"),
				app.Input().Type("number").ID("gen-seed").Attr("min", "1").Placeholder("random"),
			),
			app.Label().Class("field check").Body(
				app.Input().Type("checkbox").ID("gen-stop").Checked(true),
				app.Span().Text(" stop at the end of a story"),
			),
			p.weightsField(),
			app.Label().Class("field").Title("The memorisation meter marks runs of at least this many tokens found word for word in the training text.").Body(
				app.Span().Text("Copied from (tokens)"),
				app.Input().Type("number").ID("copied-min").Attr("min", "1").Placeholder(strconv.Itoa(lm.DefaultMinCopied(p.Level))).
					Value(minCopiedValue(p.MinCopied)).
					OnChange(func(ctx app.Context, e app.Event) {
						ctx.NewActionWithValue(actMinCopied, ctx.JSSrc().Get("value").String())
					}),
				app.If(p.MinCopiedError != "", app.Span().ID("copied-min-error").Class("field-error").Text(p.MinCopiedError)),
			),
		),
		app.If(p.WeightsNote != "", app.P().ID("weights-note").Class("hint").Text(p.WeightsNote)),
		app.Div().Class("row").Body(
			app.Button().ID("generate").Class("primary").Text("Generate").Disabled(!p.HasModel || p.Generating).OnClick(p.onGenerate),
			app.If(p.GenSeed != 0, app.Span().ID("gen-used-seed").Class("hint").Text(fmt.Sprintf("written with seed %d", p.GenSeed))),
		),
		app.If(len(p.Unknown) > 0, app.P().ID("unknown").Class("unknown").Body(
			app.Text("Not in the model's vocabulary (left out of its input): "),
			app.Range(p.Unknown).Slice(func(i int) app.UI { return app.Mark().Text(p.Unknown[i]) }),
		)),
	)
}

func numberField(id, label, value, step string) app.UI {
	return app.Label().Class("field").Body(
		app.Span().Text(label),
		app.Input().Type("number").ID(id).Value(value).Attr("step", step),
	)
}

func (p *GeneratePanel) onGenerate(ctx app.Context, e app.Event) {
	get := func(id string) string {
		return strings.TrimSpace(app.Window().GetElementByID(id).Get("value").String())
	}
	n, _ := strconv.Atoi(get("gen-n"))
	temp, _ := strconv.ParseFloat(get("gen-temp"), 64)
	topk, _ := strconv.Atoi(get("gen-topk"))
	topp, err := strconv.ParseFloat(get("gen-topp"), 64)
	if err != nil {
		topp = 1
	}
	opts := lm.GenOptions{SampleOptions: lm.SampleOptions{Temperature: temp, TopK: topk, TopP: topp},
		N: n, Mode: lm.GenMode(get("gen-mode")),
		IgnoreSeparator: !app.Window().GetElementByID("gen-stop").Get("checked").Bool()}
	seed, _ := strconv.ParseUint(get("gen-seed"), 10, 64)
	ctx.NewActionWithValue(actGenerate, genRequest{Prompt: app.Window().GetElementByID("prompt").Get("value").String(), Opts: opts, Seed: seed})
}

// weightsField chooses the weights that write: the best validation check's (the default) or the
// latest training step's. Generation, the candidates and the TF.js export follow it; a
// downloaded model file keeps both. Before any validation check there are no best weights (the
// worker writes with the latest whatever the choice): the best is then not offered, and the
// field shows the latest, which is what writes.
func (p *GeneratePanel) weightsField() app.UI {
	best := "best validation (none yet: after the first check)"
	i := bestCheck(p.Checks)
	if i >= 0 {
		c := p.Checks[i]
		best = fmt.Sprintf("best validation (%.3f, batch %d)", c.ValLoss, c.Batch)
	}
	latest := p.Weights == lm.WeightsLatest || i < 0
	return app.Label().Class("field").Title("The model keeps the weights of its lowest validation loss beside the latest, "+
		"as Keras' restore_best_weights does: past that point it learns its training text by heart. "+
		"A model without validation checks writes with its latest weights either way.").Body(
		app.Span().Text("Weights"),
		app.Select().ID("weights-choice").Disabled(!p.HasModel).OnChange(func(ctx app.Context, e app.Event) {
			ctx.NewActionWithValue(actWeights, ctx.JSSrc().Get("value").String())
		}).Body(
			app.Option().Value(string(lm.WeightsBest)).Text(best).Selected(!latest).Disabled(i < 0),
			app.Option().Value(string(lm.WeightsLatest)).Text("latest").Selected(latest),
		),
	)
}

// minCopiedValue is the meter's field for a least run: empty for the level's default.
func minCopiedValue(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
