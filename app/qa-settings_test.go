package app

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/proto"
)

// The question run's settings are kept as they change and at Train, and come back in the next
// visit once the engine is ready, unless the user set one meanwhile; kept ones that do not read
// are not shown, and the panel says why.
func TestQASettingsComeBackAfterAReload(t *testing.T) {
	var kept *qaTrainForm
	keep := func(f qaTrainForm) { kept = &f }
	st, _ := newTestStore(t)
	st.saveQASettings = keep
	st.setQAField("qa-epochs", "5")
	st.setQAField("qa-size", "book")
	if want := (qaTrainForm{Epochs: "5", Examples: qaDefaultExamples, Size: "book"}); kept == nil || *kept != want {
		t.Fatalf("after two changes: got %+v kept; want %+v", kept, want)
	}
	st.setQAFiles(qaFiles{Names: []string{"ftq.zip"}})
	st.qaTrain(qaTrainForm{Epochs: "7", Examples: "40", Size: "book"}) // typed, and Train pressed before the change was committed
	if want := (qaTrainForm{Epochs: "7", Examples: "40", Size: "book"}); *kept != want {
		t.Fatalf("after Train: got %+v kept; want %+v", *kept, want)
	}

	reload := func(load func() (qaTrainForm, error)) *store {
		st, _ := newTestStore(t)
		st.loadQASettings = load
		return st
	}
	back := reload(func() (qaTrainForm, error) { return *kept, nil })
	if got := back.qaForm(); got == *kept {
		t.Fatalf("the settings were on show before the engine was ready: %+v", got)
	}
	back.receive(proto.Message{Kind: proto.Ready})
	if got := back.qaForm(); got != *kept || back.v.QATrain.Error != "" {
		t.Errorf("after the reload: got %+v, error %q; want %+v", got, back.v.QATrain.Error, *kept)
	}

	edited := reload(func() (qaTrainForm, error) { return *kept, nil })
	edited.setQAField("qa-examples", "12")
	edited.receive(proto.Message{Kind: proto.Ready})
	if got := edited.qaForm().Examples; got != "12" {
		t.Errorf("a setting changed before the engine was ready: got %q; want the user's 12", got)
	}

	// Closing the question model starts its training panel afresh, but for the dataset and these.
	back.receive(proto.Message{Kind: proto.QAState, State: proto.Done, QAModel: &proto.QAModelInfo{Arch: "default"}, QARun: &proto.QARunProgress{Epochs: 1}})
	back.onQAClose(nil, app.Action{})
	back.receive(proto.Message{Kind: proto.QAState, Seq: back.qaCloseSeq, State: proto.Idle})
	if got := back.qaForm(); back.v.QA.Model != nil || got != *kept {
		t.Errorf("after closing the question model: model %v, settings %+v; want it closed and %+v", back.v.QA.Model, got, *kept)
	}

	damaged := reload(func() (qaTrainForm, error) { return qaTrainForm{}, errors.New("they do not parse") })
	damaged.receive(proto.Message{Kind: proto.Ready})
	if got := damaged.qaForm(); got != (qaTrainForm{Epochs: qaDefaultEpochs, Examples: qaDefaultExamples, Size: "small"}) ||
		!strings.Contains(damaged.v.QATrain.Error, "could not be brought back (they do not parse)") {
		t.Errorf("damaged: got %+v, error %q; want the defaults and why", got, damaged.v.QATrain.Error)
	}
}

func TestCheckQASettings(t *testing.T) {
	for _, tc := range []struct {
		name, kept string
		want       qaTrainForm
		err        string
	}{
		{"as kept", `{"epochs":"5","examples":"40","size":"book"}`, qaTrainForm{Epochs: "5", Examples: "40", Size: "book"}, ""},
		{"as typed, out of range", `{"epochs":"0","examples":"토끼","size":""}`, qaTrainForm{Epochs: "0", Examples: "토끼"}, ""},
		{"not JSON", `epochs=5`, qaTrainForm{}, "they do not parse"},
		{"not strings", `{"epochs":5,"examples":"40","size":"book"}`, qaTrainForm{}, "they do not parse"},
		{"one missing", `{"epochs":"5","size":"book"}`, qaTrainForm{}, "some are missing"},
		{"too large", `{"epochs":"` + strings.Repeat("9", 2000) + `","examples":"0","size":"small"}`, qaTrainForm{}, "more than settings do"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := checkQASettings(tc.kept)
			if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("got %+v, %v; want %+v, %q", got, err, tc.want, tc.err)
			}
		})
	}
}

// FuzzCheckQASettings: whatever localStorage holds under the question settings' key, reading it
// gives settings or an error, never a panic, and settings it gives read back the same once kept.
func FuzzCheckQASettings(f *testing.F) {
	f.Add(`{"Epochs":"5","Examples":"40","Size":"book"}`)
	f.Add(`{"Epochs":"5","Examples":"40"}`)
	f.Add(`{"Epochs":5,"Examples":"40","Size":"book"}`)
	f.Add(`null`)
	f.Add(strings.Repeat(" ", maxQASettingsBytes+1))
	f.Fuzz(func(t *testing.T, s string) {
		got, err := checkQASettings(s)
		if err != nil {
			return
		}
		b, err := json.Marshal(map[string]string{"Epochs": got.Epochs, "Examples": got.Examples, "Size": got.Size})
		if err != nil {
			t.Fatal(err)
		}
		again, err := checkQASettings(string(b))
		if err != nil || again != got {
			t.Fatalf("%q read as %+v, which kept reads as %+v (%v)", s, got, again, err)
		}
	})
}
