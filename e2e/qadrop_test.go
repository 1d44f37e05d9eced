package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"fabulist/model/qa/qatest"
)

// dropFolder drops a folder on the question model's panel: files (path → bytes, paths under
// one top folder) as the browser's FileSystemDirectoryEntry tree gives them (webkitGetAsEntry,
// createReader, readEntries a batch of at most 100 at a time, file), answered asynchronously as
// the browser does. DevTools cannot drop a real folder, so the entries are made in the page with
// the API's shape.
func dropFolder(p *page, files map[string][]byte) {
	p.t.Helper()
	enc := map[string]string{}
	for name, b := range files {
		enc[name] = base64.StdEncoding.EncodeToString(b)
	}
	js, err := json.Marshal(enc)
	if err != nil {
		p.t.Fatal(err)
	}
	p.js(`(() => {
		const files = ` + string(js) + `;
		const later = (f) => setTimeout(f, 0);
		const bytes = (s) => { const bin = atob(s); const u = new Uint8Array(bin.length);
			for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i); return u; };
		const dir = (path) => ({isFile: false, isDirectory: true, fullPath: path, name: path.split("/").pop(), children: new Map(),
			createReader() { const all = [...this.children.values()]; let at = 0;
				return {readEntries: (ok) => later(() => { const b = all.slice(at, at + 100); at += b.length; ok(b); })}; }});
		const root = dir("/" + Object.keys(files)[0].split("/")[0]);
		for (const [path, b64] of Object.entries(files)) {
			const parts = path.split("/");
			let d = root;
			for (let i = 1; i < parts.length - 1; i++) {
				const p = "/" + parts.slice(0, i + 1).join("/");
				if (!d.children.has(p)) d.children.set(p, dir(p));
				d = d.children.get(p);
			}
			const f = new File([bytes(b64)], parts[parts.length - 1]);
			d.children.set(path, {isFile: true, isDirectory: false, fullPath: "/" + path, name: f.name, file: (ok) => later(() => ok(f))});
		}
		const ev = new Event("drop", {bubbles: true, cancelable: true});
		Object.defineProperty(ev, "dataTransfer", {value: {items: [{kind: "file", webkitGetAsEntry: () => root}],
			files: [new File([], root.name)]}});
		document.getElementById("qa-train-panel").dispatchEvent(ev);
	})()`)
}

// TestQADroppedFolder drops a FairytaleQA folder on the question model's panel: its files are
// read as the folder button reads them, and the question model trains on them. A folder with
// more files than a dataset may have is refused with the bound, and changes nothing.
func TestQADroppedFolder(t *testing.T) {
	p := openStudio(t, 6*time.Minute)
	ready(p)
	z, err := zip.NewReader(bytes.NewReader(qatest.FairytaleQAZip(t, 6)), int64(len(qatest.FairytaleQAZip(t, 6))))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range z.File {
		if f.FileInfo().IsDir() {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(r)
		r.Close()
	}
	dropFolder(p, files)
	waitQA(p, fmt.Sprintf(`document.getElementById("qa-chosen").innerText.startsWith("Chosen: %d files")`, len(files)))
	chosen := evalAs[string](p, `document.getElementById("qa-chosen").innerText`)
	if !strings.Contains(chosen, "from FairytaleQA/") {
		t.Errorf("the panel says %q; want the files' paths in the folder", chosen)
	}
	p.do(setField("qa-epochs", "1"), setField("qa-examples", "0"), clickID("qa-train"))
	waitQA(p, `document.getElementById("qa-progress").dataset.phase === "done"`)
	if status := evalAs[string](p, `document.getElementById("qa-status").innerText`); !strings.Contains(status, "FairytaleQA (folder)") {
		t.Errorf("status %q; want it trained on the FairytaleQA folder", status)
	}

	many := map[string][]byte{}
	for i := range 4097 {
		many[fmt.Sprintf("big/part%d/f%d.csv", i%7, i)] = []byte("x")
	}
	dropFolder(p, many)
	waitQA(p, `(document.getElementById("qa-error") || {}).innerText?.includes("more than the 4096 files")`)
	if now := evalAs[string](p, `document.getElementById("qa-chosen").innerText`); now != chosen {
		t.Errorf("after the refused folder the panel says %q; want the dataset chosen before: %q", now, chosen)
	}
	fmt.Printf("e2e: a dropped FairytaleQA folder of %d files trained the question model; one of 4,097 files was refused\n", len(files))
}
