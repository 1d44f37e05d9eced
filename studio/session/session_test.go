package session

import (
	"math"
	"runtime/debug"
	"strings"
	"testing"
	"weak"

	"fabulist/model/lm"
	"fabulist/samples"
	"fabulist/studio/proto"
)

func tinyConfig() *lm.Config {
	c := lm.QuickConfig()
	c.Units, c.Embed, c.SeqLen, c.Epochs, c.Batch = 16, 8, 10, 2, 16
	return &c
}

func koreanText(t *testing.T) string {
	b, err := samples.FS.ReadFile("fables-ko.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func kinds(ms []proto.Message) []string {
	var k []string
	for _, m := range ms {
		k = append(k, string(m.Kind)+":"+string(m.State))
	}
	return k
}

func TestTrainReportsAndFinishes(t *testing.T) {
	s := New()
	s.PostEvery = 0 // report every step
	out := s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: tinyConfig()})
	if len(out) != 1 || out[0].Kind != proto.State || out[0].State != proto.Training || !s.Busy() {
		t.Fatalf("train answered %v", kinds(out))
	}
	var losses, samples int
	var last proto.Message
	for i := 0; s.Busy(); i++ {
		if i > 10000 {
			t.Fatal("training never ends")
		}
		for _, m := range s.Step() {
			switch m.Kind {
			case proto.Progress:
				losses += len(m.Losses)
			case proto.Samples:
				samples++
				if len(m.Samples.Samples) != 4 || m.Samples.Samples[0].Text == "" {
					t.Errorf("epoch samples: %+v", m.Samples)
				}
			case proto.Error:
				t.Fatal(m.Error)
			}
			last = m
		}
	}
	if last.State != proto.Done || samples != 2 || losses != 2*s.run.Trainer.Batches() {
		t.Errorf("last %v, %d sample sets, %d losses; want done, 2, %d", kinds([]proto.Message{last}), samples, losses, 2*s.run.Trainer.Batches())
	}
	g := s.Handle(proto.Message{Kind: proto.Generate, Seq: 7, Prompt: "토끼", Gen: &lm.GenOptions{
		SampleOptions: lm.SampleOptions{Temperature: 0.5, TopP: 1}, N: 30}})
	if g[0].Kind != proto.Generated || g[0].Seq != 7 || len(g[0].Generated.IDs) == 0 {
		t.Errorf("generate: %+v", g[0])
	}
	p := s.Handle(proto.Message{Kind: proto.Predict, Seq: 8, Prompt: "토끼와 거북", K: 10})
	if p[0].Kind != proto.Candidates || p[0].Seq != 8 || len(p[0].Candidates) != 10 || p[0].Level != lm.Char {
		t.Errorf("predict: %+v", p[0])
	}
}

func TestPauseResumeStop(t *testing.T) {
	s := New()
	s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: tinyConfig()})
	s.Step()
	if out := s.Handle(proto.Message{Kind: proto.Pause}); out[len(out)-1].State != proto.Paused || s.Busy() {
		t.Fatalf("pause: %v", kinds(out))
	}
	if s.Step() != nil {
		t.Error("a paused session trained")
	}
	before := len(s.run.Trainer.History.BatchLoss)
	s.Handle(proto.Message{Kind: proto.Resume})
	s.Step()
	if len(s.run.Trainer.History.BatchLoss) != before+1 {
		t.Error("resume did not continue training")
	}
	if out := s.Handle(proto.Message{Kind: proto.Stop}); out[len(out)-1].State != proto.Stopped || s.Busy() {
		t.Errorf("stop: %v", kinds(out))
	}
	if g := s.Handle(proto.Message{Kind: proto.SampleNow}); g[0].Kind != proto.Samples {
		t.Errorf("a stopped model cannot write: %v", kinds(g))
	}
}

func TestBadRequestsGetMessages(t *testing.T) {
	s := New()
	cases := []struct {
		m    proto.Message
		want string
	}{
		{proto.Message{Kind: proto.Train, Text: "   \n", Config: tinyConfig()}, "empty"},
		{proto.Message{Kind: proto.Train, Text: "too short", Config: tinyConfig()}, "too short"},
		{proto.Message{Kind: proto.Generate, Gen: &lm.GenOptions{N: 5}}, "no model"},
		{proto.Message{Kind: proto.Predict, Prompt: "x"}, "no model"},
		{proto.Message{Kind: "fly"}, "unknown request"},
	}
	for _, c := range cases {
		out := s.Handle(c.m)
		if len(out) == 0 || out[0].Kind != proto.Error || !strings.Contains(out[0].Error, c.want) || strings.HasPrefix(out[0].Error, "model:") {
			t.Errorf("%s: got %+v; want an error about %q", c.m.Kind, out, c.want)
		}
	}
	bad := *tinyConfig()
	bad.Units = 0
	if out := s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: &bad}); out[0].Kind != proto.Error {
		t.Errorf("units 0 accepted: %v", kinds(out))
	}
}

func TestAnalyzeAdvisesAndEstimates(t *testing.T) {
	s := New()
	book := lm.BookConfig()
	out := s.Handle(proto.Message{Kind: proto.Analyze, Text: koreanText(t), Config: &book})
	a := out[0].Analysis
	if a == nil || a.Chars == 0 || a.Tokens == 0 || !strings.Contains(strings.Join(a.Advice, " "), "Character level") {
		t.Fatalf("analysis of a short Korean text at word level: %+v", out[0])
	}
	if !s.Busy() {
		t.Fatal("no estimate scheduled")
	}
	// One batch a step at most, so that the worker reads the page's requests between them: the
	// run, the untimed batch, then each timed one.
	var est []proto.Message
	steps := 0
	for s.Busy() && steps < 10 {
		est = s.Step()
		steps++
		if s.Busy() && len(est) != 0 {
			t.Fatalf("step %d of the estimate said %v before its end", steps, kinds(est))
		}
	}
	if steps != 2+estimateBatches {
		t.Errorf("the estimate took %d steps; want %d, one batch each", steps, 2+estimateBatches)
	}
	if len(est) != 1 || est[0].Analysis.EpochSeconds <= 0 {
		t.Errorf("estimate: %+v", est)
	}
}

func TestDivergenceStopsWithAMessageAndKeepsTheModel(t *testing.T) {
	s := New()
	s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: tinyConfig()})
	s.Step()
	s.run.Trainer.Net.P.Data[len(s.run.Trainer.Net.P.Data)-1] = float32(math.Inf(1)) // a dense bias: the next loss is NaN
	out := s.Step()
	if len(out) < 2 || out[len(out)-2].Kind != proto.Error || !strings.Contains(out[len(out)-2].Error, "diverged") ||
		out[len(out)-1].State != proto.Stopped || s.Busy() {
		t.Fatalf("after divergence: %v", kinds(out))
	}
	if strings.HasPrefix(out[len(out)-2].Error, "model:") {
		t.Errorf("the message keeps the package prefix: %q", out[len(out)-2].Error)
	}
}

// TestAnalyzeCutsAsTrainingDoes: the studio's counts come from the tokenization training uses,
// and its advice counts in the right number.
func TestAnalyzeCutsAsTrainingDoes(t *testing.T) {
	cfg := lm.BookConfig()
	cfg.Cleaning, cfg.SeqLen = lm.CleanNone, 2
	a, corpus, err := Analyze(strings.Repeat("The fox\tran.\nthe dog sat.\n", 3), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// the fox ran. \n dog sat.: 6 tokens and the reserved id.
	if a.WordVocab != 7 || a.Vocab != 7 || a.Words != 24 || a.Tokens != 24 || corpus.Tok.Split != lm.SplitWhite {
		t.Errorf("got %d words of %d ids, %d tokens of %d ids (split %s); want 24 of 7 for both, split white",
			a.Words, a.WordVocab, a.Tokens, a.Vocab, corpus.Tok.Split)
	}
	a, _, err = Analyze("a b c", cfg)
	if err != nil {
		t.Fatal(err)
	}
	if advice := strings.Join(a.Advice, " "); !strings.Contains(advice, "Only 1 training window: an epoch is 1 batch,") {
		t.Errorf("advice %q; want it to count 1 training window and 1 batch", advice)
	}
}

// TestANewRunDoesNotStackOnTheOld: Train lets the stopped run go before it makes the new run's
// network, so that the heap never holds both: a Go program's heap (a worker's WebAssembly memory)
// keeps whatever it once reached. The old run's weights must be gone at the collection Train
// makes just before the new network (its last): a weak pointer to them is then nil. It checks
// what is reachable, not a heap's size, which other tests and the collector's pacing move.
func TestANewRunDoesNotStackOnTheOld(t *testing.T) {
	s, cfg, train := heapSession(t)
	train()
	old := weak.Make(&s.run.Net.P.Data[0])
	heldAtLast, collections := false, 0
	real := collect
	t.Cleanup(func() { collect = real })
	collect = func() {
		real()
		heldAtLast, collections = old.Value() != nil, collections+1
	}
	if out := s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg}); find(out, proto.Error) != nil || s.phase != proto.Training {
		t.Fatalf("the second Train: %v", kinds(out))
	}
	switch {
	case collections == 0:
		t.Error("Train made the new run's network without a collection: the old run's memory was not given to it")
	case heldAtLast:
		t.Error("the old run's weights were still reachable when Train made the new run's network")
	}
}

// TestAnEstimateBesideAStoppedRunTimesIt: the page asks for an analysis after a stop (a setting
// changed, the workers say); with the stopped run's text and settings, the estimate times the
// stopped run's own network, which it leaves as it was, instead of making a network of its own
// beside it (in the browser, 31 MB beside the stopped run's 17 for the book's model).
func TestAnEstimateBesideAStoppedRunTimesIt(t *testing.T) {
	s, cfg, train := heapSession(t)
	train()
	weights := len(s.run.Net.P.Data)
	unchanged := stoppedRunKept(t, s)
	s.Handle(proto.Message{Kind: proto.Analyze, Text: koreanText(t), Config: cfg})
	seconds := 0.0
	for s.estimate != nil {
		if job := s.estimate; job.run != nil || job.held != nil && job.held != s.run {
			t.Fatalf("the estimate beside the stopped run made a timing run of its own (%d weights and their optimizer state), or timed another", weights)
		}
		for _, m := range s.Step() {
			if m.Kind == proto.Analysis && m.Analysis != nil {
				seconds = m.Analysis.EpochSeconds
			}
		}
	}
	if seconds <= 0 {
		t.Fatal("the estimate gave no seconds per epoch")
	}
	unchanged("the estimate")
}

// heapSession is a session at the engine's GOGC (until the test ends), the settings of a model of
// megabytes, and a function that trains it three batches and stops.
func heapSession(t *testing.T) (*Session, *lm.Config, func()) {
	t.Helper()
	gc := debug.SetGCPercent(20)
	t.Cleanup(func() { debug.SetGCPercent(gc) })
	s := New()
	cfg := tinyConfig()
	cfg.Units, cfg.Embed = 384, 32 // megabytes of weights and optimizer state, beyond the rest
	return s, cfg, func() {
		t.Helper()
		out := s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg})
		if find(out, proto.Error) != nil {
			t.Fatalf("train: %v", kinds(out))
		}
		for range 3 {
			s.Step()
		}
		s.Handle(proto.Message{Kind: proto.Stop})
	}
}

// TestAnalyzeSaysWhenTheBookIsPastedTwice: the book's cleaning keeps one copy of a book pasted
// more than once, and the text's figures say so first, rather than counting one copy silently (a
// trial pasted Aesop twice). Once, or with no cleaning (which keeps every copy), nothing is said.
func TestAnalyzeSaysWhenTheBookIsPastedTwice(t *testing.T) {
	book := "The Project Gutenberg eBook\r\nTHE FOX AND THE GRAPES\r\n\r\n\r\n" + strings.Repeat("A fox saw the grapes and said they were sour. ", 40) +
		"\r\n\r\n\r\n\r\n\r\nTHE END\r\nILLUSTRATIONS\r\n\r\n\r\n[x]\r\nEnd of the Project Gutenberg eBook\r\n"
	cfg := lm.BookConfig()
	once, _, err := Analyze(book, cfg)
	if err != nil {
		t.Fatal(err)
	}
	twice, _, err := Analyze(book+book, cfg)
	if err != nil {
		t.Fatal(err)
	}
	const want = "2 copies of the same book found"
	if len(twice.Advice) == 0 || !strings.HasPrefix(twice.Advice[0], want) || twice.Tokens != once.Tokens {
		t.Errorf("the book twice: advice %q, %d tokens; want it to start %q, and the %d tokens of one copy", twice.Advice, twice.Tokens, want, once.Tokens)
	}
	if advice := strings.Join(once.Advice, " "); strings.Contains(advice, "copies") {
		t.Errorf("the book once: advice %q", advice)
	}
	cfg.Cleaning = lm.CleanNone
	if a, _, err := Analyze(book+book, cfg); err != nil || strings.Contains(strings.Join(a.Advice, " "), "copies") {
		t.Errorf("the book twice, no cleaning: %v, advice %q", err, a.Advice)
	}
}
