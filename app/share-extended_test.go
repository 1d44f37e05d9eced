package app

import (
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
	if fresh.v.Error != "" || fresh.v.MinCopied != 3 || fresh.v.Weights != lm.WeightsLatest || fresh.v.Form.MinCopied != "3" {
		t.Fatalf("opened: error %q, least run %d (field %q), weights %q; want 3 and latest",
			fresh.v.Error, fresh.v.MinCopied, fresh.v.Form.MinCopied, fresh.v.Weights)
	}
	html := app.HTMLString(&Studio{v: fresh.v})
	if !strings.Contains(html, `<option value="latest" selected>`) {
		t.Errorf("the weights' select does not show the latest weights chosen")
	}

	// A receiver who set their own gets the link's, defaults included.
	fresh.openAddress(addressNote{Fragment: plain})
	if fresh.v.MinCopied != 0 || fresh.v.Weights != "" || fresh.v.Form.MinCopied != "" {
		t.Errorf("a version-1 link left least run %d (field %q), weights %q; want the defaults",
			fresh.v.MinCopied, fresh.v.Form.MinCopied, fresh.v.Weights)
	}

	if p, err := share.Decode(st.v.Share); err != nil || p.MinCopied != 3 || p.Weights != lm.WeightsLatest {
		t.Errorf("the link decodes to %v, least run %d, weights %q", err, p.MinCopied, p.Weights)
	}
}
