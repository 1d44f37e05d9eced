package lm

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestEverySettingIsInTheTable: each JSON field of Config is one of Settings, so that the form,
// the flags and the checks all come from one table.
func TestEverySettingIsInTheTable(t *testing.T) {
	typ := reflect.TypeOf(Config{})
	for i := range typ.NumField() {
		name := strings.Split(typ.Field(i).Tag.Get("json"), ",")[0]
		if _, ok := SettingByName(name); !ok {
			t.Errorf("Config.%s (%q) is in no Setting", typ.Field(i).Name, name)
		}
	}
	if len(Settings) != typ.NumField() {
		t.Errorf("%d settings for %d fields", len(Settings), typ.NumField())
	}
}

func TestSetReadsWhatGetWrites(t *testing.T) {
	from, to := QuickConfig(), DefaultConfig()
	from.ClipNorm, from.Seed = 2.5, 1<<40
	for _, s := range Settings {
		t.Run(s.Name, func(t *testing.T) {
			if err := to.Set(s.Name, " "+from.Get(s.Name)+" "); err != nil {
				t.Fatal(err)
			}
			if got, want := to.Get(s.Name), from.Get(s.Name); got != want {
				t.Errorf("got %q; want %q", got, want)
			}
		})
	}
	a, _ := json.Marshal(from)
	b, _ := json.Marshal(to)
	if string(a) != string(b) {
		t.Errorf("every setting copied, the configs differ:\n%s\n%s", a, b)
	}
}

func TestSetRefusesWhatIsNoValue(t *testing.T) {
	for _, c := range []struct{ name, value, want string }{
		{"units", "many", `"many" is not a whole number`},
		{"units", "2.5", `"2.5" is not a whole number`},
		{"dropout", "half", `"half" is not a number`},
		{"seed", "-1", `"-1" is not a whole number of at least 0`},
		{"colour", "red", `unknown setting "colour"`},
	} {
		t.Run(c.name+"="+c.value, func(t *testing.T) {
			cfg := DefaultConfig()
			err := cfg.Set(c.name, c.value)
			if err == nil || err.Error() != c.want {
				t.Errorf("got %v; want %s", err, c.want)
			}
			if cfg != DefaultConfig() {
				t.Errorf("a refused value changed the config: %+v", cfg)
			}
		})
	}
	// Out of range parses: FieldErrors explains it beside the field.
	cfg := DefaultConfig()
	if err := cfg.Set("units", "0"); err != nil || cfg.FieldErrors()["units"] == "" {
		t.Errorf("units 0: Set %v, FieldErrors %v", err, cfg.FieldErrors())
	}
}
