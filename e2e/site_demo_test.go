package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fabulist/app"
	"fabulist/model/lm"
	"fabulist/samples"
	"fabulist/server"
	"fabulist/studio/proto"
	"fabulist/studio/session"
)

// demoModel trains a small character model on the English sample to its end, natively, and
// returns its file and text.
func demoModel(t *testing.T) ([]byte, string) { return fablesModel(t, lm.QuickConfig().Seed) }

// fablesModel is demoModel's text and settings trained from seed.
func fablesModel(t *testing.T, seed uint64) ([]byte, string) {
	t.Helper()
	b, err := samples.FS.ReadFile("fables.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	cfg := lm.QuickConfig()
	cfg.Units, cfg.Embed, cfg.SeqLen, cfg.Batch, cfg.Epochs, cfg.ValChecks, cfg.Seed = 16, 8, 10, 64, 1, 3, seed
	r, err := lm.NewRun(text, cfg, lm.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for !r.Trainer.Done() {
		if _, err := r.Step(); err != nil {
			t.Fatal(err)
		}
	}
	file, err := lm.Encode(r.Model())
	if err != nil {
		t.Fatal(err)
	}
	return file, text
}

// openDemoSite writes the static site publishing demo (edit may change its files) and serves it
// under /demo with a plain file server, as a static host would.
func openDemoSite(t *testing.T, demo *server.Demo, edit func(site string), timeout time.Duration) *page {
	t.Helper()
	exe := chromium(t)
	dir := buildWeb(t)
	site := t.TempDir()
	if err := server.WriteSite(server.Options{WebDir: dir, Samples: samples.FS, Demo: demo}, site, "/demo"); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(site)
	}
	srv := httptest.NewServer(http.StripPrefix("/demo", http.FileServer(http.Dir(site))))
	t.Cleanup(srv.Close)
	return newPage(t, exe, srv.URL+"/demo/", timeout)
}

// TestPublishedDemoOpensReadyToWrite: a site published with a model opens on it with its text,
// its samples and the Write panel ready, without training; the first text written with a seed is
// the one the model writes natively with that seed; training stays possible.
func TestPublishedDemoOpensReadyToWrite(t *testing.T) {
	file, text := demoModel(t)
	p := openDemoSite(t, &server.Demo{Model: file, Text: text}, nil, 3*time.Minute)
	ready(p)
	p.waitJS(`document.getElementById("corpus").value.includes("The Owl and the Lantern")`)
	p.waitJS(`!document.getElementById("generate").disabled && document.getElementById("candidates").dataset.count > 0`)
	p.waitJS(`document.getElementById("samples").dataset.count > 0`)
	if phase := evalAs[string](p, `document.getElementById("progress").dataset.phase`); phase == "training" {
		t.Errorf("the demo trains as it opens (phase %q)", phase)
	}

	// The same seed writes the same text as the model does natively, with its best weights.
	s := session.New()
	if out := s.Handle(proto.Message{Kind: proto.Import, File: file, Text: text}); out[0].Kind != proto.Imported {
		t.Fatalf("the native session refused the demo's model: %s", out[0].Error)
	}
	def := lm.DefaultGenOptions()
	want := s.Handle(proto.Message{Kind: proto.Generate, Prompt: "the owl", Seed: 5, Gen: &lm.GenOptions{
		SampleOptions: lm.SampleOptions{Temperature: def.Temperature, TopK: def.TopK, TopP: def.TopP}, N: def.N, Mode: lm.GenWindow}})[0]
	if want.Kind != proto.Generated {
		t.Fatalf("native generation: %s", want.Error)
	}
	p.do(setField("gen-seed", "5"))
	p.js(`(() => { const e = document.getElementById("prompt"); e.value = "the owl"; e.dispatchEvent(new Event("input", {bubbles: true})); })()`)
	p.do(clickID("generate"))
	p.waitJS(`document.getElementById("output").value.length > 0`)
	if got := evalAs[string](p, `document.getElementById("output").value`); !strings.Contains(got, strings.TrimSpace(want.Generated.Text)) {
		t.Errorf("the demo wrote %q with seed 5; natively the model writes %q", got, want.Generated.Text)
	}
	if disabled := evalAs[bool](p, `document.getElementById("train").disabled`); disabled {
		t.Error("the demo cannot train")
	}
}

// TestPublishedDemoThatFailsSaysSo: a demo whose model is corrupt or missing says so in the
// banner, and the studio works as without one.
func TestPublishedDemoThatFailsSaysSo(t *testing.T) {
	file, _ := demoModel(t)
	for _, tc := range []struct {
		name string
		edit func(site string)
		want string
	}{
		{"corrupt", func(site string) {
			b := append([]byte(nil), file...)
			b[len(b)/2] ^= 0xff
			os.WriteFile(filepath.Join(site, filepath.FromSlash(strings.TrimPrefix(app.DemoModelPath, "/"))), b, 0o644)
		}, "This demo's model could not be opened"},
		{"missing", func(site string) {
			os.Remove(filepath.Join(site, filepath.FromSlash(strings.TrimPrefix(app.DemoModelPath, "/"))))
		}, "This demo's model could not be fetched"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := openDemoSite(t, &server.Demo{Model: file}, tc.edit, 2*time.Minute)
			ready(p)
			p.waitJS(fmt.Sprintf(`document.getElementById("error").innerText.includes(%q)`, tc.want))
			if !evalAs[bool](p, `document.getElementById("generate").disabled`) {
				t.Error("the page offers to write without a model")
			}
		})
	}
}
