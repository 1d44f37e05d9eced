package fab

import (
	"encoding/binary"
	"hash/crc32"
	"io"
	"math"
	"slices"
)

// ChunkLen is the most bytes Plan.WriteTo holds and hands its writer at once.
const ChunkLen = 64 << 10

// Plan is a file laid out but not yet written: its sections' parts are the model's own slices,
// and every part's length is known in advance, so the file's exact Size comes before any byte
// and WriteTo can stream it in chunks of ChunkLen. A browser's autosave so writes a model
// straight into a JavaScript buffer of the right size instead of building the whole file in Go
// first (15–22 MB for the book's model). Bytes builds it whole, as Writer does, byte for byte
// the same. The parts' slices must not change until the file is written.
type Plan struct {
	kind     Kind
	sections []planSection
}

type planSection struct {
	tag   string
	parts []Part
}

// Part is a piece of a section's body, of a length known before it is written.
type Part struct {
	kind   partKind
	raw    []byte
	floats []float32
	uints  []int32
	words  []string
	slots  [][]float32
	n      int
}

type partKind uint8

const (
	partRaw partKind = iota
	partBlob
	partFloats
	partUint32s
	partWords
	partSlots
)

// Raw is b as it is.
func Raw(b []byte) Part { return Part{kind: partRaw, raw: b, n: len(b)} }

// Blob is a uint32 length and b, as AppendBlob writes it.
func Blob(b []byte) Part { return Part{kind: partBlob, raw: b, n: 4 + len(b)} }

// Floats is a uint64 count and the values of f, as AppendFloats writes them.
func Floats(f []float32) Part { return Part{kind: partFloats, floats: f, n: 8 + 4*len(f)} }

// Uint32s is a uint64 count and each value of v as a uint32, as a window order is stored.
func Uint32s(v []int32) Part { return Part{kind: partUint32s, uints: v, n: 8 + 4*len(v)} }

// Words is a vocabulary as AppendWords writes it.
func Words(words []string) Part {
	n := uvarintLen(uint64(len(words)))
	for _, w := range words {
		n += uvarintLen(uint64(len(w))) + len(w)
	}
	return Part{kind: partWords, words: words, n: n}
}

// Slots is optimizer state as AppendSlots writes it.
func Slots(slots [][]float32) Part {
	n := 4
	for _, s := range slots {
		n += 8 + 4*len(s)
	}
	return Part{kind: partSlots, slots: slots, n: n}
}

func uvarintLen(v uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], v)
}

// NewPlan starts the plan of a file of kind.
func NewPlan(kind Kind) *Plan { return &Plan{kind: kind} }

// Section adds a section made of parts, in order.
func (p *Plan) Section(tag string, parts ...Part) {
	p.sections = append(p.sections, planSection{tag: tag, parts: parts})
}

// Without is a plan of the same file without the sections tagged tags.
func (p *Plan) Without(tags ...string) *Plan {
	out := &Plan{kind: p.kind}
	for _, s := range p.sections {
		if !slices.Contains(tags, s.tag) {
			out.sections = append(out.sections, s)
		}
	}
	return out
}

// Size is the file's length in bytes: header, sections and checksum.
func (p *Plan) Size() int { return HeaderLen + p.payload() + ChecksumLen }

func (p *Plan) payload() int {
	n := 0
	for _, s := range p.sections {
		n += SectionHeaderLen + s.size()
	}
	return n
}

func (s planSection) size() int {
	n := 0
	for _, part := range s.parts {
		n += part.n
	}
	return n
}

// Bytes builds the file whole, in one buffer of its exact size.
func (p *Plan) Bytes() []byte {
	b := make([]byte, 0, p.Size())
	e := &emitter{buf: b, chunk: math.MaxInt}
	p.emit(e)
	return e.buf
}

// WriteTo writes the file to w in chunks of at most ChunkLen bytes, holding no more of it than
// one chunk, and returns the bytes written and w's first error.
func (p *Plan) WriteTo(w io.Writer) (int64, error) {
	e := &emitter{buf: make([]byte, 0, ChunkLen), chunk: ChunkLen, out: w}
	p.emit(e)
	e.flush()
	return e.written, e.err
}

func (p *Plan) emit(e *emitter) {
	e.put([]byte(Magic))
	e.buf = binary.LittleEndian.AppendUint32(e.buf, Version)
	e.put([]byte(p.kind))
	e.buf = binary.LittleEndian.AppendUint64(e.buf, uint64(p.payload()))
	e.payloadAt = len(e.buf) // the checksum starts after the header
	for _, s := range p.sections {
		e.put([]byte(s.tag))
		e.buf = binary.LittleEndian.AppendUint64(e.buf, uint64(s.size()))
		for _, part := range s.parts {
			e.part(part)
		}
	}
	e.sum()
	e.room(ChecksumLen)
	e.buf = binary.LittleEndian.AppendUint32(e.buf, e.crc)
	e.payloadAt = len(e.buf) // the checksum is not summed
}

// emitter appends a file to buf and, past chunk bytes, hands buf to out and starts it again,
// keeping the payload's checksum as the bytes go.
type emitter struct {
	buf       []byte
	chunk     int
	out       io.Writer
	payloadAt int // where the payload starts in buf, until the first flush
	crc       uint32
	written   int64
	err       error
}

func (e *emitter) put(b []byte) {
	for len(b) > 0 {
		n := min(len(b), max(e.chunk-len(e.buf), 0))
		if n == 0 {
			e.flush()
			n = min(len(b), e.chunk)
		}
		e.buf = append(e.buf, b[:n]...)
		b = b[n:]
	}
}

// room flushes when fewer than n bytes are left in the chunk.
func (e *emitter) room(n int) {
	if e.chunk-len(e.buf) < n {
		e.flush()
	}
}

func (e *emitter) part(p Part) {
	switch p.kind {
	case partBlob:
		e.room(4)
		e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(len(p.raw)))
		e.put(p.raw)
	case partRaw:
		e.put(p.raw)
	case partFloats:
		e.floats(p.floats)
	case partUint32s:
		e.room(8)
		e.buf = binary.LittleEndian.AppendUint64(e.buf, uint64(len(p.uints)))
		for _, v := range p.uints {
			e.room(4)
			e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(v))
		}
	case partWords:
		e.room(binary.MaxVarintLen64)
		e.buf = binary.AppendUvarint(e.buf, uint64(len(p.words)))
		for _, w := range p.words {
			e.room(binary.MaxVarintLen64)
			e.buf = binary.AppendUvarint(e.buf, uint64(len(w)))
			e.put([]byte(w))
		}
	case partSlots:
		e.room(4)
		e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(len(p.slots)))
		for _, s := range p.slots {
			e.floats(s)
		}
	}
}

func (e *emitter) floats(f []float32) {
	e.room(8)
	e.buf = binary.LittleEndian.AppendUint64(e.buf, uint64(len(f)))
	for len(f) > 0 {
		e.room(4)
		n := min(len(f), (e.chunk-len(e.buf))/4)
		for _, v := range f[:n] {
			e.buf = binary.LittleEndian.AppendUint32(e.buf, math.Float32bits(v))
		}
		f = f[n:]
	}
}

// sum adds what buf holds of the payload to the checksum.
func (e *emitter) sum() {
	e.crc = crc32.Update(e.crc, crc32.IEEETable, e.buf[e.payloadAt:])
	e.payloadAt = len(e.buf)
}

func (e *emitter) flush() {
	e.sum()
	if e.out != nil && e.err == nil && len(e.buf) > 0 {
		var n int
		n, e.err = e.out.Write(e.buf)
		e.written += int64(n)
	}
	e.buf, e.payloadAt = e.buf[:0], 0
}
