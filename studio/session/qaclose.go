package session

import (
	"errors"
	"fmt"

	"fabulist/studio/proto"
)

// qaClose closes the open question model and deletes the one saved in this browser, so that a
// reload does not bring it back; FindQuestions and AskQuestion then use the rules alone. A run
// that trains or is paused is refused: stopping it first keeps its last epoch saved until the
// user chooses to close it. With nothing open it answers the same: nothing is open.
func (s *Session) qaClose(m proto.Message) proto.Message {
	if s.qaActive() {
		return errorMsg(m, errors.New("the question model is training: stop it first, then close it"))
	}
	if s.qaStore != nil {
		if err := s.qaStore.DeleteQA(); err != nil {
			return errorMsg(m, fmt.Errorf("the question model could not be deleted from this browser: %v; it stays open", err))
		}
	}
	s.setQuestionModel(nil)
	s.qat = nil
	return reply(m, proto.Message{Kind: proto.QAState, State: proto.Idle})
}
