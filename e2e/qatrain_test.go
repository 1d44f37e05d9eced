package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"fabulist/model/qa/qatest"
	"github.com/chromedp/chromedp"
)

// chooseDataset hands files (name → bytes) to the qa-data input as a person's choice would, and
// waits until the panel has read them.
func chooseDataset(p *page, files map[string][]byte) {
	p.t.Helper()
	var adds []string
	for name, b := range files {
		adds = append(adds, fmt.Sprintf(`dt.items.add(new File([bytes(%q)], %q));`, base64.StdEncoding.EncodeToString(b), name))
	}
	p.js(`(() => { const bytes = (s) => { const bin = atob(s); const u = new Uint8Array(bin.length);
		for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i); return u; };
		const dt = new DataTransfer(); ` + strings.Join(adds, " ") + `
		const input = document.getElementById("qa-data"); input.files = dt.files;
		input.dispatchEvent(new Event("change", {bubbles: true})); })()`)
	for name := range files {
		p.waitJS(fmt.Sprintf(`document.getElementById("qa-chosen").innerText.includes(%q)`, name))
	}
}

// qaState is what a failed wait in these tests reports.
const qaState = `["qa-error: " + (document.getElementById("qa-error") || {}).innerText,
	"qa-status: " + (document.getElementById("qa-status") || {}).innerText,
	"qa-phase: " + ((document.getElementById("qa-progress") || {}).dataset || {}).phase,
	"error: " + (document.getElementById("error") || {}).innerText].join(" | ")`

func waitQA(p *page, cond string) {
	p.t.Helper()
	p.waitJSFor(cond, 3*time.Minute, qaState)
}

// TestQATrainInTheBrowser trains a tiny question model on a FairytaleQA zip the test writes,
// follows its progress to the end with its held-out questions, finds it back after a reload, and
// checks that malformed datasets are refused with a clear message and change nothing.
// qaModelKind names the type of the saved question model's file in IndexedDB.
const qaModelKind = `(async () => {
	const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
	const db = await req(indexedDB.open("fabulist", 1));
	const v = await req(db.transaction("data").objectStore("data").get("qa:current"));
	db.close();
	return v && v.model && v.model.constructor ? v.model.constructor.name : String(v && v.model);
})()`

func TestQATrainInTheBrowser(t *testing.T) {
	p := openStudio(t, 8*time.Minute)
	ready(p)
	waitQA(p, `document.getElementById("qa-progress").dataset.phase === "idle"`)
	if !evalAs[bool](p, `document.getElementById("qa-train").disabled`) {
		t.Error("qa-train is enabled before a dataset is chosen")
	}
	chooseDataset(p, map[string][]byte{"ftq.zip": qatest.FairytaleQAZip(t, 6)})
	p.do(setField("qa-epochs", "2"), setField("qa-examples", "0"))
	p.do(clickID("qa-train"))
	waitQA(p, `document.getElementById("qa-progress").dataset.phase === "done"`)

	type progress struct{ Epoch, Batch, Phase, Loss, Tagger, Pairs, Status, Points, Held string }
	const read = `(() => { const d = document.getElementById("qa-progress").dataset;
		return {Epoch: d.epoch, Batch: d.batch, Phase: d.phase, Loss: d.loss, Tagger: d.taggerLoss, Pairs: d.pairsPerS,
			Status: document.getElementById("qa-status").innerText,
			Points: document.getElementById("qa-loss-chart").dataset.points,
			Held: [...document.querySelectorAll("#qa-held li.qa-held-item")].map((li) => li.dataset.epoch + ":" + li.dataset.asked).join("|")}; })()`
	done := evalAs[progress](p, read)
	t.Logf("after training: %+v", done)
	held := strings.Split(done.Held, "|")
	switch {
	case done.Epoch != "2" || done.Batch != "1":
		t.Errorf("qa-progress epoch %s batch %s; want 2 and 1 (24 examples, one batch an epoch)", done.Epoch, done.Batch)
	case done.Loss == "0.0000" || done.Tagger == "0.0000" || done.Pairs == "0.00":
		t.Errorf("qa-progress loss %s, tagger loss %s, pairs/s %s; want figures", done.Loss, done.Tagger, done.Pairs)
	case done.Points != "2":
		t.Errorf("the loss chart has %s points; want 2, one a batch", done.Points)
	case len(held) != 3 || !strings.HasPrefix(held[0], "2:") || len(held[0]) < 4:
		t.Errorf("held-out questions %q; want three written after epoch 2", done.Held)
	case !strings.Contains(done.Status, "Done: 2 epochs on 24 examples an epoch from FairytaleQA (zip)") || !strings.Contains(done.Status, "pairs/s on 1 worker"):
		t.Errorf("status %q; want it to say what was trained", done.Status)
	}
	p.screenshot("qa-train-done")

	// Kept as a Blob, by reference: a Uint8Array is cloned in the renderer as it is stored.
	if kind := evalAwait[string](p, qaModelKind); kind != "Blob" {
		t.Errorf("the saved question model is stored as %s; want a Blob", kind)
	}
	// A reload brings the question model back from IndexedDB.
	p.do(chromedp.Reload())
	waitQA(p, `document.getElementById("qa-progress") && document.getElementById("qa-progress").dataset.phase === "done"`)
	back := evalAs[progress](p, read)
	if back.Epoch != "2" || back.Loss != done.Loss || back.Held != done.Held || back.Points != done.Points ||
		!strings.Contains(back.Status, "Brought back from this browser") {
		t.Errorf("after the reload: %+v; want the model trained before: %+v", back, done)
	}
	// The saved question model is no workspace: the list (answered before it) does not show it.
	if n := evalAs[string](p, `document.getElementById("workspaces").dataset.count`); n != "0" {
		t.Errorf("the saved workspaces list %s entries after the reload; want none (the question model is not one)", n)
	}

	// Malformed datasets are refused with a message naming what is wrong, and change nothing.
	var empty bytes.Buffer
	zip.NewWriter(&empty).Close()
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"bad CSV", "train.csv", []byte("story_id,story_text,question,answer_token_ranges\ns,a b,Q,\"1:2\n"), "train.csv:2"},
		{"wrong JSON", "train.json", []byte(`{"data": {"paragraphs": 3}}`), "train.json:1: column 10"},
		{"empty zip", "empty.zip", empty.Bytes(), "empty.zip: the archive is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			chooseDataset(p, map[string][]byte{tc.file: tc.data})
			// A model is open: the first press asks, and only the second sends the dataset.
			p.do(clickID("qa-train"))
			waitQA(p, `!document.getElementById("qa-train-confirm").hidden &&
				document.getElementById("qa-train-confirm").innerText.includes("Press Train again")`)
			p.do(clickID("qa-train"))
			waitQA(p, fmt.Sprintf(`(document.getElementById("qa-error") || {}).innerText?.includes(%q)`, tc.want))
			msg := evalAs[string](p, `document.getElementById("qa-error").innerText`)
			if !strings.Contains(msg, "unchanged") {
				t.Errorf("message %q does not say the question model is unchanged", msg)
			}
			if now := evalAs[progress](p, read); now != back {
				t.Errorf("after the refusal: %+v; want it unchanged: %+v", now, back)
			}
		})
	}
	p.screenshot("qa-train-refused")
	p.do(chromedp.Reload())
	waitQA(p, `document.getElementById("qa-progress") && document.getElementById("qa-progress").dataset.phase === "done"`)
	if again := evalAs[progress](p, read); again != back {
		t.Errorf("after the refusals and a reload: %+v; want the model trained before: %+v", again, back)
	}

	// Close question model: the panels have no model, IndexedDB no qa:current, and a reload
	// does not bring it back.
	p.do(clickID("qa-close"))
	waitQA(p, `document.getElementById("qa-model").dataset.open !== "true" && !document.getElementById("qa-close") &&
		document.getElementById("qa-progress").dataset.phase === "idle"`)
	if keys := evalAwait[string](p, storedKeys); strings.Contains(keys, "qa:current") {
		t.Errorf("after Close question model the storage holds %s; want no qa:current", keys)
	}
	p.do(chromedp.Reload())
	ready(p)
	p.do(pasteText(qaFable), clickID("find-questions"))
	pairsShown(p, `document.querySelectorAll("#questions .pair").length > 0 && document.getElementById("questions").dataset.finding !== "true"`)
	if open := evalAs[string](p, `!!document.getElementById("qa-close") + " " + document.getElementById("qa-progress").dataset.phase +
		" " + document.querySelectorAll('#questions .pair[data-method="model"]').length`); open != "false idle 0" {
		t.Errorf("after Close and a reload, Close offered, run phase, model pairs: %s; want false idle 0", open)
	}
}

// TestQATrainOnTwoWorkersPausesAndResumes trains the question model with its batches shared
// between two Web Workers, pausing and resuming it midway, as the Workers setting asks.
func TestQATrainOnTwoWorkersPausesAndResumes(t *testing.T) {
	p := openStudio(t, 8*time.Minute)
	ready(p)
	p.do(setField("workers", "2"))
	chooseDataset(p, map[string][]byte{"ftq.zip": qatest.FairytaleQAZip(t, 12)}) // 48 examples: two batches an epoch
	p.do(setField("qa-epochs", "3"), setField("qa-examples", "0"))
	// Pause as soon as the first batch is reported, from the page's own thread.
	p.js(`new MutationObserver((_, obs) => { const d = document.getElementById("qa-progress").dataset;
		if (d.phase === "training" && +d.batch >= 1) { document.getElementById("qa-pause").click(); obs.disconnect(); }
	}).observe(document.body, {subtree: true, attributes: true, childList: true})`)
	p.do(clickID("qa-train"))
	waitQA(p, `document.getElementById("qa-progress").dataset.phase === "paused"`)
	paused := evalAs[string](p, `document.getElementById("qa-status").innerText`)
	if !strings.HasPrefix(paused, "Paused. Epoch ") || !strings.Contains(paused, "2 workers") {
		t.Errorf("status while paused: %q; want it to say paused, on 2 workers", paused)
	}
	p.screenshot("qa-train-paused")
	p.do(clickID("qa-resume"))
	waitQA(p, `document.getElementById("qa-progress").dataset.phase === "done"`)
	d := evalAs[map[string]string](p, `({...document.getElementById("qa-progress").dataset,
		status: document.getElementById("qa-status").innerText, points: document.getElementById("qa-loss-chart").dataset.points,
		held: String(document.querySelectorAll("#qa-held li.qa-held-item").length)})`)
	t.Logf("two workers: %v", d)
	if d["epoch"] != "3" || d["workers"] != "2" || d["points"] != "6" || d["held"] != "3" || !strings.Contains(d["status"], "pairs/s on 2 workers") {
		t.Errorf("after training on two workers: %v; want epoch 3, 2 workers, 6 loss points, 3 held-out questions", d)
	}
	p.screenshot("qa-train-two-workers")
}
