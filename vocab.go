package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"fabulist/model"
)

func cmdVocab(args []string, stdout io.Writer) error {
	fs := newFlags("vocab", "[-level word|char] [-clean book|none] [-seq 20] FILE")
	level := fs.String("level", "word", "token level: word or char")
	clean := fs.String("clean", "book", "cleaning: book, or none (then each line of FILE is one text)")
	seq := fs.Int("seq", 20, "seq_length, for the story separators of book cleaning")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"want exactly one FILE"}
	}
	lv, err := model.ParseLevel(*level)
	if err != nil {
		return usageError{err.Error()}
	}
	cl, err := model.ParseCleaning(*clean)
	if err != nil {
		return usageError{err.Error()}
	}
	text, err := readText(fs.Arg(0))
	if err != nil {
		return err
	}
	texts := []string{model.Clean(text, cl, *seq)}
	if cl == model.CleanNone {
		texts = strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	}
	tok := model.FitTokenizer(lv, texts...)
	n := 0
	for _, t := range texts {
		ids, _ := tok.Encode(t)
		n += len(ids)
	}
	// word_index is written in id order, as Keras keeps it, rather than Go's sorted map keys.
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"tokens": %d, "vocab_size": %d, "word_index": {`, n, tok.VocabSize())
	for id, w := range tok.Words[1:] {
		if id > 0 {
			b.WriteString(", ")
		}
		k, _ := json.Marshal(w)
		fmt.Fprintf(&b, "%s: %d", k, id+1)
	}
	b.WriteString("}}\n")
	_, err = stdout.Write(b.Bytes())
	return err
}
