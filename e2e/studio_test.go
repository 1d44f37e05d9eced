package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const shortStory = `The fox saw the grapes and said they were sour. The crow dropped a pebble into the well. ` +
	`The owl led the boy home in the dark. The tortoise won the race because he never stopped. `

// setField types a value into a settings field as a person would and commits it.
func setField(id, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.value = %q;
		e.dispatchEvent(new Event("change", {bubbles: true})); })()`, id, value))
}

// chooseSample picks a sample text once the list of samples, which the page fetches after it
// loads, offers it: setting a select's value to an option it lacks selects nothing.
func chooseSample(p *page, name string) {
	p.t.Helper()
	p.waitJS(fmt.Sprintf(`[...document.getElementById("sample").options].some((o) => o.value === %q)`, name))
	p.do(setField("sample", name))
}

func pasteText(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const e = document.getElementById("corpus"); e.value = %q;
		e.dispatchEvent(new Event("input", {bubbles: true})); })()`, text))
}

// clickID clicks a button through the DOM: a mouse click at coordinates can land elsewhere when
// the layout shifts between aiming and clicking (answers from the worker keep arriving).
func clickID(id string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById(%q).click()`, id))
}

func ready(p *page) {
	p.do(chromedp.Navigate(p.url))
	p.waitJS(`document.getElementById("train") && !document.getElementById("train").disabled`)
}

// trainTinyWordModel trains, in the page, a word model of a few units on shortStory for one
// epoch, and waits until it is done.
func trainTinyWordModel(p *page) {
	p.do(
		setField("preset", "book"),
		setField("units", "24"), setField("embedding", "8"), setField("seq_length", "8"),
		setField("epochs", "1"), setField("batch", "16"),
		pasteText(strings.Repeat(shortStory, 6)),
	)
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	p.do(clickID("train"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
}

func TestTrainSampleGenerateAndWrite(t *testing.T) {
	p := openStudio(t, 4*time.Minute)
	ready(p)
	if status := evalAs[string](p, `document.getElementById("status").innerText`); !strings.Contains(status, "SIMD") {
		t.Errorf("the worker does not use the SIMD kernels: %q", status)
	}
	p.do(
		setField("preset", "quick"),
		setField("units", "24"), setField("embedding", "8"), setField("seq_length", "12"),
		setField("epochs", "2"), setField("batch", "16"),
		pasteText(strings.Repeat(shortStory, 6)),
	)
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	p.do(chromedp.Click(chromedp.ID("train")))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)

	points := evalAs[int](p, `+document.getElementById("loss-chart").dataset.points`)
	samples := evalAs[int](p, `+document.getElementById("samples").dataset.count`)
	if points < 2 || samples != 2 {
		t.Errorf("after two epochs: %d chart points and %d sample sets; want ≥2 and 2", points, samples)
	}
	epoch := evalAs[string](p, `document.getElementById("progress").dataset.epoch`)
	if epoch != "2" {
		t.Errorf("progress data-epoch = %q; want 2", epoch)
	}

	// Candidates follow the prompt while there is no output yet.
	p.waitJS(`document.querySelectorAll("#candidates button[data-token]").length === 10`)
	p.do(chromedp.SendKeys(chromedp.ID("prompt"), "the fox"), setField("gen-n", "20"))
	p.waitJS(`document.getElementById("candidates").dataset.count === "10"`)

	// Generate, then write with the candidates.
	p.do(chromedp.Click(chromedp.ID("generate")))
	p.waitJS(`document.getElementById("output").value.length > "the fox".length`)
	p.waitJS(`document.querySelectorAll("#candidates button[data-token]").length === 10`)
	// Read the token and click its button at once, the token first: candidates change as the
	// model's answers arrive, and a redraw during the click would retag the button.
	pair := evalAs[[]string](p, `(() => { const b = document.querySelector("#candidates button[data-token]");
		const before = document.getElementById("output").value, token = b.dataset.token; b.click(); return [before, token]; })()`)
	before, token := pair[0], pair[1]
	p.waitJS(fmt.Sprintf(`document.getElementById("output").value !== %q`, before))
	after := evalAs[string](p, `document.getElementById("output").value`)
	if after != before+token {
		t.Errorf("clicking %q turned %q into %q", token, before, after)
	}

	// Text of one's own that the model does not know is added, and the page says so (a trial's
	// "dragon" was added without a word while the model read past it). The quick preset's model
	// reads characters: the fox is the one it does not know.
	p.do(chromedp.SendKeys(chromedp.ID("own-word"), "fox🦊"), chromedp.Click(chromedp.ID("add-word")))
	p.waitJSFor(`document.getElementById("own-unknown") && document.getElementById("output").value.endsWith("fox🦊")`, 20*time.Second,
		`document.getElementById("output").value.slice(-40)`)
	if note := evalAs[string](p, `document.getElementById("own-unknown").innerText`); !strings.Contains(note, `does not know "🦊"`) {
		t.Errorf("the note says %q", note)
	}
	p.screenshot("trained")
}
