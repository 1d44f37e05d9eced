//go:build js && wasm

package worker

import (
	"slices"
	"syscall/js"
	"testing"

	"fabulist/studio/session"
)

// TestHelperMeasuresValidationBatches: a validation request ({op: "eval"}) carries the weights
// in the helper's buffer and the batches' windows; the helper answers each batch's loss sum,
// the replica's bit for bit, and sends the buffer back, which the next step's weights then use.
func TestHelperMeasuresValidationBatches(t *testing.T) {
	r := newHelperRig(t)
	run, text, file, answers, inbox, sent, h, hs := r.run, r.text, r.file, r.answers, r.inbox, r.sent, r.h, r.hs

	weights := slices.Clone(run.Net.P.Data)
	for i := range weights {
		weights[i] += 0.001 * float32(i%5) // not the file's, so that the helper must take them
	}
	val := run.Corpus.Data.Val
	if len(val) < 7 {
		t.Fatalf("%d validation windows; the test wants 7", len(val))
	}
	batches := [][]int32{val[:4], val[4:7]}
	hs.SendEval(1, weights, batches)
	out := messages(sent, pieces+1)
	var bufs []js.Value
	moved := 0
	for _, m := range out {
		moved += transferred(m.transfer)
		if opOf(m) == "weights" {
			bufs = append(bufs, m.msg.Get("part"))
		}
	}
	if got, want := moved, 4*len(weights)+4*7+4*2; got != want || len(bufs) != pieces || opOf(out[pieces]) != "eval" {
		t.Errorf("the request is %d pieces of weights then %s, transferring %d bytes; want %d pieces then eval, %d bytes (the weights, the windows and the batches' sizes)",
			len(bufs), opOf(out[pieces]), got, pieces, want)
	}
	for _, m := range out {
		inbox <- m.msg
	}
	a := <-answers
	if op := a.msg.Get("op").String(); op != "sums" {
		t.Fatalf("the helper answered %s; want sums", js.Global().Get("JSON").Call("stringify", a.msg).String())
	}
	back := array(a.msg.Get("weights"))
	if len(back) != pieces || transferred(a.transfer) != 4*len(weights) {
		t.Errorf("the weights' buffers did not come back: %d of %d, %d bytes", len(back), pieces, transferred(a.transfer))
	}
	for j := range min(len(back), len(bufs)) {
		if !back[j].Equal(bufs[j]) {
			t.Errorf("piece %d of the weights came back in another Float32Array", j)
		}
	}
	h.receive(a.msg)
	got, err := hs.ReceiveEval(1)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := session.NewReplica(file, string(text))
	if err != nil {
		t.Fatal(err)
	}
	copy(rep.Weights(), weights)
	var want []float64
	for _, b := range batches {
		l, err := rep.LossSum(b)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, l)
	}
	if !slices.Equal(got, want) {
		t.Errorf("the helper's sums: got %v; want %v (the replica's)", got, want)
	}
	hs.Send(1, weights, val[:2], 1, 2)
	next := messages(sent, pieces+1)
	for j, m := range next[:pieces] {
		if !m.msg.Get("part").Equal(bufs[j]) {
			t.Errorf("the next step's piece %d of the weights went in a new Float32Array; want the one the sums came back with", j)
		}
	}

	// A batch that claims more windows than were sent is refused, with a message.
	for _, m := range next[:pieces] {
		inbox <- m.msg
	}
	inbox <- js.ValueOf(map[string]any{"op": "eval", "starts": int32sToJS(val[:2]), "sizes": int32sToJS([]int32{3})})
	if a := <-answers; a.msg.Get("op").String() != "error" {
		t.Errorf("a batch past its windows: the helper answered %s; want an error", js.Global().Get("JSON").Call("stringify", a.msg).String())
	}
}
