package session

import (
	"encoding/json"
	"strings"
	"testing"

	"fabulist/studio/proto"
)

// trainedStore holds one healthy workspace with a model, trained for an epoch; it returns its id.
func trainedStore(t *testing.T) (*MemStore, string) {
	t.Helper()
	store := &MemStore{}
	s := New()
	s.SetStore(store)
	cfg := tinyConfig()
	cfg.Epochs = 1
	s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg})
	for s.Busy() {
		s.Step()
	}
	if s.ws == nil || store.recs[s.ws.ID].Model == nil {
		t.Fatal("the training run saved no model")
	}
	return store, s.ws.ID
}

// withMeta rewrites a description's JSON field by field.
func withMeta(t *testing.T, meta []byte, set map[string]any) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(meta, &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range set {
		m[k] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDamagedWorkspacesAreListedOpenNothingAndCanBeDeleted(t *testing.T) {
	store, good := trainedStore(t)
	healthy := store.recs[good]
	for _, c := range []struct {
		name   string
		damage func(st *Stored)
		want   string // in the reason
	}{
		{"the store found the model of the wrong type", func(st *Stored) {
			st.Model, st.DataFault, st.DataFaultBytes = nil, "the model is not bytes but a string", 12
		}, "the model is not bytes but a string"},
		{"the store found the description of the wrong type", func(st *Stored) {
			st.Meta, st.MetaFault, st.MetaFaultBytes = nil, "its description is not text but a number", 8
		}, "its description is not text but a number"},
		{"model bytes flipped", func(st *Stored) { st.Model[len(st.Model)/2] ^= 0xff }, "the model is corrupted (its checksum does not match)"},
		{"model cut short", func(st *Stored) { st.Model = st.Model[:len(st.Model)-100] }, "the model is cut short"},
		{"model not a model", func(st *Stored) { st.Model = []byte("{\"weights\": []}") }, "the model is not a model file"},
		{"model of another version", func(st *Stored) { st.Model[8] = 99 }, "the model does not decode: unsupported model file version"},
		{"description not JSON", func(st *Stored) { st.Meta = []byte("{\"id\": \"bad\", ") }, "its description does not parse"},
		{"description of the wrong shape", func(st *Stored) { st.Meta = withMeta(t, st.Meta, map[string]any{"epoch": "one"}) }, "its description does not parse"},
		{"description JSON null", func(st *Stored) { st.Meta = []byte("null") }, "its description has no id"},
		{"description of another workspace", func(st *Stored) { st.Meta = withMeta(t, st.Meta, map[string]any{"id": "other"}) }, "of another workspace"},
		{"description with an unknown phase", func(st *Stored) { st.Meta = withMeta(t, st.Meta, map[string]any{"phase": "flying"}) }, "unknown phase"},
		{"description with an unknown level", func(st *Stored) { st.Meta = withMeta(t, st.Meta, map[string]any{"level": "byte"}) }, "unknown level"},
		{"description with a negative count", func(st *Stored) { st.Meta = withMeta(t, st.Meta, map[string]any{"chars": -5}) }, "negative count"},
		{"description missing", func(st *Stored) { st.HasMeta, st.Meta = false, nil }, "its description is missing"},
		{"data missing", func(st *Stored) { st.HasData, st.Data, st.Model = false, nil, nil }, "its text and model are missing"},
		{"data not JSON", func(st *Stored) { st.Data = st.Data[:len(st.Data)/2] }, "its text and settings do not parse"},
		{"settings out of range", func(st *Stored) {
			st.Data = []byte(strings.Replace(string(st.Data), `"units":16`, `"units":0`, 1))
		}, "its settings are invalid (units must be"},
		{"samples of a negative epoch", func(st *Stored) {
			st.Data = []byte(strings.Replace(string(st.Data), `"epoch":1`, `"epoch":-1`, 1))
		}, "its samples have a negative epoch"},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := clone(healthy)
			bad.ID = "bad"
			bad.Meta = withMeta(t, bad.Meta, map[string]any{"id": "bad", "updated": 9e12}) // newer than the healthy one
			c.damage(&bad)
			if err := store.Put(bad); err != nil {
				t.Fatal(err)
			}
			defer store.Delete("bad")

			// A reloaded page opens the damaged workspace before the background scan got to it:
			// the answer says why it cannot, and lists it as damaged.
			s := New()
			s.SetStore(store)
			out := s.Handle(proto.Message{Kind: proto.Open, ID: "bad", Seq: 7})
			if len(out) != 2 || out[0].Kind != proto.Error || out[0].Seq != 7 || !strings.Contains(out[0].Error, c.want) ||
				out[1].Kind != proto.Saved || !listedDamaged(out[1].Workspaces, "bad", c.want) {
				t.Errorf("opening the damaged workspace answered %v: %+v", kinds(out), out)
			}

			// Another reloaded page lists the workspaces: what the descriptions say at once, what
			// the data holds after the background scan, which sends the list again if it differs.
			s = New()
			s.SetStore(store)
			list := s.Handle(proto.Message{Kind: proto.Workspaces})[0].Workspaces
			for s.Busy() {
				if m := find(s.Step(), proto.Saved); m != nil {
					list = m.Workspaces
				}
			}
			byID := map[string]proto.Workspace{}
			for _, w := range list {
				byID[w.ID] = w
			}
			if len(list) != 2 || len(byID) != 2 {
				t.Fatalf("listed %d workspaces; want the healthy and the damaged one: %+v", len(list), list)
			}
			if w := byID[good]; w.Damaged != "" || w.Epoch != 1 {
				t.Errorf("the healthy workspace is listed as %+v", w)
			}
			if w := byID["bad"]; !strings.Contains(w.Damaged, c.want) || w.Bytes != bad.Size() {
				t.Errorf("damaged workspace: reason %q, %d bytes; want a reason with %q, %d bytes", w.Damaged, w.Bytes, c.want, bad.Size())
			}
			if strings.Contains(byID["bad"].Damaged, "\n") {
				t.Errorf("the reason is not one line: %q", byID["bad"].Damaged)
			}

			if op := s.Handle(proto.Message{Kind: proto.Open, ID: good})[0]; op.Kind != proto.Opened || !op.HasModel || op.Text != koreanText(t) {
				t.Errorf("the healthy workspace beside the damaged one did not open: %s %q", op.Kind, op.Error)
			}

			out = s.Handle(proto.Message{Kind: proto.Delete, ID: "bad"})
			if len(out) != 1 || out[0].Kind != proto.Saved || len(out[0].Workspaces) != 1 || out[0].Workspaces[0].ID != good {
				t.Errorf("after deleting the damaged workspace: %+v", out)
			}
			if _, err := store.Get("bad"); err != ErrNoWorkspace {
				t.Errorf("the damaged records are still stored: %v", err)
			}
		})
	}
}

func listedDamaged(list []proto.Workspace, id, reason string) bool {
	for _, w := range list {
		if w.ID == id {
			return strings.Contains(w.Damaged, reason)
		}
	}
	return false
}

// countingStore counts the data records read.
type countingStore struct {
	*MemStore
	gets int
}

func (c *countingStore) Get(id string) (Stored, error) {
	c.gets++
	return c.MemStore.Get(id)
}

// Listing after every save must not read every model again, nor must the first listing of a
// visit wait for them all: each data record is checked once, in the background.
func TestEachDataRecordIsCheckedOnceInTheBackground(t *testing.T) {
	mem, good := trainedStore(t)
	orphan := clone(mem.recs[good])
	orphan.ID, orphan.HasMeta, orphan.Meta = "orphan", false, nil
	mem.Put(orphan)
	store := &countingStore{MemStore: mem}
	s := New()
	s.SetStore(store)
	s.Handle(proto.Message{Kind: proto.Workspaces})
	if store.gets != 0 || !s.Busy() {
		t.Errorf("listing read %d data records itself (busy %v); want none, and a scan to follow", store.gets, s.Busy())
	}
	var relisted []proto.Workspace
	for s.Busy() {
		if m := find(s.Step(), proto.Saved); m != nil {
			relisted = m.Workspaces
		}
	}
	if store.gets != 2 || !listedDamaged(relisted, "orphan", "its description is missing") {
		t.Errorf("the scan read %d data records (want 2), then listed %+v", store.gets, relisted)
	}
	for range 2 {
		s.Handle(proto.Message{Kind: proto.Workspaces})
		for s.Busy() {
			s.Step()
		}
	}
	cfg := tinyConfig()
	s.Handle(proto.Message{Kind: proto.Train, Text: "a fox and a crow | the end | a fox and a crow", Config: cfg})
	s.Handle(proto.Message{Kind: proto.Stop}) // saves and lists again
	for s.Busy() {
		s.Step()
	}
	if store.gets != 2 {
		t.Errorf("later listings, and the session's own saves, read records again: %d reads in all", store.gets)
	}
	list := s.Handle(proto.Message{Kind: proto.Workspaces})[0].Workspaces
	if len(list) != 3 {
		t.Fatalf("listed %+v", list)
	}
	for _, w := range list {
		if (w.ID == "orphan") != (w.Damaged != "") {
			t.Errorf("%s: damaged %q", w.ID, w.Damaged)
		}
		if w.ID == "orphan" && !strings.HasPrefix(w.Name, "토끼") { // the name comes from its readable text
			t.Errorf("the orphan is named %q", w.Name)
		}
	}
}
