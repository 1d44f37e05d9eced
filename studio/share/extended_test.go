package share

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fabulist/model/lm"
)

// TestExtendedFieldsRoundTrip: the weights choice and the meter's least copied run travel in a
// link, which is then version 3 (with or without a quiz); a link that sets neither keeps the
// version it had before them, so older pages still open it.
func TestExtendedFieldsRoundTrip(t *testing.T) {
	for _, c := range []struct {
		name    string
		edit    func(*Payload)
		version int
	}{
		{"nothing newer", func(p *Payload) {}, Version},
		{"quiz alone", func(p *Payload) { *p = quizSample() }, QuizVersion},
		{"latest weights", func(p *Payload) { p.Weights = lm.WeightsLatest }, ExtendedVersion},
		{"best weights said", func(p *Payload) { p.Weights = lm.WeightsBest }, ExtendedVersion},
		{"least copied run", func(p *Payload) { p.MinCopied = 3 }, ExtendedVersion},
		{"both and a quiz", func(p *Payload) {
			*p = quizSample()
			p.Weights, p.MinCopied = lm.WeightsLatest, lm.MaxMinCopied
		}, ExtendedVersion},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := sample()
			c.edit(&p)
			link, err := Encode(p)
			if err != nil {
				t.Fatal(err)
			}
			if want := fmt.Sprintf("#s=%d.", c.version); !strings.HasPrefix(link, want) {
				t.Errorf("link starts %.6q; want %q", link, want)
			}
			got, err := Decode(link)
			if err != nil || !reflect.DeepEqual(got, p) {
				t.Fatalf("round trip: %v\n got %+v\nwant %+v", err, got, p)
			}
		})
	}
}

// TestExtendedFieldsAreChecked: a field added after quizzes is refused in a version-1 or
// version-2 link (a page from before them would refuse it as a newer link's), and out of range
// in any link; Encode refuses to make what Decode refuses.
func TestExtendedFieldsAreChecked(t *testing.T) {
	plain, _ := json.Marshal(sample())
	quiz, _ := json.Marshal(quizSample())
	with := func(js []byte, field string) string {
		return strings.Replace(string(js), `"config":{`, field+`,"config":{`, 1)
	}
	for _, c := range []struct {
		name    string
		version int
		js      string
	}{
		{"version 1 with weights", Version, with(plain, `"weights":"latest"`)},
		{"version 1 with a least copied run", Version, with(plain, `"min_copied":3`)},
		{"version 2 with a least copied run", QuizVersion, with(quiz, `"min_copied":3`)},
		{"version 3 with unknown weights", ExtendedVersion, with(plain, `"weights":"newest"`)},
		{"version 3 with a negative run", ExtendedVersion, with(plain, `"min_copied":-1`)},
		{"version 3 with too long a run", ExtendedVersion, with(plain, fmt.Sprintf(`"min_copied":%d`, lm.MaxMinCopied+1))},
		{"version 3 with a quiz that does not fit", ExtendedVersion,
			strings.Replace(with(quiz, `"min_copied":3`), `"start":`, `"start":1`, 1)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if p, err := Decode(linkOfVersion(c.version, c.js)); err == nil || Reason(err) == "" || !reflect.DeepEqual(p, Payload{}) {
				t.Errorf("got %v (%+v); want a refusal in a user's words and no payload", err, p)
			}
		})
	}
	for _, edit := range []func(*Payload){
		func(p *Payload) { p.Weights = "newest" },
		func(p *Payload) { p.MinCopied = -1 },
		func(p *Payload) { p.MinCopied = lm.MaxMinCopied + 1 },
	} {
		p := sample()
		edit(&p)
		if link, err := Encode(p); err == nil {
			t.Errorf("Encode(weights %q, least run %d) made %.20q…; want an error", p.Weights, p.MinCopied, link)
		}
	}
	// A version-3 link that sets neither field (a field another lane adds, say) still opens.
	if _, err := Decode(linkOfVersion(ExtendedVersion, string(plain))); err != nil {
		t.Errorf("a version-3 link with no newer field: %v", err)
	}
}
