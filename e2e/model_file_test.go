package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fabulist/model/lm"
)

// captureDownloads makes link-click downloads land in window.__downloads as base64, so the test
// can read what a person would have saved.
const captureDownloads = `(() => { window.__downloads = [];
	HTMLAnchorElement.prototype.click = function () {
		const name = this.download;
		fetch(this.href).then(r => r.arrayBuffer()).then(buf => {
			let s = ""; const b = new Uint8Array(buf);
			for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
			window.__downloads.push({name, data: btoa(s)});
		});
	}; })()`

func nextDownload(p *page, n int) (string, []byte) {
	p.t.Helper()
	p.waitJS(fmt.Sprintf(`window.__downloads.length >= %d`, n))
	d := evalAs[map[string]string](p, fmt.Sprintf(`window.__downloads[%d]`, n-1))
	b, err := base64.StdEncoding.DecodeString(d["data"])
	if err != nil {
		p.t.Fatal(err)
	}
	return d["name"], b
}

// openModelFile hands bytes to the model file input as a person's choice would.
func openModelFile(p *page, b []byte) {
	p.js(fmt.Sprintf(`(() => { const bin = atob(%q); const u = new Uint8Array(bin.length);
		for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
		const dt = new DataTransfer(); dt.items.add(new File([u], "model.fab"));
		const input = document.getElementById("model-file"); input.files = dt.files;
		input.dispatchEvent(new Event("change", {bubbles: true})); })()`, base64.StdEncoding.EncodeToString(b)))
}

// candidatesFor waits until the candidates shown follow text (each keystroke of a prompt asks the
// worker again, and answers arrive later) and returns them.
func candidatesFor(p *page, text string) string {
	p.t.Helper()
	p.waitJS(fmt.Sprintf(`document.getElementById("candidates").dataset.for === %q &&
		document.querySelectorAll("#candidates button.candidate").length === 10`, text))
	return candidatesNow(p)
}

func candidatesNow(p *page) string {
	return evalAs[string](p, `[...document.querySelectorAll("#candidates button.candidate")].map(b => b.dataset.token + "=" + b.dataset.p).join(" ")`)
}

func TestExportImportAndCorruptFiles(t *testing.T) {
	p := openStudio(t, 3*time.Minute)
	ready(p)
	p.js(captureDownloads)
	p.do(setField("preset", "quick"), setField("units", "16"), setField("embedding", "8"),
		setField("seq_length", "10"), setField("epochs", "1"), pasteText(strings.Repeat(shortStory, 4)))
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	p.do(chromedp.Click(chromedp.ID("train")))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	p.do(chromedp.SendKeys(chromedp.ID("prompt"), "the fox"))
	first := candidatesFor(p, "the fox")

	p.do(chromedp.Click(chromedp.ID("export-model")))
	name, saved := nextDownload(p, 1)
	if _, err := lm.Decode(saved); err != nil || !strings.HasSuffix(name, ".fab") {
		t.Fatalf("downloaded %s does not decode: %v", name, err)
	}
	p.do(chromedp.Click(chromedp.ID("export-tfjs")))
	name, zipped := nextDownload(p, 2)
	if z, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped))); err != nil || len(z.File) != 3 || name != "fabulist-tfjs.zip" {
		t.Errorf("TF.js export %s: %v", name, err)
	}

	// A foreign file and a corrupted one are refused and the model stays. The reader is at the
	// foot of the page, by the model panel, and the error banner comes to where they are.
	p.js(`window.scrollTo(0, document.body.scrollHeight)`)
	if y := evalAs[float64](p, `window.scrollY`); y < 100 {
		t.Fatalf("the page did not scroll (scrollY %v): nothing would show the banner is kept in sight", y)
	}
	openModelFile(p, []byte("PK\x03\x04 not a model at all"))
	p.waitJS(`!document.getElementById("error").hidden`)
	if where := evalAs[string](p, `(() => { const r = document.getElementById("error").getBoundingClientRect();
		return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight ? "" :
			"top " + r.top + ", bottom " + r.bottom + " of " + innerHeight + ", scrolled " + scrollY })()`); where != "" {
		t.Errorf("the error banner is out of sight of a reader at the foot of the page: %s", where)
	}
	errorShown(p, "not a Fabulist model") // its dismiss button is clicked, which scrolls it into view
	broken := append([]byte(nil), saved...)
	broken[len(broken)/2] ^= 0x40
	openModelFile(p, broken)
	errorShown(p, "corrupted")
	if now := candidatesNow(p); now != first {
		t.Errorf("a refused file changed the model's predictions:\n%s\n%s", first, now)
	}

	// Another model, then the saved one again: its predictions come back.
	p.do(setField("seed", "2"), chromedp.Click(chromedp.ID("train")))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	p.waitJS(fmt.Sprintf(`[...document.querySelectorAll("#candidates button.candidate")].map(b => b.dataset.token + "=" + b.dataset.p).join(" ") !== %q`, first))
	openModelFile(p, saved)
	p.waitJSFor(fmt.Sprintf(`[...document.querySelectorAll("#candidates button.candidate")].map(b => b.dataset.token + "=" + b.dataset.p).join(" ") === %q`, first),
		30*time.Second, `document.getElementById("error").innerText + " | " + document.getElementById("status").innerText + " | " +
		[...document.querySelectorAll("#candidates button.candidate")].map(b => b.dataset.token + "=" + b.dataset.p).join(" ")`)
	p.screenshot("model-file")
}
