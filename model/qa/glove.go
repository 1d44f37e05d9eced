package qa

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// MaxVectorLine bounds one line of a word-vector file, in bytes: a word and MaxSize numbers
// written at length.
const MaxVectorLine = 1 << 16

// ReadVectors reads word vectors of dim numbers from r, the file named name, keeping those of
// the words keep accepts. The format is GloVe's text (glove.6B.100d.txt): a line per word, the
// word then its numbers, separated by spaces; a word may itself hold spaces (glove.840B has a
// few), so a line's last dim fields are the numbers and what comes before them is the word.
// word2vec's text format is read too: its first line, "count dim", is a header. Blank lines are
// skipped. A word found again keeps its first vector; a word keep refuses is looked up again
// lower-cased (the vocabulary's words are lower case; glove.840B's are not), and an exact match
// later in the file wins over such a one.
//
// It returns an error naming the file and the line for a line whose count of numbers is not dim
// (so a file of another dimension says so on its first line; a word with spaces whose last part
// is a number is taken for one), a number that does not parse or is not finite, a line without a
// word, a header of another dimension, or a line longer than MaxVectorLine bytes.
func ReadVectors(r io.Reader, name string, dim int, keep func(word string) bool) (map[string][]float32, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxVectorLine)
	vecs := map[string][]float32{}
	exact := map[string]bool{}
	fail := func(line int, format string, a ...any) error {
		return fmt.Errorf("qa: %s:%d: %s", name, line, fmt.Sprintf(format, a...))
	}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), " \r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		fields := strings.Split(text, " ")
		if line == 1 && len(fields) == 2 {
			if _, err := strconv.Atoi(fields[0]); err == nil {
				d, err := strconv.Atoi(fields[1])
				if err != nil || d != dim {
					return nil, fail(line, "a word2vec header of %q dimensions; the embedding has %d", fields[1], dim)
				}
				continue
			}
		}
		if len(fields) < dim+1 {
			return nil, fail(line, "%d numbers after the word; the embedding has %d dimensions", len(fields)-1, dim)
		}
		if len(fields) > dim+1 && isNumber(fields[len(fields)-dim-1]) {
			return nil, fail(line, "%d numbers after the word; the embedding has %d dimensions", len(fields)-1, dim)
		}
		word := strings.Join(fields[:len(fields)-dim], " ")
		nums := fields[len(fields)-dim:]
		if word == "" {
			return nil, fail(line, "no word before the numbers")
		}
		v := make([]float32, dim)
		for i, f := range nums {
			x, err := strconv.ParseFloat(f, 32)
			if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
				return nil, fail(line, "number %d, %q, is not a finite number", i+1, f)
			}
			v[i] = float32(x)
		}
		key, isExact := word, true
		if !keep(word) {
			key, isExact = strings.ToLower(word), false
			if key == word || !keep(key) {
				continue
			}
		}
		if _, seen := vecs[key]; seen && (exact[key] || !isExact) {
			continue
		}
		vecs[key], exact[key] = v, isExact
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("qa: %s:%d: %v (a line may hold at most %d bytes)", name, line+1, err, MaxVectorLine)
	}
	return vecs, nil
}

// isNumber reports whether f parses as a number: the last part of a word with spaces rarely does,
// the first number of a file of more dimensions always.
func isNumber(f string) bool {
	_, err := strconv.ParseFloat(f, 32)
	return err == nil
}

// SetVectors copies into m's embedding the vector of each of its vocabulary's words that vecs
// holds (vectors of the embedding's size, as ReadVectors gives), and returns how many it set.
// The reserved ids keep their own rows.
func (m *Model) SetVectors(vecs map[string][]float32) int {
	p := m.Net.Params()
	E := m.Config.Embed
	var table []float32
	for _, t := range p.Tensors {
		if t.Name == "embedding/embeddings" {
			table = p.W(t)
		}
	}
	found := 0
	for id, w := range m.Vocab.Words {
		v, ok := vecs[w]
		if id <= EndID || !ok || len(v) != E {
			continue
		}
		copy(table[id*E:(id+1)*E], v)
		found++
	}
	return found
}
