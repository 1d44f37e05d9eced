package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"fabulist/model/fab"
	"fabulist/model/lm"
)

// readText reads a corpus and refuses what would silently train on garbage: invalid UTF-8, texts
// with nothing in them, and texts larger than the studio takes (lm.MaxTextBytes).
func readText(path string) (string, error) {
	b, err := readLimited(path, lm.MaxTextBytes, nil,
		fmt.Sprintf("texts up to %d MB (as the studio): use a part of it", lm.MaxTextBytes>>20))
	if err != nil {
		return "", err
	}
	if !utf8.Valid(b) {
		off := 0
		for off < len(b) {
			r, n := utf8.DecodeRune(b[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		return "", fmt.Errorf("%s is not valid UTF-8 text (first bad byte at offset %d): save it as UTF-8 and try again", path, off)
	}
	text := lm.Normalize(string(b))
	if len(text) == 0 {
		return "", fmt.Errorf("%s is empty", path)
	}
	return text, nil
}

func readModel(path string) (*lm.Model, error) {
	if path == "" {
		return nil, usageError{"-model is required"}
	}
	return readDecoded(path, lm.MaxFileBytes, lm.Decode)
}

// readDecoded reads a model file of at most limit bytes at path with decode, naming the file in
// decode's errors.
func readDecoded[M any](path string, limit int64, decode func([]byte) (M, error)) (M, error) {
	b, err := readLimited(path, limit, []byte(fab.Magic),
		fmt.Sprintf("model files up to %d MB, the largest the settings allow", limit>>20))
	if err != nil {
		var none M
		return none, err
	}
	m, err := decode(b)
	if err != nil {
		return m, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// readLimited reads the file at path, refusing one of more than limit bytes without reading past
// it: a device such as /dev/zero never ends. When magic is given, a file that does not start with
// it is refused after len(magic) bytes, with fab.ErrNotModel. takes ends the message of a refusal.
func readLimited(path string, limit int64, magic []byte, takes string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	tooBig := fmt.Errorf("%s is larger than %d MB: fabulist reads %s", path, limit>>20, takes)
	switch {
	case st.IsDir():
		return nil, fmt.Errorf("%s is a folder, not a file", path)
	case st.Mode().IsRegular() && st.Size() > limit:
		return nil, tooBig
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(f, head); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	} else if err != nil || !bytes.Equal(head, magic) {
		return nil, fmt.Errorf("%s: %w", path, fab.ErrNotModel)
	}
	var buf bytes.Buffer
	if st.Mode().IsRegular() {
		buf.Grow(int(st.Size()) + bytes.MinRead) // one allocation for a model file of a gigabyte
	}
	buf.Write(head)
	if _, err := buf.ReadFrom(io.LimitReader(f, limit-int64(len(head))+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, tooBig
	}
	return buf.Bytes(), nil
}
