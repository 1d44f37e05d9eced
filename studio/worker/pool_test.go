//go:build js && wasm

package worker

import (
	"slices"
	"strings"
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
	r := &helperRig{run: run, text: text, file: file, answers: make(chan posting, 2*answerRoom), sent: make(chan posting, 2*answerRoom),
		inbox: make(chan js.Value, 2*answerRoom)}
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
	r.h = &webHelper{answer: make(chan helperAnswer, answerRoom), memory: make(chan string, 1)}
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

// messages takes n postings from c.
func messages(c <-chan posting, n int) []posting {
	ps := make([]posting, n)
	for i := range ps {
		ps[i] = <-c
	}
	return ps
}

// opOf is a posting's op, or its whole JSON when it has none.
func opOf(p posting) string {
	if op := p.msg.Get("op"); op.Type() == js.TypeString {
		return op.String()
	}
	return js.Global().Get("JSON").Call("stringify", p.msg).String()
}

// TestHelperRoundTripCarriesOneSetOfPieces: a helper's step moves the weights out and the
// gradient back in the same Float32Arrays, a piece a message each way (so that each side's copies
// overlap the other's), and the coordinator sends the next weights in them: one copy of the
// model's size a helper, where there were two. The gradient added is the replica's, bit for bit.
func TestHelperRoundTripCarriesOneSetOfPieces(t *testing.T) {
	r := newHelperRig(t)
	run, text, file, answers, inbox, sent, h, hs := r.run, r.text, r.file, r.answers, r.inbox, r.sent, r.h, r.hs

	weights := slices.Clone(run.Net.P.Data)
	for i := range weights {
		weights[i] += 0.001 * float32(i%7) // not the file's, so that the helper must take them
	}
	starts := run.Corpus.Data.Train[:4]
	var first []js.Value
	for step := range 2 {
		hs.Send(1, weights, starts, 7, 8)
		out := messages(sent, pieces+1)
		var bufs []js.Value
		for j, m := range out[:pieces] {
			lo, hi := pieceBounds(len(weights), j)
			if opOf(m) != "weights" || m.msg.Get("at").Int() != lo || transferred(m.transfer) != 4*(hi-lo) {
				t.Fatalf("step %d: message %d is %s at %v, transferring %d bytes; want piece %d of the weights, at %d, %d bytes",
					step, j, opOf(m), m.msg.Get("at"), transferred(m.transfer), j, lo, 4*(hi-lo))
			}
			bufs = append(bufs, m.msg.Get("part"))
			if step > 0 && !bufs[j].Equal(first[j]) {
				t.Errorf("step %d: piece %d of the weights went in a new Float32Array; want the one its gradient came back in", step, j)
			}
		}
		if m := out[pieces]; opOf(m) != "grad" || transferred(m.transfer) != 4*len(starts) {
			t.Fatalf("step %d: the request is %s transferring %d bytes; want grad with the windows' starts", step, opOf(m), transferred(m.transfer))
		}
		for _, m := range out {
			inbox <- m.msg
		}
		back := messages(answers, pieces+1)
		for j, a := range back[:pieces] {
			lo, hi := pieceBounds(len(weights), j)
			if opOf(a) != "part" || a.msg.Get("at").Int() != lo || transferred(a.transfer) != 4*(hi-lo) {
				t.Fatalf("step %d: answer %d is %s at %v transferring %d bytes; want piece %d of the gradient", step, j, opOf(a),
					a.msg.Get("at"), transferred(a.transfer), j)
			}
			if !a.msg.Get("grad").Equal(bufs[j]) {
				t.Errorf("step %d: piece %d of the gradient came back in another Float32Array than its weights went in", step, j)
			}
		}
		if a := back[pieces]; opOf(a) != "grad" || transferred(a.transfer) != 0 {
			t.Fatalf("step %d: the last answer is %s transferring %d bytes; want grad with the loss alone", step, opOf(a), transferred(a.transfer))
		}
		first = bufs
		for _, a := range back {
			h.receive(a.msg)
		}
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

	// Weights that do not come as the replica's in pieces in order are refused, with a message,
	// and the request after them is answered as usual.
	whole := js.Global().Get("Float32Array").New(len(weights))
	for _, m := range []map[string]any{{"op": "weights", "at": 0, "part": whole}, {"op": "grad", "starts": int32sToJS(starts), "seed": "7", "total": 8}} {
		inbox <- js.ValueOf(m)
	}
	if a := <-answers; opOf(a) != "error" || !strings.Contains(a.msg.Get("error").String(), "pieces") {
		t.Errorf("the weights in one piece: the helper answered %s; want an error about the pieces", js.Global().Get("JSON").Call("stringify", a.msg).String())
	}
	hs.Send(1, weights, starts, 7, 8)
	for _, m := range messages(sent, pieces+1) {
		inbox <- m.msg
	}
	if back := messages(answers, pieces+1); opOf(back[pieces]) != "grad" {
		t.Errorf("after a refused request the helper answered %s; want its gradient", opOf(back[pieces]))
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
