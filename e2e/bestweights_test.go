package e2e

import (
	"strings"
	"testing"
	"time"
)

// overfitStory ends in a sentence unlike the fables before it: the validation windows come from
// its end, so that their loss falls at first and then rises as the model learns the fables.
var overfitStory = strings.Repeat(shortStory, 6) + "A quick brown dog jumps over lazy wolves, zebras and kings; quiet vixens hum. "

// TestBestWeightsInThePage: a run with validation checks within its epochs marks the best check
// on the loss chart; the model writes with its weights until the user picks the latest, and the
// candidates change with the choice.
func TestBestWeightsInThePage(t *testing.T) {
	p := openStudio(t, 4*time.Minute)
	ready(p)
	p.do(
		setField("preset", "quick"),
		setField("units", "16"), setField("embedding", "8"), setField("seq_length", "10"),
		setField("epochs", "3"), setField("batch", "32"), setField("lr", "0.03"), setField("val_checks", "4"),
		pasteText(overfitStory),
	)
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	p.do(clickID("train"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	p.waitJS(`document.getElementById("best-mark").dataset.batch > 0`)
	best := evalAs[int](p, `Number(document.getElementById("best-mark").dataset.batch)`)
	label := evalAs[string](p, `document.getElementById("weights-choice").selectedOptions[0].text`)
	if !strings.HasPrefix(label, "best validation (") {
		t.Errorf("the weights' select shows %q; want the best check's", label)
	}
	p.waitJS(`document.getElementById("candidates").dataset.count > 0`)
	withBest := evalAs[string](p, `document.getElementById("candidates").innerText`)
	p.do(setField("weights-choice", "latest"))
	p.waitJSFor(`document.getElementById("candidates").innerText !== `+jsString(withBest), 30*time.Second,
		`"best at batch " + document.getElementById("best-mark").dataset.batch + "; candidates: " + document.getElementById("candidates").innerText`)
	t.Logf("best check after batch %d", best)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", "$", `\$`)
	return "`" + r.Replace(s) + "`"
}
