package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// A draft is the text and settings being prepared before a run saves a workspace: kept in the
// page's localStorage on every change, so that a reload before training loses nothing either.
// The text has a key of its own, written only when the text changes: serializing megabytes of
// text into JSON at every change of a setting held the page's thread for a second. localStorage
// holds a few megabytes; a text too large for it is simply not kept as a draft (the workspace
// saved when training starts keeps it).
type draft struct {
	Text    string    `json:"text,omitempty"` // in drafts written before the text had its own key
	Config  lm.Config `json:"config"`
	Updated int64     `json:"updated"` // Unix milliseconds
	// Link is the writing settings of the share link this draft was opened from, so that a reload
	// keeps what the link carried (its receiver has no workspace for a kept writing yet); drafts
	// not opened from a link, and those kept before it, have none.
	Link *draftLink `json:"link,omitempty"`
	// Of is the workspace on show when the draft was kept, if the draft's text is the text that
	// workspace's run learned from, unchanged: a reload then brings back that workspace, with its
	// model, rather than the text alone, however much newer the draft (a trial typed a character
	// and deleted it, and a reload showed a blank studio with the run only in the list).
	Of string `json:"of,omitempty"`

	inJSON bool // Text came from the JSON: the draft is rewritten in today's form when restored
}

// draftLink is what a share link carries besides its text, settings and questions: the Generate
// form (prompt, options, seed), the workers a run asks for, the meter's least run and the weights
// written with. Prompt follows the box as the receiver types in it.
type draftLink struct {
	Prompt    string        `json:"prompt"`
	Gen       lm.GenOptions `json:"gen"`
	Seed      uint64        `json:"seed,omitempty"` // 0: none, Generate draws one
	Workers   int           `json:"workers,omitempty"`
	MinCopied int           `json:"min_copied,omitempty"` // tokens; 0: the level's default
	Weights   lm.Weights    `json:"weights,omitempty"`
}

// check reports why a kept link's settings cannot be shown (nil when they can): they are shown
// as the link gave them, which share.Decode checked.
func (l *draftLink) check() error {
	switch {
	case len(l.Prompt) > MaxTextBytes:
		return errors.New("its prompt is too large")
	case l.Gen.Validate() != nil:
		return l.Gen.Validate()
	case l.Workers < 0 || l.Workers > proto.MaxWorkers:
		return errors.New("its workers are out of range")
	case l.MinCopied < 0 || l.MinCopied > lm.MaxMinCopied:
		return errors.New("its least copied run is out of range")
	case l.Weights != "" && l.Weights != lm.WeightsLatest && l.Weights != lm.WeightsBest:
		return errors.New("its weights are neither best nor latest")
	}
	return nil
}

const (
	draftKey     = "fabulist-draft"      // the draft's JSON, without the text
	draftTextKey = "fabulist-draft-text" // the text, as it is
)

// storage is the page's localStorage, or a null value outside a browser (tests, prerendering).
func storage() (ls app.Value) {
	if !app.IsClient || !try(func() { ls = app.Window().Get("localStorage") }) { // the getter throws where storage is forbidden
		return nil
	}
	return ls
}

// keepDraft saves the settings.
func (s *store) keepDraft() { s.writeDraft(false) }

// keepDraftText saves the text and the settings.
func (s *store) keepDraftText() { s.writeDraft(true) }

func (s *store) writeDraft(text bool) {
	d := draft{Config: s.v.Config, Updated: time.Now().UnixMilli()}
	if l := s.draftLink; l != nil { // until a run saves a workspace, whose kept writing then holds them (gotSaved)
		kept := *l
		kept.Prompt, kept.Workers, kept.MinCopied, kept.Weights = s.prompt, s.v.TrainWorkers, s.v.MinCopied, s.v.Weights
		d.Link = &kept
	}
	if text {
		d.Text = s.text
	}
	if s.v.WorkspaceID != "" && s.runText != "" && s.text == s.runText {
		d.Of = s.v.WorkspaceID
	}
	if s.saveDraft != nil && s.saveDraft(d, text) {
		s.v.BadDraft = nil // a damaged draft was replaced or removed
	}
}

// saveDraft writes a draft to localStorage, its text (under its own key) only when withText. It
// reports whether what was kept before is gone: replaced, or removed when storage is full.
func saveDraft(d draft, withText bool) bool {
	ls := storage()
	if ls == nil || !ls.Truthy() {
		return false
	}
	b, err := json.Marshal(draft{Config: d.Config, Updated: d.Updated, Link: d.Link, Of: d.Of})
	if err != nil {
		return false
	}
	// setItem throws when full: the older draft is then removed rather than left to come back
	// in place of this text.
	wrote := try(func() {
		if withText {
			ls.Call("setItem", draftTextKey, jsText(d.Text))
		}
		ls.Call("setItem", draftKey, string(b))
	})
	return wrote || try(func() { ls.Call("removeItem", draftKey); ls.Call("removeItem", draftTextKey) })
}

// try makes a call on localStorage, which throws when it is full or forbidden, and reports
// whether it went through.
func try(call func()) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	call()
	return true
}

// errNoDraft says that the browser keeps no draft.
var errNoDraft = errors.New("no draft is kept")

// draftDamage is what the browser keeps under draftKey when it is not a draft: it is listed with
// the saved workspaces, with why and its size, so that it can be deleted (it would otherwise be
// dropped without a word, and come back on every visit).
type draftDamage struct {
	reason string
	bytes  int
}

func (d *draftDamage) Error() string { return "the draft is damaged: " + d.reason }

// entry lists the damaged draft like a damaged workspace.
func (d *draftDamage) entry() *proto.Workspace {
	return &proto.Workspace{ID: draftKey, Name: "Draft (a text not yet trained on)", Damaged: d.reason, Bytes: d.bytes, ValLoss: -1}
}

// loadDraft reads the saved draft: errNoDraft when there is none, a *draftDamage when what is
// kept is not one. Reading localStorage throws where the browser forbids it; that is no draft.
func loadDraft() (draft, error) {
	v, ok := getItem(draftKey)
	if !ok {
		return draft{}, errNoDraft
	}
	if v.Type() != app.TypeString {
		return draft{}, &draftDamage{reason: "it is not text"} // localStorage keeps only strings: a stand-in for it does not
	}
	d, err := checkDraft(v.String())
	if err != nil {
		return d, err
	}
	t, ok := getItem(draftTextKey)
	if !ok {
		return d, nil
	}
	if t.Type() != app.TypeString {
		return draft{}, &draftDamage{reason: "its text is not text"}
	}
	if n := utf8Bytes(t); n > MaxTextBytes {
		return draft{}, &draftDamage{reason: fmt.Sprintf("its text is larger than the %d MB the studio takes", MaxTextBytes>>20), bytes: n}
	}
	d.Text, d.inJSON = t.String(), false
	return d, nil
}

// getItem reads localStorage's key: ok is false when nothing is kept there, or when the browser
// forbids storage (reading it then throws).
func getItem(key string) (v app.Value, ok bool) {
	ls := storage()
	if ls == nil || !ls.Truthy() || !try(func() { v = ls.Call("getItem", key) }) {
		return nil, false
	}
	return v, v.Type() != app.TypeNull && v.Type() != app.TypeUndefined
}

// checkDraft reads a draft as localStorage keeps it. Its settings may be out of range (a field
// the user was still typing): restoreDraft shows them with their errors, as they were left.
func checkDraft(s string) (draft, error) {
	bad := func(reason string) (draft, error) { return draft{}, &draftDamage{reason: reason, bytes: len(s)} }
	var d draft
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return bad("it does not parse")
	}
	switch {
	case len(d.Text) > MaxTextBytes:
		return bad(fmt.Sprintf("its text is larger than the %d MB the studio takes", MaxTextBytes>>20))
	case d.Updated < 0:
		return bad("its date is negative")
	}
	if d.Link != nil && d.Link.check() != nil {
		d.Link = nil // the text and settings are still good: the form comes back with its defaults
	}
	d.inJSON = d.Text != ""
	return d, nil
}

// restoreDraft shows a draft's text and settings.
func (s *store) restoreDraft(d draft) {
	s.showText(d.Text)
	s.showDraftConfig(d.Config)
	if l := d.Link; l != nil { // checked as it was read (checkDraft)
		s.showLinkWriting(*l)
	}
	s.reanalyze()
	if d.inJSON {
		s.keepDraftText()
	}
	s.restoreQuiz()
}

// showDraftConfig shows a draft's settings, with what is wrong with those out of range.
func (s *store) showDraftConfig(c lm.Config) {
	s.showConfig(c)
	s.v.FieldErrors = c.FieldErrors()
	if len(s.v.FieldErrors) > 0 {
		s.v.Preset = "custom"
	}
}

// deleteDraft removes the draft kept in the browser.
func (s *store) deleteDraft() {
	s.v.BadDraft = nil
	if ls := storage(); ls != nil && ls.Truthy() {
		try(func() { ls.Call("removeItem", draftKey); ls.Call("removeItem", draftTextKey) })
	}
}
