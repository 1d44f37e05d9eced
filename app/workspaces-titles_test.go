package app

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// Workspaces of one text had one title, so that a trial could not tell two runs apart. Each
// case lists workspaces and wants each row's title: the name alone when it is the only one of
// its text, else the settings that differ, and when the run started where they do not tell.
func TestWorkspacesOfOneTextHaveTitlesThatDiffer(t *testing.T) {
	at := func(clock string) int64 {
		tm, err := time.ParseInLocation("2006-01-02 15:04:05", "2026-12-01 "+clock, time.Local)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UnixMilli()
	}
	book, quick := lm.DefaultConfig(), lm.QuickConfig()
	gru := book
	gru.Cell, gru.Units = lm.CellGRU, 128
	const fox = "The Fox and the Grapes"
	for _, tc := range []struct {
		name string
		list []proto.Workspace
		want []string
	}{
		{"settings differ", []proto.Workspace{
			{ID: "a", Name: fox, Config: &gru, Created: at("10:00:00")},
			{ID: "b", Name: fox, Config: &book, Created: at("09:00:00")},
			{ID: "c", Name: "토끼와 거북이", Config: &book, Created: at("08:00:00")},
		}, []string{fox + " · cell GRU, units 128", fox + " · cell LSTM, units 256", "토끼와 거북이"}},
		{"many settings differ", []proto.Workspace{
			{ID: "a", Name: fox, Config: &quick}, {ID: "b", Name: fox, Config: &book},
		}, []string{fox + " · tokens characters, cleaning none, window 40, …", fox + " · tokens words, cleaning the book's, window 20, …"}},
		{"the same settings: when each started", []proto.Workspace{
			{ID: "a", Name: fox, Config: &book, Created: at("10:05:00")},
			{ID: "b", Name: fox, Config: &book, Created: at("09:30:00")},
		}, []string{fox + " · started Dec 1 10:05", fox + " · started Dec 1 09:30"}},
		{"saved before settings were kept, in one minute", []proto.Workspace{
			{ID: "a", Name: fox, Created: at("10:05:40")},
			{ID: "b", Name: fox, Created: at("10:05:10")},
			{ID: "c", Name: fox, Updated: at("09:00:00")},
		}, []string{fox + " · started Dec 1 10:05:40", fox + " · started Dec 1 10:05:10", fox + " · started Dec 1 09:00"}},
		{"in one second", []proto.Workspace{
			{ID: "a", Name: fox, Created: at("10:05:40")},
			{ID: "b", Name: fox, Created: at("10:05:40")},
		}, []string{fox + " · started Dec 1 10:05:40 (2)", fox + " · started Dec 1 10:05:40 (1)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &WorkspacesPanel{List: tc.list}
			d := app.NewClientTester(c)
			defer d.Close()
			for i, want := range tc.want {
				mustMatch(t, c, app.TestPath(0, 2, i, 0, 0), app.Text(want))
			}
			if got := wsTitles(tc.list); len(slices.Compact(slices.Sorted(maps.Values(got)))) != len(tc.list) {
				t.Errorf("got titles %q; want %d that differ", got, len(tc.list))
			}
		})
	}
}
