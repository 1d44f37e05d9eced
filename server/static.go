//go:build !wasm

package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	studio "fabulist/app"
)

// The files under /web/ are read once, when the handler is made, and served from memory: the
// ETag of each is a hash of the bytes actually sent, so it can never describe an older file, and
// a request never touches the file system, so no path a client sends (a NUL byte, a 300-byte
// name, "..") reaches os.Open. A rebuilt page (make web) is served after a restart.

// codings are the pre-compressed copies `make web` may leave beside a wasm file, best first:
// brotli is a quarter smaller than gzip on Go's wasm.
var codings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// body is one file in one content coding, with its own ETag.
type body struct {
	coding string // "" for identity
	data   []byte
	etag   string
}

func newBody(coding string, data []byte) body {
	sum := sha256.Sum256(data)
	return body{coding: coding, data: data, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
}

// staticFile is one path under /web/: its content type and its bodies, compressed ones first.
type staticFile struct {
	contentType string
	rawLength   int64 // bytes before compression, sent for go-app's progress bar (wasm only)
	bodies      []body
}

// webFiles is go-app's resource provider for /web/: the built files, wasm pre-compressed, and
// the sample texts, all held in memory.
type webFiles struct {
	names []string               // the sample texts
	files map[string]*staticFile // by path under /web/
	demo  *Demo                  // nil: none
}

func newWebFiles(o Options) (*webFiles, error) {
	for _, f := range builtFiles {
		if _, err := os.Stat(filepath.Join(o.WebDir, f)); err != nil {
			return nil, fmt.Errorf("%s is missing from %s: build the page first (make web)", f, o.WebDir)
		}
	}
	names, err := sampleNames(o.Samples)
	if err != nil {
		return nil, err
	}
	files := map[string]*staticFile{}
	for _, name := range builtFiles {
		if files[name], err = readBuilt(o.WebDir, name); err != nil {
			return nil, err
		}
	}
	index, _ := json.Marshal(append([]string{}, names...))
	files["samples/index.json"] = &staticFile{contentType: "application/json", bodies: []body{newBody("", index)}}
	for _, n := range names {
		b, err := fs.ReadFile(o.Samples, n)
		if err != nil {
			return nil, err
		}
		files["samples/"+n] = &staticFile{contentType: "text/plain; charset=utf-8", bodies: []body{newBody("", b)}}
	}
	wf := &webFiles{names: names, files: files, demo: o.Demo}
	for name, b := range wf.demoFiles() {
		ct := "application/octet-stream"
		if strings.HasSuffix(name, ".txt") {
			ct = "text/plain; charset=utf-8"
		}
		files[strings.TrimPrefix(name, "/web/")] = &staticFile{contentType: ct, bodies: []body{newBody("", b)}}
	}
	return wf, nil
}

// demoFiles are a published demo's files by their path (app.DemoModelPath, app.DemoTextPath);
// none without a demo.
func (f *webFiles) demoFiles() map[string][]byte {
	d := f.demo
	if d == nil {
		return nil
	}
	files := map[string][]byte{studio.DemoModelPath: d.Model}
	if d.Text != "" {
		files[studio.DemoTextPath] = []byte(d.Text)
	}
	return files
}

// readBuilt reads one built file and, for wasm, the compressed copies that are not stale.
func readBuilt(dir, name string) (*staticFile, error) {
	raw := filepath.Join(dir, name)
	info, err := os.Stat(raw)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(raw)
	if err != nil {
		return nil, err
	}
	f := &staticFile{contentType: mime.TypeByExtension(path.Ext(name))}
	if f.contentType == "" {
		f.contentType = "application/octet-stream"
	}
	if strings.HasSuffix(name, ".wasm") {
		f.contentType = "application/wasm"
		f.rawLength = int64(len(data))
		for _, c := range codings {
			st, err := os.Stat(raw + c.ext)
			// A copy older than the raw file is stale (compressors keep the input's time, rounded).
			if err != nil || st.ModTime().Before(info.ModTime().Add(-2*time.Second)) {
				continue
			}
			b, err := os.ReadFile(raw + c.ext)
			if err != nil {
				return nil, err
			}
			f.bodies = append(f.bodies, newBody(c.name, b))
		}
	}
	f.bodies = append(f.bodies, newBody("", data))
	return f, nil
}

// version hashes every body served (each built file in each coding, the sample texts and their
// index), so that every build and every edited sample, and nothing else, changes it.
func (f *webFiles) version() string {
	hash := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(f.files)) {
		for _, b := range f.files[name].bodies {
			fmt.Fprintf(hash, "%s %s %s\n", name, b.coding, b.etag)
		}
	}
	return hex.EncodeToString(hash.Sum(nil))[:16]
}

func (webFiles) Package() string { return "" }
func (webFiles) Static() string  { return "" }
func (webFiles) AppWASM() string { return "/web/app.wasm" }

// cacheable lists what the service worker keeps for offline use beyond go-app's own files (which
// include app.wasm, the engine's module too, and the page's scripts): the engine's scripts and
// kernels, and the samples.
func (f *webFiles) cacheable() []string {
	c := []string{"/web/worker.js", "/web/wasm_exec.js", "/web/simd.js", "/web/simd.wasm", "/web/simd_fma.wasm", "/web/store.js", "/web/samples/index.json"}
	for _, n := range f.names {
		c = append(c, "/web/samples/"+n)
	}
	for _, name := range slices.Sorted(maps.Keys(f.demoFiles())) {
		c = append(c, name)
	}
	return c
}

// ServeHTTP answers GET and HEAD for a path under /web/ with the best coding the browser takes,
// that coding's ETag (so If-None-Match and Range work per coding), and 404 for any other path.
func (f *webFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	file, ok := f.files[strings.TrimPrefix(path.Clean(r.URL.Path), "/web/")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	b := file.bodies[len(file.bodies)-1]
	accepts := acceptedEncodings(r.Header.Get("Accept-Encoding"))
	for _, c := range file.bodies {
		if c.coding == "" || accepts[c.coding] {
			b = c
			break
		}
	}
	hd := w.Header()
	hd.Set("Content-Type", file.contentType)
	hd.Set("Cache-Control", "no-cache")
	hd.Set("ETag", b.etag)
	if len(file.bodies) > 1 {
		hd.Set("Vary", "Accept-Encoding")
	}
	if b.coding != "" {
		hd.Set("Content-Encoding", b.coding)
	}
	if file.rawLength > 0 {
		hd.Set(RawLengthHeader, strconv.FormatInt(file.rawLength, 10))
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b.data))
}
