package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// fieldValue is a settings field's id (a setting's JSON name, or "workers") and its value as typed.
type fieldValue struct{ Field, Value string }

func (s *store) onPreset(ctx app.Context, a app.Action) {
	name, _ := a.Value.(string)
	s.edited()
	s.setPreset(name)
	s.keepDraft()
}

// onField takes a committed field's value, and then every other pending edit.
func (s *store) onField(ctx app.Context, a app.Action) {
	f, ok := a.Value.(fieldValue)
	if !ok {
		return
	}
	pending.done(f.Field) // its value is this one
	s.flush()
	s.edited()
	s.setField(f.Field, f.Value)
	s.keepDraft()
}

func (s *store) setPreset(name string) {
	switch name {
	case "book":
		s.v.Config = lm.DefaultConfig()
	case "quick":
		s.v.Config = lm.QuickConfig()
	default:
		return
	}
	s.v.Preset, s.v.FieldErrors = name, map[string]string{}
	s.reanalyze()
}

// showConfig shows settings that come from elsewhere (a file, a link, storage) as valid ones.
func (s *store) showConfig(c lm.Config) {
	s.v.Config, s.v.Preset, s.v.FieldErrors = c, presetOf(c), map[string]string{}
}

// setField takes one setting from its form field (see lm.Settings). A value that does not parse
// is kept out of the configuration and explained next to its field.
func (s *store) setField(field, value string) {
	if field == "workers" { // the browser's, not the model's: it is no Config setting
		s.setWorkers(value)
		return
	}
	if _, ok := lm.SettingByName(field); !ok {
		return
	}
	c := s.v.Config
	err := c.Set(field, value)
	fe := c.FieldErrors()
	if err != nil {
		fe[field] = err.Error()
	} else {
		s.v.Config = c
	}
	s.v.FieldErrors, s.v.Preset = fe, "custom"
	s.reanalyze()
}

// setWorkers takes how many workers a new run asks for: 0 (one per core) to proto.MaxWorkers.
func (s *store) setWorkers(value string) {
	n, err := strconv.Atoi(strings.TrimSpace(value))
	if err != nil || n < 0 || n > proto.MaxWorkers {
		fe := s.v.Config.FieldErrors()
		fe["workers"] = fmt.Sprintf("between 0 (one per core) and %d", proto.MaxWorkers)
		s.v.FieldErrors = fe
		return
	}
	s.v.TrainWorkers = n
	delete(s.v.FieldErrors, "workers")
}

// presetOf names the preset a configuration is, or "custom".
func presetOf(c lm.Config) string {
	switch c {
	case lm.DefaultConfig():
		return "book"
	case lm.QuickConfig():
		return "quick"
	}
	return "custom"
}
