//go:build !wasm

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fabulist/app"
)

// TestCLISitePublishesADemo: site -model writes the model and its text beside the page, names
// them in the page's meta tags, and has the service worker keep them for offline use; a file
// that is not a model, a text it was not trained on, or -text alone are refused in one
// line, and nothing is written. A question model publishes its demo with the text to ask about;
// a corrupt one is refused.
func TestCLISitePublishesADemo(t *testing.T) {
	dir, web := t.TempDir(), fakeWeb(t)
	text, model := filepath.Join(dir, "story.txt"), filepath.Join(dir, "m.fab")
	if err := os.WriteFile(text, []byte(overfitStory), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runCLI(t, "train", "-text", text, "-o", model, "-level", "char", "-clean", "none", "-units", "8",
		"-embed", "4", "-seq", "10", "-batch", "64", "-epochs", "1", "-samples", "0"); code != 0 {
		t.Fatalf("train exited %d: %s", code, errOut)
	}
	out := filepath.Join(dir, "site")
	if _, errOut, code := runCLI(t, "site", "-web", web, "-out", out, "-model", model, "-text", text); code != 0 {
		t.Fatalf("site exited %d: %s", code, errOut)
	}
	read := func(name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	want, _ := os.ReadFile(model)
	if got := read(strings.TrimPrefix(app.DemoModelPath, "/")); !bytes.Equal(got, want) {
		t.Errorf("the site's model is %d bytes, not the %d of %s", len(got), len(want), model)
	}
	if got := string(read(strings.TrimPrefix(app.DemoTextPath, "/"))); got != overfitStory {
		t.Errorf("the site's text is %q; want the story", got)
	}
	page := string(read("index.html"))
	for _, meta := range []string{`<meta name="` + app.DemoModelMeta + `" content="` + app.DemoModelPath + `">`,
		`<meta name="` + app.DemoTextMeta + `" content="` + app.DemoTextPath + `">`} {
		if !strings.Contains(page, meta) {
			t.Errorf("the page lacks %s", meta)
		}
	}
	if sw := string(read("app-worker.js")); !strings.Contains(sw, app.DemoModelPath) || !strings.Contains(sw, app.DemoTextPath) {
		t.Error("the service worker does not keep the demo's files for offline use")
	}

	// The same folder again without -text, then without -model: the earlier text and model are
	// gone, not left for a static host to serve.
	for _, args := range [][]string{{"-model", model}, {}} {
		if _, errOut, code := runCLI(t, append([]string{"site", "-web", web, "-out", out}, args...)...); code != 0 {
			t.Fatalf("site %v exited %d: %s", args, code, errOut)
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(app.DemoTextPath, "/")))); err == nil {
			t.Errorf("site %v over an earlier demo left its text", args)
		}
	}
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(app.DemoModelPath, "/")))); err == nil {
		t.Error("a site without -model over an earlier demo left its model")
	}

	// Without -model the site has no demo.
	plain := filepath.Join(dir, "plain")
	if _, errOut, code := runCLI(t, "site", "-web", web, "-out", plain); code != 0 {
		t.Fatalf("site exited %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(plain, "index.html")); strings.Contains(string(b), app.DemoModelMeta) {
		t.Error("a site without -model names a demo")
	}

	other := filepath.Join(dir, "other.txt")
	os.WriteFile(other, []byte(overfitStory+" more"), 0o644)
	notModel := filepath.Join(dir, "not.fab")
	os.WriteFile(notModel, []byte("FABULIST but not a model"), 0o644)
	questions := filepath.Join(dir, "qa.fab")
	if _, errOut, code := runCLI(t, append([]string{"qa", "train", "-data", qaFolder(t), "-arch", "book", "-epochs", "1", "-o", questions}, tinyQA...)...); code != 0 {
		t.Fatalf("qa train exited %d: %s", code, errOut)
	}
	// A question model publishes its demo too, with the text to ask about (a question model
	// holds no text hash to check it against).
	qaSite := filepath.Join(dir, "qa-site")
	stdout, errOut, code := runCLI(t, "site", "-web", web, "-out", qaSite, "-model", questions, "-text", other)
	if code != 0 {
		t.Fatalf("site -model %s exited %d: %s", questions, code, errOut)
	}
	if !strings.Contains(stdout, "(a question model)") {
		t.Errorf("site says %q; want it to say the demo is a question model's", stdout)
	}
	wantQA, _ := os.ReadFile(questions)
	if got, _ := os.ReadFile(filepath.Join(qaSite, filepath.FromSlash(strings.TrimPrefix(app.DemoModelPath, "/")))); !bytes.Equal(got, wantQA) {
		t.Errorf("the question demo's model is %d bytes, not the %d of %s", len(got), len(wantQA), questions)
	}
	if got, _ := os.ReadFile(filepath.Join(qaSite, filepath.FromSlash(strings.TrimPrefix(app.DemoTextPath, "/")))); string(got) != overfitStory+" more" {
		t.Errorf("the question demo's text is %q; want the text given", got)
	}
	if page, _ := os.ReadFile(filepath.Join(qaSite, "index.html")); !strings.Contains(string(page), app.DemoModelMeta) || !strings.Contains(string(page), app.DemoTextMeta) {
		t.Error("the question demo's page names no model or no text")
	}
	brokenQA := filepath.Join(dir, "broken-qa.fab")
	broken := append([]byte(nil), wantQA...)
	broken[len(broken)/2] ^= 0x40
	os.WriteFile(brokenQA, broken, 0o644)

	// The meter's least run travels with the demo, named by the page.
	metered := filepath.Join(dir, "metered")
	if _, errOut, code := runCLI(t, "site", "-web", web, "-out", metered, "-model", model, "-min-copied", "3"); code != 0 {
		t.Fatalf("site -min-copied 3 exited %d: %s", code, errOut)
	}
	if page, _ := os.ReadFile(filepath.Join(metered, "index.html")); !strings.Contains(string(page), `<meta name="`+app.DemoMinCopiedMeta+`" content="3">`) {
		t.Error("the page does not name the demo's least copied run")
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-model", brokenQA}, 1, brokenQA},
		{[]string{"-min-copied", "3"}, 2, "-min-copied goes with -model"},
		{[]string{"-model", model, "-min-copied", "1001"}, 2, "not 1 to 1000"},
		{[]string{"-model", model, "-min-copied", "-1"}, 2, "not 1 to 1000"},
		{[]string{"-text", text}, 2, "-text goes with -model"},
		{[]string{"-model", model, "-text", other}, 1, "is not the text"},
		{[]string{"-model", notModel}, 1, notModel},
		{[]string{"-model", text}, 1, "not a Fabulist model"},
	} {
		refused := filepath.Join(dir, "refused")
		_, errOut, code := runCLI(t, append([]string{"site", "-web", web, "-out", refused}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("site %q: exit %d, %q; want %d and one line with %q", tc.args, code, errOut, tc.code, tc.want)
		}
		if _, err := os.Stat(refused); err == nil {
			t.Errorf("site %q wrote a site", tc.args)
		}
	}
}
