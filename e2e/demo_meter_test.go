package e2e

import (
	"strconv"
	"testing"
	"time"

	"fabulist/model/lm"
	"fabulist/server"
)

// TestPublishedDemoMetersWithItsLeastRun: a demo published with a least copied run (site
// -min-copied) shows it in the meter's field, and what a viewer generates is measured with it
// (#copied's data-min, and a larger share copied than the level's default finds); clearing the
// field measures with the default again.
func TestPublishedDemoMetersWithItsLeastRun(t *testing.T) {
	file, text := demoModel(t)
	p := openDemoSite(t, &server.Demo{Model: file, Text: text, MinCopied: 3}, nil, 3*time.Minute)
	ready(p)
	p.waitJS(`!document.getElementById("generate").disabled && document.getElementById("copied-min").value === "3"`)
	p.do(setField("gen-seed", "5"))
	p.js(`(() => { const e = document.getElementById("prompt"); e.value = "an old owl lived in the tower of a church";
		e.dispatchEvent(new Event("input", {bubbles: true})); })()`)
	p.do(clickID("generate"))
	p.waitJS(`document.getElementById("copied") && document.getElementById("copied").dataset.measured === "true"`)
	if least := evalAs[string](p, `document.getElementById("copied").dataset.min`); least != "3" {
		t.Fatalf("#copied measured with a least run of %q; want the demo's 3", least)
	}
	with3 := evalAs[string](p, `document.getElementById("copied").dataset.percent`)

	p.do(setField("copied-min", ""))
	def := strconv.Itoa(lm.DefaultMinCopied(lm.Char))
	p.waitJS(`document.getElementById("copied").dataset.min === "` + def + `"`)
	withDefault := evalAs[string](p, `document.getElementById("copied").dataset.percent`)
	a, err1 := strconv.ParseFloat(with3, 64)
	b, err2 := strconv.ParseFloat(withDefault, 64)
	if err1 != nil || err2 != nil || a <= b {
		t.Errorf("copied with the demo's 3 characters: %q %%, with the default %s: %q %%; want more with 3", with3, def, withDefault)
	}
}
