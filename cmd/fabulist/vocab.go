package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"fabulist/model/lm"
)

// cmdVocab prints the vocabulary that train would fit on FILE (lm.Tokenize), or with -lines
// Keras' fit_on_texts over the lines of FILE, to compare with Python.
func cmdVocab(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("vocab", "[-level word|char] [-cleaning book|none] [-seq_length 20] [-lines] FILE")
	cfg := lm.BookConfig()
	settings := settingFlags(fs, &cfg, "level", "cleaning", "seq_length")
	lines := fs.Bool("lines", false, "Keras' fit_on_texts(FILE's lines), for comparisons: no cleaning, each line one text, words cut on ' ' alone")
	if err := parseOnly(fs, args); err != nil {
		return err
	}
	if err := oneFile(fs); err != nil {
		return err
	}
	// The settings the studio also has are checked by its rules.
	if err := checkFields(cfg.FieldErrors(), settings); err != nil {
		return err
	}
	if *lines {
		explicit := false
		fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "cleaning" || f.Name == "clean" })
		if explicit && cfg.Cleaning != lm.CleanNone {
			return usageError{"-lines fits the lines as they are: it takes no cleaning (leave out -cleaning or use -cleaning none)"}
		}
		cfg.Cleaning = lm.CleanNone
	}
	text, err := readText(fs.Arg(0))
	if err != nil {
		return err
	}
	if err := lm.CheckSeparators(text, cfg.Cleaning, cfg.SeqLen); err != nil {
		return err
	}
	var tok *lm.Tokenizer
	n := 0
	if *lines {
		texts := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		tok = lm.FitTokenizer(cfg.Level, lm.SplitSpace, texts...)
		for _, t := range texts {
			ids, _ := tok.Encode(t)
			n += len(ids)
		}
	} else {
		var ids []int32
		tok, ids = lm.Tokenize(text, cfg, nil)
		n = len(ids)
	}
	// word_index is written in id order, as Keras keeps it, rather than Go's sorted map keys.
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"tokens": %d, "vocab_size": %d, "split": %q, "word_index": {`, n, tok.VocabSize(), tok.Split)
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
