package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// damageStorage copies the one healthy workspace in IndexedDB into records damaged in every way
// the page must survive, each newer than the healthy one (so that "open the newest" would pick a
// damaged one), and puts garbage where the draft is kept. It returns the healthy id and the bytes
// of its data string and model.
const damageStorage = `(async () => {
	const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
	const db = await req(indexedDB.open("fabulist", 1));
	const ids = await req(db.transaction("meta").objectStore("meta").getAllKeys());
	if (ids.length !== 1) throw new Error("want one healthy workspace; IndexedDB has " + ids.length);
	const id = ids[0];
	const r = db.transaction(["meta", "data"]);
	const meta = await req(r.objectStore("meta").get(id)), data = await req(r.objectStore("data").get(id));
	// Kept as a Blob, by reference: a Uint8Array is cloned in the renderer as it is stored.
	if (!(data.model instanceof Blob)) throw new Error("the healthy workspace's model is stored as " +
		(data.model && data.model.constructor ? data.model.constructor.name : data.model) + ", not as a Blob");
	// The damaged records hold bytes, as pages before the Blob stored them: get reads both.
	const model = new Uint8Array(await data.model.arrayBuffer());
	const desc = JSON.parse(meta);
	const newer = (nid) => JSON.stringify({...desc, id: nid, name: "damaged " + nid, updated: desc.updated + 60000});
	const flipped = model.slice();
	flipped[flipped.length >> 1] ^= 0xff;
	const badSettings = JSON.parse(data.data);
	badSettings.config.units = 0;
	const w = db.transaction(["meta", "data"], "readwrite");
	const put = (nid, m, d) => {
		if (m !== undefined) w.objectStore("meta").put(m, nid);
		if (d !== undefined) w.objectStore("data").put(d, nid);
	};
	put("model-string", newer("model-string"), {data: data.data, model: "not bytes at all"});
	put("model-number", newer("model-number"), {data: data.data, model: 42});
	put("model-arraybuffer", newer("model-arraybuffer"), {data: data.data, model: model.buffer.slice(0)});
	put("model-corrupt", newer("model-corrupt"), {data: data.data, model: flipped});
	put("settings-bad", newer("settings-bad"), {data: JSON.stringify(badSettings), model});
	put("meta-garbage", "{\"id\": \"meta-garbage\", not json", data);
	put("meta-number", 12345, data);
	put("orphan", undefined, data);
	put("no-data", newer("no-data"), undefined);
	await new Promise((ok, fail) => { w.oncomplete = ok; w.onabort = () => fail(w.error); });
	db.close();
	localStorage.setItem("fabulist-draft", "garbage{");
	return {id, data: data.data.length, model: model.byteLength};
})()`

// storedKeys lists what IndexedDB and localStorage hold: "meta:a,b data:a,b draft:true".
const storedKeys = `(async () => {
	const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
	const db = await req(indexedDB.open("fabulist", 1));
	const t = db.transaction(["meta", "data"]);
	const meta = await req(t.objectStore("meta").getAllKeys()), data = await req(t.objectStore("data").getAllKeys());
	db.close();
	return "meta:" + meta.join(",") + " data:" + data.join(",") + " draft:" + (localStorage.getItem("fabulist-draft") !== null);
})()`

// Damaged storage is reported, never fatal, never silent: records of every kind of damage are
// listed as damaged with a reason and their size, Delete frees them, and the healthy workspace
// saved beside them reopens and resumes.
func TestDamagedStorageIsListedAndTheHealthyWorkspaceStillOpens(t *testing.T) {
	p := openStudio(t, 5*time.Minute)
	ready(p)
	text := strings.Repeat(shortStory, 12)
	tinyRun(p, text, 2)
	// Stopped in its second epoch, so that it can resume after the reload.
	p.js(`new MutationObserver((_, obs) => {
		if (+document.getElementById("samples").dataset.count >= 1) { document.getElementById("stop").click(); obs.disconnect(); }
	}).observe(document.body, {subtree: true, attributes: true, childList: true})`)
	p.do(clickID("train"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "stopped" &&
		document.querySelector("#workspaces li.ws.current .ws-detail").innerText.includes("epoch 2/2")`)

	sizes, err := chromedp.Run(p.ctx, chromedp.Evaluate[struct {
		ID          string
		Data, Model int
	}](damageStorage, chromedp.EvalAwaitPromise))
	if err != nil {
		p.fail(fmt.Errorf("damaging the records: %v", err))
	}
	whole := sizes.Data + sizes.Model
	want := []struct {
		id, reason string
		atLeast    int // bytes
	}{
		{"model-string", "the model is not bytes but a string", sizes.Data},
		{"model-number", "the model is not bytes but a number", sizes.Data},
		{"model-arraybuffer", "the model is not bytes but an ArrayBuffer", whole},
		{"model-corrupt", "the model is corrupted (its checksum does not match)", whole},
		{"settings-bad", "its settings are invalid (units must be", whole},
		{"meta-garbage", "its description does not parse", whole},
		{"meta-number", "its description is not text but a number", whole},
		{"orphan", "its description is missing", whole},
		{"no-data", "its text and model are missing", 100},
		{"fabulist-draft", "it does not parse", len("garbage{")},
	}

	p.do(chromedp.Reload())
	listed := `[...document.querySelectorAll("#workspaces li.ws")].map(li => li.id +
		(li.dataset.reason ? " (" + li.dataset.reason + ", " + li.dataset.bytes + " bytes)" : "")).join("; ") +
		" | error: " + (document.getElementById("error") || {}).innerText`
	// Descriptions are checked as they are listed, data records by a scan in the background that
	// lists them again: wait until every damaged record shows its reason and size.
	var conds []string
	for _, w := range want {
		conds = append(conds, fmt.Sprintf(`(r => r && r.classList.contains("damaged") && r.dataset.reason.startsWith(%q) && +r.dataset.bytes >= %d &&
			r.querySelector(".ws-detail").innerText.includes(%q))(document.getElementById(%q))`, w.reason, w.atLeast, w.reason, "ws-"+w.id))
	}
	p.waitJSFor(fmt.Sprintf(`document.querySelectorAll("#workspaces li.ws.damaged").length === %d && %s`, len(want), strings.Join(conds, " && ")),
		time.Minute, listed)
	// The newest healthy workspace reopened, past the newer damaged ones, and nothing else did.
	p.waitJSFor(`document.getElementById("progress").dataset.phase === "stopped" && document.getElementById("corpus").value.length > 0`,
		time.Minute, listed)
	if got := evalAs[string](p, `document.querySelector("#workspaces li.ws.current").id`); got != "ws-"+sizes.ID {
		t.Errorf("the workspace open after reload is %s; want ws-%s", got, sizes.ID)
	}
	if corpusValue(p) != text {
		t.Error("the reopened workspace's text differs from the one saved")
	}
	p.screenshot("storage-damaged")

	// Delete frees each: both its records, or the draft.
	for range want {
		p.js(`document.querySelector("#workspaces li.ws.damaged .ws-delete").click()`)
		p.waitJS(`document.querySelector("#workspaces li.ws.damaged .ws-yes") !== null`)
		n := evalAs[int](p, `document.querySelectorAll("#workspaces li.ws.damaged").length`)
		p.js(`document.querySelector("#workspaces li.ws.damaged .ws-yes").click()`)
		p.waitJSFor(fmt.Sprintf(`document.querySelectorAll("#workspaces li.ws.damaged").length === %d`, n-1), time.Minute, listed)
	}
	keys, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](storedKeys, chromedp.EvalAwaitPromise))
	if err != nil {
		p.fail(err)
	}
	if want := fmt.Sprintf("meta:%s data:%s draft:false", sizes.ID, sizes.ID); keys != want {
		t.Errorf("after deleting the damaged records the storage holds %s; want %s", keys, want)
	}

	p.do(clickID("resume"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	p.do(chromedp.Reload())
	p.waitJSFor(`document.getElementById("progress") && document.getElementById("progress").dataset.phase === "done" &&
		document.querySelectorAll("#workspaces li.ws").length === 1`, time.Minute, listed)
}
