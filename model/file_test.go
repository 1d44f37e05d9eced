package model

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"slices"
	"strconv"
	"strings"
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
		{"unknown split", mutate(func(b []byte) []byte {
			i := bytes.Index(b, []byte(`"split":"white"`))
			copy(b[i:], `"split":"whitx"`)
			return reseal(b)
		}), ErrInvalid},
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
	f.Add("THE FOX RAN.\nTHE DOG SAT.\r\n\tΟΔΥΣΣΕΥΣ\u00a0ΣΑΣ\r", "ran.\n")
	f.Fuzz(func(t *testing.T, corpus, prompt string) {
		for _, split := range []Split{SplitSpace, SplitWhite} {
			for _, level := range []Level{Word, Char} {
				tok := FitTokenizer(level, split, corpus)
				ids, _ := tok.Encode(corpus)
				for _, id := range ids {
					if id < 1 || int(id) >= tok.VocabSize() {
						t.Fatalf("%s/%s: id %d out of [1, %d)", level, split, id, tok.VocabSize())
					}
				}
				// Every token of the corpus is known, and decoding gives a text of the same tokens.
				if again, unknown := tok.Encode(tok.Decode(ids)); len(unknown) != 0 || !slices.Equal(again, ids) {
					t.Fatalf("%s/%s: round trip gives %v (unknown %q); want %v", level, split, again, unknown, ids)
				}
				tok.Encode(prompt)
				if _, err := NewTokenizer(level, split, tok.Words); err != nil {
					t.Fatalf("%s/%s: fitted vocabulary does not rebuild: %v", level, split, err)
				}
			}
		}
		Clean(corpus, CleanBook, 3)
	})
}

// TestFileKeepsTheSplit: a model file records its tokenizer's split, and files that do not (all
// files written before SplitWhite) keep cutting words on spaces alone, so that their tokens glued
// across line breaks are still found.
func TestFileKeepsTheSplit(t *testing.T) {
	text := "the fox ran.\nthe dog sat.\n"
	cfg := BookConfig()
	cfg.Cleaning, cfg.SeqLen, cfg.Embed, cfg.Units = CleanNone, 2, 3, 4
	for _, split := range []Split{SplitSpace, SplitWhite} {
		t.Run(string(split), func(t *testing.T) {
			tok := FitTokenizer(Word, split, text)
			net, err := NewNet(cfg, tok.VocabSize())
			if err != nil {
				t.Fatal(err)
			}
			b, err := Encode(&Model{Net: net, Tok: tok})
			if err != nil {
				t.Fatal(err)
			}
			if recorded := bytes.Contains(b, []byte(`"split":"white"`)); recorded != (split == SplitWhite) {
				t.Errorf(`CONF holds "split":"white": %v; want %v (space is left out, as old files have it)`, recorded, split == SplitWhite)
			}
			m, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			if m.Tok.Split != split || !slices.Equal(m.Tok.Words, tok.Words) {
				t.Fatalf("decoded split %q, words %q; want %q, %q", m.Tok.Split, m.Tok.Words, split, tok.Words)
			}
			ids, unknown := m.Tok.Encode(text)
			if want, _ := tok.Encode(text); !slices.Equal(ids, want) || len(unknown) != 0 {
				t.Errorf("decoded tokenizer encodes %v (unknown %q); want %v", ids, unknown, want)
			}
		})
	}
	old, err := os.ReadFile("testdata/fuzz/FuzzDecode/tiny-model") // written before SplitWhite
	if err != nil {
		t.Fatal(err)
	}
	_, lit, _ := strings.Cut(string(old), "[]byte(")
	file, err := strconv.Unquote(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(lit), ")")))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Decode([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if m.Tok.Split != SplitSpace || m.Net.Cfg.Cleaning != CleanNone || m.Tok.Level != Word {
		t.Errorf("the old word-level file without cleaning opens with split %q; want %q", m.Tok.Split, SplitSpace)
	}
}
