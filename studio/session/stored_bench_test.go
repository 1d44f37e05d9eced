package session

import (
	"testing"

	"fabulist/internal/need"
	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// BenchmarkCheckBookWorkspace is what the first listing of a visit costs per workspace: a
// workspace of the book's model on Aesop's fables (word level), checked whole, its model decoded.
// Later listings read no data record.
func BenchmarkCheckBookWorkspace(b *testing.B) {
	text := string(need.Data(b, "aesop.txt"))
	store := &MemStore{}
	s := New()
	s.SetStore(store)
	cfg := lm.DefaultConfig()
	s.Handle(proto.Message{Kind: proto.Train, Text: text, Config: &cfg})
	s.Step()
	s.Handle(proto.Message{Kind: proto.Stop})
	st := store.recs[s.ws.ID]
	if st.Model == nil {
		b.Fatal("no model saved")
	}
	b.SetBytes(int64(st.Size()))
	for b.Loop() {
		if v := check(st); v.reason != "" {
			b.Fatal(v.reason)
		}
	}
}
