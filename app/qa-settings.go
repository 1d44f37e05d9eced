package app

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The question model's training settings (the panel's Epochs, Examples an epoch and Model size)
// are kept in the page's localStorage on every change and at Train, as the text generator's are
// in the draft, so that a reload brings them back: a trial set Epochs, reloaded, and found the
// default. They have a key of their own: pages written before it simply have none. They are kept
// as typed; Train checks them (qaOptions), as it checks what is typed.

const qaSettingsKey = "fabulist-qa-settings"

// actQAField takes a question-run setting as committed (fieldValue: the field's element id and
// its value).
const actQAField = "qa-field"

// maxQASettingsBytes bounds what is read back: three short fields' JSON is far smaller.
const maxQASettingsBytes = 1 << 10

// errNoQASettings says that the browser keeps no question-run settings.
var errNoQASettings = errors.New("no question-model settings are kept")

// saveQASettings writes f to localStorage; a full or forbidden storage keeps nothing, and what was
// kept before is then removed rather than left to come back in place of f.
func saveQASettings(f qaTrainForm) {
	ls := storage()
	if ls == nil || !ls.Truthy() {
		return
	}
	b, err := json.Marshal(f)
	if err != nil {
		return
	}
	if !try(func() { ls.Call("setItem", qaSettingsKey, string(b)) }) {
		try(func() { ls.Call("removeItem", qaSettingsKey) })
	}
}

// loadQASettings reads the settings kept in localStorage: errNoQASettings when there are none or
// storage is forbidden, another error, in a user's words, when what is kept is not settings.
func loadQASettings() (qaTrainForm, error) {
	v, ok := getItem(qaSettingsKey)
	if !ok {
		return qaTrainForm{}, errNoQASettings
	}
	if v.Type() != app.TypeString {
		return qaTrainForm{}, errors.New("they are not text")
	}
	return checkQASettings(v.String())
}

// checkQASettings reads settings as localStorage keeps them: a JSON object of the three fields
// as typed, each present.
func checkQASettings(s string) (qaTrainForm, error) {
	if len(s) > maxQASettingsBytes {
		return qaTrainForm{}, fmt.Errorf("they take %d bytes, more than settings do", len(s))
	}
	var f struct{ Epochs, Examples, Size *string }
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		return qaTrainForm{}, errors.New("they do not parse")
	}
	if f.Epochs == nil || f.Examples == nil || f.Size == nil {
		return qaTrainForm{}, errors.New("some are missing")
	}
	return qaTrainForm{Epochs: *f.Epochs, Examples: *f.Examples, Size: *f.Size}, nil
}

// onQAField takes a committed question-run setting.
func (s *store) onQAField(ctx app.Context, a app.Action) {
	if f, ok := a.Value.(fieldValue); ok {
		s.setQAField(f.Field, f.Value)
	}
}

// setQAField takes the value of the panel's field id, and keeps the settings.
func (s *store) setQAField(id, value string) {
	f := s.qaForm()
	switch id {
	case "qa-epochs":
		f.Epochs = value
	case "qa-examples":
		f.Examples = value
	case "qa-size":
		f.Size = value
	default:
		return
	}
	s.keepQAForm(f)
}

// qaForm is the question-run settings on show.
func (s *store) qaForm() qaTrainForm {
	q := s.v.QATrain
	return qaTrainForm{Epochs: q.Epochs, Examples: q.Examples, Size: q.Size}
}

// keepQAForm shows f as the settings the user chose, and keeps them in the browser.
func (s *store) keepQAForm(f qaTrainForm) {
	s.showQAForm(f)
	s.qaFormEdited = true
	if s.saveQASettings != nil {
		s.saveQASettings(f)
	}
}

func (s *store) showQAForm(f qaTrainForm) {
	s.v.QATrain.Epochs, s.v.QATrain.Examples, s.v.QATrain.Size = f.Epochs, f.Examples, f.Size
}

// restoreQASettings brings back the settings kept in the browser (once the engine is ready),
// unless the user has set some meanwhile. Ones that do not read are not shown, and the panel says
// why; the next change replaces them.
func (s *store) restoreQASettings() {
	if s.loadQASettings == nil || s.qaFormEdited {
		return
	}
	f, err := s.loadQASettings()
	switch {
	case errors.Is(err, errNoQASettings):
		return
	case err != nil:
		s.v.QATrain.Error = "The question model's settings kept in this browser could not be brought back (" + err.Error() + "): the defaults are shown."
		return
	}
	s.showQAForm(f)
}
