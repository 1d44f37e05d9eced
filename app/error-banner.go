package app

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ErrorBanner shows what went wrong, in words a user can act on, until dismissed: as a sentence,
// whether the page or the engine said it.
type ErrorBanner struct {
	app.Compo
	Message string
}

func (e *ErrorBanner) Render() app.UI {
	return app.Div().ID("error").Class("error").Hidden(e.Message == "").Aria("live", "assertive").Body(
		app.Span().Class("error-text").Text(sentence(e.Message)), // the engine's errors are Go error strings
		app.If(e.Message != "", app.Button().Class("dismiss").Text("×").Title("Dismiss").
			OnClick(func(ctx app.Context, _ app.Event) { ctx.NewAction(actDismiss) })),
	)
}

// sentence shows a message as a sentence: its first letter a capital (unless it starts with a
// file's name) and a full stop at its end.
// The engine's errors are Go error strings (lower case, no final punctuation), and the page's
// own messages are sentences already; both are shown side by side.
func sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return ""
	}
	// A file's name or a path leads some ("huge.txt: that text is …"): it keeps its case.
	if first, _, _ := strings.Cut(msg, " "); !strings.ContainsAny(strings.TrimSuffix(first, ":"), "./\\") {
		r, n := utf8.DecodeRuneInString(msg)
		msg = string(unicode.ToUpper(r)) + msg[n:]
	}
	if last, _ := utf8.DecodeLastRuneInString(msg); !strings.ContainsRune(".!?…", last) {
		msg += "."
	}
	return msg
}
