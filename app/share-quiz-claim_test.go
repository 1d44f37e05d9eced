package app

import (
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// A share link with questions holds the text, its questions and the settings and seeds, never a
// model. A trial shared one from a demo link's model and was told that training again
// "reproduce[s] this model and text": that holds only for a whole run trained here on this very
// text. Each case shares a quiz and reads what the message promises.
func TestQuizLinkSaysWhatItCarries(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(st *store)
		want  []string
	}{
		{"a demo link's model", func(st *store) {
			st.receive(proto.Message{Kind: proto.Imported, Config: &lm.Config{}, History: &lm.History{}, Level: lm.Word, State: proto.Done})
		}, []string{"the model is not in the link", "not this model"}},
		{"a model file's whole run", func(st *store) {
			cfg := lm.QuickConfig()
			cfg.Epochs = 2
			st.receive(proto.Message{Kind: proto.Imported, Config: &cfg, Level: lm.Word, State: proto.Done,
				History: &lm.History{Epochs: []lm.EpochStats{{Epoch: 1, ValLoss: -1}, {Epoch: 2, ValLoss: -1}}}})
		}, []string{"the model is not in the link", "not this model"}},
		{"a published question demo (no text generator)", func(st *store) {
			st.receive(proto.Message{Kind: proto.Imported, QAModel: &proto.QAModelInfo{Arch: "default"}})
		}, []string{"the link holds no model", "Train trains one"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, _ := newTestStore(t)
			st.clipboard = func(string, func(bool)) bool { return false }
			tc.setup(st)
			st.setText(quizText)
			st.setQuizPairs(quizPairs())
			st.share(nil, false)
			msg := st.v.ShareMsg
			if !strings.Contains(msg, "this text with its 4 questions") || strings.Contains(msg, "reproduce") {
				t.Fatalf("got %q; want the text and its 4 questions, and no promise to reproduce", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("got %q; want it to say %q", msg, w)
				}
			}
		})
	}

	// A whole run trained here on this text: the link's settings and seeds train it again.
	st, _ := newTestStore(t)
	st.clipboard = func(string, func(bool)) bool { return false }
	st.setText(quizText)
	st.receive(proto.Message{Kind: proto.State, State: proto.Training})
	st.receive(proto.Message{Kind: proto.State, State: proto.Done})
	st.v.Progress = lm.Progress{Epoch: st.v.Config.Epochs, Epochs: st.v.Config.Epochs}
	st.setQuizPairs(quizPairs())
	st.share(nil, false)
	if msg := st.v.ShareMsg; !strings.Contains(msg, "reproduce this model and text") {
		t.Errorf("after a whole run on this text: got %q; want it to promise this model and text", msg)
	}
}
