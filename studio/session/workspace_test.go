package session

import (
	"encoding/json"
	"runtime"
	"slices"
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

func find(ms []proto.Message, kind proto.Kind) *proto.Message {
	for i := range ms {
		if ms[i].Kind == kind {
			return &ms[i]
		}
	}
	return nil
}

func TestAutosaveAfterEveryEpochAndOnStopThenOpenResumesTheSameRun(t *testing.T) {
	store := &MemStore{}
	s := New()
	s.SetStore(store)
	cfg := tinyConfig()
	cfg.Epochs = 3
	cfg.Cell = lm.CellGRU // a setting off the presets' is saved and reopened too
	out := s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg})
	saved := find(out, proto.Saved)
	if saved == nil || len(saved.Workspaces) != 1 || saved.Workspaces[0].Epoch != 0 {
		t.Fatalf("training did not save the text and settings first: %v", kinds(out))
	}
	id := saved.Workspace.ID
	epochs := 0
	for extra := 3; extra > 0; { // into the second epoch
		if epochs > 0 {
			extra--
		}
		out := s.Step()
		if find(out, proto.Samples) != nil {
			epochs++
			sv := find(out, proto.Saved)
			if sv == nil || sv.Workspace.Epoch != epochs || sv.Workspace.ValLoss <= 0 {
				t.Fatalf("epoch %d ended without an autosave: %v", epochs, kinds(out))
			}
		}
	}
	if epochs != 1 {
		t.Fatalf("%d epochs passed; the test wants one", epochs)
	}
	if find(s.Handle(proto.Message{Kind: proto.Stop}), proto.Saved) == nil {
		t.Fatal("stop did not save")
	}
	// The run carried on here is what the reopened one must reproduce.
	s.Handle(proto.Message{Kind: proto.Resume})
	for s.Busy() {
		s.Step()
	}

	other := New() // a reloaded page: a new worker, the same storage
	other.SetStore(store)
	list := other.Handle(proto.Message{Kind: proto.Workspaces})[0]
	if len(list.Workspaces) != 1 || list.Workspaces[0].ID != id {
		t.Fatalf("list: %+v", list.Workspaces)
	}
	// Opening gives back what the store held at the stop, not the finished run's later saves:
	// reopen from a copy taken at the stop.
	if list.Workspaces[0].Phase != proto.Done {
		t.Fatalf("the finished run saved phase %q", list.Workspaces[0].Phase)
	}
	atStop := &MemStore{}
	s2 := New()
	s2.SetStore(atStop)
	s2.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg})
	for extra := 3; extra > 0; {
		if len(s2.run.Trainer.History.Epochs) > 0 {
			extra--
		}
		s2.Step()
	}
	s2.Handle(proto.Message{Kind: proto.Stop})
	ws := s2.ws.ID

	reopened := New()
	reopened.SetStore(atStop)
	op := reopened.Handle(proto.Message{Kind: proto.Open, ID: ws})[0]
	if op.Kind != proto.Opened || op.State != proto.Stopped || !op.HasModel || op.Text != koreanText(t) ||
		*op.Config != *cfg || len(op.History.Epochs) != 1 || len(op.SampleLog) != 1 || len(op.SampleLog[0].Samples) != 4 {
		t.Fatalf("opened: kind %s state %s model %v text %v", op.Kind, op.State, op.HasModel, op.Text == koreanText(t))
	}
	if p := op.Progress; p == nil || p.Epoch != 2 || p.Batch != 3 || p.Batches != s2.run.Trainer.Batches() {
		t.Errorf("the reopened run says it stands at %+v; it stopped at epoch 2, batch 3", op.Progress)
	}
	reopened.Handle(proto.Message{Kind: proto.Resume})
	for reopened.Busy() {
		reopened.Step()
	}
	if !slices.Equal(reopened.gen.Net.P.Data, s.gen.Net.P.Data) {
		t.Error("a run saved, reopened and resumed differs from the one that went on")
	}
	if !slices.Equal(reopened.run.Trainer.History.BatchLoss, s.run.Trainer.History.BatchLoss) {
		t.Error("the resumed run's losses differ from the uninterrupted run's")
	}
}

func TestAFullQuotaIsReportedOnceAndTrainingGoesOn(t *testing.T) {
	s := New()
	s.SetStore(&MemStore{Limit: len(koreanText(t)) + 4<<10}) // the text with its settings fits, a model does not
	cfg := tinyConfig()
	cfg.Epochs = 3
	if out := s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg}); find(out, proto.Saved) == nil {
		t.Fatalf("the text alone should fit: %+v", out)
	}
	var errs []string
	for s.Busy() {
		for _, m := range s.Step() {
			if m.Kind == proto.Error {
				errs = append(errs, m.Error)
			}
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "storage for this page is full") || !strings.Contains(errs[0], "Delete") {
		t.Errorf("quota errors reported: %q", errs)
	}
	if s.phase != proto.Done {
		t.Errorf("training ended in %s", s.phase)
	}
}

func TestDeleteAndOpenErrors(t *testing.T) {
	store := &MemStore{}
	s := New()
	s.SetStore(store)
	cfg := tinyConfig()
	cfg.Epochs = 1
	s.Handle(proto.Message{Kind: proto.Train, Text: "first text | a fox and a crow | the end", Config: cfg})
	draft := s.ws.ID
	if out := s.Handle(proto.Message{Kind: proto.Delete, ID: draft}); out[0].Kind != proto.Error || !strings.Contains(out[0].Error, "stop") {
		t.Errorf("deleting the training workspace: %+v", out[0])
	}
	s.Handle(proto.Message{Kind: proto.Stop})
	s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg})
	for s.Busy() {
		s.Step()
	}
	if out := s.Handle(proto.Message{Kind: proto.Open, ID: "nope"}); out[0].Kind != proto.Error || !strings.Contains(out[0].Error, "no longer saved") {
		t.Errorf("opening a missing workspace: %+v", out[0])
	}
	// The first run stopped before an epoch ended: it saved a text and settings, no model.
	op := s.Handle(proto.Message{Kind: proto.Open, ID: draft})[0]
	if op.Kind != proto.Opened || op.HasModel || op.State != proto.Idle || !strings.HasPrefix(op.Text, "first text") {
		t.Errorf("opening a workspace stopped in its first epoch: %+v", op)
	}
	if g := s.Handle(proto.Message{Kind: proto.Generate, Gen: nil}); g[0].Kind != proto.Error {
		t.Errorf("the model of the other workspace is still in use: %+v", g[0])
	}
	out := s.Handle(proto.Message{Kind: proto.Delete, ID: draft})
	if out[0].Kind != proto.Saved || len(out[0].Workspaces) != 1 || out[0].Workspaces[0].ID == draft {
		t.Errorf("after deleting: %+v", out[0])
	}
}

func TestWorkspaceNames(t *testing.T) {
	for text, want := range map[string]string{
		"The Fox and the Grapes\n\nA hungry fox saw some fine bunches of grapes hanging": "The Fox and the Grapes A hungry fox saw…",
		"  ":                    "(empty text)",
		"토끼와 거북이 | 옛날에":         "토끼와 거북이 옛날에",
		strings.Repeat("x", 60): strings.Repeat("x", 40) + "…",
	} {
		if got := nameOf(text); got != want {
			t.Errorf("nameOf(%.20q) = %q, want %q", text, got, want)
		}
	}
}

// streamStore is a Store that writes each saved model file to a counter, as the browser's writes
// it into a JavaScript buffer, and keeps the rest in a MemStore.
type streamStore struct {
	MemStore
	written int64 // the last model file's bytes
}

func (s *streamStore) Put(st Stored) error {
	if st.File != nil {
		n, err := st.File.WriteTo(counter{})
		if err != nil {
			return err
		}
		s.written, st.File = n, nil
	}
	return s.MemStore.Put(st)
}

type counter struct{}

func (counter) Write(p []byte) (int, error) { return len(p), nil }

// TestAutosaveHoldsNoWholeFile: stopping a run saves its model without building the file in Go:
// the store is handed the file laid out (Stored.File) and writes it in chunks. In the browser a
// whole copy (15–22 MB for the book's model) raised the engine's memory for good at each save.
func TestAutosaveHoldsNoWholeFile(t *testing.T) {
	store := &streamStore{}
	s := New()
	s.SetStore(store)
	cfg := tinyConfig()
	cfg.Units, cfg.Embed = 256, 32 // a file of megabytes, so that a copy of it shows
	s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg})
	for range 3 {
		s.Step()
	}
	params := 4 * int64(len(s.run.Net.P.Data)) // bytes of the weights alone; the file holds them and Adam's two slots
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	out := s.Handle(proto.Message{Kind: proto.Stop})
	runtime.ReadMemStats(&after)
	if find(out, proto.Saved) == nil {
		t.Fatalf("stop did not save: %v", kinds(out))
	}
	if store.written < 3*params {
		t.Fatalf("the saved file was %d bytes; want the weights and Adam's slots, at least %d", store.written, 3*params)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > uint64(params/2) {
		t.Errorf("stopping and saving allocated %d bytes for a file of %d; want at most %d (no copy of the file or its weights)",
			got, store.written, params/2)
	}
}

// A workspace's description carries its run's settings, so that the list can tell two runs of
// one text apart by what differs; settings out of range in a description (a crafted or older
// store) are dropped, not called damage: only the list's titles read them.
func TestTheDescriptionCarriesTheSettings(t *testing.T) {
	s := New()
	s.SetStore(&MemStore{})
	cfg := tinyConfig()
	cfg.Cell, cfg.Units = lm.CellGRU, 24
	saved := find(s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg}), proto.Saved)
	if saved == nil || len(saved.Workspaces) != 1 {
		t.Fatal("training saved no workspace")
	}
	if got := saved.Workspaces[0].Config; got == nil || *got != *cfg {
		t.Errorf("the listed description's settings: got %+v; want %+v", got, *cfg)
	}

	bad := *cfg
	bad.Units = -5
	for _, tc := range []struct {
		name string
		cfg  *lm.Config
		want *lm.Config
	}{{"in range", cfg, cfg}, {"out of range", &bad, nil}, {"none (saved before)", nil, nil}} {
		t.Run(tc.name, func(t *testing.T) {
			meta, _ := json.Marshal(proto.Workspace{ID: "w", Name: "a fox", Level: lm.Word, Phase: proto.Idle, Config: tc.cfg})
			w, err := decodeMeta(Stored{ID: "w", HasMeta: true, Meta: meta})
			if err != nil || (w.Config == nil) != (tc.want == nil) || (w.Config != nil && *w.Config != *tc.want) {
				t.Errorf("got %+v, %v; want settings %+v and no error", w.Config, err, tc.want)
			}
		})
	}
}

// A workspace saved while its run trained keeps that phase in its description, and opens with
// the run stopped and resumable: the page reads the two together as a run cut off by a reload or
// a closed tab, not one the user stopped (app: View.Interrupted).
func TestAWorkspaceSavedMidRunOpensStoppedWithItsSavedPhase(t *testing.T) {
	store := &MemStore{}
	s := New()
	s.SetStore(store)
	cfg := tinyConfig()
	cfg.Epochs = 3
	s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg})
	for len(s.run.Trainer.History.Epochs) == 0 { // the first epoch's autosave, then the tab goes
		s.Step()
	}
	s.Step()

	reloaded := New()
	reloaded.SetStore(store)
	list := reloaded.Handle(proto.Message{Kind: proto.Workspaces})[0]
	if len(list.Workspaces) != 1 || list.Workspaces[0].Phase != proto.Training {
		t.Fatalf("list after the reload: %+v; want one workspace saved in phase training", list.Workspaces)
	}
	op := find(reloaded.Handle(proto.Message{Kind: proto.Open, ID: list.Workspaces[0].ID, Seq: 1}), proto.Opened)
	if op == nil || op.State != proto.Stopped || op.Workspace == nil || op.Workspace.Phase != proto.Training || op.Progress == nil {
		t.Fatalf("opened: %+v; want state stopped, the description's phase training and where the run stands", op)
	}
	if out := reloaded.Handle(proto.Message{Kind: proto.Resume}); out[0].State != proto.Training {
		t.Errorf("Resume after the reload: %+v", out)
	}
}
