//go:build !wasm

package server

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	goapperrors "github.com/maxence-charriere/go-app/v9/pkg/errors"

	studio "fabulist/app"
	"fabulist/internal/safefile"
)

// Options say where the server finds what it serves.
type Options struct {
	// WebDir holds the static files served under /web/: app.wasm (and its .br, .gz), page.js,
	// worker.js, wasm_exec.js, app.css, icons.
	WebDir string
	// Samples holds the .txt files offered as ready texts.
	Samples fs.FS
	// Demo, when set, is a published demo: the page opens its model at start (app/demo.go).
	Demo *Demo
}

// Demo is a published demo: a model file (.fab, a text generator or a question model; the caller
// checks it) that the
// page opens at start, ready to write, and the text it learned from ("" when not published), with
// which it can train further. They are served at app.DemoModelPath and app.DemoTextPath, named
// by the page's meta tags, and kept by the service worker for offline use.
type Demo struct {
	Model []byte
	Text  string
	// MinCopied is the memorisation meter's least run that counts as copied, in tokens, that the
	// page starts with (0: the level's default), named by a meta tag (app.DemoMinCopiedMeta), so
	// that viewers measure what they generate as the publisher did.
	MinCopied int
}

// demoHeaders are the meta tags that tell the page where its demo is.
func (d *Demo) headers() []string {
	h := []string{fmt.Sprintf(`<meta name="%s" content="%s">`, studio.DemoModelMeta, studio.DemoModelPath)}
	if d.Text != "" {
		h = append(h, fmt.Sprintf(`<meta name="%s" content="%s">`, studio.DemoTextMeta, studio.DemoTextPath))
	}
	if d.MinCopied > 0 {
		h = append(h, fmt.Sprintf(`<meta name="%s" content="%d">`, studio.DemoMinCopiedMeta, d.MinCopied))
	}
	return h
}

// CSP allows the page's own scripts and WebAssembly, its worker, and nothing from elsewhere but
// the model file a model link names (app.ModelFragment): fetched from any https address, or from
// this computer over http, as the page checks it (an address at this computer only when the
// studio is served from it).
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self' blob: https: http://localhost:* http://127.0.0.1:*; " +
	"frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// RawLengthHeader carries a compressed wasm file's uncompressed size, for go-app's progress bar.
const RawLengthHeader = "X-Raw-Length"

// NewHandler returns the studio's HTTP handler: go-app's page and service worker, the static
// files, the sample texts, and security headers on every answer. It serves files only (GET and
// HEAD; any other method gets 405): nothing a user pastes ever reaches it. Every file and page
// carries an ETag hashed from its bytes, so a browser revalidating after a rebuild never keeps an
// old file. Files are read when the handler is made: a rebuilt page is served after a restart.
func NewHandler(o Options) (http.Handler, error) {
	static, err := newWebFiles(o)
	if err != nil {
		return nil, err
	}
	h, err := appHandler(o, static, static.cacheable())
	if err != nil {
		return nil, err
	}
	h.WasmContentLengthHeader = RawLengthHeader
	return secure(getOrHead(route(static, h))), nil
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
var builtFiles = []string{"app.wasm", "page.js", "worker.js", "wasm_exec.js", "simd.js", "simd.wasm", "simd_fma.wasm", "store.js",
	"app.css", "icon.svg", "icon-192.png", "icon-512.png"}

// pageScripts run in the page while it is parsed, before go-app's loader (web/page.js says why).
var pageScripts = []string{"/web/simd.js", "/web/page.js"}

// appHandler is go-app's handler for the studio, its URLs given by resources. Its Version
// names the service worker's cache, which the browser replaces only when the version changes; so
// it covers every file the worker keeps: ours (webFiles.version) and those go-app makes from them
// and from this program (app.js, its own worker, the manifest), which a probe handler renders.
func appHandler(o Options, resources app.ResourceProvider, cacheable []string) (*app.Handler, error) {
	studio.Register() // the pages go-app renders
	static, ok := resources.(*webFiles)
	if !ok {
		var err error
		if static, err = newWebFiles(o); err != nil {
			return nil, err
		}
	}
	files := static.version()
	var rawHeaders []string
	if o.Demo != nil {
		rawHeaders = o.Demo.headers()
	}
	handler := func(version string) *app.Handler {
		return &app.Handler{
			Name:               "Fabulist",
			ShortName:          "Fabulist",
			Title:              "Fabulist — train a story writer in your browser",
			Description:        "Paste a story, train an LSTM on it in your browser, and write with it.",
			Lang:               "en",
			Icon:               app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", SVG: "/web/icon.svg", AppleTouch: "/web/icon-192.png"},
			BackgroundColor:    "#fbf8f1",
			ThemeColor:         "#6b3e26",
			LoadingLabel:       "Loading Fabulist…", // no count: web/page.js answers go-app's own fetch of the module
			Styles:             []string{"/web/app.css"},
			Scripts:            slices.Clone(pageScripts), // go-app rewrites it in place
			Version:            version,
			Resources:          resources,
			CacheableResources: slices.Clone(cacheable), // go-app rewrites it in place
			RawHeaders:         rawHeaders,
		}
	}
	return handler(ownVersion(handler(files))), nil
}

// WriteSite writes a folder that any static host serves as the full studio: go-app's pages,
// manifest and service worker (which caches the engine for offline use), the built files and
// the samples. prefix is the path the site lives under ("" or "/" for a host's root, "/name"
// for a GitHub Pages project site). out must be a new name or a folder; each file is written
// with safefile.WriteAll, which refuses links, devices and folders in the way and checks them all
// before writing anything. Errors are one plain line (go-app's own are JSON).
func WriteSite(o Options, out, prefix string) error {
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
		// The compressed copies the server would send (fresh ones only, as it reads them), for a
		// host that serves them (nginx's gzip_static, brotli_static).
		for _, b := range static.files[f].bodies {
			if ext := codingExt(b.coding); ext != "" {
				files["web/"+f+ext] = b.data
			}
		}
	}
	files["web/samples/index.json"], _ = json.Marshal(append([]string{}, static.names...))
	for _, n := range static.names {
		if files["web/samples/"+n], err = fs.ReadFile(o.Samples, n); err != nil {
			return err
		}
	}
	for name, f := range static.demoFiles() {
		files[strings.TrimPrefix(name, "/")] = f
	}
	if err := safefile.WriteAll(out, files); err != nil {
		return err
	}
	// A demo's files that this site does not have are an earlier run's (a demo then, none now, or
	// a text then and none now): a static host would still serve them, the earlier text included.
	// So are compressed copies this build has none of (a static host would send the older page),
	// and the engine's own module, which studios built before app.wasm held it had.
	for _, name := range staleSiteFiles() {
		rel := strings.TrimPrefix(name, "/")
		if _, ok := files[rel]; !ok {
			if err := os.Remove(filepath.Join(out, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("removing the earlier site's %s: %w", rel, err)
			}
		}
	}
	return nil
}

// codingExt is the file extension of a compressed copy in coding ("" for none).
func codingExt(coding string) string {
	for _, c := range codings {
		if c.name == coding {
			return c.ext
		}
	}
	return ""
}

// staleSiteFiles are the files under a site's root that WriteSite removes when this build does
// not write them: the demo's, every compressed copy of a built file, and the engine's module of
// studios from before it shared app.wasm.
func staleSiteFiles() []string {
	names := []string{studio.DemoModelPath, studio.DemoTextPath, "/web/worker.wasm"}
	for _, f := range append(slices.Clone(builtFiles), "worker.wasm") {
		for _, c := range codings {
			names = append(names, "/web/"+f+c.ext)
		}
	}
	return names
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

// ownVersion is a version covering probe's (our files) and the files go-app makes, rendered by
// probe: a new program serving the same built files (a new title, a new go-app) changes it too.
// The page itself is left out, as go-app writes its attributes in map order (a new order on every
// render); what it holds beyond the files hashed here is the components' render, which app.wasm
// holds too, and the title and language, hashed as they are.
func ownVersion(probe *app.Handler) string {
	hash := sha256.New()
	fmt.Fprintf(hash, "%s\n%s\n%s\n", probe.Version, probe.Title, probe.Lang)
	for _, p := range []string{"/app.js", "/app-worker.js", "/manifest.webmanifest", "/wasm_exec.js", "/app.css"} {
		rec := newRecorder()
		probe.ServeHTTP(rec, &http.Request{Method: http.MethodGet, URL: &url.URL{Path: p}, Host: "localhost", Header: http.Header{}})
		fmt.Fprintf(hash, "%s %d %d\n", p, rec.status, rec.body.Len())
		hash.Write(rec.body.Bytes())
	}
	return hex.EncodeToString(hash.Sum(nil))[:16]
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

// PermissionsPolicy denies every powerful feature the studio does not use. It writes the share
// link to the clipboard (share.go), so clipboard-write stays allowed for the page itself.
const PermissionsPolicy = "accelerometer=(), autoplay=(), bluetooth=(), browsing-topics=(), " +
	"camera=(), clipboard-read=(), clipboard-write=(self), display-capture=(), encrypted-media=(), fullscreen=(), " +
	"gamepad=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), local-fonts=(), magnetometer=(), " +
	"microphone=(), midi=(), otp-credentials=(), payment=(), picture-in-picture=(), publickey-credentials-create=(), " +
	"publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), web-share=(), window-management=(), " +
	"xr-spatial-tracking=()"

// secure adds the security headers to every answer, errors included. The page opens no other
// window and is embedded by no one, so it is isolated from other origins both ways.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", CSP)
		hd.Set("Permissions-Policy", PermissionsPolicy)
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}
