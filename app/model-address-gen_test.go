package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/fragment"
	"fabulist/studio/proto"
)

// testLinkGen is a generation as a sender's page has it: a prompt in Korean, settings off the
// defaults, a seed, the latest weights.
func testLinkGen() linkGen {
	o := lm.DefaultGenOptions()
	o.N, o.Temperature, o.TopK, o.Mode, o.IgnoreSeparator = 60, 0.8, 5, lm.GenStateful, true
	return linkGen{Prompt: "토끼와 the owl & the fox?", Gen: o, Seed: 77, Weights: lm.WeightsLatest}
}

// TestModelLinkCarriesItsGeneration: a model link made with a generation reads back as the same
// address and generation, whatever '?', '&', '=', escaped '#' and Korean the address holds; a
// link of the address alone reads as before, without one; an address with a fragment of its own,
// a changed or cut generation, and one from a newer Fabulist are refused, each in its words.
func TestModelLinkCarriesItsGeneration(t *testing.T) {
	const page = "https://fabulist.example/"
	g := testLinkGen()
	for _, hosted := range []string{
		"https://me.github.io/m.fab",
		"https://host.example/get?file=m.fab&v=2&model=x",
		"https://host.example/a%23b.fab?x=%26&y==",
		"https://host.example/토끼.fab",
		"https://host.example/m.fab?#",
	} {
		t.Run(hosted, func(t *testing.T) {
			want, err := checkModelAddress(page, hosted)
			if hosted == "https://host.example/m.fab?#" {
				if err == nil {
					t.Fatalf("an address with a fragment was taken as %q", want)
				}
				good, _ := makeModelLink(page, "https://host.example/m.fab", &g)
				link := strings.Replace(good, "m.fab", "m.fab?#", 1)
				if _, _, err := readModelLink(page, link[len(page):]); err == nil || !strings.Contains(err.Error(), "fragment") {
					t.Errorf("read %q: %v; want the address's fragment refused", link, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			link, err := makeModelLink(page, hosted, &g)
			if err != nil || !strings.HasPrefix(link, page+linkGenPrefix+"1.") || !strings.HasSuffix(link, linkGenAddress+want) {
				t.Fatalf("made %q, %v; want %s1.…%s%s", link, err, linkGenPrefix, linkGenAddress, want)
			}
			addr, got, err := readModelLink(page, link[len(page):])
			if err != nil || addr != want || got == nil || *got != g {
				t.Errorf("read %q, %+v, %v; want %q, %+v", addr, got, err, want, g)
			}
			old, err := makeModelLink(page, hosted, nil)
			if err != nil || old != page+ModelFragment+want {
				t.Fatalf("a link of the address alone: %q, %v", old, err)
			}
			if addr, got, err := readModelLink(page, old[len(page):]); err != nil || addr != want || got != nil {
				t.Errorf("an old link read as %q, %+v, %v; want %q and no generation", addr, got, err, want)
			}
		})
	}

	link, err := makeModelLink(page, "https://me.github.io/m.fab", &g)
	if err != nil {
		t.Fatal(err)
	}
	frag := link[len(page):]
	head, _, _ := strings.Cut(frag, "&")
	best := g
	best.Weights = lm.WeightsBest
	bestLink, _ := makeModelLink(page, "https://me.github.io/m.fab", &best)
	newer, _ := fragment.Seal(linkGenKey, 3, []byte(`{}`))
	const genJSON = `"prompt":"a","gen":{"n":5,"temperature":1,"top_k":0,"top_p":1,"mode":"window"},"seed":1`
	printInOld, _ := fragment.Seal(linkGenKey, 1, []byte(`{`+genJSON+`,"print":"AbCd-_12"}`))
	noPrint, _ := fragment.Seal(linkGenKey, 2, []byte(`{`+genJSON+`}`))
	badPrint, _ := fragment.Seal(linkGenKey, 2, []byte(`{`+genJSON+`,"print":"AbCd+/12"}`))
	longPrint, _ := fragment.Seal(linkGenKey, 2, []byte(`{`+genJSON+`,"print":"AbCd-_123"}`))
	unknown, _ := fragment.Seal(linkGenKey, 1, []byte(`{"prompt":"a","gen":{"n":5,"temperature":1,"top_k":0,"top_p":1,"mode":"window"},"seed":1,"colour":"red"}`))
	outOfRange, _ := fragment.Seal(linkGenKey, 1, []byte(`{"prompt":"a","gen":{"n":0,"temperature":1,"top_k":0,"top_p":1,"mode":"window"},"seed":1}`))
	for _, c := range []struct{ name, frag, want string }{
		{"changed", strings.Replace(frag, head[len(head)-3:], "AAA", 1), "incomplete or have been changed"},
		{"cut", head[:len(head)/2] + linkGenAddress + "https://me.github.io/m.fab", "incomplete or have been changed"},
		{"no address", head, "incomplete or have been changed"},
		{"another key after", head + "&mode=https://me.github.io/m.fab", "incomplete or have been changed"},
		{"newer", newer + linkGenAddress + "https://me.github.io/m.fab", "newer Fabulist"},
		{"an unknown field", unknown + linkGenAddress + "https://me.github.io/m.fab", "incomplete or have been changed"},
		{"out of range", outOfRange + linkGenAddress + "https://me.github.io/m.fab", "out of range"},
		{"a print in a link of before prints", printInOld + linkGenAddress + "https://me.github.io/m.fab", "incomplete or have been changed"},
		{"a link of prints without one", noPrint + linkGenAddress + "https://me.github.io/m.fab", "incomplete or have been changed"},
		{"a print not base64url", badPrint + linkGenAddress + "https://me.github.io/m.fab", "incomplete or have been changed"},
		{"a print too long", longPrint + linkGenAddress + "https://me.github.io/m.fab", "incomplete or have been changed"},
		{"a bad address", head + linkGenAddress + "http://host.example/m.fab", "https://"},
	} {
		t.Run(c.name, func(t *testing.T) {
			addr, got, err := readModelLink(page, c.frag)
			if err == nil || !strings.Contains(err.Error(), c.want) || addr != "" || got != nil {
				t.Errorf("got %q, %+v, %v; want an error saying %q", addr, got, err, c.want)
			}
		})
	}
	if _, got, err := readModelLink(page, bestLink[len(page):]); err != nil || got.Weights != "" || len(bestLink) >= len(link) {
		t.Errorf("the best weights: %+v, %v, %d bytes (latest %d); want them left out", got, err, len(bestLink), len(link))
	}
}

// TestAddressLinkCarriesTheLastGeneration: with a model on show, the share panel's model link
// carries the last generation (prompt, settings, seed, weights), and shows its first text, the
// prompt and what the worker wrote after it with them; the demo link's address kind carries the
// demo link's generation, and its first text too.
func TestAddressLinkCarriesTheLastGeneration(t *testing.T) {
	const page = "https://fabulist.example/"
	st, sent := newTestStore(t)
	g := testLinkGen()
	st.v.HasModel, st.v.Level, st.v.Weights = true, lm.Word, g.Weights
	st.lastGen = genRequest{Prompt: g.Prompt, Opts: g.Gen, Seed: g.Seed}
	st.addressLink(page, "https://me.github.io/m.fab")
	addr, got, err := readModelLink(page, strings.TrimPrefix(st.v.Address.Link, page))
	if err != nil || addr != "https://me.github.io/m.fab" || got == nil || *got != g {
		t.Fatalf("the panel made %q: %q, %+v, %v; want the last generation %+v", st.v.Address.Link, addr, got, err, g)
	}
	ask := (*sent)[len(*sent)-1]
	if ask.Kind != proto.Generate || ask.Prompt != g.Prompt || *ask.Gen != g.Gen || ask.Seed != g.Seed || ask.Weights != g.Weights {
		t.Fatalf("asked %+v; want the link's first text written", ask)
	}
	if st.v.Address.Preview != "" {
		t.Errorf("a preview %q before the worker wrote it", st.v.Address.Preview)
	}
	output := st.v.Output
	st.receive(proto.Message{Kind: proto.Generated, Seq: ask.Seq, Level: lm.Word, Generated: &lm.GenResult{Text: "ran away ."}})
	if want := g.Prompt + " ran away ."; st.v.Address.Preview != want || st.v.Output != output {
		t.Errorf("preview %q, output %q; want the preview %q and the output left alone", st.v.Address.Preview, st.v.Output, want)
	}
	html := app.HTMLString(&AddressLinkPanel{V: st.v.Address})
	if !strings.Contains(html, `id="linkfix-address-preview"`) || !strings.Contains(html, "Its first text: "+g.Prompt[:6]) {
		t.Errorf("the panel does not show the first text:\n%s", html)
	}

	// The demo link, for a model too large to go inside: the hosted copy's link with its own
	// generation (a new seed: none was written yet).
	st.lastGen = genRequest{}
	st.onDemoLink(nil, app.Action{})
	demo := (*sent)[len(*sent)-1]
	st.receive(proto.Message{Kind: proto.InlinkMade, Seq: demo.Seq, Inlink: &proto.InlinkInfo{Params: 90804}})
	v := st.v.Inlink
	_, got, err = readModelLink("", v.URL[strings.Index(v.URL, "#"):])
	if v.Kind != "address" || err != nil || got == nil || got.Seed != demo.Seed || got.Prompt != "" || got.Gen != lm.DefaultGenOptions() {
		t.Fatalf("the demo link %+v carries %+v, %v; want the demo link's generation (seed %d)", v, got, err, demo.Seed)
	}
	ask = (*sent)[len(*sent)-1]
	st.receive(proto.Message{Kind: proto.Generated, Seq: ask.Seq, Level: lm.Word, Generated: &lm.GenResult{Text: "the end"}})
	if st.v.Inlink.Preview != "the end" || st.v.Address.Preview != "the end" || st.v.Address.Link != v.URL {
		t.Errorf("demo link preview %q, panel %q (%q); want both the link's first text", st.v.Inlink.Preview, st.v.Address.Preview, st.v.Address.Link)
	}
}

// TestModelLinkFillsTheForm: a model link carrying a generation puts it in the Generate form, with
// its weights, once the model is open, so that Generate writes the sender's first text; a file
// that cannot be fetched or opened leaves the form as it was.
func TestModelLinkFillsTheForm(t *testing.T) {
	const addr = "https://me.github.io/m.fab"
	g := testLinkGen()
	link, err := makeModelLink("", addr, &g)
	if err != nil {
		t.Fatal(err)
	}
	open := func(t *testing.T) (*store, *[]proto.Message, GenForm) {
		st, sent := newTestStore(t)
		st.fetchModel = func(string) demoFetched { return demoFetched{} }
		st.receive(proto.Message{Kind: proto.Ready})
		form := st.v.Form
		st.openAddress(addressNote{Fragment: link})
		if st.v.Error != "" || st.fetching != addr {
			t.Fatalf("error %q, fetching %q; want %s fetched", st.v.Error, st.fetching, addr)
		}
		if st.v.Form != form {
			t.Fatalf("the form changed before the model opened: %+v", st.v.Form)
		}
		return st, sent, form
	}
	t.Run("opens", func(t *testing.T) {
		st, sent, _ := open(t)
		st.onDemo(nil, app.Action{Value: demoFetched{Address: addr}})
		imp := (*sent)[len(*sent)-1]
		st.receive(proto.Message{Kind: proto.Imported, Seq: imp.Seq, Config: &lm.Config{}, History: &lm.History{}, Level: lm.Word, State: proto.Done})
		want := GenForm{Prompt: g.Prompt, N: "60", Temp: "0.8", TopK: "5", TopP: "1", Mode: "stateful", Seed: "77", Stop: false}
		if st.v.Form != want || st.prompt != g.Prompt || st.v.Weights != lm.WeightsLatest {
			t.Errorf("form %+v, prompt %q, weights %q; want %+v, the link's prompt and weights", st.v.Form, st.prompt, st.v.Weights, want)
		}
		if !strings.Contains(st.v.ShareMsg, "Press Generate to write the text it was shared with") {
			t.Errorf("message %q", st.v.ShareMsg)
		}
	})
	t.Run("not fetched", func(t *testing.T) {
		st, _, form := open(t)
		st.onDemo(nil, app.Action{Value: modelFetchFailed(addr, "the host answered 404 Not Found")})
		if st.v.Form != form || st.v.Weights != "" || st.linkfix.fetchingGen != nil {
			t.Errorf("form %+v, weights %q after a failed fetch; want them as they were", st.v.Form, st.v.Weights)
		}
	})
	t.Run("refused by the worker", func(t *testing.T) {
		st, sent, form := open(t)
		st.onDemo(nil, app.Action{Value: demoFetched{Address: addr}})
		imp := (*sent)[len(*sent)-1]
		st.receive(proto.Message{Kind: proto.Error, Seq: imp.Seq, Error: "that model file is corrupted"})
		if st.v.Form != form || st.v.Weights != "" || st.linkfix.openGen != nil {
			t.Errorf("form %+v, weights %q after a refused file; want them as they were", st.v.Form, st.v.Weights)
		}
	})
}

// FuzzModelLink: whatever a model link's fragment holds, readModelLink refuses it, or gives an
// address and generation from which makeModelLink makes a link that reads back the same (so a
// link the panel makes opens as made), within the length the page reads.
func FuzzModelLink(f *testing.F) {
	g := testLinkGen()
	printed := g
	printed.Print = "AbCd-_12" // a link with its model's print (version 2)
	const genJSON = `"prompt":"a","gen":{"n":5,"temperature":1,"top_k":0,"top_p":1,"mode":"window"},"seed":1`
	for _, hosted := range []string{"https://me.github.io/m.fab", "https://h/a?b=1&model=c#d", "https://h/%23?&=", "http://127.0.0.1:9/m.fab"} {
		for _, g := range []linkGen{g, printed} {
			if link, err := makeModelLink("", hosted, &g); err == nil {
				f.Add(link, true)
				f.Add(strings.Replace(link, "&", "", 1), false)
			}
		}
		for v, js := range map[int]string{1: `{` + genJSON + `,"print":"AbCd-_12"}`, 2: `{` + genJSON + `}`} {
			// A print where none goes, or none where one does.
			sealed, _ := fragment.Seal(linkGenKey, v, []byte(js))
			f.Add(sealed+linkGenAddress+hosted, true)
		}
		f.Add(ModelFragment+hosted, true)
		f.Add(linkGenPrefix+"1.AAAA"+linkGenAddress+hosted, false)
	}
	f.Fuzz(func(t *testing.T, frag string, local bool) {
		page := "https://fabulist.example/"
		if local {
			page = "http://localhost:8000/"
		}
		addr, g, err := readModelLink(page, frag)
		if err != nil {
			if addr != "" || g != nil {
				t.Fatalf("%q: %q, %+v with the error %v", frag, addr, g, err)
			}
			return
		}
		link, err := makeModelLink(page, addr, g)
		if err != nil {
			t.Fatalf("%q read as %q, %+v, which make no link: %v", frag, addr, g, err)
		}
		again, g2, err := readModelLink(page, strings.TrimPrefix(link, page))
		if err != nil || again != addr || (g == nil) != (g2 == nil) || g != nil && *g != *g2 {
			t.Fatalf("%q read as %q, %+v; its link %q reads as %q, %+v, %v", frag, addr, g, link, again, g2, err)
		}
		if len(link)-len(page) > maxFragment {
			t.Fatalf("%q made a fragment of %d bytes", frag, len(link)-len(page))
		}
	})
}

// TestLinksAfterAReloadCarryThePromptOnShow: after a reload no generation has been asked for yet,
// but the kept writing puts its prompt back in the form; a link made then carries that prompt (a
// trial found the demo and address links writing from an empty prompt).
func TestLinksAfterAReloadCarryThePromptOnShow(t *testing.T) {
	const page = "https://fabulist.example/"
	st, sent := newTestStore(t)
	st.v.HasModel, st.v.Level = true, lm.Word
	st.prompt = "the fox" // what restoring the kept writing sets
	st.onDemoLink(nil, app.Action{})
	if ask := (*sent)[len(*sent)-1]; ask.Kind != proto.InlinkMake || ask.Prompt != "the fox" || *ask.Gen != lm.DefaultGenOptions() || ask.Seed == 0 {
		t.Errorf("the demo link asked %+v; want the prompt on show, the default settings and a seed", ask)
	}
	st.addressLink(page, "https://me.github.io/m.fab")
	if _, got, err := readModelLink(page, strings.TrimPrefix(st.v.Address.Link, page)); err != nil || got == nil || got.Prompt != "the fox" {
		t.Errorf("the address link %q carries %+v, %v; want the prompt on show", st.v.Address.Link, got, err)
	}
	if gen := st.sharedGeneration(); gen.Prompt != "the fox" || gen.Opts != lm.DefaultGenOptions() {
		t.Errorf("a share link would carry %+v; want the prompt on show", gen)
	}
}
