package main

import (
	"flag"
	"fmt"
	"strings"

	"fabulist/model/lm"
)

// configFlags defines every model and training setting (lm.Settings) as a flag of fs, starting
// from the defaults of new models, and returns a function that checks them after parsing.
func configFlags(fs *flag.FlagSet) func() (lm.Config, error) {
	cfg := lm.DefaultConfig()
	var names []string
	for _, s := range lm.Settings {
		names = append(names, s.Name)
	}
	flags := settingFlags(fs, &cfg, names...)
	return func() (lm.Config, error) { return cfg, checkFields(cfg.FieldErrors(), flags) }
}

// settingFlags defines the settings named (by JSON name) as flags of fs that set cfg: each flag is
// named as its setting, and its older name (lm.Setting.Alias) is accepted too. It returns the flags
// for checkFields, whose messages are lm.Config.FieldErrors', as the studio's form shows them.
func settingFlags(fs *flag.FlagSet, cfg *lm.Config, names ...string) []flagField {
	var flags []flagField
	for _, name := range names {
		s, ok := lm.SettingByName(name)
		if !ok {
			panic("fabulist: no setting " + name)
		}
		// The back-quoted word is the name -h shows for the flag's value (flag.UnquoteUsage).
		kind := fmt.Sprintf("`%s`", s.Kind())
		fs.Var(settingFlag{cfg, name}, name, s.Usage+" ("+kind+")")
		if s.Alias != "" {
			fs.Var(settingFlag{cfg, name}, s.Alias, "the same as -"+name+" ("+kind+")")
		}
		flags = append(flags, flagField{name, name})
	}
	return flags
}

// settingFlag is a flag that reads one setting of a Config with Config.Set.
type settingFlag struct {
	cfg  *lm.Config
	name string
}

func (f settingFlag) Set(v string) error { return f.cfg.Set(f.name, v) }

func (f settingFlag) String() string {
	if f.cfg == nil { // the zero value, which the flag package makes to tell a default from none
		return ""
	}
	return f.cfg.Get(f.name)
}

// flagField names the flag that sets a field (by its JSON name) of a checked value.
type flagField struct{ flag, field string }

// checkFields explains, as one usage error, each message of fe (a FieldErrors map, by JSON name)
// for a field that one of flags sets, naming the flag.
func checkFields(fe map[string]string, flags []flagField) error {
	var msgs []string
	for _, f := range flags {
		if msg, ok := fe[f.field]; ok {
			msgs = append(msgs, fmt.Sprintf("-%s: %s", f.flag, msg))
		}
	}
	if len(msgs) > 0 {
		return usageError{strings.Join(msgs, "; ")}
	}
	return nil
}
