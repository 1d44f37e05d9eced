package share

import (
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/v*.json from what this code decodes of testdata/v*.link")

// TestGoldenLink: testdata/v1.link is a version-1 link as the studio made them (a Korean prompt
// and text, stateful generation, two workers), and testdata/v2.link a version-2 link as it makes
// them with a quiz (Korean, an emoji, a line break and quotes in its questions and answers), and
// testdata/v3.link a version-3 link, a quiz shared in quiz mode, and testdata/v4.link a
// version-4 link, that quiz with a question rewritten by hand; they are never rewritten.
// testdata/v1.json, v2.json, v3.json and v4.json are what they must decode to: the settings,
// seeds, text and questions that reproduce what was shared. go test -update rewrites the .json
// files; review their diff, since a change there changes what people's links mean.
func TestGoldenLink(t *testing.T) {
	for _, name := range []string{"v1", "v2", "v3", "v4"} {
		t.Run(name, func(t *testing.T) {
			link, err := os.ReadFile("testdata/" + name + ".link")
			if err != nil {
				t.Fatal(err)
			}
			p, err := Decode(strings.TrimSpace(string(link)))
			if err != nil {
				t.Fatalf("the %s link no longer opens: %v", name, err)
			}
			got, err := json.MarshalIndent(p, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			if *update {
				if err := os.WriteFile("testdata/"+name+".json", got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile("testdata/" + name + ".json")
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("%s.link decodes to\n%s\nwant (testdata/%s.json)\n%s\n(go test -update rewrites it: review the diff)", name, got, name, want)
			}
		})
	}
}
