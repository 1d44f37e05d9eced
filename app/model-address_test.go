package app

import (
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// TestModelAddressLink: a hosted model's address makes PAGE#model=ADDRESS; what cannot be fetched
// from a page, or would leak or mislead, is refused with a reason in a user's words.
func TestModelAddressLink(t *testing.T) {
	const page, local = "https://fabulist.example/", "http://127.0.0.1:8000/"
	for _, c := range []struct {
		hosted, link, err string
	}{
		{"http://127.0.0.1:8080/m.fab", "", "only in a studio served from this computer"},
		{"http://localhost/m.fab", "", "only in a studio served from this computer"},
		{"https://raw.githubusercontent.com/me/fables/main/fox.fab", page + "#model=https://raw.githubusercontent.com/me/fables/main/fox.fab", ""},
		{"  https://me.github.io/m.fab\n", page + "#model=https://me.github.io/m.fab", ""},
		{"https://host.example/토끼.fab", page + "#model=https://host.example/%ED%86%A0%EB%81%BC.fab", ""},
		{"https://host.example/a b.fab?v=2", page + "#model=https://host.example/a%20b.fab?v=2", ""},
		{"", "", "paste the address"},
		{"http://host.example/m.fab", "", "https://"},
		{"ftp://host.example/m.fab", "", "https://"},
		{"http://127.0.0.1:8080/m.fab", local + "#model=http://127.0.0.1:8080/m.fab", ""},
		{"http://localhost/m.fab", local + "#model=http://localhost/m.fab", ""},
		{"http://[::1]:9/m.fab", local + "#model=http://[::1]:9/m.fab", ""},
		{"model.fab", "", "is not a web address"},
		{"https:///m.fab", "", "is not a web address"},
		{"https://me:secret@host.example/m.fab", "", "user name or password"},
		{"https://host.example/m.fab#top", "", "fragment"},
		{"https://github.com/me/fables/blob/main/fox.fab", "", "raw.githubusercontent.com"},
		{"https://gist.github.com/me/0123abcd", "", "gist.githubusercontent.com"},
		{"https://host.example/" + strings.Repeat("a", maxModelAddress), "", "at most 2048"},
		{"https://host.example/%zz.fab", "", "is not a web address"},
		{"https://host.example/" + strings.Repeat("a ", 700), "", "once escaped"},
	} {
		t.Run(c.hosted, func(t *testing.T) {
			link, err := ModelAddressLink(page, c.hosted)
			if strings.HasPrefix(c.hosted, "http://") && c.err == "" {
				link, err = ModelAddressLink(local, c.hosted)
			}
			switch {
			case c.err == "" && (err != nil || link != c.link):
				t.Errorf("got %q, %v; want %q", link, err, c.link)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err) || link != ""):
				t.Errorf("got %q, %v; want an error saying %q", link, err, c.err)
			}
		})
	}
}

// TestAddressLinkOnShow: the share panel shows the model link in address-link-url, with its kind
// and length, or says why there is none.
func TestAddressLinkOnShow(t *testing.T) {
	st, _ := newTestStore(t)
	st.addressLink("https://fabulist.example/", "https://me.github.io/m.fab")
	want := "https://fabulist.example/#model=https://me.github.io/m.fab"
	if st.v.Address.Link != want || st.v.Address.Bytes != len(want) {
		t.Fatalf("link %q (%d bytes); want %q (%d)", st.v.Address.Link, st.v.Address.Bytes, want, len(want))
	}
	html := app.HTMLString(&Studio{v: st.v})
	for _, s := range []string{`id="address-link-url"`, `data-kind="address"`, `data-bytes="` + itoa(len(want)) + `"`, `value="` + want + `"`} {
		if !strings.Contains(html, s) {
			t.Errorf("the page lacks %s", s)
		}
	}
	st.addressLink("https://fabulist.example/", "https://github.com/me/f/blob/main/m.fab")
	if st.v.Address.Link != "" || !strings.Contains(st.v.Address.Msg, "raw.githubusercontent.com") {
		t.Errorf("a GitHub page's address: link %q, message %q", st.v.Address.Link, st.v.Address.Msg)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestModelLinkOpensTheModelOrChangesNothing: a model link's file is fetched, then opened by the
// worker as an opened file is, once it is ready; the workspace reopening as the page loads is
// answered first and the model replaces it. A file that cannot be fetched, or that the worker
// refuses, is said so, naming the address, and leaves the workspace the page reopened.
func TestModelLinkOpensTheModelOrChangesNothing(t *testing.T) {
	const addr = "https://me.github.io/m.fab"
	open := func(t *testing.T) (*store, *[]proto.Message, int) {
		st, sent := newTestStore(t)
		var asked []string
		st.fetchModel = func(a string) demoFetched { asked = append(asked, a); return demoFetched{} }
		st.receive(proto.Message{Kind: proto.Ready})
		st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w", Updated: 1}}})
		reopen := st.reopen
		st.openAddress(addressNote{Fragment: ModelFragment + addr})
		if st.v.Error != "" || st.fetching != addr || !strings.Contains(st.v.ShareMsg, "Fetching the model at "+addr) {
			t.Fatalf("error %q, fetching %q, message %q; want %s fetched", st.v.Error, st.fetching, st.v.ShareMsg, addr)
		}
		if st.reopen != reopen {
			t.Fatalf("the workspace reopening as the page loads was dropped for a model still to fetch")
		}
		return st, sent, reopen
	}
	imported := func(sent []proto.Message) (proto.Message, bool) {
		for _, m := range sent {
			if m.Kind == proto.Import {
				return m, true
			}
		}
		return proto.Message{}, false
	}

	t.Run("opens", func(t *testing.T) {
		st, sent, reopen := open(t)
		st.onDemo(nil, app.Action{Value: demoFetched{Address: addr}})
		imp, ok := imported(*sent)
		if !ok || imp.Seq != st.demoSeq || st.reopen != reopen {
			t.Fatalf("Import %+v (found %v), reopen %d (was %d); want the file posted and the reopening kept", imp, ok, st.reopen, reopen)
		}
		st.receive(proto.Message{Kind: proto.Opened, Seq: reopen, Text: "an old text", HasModel: true, Level: lm.Word})
		n := len(*sent)
		st.receive(proto.Message{Kind: proto.Imported, Seq: imp.Seq, Config: &lm.Config{}, History: &lm.History{}, Level: lm.Char, State: proto.Done})
		if !st.v.HasModel || st.v.Level != lm.Char || !strings.Contains(st.v.ShareMsg, "Opened the model at "+addr) {
			t.Errorf("model %v, level %q, message %q; want the link's model open", st.v.HasModel, st.v.Level, st.v.ShareMsg)
		}
		asked := false
		for _, m := range (*sent)[n:] {
			asked = asked || m.Kind == proto.SampleNow
		}
		if !asked {
			t.Error("the link's model was not asked for samples")
		}
	})
	t.Run("a question model", func(t *testing.T) {
		st, sent, _ := open(t)
		st.onDemo(nil, app.Action{Value: demoFetched{Address: addr}})
		imp, _ := imported(*sent)
		st.receive(proto.Message{Kind: proto.Imported, Seq: imp.Seq, QAModel: &proto.QAModelInfo{Arch: "default"}})
		if st.v.QA.Model == nil || !strings.Contains(st.v.ShareMsg, "Opened the model at") {
			t.Errorf("question model %v, message %q", st.v.QA.Model, st.v.ShareMsg)
		}
	})
	t.Run("not fetched", func(t *testing.T) {
		st, sent, reopen := open(t)
		st.onDemo(nil, app.Action{Value: modelFetchFailed(addr, "the host answered 404 Not Found")})
		if _, ok := imported(*sent); ok || st.reopen != reopen {
			t.Errorf("a file that was not fetched was posted, or the reopening dropped")
		}
		if want := "The model at " + addr + " could not be fetched: the host answered 404 Not Found. Nothing was changed."; st.v.Error != want {
			t.Errorf("error %q; want %q", st.v.Error, want)
		}
	})
	t.Run("refused by the worker", func(t *testing.T) {
		st, sent, reopen := open(t)
		st.onDemo(nil, app.Action{Value: demoFetched{Address: addr}})
		imp, _ := imported(*sent)
		st.receive(proto.Message{Kind: proto.Opened, Seq: reopen, Text: "an old text", HasModel: true, Level: lm.Word})
		st.receive(proto.Message{Kind: proto.Error, Seq: imp.Seq, Error: "that model file is corrupted (its checksum does not match); the current model is unchanged"})
		if !strings.HasPrefix(st.v.Error, "The model at "+addr+" could not be opened: that model file is corrupted") {
			t.Errorf("error %q", st.v.Error)
		}
		if st.text != "an old text" || !st.v.HasModel || st.v.Level != lm.Word {
			t.Errorf("the reopened workspace changed: text %q, model %v, level %q", st.text, st.v.HasModel, st.v.Level)
		}
	})
	t.Run("a bad address", func(t *testing.T) {
		st, _ := newTestStore(t)
		st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w", Updated: 1}}})
		reopen := st.reopen
		st.openAddress(addressNote{Fragment: ModelFragment + "http://host.example/m.fab"})
		if !strings.Contains(st.v.Error, "This model link cannot be opened: it must start with https://") || st.fetching != "" || st.reopen != reopen {
			t.Errorf("error %q, fetching %q, reopen %d (was %d)", st.v.Error, st.fetching, st.reopen, reopen)
		}
	})
}

// FuzzModelAddress: whatever a link's fragment holds, checkModelAddress refuses it or gives an
// address it takes again unchanged (so a link the panel makes opens as made), with no fragment,
// no user name, of the schemes it allows, within its length.
func FuzzModelAddress(f *testing.F) {
	for _, s := range []string{"https://raw.githubusercontent.com/me/f/main/m.fab", "http://127.0.0.1:9/m.fab", "https://h/%zz",
		"https://h/토끼 a.fab?x=1#y", "https://u:p@h/m", "javascript:alert(1)", "//h/m.fab", "https://[::1]:8/m", ""} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, local bool) {
		page := "https://fabulist.example/"
		if local {
			page = "http://localhost:8000/"
		}
		addr, err := checkModelAddress(page, s)
		if err != nil {
			if addr != "" {
				t.Fatalf("%q: an address %q with the error %v", s, addr, err)
			}
			return
		}
		again, err := checkModelAddress(page, addr)
		if err != nil || again != addr {
			t.Fatalf("%q gave %q, which gives %q, %v", s, addr, again, err)
		}
		if strings.Contains(addr, "#") || strings.Contains(addr, "@") && strings.Contains(strings.SplitN(addr, "/", 4)[2], "@") ||
			len(addr) > maxModelAddress || !(strings.HasPrefix(addr, "https://") || local && strings.HasPrefix(addr, "http://")) {
			t.Fatalf("%q gave %q", s, addr)
		}
	})
}
