package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"fabulist/model/lm"
	"fabulist/studio/inlink"
	"fabulist/studio/proto"
	"fabulist/studio/session"
	"fabulist/studio/share"
)

// TestModelLinkOpensReadyToWrite: a tiny character model trained in the page goes inside its demo
// link; opened in a fresh profile, the link's page writes at once, without training, and its
// first text with the link's seed is what the link's model (quantised as the link says) writes
// natively. A tampered or oversized model link is refused with a message and changes nothing.
func TestModelLinkOpensReadyToWrite(t *testing.T) {
	p := openStudio(t, 5*time.Minute)
	ready(p)
	p.do(setField("preset", "quick"), setField("units", "16"), setField("embedding", "8"),
		setField("seq_length", "10"), setField("epochs", "1"), setField("seed", "7"), pasteText(strings.Repeat(shortStory, 5)))
	p.waitJS(`document.getElementById("text-stats").innerText.includes("training windows")`)
	p.do(clickID("train"))
	p.waitJS(`document.getElementById("progress").dataset.phase === "done"`)
	p.do(chromedp.SendKeys(chromedp.ID("prompt"), "the owl"), setField("gen-n", "60"), setField("gen-seed", "5"),
		setField("gen-temp", "0.8"), clickID("generate"))
	p.waitJS(`document.getElementById("output").value.length > "the owl".length`)
	story := evalAs[string](p, `document.getElementById("output").value`)

	p.do(clickID("demo-link"))
	p.waitJSFor(`document.getElementById("demo-link-url").dataset.kind === "inside"`, 30*time.Second,
		`document.querySelector(".inlink").outerHTML + " ERR " + document.getElementById("error").innerText`)
	link := evalAs[string](p, `document.getElementById("demo-link-url").value`)
	bytes, _ := strconv.Atoi(evalAs[string](p, `document.getElementById("demo-link-url").dataset.bytes`))
	msg := evalAs[string](p, `document.getElementById("demo-link-msg").innerText`)
	// textContent, not innerText: a character model's text has line breaks and runs of spaces.
	preview := strings.TrimPrefix(evalAs[string](p, `document.getElementById("demo-link-preview").textContent`), "Its first text: ")
	if bytes != len(link) || bytes > inlink.MaxLink || !strings.Contains(link, "#m=1.") || !strings.Contains(msg, "inside this link") {
		t.Fatalf("demo link of %d bytes (data-bytes %d), message %q", len(link), bytes, msg)
	}

	// What the link's model writes, natively, with the link's generation.
	frag := link[strings.Index(link, "#"):]
	l, err := inlink.Decode(frag)
	if err != nil {
		t.Fatalf("the page's link does not decode natively: %v", err)
	}
	s := session.New()
	opened := s.Handle(proto.Message{Kind: proto.InlinkOpen, Text: frag})[0]
	want := s.Handle(proto.Message{Kind: proto.Generate, Prompt: opened.Prompt, Gen: opened.Gen, Seed: opened.Seed})[0]
	if want.Kind != proto.Generated || opened.Seed != 5 || opened.Prompt != "the owl" {
		t.Fatalf("natively: opened %+v, wrote %+v", opened, want)
	}
	if l.Scheme == inlink.Float32 && !strings.Contains(story, strings.TrimSpace(want.Generated.Text)) {
		t.Errorf("a float32 link writes %q natively; the sender wrote %q", want.Generated.Text, story)
	}
	fmt.Printf("e2e: demo link of %d bytes (%s); sender wrote %q; the link's model writes %q\n", len(link), l.Scheme, story, want.Generated.Text)

	// Whoever receives it: a fresh profile, nothing trained.
	r := newPage(t, chromium(t), link, 3*time.Minute)
	r.do(chromedp.Navigate(link))
	r.waitJSFor(`!document.getElementById("generate").disabled && document.getElementById("gen-seed").value === "5"`, 60*time.Second,
		`"seed=" + document.getElementById("gen-seed").value + " msg=" + document.getElementById("share-msg").innerText + " ERR " + document.getElementById("error").innerText`)
	r.waitJS(`document.getElementById("samples").dataset.count > 0`)
	if phase := evalAs[string](r, `document.getElementById("progress").dataset.phase`); phase == "training" {
		t.Errorf("the model link trains as it opens (phase %q)", phase)
	}
	r.do(clickID("generate"))
	r.waitJS(`document.getElementById("output").value.length > "the owl".length`)
	got := evalAs[string](r, `document.getElementById("output").value`)
	if !strings.Contains(got, strings.TrimSpace(want.Generated.Text)) {
		t.Errorf("the receiver wrote %q; the link's model writes %q", got, want.Generated.Text)
	}
	if got != preview { // the prompt and what follows it, as the receiver's output box shows them
		t.Errorf("the receiver wrote %q; the sender's page said the link writes %q", got, preview)
	}

	// Bad links, pasted into the receiver's open page: refused, and the model and text stay.
	tampered := []byte(frag)
	tampered[len(tampered)/2] ^= 1
	for _, c := range []struct{ frag, want string }{
		{string(tampered), "This model link cannot be opened (the model link is incomplete or has been changed)"},
		{"#m=1." + strings.Repeat("A", inlink.MaxFragment), "longer than any Fabulist makes"},
		{"#m=9.AAAA", "made by a newer Fabulist"},
	} {
		r.js(fmt.Sprintf(`location.hash = %q`, c.frag))
		errorShown(r, c.want)
		if v := evalAs[string](r, `document.getElementById("output").value`); v != got {
			t.Errorf("a bad link (%.20q) changed the output to %q", c.frag, v)
		}
		if evalAs[bool](r, `document.getElementById("generate").disabled`) {
			t.Errorf("a bad link (%.20q) took the model away", c.frag)
		}
	}
}

// TestLongModelLinkOpens: a 64-unit character model's link, longer than any share link (32 KB)
// and within the model link's limit, opens in a fresh profile and writes what the model writes
// natively. (The model is made natively, untrained: its link is as long as a trained one's.)
func TestLongModelLinkOpens(t *testing.T) {
	net, tok := untrainedCharNet(t, 64, 16, 20, "abcdefghijklmnopqrstuvwxyz .,;:!?'\"-ABCDEFGHIJKLMNO")
	gen := lm.DefaultGenOptions()
	gen.N = 40
	frag, err := inlink.Encode(net, tok, inlink.Int8, inlink.Link{Gen: gen, GenSeed: 11, Prompt: "the owl"})
	if err != nil {
		t.Fatal(err)
	}
	p := openStudio(t, 3*time.Minute)
	link := p.url + "/" + frag
	if len(frag) <= share.MaxFragment || len(link) > inlink.MaxLink {
		t.Fatalf("a link of %d bytes (fragment %d); want a fragment past %d and a link within %d", len(link), len(frag), share.MaxFragment, inlink.MaxLink)
	}
	s := session.New()
	s.Handle(proto.Message{Kind: proto.InlinkOpen, Text: frag})
	want := s.Handle(proto.Message{Kind: proto.Generate, Prompt: "the owl", Gen: &gen, Seed: 11})[0]
	if want.Kind != proto.Generated {
		t.Fatalf("natively: %+v", want)
	}

	p.do(chromedp.Navigate(link))
	p.waitJSFor(`!document.getElementById("generate").disabled && document.getElementById("gen-seed").value === "11"`, 60*time.Second,
		`"seed=" + document.getElementById("gen-seed").value + " ERR " + document.getElementById("error").innerText`)
	p.do(clickID("generate"))
	p.waitJS(`document.getElementById("output").value.length > "the owl".length`)
	if got := evalAs[string](p, `document.getElementById("output").value`); !strings.Contains(got, strings.TrimSpace(want.Generated.Text)) {
		t.Errorf("a %d-byte model link wrote %q; natively its model writes %q", len(link), got, want.Generated.Text)
	}
	fmt.Printf("e2e: a model link of %d bytes opened\n", len(link))
}

// untrainedCharNet is a character model of the given units, embedding and seq_length over letters
// (and the empty token), made natively with seed 3 and never trained: a model link of it is as long
// as a trained one's.
func untrainedCharNet(t *testing.T, units, embed, seqLen int, letters string) (*lm.Net, *lm.Tokenizer) {
	t.Helper()
	cfg := lm.QuickConfig()
	cfg.Units, cfg.Embed, cfg.SeqLen, cfg.Seed = units, embed, seqLen, 3
	words := []string{""}
	for _, r := range letters {
		words = append(words, string(r))
	}
	tok, err := lm.NewTokenizer(lm.Char, lm.SplitSpace, words)
	if err != nil {
		t.Fatal(err)
	}
	net, err := lm.NewNet(cfg, tok.VocabSize())
	if err != nil {
		t.Fatal(err)
	}
	return net, tok
}
