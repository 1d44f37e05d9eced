package app

import (
	"encoding/json"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model"
)

// A draft is the text and settings being prepared before a run saves a workspace: kept in the
// page's localStorage on every change, so that a reload before training loses nothing either.
// The text has a key of its own, written only when the text changes: serializing megabytes of
// text into JSON at every change of a setting held the page's thread for a second. localStorage
// holds a few megabytes; a text too large for it is simply not kept as a draft (the workspace
// saved when training starts keeps it).
type draft struct {
	Text    string       `json:"text,omitempty"` // in drafts written before the text had its own key
	Config  model.Config `json:"config"`
	Updated int64        `json:"updated"` // Unix milliseconds

	inJSON bool // Text came from the JSON: the draft is rewritten in today's form when restored
}

const (
	draftKey     = "fabulist-draft"      // the draft's JSON, without the text
	draftTextKey = "fabulist-draft-text" // the text, as it is
)

// storage is the page's localStorage, or a null value outside a browser (tests, prerendering).
func storage() app.Value {
	if !app.IsClient {
		return nil
	}
	return app.Window().Get("localStorage")
}

// keepDraft saves the settings.
func (s *store) keepDraft() { s.writeDraft(false) }

// keepDraftText saves the text and the settings.
func (s *store) keepDraftText() { s.writeDraft(true) }

func (s *store) writeDraft(text bool) {
	ls := storage()
	if ls == nil || !ls.Truthy() {
		return
	}
	b, err := json.Marshal(draft{Config: s.v.Config, Updated: time.Now().UnixMilli()})
	if err != nil {
		return
	}
	// setItem throws when full: the older draft is then removed rather than left to come back
	// in place of this text.
	func() {
		defer func() {
			if recover() != nil {
				ls.Call("removeItem", draftKey)
				ls.Call("removeItem", draftTextKey)
			}
		}()
		if text {
			ls.Call("setItem", draftTextKey, jsText(s.text))
		}
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
	d.inJSON = d.Text != ""
	if t := ls.Call("getItem", draftTextKey); t.Type() == app.TypeString {
		d.Text, d.inJSON = t.String(), false
	}
	return d, true
}

// restoreDraft shows a draft's text and settings.
func (s *store) restoreDraft(d draft) {
	s.showText(d.Text)
	s.showConfig(d.Config)
	s.reanalyze()
	if d.inJSON {
		s.keepDraftText()
	}
}
