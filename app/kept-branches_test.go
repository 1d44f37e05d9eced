package app

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// reloaded is a new page's store that reopens the workspace the writing on sh belongs to, as a
// reload does.
func reloaded(t *testing.T, sh *shelf) (*store, *[]proto.Message) {
	t.Helper()
	st, sent := newShelvedStore(t, sh)
	st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w", Updated: 2}}})
	open := lastSent(t, sent)
	if open.Kind != proto.Open {
		t.Fatalf("the first listing asked %+v", open)
	}
	cfg := lm.QuickConfig()
	st.receive(proto.Message{Kind: proto.Opened, Seq: open.Seq, Text: "the fox", Config: &cfg, History: &lm.History{},
		State: proto.Done, HasModel: true, Level: lm.Word, Workspace: &proto.Workspace{ID: "w", Updated: 2}})
	return st, sent
}

// TestBranchesComeBackAfterAReload: the branches of the human-led writing, the branch on show and
// the place in Undo and Redo come back after a reload, the trees sharing their nodes as they did;
// after it the branches switch, and Undo and Redo go through the history as before it.
func TestBranchesComeBackAfterAReload(t *testing.T) {
	sh := &shelf{}
	before, sent := writingStore(t)
	before.loadWriting, before.saveWriting = sh.load, sh.save
	before.v.WorkspaceID = "w"
	before.selectToken(1)
	ask := lastSent(t, sent)
	before.receive(proto.Message{Kind: proto.Candidates, Seq: ask.Seq, Candidates: []lm.Candidate{{Token: "to", P: 0.5}, {Token: "from", P: 0.2}}})
	before.pickAlternative("from")
	before.receive(generated(lastSent(t, sent).Seq, 0.25, "the", "hunter"))
	before.appendToken("|") // the story ends: one more step of the history, on the new branch
	before.popUndo()        // and back: something to redo
	if before.v.Output != "the fox ran from the hunter" || !before.v.Branch.CanRedo {
		t.Fatalf("before the reload: %q, redo %v", before.v.Output, before.v.Branch.CanRedo)
	}

	after, _ := reloaded(t, sh)
	if after.v.Output != before.v.Output || after.tree == nil || after.tree.text() != before.tree.text() {
		t.Fatalf("after the reload: output %q, tree %v; want %q with its tree", after.v.Output, after.tree, before.v.Output)
	}
	if !reflect.DeepEqual(after.v.Branch.Tokens, before.v.Branch.Tokens) || !after.v.CanUndo || !after.v.Branch.CanRedo {
		t.Errorf("after the reload: tokens %+v, undo %v, redo %v; want %+v, both", after.v.Branch.Tokens, after.v.CanUndo, after.v.Branch.CanRedo, before.v.Branch.Tokens)
	}
	for i, s := range [][]undoStep{after.undo, after.redo} {
		want := [][]undoStep{before.undo, before.redo}[i]
		if len(s) != len(want) {
			t.Fatalf("history %d: %d steps; want %d", i, len(s), len(want))
		}
		for j := range s {
			if s[j].output != want[j].output || (s[j].tree == nil) != (want[j].tree == nil) || s[j].tree != nil && s[j].tree.text() != want[j].tree.text() {
				t.Errorf("history %d step %d: %q; want %q", i, j, s[j].output, want[j].output)
			}
		}
	}
	if a, b := countNodes(after), countNodes(before); a != b {
		t.Errorf("the trees of the history hold %d nodes; they held %d, sharing them", a, b)
	}

	// The branches switch: "to" is the other branch at token 1, and comes back whole.
	after.selectToken(1)
	after.switchBranch(1)
	if after.v.Output != "the fox ran to the river" || after.v.Branch.At != 1 || after.v.Branch.Of != 2 {
		t.Errorf("switched to %q (%d of %d); want the fox ran to the river, 1 of 2", after.v.Output, after.v.Branch.At, after.v.Branch.Of)
	}
	// Undo goes back through the switch, then the continuation, the pick and the generation.
	for _, want := range []string{"the fox ran from the hunter", "the fox ran to the river", ""} {
		after.popUndo()
		if after.v.Output != want {
			t.Fatalf("undo: %q; want %q", after.v.Output, want)
		}
	}
	after.redoStep()
	if after.v.Output != "the fox ran to the river" || len(after.v.Branch.Tokens) != 4 || after.v.Branch.Tokens[1].Fork {
		t.Errorf("redo: %q with %d tokens; want the generation back, its tokens shown", after.v.Output, len(after.v.Branch.Tokens))
	}
}

// countNodes is how many nodes the store's trees hold, each counted once however many trees
// share it.
func countNodes(st *store) int {
	seen := map[*branchNode]bool{}
	var walk func(n *branchNode)
	walk = func(n *branchNode) {
		if seen[n] {
			return
		}
		seen[n] = true
		for _, k := range n.kids {
			walk(k)
		}
	}
	for _, u := range append(append([]undoStep{{tree: st.tree}}, st.undo...), st.redo...) {
		if u.tree != nil {
			walk(u.tree.root)
		}
	}
	return len(seen)
}

// TestKeptBranchesAreBounded: a long history keeps its latest steps within the bounds, the tree
// on show always; the kept writing of a history past them is kept, without its oldest steps.
func TestKeptBranchesAreBounded(t *testing.T) {
	st, _ := writingStore(t)
	st.v.WorkspaceID = "w"
	for i := range 120 { // each token copies the branch down to it: some 7,500 nodes in all
		st.v.CandidatesFor = ""
		st.appendToken("word" + strings.Repeat("x", i%7))
	}
	k := st.keptBranchesOf()
	if k == nil || k.Tree < 0 {
		t.Fatal("a long history kept no branches")
	}
	b, _ := json.Marshal(k)
	if len(k.Nodes) > maxKeptNodes || len(b) > maxKeptBranchBytes || len(k.Undo) == 0 || len(k.Undo) >= len(st.undo) {
		t.Errorf("kept %d nodes, %d bytes, %d of %d steps; want within %d nodes and %d bytes, the latest steps only",
			len(k.Nodes), len(b), len(k.Undo), len(st.undo), maxKeptNodes, maxKeptBranchBytes)
	}
	tree, undo, _ := k.decode()
	if tree.text() != st.v.Output {
		t.Errorf("the kept tree writes %q; the writing is %q", tree.text(), st.v.Output)
	}
	for i, u := range undo { // the latest steps, in order
		if want := st.undo[len(st.undo)-len(undo)+i]; u.output != want.output || u.tree.text() != want.tree.text() {
			t.Fatalf("kept step %d is %.40q; want %.40q", i, u.output, want.output)
		}
	}
	if err := k.check(); err != nil {
		t.Errorf("the kept branches do not pass their own check: %v", err)
	}
}

// TestDamagedBranchesAreDropped: branches that anything but the studio wrote (a node its own
// ancestor, an index out of range, a kid on show that is not there, a probability out of range,
// a step of no tree) are dropped as the writing is read, and the text comes back without them.
func TestDamagedBranchesAreDropped(t *testing.T) {
	good := `{"nodes":[{"t":"ran","p":0.5},{"t":"","p":0,"k":[0]}],"trees":[{"level":"word","base":"the fox","root":1}],"tree":0,"undo":[{"tree":-1}]}`
	for name, b := range map[string]string{
		"good":             good,
		"its own ancestor": strings.Replace(good, `"k":[0]`, `"k":[1]`, 1),
		"out of range":     strings.Replace(good, `"root":1`, `"root":2`, 1),
		"no kid on show":   strings.Replace(good, `"p":0,"k"`, `"p":0,"s":1,"k"`, 1),
		"a probability":    strings.Replace(good, `"p":0.5`, `"p":2`, 1),
		"a step":           strings.Replace(good, `{"tree":-1}`, `{"tree":3}`, 1),
		"a level":          strings.Replace(good, `"word"`, `"phrase"`, 1),
		"too much text":    strings.Replace(good, `"t":"ran"`, `"t":"`+strings.Repeat("a", maxKeptBranchBytes)+`"`, 1),
	} {
		t.Run(name, func(t *testing.T) {
			w, err := checkWriting(`{"workspace":"w","prompt":"the fox","output":"the fox ran","branches":` + b + `}`)
			if err != nil || w.Output != "the fox ran" {
				t.Fatalf("got %+v, %v; want the writing", w, err)
			}
			if (w.Branches != nil) != (name == "good") {
				t.Errorf("branches %+v; want them only when good", w.Branches)
			}
		})
	}
}

// BenchmarkKeepBranches: what keeping the writing costs at every change of a history at the
// bounds (300 tokens added one by one after a generation, each step copying the branch down to
// it): writing the branches (keptBranchesOf) and their JSON, as saveWriting writes it.
func BenchmarkKeepBranches(b *testing.B) {
	st := newStore(&recorder{}, func() (draft, error) { return draft{}, errNoDraft }, nil)
	st.v.HasModel, st.v.Level, st.v.WorkspaceID = true, lm.Word, "w"
	st.saveWriting = func(keptWriting) {}
	st.generate(genRequest{Prompt: "the fox", Opts: lm.DefaultGenOptions(), Seed: 7})
	st.receive(generated(st.genSeq, 0.5, "ran", "to", "the", "river"))
	for i := range 300 {
		st.appendToken("word" + strings.Repeat("x", i%7))
	}
	k := st.keptBranchesOf()
	b.ReportMetric(float64(len(k.Nodes)), "nodes")
	b.ReportMetric(float64(len(k.Undo)), "steps")
	b.Run("branches", func(b *testing.B) {
		for b.Loop() {
			st.keptBranchesOf()
		}
	})
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			json.Marshal(keptWriting{Workspace: "w", Output: st.v.Output, Branches: st.keptBranchesOf()})
		}
	})
}
