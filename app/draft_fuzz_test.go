package app

import (
	"errors"
	"testing"
)

// FuzzCheckDraft: whatever localStorage holds under the draft's key, reading it gives a draft or
// a damage that says so, never a panic; a draft it gives has a date not before 1970 and either no
// share link's writing settings or ones in range (restoreDraft shows them unchecked).
func FuzzCheckDraft(f *testing.F) {
	f.Add(`{"config":{},"updated":1}`)
	f.Add(`{"config":{},"updated":1,"link":{"prompt":"the wolf said","gen":{"n":60,"temperature":1},"seed":7,"workers":2}}`)
	f.Add(`{"config":{},"updated":1,"link":{"prompt":"x","gen":{"n":-1,"temperature":99},"workers":1000}}`)
	f.Add(`{"updated":-5}`)
	f.Add(`nul`)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := checkDraft(s)
		if err != nil {
			var dmg *draftDamage
			if !errors.As(err, &dmg) {
				t.Fatalf("an error that is no draftDamage: %v", err)
			}
			return
		}
		if d.Updated < 0 {
			t.Fatalf("a negative date kept: %d", d.Updated)
		}
		if d.Link != nil {
			if err := d.Link.check(); err != nil {
				t.Fatalf("link settings out of range kept: %v", err)
			}
		}
	})
}
