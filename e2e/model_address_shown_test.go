package e2e

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestModelLinkErrorsShowTheAddressDecoded: the browser percent-encodes a page's fragment, and a
// trial read "%20" in the message about a bad #model= address. The messages show the address as
// its owner wrote it, on one line.
func TestModelLinkErrorsShowTheAddressDecoded(t *testing.T) {
	host := modelHost(t, []byte("FABULIST, and no model"), new(atomic.Int64))
	p := openStudio(t, 3*time.Minute)
	ready(p)
	for _, c := range []struct{ hosted, want string }{
		{"not a web address.fab", `"not a web address.fab" is not a web address`},
		{host.URL + "/my models/토끼.fab", "The model at " + host.URL + "/my models/토끼.fab could not be fetched: the host answered 404"},
	} {
		p.js(fmt.Sprintf(`location.hash = %q`, "#model="+c.hosted))
		p.waitJSFor(fmt.Sprintf(`document.querySelector("#error .error-text").textContent.includes(%q)`, c.want), 30*time.Second,
			`document.getElementById("error").innerText`)
		msg := evalAs[string](p, `document.querySelector("#error .error-text").textContent`)
		errorShown(p, c.want) // dismissed, for the next
		if strings.Contains(msg, "%") || strings.Contains(msg, "\n") {
			t.Errorf("the message about %q is %q; want the address decoded, on one line", c.hosted, msg)
		}
	}
}
