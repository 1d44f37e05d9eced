package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fabulist/model/lm"
	"fabulist/studio/inlink"
)

// TestDemoLinkReceiverIsToldWhatItCanDo: whoever opens a demo link (a model inside the link, and
// no text) is not offered Train on "this text" with the text box empty, and a share link with
// questions they make from it does not promise that training reproduces the link's model, which
// the share link does not hold. (A new user's trial found both.)
func TestDemoLinkReceiverIsToldWhatItCanDo(t *testing.T) {
	net, tok := untrainedCharNet(t, 16, 8, 10, "abcdefghijklmnopqrstuvwxyz .,'")
	frag, err := inlink.Encode(net, tok, inlink.Int8, inlink.Link{Gen: lm.DefaultGenOptions(), GenSeed: 11, Prompt: "the owl"})
	if err != nil {
		t.Fatal(err)
	}
	p := openStudio(t, 3*time.Minute)
	p.do(chromedp.Navigate(p.url + "/" + frag))
	p.waitJSFor(`!document.getElementById("generate").disabled && document.getElementById("gen-seed").value === "11"`, 60*time.Second,
		`"seed=" + document.getElementById("gen-seed").value + " ERR " + document.getElementById("error").innerText`)
	if v := corpusValue(p); v != "" {
		t.Fatalf("the demo link's page has %q in its text box; want it empty", v)
	}
	status := evalAs[string](p, `document.getElementById("status").innerText`)
	if strings.Contains(status, "press Train") || !strings.Contains(status, "paste a story") {
		t.Errorf("with an empty text box the status line says %q; want it to ask for a text, not offer Train", status)
	}

	p.do(pasteText(qaFable))
	p.waitJS(`document.getElementById("text-stats").innerText.length > 0`)
	p.do(clickID("find-questions"))
	pairsShown(p, `document.querySelectorAll("#questions .pair").length > 0`)
	p.do(clickID("share"))
	p.waitJSFor(`document.getElementById("share-msg").innerText.includes("questions")`, 20*time.Second,
		`document.getElementById("share-msg").innerText + " ERR " + document.getElementById("error").innerText`)
	msg := evalAs[string](p, `document.getElementById("share-msg").innerText`)
	if strings.Contains(msg, "reproduce") || !strings.Contains(msg, "the model is not in the link") {
		t.Errorf("sharing the quiz from a demo link's model says %q; want it to say the model is not in the link, and promise no reproduction", msg)
	}
}
