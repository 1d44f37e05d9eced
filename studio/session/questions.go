package session

import "fabulist/model/qa"

// setQuestionModel makes m the open question model, the one the Questions panel asks with.
func (s *Session) setQuestionModel(m *qa.Model) { s.qa = m }
