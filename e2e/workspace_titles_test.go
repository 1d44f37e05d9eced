package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestRunsOfOneTextHaveTitlesThatDiffer: two runs of one text, with other units, are listed under
// titles that say so (a trial saw two rows of one title, and could not tell which run was which).
func TestRunsOfOneTextHaveTitlesThatDiffer(t *testing.T) {
	p := openStudio(t, 4*time.Minute)
	ready(p)
	tinyRun(p, strings.Repeat(shortStory, 4), 1)
	p.do(clickID("train"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	p.do(setField("units", "32"))
	p.do(clickID("train")) // a second run, saved as it starts
	p.waitJSFor(`document.getElementById("workspaces").dataset.count === "2" && document.getElementById("progress").dataset.phase === "done"`,
		2*time.Minute, `document.getElementById("progress").dataset.phase + " " + document.getElementById("workspaces").innerText`)
	titles := evalAs[[]string](p, `[...document.querySelectorAll("#workspaces .ws-name")].map((e) => e.textContent)`)
	if len(titles) != 2 || titles[0] == titles[1] || !strings.HasSuffix(titles[0], "· units 32") || !strings.HasSuffix(titles[1], "· units 48") {
		t.Errorf("the list titles the two runs %q; want the newest's ending in units 32, the first's in units 48", titles)
	}
}
