package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/qa/dataset"
	"fabulist/studio/proto"
)

func TestQABoundsAreTheDatasets(t *testing.T) {
	if maxQAFiles != dataset.MaxDatasetFiles || maxQABytes != dataset.MaxDatasetBytes {
		t.Errorf("the page bounds a dataset at %d files and %d bytes; the dataset package at %d and %d",
			maxQAFiles, maxQABytes, dataset.MaxDatasetFiles, dataset.MaxDatasetBytes)
	}
}

func TestQATrainRefusesWithoutAskingTheWorker(t *testing.T) {
	form := qaTrainForm{Epochs: "2", Examples: "0", Size: "small"}
	for _, tc := range []struct {
		name  string
		setup func(*store)
		form  qaTrainForm
		want  string
	}{
		{"no dataset", func(*store) {}, form, "Choose a dataset first"},
		{"epochs not a number", func(s *store) { s.setQAFiles(qaFiles{Names: []string{"a.zip"}}) }, qaTrainForm{Epochs: "two", Examples: "0"}, "Epochs must be"},
		{"epochs zero", func(s *store) { s.setQAFiles(qaFiles{Names: []string{"a.zip"}}) }, qaTrainForm{Epochs: "0", Examples: "0"}, "Epochs must be"},
		{"examples negative", func(s *store) { s.setQAFiles(qaFiles{Names: []string{"a.zip"}}) }, qaTrainForm{Epochs: "1", Examples: "-3"}, "Examples an epoch"},
		{"text generator training", func(s *store) {
			s.setQAFiles(qaFiles{Names: []string{"a.zip"}})
			s.receive(proto.Message{Kind: proto.State, State: proto.Training})
		}, form, "One model trains at a time"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, sent := newTestStore(t)
			tc.setup(st)
			st.qaTrain(tc.form)
			if !strings.Contains(st.v.QATrain.Error, tc.want) || len(*sent) != 0 {
				t.Errorf("got error %q with %d messages sent; want %q and none", st.v.QATrain.Error, len(*sent), tc.want)
			}
		})
	}
}

// TestQATrainFollowsTheRun checks what the store makes of a question run's messages: a new run
// empties the chart, progress adds to it, an error answering the run shows in the panel (others
// in the banner), and a model brought back from storage shows its saved chart.
func TestQATrainFollowsTheRun(t *testing.T) {
	st, sent := newTestStore(t)
	st.gotReady(proto.Message{Kind: proto.Ready})
	if k := (*sent)[len(*sent)-1]; k.Kind != proto.QARestore {
		t.Fatalf("ready sent %s last; want qa-restore", k.Kind)
	}
	restore := (*sent)[len(*sent)-1].Seq
	st.receive(proto.Message{Kind: proto.QAState, Seq: restore, State: proto.Done,
		QARun: &proto.QARunProgress{Epoch: 2, Epochs: 2}, QALosses: []proto.QALoss{{Tagger: 1, Question: 5}},
		QAModel: &proto.QAModelInfo{Arch: "default", Epochs: 2}})
	if q := st.v.QATrain; !q.Restored || len(q.Losses) != 1 || q.Phase != proto.Done {
		t.Fatalf("restored: %+v; want done, restored, one loss", q)
	}
	if m := st.v.QA.Model; m == nil || m.Epochs != 2 { // the Questions panel shows it open
		t.Fatalf("the Questions panel's model after a restore: %+v; want the restored one", m)
	}

	st.setQAFiles(qaFiles{Names: []string{"ftq.zip"}, Bytes: 10})
	st.qaTrain(qaTrainForm{Epochs: "3", Examples: "100", Size: "book"}) // asks first: a model is open
	st.qaTrain(qaTrainForm{Epochs: "3", Examples: "100", Size: "book"})
	m := (*sent)[len(*sent)-1]
	if m.Kind != proto.QATrain || len(m.FileNames) != 1 || *m.QATrain != (proto.QATrainOptions{Epochs: 3, Examples: 100, Size: "book"}) {
		t.Fatalf("train sent %+v", m)
	}
	st.receive(proto.Message{Kind: proto.QAState, Seq: m.Seq, State: proto.Training, QARun: &proto.QARunProgress{Epoch: 1, Epochs: 3}})
	if q := st.v.QATrain; q.Restored || len(q.Losses) != 0 || q.Phase != proto.Training {
		t.Fatalf("a new run: %+v; want training with an empty chart", q)
	}
	val := 4.5
	st.receive(proto.Message{Kind: proto.QAProgress, QARun: &proto.QARunProgress{Epoch: 1, Batch: 2, EpochDone: true, ValQuestion: &val},
		QALosses: []proto.QALoss{{Tagger: 0.5, Question: 6}, {Tagger: 0.4, Question: 5.5}}})
	st.receive(proto.Message{Kind: proto.QAHeld, QAHeld: []proto.QAHeldQuestion{{Epoch: 1, Asked: "who ?"}},
		QAModel: &proto.QAModelInfo{Arch: "book", Epochs: 1}})
	if m := st.v.QA.Model; m == nil || m.Arch != "book" {
		t.Fatalf("the Questions panel's model after an epoch: %+v; want the run's", m)
	}
	if q := st.v.QATrain; len(q.Losses) != 2 || len(q.Val) != 1 || q.Progress.Batch != 2 || len(q.Held) != 1 {
		t.Fatalf("after progress: %+v", q)
	}
	st.qaControl(proto.QAPause)
	pause := (*sent)[len(*sent)-1]
	st.receive(proto.Message{Kind: proto.QAState, Seq: pause.Seq, State: proto.Paused})
	st.qaControl(proto.QAResume)
	resume := (*sent)[len(*sent)-1]
	st.receive(proto.Message{Kind: proto.QAState, Seq: resume.Seq, State: proto.Training})
	if q := st.v.QATrain; len(q.Losses) != 2 || q.Phase != proto.Training {
		t.Errorf("after resume: %+v; want the chart kept", q)
	}
	st.receive(proto.Message{Kind: proto.Error, Seq: resume.Seq, Error: "dataset: x.csv:2: bad"})
	st.receive(proto.Message{Kind: proto.Error, Error: "autosave failed"})
	if st.v.QATrain.Error != "dataset: x.csv:2: bad" || st.v.Error != "autosave failed" {
		t.Errorf("panel error %q, banner %q; want the run's error in the panel, the other in the banner", st.v.QATrain.Error, st.v.Error)
	}
}

// Questions written on passages the model trained on (a dataset too small to hold any out) are
// not presented as held out.
func TestHeldQuestionsSayWhetherTheModelTrainedOnThem(t *testing.T) {
	for _, trained := range []bool{false, true} {
		held := []proto.QAHeldQuestion{{Epoch: 1, Passage: "The fox ran.", Answer: "fox", Asked: "Who ran?", Trained: trained}}
		html := app.HTMLString(&QATrainPanel{Ready: true, V: QATrainView{Held: held}})
		if got := strings.Contains(html, "passages it trained on"); got != trained {
			t.Errorf("trained %v: the panel says it trained on them: %v", trained, got)
		}
		if got := strings.Contains(html, "did not train on"); got == trained {
			t.Errorf("trained %v: the panel says it did not train on them: %v", trained, got)
		}
	}
}

// TestQAErrorsReadAsSentences: the engine's refusals of a dataset are Go error strings; the panel
// shows them as sentences, as the banner does.
func TestQAErrorsReadAsSentences(t *testing.T) {
	html := app.HTMLString(&QATrainPanel{Ready: true, V: QATrainView{
		Error: `dataset: bad.json: "data" is a number where a SQuAD file has a list (JSON array); the question model is unchanged`}})
	want := `Dataset: bad.json: &#34;data&#34; is a number where a SQuAD file has a list (JSON array); the question model is unchanged.`
	if !strings.Contains(html, want) {
		t.Errorf("the panel shows:\n%s\nwant it to hold %s", html, want)
	}
}

// TestARestoredQuestionRunIsNotResumable: a question run brought back from storage has no
// dataset in the tab, so Resume is not offered and the status does not promise to train it
// further (a trial found both, and the engine's refusal).
func TestARestoredQuestionRunIsNotResumable(t *testing.T) {
	for _, c := range []struct {
		phase    proto.Phase
		restored bool
		want     bool
	}{
		{proto.Stopped, false, true}, {proto.Paused, false, true}, {proto.Stopped, true, false},
		{proto.Paused, true, false}, {proto.Done, false, false}, {proto.Training, false, false},
	} {
		v := QATrainView{Phase: c.phase, Restored: c.restored}
		if got := v.Resumable(); got != c.want {
			t.Errorf("%s, restored %v: Resumable() = %v; want %v", c.phase, c.restored, got, c.want)
		}
	}
	p := &QATrainPanel{Ready: true, V: QATrainView{Phase: proto.Stopped, Restored: true,
		Progress: proto.QARunProgress{Epoch: 3, Epochs: 40, Examples: 12, Dataset: "FairytaleQA"}}}
	if s := p.status(0.05); strings.Contains(s, "train further") || !strings.Contains(s, "cannot be resumed") {
		t.Errorf("the restored run's status: %q", s)
	}
}

// TestTrainAsksBeforeReplacingAQuestionModel: a new question run saves over the open model from
// its first epoch, so Train asks first while one is open (a run's that finished or stopped, in
// this tab or brought back, or one opened from a file), and a second press replaces it. A trial
// pressed Train once after a finished run, closed the tab, and found only the unfinished run.
func TestTrainAsksBeforeReplacingAQuestionModel(t *testing.T) {
	form := qaTrainForm{Epochs: "2", Examples: "0", Size: "small"}
	done := proto.Message{Kind: proto.QAState, State: proto.Done, QAModel: &proto.QAModelInfo{Arch: "default", Epochs: 3},
		QARun: &proto.QARunProgress{Epoch: 3, Epochs: 3, Dataset: "FairytaleQA (zip)"}}
	for _, c := range []struct {
		name  string
		setup func(*store)
		want  string // in the warning; "" when Train starts at once
	}{
		{"no model", func(*store) {}, ""},
		{"finished run", func(s *store) { s.receive(done) }, "This replaces the question model trained on FairytaleQA (zip) (3 epochs)"},
		{"stopped run", func(s *store) {
			m := done
			m.State, m.QARun = proto.Stopped, &proto.QARunProgress{Epoch: 1, Epochs: 3, Dataset: "SQuAD (json)"}
			s.receive(m)
		}, "trained on SQuAD (json) (1 epoch)"},
		{"opened from a file", func(s *store) {
			s.receive(proto.Message{Kind: proto.Imported, QAModel: &proto.QAModelInfo{Arch: "default", Vocab: 50, ValLoss: -1}})
		}, "This replaces the open question model"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, sent := newTestStore(t)
			c.setup(st)
			st.setQAFiles(qaFiles{Names: []string{"ftq.zip"}})
			before := len(*sent)
			st.qaTrain(form)
			if c.want == "" {
				if len(*sent) != before+1 || st.v.QATrain.Confirm != "" {
					t.Fatalf("with no model open, Train sent %d messages and asked %q; want it to start at once", len(*sent)-before, st.v.QATrain.Confirm)
				}
				return
			}
			if len(*sent) != before || !strings.Contains(st.v.QATrain.Confirm, c.want) || !strings.Contains(st.v.QATrain.Confirm, "Press Train again") {
				t.Fatalf("the first press sent %d messages and asked %q; want none sent and %q", len(*sent)-before, st.v.QATrain.Confirm, c.want)
			}
			html := app.HTMLString(&QATrainPanel{Ready: true, V: st.v.QATrain})
			if !strings.Contains(html, c.want) || !strings.Contains(html, `id="qa-keep-model"`) {
				t.Errorf("the panel does not ask: %s", html)
			}
			st.onQAKeepModel(nil, app.Action{}) // Keep it: nothing is sent, and the next press asks again
			st.qaTrain(form)
			if len(*sent) != before || st.v.QATrain.Confirm == "" {
				t.Fatalf("after Keep it, Train sent %d messages; want it to ask again", len(*sent)-before)
			}
			st.qaTrain(form)
			if len(*sent) != before+1 || (*sent)[before].Kind != proto.QATrain || st.v.QATrain.Confirm != "" {
				t.Errorf("the second press sent %d messages, confirm %q; want the run started", len(*sent)-before, st.v.QATrain.Confirm)
			}
		})
	}
}

// TestAnInterruptedQuestionRunSaysSo: a question run cut off by a reload or a closed tab comes
// back saying Interrupted, as the text generator's does, not Stopped (a trial read "Stopped at
// epoch 3, batch 0" for a run nobody stopped); one the user stopped still says Stopped.
func TestAnInterruptedQuestionRunSaysSo(t *testing.T) {
	for _, interrupted := range []bool{true, false} {
		st, sent := newTestStore(t)
		st.gotReady(proto.Message{Kind: proto.Ready})
		st.receive(proto.Message{Kind: proto.QAState, Seq: (*sent)[len(*sent)-1].Seq, State: proto.Stopped,
			QARun:   &proto.QARunProgress{Epoch: 3, Epochs: 5, Examples: 300, Dataset: "FairytaleQA (zip)", Interrupted: interrupted},
			QAModel: &proto.QAModelInfo{Arch: "default", Epochs: 2}})
		s := (&QATrainPanel{Ready: true, V: st.v.QATrain}).status(0.4)
		want := "Brought back from this browser: Stopped at epoch 3, before its first batch (300 examples an epoch from FairytaleQA (zip))"
		if interrupted {
			want = "Brought back from this browser: Interrupted at epoch 3, before its first batch " +
				"(the page was reloaded or closed while it trained; this is its last save): 300 examples an epoch from FairytaleQA (zip)"
		}
		if !strings.HasPrefix(s, want) || strings.Contains(s, "batch 0") {
			t.Errorf("interrupted %v: the status reads\n%q\nwant it to begin\n%q", interrupted, s, want)
		}
	}
}

// TestQAStatusKeepsTwoLines: while a question run trains or is paused, its status is two rows,
// each one line (cut with "…", the whole text in the title), as the text generator's is, so the
// chart below stays put (a trial at 400 px saw it switch between two and three lines). Before the
// first batch it shows no losses or rate: zeros read as measured ones.
func TestQAStatusKeepsTwoLines(t *testing.T) {
	val := 5.99
	run := proto.QARunProgress{Epoch: 3, Epochs: 3, Batch: 2, Batches: 10, Tagger: 0.144, Question: 5.967, ValQuestion: &val,
		PairsPerS: 22.5, Examples: 300, Dataset: "FairytaleQA (zip)", Workers: 2}
	for _, phase := range []proto.Phase{proto.Training, proto.Paused} {
		c := app.HTMLString(&QATrainPanel{Ready: true, V: QATrainView{Phase: phase, Progress: run, Losses: make([]proto.QALoss, 22)}})
		where := "Epoch 3/3 · batch 2/10 · tagger 0.144 · question 5.967 · validation question 5.990"
		if phase == proto.Paused {
			where = "Paused. " + where
		}
		pace := "22.5 pairs/s"
		for _, want := range []string{
			`class="status rows one-line"`, `title="` + where + " · " + pace, // go-app writes attributes in no set order
			`<span class="status-row">` + where + `</span>`, `<span class="status-row">` + pace,
		} {
			if !strings.Contains(c, want) {
				t.Errorf("%s: the panel lacks %s", phase, want)
			}
		}
	}

	p := &QATrainPanel{Ready: true, V: QATrainView{Phase: proto.Training,
		Progress: proto.QARunProgress{Epoch: 1, Epochs: 3, Batches: 10, Examples: 300, Dataset: "FairytaleQA (zip)", Workers: 2}}}
	where, pace := p.statusRows(0)
	if where != "Epoch 1/3 · batch 0/10" || pace != "2 workers" {
		t.Errorf("before the first batch the status reads %q / %q; want no losses or rate", where, pace)
	}
}
