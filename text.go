package main

import (
	"fmt"
	"os"
	"unicode/utf8"

	"fabulist/model"
)

// readText reads a corpus and refuses what would silently train on garbage: invalid UTF-8 and
// texts with nothing in them.
func readText(path string) (string, error) {
	b, err := os.ReadFile(path)
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
	text := model.Normalize(string(b))
	if len(text) == 0 {
		return "", fmt.Errorf("%s is empty", path)
	}
	return text, nil
}

func readModel(path string) (*model.Model, error) {
	if path == "" {
		return nil, usageError{"-model is required"}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, err := model.Decode(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
