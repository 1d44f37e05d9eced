package app

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/inlink"
	"fabulist/studio/proto"
	"fabulist/studio/share"
)

// shelf stands in for localStorage's writing keys, one per workspace, across page loads.
type shelf struct {
	kept map[string]keptWriting
}

func (sh *shelf) load(id string) (keptWriting, error) {
	w, ok := sh.kept[id]
	if !ok {
		return keptWriting{}, errNoWriting
	}
	return w, nil
}

func (sh *shelf) save(w keptWriting) {
	if sh.kept == nil {
		sh.kept = map[string]keptWriting{}
	}
	sh.kept[w.Workspace] = w
}

// newShelvedStore is a test store whose writing is kept on sh.
func newShelvedStore(t *testing.T, sh *shelf) (*store, *[]proto.Message) {
	st, sent := newTestStore(t)
	st.loadWriting, st.saveWriting = sh.load, sh.save
	return st, sent
}

// The prompt and the output come back after a reload, with the workspace that holds the model,
// and so does the last validation loss in the status line.
func TestWhatWasWrittenComesBackAfterAReload(t *testing.T) {
	sh := &shelf{}
	cfg := lm.QuickConfig()
	h := lm.History{BatchLoss: []float32{3, 2}, Epochs: []lm.EpochStats{{Epoch: 1, Loss: 2, ValLoss: 2.5}}}
	opened := func(seq int) proto.Message {
		return proto.Message{Kind: proto.Opened, Seq: seq, Text: "the fox and the crow", Config: &cfg, History: &h,
			State: proto.Done, HasModel: true, Level: lm.Word, Workspace: &proto.Workspace{ID: "w", Updated: 2}}
	}

	before, _ := newShelvedStore(t, sh)
	before.receive(opened(0))
	before.generate(genRequest{Prompt: "the fox", Opts: lm.DefaultGenOptions()})
	before.receive(proto.Message{Kind: proto.Generated, Seq: before.genSeq, Level: lm.Word, Generated: &lm.GenResult{Text: "ran"}})
	before.typed("the fox ran home, 토끼 too")

	after, sent := newShelvedStore(t, sh)
	after.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w", Updated: 2}}})
	open := (*sent)[len(*sent)-1]
	if open.Kind != proto.Open {
		t.Fatalf("the first listing asked %+v", open)
	}
	after.receive(opened(open.Seq))
	v := after.v
	if v.Output != "the fox ran home, 토끼 too" || v.OutputRev == 0 {
		t.Errorf("output after the reload: got %q (rev %d); want %q", v.Output, v.OutputRev, "the fox ran home, 토끼 too")
	}
	if v.Prompt != "the fox" || v.PromptRev == 0 || after.prompt != "the fox" {
		t.Errorf("prompt after the reload: got %q (rev %d, store %q); want %q", v.Prompt, v.PromptRev, after.prompt, "the fox")
	}
	if v.Progress.ValLoss == nil || *v.Progress.ValLoss != 2.5 {
		t.Errorf("validation loss after the reload: got %v; want 2.5", v.Progress.ValLoss)
	}
	if last := (*sent)[len(*sent)-1]; last.Kind != proto.Predict || last.Prompt != v.Output {
		t.Errorf("candidates should follow the restored output; last sent %+v", last)
	}

	// Another workspace does not take it.
	other, _ := newShelvedStore(t, sh)
	m := opened(0)
	m.Workspace = &proto.Workspace{ID: "other"}
	other.receive(m)
	if other.v.Output != "" || other.v.Prompt != "" {
		t.Errorf("another workspace took the writing: output %q, prompt %q", other.v.Output, other.v.Prompt)
	}
}

// Each workspace keeps its own writing: writing in a second one does not cost the first its
// writing, which comes back when a reload opens it (a trial lost one workspace's writing to the
// other's when the page kept a single writing).
func TestEachWorkspaceKeepsItsWriting(t *testing.T) {
	sh := &shelf{}
	cfg := lm.QuickConfig()
	opened := func(id string) proto.Message {
		return proto.Message{Kind: proto.Opened, Text: "the fox and the crow", Config: &cfg, State: proto.Done,
			HasModel: true, Level: lm.Word, Workspace: &proto.Workspace{ID: id, Updated: 2}}
	}
	before, _ := newShelvedStore(t, sh)
	before.receive(opened("word"))
	before.typed("the fox ran")
	before.receive(opened("char"))
	before.typed("the dog sat")

	for id, want := range map[string]string{"word": "the fox ran", "char": "the dog sat"} {
		after, _ := newShelvedStore(t, sh)
		after.receive(opened(id))
		if after.v.Output != want {
			t.Errorf("workspace %s after a reload: output %q; want %q", id, after.v.Output, want)
		}
	}
}

func TestKeptWritingIsCheckedByTypeAndContent(t *testing.T) {
	for _, c := range []struct {
		name, stored string
		ok           bool
	}{
		{"whole", `{"workspace":"w","prompt":"the fox","output":"the fox ran"}`, true},
		{"no output yet", `{"workspace":"w","prompt":"the fox"}`, true},
		{"not JSON", `the fox`, false},
		{"a number for the output", `{"workspace":"w","output":5}`, false},
		{"an array", `["w"]`, false},
		{"no workspace", `{"prompt":"the fox","output":"ran"}`, false},
		{"null", `null`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := checkWriting(c.stored)
			if (err == nil) != c.ok {
				t.Errorf("checkWriting(%s): got error %v; want ok=%v", c.stored, err, c.ok)
			}
		})
	}
}

// FuzzCheckWriting feeds checkWriting what a damaged or hand-edited localStorage may hold: it must
// return a writing or an error, never panic, and what it accepts must read back the same.
func FuzzCheckWriting(f *testing.F) {
	f.Add(`{"workspace":"w1","prompt":"the fox","output":"the fox ran"}`)
	f.Add(`{"workspace":"","prompt":1}`)
	f.Add(`[]`)
	f.Add(`{"workspace":"w","prompt":"the lion","output":"the lion roared","gen":{"prompt":"the lion","opts":{"temperature":1,"top_k":0,"top_p":1,"n":50,"mode":"window"},"seed":5,"typed":true}}`)
	f.Add(`{"workspace":"w","prompt":"the fox","output":"the fox ran","branches":{"nodes":[{"t":"ran","p":0.5},{"t":"","p":0,"k":[0]}],` +
		`"trees":[{"level":"word","base":"the fox","root":1}],"tree":0,"undo":[{"tree":-1},{"tree":0,"same":true}],"redo":[]}}`)
	f.Fuzz(func(t *testing.T, s string) {
		w, err := checkWriting(s)
		if err != nil {
			return
		}
		b, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		again, err := checkWriting(string(b))
		if err != nil || !reflect.DeepEqual(again, w) {
			t.Fatalf("%q was accepted as %+v, which reads back as %+v, %v", s, w, again, err)
		}
	})
}

// The weights chosen to write with come back with the writing after a reload (a trial chose the
// latest, reloaded, and the alternatives of its branches came from the best).
func TestKeptWritingKeepsItsWeights(t *testing.T) {
	sh := &shelf{}
	cfg := lm.QuickConfig()
	opened := proto.Message{Kind: proto.Opened, Text: "the fox and the crow", Config: &cfg, State: proto.Done,
		HasModel: true, Level: lm.Word, Workspace: &proto.Workspace{ID: "w", Updated: 2}}
	before, _ := newShelvedStore(t, sh)
	before.receive(opened)
	before.typed("the fox ran")
	before.onWeights(nil, app.Action{Value: "latest"})

	after, sent := newShelvedStore(t, sh)
	after.receive(opened)
	if after.v.Weights != lm.WeightsLatest {
		t.Fatalf("weights after a reload: %q; want latest", after.v.Weights)
	}
	if ask := (*sent)[len(*sent)-1]; ask.Kind != proto.Predict || ask.Weights != lm.WeightsLatest {
		t.Errorf("the candidates were asked with %+v; want the latest weights", ask)
	}
	if w, err := checkWriting(`{"workspace":"w","output":"x","weights":"nonsense"}`); err != nil || w.Weights != "" || w.Output != "x" {
		t.Errorf("a writing with unknown weights read as %+v, %v; want the text, with the best weights", w, err)
	}
}

// The last Generate's settings and seed come back after a reload: the form shows the temperature
// and a typed seed as they were, "written with seed" stays, and a share link made after the
// reload carries them (the trial's reload put temperature 0.5 back and dropped seed 5, and its
// share link then promised the receiver a text it would not write). A drawn seed leaves the
// form's seed empty, so that the next Generate draws again, as it would have.
func TestKeptWritingKeepsItsGeneration(t *testing.T) {
	cfg := lm.QuickConfig()
	opened := proto.Message{Kind: proto.Opened, Text: "the fox and the crow", Config: &cfg, State: proto.Done,
		HasModel: true, Level: lm.Word, Workspace: &proto.Workspace{ID: "w", Updated: 2}}
	opts := lm.DefaultGenOptions()
	opts.Temperature = 1
	for _, c := range []struct {
		name     string
		seed     uint64
		wantForm string
	}{
		{"typed seed", 5, "5"},
		{"drawn seed", 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			sh := &shelf{}
			before, _ := newShelvedStore(t, sh)
			before.receive(opened)
			before.generate(genRequest{Prompt: "the lion", Opts: opts, Seed: c.seed})
			before.receive(proto.Message{Kind: proto.Generated, Seq: before.genSeq, Level: lm.Word, Generated: &lm.GenResult{Text: "roared"}})
			wrote := before.v.GenSeed

			after, _ := newShelvedStore(t, sh)
			after.receive(opened)
			f := after.v.Form
			if f.Temp != "1" || f.Seed != c.wantForm || f.Prompt != "the lion" || after.v.FormRev == 0 {
				t.Errorf("form after the reload: temperature %q, seed %q, prompt %q (rev %d); want 1, %q, the lion",
					f.Temp, f.Seed, f.Prompt, after.v.FormRev, c.wantForm)
			}
			if after.v.GenSeed != wrote || after.lastGen.Seed != wrote || after.lastGen.Opts != opts {
				t.Errorf("after the reload: written with seed %d, a link's generation %+v; want seed %d and %+v",
					after.v.GenSeed, after.lastGen, wrote, opts)
			}
		})
	}
	if w, err := checkWriting(`{"workspace":"w","output":"x","gen":{"prompt":"a","opts":{"temperature":-3},"seed":5}}`); err != nil || w.Gen != nil || w.Output != "x" {
		t.Errorf("a writing with impossible settings read as %+v, %v; want the text, without them", w, err)
	}
}

// TestAnotherWorkspaceTakesTheOldShareLinkAndSeedAway: opening another workspace leaves no
// share link or "written with seed" of the model before it (a trial saw both beside a workspace
// that had written nothing), while a workspace's own kept generation still comes back.
func TestAnotherWorkspaceTakesTheOldShareLinkAndSeedAway(t *testing.T) {
	cfg := lm.QuickConfig()
	opened := func(id string) proto.Message {
		return proto.Message{Kind: proto.Opened, Text: "the fox and the crow", Config: &cfg, State: proto.Stopped,
			HasModel: true, Level: lm.Word, Workspace: &proto.Workspace{ID: id, Updated: 2}}
	}
	sh := &shelf{}
	st, _ := newShelvedStore(t, sh)
	st.receive(opened("first"))
	st.generate(genRequest{Prompt: "the lion", Opts: lm.DefaultGenOptions(), Seed: 7})
	st.receive(proto.Message{Kind: proto.Generated, Seq: st.genSeq, Level: lm.Word, Generated: &lm.GenResult{Text: "roared"}})
	st.v.Share, st.v.ShareMsg = "http://127.0.0.1/#s=x", "training all 5 epochs, which is at epoch 2"
	if st.v.GenSeed != 7 {
		t.Fatalf("written with seed %d; want 7", st.v.GenSeed)
	}
	st.receive(opened("second"))
	if st.v.Share != "" || st.v.ShareMsg != "" || st.v.GenSeed != 0 || st.lastGen.Seed != 0 {
		t.Errorf("after another workspace opened: link %q, message %q, written with seed %d, a link's generation %+v; want none",
			st.v.Share, st.v.ShareMsg, st.v.GenSeed, st.lastGen)
	}
	st.receive(opened("first"))
	if st.v.GenSeed != 7 || st.v.Output != "the lion roared" {
		t.Errorf("the first workspace again: written with seed %d, output %q; want 7, the lion roared", st.v.GenSeed, st.v.Output)
	}
}

// A share link's receiver keeps what it carried across a reload, as its sender keeps their
// writing: the Generate form (prompt, temperature, seed), the workers, the meter and the weights
// (a trial's reload gave prompt "", temperature 0.5, no seed and workers 0), with the prompt as
// typed since. Once a run saves the link's text in a workspace, that workspace's kept writing
// holds them for the next reload.
func TestAShareLinksWritingSettingsSurviveAReload(t *testing.T) {
	gen := lm.DefaultGenOptions()
	gen.Temperature = 1
	link, err := share.Encode(share.Payload{Config: lm.QuickConfig(), Gen: gen, GenSeed: 1320365748, Prompt: "the wolf said",
		Workers: 2, MinCopied: 5, Weights: lm.WeightsLatest, Text: "the wolf said to the fox"})
	if err != nil {
		t.Fatal(err)
	}
	b, sh := &browser{}, &shelf{}
	load := func() (*store, *[]proto.Message) {
		st, sent := newShelvedStore(t, sh)
		st.draft, st.saveDraft, st.loadQuiz, st.saveQuiz = b.loadDraft, b.saveDraft, b.loadQuiz, b.saveQuiz
		return st, sent
	}
	want := func(when string, st *store, prompt string) {
		t.Helper()
		f := st.v.Form
		if f.Prompt != prompt || st.prompt != prompt || f.Temp != "1" || f.Seed != "1320365748" {
			t.Errorf("%s: prompt %q (box %q), temperature %q, seed %q; want %q, 1, 1320365748", when, st.prompt, f.Prompt, f.Temp, f.Seed, prompt)
		}
	}
	opened, _ := load()
	opened.receive(proto.Message{Kind: proto.Saved})
	opened.openAddress(addressNote{Fragment: link})
	want("as the link opened", opened, "the wolf said")

	after, sent := load()
	after.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "older", Updated: 1}}})
	if slices.ContainsFunc(*sent, func(m proto.Message) bool { return m.Kind == proto.Open }) {
		t.Fatal("after the reload an older workspace was opened in place of the link")
	}
	want("after a reload", after, "the wolf said")
	if after.v.TrainWorkers != 2 || after.v.MinCopied != 5 || after.v.Weights != lm.WeightsLatest || after.text != "the wolf said to the fox" {
		t.Errorf("after a reload: workers %d, least copied run %d, weights %q, text %q; want the link's 2, 5, latest and text",
			after.v.TrainWorkers, after.v.MinCopied, after.v.Weights, after.text)
	}
	after.onSetPrompt(nil, actionOf("the wolf said softly"))

	again, _ := load()
	again.receive(proto.Message{Kind: proto.Saved})
	want("after typing a prompt and a reload", again, "the wolf said softly")

	// Train saves the text in a workspace of its own; the next reload opens it.
	ws := proto.Workspace{ID: "run", Updated: 2}
	again.receive(proto.Message{Kind: proto.Saved, Workspace: &ws, Workspaces: []proto.Workspace{ws}})
	trained, _ := load()
	trained.receive(proto.Message{Kind: proto.Opened, Text: "the wolf said to the fox", Workspace: &ws, HasModel: true, Level: lm.Word})
	want("after training and a reload", trained, "the wolf said softly")
	if trained.v.GenSeed != 0 {
		t.Errorf("after training and a reload the page says it wrote with seed %d; nothing was written", trained.v.GenSeed)
	}
}

// A draft keeps a share link's writing settings as localStorage holds them (JSON); settings out
// of range drop only them, the text and training settings still come back.
func TestADraftsLinkSettingsAreCheckedAsRead(t *testing.T) {
	l := draftLink{Prompt: "the wolf", Gen: lm.DefaultGenOptions(), Seed: 7, Workers: 2, MinCopied: 3, Weights: lm.WeightsLatest}
	for _, c := range []struct {
		name string
		bend func(*draftLink)
		kept bool
	}{
		{"good", func(*draftLink) {}, true},
		{"temperature", func(l *draftLink) { l.Gen.Temperature = -1 }, false},
		{"workers", func(l *draftLink) { l.Workers = proto.MaxWorkers + 1 }, false},
		{"least run", func(l *draftLink) { l.MinCopied = lm.MaxMinCopied + 1 }, false},
		{"weights", func(l *draftLink) { l.Weights = "newest" }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			bent := l
			c.bend(&bent)
			b, err := json.Marshal(draft{Text: "a fox", Config: lm.QuickConfig(), Updated: 1, Link: &bent})
			if err != nil {
				t.Fatal(err)
			}
			d, err := checkDraft(string(b))
			if err != nil || d.Text != "a fox" || (d.Link != nil) != c.kept || (c.kept && *d.Link != l) {
				t.Errorf("got %+v, %v; want the text, and the link's settings kept: %v", d, err, c.kept)
			}
		})
	}
}

// A model link opened after a share link puts its own generation in the form: the workspace its
// model is saved in does not take the share link's (which the form no longer shows).
func TestAModelLinkAfterAShareLinkKeepsNoneOfTheShareLinks(t *testing.T) {
	gen := lm.DefaultGenOptions()
	gen.Temperature = 1
	link, err := share.Encode(share.Payload{Config: lm.QuickConfig(), Gen: gen, GenSeed: 1320365748, Prompt: "the wolf said", Text: "the wolf"})
	if err != nil {
		t.Fatal(err)
	}
	net, tok := tinyLinkNet(t)
	model, err := inlink.Encode(net, tok, inlink.Float16, inlink.Link{Gen: lm.DefaultGenOptions(), GenSeed: 5, Prompt: "토"})
	if err != nil {
		t.Fatal(err)
	}
	sh := &shelf{}
	st, _ := newShelvedStore(t, sh)
	st.openAddress(addressNote{Fragment: link})
	st.openAddress(addressNote{Fragment: model})
	ws := proto.Workspace{ID: "model", Updated: 2}
	st.receive(proto.Message{Kind: proto.Saved, Workspace: &ws, Workspaces: []proto.Workspace{ws}})
	if w, ok := sh.kept["model"]; ok && (w.Prompt == "the wolf said" || w.Gen != nil && w.Gen.Prompt == "the wolf said") {
		t.Errorf("the model link's workspace keeps the share link's writing: %+v", w)
	}
	st.onSetPrompt(nil, actionOf("토토"))
	if w := sh.kept["model"]; w.Gen != nil && w.Gen.Prompt == "the wolf said" {
		t.Errorf("after typing a prompt the model link's workspace keeps the share link's generation: %+v", *w.Gen)
	}
}
