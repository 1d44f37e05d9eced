package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/proto"
	"fabulist/studio/session"
)

// The command line and the studio's worker start a run of the same settings on the same text the
// same way, and each continues the other's run where it stopped: the weights, every batch's loss
// and the samples after each epoch are the bits of the run that went straight through.

// crossText is the Korean sample at character level: about 80 batches an epoch at these settings.
const crossText = "samples/fables-ko.txt"

var crossFlags = []string{"-text", crossText, "-level", "char", "-clean", "none", "-units", "16", "-embed", "8",
	"-seq", "10", "-batch", "16", "-epochs", "2", "-seed", "7", "-samples", "200", "-json"}

// crossRun is what a user keeps of a run: the model file and the samples after each epoch.
type crossRun struct {
	model   *lm.Model
	samples [][]lm.EpochSample
}

// diff says how b differs from a, in words; "" when it does not.
func (a crossRun) diff(b crossRun) string {
	var d []string
	if !slices.Equal(a.model.Net.P.Data, b.model.Net.P.Data) {
		d = append(d, "the weights")
	}
	if !slices.Equal(a.model.History.BatchLoss, b.model.History.BatchLoss) {
		d = append(d, "the batch losses")
	}
	if !reflect.DeepEqual(a.samples, b.samples) {
		d = append(d, "the epoch samples")
	}
	return strings.Join(d, ", ")
}

// cliRun runs fabulist train with crossFlags and extra, and reads back its model and samples. A
// new run is on one worker, as the session without a pool that it is checked against; a resumed
// one keeps its model's count.
func cliRun(t *testing.T, extra ...string) crossRun {
	t.Helper()
	path := filepath.Join(t.TempDir(), "m.fab")
	if !slices.Contains(extra, "-resume") {
		extra = append(extra, "-workers", "1")
	}
	out, errOut, code := runCLI(t, append(append([]string{"train", "-o", path}, crossFlags...), extra...)...)
	if code != 0 {
		t.Fatalf("train %q exited %d: %s", extra, code, errOut)
	}
	var r crossRun
	for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		var p struct{ Samples []lm.EpochSample }
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("not JSON: %q", line)
		}
		if p.Samples != nil {
			r.samples = append(r.samples, p.Samples)
		}
	}
	r.model = readModelFile(t, path)
	return r
}

func readModelFile(t *testing.T, path string) *lm.Model {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := lm.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// studioRun drives a session until it rests, or until it has trained stopAt batches (0: to the
// end), when it stops it; it returns the model it exports and the samples it wrote.
func studioRun(t *testing.T, s *session.Session, first proto.Message, stopAt int) crossRun {
	t.Helper()
	s.PostEvery = 0 // every step reports its losses
	var r crossRun
	batches := 0
	take := func(out []proto.Message) {
		for _, m := range out {
			switch m.Kind {
			case proto.Error:
				t.Fatalf("the session said: %s", m.Error)
			case proto.Progress:
				batches += len(m.Losses)
			case proto.Samples:
				r.samples = append(r.samples, m.Samples.Samples)
			}
		}
	}
	take(s.Handle(first))
	for i := 0; s.Busy() && (stopAt == 0 || batches < stopAt); i++ {
		if i > 100000 {
			t.Fatal("training never ends")
		}
		take(s.Step())
	}
	if stopAt > 0 {
		take(s.Handle(proto.Message{Kind: proto.Stop}))
	}
	ex := s.Handle(proto.Message{Kind: proto.Export})[0]
	if ex.Kind != proto.Exported {
		t.Fatalf("export: %s %s", ex.Kind, ex.Error)
	}
	m, err := lm.Decode(ex.File)
	if err != nil {
		t.Fatal(err)
	}
	r.model = m
	return r
}

func TestCLIAndStudioStartAndResumeTheSameRun(t *testing.T) {
	b, err := os.ReadFile(crossText)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	const stopAt = 20 // batches, in the first epoch: the resumed run's fresh sampler writes the same samples
	cli := cliRun(t)
	if len(cli.samples) != 2 {
		t.Fatalf("the command line wrote %d epochs' samples; want 2", len(cli.samples))
	}
	cfg := cli.model.Net.Cfg
	train := proto.Message{Kind: proto.Train, Text: text, Config: &cfg, Workers: 1}

	t.Run("started alike", func(t *testing.T) {
		if d := cli.diff(studioRun(t, session.New(), train, 0)); d != "" {
			t.Errorf("the studio's run of the command line's settings differs in %s", d)
		}
	})

	t.Run("command line, then studio", func(t *testing.T) {
		part := filepath.Join(t.TempDir(), "part.fab")
		if _, errOut, code := runCLI(t, append([]string{"train", "-o", part, "-max-batches", fmt.Sprint(stopAt), "-workers", "1"}, crossFlags...)...); code != 0 {
			t.Fatal(errOut)
		}
		file, err := os.ReadFile(part)
		if err != nil {
			t.Fatal(err)
		}
		s := session.New()
		if out := s.Handle(proto.Message{Kind: proto.Import, File: file, Text: text}); out[0].State != proto.Stopped {
			t.Fatalf("import: %+v", out[0])
		}
		if d := cli.diff(studioRun(t, s, proto.Message{Kind: proto.Resume}, 0)); d != "" {
			t.Errorf("the studio resuming the command line's run differs from the command line's straight run in %s", d)
		}
	})

	for _, workers := range []int{1, 2} {
		t.Run(fmt.Sprint(workers, " studio workers, then command line"), func(t *testing.T) {
			start := func() *session.Session {
				s := session.New()
				s.SetPool(session.LocalPool{N: workers})
				return s
			}
			train := train
			train.Workers = workers
			straight := studioRun(t, start(), train, 0)
			part := studioRun(t, start(), train, stopAt)
			path := filepath.Join(t.TempDir(), "part.fab")
			if b, err := lm.Encode(part.model); err != nil || os.WriteFile(path, b, 0o644) != nil {
				t.Fatal(err)
			}
			resumed := cliRun(t, "-resume", path)
			if d := straight.diff(resumed); d != "" {
				t.Errorf("the command line resuming the studio's run differs from the studio's straight run in %s", d)
			}
		})
	}
}

// TestCLIResumeWithoutTrainingStateSaysSo: a model file without optimizer state (no TRNS section)
// was trained again from epoch 0 with a new optimizer, and the file written lost the history of
// the epochs it had trained. The studio never offered to resume such a file.
func TestCLIResumeWithoutTrainingStateSaysSo(t *testing.T) {
	dir := t.TempDir()
	m := readModelFile(t, tinyModel(t, dir))
	m.Train = nil
	b, err := lm.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "no-state.fab")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "train", "-text", "samples/fables.txt", "-resume", path, "-epochs", "2", "-samples", "0", "-o", path)
	if code != 1 || out != "" || !strings.Contains(errOut, "no training state") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("resuming a file without training state: exit %d, stdout %q, stderr %q; want 1, nothing, and one line that says so", code, out, errOut)
	}
	if after, err := os.ReadFile(path); err != nil || !slices.Equal(after, b) {
		t.Errorf("the model file changed (%v)", err)
	}
}
