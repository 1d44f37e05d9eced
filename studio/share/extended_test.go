package share

import (
	"encoding/json"
	"errors"
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

// TestEditedQuestionsTravelInVersion4: a quiz with a question rewritten by hand is a version-4
// link (a version-3 page would refuse the field it does not know as a broken link, where a
// newer version says to reload), and round-trips with the mark; the mark in a link of an older
// version, or a version-4 link without it, is not a link the studio makes, and is refused.
func TestEditedQuestionsTravelInVersion4(t *testing.T) {
	for _, extended := range []bool{false, true} {
		p := quizSample()
		p.Quiz[1].Edited = true
		p.QuizMode = extended
		link, err := Encode(p)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("#s=%d.", EditedVersion); !strings.HasPrefix(link, want) {
			t.Errorf("quiz mode %v: link starts %.6q; want %q", extended, link, want)
		}
		got, err := Decode(link)
		if err != nil || !reflect.DeepEqual(got, p) {
			t.Fatalf("round trip: %v\n got %+v\nwant %+v", err, got, p)
		}
	}
	edited := quizSample()
	edited.Quiz[0].Edited = true
	withMark, _ := json.Marshal(edited)
	without, _ := json.Marshal(quizSample())
	for _, c := range []struct {
		name    string
		version int
		js      []byte
	}{
		{"version 2 with an edited question", QuizVersion, withMark},
		{"version 3 with an edited question", ExtendedVersion, withMark},
		{"version 4 with none", EditedVersion, without},
	} {
		t.Run(c.name, func(t *testing.T) {
			if p, err := Decode(linkOfVersion(c.version, string(c.js))); !errors.Is(err, ErrBroken) || !reflect.DeepEqual(p, Payload{}) {
				t.Errorf("got %v (%+v); want %v and no payload", err, p, ErrBroken)
			}
		})
	}
	// A page of version 3 reading a version-4 link: what the version check says to it.
	if _, err := Decode(linkOfVersion(EditedVersion+1, string(withMark))); !errors.Is(err, ErrVersion) {
		t.Errorf("a version-5 link: %v; want %v", err, ErrVersion)
	}
}
