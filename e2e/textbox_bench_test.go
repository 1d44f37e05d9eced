package e2e

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// textOf builds, in the page, a text of about n UTF-8 bytes: Latin (English words) or Korean
// (Hangul syllables, 3 bytes each, and spaces), in paragraphs of some 600 bytes as real stories
// come.
const textOf = `(kind, n) => {
	const words = kind === "korean"
		? ["토끼와", "거북이가", "경주를", "했다.", "거북이는", "쉬지", "않고", "걸었다.", "여우가", "포도를", "보았다."]
		: ["the", "fox", "saw", "grapes", "and", "said", "they", "were", "sour.", "The", "tortoise", "won", "race."];
	const parts = []; let bytes = 0, para = 0, i = 0;
	while (bytes < n) {
		const w = words[i++ % words.length];
		const wb = kind === "korean" ? 3 * w.replace(/[ .]/g, "").length + (w.endsWith(".") ? 1 : 0) : w.length;
		parts.push(w); bytes += wb + 1; para += wb + 1;
		if (para > 600) { parts.push("\n\n"); bytes += 2; para = 0; } else { parts.push(" "); }
	}
	return parts.join("");
}`

// TestTextBoxFigures measures how long this Chromium takes to show a text in the studio's text
// box: the time from setting the textarea's value to the end of the next frame, for Latin and
// Korean texts of growing size, and how fast four ways of counting a string's UTF-8 bytes are.
// The text box's limit (app.MaxBoxBytes) comes from these figures. It is a benchmark, not a test:
// it runs only with FABULIST_BENCH_TEXTBOX=1 and asserts nothing about speed.
func TestTextBoxFigures(t *testing.T) {
	if os.Getenv("FABULIST_BENCH_TEXTBOX") == "" {
		t.Skip("a benchmark: run it with FABULIST_BENCH_TEXTBOX=1")
	}
	p := openStudio(t, 20*time.Minute)
	ready(p)
	p.js(`window.__textOf = ` + textOf)
	// Each figure is the median of three runs (the machine is shared), less the same for an empty
	// text. "value" sets the textarea's value, as the page does for a file or a sample; "range"
	// puts it in with setRangeText, as the page does for a paste larger than nativePasteBytes;
	// "paste" inserts it as the browser's own paste does (the editing path, with undo); "key"
	// types one character at the end of a box that already holds the text.
	measure := `async (kind, n, how) => {
		const area = document.getElementById("corpus");
		const s = window.__textOf(kind, n);
		const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
		const put = (v) => {
			switch (how) {
			case "value": area.value = v; return;
			case "range": area.setRangeText(v, 0, area.value.length, "end"); return;
			case "paste": area.focus(); area.select(); document.execCommand(v ? "insertText" : "delete", false, v); return;
			case "key": area.focus(); area.setSelectionRange(area.value.length, area.value.length);
				document.execCommand("insertText", false, "a"); return;
			}
		};
		const time = async (v) => {
			const runs = [];
			for (let k = 0; k < 3; k++) {
				area.value = how === "key" ? v : ""; await frame(); await frame();
				const t0 = performance.now();
				put(v);
				await frame();
				runs.push(performance.now() - t0);
			}
			runs.sort((a, b) => a - b);
			return runs[1];
		};
		const base = await time("");
		const full = await time(s);
		area.value = ""; await frame();
		return [new TextEncoder().encode(s).length, s.length, full - base, base];
	}`
	fmt.Println("text box: time from putting a text in to the end of the next frame (median of 3, less an empty text's)")
	sizes := map[string][]int{"value": {16, 32, 48, 64, 96, 128, 256, 512, 1024}, "range": {16, 64, 256},
		"paste": {2, 4, 8, 16, 32, 64, 128}, "key": {16, 64, 256}}
	for _, how := range []string{"value", "range", "paste", "key"} {
		for _, kind := range []string{"latin", "korean"} {
			for _, kb := range sizes[how] {
				r := evalAwait[[]float64](p, fmt.Sprintf(`(%s)(%q, %d, %q)`, measure, kind, kb<<10, how))
				fmt.Printf("  %-5s %-6s %6.0f KB UTF-8 (%7.0f UTF-16 units): %6.0f ms (empty %.0f ms)\n", how, kind, r[0]/1024, r[1], r[2], r[3])
			}
		}
	}
	count := `(kind) => {
		const s = window.__textOf(kind, 5 << 20);
		const loop = (s) => { let n = 0; for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i);
			n += c < 0x80 ? 1 : c < 0x800 ? 2 : (c >= 0xd800 && c < 0xdc00) ? (i++, 4) : 3; } return n; };
		const enc = new TextEncoder(), buf = new Uint8Array(5 << 20);
		const ways = {
			loop: () => loop(s),
			encode: () => enc.encode(s).length,
			encodeInto: () => enc.encodeInto(s, buf).written,
			// As utf8Bytes does it: a megabyte at a time, into one buffer.
			windows: () => { const w = buf.subarray(0, 1 << 20); let n = 0, t = s;
				for (;;) { const r = enc.encodeInto(t, w); n += r.written; if (r.read >= t.length) return n; t = t.slice(r.read); } },
			blob: () => new Blob([s]).size,
		};
		const out = {};
		for (const [name, f] of Object.entries(ways)) {
			f();
			const times = [];
			for (let k = 0; k < 5; k++) { const t0 = performance.now(); out[name + " bytes"] = f(); times.push(performance.now() - t0); }
			times.sort((a, b) => a - b);
			out[name] = times[2];
		}
		return out;
	}`
	for _, kind := range []string{"latin", "korean"} {
		r := evalAs[map[string]float64](p, fmt.Sprintf(`(%s)(%q)`, count, kind))
		fmt.Printf("counting the UTF-8 bytes of a 5 MB %s text (median of 5): loop %.1f ms, TextEncoder.encode %.1f ms, "+
			"encodeInto %.1f ms, by megabytes %.1f ms (%.0f and %.0f of %.0f bytes), Blob %.1f ms\n",
			kind, r["loop"], r["encode"], r["encodeInto"], r["windows"], r["encodeInto bytes"], r["windows bytes"], r["loop bytes"], r["blob"])
	}
}
