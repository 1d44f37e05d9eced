package lm

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/model.json and v2.fab from what this code decodes and writes")

// Golden files for compatibility (testdata/golden):
//
//	v1.fab      a version-1 model file, as Fabulist wrote them before the kind was in the header
//	            (word level, no cleaning, no split recorded, Adam's state): never rewritten
//	model.json  what it must decode to: settings, vocabulary, every weight, history, training state
//	v2.fab      what Encode writes of that model today
//
// go test -run TestGoldenFiles -update rewrites model.json and v2.fab; review their diff: a change
// to either is a change to what users' files mean.

// describe is what a model file decodes to, one JSON line per part, so that a diff shows which
// part changed. float32s are written as the shortest decimals that read back to the same bits.
func describe(m *Model) []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	parts := []struct {
		name string
		v    any
	}{
		{"config", m.Net.Cfg}, {"vocab_size", m.Net.V}, {"level", m.Tok.Level}, {"split", m.Tok.Split},
		{"words", m.Tok.Words}, {"weights", m.Net.P.Data}, {"history", m.History},
		{"text_sha256", fmt.Sprintf("%x", m.TextHash)}, {"train", m.Train},
	}
	if m.Train != nil {
		parts = append(parts, struct {
			name string
			v    any
		}{"slots", m.Train.Slots}, struct {
			name string
			v    any
		}{"order", m.Train.Order})
	}
	for i, p := range parts {
		js, err := json.Marshal(p.v)
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(&b, " %q: %s", p.name, js)
		if i < len(parts)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func golden(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameText fails t at the first line where got and want differ.
func sameText(t *testing.T, what string, got, want []byte) {
	t.Helper()
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Fatalf("%s, line %d:\n got %.300s\nwant %.300s\n(go test -update rewrites the golden files: review their diff)", what, i+1, gl, wl)
		}
	}
}

func TestGoldenFiles(t *testing.T) {
	v1 := golden(t, "v1.fab")
	m1, err := Decode(v1)
	if err != nil {
		t.Fatalf("the version-1 file no longer opens: %v", err)
	}
	got, written := describe(m1), mustEncode(t, m1)
	if *update {
		for name, b := range map[string][]byte{"model.json": got, "v2.fab": written} {
			if err := os.WriteFile(filepath.Join("testdata", "golden", name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := golden(t, "model.json")
	sameText(t, "v1.fab decodes to", got, want)
	if v2 := golden(t, "v2.fab"); !bytes.Equal(written, v2) {
		t.Errorf("Encode writes %d bytes, not v2.fab's %d", len(written), len(v2))
	}
	m2, err := Decode(golden(t, "v2.fab"))
	if err != nil {
		t.Fatal(err)
	}
	sameText(t, "v2.fab decodes to", describe(m2), want)
	// A version-1 file without a split cuts its words on spaces alone, as it was trained: its
	// tokens glued across line breaks are still found.
	ids, unknown := m1.Tok.Encode("the fox ran.\nthe dog")
	if glued := m1.Tok.ID("ran.\nthe"); len(unknown) != 0 || len(ids) != 4 || glued == 0 || ids[2] != glued {
		t.Errorf("the old file's tokenizer cuts %v (unknown %q); want 4 tokens, the third \"ran.\\nthe\" (id %d)", ids, unknown, glued)
	}
}

// reread is m written to a model file and read back.
func reread(t *testing.T, m *Model) *Model {
	t.Helper()
	back, err := Decode(mustEncode(t, m))
	if err != nil {
		t.Fatal(err)
	}
	return back
}

func mustEncode(t *testing.T, m *Model) []byte {
	t.Helper()
	b, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
