package e2e

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fabulist/server"
)

// TestPermissionsPolicyAsTheBrowserReadsIt loads the studio under its security headers and asks
// Chromium what they mean: each feature the policy names is denied to the page, but
// clipboard-write, which "Copy a share link" uses. Features this build of Chromium lacks (Web
// Share and Bluetooth on Linux) are listed, not failed: other platforms have them.
func TestPermissionsPolicyAsTheBrowserReadsIt(t *testing.T) {
	p := openStudio(t, time.Minute)
	ready(p)
	known := evalAs[[]string](p, `document.featurePolicy.features()`)
	var absent []string
	for _, entry := range strings.Split(server.PermissionsPolicy, ", ") {
		feature, allow, _ := strings.Cut(entry, "=")
		if !slices.Contains(known, feature) {
			absent = append(absent, feature)
			continue
		}
		allowed := evalAs[bool](p, `document.featurePolicy.allowsFeature("`+feature+`")`)
		if want := allow == "(self)"; allowed != want {
			t.Errorf("%s: allowed %v; want %v (policy %s)", feature, allowed, want, allow)
		}
	}
	for _, feature := range []string{"camera", "microphone", "geolocation", "usb", "serial", "payment"} {
		if !slices.Contains(known, feature) {
			t.Errorf("Chromium does not know %s; it knows %v", feature, known)
		} else if evalAs[bool](p, `document.featurePolicy.allowsFeature("`+feature+`")`) {
			t.Errorf("%s is allowed to the page; want it denied", feature)
		}
	}
	if !evalAs[bool](p, `document.featurePolicy.allowsFeature("clipboard-write")`) {
		t.Error(`clipboard-write is denied; "Copy a share link" needs it`)
	}
	if len(absent) > 0 {
		t.Logf("this Chromium lacks %v, named in the policy for other platforms", absent)
	}
}
