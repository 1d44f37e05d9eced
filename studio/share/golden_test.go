package share

import (
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/v1.json from what this code decodes of testdata/v1.link")

// TestGoldenLink: testdata/v1.link is a version-1 link as the studio made them (a Korean prompt
// and text, stateful generation, two workers); it is never rewritten. testdata/v1.json is what it
// must decode to: the settings, seeds and text that reproduce its story. go test -update rewrites
// v1.json; review its diff, since a change there changes what people's links mean.
func TestGoldenLink(t *testing.T) {
	link, err := os.ReadFile("testdata/v1.link")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Decode(strings.TrimSpace(string(link)))
	if err != nil {
		t.Fatalf("the version-1 link no longer opens: %v", err)
	}
	got, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile("testdata/v1.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/v1.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("v1.link decodes to\n%s\nwant (testdata/v1.json)\n%s\n(go test -update rewrites it: review the diff)", got, want)
	}
}
