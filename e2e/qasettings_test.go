package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestQASettingsAreKeptOverAReload: the question model's training settings come back after a
// reload, as the text generator's do (a trial set Epochs, reloaded, and found the default).
func TestQASettingsAreKeptOverAReload(t *testing.T) {
	p := openStudio(t, 3*time.Minute)
	ready(p)
	p.do(setField("qa-epochs", "5"), setField("qa-examples", "40"), setField("qa-size", "book"))
	p.do(chromedp.Reload())
	ready(p)
	p.waitJSFor(`document.getElementById("qa-epochs").value === "5" && document.getElementById("qa-examples").value === "40" &&
		document.getElementById("qa-size").value === "book"`, 20*time.Second,
		`"epochs=" + document.getElementById("qa-epochs").value + " examples=" + document.getElementById("qa-examples").value +
		" size=" + document.getElementById("qa-size").value`)
}
