package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"unicode/utf8"
)

// The model file format, version 1. All integers are little-endian.
//
//	magic    [8]byte  "FABULIST"
//	version  uint32   FileVersion
//	length   uint64   of the payload
//	payload  sections, each: tag [4]byte, size uint64, body [size]byte
//	checksum uint32   CRC-32 (IEEE) of the payload
//
// Sections, in this order; readers skip tags they do not know:
//
//	CONF  JSON {"config": Config, "vocab_size": V, "split": "white"}: split is the tokenizer's
//	      Split, left out for SplitSpace, which files written before it existed all use
//	TOKN  uvarint count, then count × (uvarint length, UTF-8 bytes): the vocabulary from id 1
//	WGHT  uint64 count, then count × float32: Params.Data in Net.P.Tensors order
//	TRNS  optional: JSON TrainState header, uint64 count, count × float32 per slot, uint64 count,
//	      count × int32 window order
//	HIST  JSON History
//	TEXT  [32]byte SHA-256 of the training text as given (before cleaning)
const FileVersion = 1

// MaxFileBytes bounds the model files a reader takes: 2 GiB. The largest network the limits allow
// is MaxParams float32 weights (512 MiB), 1.5 GiB with Adam's two slots; the other 512 MiB hold
// the vocabulary and the window order (each at most a few bytes per byte of a MaxTextBytes text)
// and the history (4 to 12 bytes per batch trained).
const MaxFileBytes = 2 << 30

var fileMagic = []byte("FABULIST")

// Errors of Decode. Each wraps one of these, so errors.Is tells them apart.
var (
	ErrNotModel  = errors.New("model: not a Fabulist model file")
	ErrVersion   = errors.New("model: unsupported model file version")
	ErrTruncated = errors.New("model: truncated model file")
	ErrChecksum  = errors.New("model: model file checksum mismatch (the file is corrupted)")
	ErrInvalid   = errors.New("model: invalid model file")
)

// Model is a network with everything that travels with it in a file.
type Model struct {
	Net      *Net
	Tok      *Tokenizer
	History  History
	TextHash [32]byte
	Train    *TrainState // nil when the file carries no optimizer state
}

// TrainState is what a trainer needs to continue exactly where it stopped.
type TrainState struct {
	Optimizer string      `json:"optimizer"`
	Step      int64       `json:"step"`
	Epoch     int         `json:"epoch"`             // 0-based epoch in progress
	Batch     int         `json:"batch"`             // next batch of that epoch
	RNG       []byte      `json:"rng"`               // the PCG's state
	Workers   int         `json:"workers,omitempty"` // that shared each batch (0: one); see Helpers
	Slots     [][]float32 `json:"-"`
	Order     []int32     `json:"-"` // the training windows' order in the current epoch
}

// HashText is the TEXT section's hash of a training text.
func HashText(text string) [32]byte { return sha256.Sum256([]byte(text)) }

type fileConf struct {
	Config    Config `json:"config"`
	VocabSize int    `json:"vocab_size"`
	// Split is the tokenizer's, "" for SplitSpace: files from before SplitWhite lack it, and their
	// vocabularies of words glued across line breaks ("ran.\nthe") must keep being cut that way.
	Split Split `json:"split,omitempty"`
}

// Encode writes m in the model file format. It builds the file in one buffer sized up front:
// a model of the book's size is some 15 MB with its optimizer state, and copies add up in a tab.
func Encode(m *Model) ([]byte, error) {
	fc := fileConf{Config: m.Net.Cfg, VocabSize: m.Net.V, Split: m.Tok.Split}
	if fc.Split == SplitSpace {
		fc.Split = ""
	}
	conf, err := json.Marshal(fc)
	if err != nil {
		return nil, err
	}
	hist, err := json.Marshal(m.History)
	if err != nil {
		return nil, err
	}
	var head []byte
	size := 20 + 6*12 + len(conf) + len(hist) + 32 + 4 + 8 + 4*len(m.Net.P.Data)
	for _, w := range m.Tok.Words {
		size += len(w) + binary.MaxVarintLen64
	}
	if st := m.Train; st != nil {
		if head, err = json.Marshal(st); err != nil {
			return nil, err
		}
		size += 12 + len(head) + 4*len(st.Order) + 8
		for _, s := range st.Slots {
			size += 8 + 4*len(s)
		}
	}
	out := make([]byte, 20, size)
	copy(out, fileMagic)
	binary.LittleEndian.PutUint32(out[8:], FileVersion)
	// section appends a tag and a size to fill in once body has appended the section's bytes.
	section := func(tag string, body func([]byte) []byte) {
		out = append(out, tag...)
		at := len(out)
		out = append(out, make([]byte, 8)...)
		out = body(out)
		binary.LittleEndian.PutUint64(out[at:], uint64(len(out)-at-8))
	}
	bytesOf := func(b []byte) func([]byte) []byte { return func(o []byte) []byte { return append(o, b...) } }
	section("CONF", bytesOf(conf))
	section("TOKN", func(o []byte) []byte {
		o = binary.AppendUvarint(o, uint64(len(m.Tok.Words)-1))
		for _, w := range m.Tok.Words[1:] {
			o = binary.AppendUvarint(o, uint64(len(w)))
			o = append(o, w...)
		}
		return o
	})
	section("WGHT", func(o []byte) []byte { return appendFloats(o, m.Net.P.Data) })
	if st := m.Train; st != nil {
		section("TRNS", func(o []byte) []byte {
			o = binary.LittleEndian.AppendUint32(o, uint32(len(head)))
			o = append(o, head...)
			o = binary.LittleEndian.AppendUint32(o, uint32(len(st.Slots)))
			for _, s := range st.Slots {
				o = appendFloats(o, s)
			}
			o = binary.LittleEndian.AppendUint64(o, uint64(len(st.Order)))
			for _, v := range st.Order {
				o = binary.LittleEndian.AppendUint32(o, uint32(v))
			}
			return o
		})
	}
	section("HIST", bytesOf(hist))
	section("TEXT", bytesOf(m.TextHash[:]))
	binary.LittleEndian.PutUint64(out[12:], uint64(len(out)-20))
	return binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(out[20:])), nil
}

func appendFloats(b []byte, f []float32) []byte {
	b = binary.LittleEndian.AppendUint64(b, uint64(len(f)))
	for _, v := range f {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

// reader walks a byte slice; every read checks what is left, so no length in the file can make it
// read past the end or allocate more than the file holds.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *reader) take(n uint64) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.fail(ErrTruncated)
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if b := r.take(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail(ErrTruncated)
		return 0
	}
	r.b = r.b[n:]
	return v
}

// floats reads a uint64 count and that many float32, requiring exactly want of them.
func (r *reader) floats(want int, what string) []float32 {
	n := r.u64()
	if r.err != nil {
		return nil
	}
	if n != uint64(want) {
		r.fail(fmt.Errorf("%w: %s holds %d values; the configuration needs %d", ErrInvalid, what, n, want))
		return nil
	}
	b := r.take(n * 4)
	if b == nil {
		return nil
	}
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

// Decode reads a model file. It never panics on bad input: truncated, corrupted, foreign,
// wrong-version and absurd files give errors wrapping ErrTruncated, ErrChecksum, ErrNotModel,
// ErrVersion and ErrInvalid.
func Decode(data []byte) (*Model, error) {
	r := &reader{b: data}
	magic := r.take(uint64(len(fileMagic)))
	if r.err != nil || !bytes.Equal(magic, fileMagic) {
		return nil, ErrNotModel
	}
	if v := r.u32(); r.err == nil && v != FileVersion {
		return nil, fmt.Errorf("%w: %d (this version of Fabulist reads version %d)", ErrVersion, v, FileVersion)
	}
	n := r.u64()
	payload := r.take(n)
	sum := r.u32()
	if r.err != nil {
		return nil, r.err
	}
	if crc32.ChecksumIEEE(payload) != sum {
		return nil, ErrChecksum
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the checksum", ErrInvalid, len(r.b))
	}
	return decodePayload(payload)
}

func decodePayload(payload []byte) (*Model, error) {
	r := &reader{b: payload}
	sections := map[string][]byte{}
	for len(r.b) > 0 && r.err == nil {
		tag := string(r.take(4))
		body := r.take(r.u64())
		if r.err == nil {
			if _, dup := sections[tag]; dup {
				return nil, fmt.Errorf("%w: section %q appears twice", ErrInvalid, tag)
			}
			sections[tag] = body
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	for _, tag := range []string{"CONF", "TOKN", "WGHT"} {
		if sections[tag] == nil {
			return nil, fmt.Errorf("%w: no %s section", ErrInvalid, tag)
		}
	}
	var conf fileConf
	if err := json.Unmarshal(sections["CONF"], &conf); err != nil {
		return nil, fmt.Errorf("%w: configuration: %v", ErrInvalid, err)
	}
	if err := conf.Config.Validate(); err != nil {
		return nil, fmt.Errorf("%w: configuration: %v", ErrInvalid, err)
	}
	V := conf.VocabSize
	if V < 2 || V > MaxVocab {
		return nil, fmt.Errorf("%w: vocabulary of %d ids", ErrInvalid, V)
	}
	if c := paramCount(conf.Config, V); c > MaxParams || c > len(sections["WGHT"])/4 {
		return nil, fmt.Errorf("%w: %d parameters do not fit the file", ErrInvalid, c)
	}

	if conf.Split == "" {
		conf.Split = SplitSpace
	}
	tok, err := decodeVocab(sections["TOKN"], conf.Config.Level, conf.Split, V)
	if err != nil {
		return nil, err
	}
	net := layout(conf.Config, V)
	wr := &reader{b: sections["WGHT"]}
	w := wr.floats(len(net.P.Data), "the weights")
	if wr.err != nil {
		return nil, wr.err
	}
	for i, v := range w {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, fmt.Errorf("%w: weight %d is %v", ErrInvalid, i, v)
		}
	}
	copy(net.P.Data, w)
	m := &Model{Net: net, Tok: tok}

	if b := sections["TEXT"]; b != nil {
		if len(b) != 32 {
			return nil, fmt.Errorf("%w: text hash of %d bytes", ErrInvalid, len(b))
		}
		copy(m.TextHash[:], b)
	}
	if b := sections["HIST"]; b != nil {
		if err := json.Unmarshal(b, &m.History); err != nil {
			return nil, fmt.Errorf("%w: history: %v", ErrInvalid, err)
		}
	}
	if b := sections["TRNS"]; b != nil {
		if m.Train, err = decodeTrainState(b, len(net.P.Data)); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func decodeVocab(b []byte, level Level, split Split, V int) (*Tokenizer, error) {
	r := &reader{b: b}
	count := r.uvarint()
	if r.err == nil && count != uint64(V-1) {
		return nil, fmt.Errorf("%w: vocabulary holds %d tokens; the configuration says %d", ErrInvalid, count, V-1)
	}
	words := []string{""}
	for range count {
		w := r.take(r.uvarint())
		if r.err != nil {
			return nil, r.err
		}
		if !utf8.Valid(w) {
			return nil, fmt.Errorf("%w: a token is not valid UTF-8", ErrInvalid)
		}
		words = append(words, string(w))
	}
	if r.err != nil {
		return nil, r.err
	}
	tok, err := NewTokenizer(level, split, words)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return tok, nil
}

func decodeTrainState(b []byte, nParams int) (*TrainState, error) {
	r := &reader{b: b}
	head := r.take(uint64(r.u32()))
	if r.err != nil {
		return nil, r.err
	}
	st := &TrainState{}
	if err := json.Unmarshal(head, st); err != nil {
		return nil, fmt.Errorf("%w: training state: %v", ErrInvalid, err)
	}
	slots := map[string]int{"rmsprop": 1, "adam": 2}[st.Optimizer]
	if slots == 0 || st.Step < 0 || st.Epoch < 0 || st.Batch < 0 {
		return nil, fmt.Errorf("%w: training state of optimizer %q", ErrInvalid, st.Optimizer)
	}
	if n := r.u32(); r.err == nil && int(n) != slots {
		return nil, fmt.Errorf("%w: %s needs %d slots, the file has %d", ErrInvalid, st.Optimizer, slots, n)
	}
	for range slots {
		st.Slots = append(st.Slots, r.floats(nParams, "an optimizer slot"))
	}
	n := r.u64()
	if r.err == nil && n > uint64(len(r.b))/4 {
		r.fail(ErrTruncated)
	}
	if raw := r.take(n * 4); raw != nil {
		st.Order = make([]int32, n)
		for i := range st.Order {
			st.Order[i] = int32(binary.LittleEndian.Uint32(raw[4*i:]))
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return st, nil
}
