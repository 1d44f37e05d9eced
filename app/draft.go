package app

import (
	"encoding/json"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model"
)

// A draft is the text and settings being prepared before a run saves a workspace: kept in the
// page's localStorage on every change, so that a reload before training loses nothing either.
// localStorage holds a few megabytes; a text too large for it is simply not kept as a draft (the
// workspace saved when training starts keeps it).
type draft struct {
	Text    string       `json:"text"`
	Config  model.Config `json:"config"`
	Updated int64        `json:"updated"` // Unix milliseconds
}

const draftKey = "fabulist-draft"

// storage is the page's localStorage, or a null value outside a browser (tests, prerendering).
func storage() app.Value {
	if !app.IsClient {
		return nil
	}
	return app.Window().Get("localStorage")
}

// keepDraft saves the current text and settings.
func (s *store) keepDraft() {
	ls := storage()
	if ls == nil || !ls.Truthy() {
		return
	}
	b, err := json.Marshal(draft{Text: s.text, Config: s.v.Config, Updated: time.Now().UnixMilli()})
	if err != nil {
		return
	}
	// setItem throws when full: the older draft is then removed rather than left to come back
	// in place of this text.
	func() {
		defer func() {
			if recover() != nil {
				ls.Call("removeItem", draftKey)
			}
		}()
		ls.Call("setItem", draftKey, string(b))
	}()
}

// loadDraft reads the saved draft, if any.
func loadDraft() (draft, bool) {
	ls := storage()
	if ls == nil || !ls.Truthy() {
		return draft{}, false
	}
	v := ls.Call("getItem", draftKey)
	if v.Type() != app.TypeString {
		return draft{}, false
	}
	var d draft
	if json.Unmarshal([]byte(v.String()), &d) != nil || d.Config.Validate() != nil {
		return draft{}, false
	}
	return d, true
}

// restoreDraft shows a draft's text and settings.
func (s *store) restoreDraft(d draft) {
	s.showText(d.Text)
	s.showConfig(d.Config)
	s.reanalyze()
}
