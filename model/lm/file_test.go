package lm

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"runtime"
	"slices"
	"testing"

	"fabulist/model/fab"
	"fabulist/model/fab/fabtest"
)

func sampleModel(t testing.TB) (*Model, []byte) {
	t.Helper()
	net, data, tok := smallSetup(t, func(c *Config) { c.Epochs = 1 })
	tr, _ := NewTrainer(net, data)
	trainAll(t, tr)
	m := &Model{Net: net, Tok: tok, History: tr.History, TextHash: HashText(fableText), Train: tr.State(), Best: tr.Best}
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

// TestFileKeepsTheCell: a model of each cell comes back from its file predicting what it did. An
// LSTM's file leaves the cell out, as files written before the setting have it (TestGoldenFiles
// opens one of those); the others record it.
func TestFileKeepsTheCell(t *testing.T) {
	for _, cell := range cells {
		t.Run(string(cell), func(t *testing.T) {
			net, _, tok := smallSetup(t, func(c *Config) { c.Cell, c.Layers = cell, 2 })
			b, err := Encode(&Model{Net: net, Tok: tok})
			if err != nil {
				t.Fatal(err)
			}
			if recorded := bytes.Contains(b, []byte(`"cell":`)); recorded != (cell != CellLSTM) {
				t.Errorf("CONF records the cell: %v; want %v", recorded, cell != CellLSTM)
			}
			m, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			if m.Net.Cfg != net.Cfg || !slices.Equal(m.Net.P.Data, net.P.Data) {
				t.Fatalf("decoded config %+v; want %+v, and the same weights", m.Net.Cfg, net.Cfg)
			}
			want := slices.Clone(NewGenerator(net, tok).WindowLogits([]int32{1, 2, 3}))
			if got := NewGenerator(m.Net, m.Tok).WindowLogits([]int32{1, 2, 3}); !slices.Equal(got, want) {
				t.Errorf("the decoded model predicts %v; want %v", got[:3], want[:3])
			}
		})
	}
}

// reseal fixes the checksum after a deliberate change, so that the decoder's deeper checks run.
func TestDecodeRefusesBadFiles(t *testing.T) {
	_, good := sampleModel(t)
	mutate := func(f func([]byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, fab.ErrNotModel},
		{"foreign", []byte("PK\x03\x04 a zip file, not a model"), fab.ErrNotModel},
		{"version 3", mutate(func(b []byte) []byte { b[8] = 3; return b }), fab.ErrVersion},
		{"version 0", mutate(func(b []byte) []byte { b[8] = 0; return b }), fab.ErrVersion},
		{"question generator", mutate(func(b []byte) []byte { copy(b[12:], fab.QuestionGenerator); return b }), fab.ErrKind},
		{"unknown kind", mutate(func(b []byte) []byte { copy(b[12:], "ZZZZ"); return b }), fab.ErrInvalid},
		{"truncated", good[:len(good)/2], fab.ErrTruncated},
		{"no checksum", good[:len(good)-2], fab.ErrTruncated},
		{"flipped bit", mutate(func(b []byte) []byte { b[len(b)/2] ^= 0x10; return b }), fab.ErrChecksum},
		{"trailing bytes", append(append([]byte(nil), good...), 0), fab.ErrInvalid},
		{"absurd payload length", mutate(func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[16:], 1<<62)
			return b
		}), fab.ErrTruncated},
		{"absurd section size", mutate(func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[fab.HeaderLen+4:], 1<<60) // the CONF section's size
			return fabtest.Reseal(b)
		}), fab.ErrTruncated},
		{"unknown split", mutate(func(b []byte) []byte {
			i := bytes.Index(b, []byte(`"split":"white"`))
			copy(b[i:], `"split":"whitx"`)
			return fabtest.Reseal(b)
		}), fab.ErrInvalid},
		{"config out of range", mutate(func(b []byte) []byte {
			i := slices.Index(b, '"') // inside the CONF JSON: "config":{"level":"word"
			copy(b[i:], `"configx"`)
			return fabtest.Reseal(b)
		}), fab.ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := Decode(c.data)
			if m != nil || !errors.Is(err, c.want) {
				t.Errorf("got %v; want %v", err, c.want)
			}
		})
	}
}

// toCurrentVersion is a version-1 file as the current version writes the same model: the header
// gains the kind; the payload and its checksum do not change. Other files are returned as they are.
func toCurrentVersion(b []byte) []byte {
	if len(b) < fab.HeaderLenV1 || binary.LittleEndian.Uint32(b[8:]) != 1 {
		return b
	}
	out := append([]byte(nil), b[:12]...)
	binary.LittleEndian.PutUint32(out[8:], fab.Version)
	out = append(out, fab.TextGenerator...)
	return append(out, b[12:]...)
}

func FuzzDecode(f *testing.F) {
	_, good := sampleModel(f)
	f.Add(good)
	f.Add(good[:100])
	f.Add([]byte("FABULIST\x02\x00\x00\x00TGEN"))
	f.Fuzz(func(t *testing.T, b []byte) {
		shape, shapeErr := DecodeShape(b) // a helper's replica reads the file without its weights
		m, err := Decode(b)
		if err == nil && (shapeErr != nil || shape.Net.Cfg != m.Net.Cfg || shape.Net.V != m.Net.V) {
			t.Errorf("a file that decodes has another shape, or none (%v)", shapeErr)
		}
		if err == nil {
			// Whatever decodes must encode back to the same bytes, in the current version.
			again, err := Encode(m)
			if err != nil || !slices.Equal(again, toCurrentVersion(b)) {
				t.Errorf("decoded file does not re-encode to itself (%v)", err)
			}
		}
	})
}

// TestFileKeepsTheSplit: a model file records its tokenizer's split, and leaves SplitSpace out, as
// files written before SplitWhite have it (TestGoldenFiles opens one of those).
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
}

// TestDecodeReadsWeightsInPlace: decoding a model allocates its network (weights and gradient)
// and little else, not a second copy of the weights on the way into it. In the browser every
// such copy raises a worker's peak memory for good (see Trainer.ReleaseWork).
func TestDecodeReadsWeightsInPlace(t *testing.T) {
	net, _, tok := smallSetup(t, func(c *Config) { c.Embed, c.Units = 100, 256 })
	b, err := Encode(&Model{Net: net, Tok: tok})
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m, err := Decode(b)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	weights := uint64(4 * len(m.Net.P.Data))
	network := 2 * weights // Data and Grad
	if got := after.TotalAlloc - before.TotalAlloc; got > network+weights/2 {
		t.Errorf("Decode allocated %d bytes for a network of %d; want at most %d (a network and half a copy of its weights)",
			got, network, network+weights/2)
	}
}

// encodeWithWriter is Encode as it was before Plan: the file built section by section with
// fab.Writer. Plan must write the very same bytes, so that files saved before and after compare.
func encodeWithWriter(t *testing.T, m *Model) []byte {
	t.Helper()
	fc := fileConf{Config: m.Net.Cfg, VocabSize: m.Net.V, Split: m.Tok.Split}
	if fc.Split == SplitSpace {
		fc.Split = ""
	}
	if fc.Config.Cell == CellLSTM {
		fc.Config.Cell = ""
	}
	conf, err1 := json.Marshal(fc)
	hist, err2 := json.Marshal(m.History)
	head, err3 := json.Marshal(m.Train)
	bestHead, err4 := json.Marshal(m.Best.Check)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	w := fab.NewWriter(fab.TextGenerator, 0)
	bytesOf := func(b []byte) func([]byte) []byte { return func(o []byte) []byte { return append(o, b...) } }
	w.Section("CONF", bytesOf(conf))
	w.Section("TOKN", func(o []byte) []byte { return fab.AppendWords(o, m.Tok.Words[1:]) })
	w.Section("WGHT", func(o []byte) []byte { return fab.AppendFloats(o, m.Net.P.Data) })
	w.Section("TRNS", func(o []byte) []byte {
		o = fab.AppendSlots(fab.AppendBlob(o, head), m.Train.Slots)
		o = binary.LittleEndian.AppendUint64(o, uint64(len(m.Train.Order)))
		for _, v := range m.Train.Order {
			o = binary.LittleEndian.AppendUint32(o, uint32(v))
		}
		return o
	})
	w.Section("BEST", func(o []byte) []byte { return fab.AppendFloats(fab.AppendBlob(o, bestHead), m.Best.Weights) })
	w.Section("HIST", bytesOf(hist))
	w.Section("TEXT", bytesOf(m.TextHash[:]))
	return w.Bytes()
}

// TestPlanIsTheFileEncodeWrote: a model with every section (training state, best weights), laid
// out by Plan and streamed, is byte for byte the file Encode built whole before Plan.
func TestPlanIsTheFileEncodeWrote(t *testing.T) {
	m, b := sampleModel(t)
	if m.Best == nil || m.Train == nil {
		t.Fatal("the sample model has no best weights or training state: the test would miss their sections")
	}
	want := encodeWithWriter(t, m)
	if !bytes.Equal(b, want) {
		t.Errorf("Encode: %d bytes; want the %d the Writer built", len(b), len(want))
	}
	p, err := Plan(m)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := p.WriteTo(&out); err != nil || !bytes.Equal(out.Bytes(), want) || p.Size() != len(want) {
		t.Errorf("Plan: Size %d, streamed %d bytes (%v); want the %d the Writer built", p.Size(), out.Len(), err, len(want))
	}
}

// TestShapeFileBuildsTheNetworkWithoutItsWeights: PlanShape's file is a fraction of the model's,
// DecodeShape makes a network of the same shape and vocabulary from it (or from a whole file),
// with zero weights, and Decode refuses it: it is not a model.
func TestShapeFileBuildsTheNetworkWithoutItsWeights(t *testing.T) {
	m, whole := sampleModel(t)
	p, err := PlanShape(m)
	if err != nil {
		t.Fatal(err)
	}
	shape := p.Bytes()
	if len(shape) >= 4*len(m.Net.P.Data) {
		t.Errorf("the shape's file is %d bytes; want less than the weights' %d", len(shape), 4*len(m.Net.P.Data))
	}
	for name, b := range map[string][]byte{"shape": shape, "whole": whole} {
		got, err := DecodeShape(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Net.Cfg != m.Net.Cfg || got.Net.V != m.Net.V || len(got.Net.P.Data) != len(m.Net.P.Data) || !slices.Equal(got.Tok.Words, m.Tok.Words) {
			t.Errorf("%s: config, vocabulary or network size differ from the model's", name)
		}
		if slices.ContainsFunc(got.Net.P.Data, func(w float32) bool { return w != 0 }) {
			t.Errorf("%s: the weights are not zero", name)
		}
	}
	if _, err := Decode(shape); err == nil {
		t.Error("Decode took a file without weights")
	}
	if _, err := DecodeShape(shape[:len(shape)-9]); !errors.Is(err, fab.ErrTruncated) {
		t.Errorf("DecodeShape of a cut file: %v; want fab.ErrTruncated", err)
	}
}
