package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestOneModuleIsThePageAndTheEngine loads the studio that `make web` builds: one module,
// app.wasm, and no worker.wasm. The page starts it, and so does each worker (the coordinator and
// its helper); of their fetches of the same URL the browser's cache answers all but one, so the
// server sends the module's bytes once.
func TestOneModuleIsThePageAndTheEngine(t *testing.T) {
	dir := buildWeb(t)
	for _, name := range []string{"worker.wasm", "worker.wasm.gz", "worker.wasm.br"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("make web wrote %s: the engine is app.wasm now", name)
		}
	}
	p := openStudio(t, 3*time.Minute)
	ready(p)
	workers := evalAs[int](p, `navigator.hardwareConcurrency`)
	want := "2 workers, SIMD"
	if workers < 2 {
		want = "1 worker, SIMD"
	}
	if status := evalAs[string](p, `document.getElementById("status").innerText`); !strings.Contains(status, want) {
		t.Errorf("status %q; want it to say %q", status, want)
	}
	if workers >= 2 {
		// The helper starts with a run: train a few batches so that it loads the module too.
		trainTinyWordModel(p)
	}
	var bodies, revalidated []string
	for _, a := range p.answered.all() {
		f := strings.Fields(a) // method, path, status, bytes
		switch {
		case f[1] == "/web/worker.wasm":
			t.Errorf("the page asked for worker.wasm: %s", a)
		case f[1] != "/web/app.wasm":
		case f[2] == "200" || f[2] == "206":
			bodies = append(bodies, a)
		case f[2] == "304":
			revalidated = append(revalidated, a)
		}
	}
	if len(bodies) != 1 {
		t.Errorf("the server sent app.wasm's body %d times; want once, the workers' fetches answered by the cache:\n%s",
			len(bodies), strings.Join(p.answered.all(), "\n"))
	}
	t.Logf("app.wasm: sent %v, revalidated %d times", bodies, len(revalidated))
}

// TestEngineStartupPanicReachesThePage starts the engine in a worker whose scope lacks what the
// engine reads first (navigator), so that Go panics as it starts: the page must say so, not wait
// for a worker that will never answer.
func TestEngineStartupPanicReachesThePage(t *testing.T) {
	built := buildWeb(t)
	dir := t.TempDir()
	if out, err := exec.Command("cp", "-a", built+"/.", dir).CombinedOutput(); err != nil {
		t.Fatalf("copying the built page: %v\n%s", err, out)
	}
	js, err := os.ReadFile(filepath.Join(dir, "worker.js"))
	if err != nil {
		t.Fatal(err)
	}
	const anchor = `importScripts("wasm_exec.js", "simd.js", "store.js");`
	if !strings.Contains(string(js), anchor) {
		t.Fatalf("web/worker.js no longer holds %s, where this test breaks the worker's scope", anchor)
	}
	broken := strings.Replace(string(js), anchor, anchor+"\nObject.defineProperty(self, \"navigator\", { value: undefined });", 1)
	if err := os.WriteFile(filepath.Join(dir, "worker.js"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	p := openStudioFrom(t, dir, 2*time.Minute)
	p.do(chromedp.Navigate(p.url))
	p.waitJS(`(document.getElementById("error") || {innerText: ""}).innerText.includes("panic")`)
	msg := evalAs[string](p, `document.getElementById("error").innerText`)
	for _, want := range []string{"training engine stopped", "panic: ", "undefined"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error banner %q; want it to hold %q", msg, want)
		}
	}
}

// TestTheModuleIsFetchedOnceBeforeTheServiceWorker loads the studio cold: the page fetches app.wasm
// once (go-app's loader used to fetch it a second time, in full, only to count its bytes), and
// the service worker, whose install fetches and stores every resource, is registered only once the
// module has arrived, yet is registered.
func TestTheModuleIsFetchedOnceBeforeTheServiceWorker(t *testing.T) {
	p := openStudio(t, 3*time.Minute)
	// Before any script of the page's: note, at each registration, whether app.wasm has arrived
	// (a resource's timing entry is added once its response has ended).
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: `
		window.registrations = [];
		const register = ServiceWorkerContainer.prototype.register;
		ServiceWorkerContainer.prototype.register = function (...args) {
			window.registrations.push(performance.getEntriesByType("resource")
				.some((e) => new URL(e.name).pathname === "/web/app.wasm") ? "after app.wasm" : "before app.wasm");
			return register.apply(this, args);
		};`}); err != nil {
		t.Fatal(err)
	}
	ready(p)
	fetched := evalAs[[]string](p, `performance.getEntriesByType("resource")
		.filter((e) => new URL(e.name).pathname === "/web/app.wasm")
		.map((e) => e.initiatorType + " " + e.transferSize + " bytes")`)
	if len(fetched) != 1 {
		t.Errorf("the page fetched app.wasm %d times (%v); want once", len(fetched), fetched)
	}
	p.waitJSFor(`(navigator.serviceWorker.getRegistration().then((r) => { window.registered = !!r; }), window.registered === true)`,
		time.Minute, `"service worker registered: " + window.registered`)
	if got := evalAs[[]string](p, `window.registrations`); !slices.Equal(got, []string{"after app.wasm"}) {
		t.Errorf("service worker registrations %v; want one, after app.wasm had arrived", got)
	}
}
