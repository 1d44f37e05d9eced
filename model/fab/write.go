package fab

import (
	"encoding/binary"
	"hash/crc32"
	"math"
)

// Writer builds a file in one buffer: the header, then each Section in turn, then Bytes seals it.
// It is the format at its simplest, which tests build files with (damaged and crafted ones among
// them) and check Plan against; the models' encoders write through Plan.
type Writer struct{ b []byte }

// NewWriter starts a file of kind; size is the file's expected length in bytes (header, sections
// and checksum), so that the buffer is allocated once: a model of the book's size is some 15 MB,
// and copies add up in a browser tab.
func NewWriter(kind Kind, size int) *Writer {
	b := make([]byte, HeaderLen, max(size, HeaderLen))
	copy(b, Magic)
	binary.LittleEndian.PutUint32(b[8:], Version)
	copy(b[12:16], kind)
	return &Writer{b: b}
}

// Section appends a section: its tag (four bytes), its size, then what body appends to the
// buffer it is given.
func (w *Writer) Section(tag string, body func([]byte) []byte) {
	w.b = append(w.b, tag...)
	at := len(w.b)
	w.b = append(w.b, make([]byte, 8)...)
	w.b = body(w.b)
	binary.LittleEndian.PutUint64(w.b[at:], uint64(len(w.b)-at-8))
}

// Bytes writes the payload's length, appends the checksum and returns the file. The Writer is
// done with after it.
func (w *Writer) Bytes() []byte {
	binary.LittleEndian.PutUint64(w.b[16:], uint64(len(w.b)-HeaderLen))
	return binary.LittleEndian.AppendUint32(w.b, crc32.ChecksumIEEE(w.b[HeaderLen:]))
}

// AppendFloats appends a uint64 count and the little-endian float32 values of f, as weights and
// optimizer slots are stored.
func AppendFloats(b []byte, f []float32) []byte {
	b = binary.LittleEndian.AppendUint64(b, uint64(len(f)))
	for _, v := range f {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

// AppendWords appends a uvarint count and each word as a uvarint length and its UTF-8 bytes, as
// vocabularies are stored.
func AppendWords(b []byte, words []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(words)))
	for _, w := range words {
		b = binary.AppendUvarint(b, uint64(len(w)))
		b = append(b, w...)
	}
	return b
}

// AppendBlob appends a uint32 length and b, as a section's JSON header is stored.
func AppendBlob(o, b []byte) []byte {
	o = binary.LittleEndian.AppendUint32(o, uint32(len(b)))
	return append(o, b...)
}

// AppendSlots appends a uint32 count and each slot as AppendFloats writes it, as optimizer state
// is stored.
func AppendSlots(o []byte, slots [][]float32) []byte {
	o = binary.LittleEndian.AppendUint32(o, uint32(len(slots)))
	for _, s := range slots {
		o = AppendFloats(o, s)
	}
	return o
}
