// Package e2e drives the studio in headless Chromium: it builds the page into a temporary folder,
// serves it with the real handler on a free loopback port, and clicks through it as a person
// would. Where no Chromium is installed, the tests skip with a loud notice.
package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fabulist/internal/need"
	"fabulist/samples"
	"fabulist/server"
)

var (
	buildOnce sync.Once
	webDir    string
	buildErr  error
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// buildWeb compiles both wasm programs once per test run into a temporary web folder.
func buildWeb(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fabulist-web-")
		if err != nil {
			buildErr = err
			return
		}
		root := repoRoot()
		steps := [][]string{
			{"sh", "-c", "cp web/*.css web/*.js web/*.png web/*.svg " + dir},
			// Built and compressed by make web itself, so that load times and transfer are what
			// people get.
			{"make", "-s", "web", "WEBDIR=" + dir},
		}
		for _, s := range steps {
			cmd := exec.Command(s[0], s[1:]...)
			cmd.Dir = root
			if out, err := cmd.CombinedOutput(); err != nil {
				buildErr = fmt.Errorf("%v: %v\n%s", s, err, out)
				return
			}
		}
		webDir = dir
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return webDir
}

func chromium(t *testing.T) string {
	t.Helper()
	return need.Command(t, "apt install chromium", "chromium", "chromium-browser", "google-chrome")
}

// page is one browser tab on a fresh profile, with the studio served on a free port.
type page struct {
	t       *testing.T
	ctx     context.Context
	url     string
	mu      sync.Mutex
	console []string
	// stopServer takes the site off the network, to show what works offline.
	stopServer func()
	// served counts the bytes the studio's server sent (openStudio only).
	served *atomic.Int64
	// answered lists the server's answers, "GET /web/app.wasm 200 2241927" (openStudio only).
	answered *answerLog
}

func openStudio(t *testing.T, timeout time.Duration) *page {
	t.Helper()
	return openStudioFrom(t, buildWeb(t), timeout)
}

// openStudioFrom serves the studio from the built web folder dir, as openStudio serves buildWeb's.
func openStudioFrom(t *testing.T, dir string, timeout time.Duration) *page {
	t.Helper()
	exe := chromium(t)
	h, err := server.NewHandler(server.Options{WebDir: dir, Samples: samples.FS})
	if err != nil {
		t.Fatal(err)
	}
	served, answered := new(atomic.Int64), new(answerLog)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w, n: served, status: http.StatusOK}
		h.ServeHTTP(cw, r)
		answered.add(fmt.Sprintf("%s %s %d %d", r.Method, r.URL.Path, cw.status, cw.sent))
		if os.Getenv("FABULIST_LOG_TRANSFER") != "" {
			fmt.Printf("served %s %d bytes (%s), status %d\n", r.URL.Path, cw.sent, r.Header.Get("Accept-Encoding"), cw.status)
		}
	}))
	t.Cleanup(srv.Close)
	p := newPage(t, exe, srv.URL, timeout)
	p.served, p.answered = served, answered
	return p
}

// countingWriter counts the bytes a server sends (after compression): what crosses the network,
// in all (n) and for this answer (sent); and keeps the answer's status.
type countingWriter struct {
	http.ResponseWriter
	n      *atomic.Int64
	sent   int64
	status int
}

func (c *countingWriter) WriteHeader(status int) {
	c.status = status
	c.ResponseWriter.WriteHeader(status)
}

func (c *countingWriter) Write(b []byte) (int, error) {
	c.n.Add(int64(len(b)))
	c.sent += int64(len(b))
	return c.ResponseWriter.Write(b)
}

// answerLog is what a server answered, one line per request, in order.
type answerLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *answerLog) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, line)
}

func (l *answerLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.lines)
}

// openSite writes the static site with a path prefix and serves it with a plain file server,
// as a static host would.
func openSite(t *testing.T, prefix string, timeout time.Duration) *page {
	t.Helper()
	exe := chromium(t)
	dir := buildWeb(t)
	site := t.TempDir()
	if err := server.WriteSite(server.Options{WebDir: dir, Samples: samples.FS}, site, prefix); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.StripPrefix(prefix, http.FileServer(http.Dir(site))))
	t.Cleanup(srv.Close)
	p := newPage(t, exe, srv.URL+prefix+"/", timeout)
	p.stopServer = srv.Close
	return p
}

func newPage(t *testing.T, exe, url string, timeout time.Duration) *page {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 1600),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	p := &page{t: t, ctx: ctx, url: url}
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatal(err)
	}
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.console = append(p.console, string(m.Type)+": "+m.Text)
			p.mu.Unlock()
		}
	}()
	return p
}

// consoleLen is how many console lines the page has written so far.
func (p *page) consoleLen() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.console)
}

func (p *page) fail(err error) {
	p.t.Helper()
	p.mu.Lock()
	console := strings.Join(p.console, "\n")
	p.mu.Unlock()
	p.t.Fatalf("%v\nbrowser console:\n%s", err, console)
}

func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.fail(err)
	}
}

// pageState is what a failed wait reports: the error banner, the status line and the phase.
const pageState = `["error: " + (document.getElementById("error") || {}).innerText,
	"status: " + (document.getElementById("status") || {}).innerText,
	"phase: " + ((document.getElementById("progress") || {}).dataset || {}).phase].join(" | ")`

// waitJS polls a JavaScript condition until it holds. It gives up shortly before the test's own
// deadline, so that it can still say what the page shows.
func (p *page) waitJS(cond string) {
	p.t.Helper()
	d := 30 * time.Second
	if deadline, ok := p.ctx.Deadline(); ok {
		d = max(time.Until(deadline)-10*time.Second, time.Second)
	}
	p.waitJSFor(cond, d, pageState)
}

// waitJSFor polls a JavaScript condition for at most d, then fails with the value of show. A poll
// started just as a document replaces the previous one loses its execution context; it is started
// again in the new one.
func (p *page) waitJSFor(cond string, d time.Duration, show string) {
	p.t.Helper()
	end := time.Now().Add(d)
	for {
		err := chromedp.Do(p.ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingInterval(100*time.Millisecond),
			chromedp.WithPollingTimeout(max(time.Until(end), time.Millisecond))))
		if err == nil {
			return
		}
		if strings.Contains(err.Error(), "Cannot find context") && time.Now().Before(end) {
			time.Sleep(100 * time.Millisecond) // the new document's context is on its way
			continue
		}
		p.fail(fmt.Errorf("waiting for %s: %v; page shows: %s", cond, err, evalAs[string](p, show)))
	}
}

// js evaluates an expression for its side effects.
func (p *page) js(expr string) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](expr))
}

func evalAs[T any](p *page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.fail(err)
	}
	return v
}

// evalAwait evaluates an expression whose value is a promise, and returns what it resolves to.
func evalAwait[T any](p *page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.fail(err)
	}
	return v
}

func (p *page) screenshot(name string) {
	dir := os.Getenv("FABULIST_SCREENSHOTS")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err == nil {
		os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
	}
}
