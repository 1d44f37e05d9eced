package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/qa"
)

// QuestionsPanel lists question–answer pairs about the text: found by the rules (and the question
// model, when one is open) or asked about a selection. Each pair shows its answer in its sentence;
// clicking it selects the answer in the text box. Its handlers read the pair they act on from the
// clicked element's data at click time (go-app keeps an element's first handler). Its buttons do
// not wait for a text: one typed is taken when they are clicked (store.flush), and the store
// says when there is none.
type QuestionsPanel struct {
	app.Compo
	QA    QAView
	Ready bool // the worker answers
	// Quiz is what is done with the list (quiz-panel.go): in quiz mode QuizList takes the list's
	// place. ShareLink and ShareMsg are the share panel's, which the quiz's Share shows too.
	Quiz                QuizView
	ShareLink, ShareMsg string
	PrintsText          bool // Print puts the text on paper before the questions (printableText)

	away string // why the last pair clicked could not be shown in the box
}

func (p *QuestionsPanel) OnMount(ctx app.Context)  { ctx.Defer(p.syncQuestions) }
func (p *QuestionsPanel) OnUpdate(ctx app.Context) { ctx.Defer(p.syncQuestions) }

// syncQuestions puts each pair's question into its field once rendered, unless the user is
// editing it. A textarea is never bound with Text: once edited, its value no longer follows its
// text, so a new list would show the old questions.
func (p *QuestionsPanel) syncQuestions(ctx app.Context) {
	if !app.IsClient {
		return
	}
	doc := app.Window().Get("document")
	active := doc.Get("activeElement")
	fields := doc.Call("querySelectorAll", "#questions .pair textarea.question")
	for i := 0; i < fields.Length() && i < len(p.QA.Pairs); i++ {
		f := fields.Index(i)
		if q := p.QA.Pairs[i].Question; !f.Equal(active) && f.Get("value").String() != q {
			f.Set("value", q)
		}
	}
}

func (p *QuestionsPanel) Render() app.UI {
	q := p.QA
	busy := q.Finding || q.Asking || !p.Ready
	return app.Div().ID("questions-panel").Body(
		app.H2().Text("5. Questions"),
		app.P().Class("hint").Text("Question–answer pairs about the text above, each answer a span of it. "+
			"Click a pair to see its answer in the text; edit or delete questions as you like."),
		p.controls(busy),
		app.P().ID("questions-status").Class("status").Text(p.status()),
		// Always there, hidden when no Find waits for a second press (see QAView.Confirm).
		app.P().ID("qa-confirm").Class("confirm").Hidden(replaceWarning(q) == "").Body(
			app.Text(replaceWarning(q)+" "),
			app.Button().ID("qa-keep").Text("Keep the list").
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actQAKeep) }),
		),
		// Always there, hidden when empty: an element that comes and goes before the list would
		// make go-app build the list anew, and take the focus from a question being edited.
		app.P().ID("questions-error").Class("field-error").Hidden(q.Error == "").Text(q.Error),
		app.P().ID("qa-note").Class("qa-note").Hidden(q.Note == "").Text(q.Note),
		app.P().ID("qa-stale").Class("hint").Hidden(!q.Stale).Text("The text has changed since these questions were found: "+
			"their answers may no longer be where they point. Find them again."),
		app.P().ID("qa-away").Class("hint").Hidden(p.away == "").Text(p.away),
		&QuizBar{Count: len(q.Pairs), LeftOut: len(q.Pairs) - len(quizKept(q.Pairs)), Mode: p.Quiz.Mode, Msg: p.Quiz.Msg,
			ShareLink: p.ShareLink, ShareMsg: p.ShareMsg, PrintsText: p.PrintsText},
		app.If(p.Quiz.Mode && len(q.Pairs) > 0, &QuizList{Pairs: q.Pairs, Mode: true, Revealed: p.Quiz.Revealed}).
			Else(app.Ol().ID("questions").Class("pairs").DataSet("count", len(q.Pairs)).DataSet("answers", q.Answers).
				DataSet("finding", q.Finding).Body(
				app.Range(q.Pairs).Slice(func(i int) app.UI { return p.renderPair(i) }),
			)),
		p.renderModel(),
	)
}

// controls is Find questions, Find in the selection and Ask, with the question model's settings
// when one is open. It is apart from Render, which was a 27 KB function of WebAssembly that V8
// compiled again with TurboFan at the page's start (DEVELOPERS.md, "TurboFan at the start").
func (p *QuestionsPanel) controls(busy bool) app.UI {
	q := p.QA
	return app.Div().Class("row").Body(
		app.Button().ID("find-questions").Class("primary").Text("Find questions").Disabled(busy).
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actFindQuestions) }),
		app.Button().ID("find-in-selection").Text("Find in the selection").Disabled(busy).
			Title("Questions about the passage selected in the text box only").
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actFindQuestions, boxSelection()) }),
		app.Button().ID("ask-question").Text("Ask about the selection").Disabled(busy).
			Title("Select the words that answer the question in the text box, then ask").
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actAskQuestion, boxSelection()) }),
		app.If(q.Model != nil, app.Label().Class("field ask-with").Body(
			app.Text("Ask with"),
			app.Select().ID("qa-ask-with").Title("Which generator writes the question about the selection").
				OnChange(p.onAskWith).Body(
				app.Option().Value(string(qa.ByRules)).Text("the rules").Selected(q.AskWith != qa.ByModel),
				app.Option().Value(string(qa.ByModel)).Text("the question model").Selected(q.AskWith == qa.ByModel),
			),
		)),
		app.If(q.Model != nil, app.Label().Class("field beam").Body(
			app.Text("Beam width"),
			app.Input().Type("number").ID("qa-beam").Min(1).Max(qa.MaxBeam).Value(q.Beam).
				Title("How many questions the model keeps in mind as it writes each word: wider is slower and often better").
				OnChange(p.onBeam),
		)),
	)
}

func (p *QuestionsPanel) status() string {
	q := p.QA
	switch {
	case q.Finding && len(q.Pairs) > 0:
		return "The question model is writing its questions…"
	case q.Finding:
		return "Finding questions…"
	case q.Asking:
		return "Asking…"
	case len(q.Pairs) == 0:
		return ""
	}
	about := "the text"
	if q.Scope != "" {
		about = q.Scope
	}
	rules, model, edited := 0, 0, 0
	for _, pr := range q.Pairs {
		switch {
		case pr.Edited:
			edited++
		case pr.Method == qa.ByModel:
			model++
		default:
			rules++
		}
	}
	s := fmt.Sprintf("%d %s about %s", len(q.Pairs), plural(len(q.Pairs), "pair", "pairs"), about)
	switch {
	case model > 0 && edited > 0:
		s += fmt.Sprintf(": %d by the rules, %d by the question model, %d edited", rules, model, edited)
	case model > 0:
		s += fmt.Sprintf(": %d by the rules, %d by the question model", rules, model)
	case edited > 0:
		s += fmt.Sprintf(": %d by the rules, %d edited", rules, edited)
	}
	return s + "."
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (p *QuestionsPanel) renderPair(i int) app.UI {
	pr := p.QA.Pairs[i]
	var c PairContext
	if i < len(p.QA.Context) {
		c = p.QA.Context[i]
	}
	degenerate := degenerateQuestion(pr)
	class := "pair"
	if degenerate {
		class += " degenerate"
	}
	return app.Li().Class(class).DataSet("index", i).DataSet("question", pr.Question).DataSet("answer", pr.Answer).
		DataSet("start", pr.Start).DataSet("end", pr.End).DataSet("method", string(pr.Method)).DataSet("edited", pr.Edited).
		DataSet("from16", c.From16).DataSet("to16", c.To16).DataSet("inbox", c.InBox).Body(
		app.Div().Class("pair-head").Body(
			app.Span().Class("method method-"+pairSource(pr)).Text(pairSource(pr)).
				Title(methodTitle(pr)),
			// A textarea, so that a long question wraps; its value is put in by syncQuestions.
			app.Textarea().Class("question").Rows(1).Spellcheck(false).Title("Edit the question; Enter keeps it").
				OnChange(p.onEdit).On("keydown", p.onQuestionKey),
			app.Button().Class("delete-pair").Text("×").Title("Delete this pair").OnClick(p.onDelete),
		),
		app.If(degenerate, app.P().Class("qa-degenerate").Text("This question repeats a word: the question model "+
			"has not learned enough to be trusted. Delete it, or ask with the rules.")),
		app.Button().Class("pair-context").Title("Show the answer in the text").OnClick(p.onShow).Body(
			app.Span().Text(c.Before),
			app.Mark().Class("answer").Text(oneLine(pr.Answer)), // a list kept before answers were one line,
			app.Span().Text(c.After),
		),
	)
}

// degenerateQuestion reports whether p's question is one the question model wrote that repeats a
// word (qa.Degenerate): the list flags it and the quiz leaves it out. Rewritten by hand, it is the
// user's question, whatever it says.
func degenerateQuestion(p qa.Pair) bool {
	return p.Method == qa.ByModel && !p.Edited && qa.Degenerate(p.Question)
}

// pairSource is what a pair's badge says: the generator that wrote it, or "edited" once its
// question was rewritten by hand (by the user, or by whoever shared the list).
func pairSource(p qa.Pair) string {
	if p.Edited {
		return "edited"
	}
	return string(p.Method)
}

func methodTitle(p qa.Pair) string {
	switch {
	case p.Edited && p.Method == qa.ByModel:
		return "Written by the question model, then rewritten by hand"
	case p.Edited:
		return "Written by the rules, then rewritten by hand"
	case p.Method == qa.ByModel:
		return "Written by the question model"
	}
	return "Written by the rules (no training, English)"
}

func (p *QuestionsPanel) renderModel() app.UI {
	m := p.QA.Model
	if m == nil {
		return app.Div().ID("qa-model").Class("qa-model").DataSet("open", false).Body(
			app.H3().Text("Question model"),
			app.P().Class("hint").Text("None is open: the rules write these questions, with no training. "+
				"A question model writes its own beside them. It learns from examples of passages with questions "+
				"and their answers (a dataset such as FairytaleQA), not from a pasted story alone; "+
				"open one trained with fabulist qa train with Open a model… under Model file."),
		)
	}
	val := "no validation yet"
	if m.ValLoss >= 0 {
		val = fmt.Sprintf("validation loss %.3f nats/word", m.ValLoss)
	}
	return app.Div().ID("qa-model").Class("qa-model").DataSet("open", true).Body(
		app.H3().Text("Question model"),
		app.P().ID("qa-model-info").Text(fmt.Sprintf("Open: the %s architecture, %d words, %s weights, %d %s trained, %s.",
			m.Arch, m.Vocab, humanCount(m.Params), m.Epochs, plural(m.Epochs, "epoch", "epochs"), val)),
		app.Div().Class("row").Body(
			app.Button().ID("export-qa").Text("Download question model (.fab)").
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actExportQA) }),
			app.Button().ID("qa-close").Text("Close question model").
				Title("Questions come from the rules alone again, and this browser forgets the saved question model").
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actQAClose) }),
		),
	)
}

// humanCount writes a count the way people read it: 950, 12.3 thousand, 4.1 million.
func humanCount(n int) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.1f million", float64(n)/1e6)
	case n >= 1e4:
		return fmt.Sprintf("%.1f thousand", float64(n)/1e3)
	}
	return strconv.Itoa(n)
}

// boxSelection is the text box's selection, in UTF-16 units.
func boxSelection() boxSpan {
	box := app.Window().GetElementByID(corpusID)
	if !box.Truthy() {
		return boxSpan{}
	}
	return boxSpan{Start: box.Get("selectionStart").Int(), End: box.Get("selectionEnd").Int()}
}

// pairIndex is the index of the pair whose element holds the event's element.
func pairIndex(ctx app.Context) (app.Value, int, bool) {
	li := ctx.JSSrc().Call("closest", "li.pair")
	if !li.Truthy() {
		return li, 0, false
	}
	i, err := strconv.Atoi(li.Get("dataset").Get("index").String())
	return li, i, err == nil
}

func (p *QuestionsPanel) onDelete(ctx app.Context, e app.Event) {
	if _, i, ok := pairIndex(ctx); ok {
		ctx.NewActionWithValue(actDeletePair, i)
	}
}

func (p *QuestionsPanel) onEdit(ctx app.Context, e app.Event) {
	li, i, ok := pairIndex(ctx)
	if !ok {
		return
	}
	v := ctx.JSSrc().Get("value").String()
	if strings.TrimSpace(v) == "" { // a pair keeps a question: the old one comes back
		ctx.JSSrc().Set("value", li.Get("dataset").Get("question"))
		return
	}
	ctx.NewActionWithValue(actEditQuestion, questionEdit{Index: i, Question: v})
}

// onQuestionKey keeps an edited question on Enter (the field loses the focus, which commits it)
// and drops the edit on Escape.
func (p *QuestionsPanel) onQuestionKey(ctx app.Context, e app.Event) {
	switch e.Get("key").String() {
	case "Enter":
		e.PreventDefault()
		ctx.JSSrc().Call("blur")
	case "Escape":
		if li, _, ok := pairIndex(ctx); ok {
			ctx.JSSrc().Set("value", li.Get("dataset").Get("question"))
		}
		ctx.JSSrc().Call("blur")
	}
}

func (p *QuestionsPanel) onAskWith(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actQAAskWith, qa.Method(ctx.JSSrc().Get("value").String()))
}

func (p *QuestionsPanel) onBeam(ctx app.Context, e app.Event) {
	b, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil || b < 1 || b > qa.MaxBeam {
		ctx.JSSrc().Set("value", p.QA.Beam) // out of range: the width in use stays, and shows
		return
	}
	ctx.NewActionWithValue(actQABeam, b)
}

// onShow selects the pair's answer in the text box and scrolls the box to it. A textarea shows
// its selection only while it has the focus, and Chromium does not scroll a selection set by a
// script into view (measured: the box stayed at the top), so the box is scrolled by hand.
func (p *QuestionsPanel) onShow(ctx app.Context, e app.Event) {
	li, _, ok := pairIndex(ctx)
	if !ok {
		return
	}
	d := li.Get("dataset")
	if d.Get("inbox").String() != "true" {
		p.away = "That answer lies beyond the beginning of the text that the box shows."
		return
	}
	p.away = ""
	from, _ := strconv.Atoi(d.Get("from16").String())
	to, _ := strconv.Atoi(d.Get("to16").String())
	box := app.Window().GetElementByID(corpusID)
	box.Call("setSelectionRange", from, to)
	box.Call("focus")
	box.Set("scrollTop", max(0, textHeight(box, from)-box.Get("clientHeight").Int()/3))
}

// textHeight is how tall the box's text up to UTF-16 offset at stands as the box lays it out:
// measured on a hidden copy of the box's text box, same font, width and wrapping.
func textHeight(box app.Value, at int) int {
	doc := app.Window().Get("document")
	st := app.Window().Call("getComputedStyle", box)
	m := doc.Call("createElement", "div")
	ms := m.Get("style")
	for _, k := range []string{"font", "letterSpacing", "lineHeight", "paddingLeft", "paddingRight", "paddingTop", "tabSize", "wordSpacing"} {
		ms.Set(k, st.Get(k))
	}
	ms.Set("position", "absolute")
	ms.Set("visibility", "hidden")
	ms.Set("whiteSpace", "pre-wrap")
	ms.Set("overflowWrap", "break-word")
	ms.Set("boxSizing", "border-box")
	ms.Set("width", fmt.Sprintf("%dpx", box.Get("clientWidth").Int()))
	m.Set("textContent", app.Window().Call("Object", box.Get("value")).Call("slice", 0, at)) // boxed, for its methods
	doc.Get("body").Call("appendChild", m)
	h := m.Get("scrollHeight").Int()
	m.Call("remove")
	return h
}
