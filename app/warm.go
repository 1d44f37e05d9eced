package app

import (
	"runtime"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// warmUp runs, once the page is idle after loading, what a first training run would otherwise
// run for the first time while the user watches it: the worker's messages decoded, the studio
// rendered as it looks while training, and the first garbage collection. Each part takes an idle
// moment of its own.
//
// Chromium compiles a WebAssembly function when it is first called, and Go's wasm runs on the
// page's one thread, so the first progress message, the first saved list (with its dates) and
// the first samples each held the page's thread for compiles in the middle of a run: a
// performance trace of a first run showed some 60 functions compiled in its first two seconds,
// up to 3 ms of compiling in one task, and several times that in wall time when the machine was
// busy. The first collection was worse: the page's Go heap first reaches its goal (4 MB) some
// seconds into a first run after a long text was pasted, and that collection, with the
// collector's own compiles, held the thread for 50–100 ms (GODEBUG=gctrace=1: 14+27+7 ms for a
// 3 MB heap). Done here, while the page waits for the engine or the user, nothing that moves is
// held up; later collections find the collector compiled and a small heap.
func warmUp() {
	if !app.IsClient {
		return
	}
	whenIdle(func() {
		warmDecode()
		whenIdle(func() {
			warmRender()
			// The first collection comes last, so that it also takes what the two made.
			whenIdle(func() { go runtime.GC() })
		})
	})
}

// warmDecode encodes and decodes the kinds of message a run brings, with every field the page
// reads from them set (negative numbers and true among them: each takes a path of its own in
// encoding/json).
func warmDecode() {
	for _, m := range trainingMessages() {
		proto.Decode(proto.Encode(m))
	}
}

// warmRender renders the studio as it looks while training, to a string that nothing shows.
func warmRender() { app.HTMLString(&Studio{v: trainingView()}) }

// trainingMessages are one of each message a training run sends the page: its state, progress
// (also at an epoch's end), samples, candidates and the saved list.
func trainingMessages() []proto.Message {
	val := 4.5
	ws := []proto.Workspace{
		{ID: "a", Name: "Once upon a time", Created: 1, Updated: 1_700_000_000_000, Chars: 1000, Level: lm.Word,
			Epoch: 1, Epochs: 2, ValLoss: 4.5, Phase: proto.Training, Bytes: 1 << 20},
		{ID: "b", Name: "Another \"story\"", Created: 2, Updated: 1_700_000_000_000, Chars: 10, Level: lm.Char,
			Epochs: 2, ValLoss: -1, Phase: proto.Idle, Bytes: 100, Damaged: "the model is not bytes but a string"},
	}
	return []proto.Message{
		{Kind: proto.State, State: proto.Training, Workers: 1},
		{Kind: proto.Progress, Progress: &lm.Progress{Epoch: 1, Epochs: 2, Batch: 3, Batches: 10, Loss: 5.25, SamplesPerS: 80.5},
			Losses: []float32{5.5, 5.25, 5.125}},
		{Kind: proto.Progress, Progress: &lm.Progress{Epoch: 1, Epochs: 2, Batches: 10, Loss: 5.25, ValLoss: &val,
			Validating: true, EpochDone: true}},
		{Kind: proto.Samples, Samples: &proto.EpochSamples{Epoch: 1, Samples: []lm.EpochSample{{Temperature: 0.2, Text: "the fox said\n\"é\""}}}},
		{Kind: proto.Candidates, Seq: 7, Candidates: []lm.Candidate{{Token: "the", ID: 2, P: 0.25}}, Level: lm.Word},
		{Kind: proto.Saved, Workspace: &ws[0], Workspaces: ws, Usage: 1 << 20, Quota: 1 << 30},
	}
}

// trainingView is the studio in the middle of a first run's second epoch, as the messages of
// trainingMessages leave it.
func trainingView() View {
	v := initialView()
	v.Ready, v.Workers, v.Kernel, v.Phase, v.RunWorkers, v.HasModel = true, 2, "simd", proto.Training, 1, true
	v.Preset, v.Config = "quick", lm.QuickConfig()
	v.TextChars = 1000
	v.Analysis = &proto.TextAnalysis{Chars: 1000, Tokens: 200, Vocab: 50, Words: 200, WordVocab: 50, CharVocab: 30,
		Windows: 180, Params: 12345, EpochSeconds: 12.5}
	val := 4.5
	v.Progress = lm.Progress{Epoch: 2, Epochs: 2, Batch: 3, Batches: 10, Loss: 4.25, SamplesPerS: 80.5, ValLoss: &val}
	v.BatchLoss = make([]float32, 13)
	for i := range v.BatchLoss {
		v.BatchLoss[i] = 6 - float32(i)/8
	}
	v.ValLoss = []float64{val}
	for _, m := range trainingMessages() {
		switch m.Kind {
		case proto.Samples:
			v.Samples = []proto.EpochSamples{*m.Samples}
		case proto.Candidates:
			v.Candidates, v.CandidatesFor = m.Candidates, "once upon a time"
		case proto.Saved:
			v.Workspaces, v.WorkspaceID, v.Usage, v.Quota = m.Workspaces, m.Workspace.ID, m.Usage, m.Quota
		}
	}
	v.SavedAt = "12:00:00"
	return v
}

// whenIdle calls f once the browser has nothing else to do (requestIdleCallback, at most 2 s
// late), or after the current task where the browser has no idle callbacks.
func whenIdle(f func()) {
	var cb app.Func
	cb = app.FuncOf(func(this app.Value, args []app.Value) any {
		cb.Release()
		f()
		return nil
	})
	w := app.Window()
	if w.Get("requestIdleCallback").Truthy() {
		w.Call("requestIdleCallback", cb, map[string]any{"timeout": 2000})
		return
	}
	w.Call("setTimeout", cb, 0)
}
