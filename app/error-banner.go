package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// ErrorBanner shows what went wrong, in words a user can act on, until dismissed.
type ErrorBanner struct {
	app.Compo
	Message string
}

func (e *ErrorBanner) Render() app.UI {
	return app.Div().ID("error").Class("error").Hidden(e.Message == "").Aria("live", "assertive").Body(
		app.Span().Class("error-text").Text(e.Message),
		app.If(e.Message != "", app.Button().Class("dismiss").Text("×").Title("Dismiss").
			OnClick(func(ctx app.Context, _ app.Event) { ctx.NewAction(actDismiss) })),
	)
}
