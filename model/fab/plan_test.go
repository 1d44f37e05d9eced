package fab

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// chunkWriter records what WriteTo hands it: the bytes, and the largest piece.
type chunkWriter struct {
	bytes.Buffer
	largest, calls int
	failAt         int // fail the write that would pass this many bytes; 0: never
}

func (w *chunkWriter) Write(p []byte) (int, error) {
	if w.failAt > 0 && w.Len()+len(p) > w.failAt {
		return 0, errors.New("disk full")
	}
	w.largest, w.calls = max(w.largest, len(p)), w.calls+1
	return w.Buffer.Write(p)
}

// planCase is a file made both ways: with Writer and its Append functions, as model files were
// made before Plan, and with a Plan of the same parts.
type planCase struct {
	name  string
	write func(w *Writer)
	plan  func(p *Plan)
}

func planCases() []planCase {
	many := make([]float32, 3*ChunkLen/4+5) // three chunks' worth and a ragged end
	for i := range many {
		many[i] = float32(i) * 0.25
	}
	order := make([]int32, ChunkLen/3)
	for i := range order {
		order[i] = int32(len(order) - i)
	}
	// Words of one, two, three and four bytes a rune, long enough to cross a chunk's end.
	var words []string
	for i := range 6000 {
		words = append(words, strings.Repeat([]string{"a", "é", "한", "🦊"}[i%4], 1+i%7))
	}
	words = append(words, strings.Repeat("x", 200)) // a length of two bytes
	slots := [][]float32{many[:ChunkLen/2], many[:7], nil}
	return []planCase{
		{"empty", func(w *Writer) {}, func(p *Plan) {}},
		{"empty parts",
			func(w *Writer) {
				w.Section("NONE", func(o []byte) []byte { return AppendFloats(AppendWords(AppendBlob(o, nil), nil), nil) })
				w.Section("ZERO", func(o []byte) []byte { return AppendSlots(o, nil) })
			},
			func(p *Plan) {
				p.Section("NONE", Blob(nil), Words(nil), Floats(nil))
				p.Section("ZERO", Slots(nil))
			}},
		{"a model's sections",
			func(w *Writer) {
				w.Section("CONF", func(o []byte) []byte { return append(o, `{"units":256}`...) })
				w.Section("TOKN", func(o []byte) []byte { return AppendWords(o, words) })
				w.Section("WGHT", func(o []byte) []byte { return AppendFloats(o, many) })
				w.Section("TRNS", func(o []byte) []byte {
					o = AppendSlots(AppendBlob(o, []byte(`{"step":3}`)), slots)
					o = binary.LittleEndian.AppendUint64(o, uint64(len(order)))
					for _, v := range order {
						o = binary.LittleEndian.AppendUint32(o, uint32(v))
					}
					return o
				})
				w.Section("TEXT", func(o []byte) []byte { return append(o, "hash"...) })
			},
			func(p *Plan) {
				p.Section("CONF", Raw([]byte(`{"units":256}`)))
				p.Section("TOKN", Words(words))
				p.Section("WGHT", Floats(many))
				p.Section("TRNS", Blob([]byte(`{"step":3}`)), Slots(slots), Uint32s(order))
				p.Section("TEXT", Raw([]byte("hash")))
			}},
	}
}

// TestPlanWritesTheWritersFile: a Plan's file is byte for byte the one Writer builds of the
// same parts, whole (Bytes) and streamed (WriteTo), its Size is its length, and WriteTo hands
// its writer no piece larger than ChunkLen.
func TestPlanWritesTheWritersFile(t *testing.T) {
	for _, c := range planCases() {
		t.Run(c.name, func(t *testing.T) {
			w := NewWriter(TextGenerator, 0)
			c.write(w)
			want := w.Bytes()
			p := NewPlan(TextGenerator)
			c.plan(p)
			if got := p.Size(); got != len(want) {
				t.Errorf("Size() = %d; want %d", got, len(want))
			}
			if got := p.Bytes(); !bytes.Equal(got, want) {
				t.Errorf("Bytes(): %d bytes, first difference at %s; want Writer's %d bytes", len(got), firstDiff(got, want), len(want))
			}
			var out chunkWriter
			n, err := p.WriteTo(&out)
			if err != nil || n != int64(len(want)) {
				t.Errorf("WriteTo: %d bytes, %v; want %d, nil", n, err, len(want))
			}
			if got := out.Bytes(); !bytes.Equal(got, want) {
				t.Errorf("WriteTo: %d bytes, first difference at %s; want Writer's %d bytes", len(got), firstDiff(got, want), len(want))
			}
			if out.largest > ChunkLen {
				t.Errorf("WriteTo wrote a piece of %d bytes; want at most ChunkLen (%d)", out.largest, ChunkLen)
			}
			if _, err := Read(out.Bytes()); err != nil {
				t.Errorf("the streamed file does not read: %v", err)
			}
		})
	}
}

// TestPlanStreamsWithoutAWholeCopy: WriteTo allocates a chunk, not the file: a browser's
// autosave streams a model into JavaScript through it, and a Go copy of the file would raise the
// engine's memory for good.
func TestPlanStreamsWithoutAWholeCopy(t *testing.T) {
	weights := make([]float32, 2<<20) // 8 MB
	p := NewPlan(TextGenerator)
	p.Section("WGHT", Floats(weights))
	p.Section("TRNS", Slots([][]float32{weights, weights}))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	n, err := p.WriteTo(discard{})
	runtime.ReadMemStats(&after)
	if err != nil || n != int64(p.Size()) {
		t.Fatalf("WriteTo: %d bytes, %v; want %d, nil", n, err, p.Size())
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 4*ChunkLen {
		t.Errorf("WriteTo allocated %d bytes for a file of %d; want at most %d (a few chunks)", got, n, 4*ChunkLen)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestPlanWriteToStopsAtTheFirstError: a writer's error comes back, with the bytes written
// before it, and nothing more is written.
func TestPlanWriteToStopsAtTheFirstError(t *testing.T) {
	p := NewPlan(TextGenerator)
	p.Section("WGHT", Floats(make([]float32, ChunkLen)))
	out := chunkWriter{failAt: 2 * ChunkLen}
	n, err := p.WriteTo(&out)
	if err == nil || err.Error() != "disk full" {
		t.Errorf("WriteTo's error: %v; want the writer's, disk full", err)
	}
	if n != int64(out.Len()) || n > 2*ChunkLen {
		t.Errorf("WriteTo said %d bytes, the writer took %d; want the same, at most %d", n, out.Len(), 2*ChunkLen)
	}
	if calls := out.calls; calls != 2 {
		t.Errorf("%d writes went through; want 2, then none after the failure", calls)
	}
}

func firstDiff(a, b []byte) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprint(i)
		}
	}
	return fmt.Sprint(min(len(a), len(b)))
}
