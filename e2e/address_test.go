package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fabulist/model/lm"
	"fabulist/studio/share"
)

// hostileFragment is a fragment anyone can put in a link to the studio, and what the studio must
// say when it opens it.
type hostileFragment struct{ name, frag, want string }

func hostileFragments(t *testing.T) []hostileFragment {
	link, err := share.Encode(share.Payload{Config: lm.QuickConfig(), Text: shortStory,
		Gen: lm.GenOptions{SampleOptions: lm.SampleOptions{Temperature: 0.5, TopP: 1}, N: 20, Mode: lm.GenWindow}})
	if err != nil {
		t.Fatal(err)
	}
	flipped := []byte(link)
	flipped[len(flipped)/2] ^= 1
	const broken = "incomplete or has been changed"
	return []hostileFragment{
		{"invalid escape", "#s=1.%%%", broken},
		{"cut escape", "#s=1.%E0%A4%A", broken},
		{"NUL", "#%00", "not a Fabulist share link"},
		{"script", "#<script>alert(1)</script>", "not a Fabulist share link"},
		{"quotes", `#s=1."'"`, broken},
		{"emoji", "#🐢🐇", "not a Fabulist share link"},
		{"Korean", "#s=1.토끼와거북이", broken},
		{"newer version", "#s=5.x", "newer Fabulist"}, // (2 is a link with a quiz, 3 one with a field added after quizzes, 4 an edited quiz)
		{"bad base64", "#s=1.***", broken},
		{"one byte flipped", string(flipped), broken},
		{"just too long", "#s=1." + strings.Repeat("A", share.MaxFragment), "longer than any"},
		// Chromium refuses addresses past 2 MB; this is near the most it opens.
		{"1.9 MB", "#s=1." + strings.Repeat("A", 1900<<10), "longer than any"},
	}
}

// studioWorks checks that the studio answers after a hostile address: the message, Train
// enabled, the address left without its fragment, a sample that loads, and no panic.
func studioWorks(p *page, want string, consoleFrom int) {
	p.t.Helper()
	p.waitJSFor(fmt.Sprintf(`document.getElementById("error") && document.getElementById("error").innerText.includes(%q)`, want),
		30*time.Second, `document.getElementById("error") ? "error banner: " + document.getElementById("error").innerText :
			"no studio: " + document.body.innerText.slice(0, 200)`)
	errorShown(p, want)
	p.waitJSFor(`document.getElementById("train") && !document.getElementById("train").disabled`, 30*time.Second,
		`"train disabled; status: " + document.getElementById("status").innerText`)
	if h := evalAs[string](p, `location.hash`); h != "" {
		p.t.Errorf("the fragment stayed in the address: %.40q", h)
	}
	p.do(pasteText(""))
	chooseSample(p, "fables.txt")
	p.waitJSFor(`document.getElementById("corpus").value.includes("The Owl and the Lantern")`, 20*time.Second,
		`"corpus: " + document.getElementById("corpus").value.slice(0, 40)`)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, line := range p.console[consoleFrom:] {
		if strings.Contains(line, "panic") || strings.Contains(line, "fatal error") {
			p.t.Fatalf("the page's program failed: %s", line)
		}
	}
}

// TestHostileAddressesOpenTheStudio opens every hostile fragment as the page loads and, in one
// open studio, as a change of the address (what pasting a link into the address bar does).
func TestHostileAddressesOpenTheStudio(t *testing.T) {
	p := openStudio(t, 10*time.Minute)
	cases := hostileFragments(t)
	for _, c := range cases {
		t.Run("load/"+c.name, func(t *testing.T) {
			p.t = t
			from := p.consoleLen()
			p.do(chromedp.Navigate("about:blank"), chromedp.Navigate(p.url+"/"+c.frag))
			studioWorks(p, c.want, from)
		})
	}
	p.t = t
	ready(p)
	for _, c := range cases {
		t.Run("change/"+c.name, func(t *testing.T) {
			p.t = t
			from := p.consoleLen()
			p.js(fmt.Sprintf(`location.hash = %q`, c.frag))
			studioWorks(p, c.want, from)
		})
	}
	p.t = t
}

// TestUnknownPathsOpenTheStudio: a path the studio has no page at opens the studio, which says so
// and puts its own path in the address; on load (the server serves the studio at any path) and as
// the page moves back to such an address. A path that is not valid URL syntax ("/%%%") cannot be
// loaded at all: Go's HTTP server answers 400 Bad Request before any handler runs (static hosts
// do the same), so it is tried only inside the page.
func TestUnknownPathsOpenTheStudio(t *testing.T) {
	p := openStudio(t, 5*time.Minute)
	for _, path := range []string{"/nonexistent", "/a/b/c?x=1", "/토끼", "/%00"} {
		t.Run("load"+path, func(t *testing.T) {
			p.t = t
			from := p.consoleLen()
			p.do(chromedp.Navigate("about:blank"), chromedp.Navigate(p.url+path))
			studioWorks(p, "no page at", from)
			if got := evalAs[string](p, `location.pathname`); got != "/" {
				t.Errorf("the address kept the path %q", got)
			}
		})
	}
	p.t = t
	ready(p)
	for _, path := range []string{"/%%%", "/nonexistent", "/%E0%A4%A"} {
		t.Run("change"+path, func(t *testing.T) {
			p.t = t
			from := p.consoleLen()
			// Back to an entry with this path: the browser fires popstate, which go-app reads.
			p.js(fmt.Sprintf(`history.pushState(null, "", %q); history.pushState(null, "", "/"); history.back()`, path))
			studioWorks(p, "no page at", from)
			if got := evalAs[string](p, `location.pathname`); got != "/" {
				t.Errorf("the address kept the path %q", got)
			}
		})
	}
	p.t = t
}
