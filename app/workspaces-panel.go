package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/proto"
)

// WorkspacesPanel lists what autosave keeps in this browser, with Open and Delete. Delete asks
// once more in place: a deleted workspace cannot come back. A damaged workspace (or draft) is
// listed with why and how many bytes it takes, and can only be deleted.
type WorkspacesPanel struct {
	app.Compo
	List         []proto.Workspace
	Draft        *proto.Workspace // the draft in localStorage, when it is damaged
	Current      string           // the workspace autosave writes
	Confirm      string           // the workspace whose deletion awaits a yes
	Usage, Quota int64
	Locked       bool // training: no other workspace can be opened
	SavedAt      string
}

func (p *WorkspacesPanel) Render() app.UI {
	damaged, titles := 0, wsTitles(p.List)
	for _, w := range p.List {
		if w.Damaged != "" {
			damaged++
		}
	}
	return app.Div().ID("workspaces").Class("workspaces").DataSet("count", len(p.List)).DataSet("damaged", damaged).
		DataSet("current", p.Current).Body(
		app.H3().Text("Saved workspaces"),
		app.P().ID("saved-at").Class("hint").Text(p.status()),
		app.If(len(p.List) > 0 || p.Draft != nil, app.Ul().Class("ws-list").Body(
			app.Range(p.List).Slice(func(i int) app.UI {
				if p.List[i].Damaged != "" {
					return p.damagedRow(p.List[i], actDeleteWorkspace)
				}
				return p.row(p.List[i], titles[p.List[i].ID])
			}),
			app.If(p.Draft != nil, p.damagedRow(deref(p.Draft), actDeleteDraft)),
		)),
	)
}

func deref(w *proto.Workspace) proto.Workspace {
	if w == nil {
		return proto.Workspace{}
	}
	return *w
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

// finished reports whether w's run has trained all its epochs, or ended.
func finished(w proto.Workspace) bool {
	return w.Phase == proto.Done || (w.Epochs > 0 && w.Epoch >= w.Epochs)
}

// epochWhere says where w's run stands in the status line's words (TrainPanel.status): a run
// under way, paused or stopped is at the epoch it is in ("epoch 3/30", as Keras counts, where
// w.Epoch counts those finished); a finished one has trained its epochs ("30 epochs"), as "Done"
// says.
func epochWhere(w proto.Workspace) string {
	switch {
	case finished(w):
		return count(w.Epoch, "epoch")
	case w.Phase == proto.Idle && w.Epoch == 0:
		return "not trained"
	}
	return fmt.Sprintf("epoch %d/%d", w.Epoch+1, w.Epochs)
}

// rowDetail is what a workspace's row says after its name: level, size, where its run stands,
// its last validation loss, bytes and when it was saved.
func rowDetail(w proto.Workspace) string {
	detail := fmt.Sprintf("%s · %d chars · %s", w.Level, w.Chars, epochWhere(w))
	if w.ValLoss >= 0 && w.Epoch > 0 {
		detail += fmt.Sprintf(" · val loss %.3f", w.ValLoss)
		if !finished(w) {
			detail += fmt.Sprintf(" (epoch %d)", w.Epoch) // the last finished, not the one under way
		}
	}
	return detail + " · " + humanBytes(int64(w.Bytes)) + " · " + time.UnixMilli(w.Updated).Format("Jan 2 15:04")
}

// row lists a healthy workspace under its title (wsTitles), with Open and Delete.
func (p *WorkspacesPanel) row(w proto.Workspace, title string) app.UI {
	current := w.ID == p.Current
	detail := rowDetail(w)
	var actions app.UI
	if p.Confirm == w.ID {
		actions = p.confirm(w.ID, actDeleteWorkspace)
	} else {
		actions = app.Span().Body(
			button("ws-open", actOpenWorkspace, w.ID, "Open").Disabled(current || p.Locked),
			button("ws-delete", actConfirmDelete, w.ID, "Delete").Disabled(current && p.Locked),
		)
	}
	class := "ws"
	if current {
		class += " current"
	}
	return app.Li().ID("ws-"+w.ID).Class(class).Body(
		app.Span().Class("ws-name").Text(title),
		app.If(current, app.Span().Class("ws-tag").Text(" (open)")),
		app.Div().Class("ws-detail").Text(detail),
		actions,
	)
}

// damagedRow lists a workspace that cannot be opened: what could be read of it, why, its size,
// and Delete, which sends del with its id once confirmed.
func (p *WorkspacesPanel) damagedRow(w proto.Workspace, del string) app.UI {
	name := w.Name
	if name == "" {
		name = "Unreadable workspace"
	}
	detail := "Damaged: " + w.Damaged + " · " + humanBytes(int64(w.Bytes))
	if w.Updated > 0 {
		detail += " · " + time.UnixMilli(w.Updated).Format("Jan 2 15:04")
	}
	var actions app.UI
	if p.Confirm == w.ID {
		actions = p.confirm(w.ID, del)
	} else {
		// The same buttons as a healthy row's, so that go-app, which keeps an element when it
		// re-renders a list, finds the same ones in place.
		actions = app.Span().Body(
			button("ws-open", actOpenWorkspace, w.ID, "Open").Disabled(true).Title("A damaged workspace cannot be opened"),
			button("ws-delete", actConfirmDelete, w.ID, "Delete"),
		)
	}
	return app.Li().ID("ws-"+w.ID).Class("ws damaged").DataSet("reason", w.Damaged).DataSet("bytes", w.Bytes).Body(
		app.Span().Class("ws-name").Text(name),
		app.Span().Class("ws-tag").Text(" (damaged)"),
		app.Div().Class("ws-detail").Text(detail),
		actions,
	)
}

// confirm asks once more before del deletes id for good.
func (p *WorkspacesPanel) confirm(id, del string) app.UI {
	return app.Span().Class("confirm").Body(
		app.Span().Text("Delete for good? "),
		button("ws-yes danger", del, id, "Delete"),
		button("ws-no", actConfirmDelete, "", "Keep"),
	)
}

// button is a button that sends action with the value id.
func button(class, action, id, label string) app.HTMLButton {
	return app.Button().Class(class).DataSet("action", action).DataSet("id", id).Text(label).OnClick(onAction)
}

// onAction sends the action a button names with its value, both read from the button at click
// time: go-app keeps the first handler of an element it re-renders when the new handler is a
// closure of the same function, so a closure over the row or the action would go stale (and
// a row's Delete could open the workspace that used to be listed there).
func onAction(ctx app.Context, e app.Event) {
	ds := ctx.JSSrc().Get("dataset")
	action, id := ds.Get("action"), ds.Get("id")
	if action.Type() != app.TypeString {
		return
	}
	value := ""
	if id.Type() == app.TypeString {
		value = id.String()
	}
	ctx.NewActionWithValue(action.String(), value)
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
