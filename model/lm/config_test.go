package lm

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestConfigCellJSON: settings written before the cell existed (model files, share links, saved
// workspaces) read as the LSTM they were trained with; a cell that is there is kept; a field
// Config does not have is refused rather than dropped.
func TestConfigCellJSON(t *testing.T) {
	old := `{"level":"word","cleaning":"book","seq_length":20,"step":1,"embedding":100,"units":256,"layers":1,` +
		`"dropout":0.2,"loss":"last","optimizer":"rmsprop","lr":0.001,"clip_norm":0,"batch":32,"epochs":1,"seed":1}`
	for _, c := range []struct {
		name, js string
		want     Cell
	}{
		{"no cell", old, CellLSTM},
		{"gru", strings.Replace(old, `"units"`, `"cell":"gru","units"`, 1), CellGRU},
		{"simple", strings.Replace(old, `"units"`, `"cell":"simple","units"`, 1), CellSimple},
		{"null cell", strings.Replace(old, `"units"`, `"cell":null,"units"`, 1), CellLSTM},
	} {
		t.Run(c.name, func(t *testing.T) {
			var cfg Config
			if err := json.Unmarshal([]byte(c.js), &cfg); err != nil {
				t.Fatal(err)
			}
			if cfg.Cell != c.want {
				t.Errorf("got cell %q; want %q", cfg.Cell, c.want)
			}
			if c.want == CellLSTM && cfg != BookConfig() {
				t.Errorf("got %+v; want the book's settings", cfg)
			}
		})
	}
	// Into a Config that holds another cell, a missing cell is still the LSTM's.
	cfg := BookConfig()
	cfg.Cell = CellGRU
	if err := json.Unmarshal([]byte(old), &cfg); err != nil || cfg.Cell != CellLSTM {
		t.Errorf("got cell %q (%v); want lstm", cfg.Cell, err)
	}
	var into struct {
		Config Config `json:"config"`
	}
	err := json.Unmarshal([]byte(`{"config":`+strings.Replace(old, `"units"`, `"colour":"red","units"`, 1)+`}`), &into)
	if err == nil || !strings.Contains(err.Error(), `unknown field "colour"`) {
		t.Errorf("got %v; want an unknown field error", err)
	}
}

func TestValidateRefusesAnUnknownCell(t *testing.T) {
	for _, cell := range []Cell{"", "LSTM", "rnn", "gru "} {
		t.Run(string(cell), func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Cell = cell
			if err := cfg.Validate(); err == nil || err.Error() != "cell must be simple, lstm or gru" {
				t.Errorf("got %v; want cell must be simple, lstm or gru", err)
			}
		})
	}
	for _, cell := range cells {
		cfg := DefaultConfig()
		cfg.Cell = cell
		if err := cfg.Validate(); err != nil {
			t.Errorf("%s: %v", cell, err)
		}
	}
	if BookConfig().Cell != CellLSTM || DefaultConfig().Cell != CellLSTM {
		t.Errorf("book %q, default %q; want lstm", BookConfig().Cell, DefaultConfig().Cell)
	}
}

// TestParamCountIsTheLayout: the count the decoder checks a file against, computed without
// allocating, is the layout's, for every cell.
func TestParamCountIsTheLayout(t *testing.T) {
	for _, cl := range cellLayers() {
		t.Run(cl.name, func(t *testing.T) {
			cfg := BookConfig()
			cfg.Cell, cfg.Layers, cfg.Embed, cfg.Units = cl.cell, cl.layers, 5, 7
			if got, want := cfg.ParamCount(11), len(layout(cfg, 11).P.Data); got != want {
				t.Errorf("got %d; want %d", got, want)
			}
		})
	}
}

// paramCount, which checkSize bounds before anything is allocated, is the size of the network
// layout makes, for every cell and depth.
func TestParamCountIsTheLayoutsSize(t *testing.T) {
	for _, cell := range cells {
		for _, layers := range []int{1, 2, 3} {
			cfg := BookConfig()
			cfg.Cell, cfg.Layers, cfg.Units, cfg.Embed = cell, layers, 12, 5
			if got, want := paramCount(cfg, 37), len(layout(cfg, 37).P.Data); got != want {
				t.Errorf("%s, %d layers: paramCount %d; the layout has %d", cell, layers, got, want)
			}
		}
	}
}
