package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestShareLinkCarriesMeterAndWeights: a studio whose meter counts runs of 3 tokens and that
// writes with its latest weights makes a version-3 link; whoever opens it gets both, and what
// they generate once trained is measured with the sender's least run.
func TestShareLinkCarriesMeterAndWeights(t *testing.T) {
	p := openStudio(t, 4*time.Minute)
	ready(p)
	p.do(setField("preset", "quick"), setField("units", "16"), setField("embedding", "8"),
		setField("seq_length", "10"), setField("epochs", "1"), pasteText(strings.Repeat(shortStory, 3)))
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	p.do(clickID("train"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done" && !document.getElementById("weights-choice").disabled`)
	p.do(setField("weights-choice", "latest"), setField("copied-min", "3"), clickID("share"))
	p.waitJSFor(`document.getElementById("share-link").value.includes("#s=3.")`, 10*time.Second,
		`document.querySelector(".share").outerHTML + " ERR " + document.getElementById("error").innerText`)
	link := evalAs[string](p, `document.getElementById("share-link").value`)

	p.do(chromedp.Navigate("about:blank"), chromedp.Navigate(link))
	p.waitJS(`document.getElementById("train") && !document.getElementById("train").disabled`)
	p.waitJSFor(`document.getElementById("copied-min").value === "3" && document.getElementById("weights-choice").value === "latest"`,
		20*time.Second, `"copied-min=" + document.getElementById("copied-min").value + " weights=" + document.getElementById("weights-choice").value`)
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	p.do(clickID("train"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	p.do(setField("gen-seed", "5"), clickID("generate"))
	p.waitJS(`document.getElementById("copied") && document.getElementById("copied").dataset.measured === "true"`)
	if least := evalAs[string](p, `document.getElementById("copied").dataset.min`); least != "3" {
		t.Errorf("the receiver's meter counts runs of %q tokens; want the link's 3", least)
	}
	if w := evalAs[string](p, `document.getElementById("weights-choice").value`); w != "latest" {
		t.Errorf("the receiver writes with the %q weights; want the link's latest", w)
	}
}
