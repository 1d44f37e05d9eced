package fab

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"math"
	"unicode/utf8"
)

// File is a file's header and its sections by tag, views into the bytes read.
type File struct {
	Version  uint32
	Kind     Kind
	Sections map[string][]byte
}

// Read checks a file's magic, version, length and checksum and splits its payload into sections.
// It never panics on bad input: truncated, corrupted, foreign and wrong-version files give errors
// wrapping ErrTruncated, ErrChecksum, ErrNotModel, ErrVersion and ErrInvalid (a section twice,
// bytes after the checksum). A version-1 file is a TextGenerator.
func Read(data []byte) (*File, error) {
	r := NewReader(data)
	if magic := r.Take(uint64(len(Magic))); r.Err() != nil || !bytes.Equal(magic, []byte(Magic)) {
		return nil, ErrNotModel
	}
	f := &File{Version: r.U32(), Kind: TextGenerator, Sections: map[string][]byte{}}
	if r.Err() == nil && (f.Version < 1 || f.Version > Version) {
		return nil, fmt.Errorf("%w: %d (this version of Fabulist reads versions 1 to %d)", ErrVersion, f.Version, Version)
	}
	if f.Version >= 2 {
		f.Kind = Kind(r.Take(4))
	}
	payload := r.Take(r.U64())
	sum := r.U32()
	if r.Err() != nil {
		return nil, r.Err()
	}
	if crc32.ChecksumIEEE(payload) != sum {
		return nil, ErrChecksum
	}
	if len(r.b) != 0 {
		return nil, Invalid("%d bytes after the checksum", len(r.b))
	}
	if f.Kind != TextGenerator && f.Kind != QuestionGenerator {
		return nil, Invalid("unknown kind of model %q", string(f.Kind))
	}
	p := NewReader(payload)
	for len(p.b) > 0 && p.Err() == nil {
		tag := string(p.Take(4))
		body := p.Take(p.U64())
		if p.Err() == nil {
			if _, dup := f.Sections[tag]; dup {
				return nil, Invalid("section %q appears twice", tag)
			}
			f.Sections[tag] = body
		}
	}
	if p.Err() != nil {
		return nil, p.Err()
	}
	return f, nil
}

// Want returns an error wrapping ErrKind unless f holds a model of kind.
func (f *File) Want(kind Kind) error {
	if f.Kind != kind {
		return fmt.Errorf("%w: it holds a %s, not a %s", ErrKind, f.Kind.Name(), kind.Name())
	}
	return nil
}

// Open reads a file that must hold a model of kind with every one of the required sections, and
// returns its sections by tag. Its errors are Read's, Want's, and one wrapping ErrInvalid for a
// missing section.
func Open(data []byte, kind Kind, required ...string) (map[string][]byte, error) {
	f, err := Read(data)
	if err != nil {
		return nil, err
	}
	if err := f.Want(kind); err != nil {
		return nil, err
	}
	for _, tag := range required {
		if f.Sections[tag] == nil {
			return nil, Invalid("no %s section", tag)
		}
	}
	return f.Sections, nil
}

// Invalid is an error wrapping ErrInvalid that says what is wrong.
func Invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// Reader walks a byte slice; every read checks what is left, so no length in a file can make it
// read past the end or allocate more than the file holds. After the first failure every read
// returns zero values and Err keeps that failure.
type Reader struct {
	b   []byte
	err error
}

// NewReader reads b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Err is the first failure, or nil.
func (r *Reader) Err() error { return r.err }

// Fail records err unless a failure came first.
func (r *Reader) Fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// Len is how many bytes are left.
func (r *Reader) Len() int { return len(r.b) }

// Take returns the next n bytes, a view, or nil with ErrTruncated when fewer are left.
func (r *Reader) Take(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.Fail(ErrTruncated)
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

// U32 reads a little-endian uint32.
func (r *Reader) U32() uint32 {
	if b := r.Take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

// U64 reads a little-endian uint64.
func (r *Reader) U64() uint64 {
	if b := r.Take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.Fail(ErrTruncated)
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Floats reads what AppendFloats wrote, requiring exactly want values; what names them in the
// error otherwise ("the weights").
func (r *Reader) Floats(want int, what string) []float32 {
	b := r.floatBytes(want, what)
	if b == nil {
		return nil
	}
	out := make([]float32, want)
	readFloats(out, b)
	return out
}

// floatBytes reads the count AppendFloats wrote, requiring want, and takes the values' bytes.
func (r *Reader) floatBytes(want int, what string) []byte {
	n := r.U64()
	if r.err != nil {
		return nil
	}
	if n != uint64(want) {
		r.Fail(Invalid("%s holds %d values; the configuration needs %d", what, n, want))
		return nil
	}
	return r.Take(n * 4)
}

func readFloats(dst []float32, b []byte) {
	for i := range dst {
		dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
}

// Words reads what AppendWords wrote, requiring exactly want words of valid UTF-8.
func (r *Reader) Words(want int) []string {
	count := r.Uvarint()
	if r.err != nil {
		return nil
	}
	if count != uint64(want) {
		r.Fail(Invalid("vocabulary holds %d tokens; the configuration says %d", count, want))
		return nil
	}
	words := make([]string, 0, min(count, uint64(len(r.b))))
	for range count {
		w := r.Take(r.Uvarint())
		if r.err != nil {
			return nil
		}
		if !utf8.Valid(w) {
			r.Fail(Invalid("a token is not valid UTF-8"))
			return nil
		}
		words = append(words, string(w))
	}
	return words
}

// FiniteFloats is Floats that also refuses NaN and infinite values, as weights must be.
func (r *Reader) FiniteFloats(want int, what string) []float32 {
	f := r.Floats(want, what)
	for i, v := range f {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			r.Fail(Invalid("%s: value %d is %v", what, i, v))
			return nil
		}
	}
	return f
}

// FiniteFloatsInto is FiniteFloats into dst, which must hold exactly the values (len(dst) is
// want), instead of a new slice: a model's weights are read straight into its network, without a
// second copy of them (7 MB for the book's model) on the way. On failure, which it reports as
// false, dst may hold some of the values.
func (r *Reader) FiniteFloatsInto(dst []float32, what string) bool {
	b := r.floatBytes(len(dst), what)
	if b == nil {
		return false
	}
	readFloats(dst, b)
	for i, v := range dst {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			r.Fail(Invalid("%s: value %d is %v", what, i, v))
			return false
		}
	}
	return true
}

// Blob reads what AppendBlob wrote.
func (r *Reader) Blob() []byte { return r.Take(uint64(r.U32())) }

// JSON reads a Blob into v, failing with an error wrapping ErrInvalid, named by what, when it does
// not parse. It reports whether r is still without failure.
func (r *Reader) JSON(v any, what string) bool {
	b := r.Blob()
	if r.err == nil {
		if err := json.Unmarshal(b, v); err != nil {
			r.Fail(Invalid("%s: %v", what, err))
		}
	}
	return r.err == nil
}

// Slots reads what AppendSlots wrote, requiring want slots of n values each; what names
// their owner in errors ("adam").
func (r *Reader) Slots(want, n int, what string) [][]float32 {
	if got := r.U32(); r.err == nil && int(got) != want {
		r.Fail(Invalid("%s needs %d slots, the file has %d", what, want, got))
	}
	var slots [][]float32
	for range want {
		slots = append(slots, r.Floats(n, "an optimizer slot"))
	}
	if r.err != nil {
		return nil
	}
	return slots
}
