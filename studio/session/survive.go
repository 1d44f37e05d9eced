package session

import (
	"fmt"

	"fabulist/studio/proto"
)

// survive turns a panic while handling req (or running a step) into an error message for the
// page. Go's wasm ends the whole program on a panic, and the page would go on saying "Ready" to
// an engine that no longer answers; this way one request fails and the worker stays. It backs up
// the checks, which must make it unnecessary: stored records are checked by decode, messages by
// their handlers. A run or estimate that panicked is stopped rather than stepped again.
func (s *Session) survive(req proto.Message, out *[]proto.Message) {
	r := recover()
	if r == nil {
		return
	}
	*out = []proto.Message{errorMsg(req, fmt.Errorf("the training engine hit an internal error (%v); it goes on, "+
		"but this is a bug: please report it", r))}
	if s.qjob != nil && req.Seq == 0 { // the page waits for the questions' answer: this is it
		(*out)[0].Seq = s.qjob.seq
	}
	s.estimate, s.qjob = nil, nil
	if s.phase == proto.Training {
		s.phase = proto.Stopped
		*out = append(*out, s.state())
	}
	if s.qaTrainingNow() {
		s.qat.phase = proto.Stopped
		*out = append(*out, s.qaState(proto.Message{}))
	}
}
