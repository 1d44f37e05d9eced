package session

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"fabulist/model/qa"
	"fabulist/model/qa/qatest"
	"fabulist/studio/proto"
)

func qaTrainMsg(seq int, name string, data []byte, epochs int) proto.Message {
	return proto.Message{Kind: proto.QATrain, Seq: seq, FileNames: []string{name}, Files: [][]byte{data},
		QATrain: &proto.QATrainOptions{Epochs: epochs, Size: "small"}}
}

// runQA steps s until it is not busy and returns every message it posted.
func runQA(t *testing.T, s *Session) []proto.Message {
	t.Helper()
	var all []proto.Message
	for i := 0; s.Busy(); i++ {
		if i > 10000 {
			t.Fatal("the question run never ends")
		}
		out := s.Step()
		for _, m := range out {
			if m.Kind == proto.Error {
				t.Fatal(m.Error)
			}
		}
		all = append(all, out...)
	}
	return all
}

func TestQATrainReportsSavesAndRestores(t *testing.T) {
	st := &MemQAStore{}
	s := New()
	s.PostEvery = 0
	s.SetQAStore(st)
	out := s.Handle(qaTrainMsg(3, "ftq.zip", qatest.FairytaleQAZip(t, 6), 2))
	if len(out) != 1 || out[0].Kind != proto.QAState || out[0].State != proto.Training || out[0].Seq != 3 || !s.Busy() {
		t.Fatalf("qa-train answered %v %+v", kinds(out), out)
	}
	info := *out[0].QARun
	if info.Examples != 24 || info.Val != 4 || info.Dataset != "FairytaleQA (zip)" || info.Epochs != 2 || info.Workers != 1 {
		t.Errorf("got run %+v; want 24 training and 4 validation examples of FairytaleQA (zip), 2 epochs, 1 worker", info)
	}
	var losses, helds int
	var last proto.Message
	for _, m := range runQA(t, s) {
		switch m.Kind {
		case proto.QAProgress:
			losses += len(m.QALosses)
			if m.QARun.PairsPerS <= 0 {
				t.Errorf("progress without pairs/s: %+v", m.QARun)
			}
		case proto.QAHeld:
			helds++
			// Each epoch's model is the open question model, and the Questions panel says so.
			if m.QAModel == nil || m.QAModel.Epochs != helds {
				t.Errorf("held-out questions after epoch %d name the open model as %+v", helds, m.QAModel)
			}
			if len(m.QAHeld) != 3 || m.QAHeld[0].Asked == "" || m.QAHeld[0].Epoch != helds ||
				!strings.Contains(m.QAHeld[0].Passage, m.QAHeld[0].Answer) {
				t.Errorf("held-out questions after epoch %d: %+v", helds, m.QAHeld)
			}
		}
		last = m
	}
	if last.Kind != proto.QAState || last.State != proto.Done || helds != 2 || losses != 2*info.Batches {
		t.Fatalf("last %v, %d held-out sets, %d losses; want qa-state done, 2, %d", kinds([]proto.Message{last}), helds, losses, 2*info.Batches)
	}
	if s.qa == nil || st.Puts != 2 {
		t.Fatalf("question model %v, saved %d times; want one open, saved after each of 2 epochs", s.qa != nil, st.Puts)
	}
	held := s.qat.heldLog[0]
	want := askHeld(t, s.qa, held)

	// A reload: a new session over the same storage brings the model back, open for questions.
	s2 := New()
	s2.SetQAStore(st)
	out = s2.Handle(proto.Message{Kind: proto.QARestore, Seq: 9})
	if len(out) != 2 || out[0].Kind != proto.QAState || out[0].State != proto.Done || out[0].QARun.Epoch != 2 ||
		out[1].Kind != proto.QAHeld || len(out[1].QAHeld) != 3 || out[0].Seq != 9 || len(out[0].QALosses) != losses {
		t.Fatalf("restore answered %v %+v", kinds(out), out)
	}
	if s2.qa == nil || s2.Busy() || out[0].QAModel == nil || out[0].QAModel.Epochs != 2 {
		t.Fatalf("the restored question model is not open (%+v), or it trains", out[0].QAModel)
	}
	if got := askHeld(t, s2.qa, held); got != want {
		t.Errorf("restored model asks %q; the trained one asked %q", got, want)
	}
	if got := s2.Handle(proto.Message{Kind: proto.QAResume}); got[0].State != proto.Done || s2.Busy() {
		t.Errorf("resume of a finished restored model answered %v; want qa-state done, nothing to train", kinds(got))
	}
	if got := New().Handle(proto.Message{Kind: proto.QARestore}); len(got) != 0 {
		t.Errorf("restore with no storage answered %v; want nothing", kinds(got))
	}
}

func askHeld(t *testing.T, m *qa.Model, h proto.QAHeldQuestion) string {
	t.Helper()
	g, err := qa.NewTrained(m, qaBeam)
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(h.Passage, h.Answer)
	start = len([]rune(h.Passage[:start]))
	p, err := g.Ask(h.Passage, start, start+len([]rune(h.Answer)))
	if err != nil {
		t.Fatal(err)
	}
	return p.Question
}

func TestQATrainSQuAD(t *testing.T) {
	squad := `{"data": [{"paragraphs": [{"context": "옛날에 🦊 여우가 포도를 보았다. The fox wanted the grapes.", "qas": [
		{"id": "a", "question": "무엇을 보았나?", "answers": [{"text": "포도를", "answer_start": 10}]},
		{"id": "b", "question": "What did the fox want?", "answers": [{"text": "the grapes", "answer_start": 34}]}]}]}]}`
	s := New()
	s.PostEvery = 0
	out := s.Handle(qaTrainMsg(1, "train.json", []byte(squad), 1))
	if out[0].Kind != proto.QAState || out[0].QARun.Dataset != "SQuAD JSON, too small to hold passages out" || out[0].QARun.Examples != 2 {
		t.Fatalf("qa-train answered %v %+v", kinds(out), out[0])
	}
	for _, m := range runQA(t, s) {
		// Its passages are the training ones, and its questions say so, not "did not train on".
		if m.Kind == proto.QAHeld && (len(m.QAHeld) == 0 || !m.QAHeld[0].Trained) {
			t.Errorf("held questions %+v; want them marked as asked on passages the model trained on", m.QAHeld)
		}
	}
	if s.qat.phase != proto.Done || s.qa == nil {
		t.Errorf("got phase %s; want done with a question model", s.qat.phase)
	}
}

// TestQATrainBadDatasets checks that a dataset that does not read gets a message naming the file
// and line, and changes nothing: the question model trained before stays, unsaved over.
func TestQATrainBadDatasets(t *testing.T) {
	st := &MemQAStore{}
	s := New()
	s.SetQAStore(st)
	s.Handle(qaTrainMsg(1, "ftq.zip", qatest.FairytaleQAZip(t, 2), 1))
	runQA(t, s)
	before, model, puts := s.qat, s.qa, st.Puts
	var empty bytes.Buffer
	zip.NewWriter(&empty).Close()
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"bad CSV", "train.csv", []byte("story_id,story_text,question,answer_token_ranges\ns,a b,Q,\"1:2\n"), "dataset: train.csv:2"},
		{"wrong JSON", "train.json", []byte(`{"data": [{"paragraphs": [{"qas": []}]}]}`), `train.json: data[0].paragraphs[0]: no "context"`},
		{"empty zip", "data.zip", empty.Bytes(), "data.zip: the archive is empty"},
		{"no answer spans", "train.csv", []byte("story_id,story_text,question,answer_token_ranges\ns,a b,Q,-1:-1\n"), "none of the 1 examples"},
		{"not a dataset", "story.txt", []byte("Once upon a time"), "not a dataset"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := s.Handle(qaTrainMsg(5, tc.file, tc.data, 1))
			if len(out) != 1 || out[0].Kind != proto.Error || out[0].Seq != 5 || !strings.Contains(out[0].Error, tc.want) ||
				!strings.Contains(out[0].Error, "unchanged") {
				t.Fatalf("got %v %q; want one error containing %q that says the model is unchanged", kinds(out), out[0].Error, tc.want)
			}
			if s.qat != before || s.qa != model || st.Puts != puts || s.Busy() {
				t.Error("a refused dataset changed the question model, its run or what is saved")
			}
		})
	}
}

func TestQAOneRunAtATime(t *testing.T) {
	s := New()
	s.Handle(qaTrainMsg(1, "ftq.zip", qatest.FairytaleQAZip(t, 2), 1))
	if out := s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: tinyConfig()}); out[0].Kind != proto.Error ||
		!strings.Contains(out[0].Error, "one run trains at a time") || s.phase != proto.Idle {
		t.Errorf("train during a question run answered %v; want an error and no text run", kinds(out))
	}
	s.Handle(proto.Message{Kind: proto.QAStop})
	if out := s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: tinyConfig()}); out[0].State != proto.Training {
		t.Fatalf("train after the question run stopped answered %v", kinds(out))
	}
	out := s.Handle(qaTrainMsg(2, "ftq.zip", qatest.FairytaleQAZip(t, 2), 1))
	if out[0].Kind != proto.Error || !strings.Contains(out[0].Error, "the text generator is training") || s.qat.phase != proto.Stopped {
		t.Errorf("qa-train during a text run answered %v; want an error, the question run left stopped", kinds(out))
	}
	if out := s.Handle(proto.Message{Kind: proto.QAResume}); out[0].Kind != proto.Error {
		t.Errorf("qa-resume during a text run answered %v; want an error", kinds(out))
	}
}

func TestQAPauseResumeStop(t *testing.T) {
	st := &MemQAStore{}
	s := New()
	s.SetQAStore(st)
	s.Handle(qaTrainMsg(1, "ftq.zip", qatest.FairytaleQAZip(t, 12), 2)) // 48 examples: two batches an epoch
	s.Step()
	out := s.Handle(proto.Message{Kind: proto.QAPause})
	if last := out[len(out)-1]; last.Kind != proto.QAState || last.State != proto.Paused || s.Busy() || st.Puts != 1 {
		t.Fatalf("pause answered %v, saved %d times; want qa-state paused, not busy, saved once", kinds(out), st.Puts)
	}
	if out := s.Handle(proto.Message{Kind: proto.QAResume}); out[0].State != proto.Training || !s.Busy() {
		t.Fatalf("resume answered %v", kinds(out))
	}
	s.Step()
	out = s.Handle(proto.Message{Kind: proto.QAStop})
	if last := out[len(out)-1]; last.State != proto.Stopped || s.Busy() || st.Puts != 3 || s.qa == nil {
		t.Fatalf("stop answered %v, saved %d times, model open %v; want stopped, saved after the epoch and again, open", kinds(out), st.Puts, s.qa != nil)
	}
	if out := s.Handle(proto.Message{Kind: proto.QAResume}); out[0].State != proto.Training {
		t.Errorf("resume after stop answered %v; want training again", kinds(out))
	}
	// A reload brings the stopped model back, open for questions but without its dataset.
	s2 := New()
	s2.SetQAStore(st)
	if out := s2.Handle(proto.Message{Kind: proto.QARestore}); out[0].State != proto.Stopped || s2.qa == nil {
		t.Fatalf("restore answered %v; want qa-state stopped with the model open", kinds(out))
	}
	if out := s2.Handle(proto.Message{Kind: proto.QAResume}); out[0].Kind != proto.Error || !strings.Contains(out[0].Error, "drop it again") || s2.Busy() {
		t.Errorf("resume of a restored stopped model answered %v; want an error saying to drop the dataset again", kinds(out))
	}
}

// TestQARestoreDamaged checks that a saved question model that does not read is refused with a
// message, and opens nothing.
func TestQARestoreDamaged(t *testing.T) {
	st := &MemQAStore{}
	s := New()
	s.SetQAStore(st)
	s.Handle(qaTrainMsg(1, "ftq.zip", qatest.FairytaleQAZip(t, 2), 1))
	runQA(t, s)
	good := st.Model
	for _, tc := range []struct {
		name        string
		meta, model []byte
		want        string
	}{
		{"cut short", st.Meta, good[:len(good)/2], "the saved question model is damaged"},
		{"description", []byte("{"), good, "its description does not parse"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s2 := New()
			s2.SetQAStore(&MemQAStore{Meta: tc.meta, Model: tc.model})
			out := s2.Handle(proto.Message{Kind: proto.QARestore})
			if len(out) != 1 || out[0].Kind != proto.Error || !strings.Contains(out[0].Error, tc.want) || s2.qa != nil || s2.qat != nil {
				t.Errorf("got %v %q; want one error containing %q and no question model", kinds(out), out[0].Error, tc.want)
			}
		})
	}
}

// TestQARestoreSaysInterrupted: a question run saved at an epoch's end while it trained and
// brought back by a reload was cut off, not stopped, and its progress says so (the page then says
// Interrupted, as it does for the text generator). One the user stopped, and a save from before
// the phase was read, are not.
func TestQARestoreSaysInterrupted(t *testing.T) {
	st := &MemQAStore{}
	s := New()
	s.SetQAStore(st)
	s.Handle(qaTrainMsg(1, "ftq.zip", qatest.FairytaleQAZip(t, 6), 3))
	for i := 0; st.Puts == 0; i++ { // to the first epoch's save; the tab closes there
		if i > 1000 {
			t.Fatal("the first epoch never ends")
		}
		s.Step()
	}
	restore := func(meta []byte) proto.Message {
		t.Helper()
		s2 := New()
		s2.SetQAStore(&MemQAStore{Meta: meta, Model: st.Model})
		out := s2.Handle(proto.Message{Kind: proto.QARestore})
		if len(out) == 0 || out[0].Kind != proto.QAState || out[0].QARun == nil {
			t.Fatalf("restore answered %v", kinds(out))
		}
		return out[0]
	}
	if m := restore(st.Meta); m.State != proto.Stopped || !m.QARun.Interrupted || m.QARun.Epoch != 2 {
		t.Errorf("a run saved while it trained came back %s, interrupted %v, at epoch %d; want stopped, interrupted, at epoch 2",
			m.State, m.QARun.Interrupted, m.QARun.Epoch)
	}
	stopped := bytes.Replace(st.Meta, []byte(`"phase":"training"`), []byte(`"phase":"stopped"`), 1)
	old := bytes.Replace(st.Meta, []byte(`"phase":"training",`), nil, 1)
	if bytes.Equal(stopped, st.Meta) || bytes.Equal(old, st.Meta) {
		t.Fatalf("the saved description has no phase training: %s", st.Meta)
	}
	for name, meta := range map[string][]byte{"stopped": stopped, "no phase": old} {
		if m := restore(meta); m.State != proto.Stopped || m.QARun.Interrupted {
			t.Errorf("%s: came back %s, interrupted %v; want stopped, not interrupted", name, m.State, m.QARun.Interrupted)
		}
	}
}
