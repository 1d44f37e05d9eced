package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
	"fabulist/studio/share"
)

// imported is the worker's answer to the Import numbered seq: a model opened from a file.
func imported(seq int) proto.Message {
	return proto.Message{Kind: proto.Imported, Seq: seq, Config: &lm.Config{}, History: &lm.History{}, Level: lm.Word, State: proto.Done}
}

// The error banner goes when the user has moved on from what it says, and only then: what makes
// it moot depends on what it is about, and an error that came after the user acted stays.
func TestTheBannerGoesWhenWhatItSaysIsMoot(t *testing.T) {
	const fileErr = "big.fab is 300 MB: too large to be a Fabulist model."
	for _, c := range []struct {
		name string
		do   func(st *store)
		want string // what the banner says at the end; "" for nothing
	}{
		{"an action refused, then another action taken", func(st *store) {
			st.acted(func() { st.generate(genRequest{}) })
			st.acted(func() { st.setOutput("the fox") })
		}, ""},
		{"an action refused, then another refused", func(st *store) {
			st.acted(func() { st.generate(genRequest{}) })
			st.acted(func() { st.onExport(nil, app.Action{Value: "fabulist"}) })
		}, "There is no model to save yet: train one first."},
		{"the engine's answer to a request failed, then the user writes", func(st *store) {
			st.receive(proto.Message{Kind: proto.State, State: proto.Done})
			st.acted(func() { st.generate(genRequest{Prompt: "the"}) })
			st.receive(proto.Message{Kind: proto.Error, Seq: st.genSeq, Error: "generate: out of memory"})
			st.acted(func() { st.appendToken("fox") })
		}, ""},
		{"the engine's failure comes after the user acted", func(st *store) {
			st.receive(proto.Message{Kind: proto.State, State: proto.Done})
			st.acted(func() { st.generate(genRequest{Prompt: "the"}) })
			st.receive(proto.Message{Kind: proto.Error, Seq: st.genSeq, Error: "generate: out of memory"})
		}, "generate: out of memory"},
		{"a model file refused, then the user writes", func(st *store) {
			st.receive(proto.Message{Kind: proto.State, State: proto.Done})
			st.acted(func() { st.onFileError(nil, app.Action{Value: fileErr}) })
			st.acted(func() { st.appendToken("fox") })
		}, fileErr},
		{"a model file refused, then another opened", func(st *store) {
			st.acted(func() { st.onFileError(nil, app.Action{Value: fileErr}) })
			st.acted(func() { st.seq++ }) // an Import, numbered as onImport numbers it
			st.receive(imported(st.seq))
		}, ""},
		{"a model file refused, then a workspace opened", func(st *store) {
			st.acted(func() { st.onFileError(nil, app.Action{Value: fileErr}) })
			st.acted(func() { st.onOpenWorkspace(nil, app.Action{Value: "w"}) })
			st.receive(proto.Message{Kind: proto.Opened, Seq: st.banner.openSeq, Text: "the fox", Config: &lm.Config{}, History: &lm.History{},
				State: proto.Done, HasModel: true, Level: lm.Word, Workspace: &proto.Workspace{ID: "w"}})
		}, ""},
		{"a model link refused, then the page reopens what it had", func(st *store) {
			st.receive(proto.Message{Kind: proto.Ready})
			st.acted(func() { st.openAddress(addressNote{Fragment: "#model=http://host.example/m.fab"}) })
			st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w", Updated: 1}}})
			st.receive(proto.Message{Kind: proto.Opened, Seq: st.seq, Text: "the fox", Config: &lm.Config{}, History: &lm.History{},
				State: proto.Done, HasModel: true, Level: lm.Word, Workspace: &proto.Workspace{ID: "w"}})
		}, "This model link cannot be opened: it must start with https:// (browsers block a page's fetches of plain http from an https page). Nothing was changed."},
		{"a model file refused, then a run started", func(st *store) {
			st.acted(func() { st.onFileError(nil, app.Action{Value: fileErr}) })
			st.text = "the fox and the grapes"
			st.acted(st.train)
		}, ""},
		{"an error that came while a model was opening", func(st *store) {
			st.acted(func() { st.seq++ })
			imp := st.seq
			st.receive(proto.Message{Kind: proto.State, State: proto.Done})
			st.acted(func() { st.generate(genRequest{Prompt: "the"}) })
			st.receive(proto.Message{Kind: proto.Error, Seq: st.genSeq, Error: "generate: out of memory"})
			st.receive(imported(imp))
		}, "generate: out of memory"},
		{"an empty text refused, then a text taken", func(st *store) {
			st.acted(st.train)
			st.acted(func() { st.onLoadText(nil, app.Action{Value: "the fox and the grapes"}) })
		}, ""},
		{"a text refused, then the user writes", func(st *store) {
			st.acted(func() { st.onTextError(nil, app.Action{Value: "huge.txt is 90 MB"}) })
			st.acted(func() { st.onSetPrompt(nil, app.Action{Value: "the"}) })
		}, "huge.txt is 90 MB"},
		{"the engine did not start, then the user trains", func(st *store) {
			st.onWorkerFailed(nil, app.Action{Value: "no SIMD"})
			st.text = "the fox and the grapes"
			st.acted(st.train)
		}, "The training engine could not start: no SIMD"},
		{"a link refused, then another opened", func(st *store) {
			st.acted(func() { st.openAddress(addressNote{Fragment: "#s=1.%%%"}) })
			link, err := share.Encode(share.Payload{Config: lm.QuickConfig(), Text: "토끼와 거북이",
				Gen: lm.GenOptions{SampleOptions: lm.SampleOptions{Temperature: 0.5, TopP: 1}, N: 20, Mode: lm.GenWindow}})
			if err != nil {
				t.Fatal(err)
			}
			st.acted(func() { st.openAddress(addressNote{Fragment: link}) })
		}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, _ := newTestStore(t)
			c.do(st)
			if got := st.v.Error; got != c.want {
				t.Errorf("banner %q; want %q", got, c.want)
			}
		})
	}
}

// A text refused by the worker (too short to train on) is about the text: another text makes it
// moot, while an error about something else shown after it stays.
func TestAnotherTextTakesOnlyATextsErrorOff(t *testing.T) {
	st, _ := newTestStore(t)
	st.text = "fox"
	st.acted(st.train)
	st.receive(proto.Message{Kind: proto.Error, Seq: st.trainSeq, Error: "text too short"})
	st.acted(func() { st.setText("the fox and the grapes") })
	if st.v.Error != "" {
		t.Errorf("after another text: banner %q; want none", st.v.Error)
	}
	st.acted(func() { st.onFileError(nil, app.Action{Value: "x.fab: not a model"}) })
	st.acted(func() { st.setText("the hare and the tortoise") })
	if !strings.Contains(st.v.Error, "x.fab") {
		t.Errorf("a file's error went with the text: banner %q", st.v.Error)
	}
}
