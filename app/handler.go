//go:build !wasm

package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	goapperrors "github.com/maxence-charriere/go-app/v9/pkg/errors"

	"fabulist/internal/safefile"
)

// ServerOptions say where the server finds what it serves.
type ServerOptions struct {
	// WebDir holds the static files served under /web/: app.wasm, worker.wasm (and their .br, .gz),
	// worker.js, wasm_exec.js, app.css, icons.
	WebDir string
	// Samples holds the .txt files offered as ready texts.
	Samples fs.FS
}

// CSP allows the page's own scripts and WebAssembly, its worker, and nothing from elsewhere.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' blob:; " +
	"frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// RawLengthHeader carries a compressed wasm file's uncompressed size, for go-app's progress bar.
const RawLengthHeader = "X-Raw-Length"

// NewHandler returns the studio's HTTP handler: go-app's page and service worker, the static
// files, the sample texts, and security headers on every answer. It serves files only: nothing a
// user pastes ever reaches it.
func NewHandler(o ServerOptions) (http.Handler, error) {
	static, err := newWebFiles(o)
	if err != nil {
		return nil, err
	}
	h, err := appHandler(o, static, static.cacheable())
	if err != nil {
		return nil, err
	}
	h.WasmContentLengthHeader = RawLengthHeader
	return secure(h), nil
}

// acceptedEncodings reads an Accept-Encoding header into the set of codings it allows.
func acceptedEncodings(h string) map[string]bool {
	out := map[string]bool{}
	for _, part := range strings.Split(h, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if q, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok && strings.Trim(q, "0.") == "" {
			continue // q=0: refused
		}
		out[strings.ToLower(strings.TrimSpace(name))] = true
	}
	return out
}

// builtFiles are what `make web` puts in the web folder, all served under /web/.
var builtFiles = []string{"app.wasm", "worker.wasm", "worker.js", "wasm_exec.js", "simd.js", "simd.wasm", "store.js",
	"app.css", "icon.svg", "icon-192.png", "icon-512.png"}

func newWebFiles(o ServerOptions) (*webFiles, error) {
	for _, f := range builtFiles {
		if _, err := os.Stat(filepath.Join(o.WebDir, f)); err != nil {
			return nil, fmt.Errorf("%s is missing from %s: build the page first (make web)", f, o.WebDir)
		}
	}
	names, err := sampleNames(o.Samples)
	if err != nil {
		return nil, err
	}
	return &webFiles{dir: o.WebDir, samples: o.Samples, names: names}, nil
}

// appHandler is go-app's handler for the studio, its URLs given by resources.
func appHandler(o ServerOptions, resources app.ResourceProvider, cacheable []string) (*app.Handler, error) {
	version, err := contentVersion(o.WebDir)
	if err != nil {
		return nil, err
	}
	return &app.Handler{
		Name:               "Fabulist",
		ShortName:          "Fabulist",
		Title:              "Fabulist — train a story writer in your browser",
		Description:        "Paste a story, train an LSTM on it in your browser, and write with it.",
		Lang:               "en",
		Icon:               app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", SVG: "/web/icon.svg", AppleTouch: "/web/icon-192.png"},
		BackgroundColor:    "#fbf8f1",
		ThemeColor:         "#6b3e26",
		LoadingLabel:       "Loading Fabulist… {progress}%",
		Styles:             []string{"/web/app.css"},
		Version:            version,
		Resources:          resources,
		CacheableResources: cacheable,
	}, nil
}

// GenerateSite writes a folder that any static host serves as the full studio: go-app's pages,
// manifest and service worker (which caches the engine for offline use), the built files and
// the samples. prefix is the path the site lives under ("" or "/" for a host's root, "/name"
// for a GitHub Pages project site). out must be a new name or a folder; each file is written
// with safefile.WriteAll, which refuses links, devices and folders in the way and checks them all
// before writing anything. Errors are one plain line (go-app's own are JSON).
func GenerateSite(o ServerOptions, out, prefix string) error {
	static, err := newWebFiles(o)
	if err != nil {
		return err
	}
	prefix = "/" + strings.Trim(prefix, "/")
	var resources app.ResourceProvider = static
	if prefix != "/" {
		resources = app.CustomProvider("", prefix)
	} else {
		prefix = ""
	}
	cacheable := static.cacheable()
	if prefix != "" {
		// go-app caches the page as /name; people (and GitHub Pages' redirect) visit /name/.
		cacheable = append(cacheable, prefix+"/")
	}
	h, err := appHandler(o, resources, cacheable)
	if err != nil {
		return err
	}
	// go-app writes its pages with os.Create wherever it is told: render them in a private
	// folder, then write them out safely with the rest.
	pages, err := os.MkdirTemp("", "fabulist-site-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(pages)
	if err := app.GenerateStaticWebsite(pages, h); err != nil {
		return fmt.Errorf("rendering the pages failed: %s", plainError(err))
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(pages, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(pages, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		return fmt.Errorf("reading the rendered pages failed: %w", err)
	}
	for _, f := range builtFiles {
		if files["web/"+f], err = os.ReadFile(filepath.Join(o.WebDir, f)); err != nil {
			return err
		}
	}
	files["web/samples/index.json"], _ = json.Marshal(append([]string{}, static.names...))
	for _, n := range static.names {
		if files["web/samples/"+n], err = fs.ReadFile(o.Samples, n); err != nil {
			return err
		}
	}
	return safefile.WriteAll(out, files)
}

// plainError is go-app's error (a JSON object of message, tags and wrapped error) as one line:
// its messages and the innermost error, joined by ": ".
func plainError(err error) string {
	var msgs []string
	for err != nil {
		ge, ok := err.(goapperrors.Error)
		if !ok {
			msgs = append(msgs, err.Error())
			break
		}
		msgs = append(msgs, ge.Message)
		err = ge.WrappedErr
	}
	return strings.Join(msgs, ": ")
}

// contentVersion hashes the built files, so that every build (and only a new build) makes the
// service worker fetch the page afresh.
func contentVersion(dir string) (string, error) {
	hash := sha256.New()
	for _, f := range []string{"app.wasm", "worker.wasm", "worker.js", "simd.wasm", "app.css"} {
		file, err := os.Open(filepath.Join(dir, f))
		if err != nil {
			return "", err
		}
		_, err = io.Copy(hash, file)
		file.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(hash.Sum(nil))[:16], nil
}

func sampleNames(samples fs.FS) ([]string, error) {
	if samples == nil {
		return nil, nil
	}
	names, err := fs.Glob(samples, "*.txt")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	return names, nil
}

func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", CSP)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// webFiles is go-app's resource provider for /web/: files from a directory, wasm pre-compressed,
// and the sample texts.
type webFiles struct {
	dir     string
	samples fs.FS
	names   []string
}

func (webFiles) Package() string { return "" }
func (webFiles) Static() string  { return "" }
func (webFiles) AppWASM() string { return "/web/app.wasm" }

// cacheable lists what the service worker keeps for offline use beyond go-app's own files: the
// engine and the samples.
func (f *webFiles) cacheable() []string {
	c := []string{"/web/worker.js", "/web/worker.wasm", "/web/wasm_exec.js", "/web/simd.js", "/web/simd.wasm", "/web/store.js", "/web/samples/index.json"}
	for _, n := range f.names {
		c = append(c, "/web/samples/"+n)
	}
	return c
}

func (f *webFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/web/")
	switch {
	case name == "samples/index.json":
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(append([]string{}, f.names...))
		return
	case strings.HasPrefix(name, "samples/"):
		n := strings.TrimPrefix(name, "samples/")
		if !slices.Contains(f.names, n) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		b, err := fs.ReadFile(f.samples, n)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Write(b)
		return
	case strings.HasSuffix(name, ".wasm"):
		f.serveWasm(w, r, name)
		return
	}
	http.ServeFile(w, r, filepath.Join(f.dir, filepath.FromSlash(name)))
}

// serveWasm sends NAME.wasm.br (or .gz) with its Content-Encoding when the build made one and
// the browser takes it, with the raw length for the progress bar. Brotli is a quarter smaller
// than gzip on Go's wasm.
func (f *webFiles) serveWasm(w http.ResponseWriter, r *http.Request, name string) {
	raw := filepath.Join(f.dir, filepath.FromSlash(name))
	info, err := os.Stat(raw)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/wasm")
	w.Header().Set(RawLengthHeader, strconv.FormatInt(info.Size(), 10))
	w.Header().Set("Vary", "Accept-Encoding")
	accepts := acceptedEncodings(r.Header.Get("Accept-Encoding"))
	for _, enc := range []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if !accepts[enc.name] {
			continue
		}
		if c, err := os.Open(raw + enc.ext); err == nil {
			defer c.Close()
			// A copy older than the raw file is stale (compressors keep the input's time, rounded).
			if st, err := c.Stat(); err == nil && !st.ModTime().Before(info.ModTime().Add(-2*time.Second)) {
				w.Header().Set("Content-Encoding", enc.name)
				w.Header().Set("Content-Length", strconv.FormatInt(st.Size(), 10))
				io.Copy(w, c)
				return
			}
		}
	}
	http.ServeFile(w, r, raw)
}
