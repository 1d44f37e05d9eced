package app

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
)

// SettingsPanel shows the presets and every engine option, each with its error beside it.
type SettingsPanel struct {
	app.Compo
	Preset string
	Config lm.Config
	Errors map[string]string
	Locked bool // settings cannot change while a run is going on
	// Workers asked for (0: one per core, of which there are Cores).
	Workers, Cores int
}

func (p *SettingsPanel) Render() app.UI {
	return app.Div().Body(
		app.H2().Text("2. Settings"),
		app.Label().Class("field wide").Body(
			app.Span().Text("Preset"),
			app.Select().ID("preset").Disabled(p.Locked).OnChange(func(ctx app.Context, e app.Event) {
				ctx.NewActionWithValue(actPreset, ctx.JSSrc().Get("value").String())
			}).Body(
				app.Option().Value("book").Text("The book's model: word level, 256 units").Selected(p.Preset == "book"),
				app.Option().Value("quick").Text("Quick: character level, 128 units").Selected(p.Preset == "quick"),
				app.Option().Value("custom").Text("Custom").Selected(p.Preset == "custom").Disabled(true),
			),
		),
		app.Div().Class("fields").Body(
			app.Range(lm.Settings).Slice(func(i int) app.UI { return p.setting(lm.Settings[i]) }),
			p.number("workers", fmt.Sprintf("Workers (0: %d, one per core)", max(p.Cores, 1)), strconv.Itoa(p.Workers), "1"),
		),
	)
}

// onEdit notes a field edited and not yet committed: an action taken before it is (a click made in
// script, Enter on a focused button) takes its value first (see pending.go).
func (p *SettingsPanel) onEdit(field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { pending.mark(field) }
}

func (p *SettingsPanel) onField(field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		ctx.NewActionWithValue(actField, fieldValue{field, ctx.JSSrc().Get("value").String()})
	}
}

func (p *SettingsPanel) errorFor(field string) app.UI {
	msg := p.Errors[field]
	return app.Span().Class("field-error").ID("error-" + field).Hidden(msg == "").Text(msg)
}

// setting is the field of one of lm.Settings: a choice or a number.
func (p *SettingsPanel) setting(s lm.Setting) app.UI {
	if s.Choices != nil {
		return p.choice(s.Name, s.Label, p.Config.Get(s.Name), s.Choices)
	}
	return p.number(s.Name, s.Label, p.Config.Get(s.Name), s.Step)
}

func (p *SettingsPanel) number(field, label, value, step string) app.UI {
	return app.Label().Class("field").Body(
		app.Span().Text(label),
		app.Input().Type("number").ID(field).Name(field).Value(value).Attr("step", step).
			Disabled(p.Locked).OnInput(p.onEdit(field)).OnChange(p.onField(field)),
		p.errorFor(field),
	)
}

func (p *SettingsPanel) choice(field, label, value string, options [][2]string) app.UI {
	return app.Label().Class("field").Body(
		app.Span().Text(label),
		app.Select().ID(field).Name(field).Disabled(p.Locked).OnChange(p.onField(field)).Body(
			app.Range(options).Slice(func(i int) app.UI {
				return app.Option().Value(options[i][0]).Text(options[i][1]).Selected(options[i][0] == value)
			}),
		),
		p.errorFor(field),
	)
}
