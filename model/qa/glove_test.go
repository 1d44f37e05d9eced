package qa

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func inVocab(words ...string) func(string) bool {
	return func(w string) bool { return slices.Contains(words, w) }
}

func TestReadVectors(t *testing.T) {
	tests := []struct {
		name, data string
		keep       func(string) bool
		want       map[string][]float32
	}{
		{"glove", "the 0.5 -1\nfox 1e-2 2\nunused 3 3\n", inVocab("the", "fox"),
			map[string][]float32{"the": {0.5, -1}, "fox": {0.01, 2}}},
		{"word2vec header", "3 2\nthe 1 2\nfox 3 4\n", inVocab("the", "fox"),
			map[string][]float32{"the": {1, 2}, "fox": {3, 4}}},
		{"numeric word", "2010 1 2\n", inVocab("2010"), map[string][]float32{"2010": {1, 2}}},
		{"word with spaces", ". . . 1 2\nat home 3 4\n", inVocab(". . .", "at home"),
			map[string][]float32{". . .": {1, 2}, "at home": {3, 4}}},
		{"non-ASCII", "여우 1 2\n🦊 3 4\n", inVocab("여우", "🦊"),
			map[string][]float32{"여우": {1, 2}, "🦊": {3, 4}}},
		{"first of a word seen twice", "fox 1 2\nfox 3 4\n", inVocab("fox"), map[string][]float32{"fox": {1, 2}}},
		{"lower-cased when not found, exact wins", "Fox 1 2\nFOX 5 6\nfox 3 4\nThe 7 8\n", inVocab("fox", "the"),
			map[string][]float32{"fox": {3, 4}, "the": {7, 8}}},
		{"blank lines, CRLF and trailing spaces", "\nthe 1 2 \r\n\r\nfox 3 4\r\n", inVocab("the", "fox"),
			map[string][]float32{"the": {1, 2}, "fox": {3, 4}}},
		{"empty file", "", inVocab("the"), map[string][]float32{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadVectors(strings.NewReader(tc.data), "v.txt", 2, tc.keep)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v; want %v", got, tc.want)
			}
		})
	}
}

func TestReadVectorsErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"fewer numbers", "the 1 2\nfox 1\n", "v.txt:2: 1 numbers after the word; the embedding has 2 dimensions"},
		{"more numbers", "the 1 2 3\n", "v.txt:1: 3 numbers after the word; the embedding has 2 dimensions"},
		{"a word alone", "the\n", "v.txt:1: 0 numbers"},
		{"not a number", "the 1 x\n", `v.txt:1: number 2, "x", is not a finite number`},
		{"NaN", "the NaN 1\n", `v.txt:1: number 1, "NaN", is not a finite number`},
		{"infinite", "the 1 1e99\n", `v.txt:1: number 2, "1e99", is not a finite number`},
		{"no word", " 1 2\n", "v.txt:1: no word"},
		{"header of another dimension", "10 3\nthe 1 2\n", `v.txt:1: a word2vec header of "3" dimensions; the embedding has 2`},
		{"line too long", "the 1 2\n" + strings.Repeat("x", MaxVectorLine+1) + " 1 2\n", "v.txt:2: bufio.Scanner: token too long"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadVectors(strings.NewReader(tc.data), "v.txt", 2, inVocab("the", "fox"))
			if err == nil || !strings.HasPrefix(err.Error(), "qa: ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, %v; want an error saying %q", got, err, tc.want)
			}
		})
	}
}

// FuzzReadVectors feeds the reader any bytes: it must return vectors or an error naming the file,
// never panic, and every vector it returns is of the dimension asked, finite, of a word kept.
func FuzzReadVectors(f *testing.F) {
	f.Add([]byte("the 0.5 -1\nfox 1e-2 2\n"))
	f.Add([]byte("2 2\nthe 1 2\n. . . 3 4\n"))
	f.Add([]byte("Fox 1 2\r\n\nfox 3\n"))
	keep := func(w string) bool { return len(w) < 4 }
	f.Fuzz(func(t *testing.T, data []byte) {
		vecs, err := ReadVectors(strings.NewReader(string(data)), "v.txt", 2, keep)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "qa: v.txt:") {
				t.Fatalf("error %q does not name the file and line", err)
			}
			return
		}
		for w, v := range vecs {
			if !keep(w) || len(v) != 2 || math.IsNaN(float64(v[0])) || math.IsInf(float64(v[1]), 0) {
				t.Fatalf("vector %q: %v", w, v)
			}
		}
	})
}

// TestSetVectors starts both architectures' embeddings from vectors: the rows of the words found
// change to their vectors, the others and the reserved ids keep theirs.
func TestSetVectors(t *testing.T) {
	words := append(slices.Clone(reserved), "the", "fox", "여우")
	v := NewVocab(words)
	for _, cfg := range []Config{DefaultConfig(len(words)), BookConfig(len(words))} {
		t.Run(string(cfg.Arch), func(t *testing.T) {
			cfg.Embed = 2
			n, err := newNetwork(cfg)
			if err != nil {
				t.Fatal(err)
			}
			m := &Model{Config: cfg, Net: n, Vocab: v}
			before := slices.Clone(n.Params().Data)
			vecs := map[string][]float32{"fox": {7, 8}, "<UNK>": {1, 1}, "absent": {2, 2}}
			if got := m.SetVectors(vecs); got != 1 {
				t.Errorf("found %d; want 1", got)
			}
			after := n.Params().Data
			emb := n.Params().Tensors[0]
			if emb.Name != "embedding/embeddings" {
				t.Fatalf("first tensor %s", emb.Name)
			}
			if row := after[5*2 : 6*2]; !slices.Equal(row, []float32{7, 8}) {
				t.Errorf("fox's row %v; want [7 8]", row)
			}
			changed := 0
			for i := range after {
				if after[i] != before[i] {
					changed++
				}
			}
			if changed != 2 {
				t.Errorf("%d weights changed; want fox's 2", changed)
			}
		})
	}
}
