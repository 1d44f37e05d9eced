package fragment

import (
	"bytes"
	"errors"
	"testing"
)

// TestSealCutUnseal: a sealed body comes back whole under its key and version; another key, a
// fragment without a version, a changed character and a body past the bound are refused.
func TestSealCutUnseal(t *testing.T) {
	body := []byte(`{"text":"토끼와 거북이 🐢"}`)
	f, err := Seal("s", 3, body)
	if err != nil {
		t.Fatal(err)
	}
	v, sealed, err := Cut(f, "s")
	if err != nil || v != "3" {
		t.Fatalf("Cut(%.12q): version %q, %v", f, v, err)
	}
	if got, err := Unseal(sealed, len(body)); err != nil || !bytes.Equal(got, body) {
		t.Errorf("Unseal: %q, %v; want %q", got, err, body)
	}
	if _, _, err := Cut(f, "m"); !errors.Is(err, ErrOtherKey) {
		t.Errorf("another key: %v; want ErrOtherKey", err)
	}
	if _, _, err := Cut("#s=3", "s"); !errors.Is(err, ErrBroken) {
		t.Errorf("no version: %v; want ErrBroken", err)
	}
	changed := []byte(sealed)
	changed[len(changed)/2] ^= 1
	if _, err := Unseal(string(changed), len(body)); !errors.Is(err, ErrBroken) {
		t.Errorf("a changed character: %v; want ErrBroken", err)
	}
	if _, err := Unseal(sealed, len(body)-1); !errors.Is(err, ErrBroken) {
		t.Errorf("a body one byte past the bound: %v; want ErrBroken", err)
	}
}
