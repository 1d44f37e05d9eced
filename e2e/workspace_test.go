package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// tinyRun sets up a small model that trains in seconds, with a fixed seed.
func tinyRun(p *page, text string, epochs int) {
	p.do(setField("preset", "quick"), setField("units", "48"), setField("embedding", "8"),
		setField("seq_length", "10"), setField("epochs", fmt.Sprint(epochs)), setField("seed", "11"), pasteText(text))
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
}

func valLosses(p *page) string {
	return evalAs[string](p, `document.getElementById("loss-chart").dataset.val`)
}

func TestReloadRestoresTheWorkspaceAndResumeContinuesTheSameRun(t *testing.T) {
	p := openStudio(t, 4*time.Minute)
	ready(p)
	text := strings.Repeat(shortStory, 12)

	// The uninterrupted run: what the stopped, reloaded and resumed one must reproduce.
	tinyRun(p, text, 3)
	p.do(clickID("train"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	want := valLosses(p)
	if len(strings.Fields(want)) != 3 {
		t.Fatalf("validation losses of 3 epochs: %q", want)
	}

	// The same run again, stopped early in its second epoch: the moment the first epoch's samples
	// appear, the page's own Stop button is clicked. (Train clears the last run's samples before
	// the worker says it is training, so samples seen while training are this run's.)
	p.js(`new MutationObserver((_, obs) => {
		if (document.getElementById("progress").dataset.phase === "training" &&
			+document.getElementById("samples").dataset.count >= 1) { document.getElementById("stop").click(); obs.disconnect(); }
	}).observe(document.body, {subtree: true, attributes: true, childList: true})`)
	p.do(clickID("train"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "stopped"`)
	p.waitJS(`document.querySelectorAll("#workspaces li.ws").length === 2 &&
		document.querySelector("#workspaces li.ws.current .ws-detail").innerText.includes("epoch 2/3")`)
	before := evalAs[int](p, `+document.getElementById("loss-chart").dataset.points`)
	p.screenshot("workspace-before-reload")

	p.do(chromedp.Reload())
	p.waitJS(`document.getElementById("progress") && document.getElementById("progress").dataset.phase === "stopped"`)
	p.waitJS(`document.getElementById("corpus").value.length > 0`)
	if got := evalAs[string](p, `document.getElementById("corpus").value`); got != text {
		t.Errorf("the text after reload is %d chars, want %d", len(got), len(text))
	}
	for id, v := range map[string]string{"epochs": "3", "seed": "11", "units": "48", "seq_length": "10"} {
		if got := evalAs[string](p, fmt.Sprintf(`document.getElementById(%q).value`, id)); got != v {
			t.Errorf("setting %s after reload: %q, want %q", id, got, v)
		}
	}
	if n := evalAs[int](p, `+document.getElementById("samples").dataset.count`); n != 1 {
		t.Errorf("%d epoch samples after reload, want 1", n)
	}
	if got := evalAs[int](p, `+document.getElementById("loss-chart").dataset.points`); got != before {
		t.Errorf("the loss chart has %d points after reload, %d before", got, before)
	}
	if got := valLosses(p); got != strings.Fields(want)[0] {
		t.Errorf("validation losses after reload: %q, want the first of %q", got, want)
	}
	// The status line and the list say where the run stands in the same words: the epoch under
	// way, as Keras counts (the trial's "epoch 3" beside "epoch 2/30").
	status := evalAs[string](p, `document.getElementById("status").innerText`)
	row := evalAs[string](p, `document.querySelector("#workspaces li.ws.current .ws-detail").innerText`)
	if !strings.Contains(status, "epoch 2,") || !strings.Contains(row, "epoch 2/3") {
		t.Errorf("after reload, status %q and list %q; want both at epoch 2 (of 3)", status, row)
	}
	p.waitJS(`!document.getElementById("resume").disabled`)
	p.screenshot("workspace-after-reload")

	p.do(clickID("resume"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	if got := valLosses(p); got != want {
		t.Errorf("resumed after a reload, the run's validation losses are %q; uninterrupted, %q", got, want)
	}

	// The older workspace (the first run) is deleted after a confirmation; the list shrinks.
	p.js(`document.querySelector("#workspaces li.ws:not(.current) .ws-delete").click()`)
	p.waitJS(`document.querySelector("#workspaces .ws-yes") !== null`)
	p.js(`document.querySelector("#workspaces .ws-yes").click()`)
	p.waitJS(`document.querySelectorAll("#workspaces li.ws").length === 1`)

	// What was written with the model survives the reload too: the prompt, and the output as
	// generated then edited by hand; so does the status line's validation loss.
	p.do(chromedp.SendKeys(chromedp.ID("prompt"), "the fox"), setField("gen-n", "8"), clickID("generate"))
	p.waitJS(`document.getElementById("output").value.length > "the fox".length`)
	p.do(chromedp.SendKeys(chromedp.ID("output"), " 토끼 too"))
	written := evalAs[string](p, `document.getElementById("output").value`)
	p.do(chromedp.Reload())
	p.waitJS(`document.getElementById("progress") && document.getElementById("progress").dataset.phase === "done" &&
		document.querySelectorAll("#workspaces li.ws").length === 1`)
	p.waitJSFor(`document.getElementById("output").value.length > 0`, 20*time.Second, `document.getElementById("output").value`)
	if got := evalAs[string](p, `document.getElementById("output").value`); got != written {
		t.Errorf("the output after reload: got %q; want %q", got, written)
	}
	if got := evalAs[string](p, `document.getElementById("prompt").value`); got != "the fox" {
		t.Errorf("the prompt after reload: got %q; want %q", got, "the fox")
	}
	if got := evalAs[string](p, `document.getElementById("status").innerText`); !strings.Contains(got, "validation loss") {
		t.Errorf("the status line after reload: got %q; want it to give the validation loss", got)
	}
}

func TestAFullStorageQuotaIsReported(t *testing.T) {
	p := openStudio(t, 3*time.Minute)
	ready(p)
	origin := evalAs[string](p, `location.origin`)
	quota := float64(64 << 10) // room for a text, not for a model with its optimizer state
	if _, err := chromedp.Call(p.ctx, storage.OverrideQuotaForOrigin, storage.OverrideQuotaForOriginParams{Origin: origin, QuotaSize: &quota}); err != nil {
		t.Skipf("this Chromium cannot override a storage quota: %v", err)
	}
	tinyRun(p, strings.Repeat(shortStory, 4), 2)
	p.do(clickID("train"))
	msg := errorShown(p, "storage for this page is full")
	if !strings.Contains(msg, "Delete saved workspaces") {
		t.Errorf("quota message: %q", msg)
	}
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
}

// A text and settings not yet trained on are kept too: a reload brings them back.
func TestReloadKeepsADraft(t *testing.T) {
	p := openStudio(t, 2*time.Minute)
	ready(p)
	text := "토끼와 거북이 🐢 " + shortStory
	p.do(setField("preset", "quick"), setField("units", "64"), pasteText(text))
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	p.do(chromedp.Reload())
	p.waitJS(`document.getElementById("corpus") && document.getElementById("corpus").value.length > 0`)
	if got := evalAs[string](p, `document.getElementById("corpus").value`); got != text {
		t.Errorf("after reload the text is %.40q", got)
	}
	if got := evalAs[string](p, `document.getElementById("units").value`); got != "64" {
		t.Errorf("after reload units = %q, want 64", got)
	}
}

// TestAReloadMidTrainingSaysTheRunWasInterrupted: the tab reloaded while its run trains (after
// an epoch's autosave) brings the run back saying it was interrupted, not stopped (a trial read
// "Stopped at epoch 10, batch 32" though no one had pressed Stop), and Resume goes on.
func TestAReloadMidTrainingSaysTheRunWasInterrupted(t *testing.T) {
	p := openStudio(t, 4*time.Minute)
	ready(p)
	tinyRun(p, strings.Repeat(shortStory, 12), 40)
	p.do(clickID("train"))
	// The first epoch's autosave is written (the list says so), and the run trains on.
	p.waitJS(`document.querySelector("#workspaces li.ws.current .ws-detail")?.innerText.includes("epoch 2/40") &&
		document.getElementById("progress").dataset.phase === "training"`)
	p.do(chromedp.Reload())
	p.waitJS(`document.getElementById("progress") && document.getElementById("progress").dataset.phase === "stopped"`)
	status := evalAs[string](p, `document.getElementById("status").innerText`)
	if !strings.HasPrefix(status, "Interrupted at epoch 2, ") || !strings.Contains(status, "press Resume to go on") || strings.Contains(status, "Stopped") {
		t.Errorf("after a reload mid-training the status says %q; want it interrupted at epoch 2, and Resume offered", status)
	}
	p.waitJS(`!document.getElementById("resume").disabled`)
	p.screenshot("interrupted-after-reload")
	p.do(clickID("resume"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "training"`)
	p.do(clickID("stop"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "stopped"`)
	if status := evalAs[string](p, `document.getElementById("status").innerText`); !strings.HasPrefix(status, "Stopped at epoch ") {
		t.Errorf("resumed, then stopped: the status says %q", status)
	}
}
