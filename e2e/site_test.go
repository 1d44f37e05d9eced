package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestStaticSite runs the studio from the folder `fabulist site` writes, served under a path
// prefix by a plain file server: the page, the worker, the SIMD kernels and the samples load,
// and a model trains and writes.
func TestStaticSite(t *testing.T) {
	p := openSite(t, "/fabulist", 3*time.Minute)
	ready(p)
	if status := evalAs[string](p, `document.getElementById("status").innerText`); !strings.Contains(status, "SIMD") {
		t.Errorf("static site: the worker does not use the SIMD kernels: %q", status)
	}
	chooseSample(p, "fables.txt")
	p.waitJS(`document.getElementById("corpus").value.includes("The Owl and the Lantern")`)
	p.do(setField("preset", "quick"), setField("units", "16"), setField("embedding", "8"),
		setField("seq_length", "10"), setField("epochs", "1"))
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	p.do(chromedp.Click(chromedp.ID("train")))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	p.do(chromedp.Click(chromedp.ID("generate")))
	p.waitJS(`document.getElementById("output").value.length > 0`)

	// Offline after the first visit: once the service worker has cached the engine, the studio
	// loads and its worker starts with the server gone.
	// The worker must also be active, not only done caching: a reload between its install and its
	// activation is not served by it (seen once under load).
	p.waitJS(`(async () => { const keys = await caches.keys(); if (!keys.length) return false;
		const c = await caches.open(keys[0]); if (!(await c.match(location.pathname + "web/app.wasm"))) return false;
		const reg = await navigator.serviceWorker.getRegistration(); return !!(reg && reg.active && reg.active.state === "activated"); })()`)
	p.stopServer()
	p.do(chromedp.Reload())
	p.waitJS(`document.getElementById("train") && !document.getElementById("train").disabled`)
	chooseSample(p, "fables-ko.txt")
	p.waitJS(`document.getElementById("corpus").value.includes("토끼")`)
}
