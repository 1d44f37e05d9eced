package session

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"testing"

	"fabulist/internal/need"
	"fabulist/model/lm"
	"fabulist/model/nn"
	"fabulist/studio/proto"
)

// reproHashes are what the studio's engine makes of fixed seeds: the weights after training,
// every batch's loss, the epoch samples and a generated text, on one and on two workers, by the
// native kernels (kernels()). gonum's were recorded before the engine was split into packages,
// so that the move is seen to change no bit; avx2's when their LSTM cell became AVX2 lanes (they
// round otherwise: fused multiply-add, Cephes' expf and sigmoid). All four were recorded again when
// the Quick preset, which the run starts from, took a cosine schedule from 0.006, no dropout and
// steps_per_epoch (issue #16's character level). Floating-point results depend on the
// architecture's kernels (FMA, math.Exp), so they hold for amd64.
var reproHashes = map[string]map[int]string{
	"gonum+go":  {1: "efc0816e577dae99", 2: "658944c60eb88ee3"},
	"avx2+avx2": {1: "b26cbff891b2c452", 2: "a82ed7d705dcfe2e"},
}

func TestSameSeedsGiveTheSameBits(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		need.Skip(t, "the recorded hashes are amd64's (GOARCH=%s)", runtime.GOARCH)
	}
	want, ok := reproHashes[kernels()]
	if !ok {
		need.Skip(t, "no hashes are recorded for the %s kernels", kernels())
	}
	for _, workers := range []int{1, 2} {
		t.Run(fmt.Sprint(workers, " workers"), func(t *testing.T) {
			if got := studioRunHash(t, workers); got != want[workers] {
				t.Errorf("run hash %s; recorded %s (%s kernels)", got, want[workers], kernels())
			}
		})
	}
}

// studioRunHash trains a small character model on the Korean sample as the worker does, then
// generates, and hashes everything the user could see or keep.
func studioRunHash(t *testing.T, workers int) string {
	t.Helper()
	s := New()
	s.SetPool(LocalPool{N: workers})
	s.PostEvery = 0
	cfg := tinyConfig()
	cfg.Seed = 42
	h := sha256.New()
	out := s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg, Workers: workers})
	for i := 0; s.Busy(); i++ {
		if i > 100000 {
			t.Fatal("training never ends")
		}
		out = append(out, s.Step()...)
	}
	for _, m := range out {
		switch m.Kind {
		case proto.Error:
			t.Fatal(m.Error)
		case proto.Progress:
			for _, l := range m.Losses {
				binary.Write(h, binary.LittleEndian, math.Float32bits(l))
			}
		case proto.Samples:
			for _, smp := range m.Samples.Samples {
				fmt.Fprintf(h, "%g %q\n", smp.Temperature, smp.Text)
			}
		}
	}
	file := s.Handle(proto.Message{Kind: proto.Export})[0].File
	m, err := lm.Decode(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range m.Net.P.Data {
		binary.Write(h, binary.LittleEndian, math.Float32bits(w))
	}
	// The latest weights, which the hashes were recorded with before the best were kept beside them.
	g := s.Handle(proto.Message{Kind: proto.Generate, Prompt: "토끼", Seed: 9, Weights: lm.WeightsLatest, Gen: &lm.GenOptions{
		SampleOptions: lm.SampleOptions{Temperature: 0.8, TopP: 1}, N: 40}})
	if g[0].Kind != proto.Generated {
		t.Fatalf("generate: %+v", g[0])
	}
	fmt.Fprintf(h, "%q", g[0].Generated.Text)
	return fmt.Sprintf("%x", h.Sum(nil))[:16]
}

// kernels names the native matrix and elementwise kernels, which the recorded hashes depend on.
func kernels() string { return nn.DefaultGemm.Name() + "+" + nn.DefaultVector.Name() }
