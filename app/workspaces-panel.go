package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/proto"
)

// WorkspacesPanel lists what autosave keeps in this browser, with Open and Delete. Delete asks
// once more in place: a deleted workspace cannot come back.
type WorkspacesPanel struct {
	app.Compo
	List         []proto.Workspace
	Current      string // the workspace autosave writes
	Confirm      string // the workspace whose deletion awaits a yes
	Usage, Quota int64
	Locked       bool // training: no other workspace can be opened
	SavedAt      string
}

func (p *WorkspacesPanel) Render() app.UI {
	return app.Div().ID("workspaces").Class("workspaces").DataSet("count", len(p.List)).DataSet("current", p.Current).Body(
		app.H3().Text("Saved workspaces"),
		app.P().ID("saved-at").Class("hint").Text(p.status()),
		app.If(len(p.List) > 0, app.Ul().Class("ws-list").Body(app.Range(p.List).Slice(func(i int) app.UI {
			return p.row(p.List[i])
		}))),
	)
}

func (p *WorkspacesPanel) status() string {
	s := "Your text, settings, model and samples are saved in this browser when training starts, " +
		"after every epoch, and when you pause or stop. Reloading the page brings them back."
	if p.SavedAt != "" {
		s = "Saved automatically at " + p.SavedAt + "."
	}
	if p.Quota > 0 {
		s += fmt.Sprintf(" Using %s of %s.", humanBytes(p.Usage), humanBytes(p.Quota))
	}
	return s
}

func (p *WorkspacesPanel) row(w proto.Workspace) app.UI {
	current := w.ID == p.Current
	detail := fmt.Sprintf("%s · %d chars · epoch %d/%d", w.Level, w.Chars, w.Epoch, w.Epochs)
	if w.ValLoss >= 0 && w.Epoch > 0 {
		detail += fmt.Sprintf(" · val loss %.3f", w.ValLoss)
	}
	detail += " · " + humanBytes(int64(w.Bytes)) + " · " + time.UnixMilli(w.Updated).Format("Jan 2 15:04")
	var actions app.UI
	if p.Confirm == w.ID {
		actions = app.Span().Class("confirm").Body(
			app.Span().Text("Delete for good? "),
			app.Button().Class("ws-yes danger").DataSet("id", w.ID).Text("Delete").OnClick(onID(actDeleteWorkspace)),
			app.Button().Class("ws-no").Text("Keep").OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actConfirmDelete, "") }),
		)
	} else {
		actions = app.Span().Body(
			app.Button().Class("ws-open").DataSet("id", w.ID).Text("Open").Disabled(current || p.Locked).OnClick(onID(actOpenWorkspace)),
			app.Button().Class("ws-delete").DataSet("id", w.ID).Text("Delete").Disabled(current && p.Locked).OnClick(onID(actConfirmDelete)),
		)
	}
	class := "ws"
	if current {
		class += " current"
	}
	return app.Li().ID("ws-"+w.ID).Class(class).Body(
		app.Span().Class("ws-name").Text(w.Name),
		app.If(current, app.Span().Class("ws-tag").Text(" (open)")),
		app.Div().Class("ws-detail").Text(detail),
		actions,
	)
}

// onID makes a click handler that reads the workspace from the button itself: go-app keeps the
// first handler of an element it re-renders, so a closure over the row would go stale.
func onID(action string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		ctx.NewActionWithValue(action, ctx.JSSrc().Get("dataset").Get("id").String())
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
