package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/proto"
)

// A model link's address comes percent-encoded, as the browser spells the page's fragment; a
// trial saw "%20" in the message about a bad one. Every message about a link's address shows it
// as its owner wrote it, decoded, on one line; what does not decode to printable text stays as
// the link spells it.
func TestModelLinkMessagesShowTheAddressDecoded(t *testing.T) {
	for _, tc := range []struct {
		name, frag string
		want       string // in the banner
		not        string // nowhere in it
	}{
		{"not an address", ModelFragment + "my%20model%20file.fab", `"my model file.fab" is not a web address`, "%20"},
		{"Korean", ModelFragment + "%ED%86%A0%EB%81%BC.fab", `"토끼.fab" is not a web address`, "%ED"},
		{"a newline stays escaped", ModelFragment + "a%0Ab.fab", `"a%0Ab.fab" is not a web address`, "\n"},
		{"not UTF-8", ModelFragment + "a%FFb", `"a%FFb" is not a web address`, "\uFFFD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, _ := newTestStore(t)
			st.openAddress(addressNote{Fragment: tc.frag})
			if msg := st.v.Error; !strings.Contains(msg, tc.want) || strings.Contains(msg, tc.not) || strings.Contains(msg, "\n") {
				t.Errorf("got %q; want it to hold %q, and neither %q nor a line break", msg, tc.want, tc.not)
			}
		})
	}

	t.Run("fetched", func(t *testing.T) {
		const link = "https://me.example/my%20models/%ED%86%A0%EB%81%BC.fab"
		const shown = "https://me.example/my models/토끼.fab"
		st, _ := newTestStore(t)
		st.fetchModel = func(a string) demoFetched { return modelFetchFailed(a, "the host answered 404 Not Found") }
		st.receive(proto.Message{Kind: proto.Ready})
		st.openAddress(addressNote{Fragment: ModelFragment + link})
		if !strings.Contains(st.v.ShareMsg, "Fetching the model at "+shown+"…") {
			t.Errorf("while fetching: got %q; want the address shown as %q", st.v.ShareMsg, shown)
		}
		if st.fetching != link {
			t.Errorf("fetching %q; want %q, as the link spells it", st.fetching, link)
		}
		st.onDemo(nil, app.Action{Value: st.fetchModel(st.fetching)})
		if msg := st.v.Error; !strings.Contains(msg, "The model at "+shown+" could not be fetched: the host answered 404") {
			t.Errorf("after a 404: got %q; want the address shown as %q", msg, shown)
		}
	})
}
