package qa

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"slices"
	"testing"

	"fabulist/model/fab"
	"fabulist/model/fab/fabtest"
	"fabulist/model/nn"
)

// sampleModel is a small trained model with its optimizer state and a history, and its file.
func sampleModel(t testing.TB) (*Model, []byte) {
	t.Helper()
	words := append(slices.Clone(reserved), "who", "is", "the", "fox", "?", "여우", "🦊")
	cfg := Config{Arch: ArchDefault, Shape: Shape{V: len(words), Embed: 4, Units: 3, Decoder: 5, Attention: 3, Answer: 2},
		Optimizer: nn.AdamName, LR: 0.01, ClipNorm: 5, Batch: 2, Epochs: 1, Seed: 3}
	n, err := NewNet(cfg.Shape, cfg.Seed)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewTrainer(n, cfg.Optimizer, cfg.LR, cfg.ClipNorm)
	if err != nil {
		t.Fatal(err)
	}
	v := NewVocab(words)
	l := tr.Step(MakeBatch([]Example{
		v.NewExample([]string{"the", "fox", "여우"}, 1, 2, []string{"who", "is", "the", "fox", "?"}),
		v.NewExample([]string{"🦊", "is", "Reynard"}, 2, 3, []string{"who", "is", "Reynard", "?"}),
	}, cfg.V))
	slots, step := tr.Opt.State()
	m := &Model{Config: cfg, Net: n, Vocab: v, History: History{Train: []Losses{l}},
		Train: &TrainState{Optimizer: cfg.Optimizer, Step: step, Slots: slots}}
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
	if !reflect.DeepEqual(got.Config, m.Config) || !slices.Equal(got.Net.Params().Data, m.Net.Params().Data) ||
		!slices.Equal(got.Vocab.Words, m.Vocab.Words) || !reflect.DeepEqual(got.History, m.History) ||
		!reflect.DeepEqual(got.Train, m.Train) {
		t.Errorf("decoded model differs from the encoded one")
	}
	again, err := Encode(got)
	if err != nil || !bytes.Equal(again, b) {
		t.Errorf("encoding the decoded model gives other bytes (err %v)", err)
	}
}

func TestDecodeRefusesBadFiles(t *testing.T) {
	_, good := sampleModel(t)
	mutate := func(f func([]byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	replace := func(old, new string) []byte {
		return mutate(func(b []byte) []byte {
			i := bytes.Index(b, []byte(old))
			if i < 0 || len(old) != len(new) {
				t.Fatalf("%q not in the file, or %q not of its length", old, new)
			}
			copy(b[i:], new)
			return fabtest.Reseal(b)
		})
	}
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, fab.ErrNotModel},
		{"text generator", mutate(func(b []byte) []byte { copy(b[12:], fab.TextGenerator); return b }), fab.ErrKind},
		{"truncated", good[:len(good)/2], fab.ErrTruncated},
		{"flipped bit", mutate(func(b []byte) []byte { b[len(b)/2] ^= 0x10; return b }), fab.ErrChecksum},
		{"absurd section size", mutate(func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[fab.HeaderLen+4:], 1<<60)
			return fabtest.Reseal(b)
		}), fab.ErrTruncated},
		{"unknown architecture", replace(`"arch":"default"`, `"arch":"defaulx"`), fab.ErrInvalid},
		{"vocabulary larger than the file", replace(`"vocab_size":11`, `"vocab_size":99`), fab.ErrInvalid},
		{"vocabulary smaller than its words", replace(`"vocab_size":11`, `"vocab_size":10`), fab.ErrInvalid},
		{"huge units", replace(`"units":3`, `"units":9`), fab.ErrInvalid},
		{"unknown optimizer", replace(`"optimizer":"adam"`, `"optimizer":"adax"`), fab.ErrInvalid},
		{"reserved word", replace("who", "<U>"), nil},
		{"NaN weight", mutate(func(b []byte) []byte {
			i := bytes.Index(b, []byte("WGHT")) + fab.SectionHeaderLen + 8
			binary.LittleEndian.PutUint32(b[i:], 0x7fc00000)
			return fabtest.Reseal(b)
		}), fab.ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Decode(c.data)
			if c.want == nil {
				if err != nil {
					t.Errorf("got %v; want a model", err)
				}
				return
			}
			if m != nil || !errors.Is(err, c.want) {
				t.Errorf("got %v, %v; want an error wrapping %v", m != nil, err, c.want)
			}
		})
	}
}

// FuzzDecode feeds the decoder damaged question model files of either architecture: it must
// return a model or an error, never panic, and a model it returns must encode again.
func FuzzDecode(f *testing.F) {
	_, good := sampleModel(f)
	f.Add(good)
	f.Add(good[:len(good)/3])
	book := bookFile(f)
	f.Add(book)
	f.Add(book[:len(book)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode(data)
		if err != nil {
			return
		}
		if _, err := Encode(m); err != nil {
			t.Fatalf("a decoded model does not encode: %v", err)
		}
	})
}
