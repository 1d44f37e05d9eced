package fab

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"slices"
	"testing"
)

// twoSections is a file of kind with sections A and B.
func twoSections(kind Kind) []byte {
	w := NewWriter(kind, 0)
	w.Section("AAAA", func(b []byte) []byte { return append(b, "first"...) })
	w.Section("BBBB", func(b []byte) []byte { return AppendFloats(b, []float32{1.5, -2}) })
	return w.Bytes()
}

func TestWriteThenRead(t *testing.T) {
	for _, kind := range []Kind{TextGenerator, QuestionGenerator} {
		t.Run(kind.Name(), func(t *testing.T) {
			b := twoSections(kind)
			if len(b) != HeaderLen+2*SectionHeaderLen+len("first")+8+8+ChecksumLen {
				t.Errorf("%d bytes; want the header, two sections and the checksum", len(b))
			}
			f, err := Read(b)
			if err != nil {
				t.Fatal(err)
			}
			if f.Version != Version || f.Kind != kind || string(f.Sections["AAAA"]) != "first" || len(f.Sections) != 2 {
				t.Fatalf("read version %d, kind %q, sections %q", f.Version, f.Kind, f.Sections)
			}
			r := NewReader(f.Sections["BBBB"])
			if got := r.Floats(2, "the pair"); !slices.Equal(got, []float32{1.5, -2}) || r.Err() != nil || r.Len() != 0 {
				t.Errorf("floats %v (%v), %d bytes left; want [1.5 -2]", got, r.Err(), r.Len())
			}
			if err := f.Want(kind); err != nil {
				t.Errorf("Want(%s): %v", kind, err)
			}
		})
	}
}

// version1 is a file as Fabulist wrote it before the kind: the version-2 file without it.
func version1(b []byte) []byte {
	out := append([]byte(nil), b[:12]...)
	binary.LittleEndian.PutUint32(out[8:], 1)
	return append(out, b[16:]...)
}

func TestVersion1IsATextGenerator(t *testing.T) {
	f, err := Read(version1(twoSections(TextGenerator)))
	if err != nil {
		t.Fatal(err)
	}
	if f.Version != 1 || f.Kind != TextGenerator || string(f.Sections["AAAA"]) != "first" {
		t.Errorf("read version %d, kind %q, sections %q; want version 1, a text generator", f.Version, f.Kind, f.Sections)
	}
	if err := f.Want(QuestionGenerator); !errors.Is(err, ErrKind) {
		t.Errorf("a version-1 file taken for a question generator: %v", err)
	}
}

func TestReadRefusesBadFiles(t *testing.T) {
	good := twoSections(TextGenerator)
	mutate := func(f func([]byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	reseal := func(b []byte) []byte {
		n := binary.LittleEndian.Uint64(b[16:])
		binary.LittleEndian.PutUint32(b[HeaderLen+n:], crc32.ChecksumIEEE(b[HeaderLen:HeaderLen+n]))
		return b
	}
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotModel},
		{"magic only", []byte(Magic), ErrTruncated},
		{"foreign", []byte("PK\x03\x04 a zip file"), ErrNotModel},
		{"version 0", mutate(func(b []byte) []byte { b[8] = 0; return b }), ErrVersion},
		{"version 3", mutate(func(b []byte) []byte { b[8] = 3; return b }), ErrVersion},
		{"unknown kind", mutate(func(b []byte) []byte { copy(b[12:], "ZZZZ"); return b }), ErrInvalid},
		{"truncated", good[:len(good)-7], ErrTruncated},
		{"flipped bit", mutate(func(b []byte) []byte { b[HeaderLen+5] ^= 1; return b }), ErrChecksum},
		{"trailing bytes", append(append([]byte(nil), good...), 0), ErrInvalid},
		{"absurd payload length", mutate(func(b []byte) []byte { binary.LittleEndian.PutUint64(b[16:], 1<<62); return b }), ErrTruncated},
		{"absurd section size", mutate(func(b []byte) []byte {
			binary.LittleEndian.PutUint64(b[HeaderLen+4:], 1<<60)
			return reseal(b)
		}), ErrTruncated},
		{"a section twice", mutate(func(b []byte) []byte {
			copy(b[HeaderLen+SectionHeaderLen+len("first"):], "AAAA")
			return reseal(b)
		}), ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := Read(c.data)
			if f != nil || !errors.Is(err, c.want) {
				t.Errorf("got %v; want %v", err, c.want)
			}
		})
	}
}

func TestReaderNeverReadsPastTheEnd(t *testing.T) {
	short, huge := []byte{0xff, 0xff, 0xff}, binary.LittleEndian.AppendUint64(nil, 1<<40)
	for _, c := range []struct {
		name string
		data []byte
		read func(r *Reader)
		want error
	}{
		{"take", short, func(r *Reader) { r.Take(4) }, ErrTruncated},
		{"u64", short, func(r *Reader) { r.U64() }, ErrTruncated},
		{"uvarint", short, func(r *Reader) { r.Uvarint() }, ErrTruncated},
		{"floats of a huge count", huge, func(r *Reader) { r.Floats(1<<40, "x") }, ErrTruncated},
		{"floats of another count", huge, func(r *Reader) { r.Floats(3, "x") }, ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := NewReader(c.data)
			c.read(r)
			if !errors.Is(r.Err(), c.want) {
				t.Errorf("got %v; want %v", r.Err(), c.want)
			}
			if r.U32() != 0 || r.Take(0) != nil {
				t.Error("a read after a failure returned something")
			}
		})
	}
}

// TestFiniteFloatsInto reads weights into a slice of their count, and refuses what FiniteFloats
// refuses: another count, NaN, infinities, too few bytes.
func TestFiniteFloatsInto(t *testing.T) {
	good := []float32{1, -2.5, 3e-9}
	for _, tc := range []struct {
		name   string
		values []float32
		into   int
		cut    int // bytes cut off the end
		ok     bool
	}{
		{"good", good, 3, 0, true},
		{"another count", good, 4, 0, false},
		{"NaN", []float32{1, float32(math.NaN()), 3}, 3, 0, false},
		{"infinity", []float32{1, 2, float32(math.Inf(-1))}, 3, 0, false},
		{"truncated", good, 3, 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := AppendFloats(nil, tc.values)
			r := NewReader(b[:len(b)-tc.cut])
			dst := make([]float32, tc.into)
			ok := r.FiniteFloatsInto(dst, "the weights")
			if ok != tc.ok || (r.Err() == nil) != tc.ok {
				t.Fatalf("got ok %v, error %v; want ok %v", ok, r.Err(), tc.ok)
			}
			if tc.ok && !slices.Equal(dst, tc.values) {
				t.Errorf("got %v; want %v", dst, tc.values)
			}
		})
	}
}
