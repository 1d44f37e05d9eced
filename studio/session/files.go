package session

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"time"

	"fabulist/model/fab"
	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// current is the model as a file would hold it: with its training state when it can train further.
func (s *Session) current() *lm.Model {
	if s.run != nil {
		return s.run.Model()
	}
	return &lm.Model{Net: s.gen.Net, Tok: s.gen.Tok, History: s.imported, TextHash: s.hash, Best: s.importedBest}
}

func (s *Session) history() lm.History {
	if s.run != nil {
		return s.run.Trainer.History
	}
	return s.imported
}

func (s *Session) export(m proto.Message) proto.Message {
	if m.Format == "qa" {
		return s.exportQuestionModel(m)
	}
	if s.gen == nil {
		return errorMsg(m, errNoModel)
	}
	switch m.Format {
	case "", "fabulist":
		b, err := lm.Encode(s.current())
		if err != nil {
			return errorMsg(m, err)
		}
		return reply(m, proto.Message{Kind: proto.Exported, File: b, Name: "fabulist-model.fab", Format: "fabulist"})
	case "tfjs":
		w, err := lm.ParseWeights(string(m.Weights))
		if err != nil {
			return errorMsg(m, err)
		}
		chosen := *s.current()
		chosen.Net = s.writer(w).Net
		ex, err := lm.ExportTFJS(&chosen)
		if err != nil {
			return errorMsg(m, err)
		}
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		for _, f := range []struct {
			name string
			b    []byte
		}{{"model.json", ex.ModelJSON}, {lm.TFJSShard, ex.Weights}, {"vocab.json", ex.VocabJSON}} {
			// A stated time: zip's default zero one is written as the date 1980-00-00, which
			// unzip tools call invalid (the trial's TF.js export).
			w, err := z.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: zipTime})
			if err != nil {
				return errorMsg(m, err)
			}
			w.Write(f.b)
		}
		if err := z.Close(); err != nil {
			return errorMsg(m, err)
		}
		return reply(m, proto.Message{Kind: proto.Exported, File: buf.Bytes(), Name: "fabulist-tfjs.zip", Format: "tfjs"})
	}
	return errorMsg(m, fmt.Errorf("unknown export format %q", m.Format))
}

// importModel replaces the model with a decoded file; a file that does not decode changes
// nothing. With the text the model was trained on, training can go on where it stopped. The
// opened model becomes a new workspace.
func (s *Session) importModel(m proto.Message) []proto.Message {
	if questionModelFile(m.File) { // the text generator, and any run of it, stay as they are
		return s.importQuestionModel(m)
	}
	if s.phase == proto.Training {
		return []proto.Message{errorMsg(m, errors.New("pause or stop training before opening a model file"))}
	}
	if err := s.load(m.File, m.Text); err != nil {
		return []proto.Message{errorMsg(m, fileError(err))}
	}
	s.startWorkspace(m.Text)
	cfg := s.cfg
	h := s.history()
	out := []proto.Message{reply(m, proto.Message{Kind: proto.Imported, Config: &cfg, History: &h,
		State: s.phase, Level: cfg.Level, Progress: s.position(), Workers: s.runWorkers()})}
	if m.PrintWanted {
		out[0].WeightsPrint = s.weightsPrint()
	}
	return append(out, s.save()...)
}

// load makes a model file the current model, resumable if text is the text it learned from.
// A file that does not decode changes nothing.
func (s *Session) load(file []byte, text string) error {
	mod, err := lm.Decode(file)
	if err != nil {
		return err
	}
	s.use(mod, text)
	return nil
}

// use makes a decoded model the current model, resumable if text is the text it learned from
// and the file holds its training state (lm.ResumeRun); otherwise it writes but does not train.
func (s *Session) use(mod *lm.Model, text string) {
	s.cfg, s.hash, s.imported, s.importedBest = mod.Net.Cfg, mod.TextHash, mod.History, mod.Best
	s.losses, s.estimate = nil, nil
	s.phase = proto.Done
	run, err := lm.ResumeRun(mod, text, lm.RunOptions{Helpers: s.startHelpers})
	if err != nil {
		s.run, s.gen, s.sampler = nil, lm.NewGenerator(mod.Net, mod.Tok), lm.SampleRNG(s.cfg.Seed)
		s.startMeter(mod, text)
		return
	}
	s.run, s.gen, s.sampler = run, run.Gen, run.Sampler
	s.startMeter(mod, text)
	if !run.Trainer.Done() {
		s.phase = proto.Stopped
	}
}

// zipTime is the time of the files in an exported zip: a fixed one, so that the same model
// exports to the same bytes.
var zipTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// fileError says what is wrong with a model file in a user's words.
func fileError(err error) error { return modelFileError(err, "the current model") }

// modelFileError says what is wrong with a model file in a user's words, and that what (the
// model it would have replaced) is unchanged.
func modelFileError(err error, what string) error {
	switch {
	case errors.Is(err, fab.ErrNotModel):
		return fmt.Errorf("that file is not a Fabulist model (.fab); %s is unchanged", what)
	case errors.Is(err, fab.ErrVersion), errors.Is(err, fab.ErrKind):
		return fmt.Errorf("%v; %s is unchanged", err, what)
	case errors.Is(err, fab.ErrTruncated):
		return fmt.Errorf("that model file is cut short (an incomplete download?); %s is unchanged", what)
	case errors.Is(err, fab.ErrChecksum):
		return fmt.Errorf("that model file is corrupted (its checksum does not match); %s is unchanged", what)
	}
	return fmt.Errorf("that model file cannot be read (%v); %s is unchanged", err, what)
}
