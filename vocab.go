package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"fabulist/model"
)

func cmdVocab(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("vocab", "[-level word|char] [-clean book|none] [-seq 20] FILE")
	cfg := model.DefaultConfig()
	level := fs.String("level", "word", "token level: word or char")
	clean := fs.String("clean", "book", "cleaning: book, or none (then each line of FILE is one text)")
	fs.IntVar(&cfg.SeqLen, "seq", 20, fmt.Sprintf("seq_length (1 to %d), for the story separators of book cleaning", model.MaxSeqLen))
	if err := parseOnly(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() == 0:
		return usageError{"want a FILE"}
	case fs.NArg() > 1 && strings.HasPrefix(fs.Arg(1), "-"):
		return usageError{fmt.Sprintf("unexpected argument %q after FILE: flags go before FILE", fs.Arg(1))}
	case fs.NArg() > 1:
		return usageError{fmt.Sprintf("unexpected argument %q: want exactly one FILE (quote a name with spaces)", fs.Arg(1))}
	}
	// The settings the studio also has are checked by its rules.
	cfg.Level, cfg.Cleaning = model.Level(*level), model.Cleaning(*clean)
	if err := checkFields(cfg.FieldErrors(), []flagField{{"level", "level"}, {"clean", "cleaning"}, {"seq", "seq_length"}}); err != nil {
		return err
	}
	lv, cl, seq := cfg.Level, cfg.Cleaning, cfg.SeqLen
	text, err := readText(fs.Arg(0))
	if err != nil {
		return err
	}
	if err := model.CheckSeparators(text, cl, seq); err != nil {
		return err
	}
	texts := []string{model.Clean(text, cl, seq)}
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
