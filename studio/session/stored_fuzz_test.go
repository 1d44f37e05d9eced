package session

import (
	"errors"
	"testing"
)

// FuzzDecodeStored: whatever a browser's storage hands back, decode returns a workspace or an
// error that says it is damaged; it never panics and never takes a damaged record for a good one.
func FuzzDecodeStored(f *testing.F) {
	f.Add([]byte(`{"id":"w","name":"a","updated":1,"phase":"idle"}`), []byte(`{"text":"a story","config":{}}`), []byte("FABULIST"), true, true)
	f.Add([]byte(`{"id":"w"}`), []byte(`{"text":5}`), []byte(nil), true, true)
	f.Add([]byte(`nul`), []byte(``), []byte(nil), true, false)
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
	})
}
