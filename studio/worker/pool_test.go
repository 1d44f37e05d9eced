//go:build js && wasm

package worker

import (
	"slices"
	"syscall/js"
	"testing"

	"fabulist/model/lm"
	"fabulist/samples"
	"fabulist/studio/session"
)

// posting is a stand-in for a worker's postMessage: it keeps each message with what it transfers.
type posting struct {
	msg, transfer js.Value
}

func recorder(to chan<- posting) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		p := posting{msg: args[0], transfer: js.Undefined()}
		if len(args) > 1 {
			p.transfer = args[1]
		}
		to <- p
		return nil
	})
}

// helperRig is a helper (helperMode on an inbox, posting to answers) that holds a replica of a
// tiny run, and the coordinator's side of it: a webHelper whose worker's messages go to sent.
type helperRig struct {
	run           *lm.Run
	text, file    []byte
	answers, sent chan posting
	inbox         chan js.Value
	h             *webHelper
	hs            webHelpers
}

func newHelperRig(t *testing.T) *helperRig {
	t.Helper()
	text, err := samples.FS.ReadFile("fables.txt")
	if err != nil {
		t.Fatal(err)
	}
	cfg := lm.QuickConfig()
	cfg.Units, cfg.Embed, cfg.SeqLen, cfg.Batch = 16, 8, 10, 8
	run, err := lm.NewRun(string(text), cfg, lm.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	file, err := lm.Encode(&lm.Model{Net: run.Net, Tok: run.Corpus.Tok, TextHash: run.Corpus.Hash})
	if err != nil {
		t.Fatal(err)
	}
	r := &helperRig{run: run, text: text, file: file, answers: make(chan posting, 4), sent: make(chan posting, 4), inbox: make(chan js.Value, 4)}
	post, toHelper := recorder(r.answers), recorder(r.sent)
	old := js.Global().Get("postMessage")
	js.Global().Set("postMessage", post)
	t.Cleanup(func() {
		close(r.inbox)
		js.Global().Set("postMessage", old)
		post.Release()
		toHelper.Release()
	})
	go helperMode(r.inbox, &webPool{helpers: []*webHelper{nil}})
	r.inbox <- js.ValueOf(map[string]any{"op": "replica", "file": bytesToJS(file), "text": string(text), "kernel": run.Net.Gemm().Name()})
	if a := <-r.answers; a.msg.Get("op").String() != "ready" {
		t.Fatalf("the helper answered the replica with %s; want ready", js.Global().Get("JSON").Call("stringify", a.msg).String())
	}
	r.h = &webHelper{answer: make(chan helperAnswer, 1), memory: make(chan string, 1), spare: js.Undefined()}
	r.h.w = js.Global().Get("Object").New()
	r.h.w.Set("postMessage", toHelper)
	r.hs = webHelpers{[]*webHelper{nil, r.h}}
	return r
}

// transferred is how many bytes a message's transfer list moves.
func transferred(transfer js.Value) int {
	n := 0
	for _, b := range array(transfer) {
		n += b.Get("byteLength").Int()
	}
	return n
}

// TestHelperRoundTripCarriesOneBuffer: a helper's step moves the weights out and the gradient
// back in the same Float32Array, which the coordinator then sends the next weights in: one
// buffer of the model's size a helper, where there were two. The gradient that comes back is the
// replica's, bit for bit.
func TestHelperRoundTripCarriesOneBuffer(t *testing.T) {
	r := newHelperRig(t)
	run, text, file, answers, inbox, sent, h, hs := r.run, r.text, r.file, r.answers, r.inbox, r.sent, r.h, r.hs

	weights := slices.Clone(run.Net.P.Data)
	for i := range weights {
		weights[i] += 0.001 * float32(i%7) // not the file's, so that the helper must take them
	}
	starts := run.Corpus.Data.Train[:4]
	size := 4 * len(weights)
	var first js.Value
	for step := range 2 {
		hs.Send(1, weights, starts, 7, 8)
		s := <-sent
		if got, want := transferred(s.transfer), size+4*len(starts); got != want {
			t.Errorf("step %d: the weights' message transfers %d bytes; want %d (the weights and the windows' starts)", step, got, want)
		}
		out := s.msg.Get("weights")
		if step == 0 {
			first = out
		} else if !out.Equal(first) {
			t.Errorf("step %d: the weights went in a new Float32Array; want the one the gradient came back in", step)
		}
		inbox <- s.msg
		a := <-answers
		if op := a.msg.Get("op").String(); op != "grad" {
			t.Fatalf("step %d: the helper answered %s; want grad", step, js.Global().Get("JSON").Call("stringify", a.msg).String())
		}
		if got := transferred(a.transfer); got != size {
			t.Errorf("step %d: the gradient's message transfers %d bytes; want %d (the gradient)", step, got, size)
		}
		if !a.msg.Get("grad").Equal(out) {
			t.Errorf("step %d: the gradient came back in another Float32Array than the weights went in", step)
		}
		h.receive(a.msg)
		got := make([]float32, len(weights))
		if _, err := hs.AddGradient(1, got); err != nil {
			t.Fatal(err)
		}
		rep, err := session.NewReplica(file, string(text))
		if err != nil {
			t.Fatal(err)
		}
		copy(rep.Weights(), weights)
		want, _, err := rep.Gradient(starts, 7, 8)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("step %d: the gradient added is not the replica's", step)
		}
	}
}

// TestEndHelpersTerminatesTheIdleOnes: EndHelpers(k) terminates the workers of the helpers
// beyond the k-1 a run of k uses, takes their handlers off, and forgets them, so that the next
// Start makes fresh ones; the helpers a run still uses stay as they were.
func TestEndHelpersTerminatesTheIdleOnes(t *testing.T) {
	terminated := map[int]int{}
	p := &webPool{size: 4, helpers: []*webHelper{nil}}
	for i := 1; i <= 3; i++ {
		w := js.Global().Get("Object").New()
		w.Set("postMessage", js.FuncOf(func(js.Value, []js.Value) any { return nil }))
		w.Set("terminate", js.FuncOf(func(js.Value, []js.Value) any { terminated[i]++; return nil }))
		p.helpers = append(p.helpers, newWebHelper(w))
	}
	hs := slices.Clone(p.helpers)
	check := func(when string, kept int) {
		t.Helper()
		if got := len(p.helpers) - 1; got != kept {
			t.Errorf("%s: the pool holds %d helpers; want %d", when, got, kept)
		}
		for i, h := range hs[1:] {
			i++
			ended := i > kept
			if got := terminated[i]; got != map[bool]int{true: 1, false: 0}[ended] {
				t.Errorf("%s: helper %d's worker was terminated %d times; want once if it ended, else never (ended %v)", when, i, got, ended)
			}
			if got := h.w.Get("onmessage").Type() == js.TypeFunction; got == ended {
				t.Errorf("%s: helper %d's worker has a message handler: %v; want %v", when, i, got, !ended)
			}
			select {
			case <-h.ended:
				if !ended {
					t.Errorf("%s: helper %d says it ended; it runs", when, i)
				}
			default:
				if ended {
					t.Errorf("%s: helper %d does not say it ended, for whoever waits on it", when, i)
				}
			}
		}
	}
	p.EndHelpers(3) // a run on three workers: the third helper is idle
	check("a run of three workers", 2)
	p.EndHelpers(4) // more than the pool holds: nothing to end
	check("a run of four workers", 2)
	p.EndHelpers(0) // no run trains
	check("no run", 0)
}
