package model

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"slices"
	"testing"
)

func sampleModel(t testing.TB) (*Model, []byte) {
	t.Helper()
	net, data, tok := smallSetup(t, func(c *Config) { c.Epochs = 1 })
	tr, _ := NewTrainer(net, data)
	trainAll(t, tr)
	m := &Model{Net: net, Tok: tok, History: tr.History, TextHash: HashText(fableText), Train: tr.State()}
	b, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	return m, b
}

func TestFileRoundTrip(t *testing.T) {
	m, b := sampleModel(t)
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Net.Cfg != m.Net.Cfg || !slices.Equal(got.Net.P.Data, m.Net.P.Data) || !slices.Equal(got.Tok.Words, m.Tok.Words) {
		t.Error("config, weights or vocabulary changed in the round trip")
	}
	if got.TextHash != m.TextHash || len(got.History.Epochs) != 1 || got.History.Epochs[0] != m.History.Epochs[0] {
		t.Error("text hash or history changed in the round trip")
	}
	if got.Train == nil || got.Train.Step != m.Train.Step || !slices.Equal(got.Train.Slots[0], m.Train.Slots[0]) ||
		!slices.Equal(got.Train.Order, m.Train.Order) || !slices.Equal(got.Train.RNG, m.Train.RNG) {
		t.Error("training state changed in the round trip")
	}
	again, _ := Encode(got)
	if !slices.Equal(again, b) {
		t.Error("re-encoding a decoded file gives other bytes")
	}
}

// reseal fixes the checksum after a deliberate change, so that the decoder's deeper checks run.
func reseal(b []byte) []byte {
	n := binary.LittleEndian.Uint64(b[12:])
	binary.LittleEndian.PutUint32(b[20+n:], crc32.ChecksumIEEE(b[20:20+n]))
	return b
}

func TestDecodeRefusesBadFiles(t *testing.T) {
	_, good := sampleModel(t)
	mutate := func(f func([]byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotModel},
		{"foreign", []byte("PK\x03\x04 a zip file, not a model"), ErrNotModel},
		{"version 2", mutate(func(b []byte) []byte { b[8] = 2; return b }), ErrVersion},
		{"truncated", good[:len(good)/2], ErrTruncated},
		{"no checksum", good[:len(good)-2], ErrTruncated},
		{"flipped bit", mutate(func(b []byte) []byte { b[len(b)/2] ^= 0x10; return b }), ErrChecksum},
		{"trailing bytes", append(append([]byte(nil), good...), 0), ErrInvalid},
		{"absurd payload length", mutate(func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[12:], 1<<62)
			return b
		}), ErrTruncated},
		{"absurd section size", mutate(func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[24:], 1<<60) // the CONF section's size
			return reseal(b)
		}), ErrTruncated},
		{"config out of range", mutate(func(b []byte) []byte {
			i := slices.Index(b, '"') // inside the CONF JSON: "config":{"level":"word"
			copy(b[i:], `"configx"`)
			return reseal(b)
		}), ErrInvalid},
	}
	for _, c := range cases {
		m, err := Decode(c.data)
		if m != nil || !errors.Is(err, c.want) {
			t.Errorf("%s: got %v; want %v", c.name, err, c.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	_, good := sampleModel(f)
	f.Add(good)
	f.Add(good[:100])
	f.Add([]byte("FABULIST\x01\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Decode(b)
		if err == nil {
			// Whatever decodes must encode back to the same bytes.
			again, err := Encode(m)
			if err != nil || !slices.Equal(again, b) {
				t.Errorf("decoded file does not re-encode to itself (%v)", err)
			}
		}
	})
}

func FuzzTokenizer(f *testing.F) {
	f.Add("the fox , the grapes", "the fox")
	f.Add("토끼와 거북이 🐢", "거북이 🐢🐢")
	f.Add("\xff\xfe bad utf8", "\xff")
	f.Fuzz(func(t *testing.T, corpus, prompt string) {
		for _, level := range []Level{Word, Char} {
			tok := FitTokenizer(level, corpus)
			ids, _ := tok.Encode(corpus)
			for _, id := range ids {
				if id < 1 || int(id) >= tok.VocabSize() {
					t.Fatalf("id %d out of [1, %d)", id, tok.VocabSize())
				}
			}
			// Every token of the corpus is known, and decoding gives back a text of its tokens.
			if again, unknown := tok.Encode(tok.Decode(ids)); len(unknown) != 0 && level == Word {
				t.Fatalf("round trip lost tokens %q (%v)", unknown, again)
			}
			tok.Encode(prompt)
			if _, err := NewTokenizer(level, tok.Words); err != nil {
				t.Fatalf("fitted vocabulary does not rebuild: %v", err)
			}
		}
		Clean(corpus, CleanBook, 3)
	})
}
