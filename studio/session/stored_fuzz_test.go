package session

import (
	"encoding/json"
	"errors"
	"testing"

	"fabulist/model/lm"
)

// FuzzDecodeStored: whatever a browser's storage hands back, decode returns a workspace or an
// error that says it is damaged; it never panics and never takes a damaged record for a good one.
func FuzzDecodeStored(f *testing.F) {
	good, err := json.Marshal(storedData{Text: "a story", Config: lm.BookConfig()})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(`{"id":"w","name":"a","updated":1,"phase":"idle"}`), []byte(`{"text":"a story","config":{}}`), []byte("FABULIST"), true, true)
	f.Add([]byte(`{"id":"w"}`), []byte(`{"text":5}`), []byte(nil), true, true)
	f.Add([]byte(`nul`), []byte(``), []byte(nil), true, false)
	f.Add([]byte(`{"id":"w","updated":2,"phase":"stopped","level":"word","config":{"units":64,"seq_length":20}}`), good, []byte(nil), true, true)
	f.Add([]byte(`{"id":"w","updated":2,"phase":"stopped","level":"word","config":{"units":-1,"batch":1000000000}}`), good, []byte(nil), true, true)
	f.Fuzz(func(t *testing.T, meta, data, model []byte, hasMeta, hasData bool) {
		st := Stored{ID: "w", HasMeta: hasMeta, Meta: meta, HasData: hasData, Data: data, Model: model}
		rec, m, err := decode(st)
		if err != nil {
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("an error that is not ErrDamaged: %v", err)
			}
			return
		}
		if rec.Info.ID != "w" || (m == nil) != (len(model) == 0) {
			t.Fatalf("decoded %+v with model %v from %q", rec.Info, m != nil, meta)
		}
		if c := rec.Info.Config; c != nil && len(c.FieldErrors()) > 0 {
			t.Fatalf("a description's settings out of range were kept for the list's titles: %v", c.FieldErrors())
		}
	})
}
