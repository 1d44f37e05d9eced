package qa

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestResumeRunIsTheSameRun stops runs of both architectures at an epoch's end and in the middle
// of one, writes and reads the model file, resumes, and requires the very weights and history of
// the run that never stopped.
func TestResumeRunIsTheSameRun(t *testing.T) {
	words := append(slices.Clone(reserved), "who", "is", "?")
	for i := range 12 {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	names := []string{"name0", "name1", "name2"}
	words = append(words, names...)
	v := NewVocab(words)
	rng := rand.New(rand.NewPCG(3, 4))
	train, val := nameTask(rng, v, 40, names), nameTask(rng, v, 8, names)
	configs := map[string]Config{"default": DefaultConfig(len(words)), "book": BookConfig(len(words))}
	for arch, cfg := range configs {
		cfg.Embed, cfg.Units, cfg.Decoder = 4, 3, 5
		if cfg.Arch == ArchDefault {
			cfg.Attention, cfg.Answer = 3, 2
		}
		cfg.Batch, cfg.Epochs = 8, 3 // 5 batches an epoch
		for _, stop := range []int{5, 7} {
			t.Run(fmt.Sprintf("%s stopped after %d batches", arch, stop), func(t *testing.T) {
				whole, err := NewRun(cfg, v, train, val)
				if err != nil {
					t.Fatal(err)
				}
				for !whole.Done() {
					whole.Step()
				}
				part, err := NewRun(cfg, v, train, val)
				if err != nil {
					t.Fatal(err)
				}
				for range stop {
					part.Step()
				}
				part.Model.Train = part.State()
				b, err := Encode(part.Model)
				if err != nil {
					t.Fatal(err)
				}
				m, err := Decode(b)
				if err != nil {
					t.Fatal(err)
				}
				r, err := ResumeRun(m, v.PrepareAll(nil), nil, 0)
				if err == nil {
					t.Fatalf("resumed without training examples")
				}
				if r, err = ResumeRun(m, train, val, 0); err != nil {
					t.Fatal(err)
				}
				if cfg.Arch == ArchDefault { // a resumed run may take another count of workers
					r2, err := ResumeRun(m, train, val, 0)
					if err != nil {
						t.Fatal(err)
					}
					if err := r2.Share(2); err != nil {
						t.Errorf("a resumed run refused 2 workers: %v", err)
					}
				}
				if r.Epoch != stop/5 || r.Batch != stop%5 {
					t.Errorf("resumed at epoch %d batch %d; want %d and %d", r.Epoch, r.Batch, stop/5, stop%5)
				}
				for !r.Done() {
					r.Step()
				}
				if !slices.Equal(r.Model.Net.Params().Data, whole.Model.Net.Params().Data) {
					t.Errorf("the resumed run's weights differ from the whole run's")
				}
				if fmt.Sprint(r.Model.History) != fmt.Sprint(whole.Model.History) {
					t.Errorf("history %+v; the whole run's %+v", r.Model.History, whole.Model.History)
				}
			})
		}
	}
}

func TestResumeRunNeedsTheTrainingState(t *testing.T) {
	m, _ := sampleModel(t)
	m.Train = nil
	if _, err := ResumeRun(m, []Example{{}}, nil, 0); !errors.Is(err, ErrNoTrainState) {
		t.Errorf("got %v; want ErrNoTrainState", err)
	}
}
