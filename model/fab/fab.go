// Package fab is the container of Fabulist's model files (.fab): a header that names the format,
// its version and the kind of model inside, tagged sections, and a checksum. What the sections
// hold is the model's business (model/lm writes the text generator's); fab checks every length
// against the bytes left, so that no file can make a reader read past its end or allocate more
// than it holds.
//
// The container, version 2. All integers are little-endian.
//
//	magic    [8]byte  Magic, "FABULIST"
//	version  uint32   Version
//	kind     [4]byte  Kind: "TGEN" text generator, "QGEN" question generator
//	length   uint64   of the payload
//	payload  sections, each: tag [4]byte, size uint64, body [size]byte
//	checksum uint32   CRC-32 (IEEE) of the payload
//
// Version 1 is the same without the kind (a header of HeaderLenV1 bytes): Fabulist had one kind
// of model then, and every version-1 file reads as a TextGenerator.
package fab

import "errors"

// Magic starts every model file.
const Magic = "FABULIST"

// Version is the version Fabulist writes; it reads it and every version before it.
const Version = 2

// Lengths of the fixed parts of a file, in bytes.
const (
	HeaderLen        = 24 // magic, version, kind, payload length
	HeaderLenV1      = 20 // magic, version, payload length
	SectionHeaderLen = 12 // tag, size
	ChecksumLen      = 4
)

// Kind is what model a file holds: a four-byte tag in the header.
type Kind string

// The kinds of model.
const (
	TextGenerator     Kind = "TGEN" // model/lm
	QuestionGenerator Kind = "QGEN"
)

// Name is the kind in words, for messages: "text generator".
func (k Kind) Name() string {
	switch k {
	case TextGenerator:
		return "text generator"
	case QuestionGenerator:
		return "question generator"
	}
	return "unknown model"
}

// Errors of Read and of the models' decoders. Each error wraps one of these, so errors.Is tells
// them apart. They are worded for the person who gave the file: the page and the command line
// show them as they are.
var (
	ErrNotModel  = errors.New("not a Fabulist model file")
	ErrVersion   = errors.New("unsupported model file version")
	ErrTruncated = errors.New("truncated model file")
	ErrChecksum  = errors.New("model file checksum mismatch (the file is corrupted)")
	ErrInvalid   = errors.New("invalid model file")
	ErrKind      = errors.New("the model file holds another kind of model")
)
