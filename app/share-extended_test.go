package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/share"
)

// TestShareLinkCarriesMeterAndWeights: the sender's least copied run and weights choice travel
// in the link (version 3, see share.ExtendedVersion); whoever opens it measures and writes with
// them: the meter's field shows the run and the weights' select the choice. A link of a studio
// left at the defaults stays version 1, and opening it puts the defaults back.
func TestShareLinkCarriesMeterAndWeights(t *testing.T) {
	st, _ := newTestStore(t)
	st.setText("the fox and the crow")
	st.clipboard = func(string, func(bool)) bool { return false }
	st.share(nil, false)
	plain := st.v.Share
	if !strings.HasPrefix(plain, "#s=1.") {
		t.Fatalf("a studio at the defaults made %.6q; want a version-1 link", plain)
	}

	st.setMinCopied("3")
	st.v.Weights = lm.WeightsLatest
	st.share(nil, false)
	if !strings.HasPrefix(st.v.Share, "#s=3.") {
		t.Fatalf("with a least run and the latest weights the link is %.6q; want version 3", st.v.Share)
	}
	fresh, _ := newTestStore(t)
	fresh.openAddress(addressNote{Fragment: st.v.Share})
	if fresh.v.Error != "" || fresh.v.MinCopied != 3 || fresh.v.Weights != lm.WeightsLatest {
		t.Fatalf("opened: error %q, least run %d, weights %q; want 3 and latest", fresh.v.Error, fresh.v.MinCopied, fresh.v.Weights)
	}
	html := app.HTMLString(&Studio{v: fresh.v})
	// go-app writes an element's attributes in map order, so the option is found whole.
	if opt := regexp.MustCompile(`<option[^>]*value="latest"[^>]*>`).FindString(html); !regexp.MustCompile(`\sselected(\s|>)`).MatchString(opt) {
		t.Errorf("the weights' select shows %s; want the latest weights chosen", opt)
	}
	if field := regexp.MustCompile(`<input[^>]*id="copied-min"[^>]*>`).FindString(html); !strings.Contains(field, `value="3"`) {
		t.Errorf("the meter's field is %s; want it to show 3", field)
	}

	// A receiver who set their own gets the link's, defaults included.
	fresh.openAddress(addressNote{Fragment: plain})
	if fresh.v.MinCopied != 0 || fresh.v.Weights != "" {
		t.Errorf("a version-1 link left least run %d, weights %q; want the defaults", fresh.v.MinCopied, fresh.v.Weights)
	}

	if p, err := share.Decode(st.v.Share); err != nil || p.MinCopied != 3 || p.Weights != lm.WeightsLatest {
		t.Errorf("the link decodes to %v, least run %d, weights %q", err, p.MinCopied, p.Weights)
	}
}

// TestDemoCarriesTheMetersLeastRun: a published demo's least copied run (its page's meta tag)
// is the one its viewers measure with; one out of range is left alone.
func TestDemoCarriesTheMetersLeastRun(t *testing.T) {
	for _, c := range []struct{ tag, want int }{{3, 3}, {0, 0}, {lm.MaxMinCopied + 1, 0}, {-2, 0}} {
		st, _ := newTestStore(t)
		st.onDemo(nil, app.Action{Value: demoFetched{Text: "the fox", MinCopied: c.tag}})
		if st.v.MinCopied != c.want {
			t.Errorf("a demo with %d: least run %d; want %d", c.tag, st.v.MinCopied, c.want)
		}
	}
}
