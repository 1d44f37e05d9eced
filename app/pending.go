package app

import "slices"

// Edits reach the store later than the user makes them: the text box sends its text only after a
// pause in typing (an analysis per keystroke would flood the worker), and a settings field sends
// its value when it is committed (on change, which a click made in script, or Enter on a button
// that already had the focus, does not wait for). An action that read the store meanwhile acted
// on what the user had replaced: Train said "the text is empty" with a story in the box. So the
// fields mark their edits pending as they happen, and every user action first takes each pending
// edit (store.flush), reading the field as it is at that moment. Everything runs on the UI
// goroutine, and the Go runtime handles all that one browser event starts before the next, so
// nothing comes between a click and its flush.

// corpusID is the text box's element id.
const corpusID = "corpus"

// pendingEdits lists the fields edited since the store last took their values, oldest first.
type pendingEdits struct{ ids []string }

// pending is the page's one list: the fields mark it, the store's flush takes it.
var pending = &pendingEdits{}

// mark notes that the field with this element id was edited.
func (p *pendingEdits) mark(id string) {
	if !slices.Contains(p.ids, id) {
		p.ids = append(p.ids, id)
	}
}

// done notes that the field's value has reached the store, or was replaced by the store's.
func (p *pendingEdits) done(id string) {
	p.ids = slices.DeleteFunc(p.ids, func(s string) bool { return s == id })
}

// take returns the pending fields and empties the list.
func (p *pendingEdits) take() []string {
	ids := p.ids
	p.ids = nil
	return ids
}

// formReader reads the form's fields as they are now: the page reads the DOM (domForm); tests
// give their own.
type formReader interface {
	// box returns the text box's text, or why it cannot be taken (too large).
	box() (text, refused string)
	// field returns a settings field's value.
	field(id string) string
}

// flush takes every pending edit into the store, oldest first, so that the action that follows
// acts on what the form shows.
func (s *store) flush() {
	ids := pending.take()
	if len(ids) == 0 || s.form == nil {
		return
	}
	fields := false
	for _, id := range ids {
		if id == corpusID {
			if text, refused := s.form.box(); refused != "" {
				s.boxRefused(refused)
			} else {
				s.setText(text) // keeps the draft's text
			}
			continue
		}
		s.edited()
		s.setField(id, s.form.field(id))
		fields = true
	}
	if fields {
		s.keepDraft()
	}
}
