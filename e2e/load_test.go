package e2e

import (
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestLoadMountsTheLatePanelsOnceReady loads the studio cold and notes, at the moment Train is
// first enabled, which panels the page has mounted: the first screen's, not yet those below it
// (app.Studio.latePanels), which follow once the engine is ready and the page idle, all of them
// with their controls.
func TestLoadMountsTheLatePanelsOnceReady(t *testing.T) {
	p := openStudio(t, 3*time.Minute)
	// Before any script of the page's: watch every change of the document, and note the panels at
	// the first one after which Train is enabled.
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: `
		window.atReady = null;
		new MutationObserver((_, observer) => {
			const train = document.getElementById("train");
			const studio = document.querySelector(".studio");
			if (!train || train.disabled || !studio) return;
			window.atReady = {
				panels: studio.dataset.panels || "(none)",
				late: ["model-panel", "workspaces", "address", "questions-panel", "qa-train-panel"].filter((id) => document.getElementById(id)),
				first: ["corpus", "preset", "train", "samples", "generate", "share"].filter((id) => document.getElementById(id)),
			};
			observer.disconnect();
		}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });`}); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.Navigate(p.url))
	p.waitJS(trainEnabledJS)
	type panels struct {
		Panels      string
		Late, First []string
	}
	at := evalAs[*panels](p, `window.atReady`)
	switch {
	case at == nil:
		t.Fatal("no change of the document enabled Train")
	case at.Panels != "first" || len(at.Late) > 0 || len(at.First) != 6:
		t.Fatalf("as Train was enabled the page showed panels %q, late ones %v, first ones %v; want \"first\", none, and all 6", at.Panels, at.Late, at.First)
	}
	p.waitJS(studioReadyJS)
	for _, id := range []string{"model-file", "workspaces", "address-model-url", "find-questions", "qa-train"} {
		if !evalAs[bool](p, `document.getElementById("`+id+`") !== null`) {
			t.Errorf("once ready, #%s is not on the page", id)
		}
	}
}
