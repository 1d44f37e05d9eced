package app

import (
	"strings"
	"testing"

	"fabulist/studio/proto"
	"fabulist/studio/share"
)

// fakeForm is the form as a test sets it.
type fakeForm struct {
	text    string
	refused string
	fields  map[string]string
}

func (f *fakeForm) box() (string, string)  { return f.text, f.refused }
func (f *fakeForm) field(id string) string { return f.fields[id] }

// withForm gives the test store a form and an empty pending list.
func withForm(t *testing.T, st *store, f *fakeForm) {
	t.Helper()
	old := pending.ids
	pending.ids = nil
	st.form = f
	t.Cleanup(func() { pending.ids = old })
}

// Each action first takes the edits the form has not sent yet: the text typed less than the
// debounce ago, a settings field typed and not committed.
func TestActionsTakePendingEditsFirst(t *testing.T) {
	actions := []struct {
		name string
		run  func(st *store)
		// check looks at what the action did with the pending text and units.
		check func(t *testing.T, st *store, sent []proto.Message)
	}{
		{"train", func(st *store) { st.train() }, func(t *testing.T, st *store, sent []proto.Message) {
			last := sent[len(sent)-1]
			if st.v.Error != "" || last.Kind != proto.Train || last.Text != shortText || last.Config.Units != 20 {
				t.Errorf("train: error %q, sent %s with units %v and text %.20q", st.v.Error, last.Kind, last.Config, last.Text)
			}
		}},
		{"share", func(st *store) { st.share(nil, false) }, func(t *testing.T, st *store, _ []proto.Message) {
			p, err := share.Decode(st.v.Share)
			if err != nil || p.Text != shortText || p.Config.Units != 20 {
				t.Errorf("share: %v, units %d, text %.20q", err, p.Config.Units, p.Text)
			}
		}},
	}
	for _, a := range actions {
		t.Run(a.name, func(t *testing.T) {
			st, sent := newTestStore(t)
			withForm(t, st, &fakeForm{text: shortText, fields: map[string]string{"units": "20"}})
			pending.mark(corpusID)
			pending.mark("units")
			st.flush()
			a.run(st)
			a.check(t, st, *sent)
			if len(pending.ids) != 0 {
				t.Errorf("still pending after the action: %v", pending.ids)
			}
		})
	}
}

const shortText = "The fox saw the grapes and said they were sour. 토끼와 거북이."

// A preset chosen after typing in a field wins over the field: the field's edit is taken first.
func TestAPresetChosenAfterAnEditWins(t *testing.T) {
	st, _ := newTestStore(t)
	withForm(t, st, &fakeForm{fields: map[string]string{"units": "20"}})
	pending.mark("units")
	st.flush()
	st.setPreset("quick")
	if st.v.Config.Units != 128 || st.v.Preset != "quick" {
		t.Errorf("units %d, preset %s; want the quick preset's 128", st.v.Config.Units, st.v.Preset)
	}
}

// A box too large to take keeps the store's text and says why.
func TestARefusedBoxKeepsTheText(t *testing.T) {
	st, _ := newTestStore(t)
	st.setText("the old text")
	withForm(t, st, &fakeForm{refused: tooLarge(9 << 20)})
	pending.mark(corpusID)
	st.flush()
	if st.text != "the old text" || !strings.Contains(st.v.Error, "9.0 MB") {
		t.Errorf("text %q, error %q", st.text, st.v.Error)
	}
}

// Taking the same text twice (the debounce after a click took it) asks for one analysis.
func TestTheSameTextIsAnalysedOnce(t *testing.T) {
	st, sent := newTestStore(t)
	st.setText(shortText)
	st.setText(shortText)
	n := 0
	for _, m := range *sent {
		if m.Kind == proto.Analyze {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d analyses asked; want 1", n)
	}
}

// A text too large for the studio that got into the box (the browser put it there: the paste
// handler stops only the pastes it sees) is refused, and the box goes back to the text the store
// holds, so that what is shown is what the statistics, Train and Find questions use; the banner
// says so. A trial found the refused text left in the box.
func TestARefusedBoxTextGoesBackToTheHeldText(t *testing.T) {
	const refused = "That text is 6.2 MB; the studio takes texts up to 5 MB. Try a part of it."
	for _, c := range []struct {
		name, held, says string
	}{
		{"a text held", "토끼와 거북이가 경주를 했다.", "The box shows the text it held before."},
		{"none held", "", "The box is empty again"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, _ := newTestStore(t)
			st.setText(c.held)
			withForm(t, st, &fakeForm{refused: refused})
			rev := st.v.TextRev
			pending.mark(corpusID)
			st.flush()
			if st.text != c.held || st.v.Text != c.held {
				t.Errorf("held %q, view %q; want %q", st.text, st.v.Text, c.held)
			}
			if st.v.TextRev == rev {
				t.Error("the box was not given the held text back (TextRev unchanged)")
			}
			if !strings.HasPrefix(st.v.Error, refused) || !strings.Contains(st.v.Error, c.says) {
				t.Errorf("banner %q; want the refusal and %q", st.v.Error, c.says)
			}
		})
	}
}

// The pause after typing is the user's act only while the text it ends is still pending: once
// Train has taken the text, the pause leaves the banner alone. It took off the error Train had
// just shown about a setting out of range, 300 ms after the user pressed it.
func TestThePauseAfterTypingKeepsTheErrorOfTheActionThatTookTheText(t *testing.T) {
	st, sent := newTestStore(t)
	withForm(t, st, &fakeForm{text: shortText, fields: map[string]string{"units": "0"}})
	pending.mark(corpusID)
	pending.mark("units")
	st.acted(func() { st.flush(); st.train() })
	if !strings.Contains(st.v.Error, "out of range") {
		t.Fatalf("Train with units 0: error %q", st.v.Error)
	}
	st.textPaused()
	if !strings.Contains(st.v.Error, "out of range") {
		t.Errorf("the pause after typing took Train's error off the banner: %q", st.v.Error)
	}
	for _, m := range *sent {
		if m.Kind == proto.Train {
			t.Errorf("a run was asked for with units out of range")
		}
	}

	// Typing the user has not acted on since is theirs: it takes the text, and an error about an
	// earlier action is moot.
	st.form.(*fakeForm).text = "A new story about a fox."
	pending.mark(corpusID)
	st.textPaused()
	if st.v.Error != "" || st.text != "A new story about a fox." {
		t.Errorf("typing after the error: banner %q, text %q", st.v.Error, st.text)
	}
}
