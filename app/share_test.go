package app

import (
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// "Link copied." is said only once the clipboard took the link; a refused or missing clipboard
// says to copy it by hand, and the link is on show in every case.
func TestShareSaysCopiedOnlyWhenTheClipboardTookTheLink(t *testing.T) {
	for _, c := range []struct {
		name      string
		clipboard bool // the page has one
		answer    *bool
		want      string
	}{
		{"taken", true, new(true), "Link copied."},
		{"refused", true, new(false), "copy it by hand"},
		{"no clipboard (http on a LAN address)", false, nil, "copy it by hand"},
		{"not answered yet", true, nil, "Copying the link"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, _ := newTestStore(t)
			st.setText("the fox and the crow")
			st.clipboard = func(string, func(bool)) bool { return c.clipboard }
			st.share(nil, false)
			if st.v.Share == "" {
				t.Fatalf("no link on show; message %q", st.v.ShareMsg)
			}
			if c.answer != nil {
				// The page dispatches the answer as an action; here it is applied directly.
				st.linkCopied(copied{Link: st.v.Share, OK: *c.answer})
			}
			if !strings.Contains(st.v.ShareMsg, c.want) {
				t.Errorf("got %q; want it to say %q", st.v.ShareMsg, c.want)
			}
			if c.answer == nil && strings.Contains(st.v.ShareMsg, "copied") {
				t.Errorf("said copied before the clipboard answered: %q", st.v.ShareMsg)
			}
		})
	}
}

// The clipboard's answer about an older link says nothing about the one on show.
func TestALateClipboardAnswerIsDropped(t *testing.T) {
	st, _ := newTestStore(t)
	st.clipboard = func(string, func(bool)) bool { return true }
	st.setText("the fox")
	st.share(nil, false)
	old := st.v.Share
	st.share(nil, true)
	st.linkCopied(copied{Link: old, OK: true})
	if strings.Contains(st.v.ShareMsg, "copied") {
		t.Errorf("an older link's answer was shown: %q", st.v.ShareMsg)
	}
}

// A share link says what it reproduces: this model and text after a whole run, a whole run's
// model and text when the model is part-way (the trial's link after a stop at epoch 6 of 60
// promised "this model and text"), and it says that words picked after the last Generate are not
// in it. The receiver's "press Train, then Generate" goes once they have generated.
func TestShareSaysWhatTheLinkReproduces(t *testing.T) {
	mk := func(phase proto.Phase, epoch int) *store {
		st, _ := newTestStore(t)
		st.setText("the fox and the crow")
		st.clipboard = func(string, func(bool)) bool { return false }
		cfg := lm.QuickConfig()
		cfg.Epochs = 60
		st.showConfig(cfg)
		st.v.Phase, st.v.HasModel, st.runText = phase, true, st.text // a run of this text, here
		st.v.Progress = lm.Progress{Epoch: epoch, Epochs: 60}
		return st
	}
	whole, stopped := mk(proto.Done, 60), mk(proto.Stopped, 6)
	for _, st := range []*store{whole, stopped} {
		st.generate(genRequest{Prompt: "the fox", Opts: lm.DefaultGenOptions(), Seed: 5})
		st.receive(proto.Message{Kind: proto.Generated, Seq: st.genSeq, Level: lm.Word, Generated: &lm.GenResult{Text: "ran"}})
		st.share(nil, false)
	}
	if msg := whole.v.ShareMsg; !strings.Contains(msg, "reproduce this model and text") || strings.Contains(msg, "picked") {
		t.Errorf("after a whole run: %q; want it to promise this model and text", msg)
	}
	if msg := stopped.v.ShareMsg; !strings.Contains(msg, "not this model's, which is at epoch 6") {
		t.Errorf("after a stop at epoch 6: %q; want it to say the receiver gets a whole run's model", msg)
	}
	whole.appendToken("home")
	whole.share(nil, false)
	if msg := whole.v.ShareMsg; !strings.Contains(msg, "picked or typed after the last Generate are not in the link") {
		t.Errorf("after a word picked: %q; want it to say the link does not hold it", msg)
	}

	receiver, _ := newTestStore(t)
	frag := whole.v.Share[strings.Index(whole.v.Share, "#"):]
	if err := receiver.openShare(frag); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(receiver.v.ShareMsg, "press Train, then Generate") {
		t.Fatalf("the receiver was told %q", receiver.v.ShareMsg)
	}
	receiver.v.HasModel = true
	receiver.generate(genRequest{Prompt: "the fox", Opts: lm.DefaultGenOptions(), Seed: 5})
	receiver.receive(proto.Message{Kind: proto.Generated, Seq: receiver.genSeq, Level: lm.Word, Generated: &lm.GenResult{Text: "ran"}})
	if receiver.v.ShareMsg != "" {
		t.Errorf("after the receiver generated, the share panel still says %q", receiver.v.ShareMsg)
	}
}
