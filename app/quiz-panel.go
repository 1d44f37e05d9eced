package app

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/qa"
)

// QuizBar is what can be done with the list of questions: export it (CSV, JSON), print it, take
// it as a quiz (answers hidden until clicked), and share it with its text.
type QuizBar struct {
	app.Compo
	Count   int  // questions in the list
	LeftOut int  // of them, the questions the quiz and its print leave out (quizKept)
	Mode    bool // quiz mode
	Msg     string
	// ShareLink and ShareMsg are the share panel's, shown here too after "Share this quiz".
	ShareLink, ShareMsg string
	PrintsText          bool // the print starts with the text (printableText)

	shared bool // the link on show was asked for here
}

func (b *QuizBar) Render() app.UI {
	none := b.Count == 0
	return app.Div().ID("quiz-bar").Class("quiz-bar").Body(
		app.Div().Class("buttons").Body(
			app.Button().ID("qa-export-csv").Text("Export CSV").Disabled(none).Title("Questions, answers and their places in the text, for a spreadsheet").
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actQuizExport, "csv") }),
			app.Button().ID("qa-export-json").Text("Export JSON").Disabled(none).Title("The text and its questions, exactly").
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actQuizExport, "json") }),
			app.Button().ID("qa-print").Text("Print…").Disabled(none || b.LeftOut == b.Count).Title(printTitle(b.PrintsText, b.LeftOut)).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actQuizPrint) }),
			app.Button().ID("qa-share").Text("Share this quiz").Disabled(none).
				OnClick(func(ctx app.Context, e app.Event) { b.shared = true; ctx.NewActionWithValue(actShare, false) }),
			app.Label().Class("check").Body(
				app.Input().Type("checkbox").ID("quiz-mode").Checked(b.Mode).Disabled(none).
					OnChange(func(ctx app.Context, e app.Event) {
						ctx.NewActionWithValue(actQuizMode, ctx.JSSrc().Get("checked").Bool())
					}),
				app.Span().Text(" Quiz mode: hide the answers"),
			),
			app.If(b.Mode && !none, app.Button().ID("quiz-reveal-all").Text("Show all answers").
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actQuizReveal, -1) })),
		),
		app.If(b.Msg != "", app.P().ID("quiz-msg").Class("hint").Text(b.Msg)),
		app.If(b.shared && b.ShareMsg != "", app.Div().Class("quiz-share").Body(
			app.Input().Type("text").ID("quiz-share-link").Class("share-link").ReadOnly(true).Value(b.ShareLink).Hidden(b.ShareLink == ""),
			app.P().ID("quiz-share-msg").Class("hint").Text(b.ShareMsg),
		)),
	)
}

// QuizList shows the list of questions for taking the quiz: in quiz mode each answer stays
// hidden, not merely covered (it is not in the page), until its button is clicked. Each pair
// is an element with data-index (its place in the list), data-question, data-method and
// data-revealed and, while its answer shows, data-answer, data-start and data-end (rune offsets in
// the text), written exactly once rendered (go-app trims attribute values). The answer shown reads
// as one line (oneLine), whatever line breaks the text has inside it; data-answer keeps them, as
// the text has it. Each pair shows who wrote it (rules, model, edited), as the editable list does.
//
// A question the model wrote that repeats a word ("The the the …", degenerateQuestion) is left
// out of the quiz, with a note saying how many were and where they are: the editable list flags
// it, and a trial found the quiz, and a shared quiz's receiver, showing it as a question like
// the others.
type QuizList struct {
	app.Compo
	Pairs    []qa.Pair
	Mode     bool
	Revealed map[string]bool // by revealKey
}

func (l *QuizList) OnMount(ctx app.Context)  { ctx.Defer(l.tag) }
func (l *QuizList) OnUpdate(ctx app.Context) { ctx.Defer(l.tag) }

// shown says whether the answer of pair i is on show.
func (l *QuizList) shown(i int) bool { return !l.Mode || l.Revealed[revealKey(l.Pairs[i])] }

// tag writes each pair's exact texts into its element's data attributes.
func (l *QuizList) tag(ctx app.Context) {
	if !app.IsClient {
		return
	}
	items := app.Window().Get("document").Call("querySelectorAll", "#quiz > li")
	for k := 0; k < items.Length(); k++ {
		d := items.Index(k).Get("dataset")
		i, err := strconv.Atoi(d.Get("index").String()) // the pair's place in the list: some are left out
		if err != nil || i < 0 || i >= len(l.Pairs) {
			continue
		}
		d.Set("question", l.Pairs[i].Question)
		if l.shown(i) {
			d.Set("answer", l.Pairs[i].Answer)
		} else {
			d.Delete("answer")
		}
	}
}

// printTitle is the Print button's title: what goes on paper, the text first when it does (a
// trial printed eight pages for a quiz of one), and the questions the print leaves out.
func printTitle(text bool, leftOut int) string {
	t := "The questions, then the answers on a page of their own"
	if text {
		t = "The text, its questions, then the answers on a page of their own"
	}
	switch leftOut {
	case 0:
		return t
	case 1:
		return t + "; the question that repeats a word is left out, as in quiz mode"
	}
	return fmt.Sprintf("%s; the %d questions that repeat a word are left out, as in quiz mode", t, leftOut)
}

// quizKept is the places in pairs of the pairs a quiz asks, on screen and on paper: all but the
// model's questions that repeat a word (degenerateQuestion).
func quizKept(pairs []qa.Pair) []int {
	var kept []int
	for i, p := range pairs {
		if !degenerateQuestion(p) {
			kept = append(kept, i)
		}
	}
	return kept
}

func (l *QuizList) Render() app.UI {
	kept := quizKept(l.Pairs)
	out := len(l.Pairs) - len(kept)
	return app.Div().Class("quiz").Body(
		// Always there, hidden when none is left out: an element that comes and goes before the
		// list would make go-app build the list anew.
		app.P().ID("quiz-left-out").Class("hint").Hidden(out == 0).DataSet("count", out).Text(leftOutNote(out)),
		app.Ol().ID("quiz").Class("quiz-list").DataSet("mode", l.Mode).DataSet("count", len(kept)).Body(
			app.Range(kept).Slice(func(k int) app.UI {
				i := kept[k]
				p := l.Pairs[i]
				li := app.Li().Class("quiz-item").DataSet("index", i).DataSet("method", string(p.Method)).DataSet("edited", p.Edited).
					DataSet("revealed", l.shown(i))
				badge := app.Span().Class("method method-" + pairSource(p)).Text(pairSource(p)).Title(methodTitle(p))
				if !l.shown(i) {
					return li.Body(
						app.Span().Class("q").Text(p.Question),
						app.Button().Class("reveal").DataSet("index", i).Text("Show answer").OnClick(onReveal),
						badge,
					)
				}
				return li.DataSet("start", p.Start).DataSet("end", p.End).Body(
					app.Span().Class("q").Text(p.Question),
					app.Span().Class("a").Text(oneLine(p.Answer)),
					badge,
				)
			}),
		),
	)
}

// leftOutNote says that n questions are left out of the quiz, and why; "" for none.
func leftOutNote(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "1 question is left out of the quiz: the question model wrote it, and it repeats a word, as a model that has not " +
			"learned enough writes. Turn quiz mode off to see it, then delete it or rewrite it."
	}
	return fmt.Sprintf("%d questions are left out of the quiz: the question model wrote them, and they repeat a word, as a model "+
		"that has not learned enough writes. Turn quiz mode off to see them, then delete them or rewrite them.", n)
}

// onReveal shows the answer of the clicked button's pair. It reads the index from the button
// at click time: go-app keeps a button's first handler when the list re-renders.
func onReveal(ctx app.Context, e app.Event) {
	if i, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("index").String()); err == nil {
		ctx.NewActionWithValue(actQuizReveal, i)
	}
}

// QuizPrint is the printable quiz: the text (when it is short enough to print), the questions
// numbered, then the answers numbered on a page of their own. It is in the page only while
// printing (View.Quiz.Printing), when the studio hides everything else from print (app.css);
// each new Rev asks the browser to print once.
type QuizPrint struct {
	app.Compo
	Pairs []qa.Pair
	Text  string // "" leaves the text out
	Rev   int

	printed  int
	unlisten func()
}

func (p *QuizPrint) OnMount(ctx app.Context) {
	if app.IsClient {
		p.unlisten = app.Window().AddEventListener("afterprint", func(ctx app.Context, e app.Event) { ctx.NewAction(actQuizPrinted) })
	}
	p.print(ctx)
}

func (p *QuizPrint) OnUpdate(ctx app.Context) { p.print(ctx) }

func (p *QuizPrint) OnDismount() {
	if p.unlisten != nil {
		p.unlisten()
		p.unlisten = nil
	}
}

// print opens the browser's print dialog once the view is in the page, once per revision.
func (p *QuizPrint) print(ctx app.Context) {
	if p.Rev == p.printed || !app.IsClient {
		return
	}
	p.printed = p.Rev
	ctx.Defer(func(app.Context) { app.Window().Call("print") })
}

// Render prints the quiz's questions: those the quiz leaves out on screen (quizKept) are left
// off the paper too, where a trial found "The the the …" printed for a class like any question.
func (p *QuizPrint) Render() app.UI {
	kept := quizKept(p.Pairs)
	return app.Div().ID("quiz-print").Class("quiz-print").Body(
		app.If(p.Text != "", app.Section().Class("print-text").Body(
			app.H2().Text("The text"),
			app.P().Class("print-passage").Text(p.Text),
		)),
		app.Section().ID("quiz-print-questions").Class("print-questions").Body(
			app.H2().Text("Questions"),
			app.Ol().Body(app.Range(kept).Slice(func(k int) app.UI {
				return app.Li().Text(p.Pairs[kept[k]].Question)
			})),
		),
		app.Section().ID("quiz-print-answers").Class("print-answers").Body(
			app.H2().Text("Answers"),
			app.Ol().Body(app.Range(kept).Slice(func(k int) app.UI {
				return app.Li().Text(oneLine(p.Pairs[kept[k]].Answer))
			})),
		),
	)
}
