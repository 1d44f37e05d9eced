package main

import (
	"fmt"
	"io"

	"fabulist/internal/safefile"
	"fabulist/model/lm"
)

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", "-format tfjs -model M -o DIR [-weights best|latest]")
	format := fs.String("format", "tfjs", "export format: tfjs (a TF.js layers model with its vocabulary)")
	path := fs.String("model", "", "model file")
	out := fs.String("o", "", "folder to write into: a new name or a folder (its model.json, shard and vocab.json are replaced)")
	weights := weightsFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	choice, err := parseWeights(*weights)
	if err != nil {
		return err
	}
	if *format != "tfjs" {
		return usageError{fmt.Sprintf("unknown format %q (want tfjs)", *format)}
	}
	if *out == "" {
		return usageError{"-o is required"}
	}
	m, err := readModel(*path)
	if err != nil {
		return err
	}
	chosen := *m
	chosen.Net = m.Writer(choice)
	ex, err := lm.ExportTFJS(&chosen)
	if err != nil {
		return err
	}
	if err := safefile.WriteAll(*out, map[string][]byte{"model.json": ex.ModelJSON, lm.TFJSShard: ex.Weights, "vocab.json": ex.VocabJSON}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote model.json, %s and vocab.json to %s\n", lm.TFJSShard, *out)
	return nil
}
