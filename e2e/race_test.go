package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fabulist/studio/share"
)

// typeThen is one JavaScript expression that does what a quick person does: it sets fields' values
// and fires their input events as typing does (no change event: the field keeps the focus), then
// at once runs act (a click). It returns the draft text the page saved by then.
func typeThen(fields map[string]string, act string) chromedp.Action[string] {
	var b strings.Builder
	b.WriteString(`(() => { const type = (id, v) => { const e = document.getElementById(id); e.value = v;
		e.dispatchEvent(new Event("input", {bubbles: true})); };`)
	for id, v := range fields {
		fmt.Fprintf(&b, "type(%q, %q);", id, v)
	}
	b.WriteString(act)
	b.WriteString(`; return localStorage.getItem("fabulist-draft-text") ??
		(JSON.parse(localStorage.getItem("fabulist-draft") || "{}").text || ""); })()`)
	return chromedp.Evaluate[string](b.String())
}

// TestEveryActionUsesWhatTheUserLastEntered: each action, clicked in the same breath as an edit
// (before the text box's 300 ms pause, before a settings field's change event), acts on the
// edited values, and the edit is saved by the time the click returns.
func TestEveryActionUsesWhatTheUserLastEntered(t *testing.T) {
	p := openStudio(t, 4*time.Minute)
	ready(p)
	p.do(setField("preset", "quick"), setField("units", "16"), setField("embedding", "8"),
		setField("seq_length", "10"), setField("epochs", "1"))
	story := func(n int) string { return fmt.Sprintf("%d. %s", n, strings.Repeat(shortStory, 4)) }
	do := func(fields map[string]string, act string) {
		t.Helper()
		saved, err := chromedp.Run(p.ctx, typeThen(fields, act))
		if err != nil {
			p.fail(err)
		}
		if text, ok := fields["corpus"]; ok && saved != text {
			t.Errorf("%s: when the click returned the draft held %.30q; want %.30q", act, saved, text)
		}
	}
	phase := func() string { return evalAs[string](p, `document.getElementById("progress").dataset.phase`) }

	// Train with a setting out of range, right after pasting: refused, and the refusal stays
	// past the pause that ends the typing (300 ms), which took it off the banner once.
	do(map[string]string{"corpus": story(1), "units": "0"}, `document.getElementById("train").click()`)
	p.do(chromedp.Sleep(time.Second))
	if msg := evalAs[string](p, `document.getElementById("error").hidden ? "" : document.getElementById("error").innerText`); !strings.Contains(msg, "out of range") {
		t.Fatalf("a second after Train with units 0: banner %q; want the refusal", msg)
	}
	errorShown(p, "out of range") // and dismissed
	p.do(setField("units", "16"))

	// Train: the text pasted a moment ago, not an empty box.
	do(map[string]string{"corpus": story(1)}, `document.getElementById("train").click()`)
	p.waitJSFor(`document.getElementById("progress").dataset.phase === "done" || !document.getElementById("error").hidden`,
		2*time.Minute, `"phase " + document.getElementById("progress").dataset.phase + "; error: " + document.getElementById("error").innerText`)
	if msg := evalAs[string](p, `document.getElementById("error").innerText`); phase() != "done" {
		t.Fatalf("Train right after pasting: %q", msg)
	}

	// Train with a setting typed and not yet committed: it is read, found out of range, and
	// training is refused.
	do(map[string]string{"units": "0"}, `document.getElementById("train").click()`)
	errorShown(p, "out of range")
	p.do(setField("units", "16"))
	// Once shown: a field typed in before the page renders a change of its own value is
	// overwritten by that render (go-app sets an input's value when the one it renders changes).
	p.waitJS(`document.getElementById("error-units").hidden`)

	// Share: the link carries the text and the setting typed just before.
	do(map[string]string{"corpus": story(2), "units": "20"}, `document.getElementById("share").click()`)
	p.waitJSFor(`document.getElementById("share-link").value.includes("#s=1.")`, 10*time.Second,
		`document.getElementById("share-msg").innerText`)
	link := evalAs[string](p, `document.getElementById("share-link").value`)
	got, err := share.Decode(link[strings.Index(link, "#"):])
	if err != nil || got.Text != story(2) || got.Config.Units != 20 {
		t.Errorf("share link: %v, units %d, text %.30q", err, got.Config.Units, got.Text)
	}

	// A preset chosen right after typing: the text is taken, and the preset replaces the setting.
	do(map[string]string{"corpus": story(3), "units": "33"}, `(() => { const e = document.getElementById("preset");
		e.value = "quick"; e.dispatchEvent(new Event("change", {bubbles: true})); })()`)
	p.waitJSFor(`document.getElementById("units").value === "128"`, 10*time.Second,
		`"units " + document.getElementById("units").value`)

	// Export and Generate, each right after typing: the text is taken (the draft above), and
	// Generate uses the seed typed.
	do(map[string]string{"corpus": story(4)}, `document.getElementById("export-model").click()`)
	do(map[string]string{"corpus": story(5), "gen-seed": "77", "gen-n": "5"}, `document.getElementById("generate").click()`)
	p.waitJSFor(`(document.getElementById("gen-used-seed") || {innerText: ""}).innerText.includes("77")`, 30*time.Second,
		`"seed: " + (document.getElementById("gen-used-seed") || {innerText: "none"}).innerText`)
	if v := corpusValue(p); v != story(5) {
		t.Errorf("the box shows %.30q", v)
	}
}
