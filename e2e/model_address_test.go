package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fabulist/app"
)

// modelHost serves model files as a static host on another origin would (another port of this
// computer), each path as the test names it: with CORS or without, whole, corrupt, a web page, a
// 404, too big by its Content-Length, or an endless download without one. endless counts what the
// last is sent.
func modelHost(t *testing.T, file []byte, endless *atomic.Int64) *httptest.Server {
	t.Helper()
	corrupt := append([]byte(nil), file...)
	corrupt[len(corrupt)/2] ^= 0xff
	cors := func(w http.ResponseWriter) { w.Header().Set("Access-Control-Allow-Origin", "*") }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/m.fab":
			cors(w)
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(file)
		case "/nocors.fab":
			w.Write(file)
		case "/corrupt.fab":
			cors(w)
			w.Write(corrupt)
		case "/page.html":
			cors(w)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, "<!doctype html><title>Not a model</title><p>"+strings.Repeat("Hello. ", 1000))
		case "/big.fab":
			cors(w)
			w.Header().Set("Content-Length", strconv.Itoa(app.MaxAddressModelBytes+1))
			w.Write([]byte("FABULIST"))
		case "/endless.fab":
			cors(w)
			w.Write([]byte("FABULIST"))
			chunk := make([]byte, 1<<20)
			for endless.Load() < 4*app.MaxAddressModelBytes { // a healthy page stops reading at the bound
				n, err := w.Write(chunk)
				endless.Add(int64(n))
				if err != nil {
					return
				}
			}
		default:
			cors(w)
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestModelAddressLinkOpensReadyToWrite: the share panel makes PAGE#model=ADDRESS of a file on another
// origin; opened in a fresh tab, the studio fetches it (CORS) and opens it ready to write, with
// samples and candidates, without training. Made again with the model on show, the link carries
// the sender's generation, and the receiver's first text in a fresh profile is the sender's
// preview, bit for bit. Links to a file that is missing, not shared with
// other sites, not a model, corrupt, or too big (by its Content-Length, or as an endless download
// passes the bound) are refused with a message naming the address, and the workspace the model
// link opened stays as it was.
func TestModelAddressLinkOpensReadyToWrite(t *testing.T) {
	file, _ := demoModel(t)
	endless := new(atomic.Int64)
	host := modelHost(t, file, endless)
	p := openStudio(t, 4*time.Minute)
	ready(p)

	p.do(setField("address-model-url", host.URL+"/m.fab"), clickID("address-make-link"))
	p.waitJS(`document.getElementById("address-link-url").value !== ""`)
	link := evalAs[string](p, `document.getElementById("address-link-url").value`)
	p.screenshot("model-link")
	if want := p.url + "/" + app.ModelFragment + host.URL + "/m.fab"; link != want {
		t.Fatalf("the panel made %q; want %q", link, want)
	}
	if kind, bytes := evalAs[string](p, `document.getElementById("address-link-url").dataset.kind`),
		evalAs[string](p, `document.getElementById("address-link-url").dataset.bytes`); kind != "address" || bytes != strconv.Itoa(len(link)) {
		t.Errorf("data-kind %q, data-bytes %q; want address and %d", kind, bytes, len(link))
	}

	// A fresh visit to the link: a query makes it a new document, not a same-page fragment change.
	visit := func(i int, path string) {
		p.do(chromedp.Navigate(fmt.Sprintf("%s/?visit=%d%s%s%s", p.url, i, app.ModelFragment, host.URL, path)))
	}
	visit(0, "/m.fab")
	p.waitJS(`!document.getElementById("generate").disabled && document.getElementById("candidates").dataset.count > 0`)
	p.waitJS(`document.getElementById("samples").dataset.count > 0`)
	p.waitJS(`document.getElementById("share-msg").innerText.includes("Opened the model at")`)
	if phase := evalAs[string](p, `document.getElementById("progress").dataset.phase`); phase == "training" {
		t.Errorf("the link's model trains as it opens (phase %q)", phase)
	}

	// The sender, with the model on show, writes, then makes the link again: it carries that
	// generation (prompt, settings, seed) and shows the receiver's first text, the sender's own.
	p.js(`document.getElementById("prompt").value = ""`)
	p.do(chromedp.SendKeys(chromedp.ID("prompt"), "the fox"), setField("gen-n", "40"), setField("gen-temp", "0.9"),
		setField("gen-seed", "5"), clickID("generate"))
	p.waitJS(`document.getElementById("output").value.length > "the fox".length`)
	story := evalAs[string](p, `document.getElementById("output").value`)
	p.do(setField("address-model-url", host.URL+"/m.fab"), clickID("address-make-link"))
	p.waitJSFor(`document.getElementById("linkfix-address-preview") !== null`, 30*time.Second,
		`document.getElementById("address").outerHTML`)
	genLink := evalAs[string](p, `document.getElementById("address-link-url").value`)
	// textContent, not innerText: a character model's text has line breaks and runs of spaces.
	preview := strings.TrimPrefix(evalAs[string](p, `document.getElementById("linkfix-address-preview").textContent`), "Its first text: ")
	// Version 2: with the print of the model that wrote the first text.
	if !strings.Contains(genLink, "#gen=2.") || !strings.HasSuffix(genLink, "&model="+host.URL+"/m.fab") {
		t.Fatalf("with a model on show the panel made %q; want #gen=2.…&model=%s/m.fab", genLink, host.URL)
	}
	if preview != story {
		t.Errorf("the link's first text is %q; the sender wrote %q", preview, story)
	}

	// Whoever receives it, in a fresh profile: the sender's settings in the form, and the first
	// text the sender's, bit for bit.
	r := newPage(t, chromium(t), genLink, 3*time.Minute)
	r.do(chromedp.Navigate(genLink))
	r.waitJSFor(`!document.getElementById("generate").disabled && document.getElementById("gen-seed").value === "5"`, 90*time.Second,
		`"seed=" + document.getElementById("gen-seed").value + " msg=" + document.getElementById("share-msg").innerText + " ERR " + document.getElementById("error").innerText`)
	if v := evalAs[string](r, `document.getElementById("prompt").value + "|" + document.getElementById("gen-n").value + "|" + document.getElementById("gen-temp").value`); v != "the fox|40|0.9" {
		t.Errorf("the receiver's form holds %q; want the sender's prompt, length and temperature", v)
	}
	r.do(clickID("generate"))
	r.waitJS(`document.getElementById("output").value.length > "the fox".length`)
	if got := evalAs[string](r, `document.getElementById("output").value`); got != preview {
		t.Errorf("the receiver's first text is %q; the sender's link said %q", got, preview)
	}
	if msg := evalAs[string](r, `document.getElementById("share-msg").innerText`); strings.Contains(msg, "not the model") {
		t.Errorf("the link's own model opened, and the page says %q", msg)
	}

	// The same link to another model's file (replaced since, or another address): the receiver
	// is told that its text will not be the sender's.
	other := modelHost(t, anotherModel(t), new(atomic.Int64))
	otherLink := strings.Replace(genLink, host.URL, other.URL, 1)
	r.do(chromedp.Navigate(strings.Replace(otherLink, "/#", "/?visit=other#", 1)))
	r.waitJSFor(`document.getElementById("share-msg").innerText.includes("not the model the link was made from")`, 90*time.Second,
		`"msg=" + document.getElementById("share-msg").innerText + " ERR " + document.getElementById("error").innerText`)

	for i, c := range []struct{ path, want string }{
		{"/missing.fab", "the host answered 404"},
		{"/nocors.fab", "Access-Control-Allow-Origin"},
		{"/page.html", "not a Fabulist model file (.fab): the host sent text/html"},
		{"/corrupt.fab", "could not be opened"},
		{"/big.fab", fmt.Sprintf("at most %d MB", app.MaxAddressModelBytes>>20)},
		{"/endless.fab", fmt.Sprintf("at most %d MB", app.MaxAddressModelBytes>>20)},
	} {
		t.Run(strings.TrimPrefix(c.path, "/"), func(t *testing.T) {
			p.t = t
			visit(i+1, c.path)
			p.waitJS(fmt.Sprintf(`document.getElementById("error").innerText.includes(%q) &&
				document.getElementById("error").innerText.includes(%q)`, host.URL+c.path, c.want))
			if msg := evalAs[string](p, `document.getElementById("error").innerText`); !strings.Contains(msg, "Nothing was changed") {
				t.Errorf("the message %q does not say that nothing changed", msg)
			}
			// The workspace the good link opened is back, its model writing.
			p.waitJS(`!document.getElementById("generate").disabled && document.getElementById("candidates").dataset.count > 0`)
		})
	}
	if n := endless.Load(); n >= 4*app.MaxAddressModelBytes {
		t.Errorf("the page read the endless download to the server's own stop (%d MB)", n>>20)
	} else {
		t.Logf("the endless download was cut off after the server sent %d MB", n>>20)
	}
}

// anotherModel is demoModel's text and settings trained from another seed: a model file that is
// not demoModel's.
func anotherModel(t *testing.T) []byte {
	t.Helper()
	file, _ := fablesModel(t, 99)
	return file
}
