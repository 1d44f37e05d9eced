package app

import (
	"errors"
	"fmt"
	"slices"

	"fabulist/model/lm"
)

// keptBranches is the human-led writing's branches as the kept writing holds them: every tree
// Undo and Redo can bring back, the one on show, and both stacks, so that a reload brings back
// the branches, the branch on show and the place in the history. Trees share the nodes they have
// in common (a change copies only the nodes down to it, see branchTree.edit), and so do they
// here: each node is written once, after its kids, and named by its index.
type keptBranches struct {
	Nodes []keptNode `json:"nodes"`
	Trees []keptTree `json:"trees"`
	// Tree is the tree on show, an index into Trees (-1: none).
	Tree int `json:"tree"`
	// Undo and Redo are the steps Undo and Redo bring back, oldest first, as the store keeps them.
	Undo []keptStep `json:"undo,omitempty"`
	Redo []keptStep `json:"redo,omitempty"`
}

// keptNode is a branchNode: its token, the model's probability of it (noProb when the model did
// not choose it), the kid on show and the kids, by index into keptBranches.Nodes, each below the
// node's own index.
type keptNode struct {
	Tok  string  `json:"t"`
	P    float32 `json:"p"`
	Sel  int     `json:"s,omitempty"`
	Kids []int   `json:"k,omitempty"`
}

// keptTree is a branchTree: its level, base text and root node.
type keptTree struct {
	Level lm.Level `json:"level"`
	Base  string   `json:"base"`
	Root  int      `json:"root"`
}

// keptStep is an undoStep: the tree (-1: none) and the output, left out (Same) when it is the
// tree's branch on show, as it is after every step but typing.
type keptStep struct {
	Tree   int    `json:"tree"`
	Output string `json:"output,omitempty"`
	Same   bool   `json:"same,omitempty"`
}

// Bounds of the branches a kept writing holds. localStorage gives a site about 5 MB, which the
// draft's text shares, and the writing is kept at every change, so what is kept must be quick to
// write. A change copies the nodes down to it (branchTree.edit), so a long history of one long
// branch holds far more nodes than the branch: the oldest steps are left out first.
const (
	maxKeptNodes = 5_000
	// maxKeptBranchBytes bounds the branches' JSON, about: tokens, bases and outputs, and a
	// few bytes of each node's and step's fields.
	maxKeptBranchBytes = 256 << 10
)

// keptBranchesOf is the store's branches for the kept writing: the tree on show, and as many of
// the latest Undo and Redo steps as stay within maxKeptNodes and maxKeptBranchBytes (the steps
// nearest the writing on show are kept; older ones are left out). It is nil when there is
// nothing to keep, or when the tree on show alone is past the bounds: the writing itself is then
// kept without its branches.
func (s *store) keptBranchesOf() *keptBranches {
	if s.tree == nil && len(s.undo) == 0 && len(s.redo) == 0 {
		return nil
	}
	e := &branchEncoder{k: &keptBranches{}, nodeIDs: map[*branchNode]int{}, treeIDs: map[*branchTree]int{}}
	e.k.Tree = e.tree(s.tree)
	if e.over() {
		return nil
	}
	e.k.Undo = e.steps(s.undo)
	e.k.Redo = e.steps(s.redo)
	return e.k
}

// branchEncoder writes trees into a keptBranches, each node once, and counts the bytes.
type branchEncoder struct {
	k       *keptBranches
	nodeIDs map[*branchNode]int
	treeIDs map[*branchTree]int
	nodes   []*branchNode // of k.Nodes, by index
	trees   []*branchTree // of k.Trees, by index
	bytes   int
}

func (e *branchEncoder) over() bool {
	return len(e.k.Nodes) > maxKeptNodes || e.bytes > maxKeptBranchBytes
}

// node writes n and the nodes below it not yet written, kids first, and returns n's index.
func (e *branchEncoder) node(n *branchNode) int {
	if id, ok := e.nodeIDs[n]; ok {
		return id
	}
	kn := keptNode{Tok: n.tok.Tok, P: n.tok.P, Sel: n.sel}
	if len(n.kids) > 0 {
		kn.Kids = make([]int, len(n.kids))
		for i, c := range n.kids {
			kn.Kids[i] = e.node(c)
		}
	}
	id := len(e.k.Nodes)
	e.k.Nodes, e.nodes = append(e.k.Nodes, kn), append(e.nodes, n)
	e.nodeIDs[n] = id
	e.bytes += len(kn.Tok) + 24 + 6*len(kn.Kids)
	return id
}

// tree writes t (nil: none, -1) and returns its index.
func (e *branchEncoder) tree(t *branchTree) int {
	if t == nil {
		return -1
	}
	if id, ok := e.treeIDs[t]; ok {
		return id
	}
	root := e.node(t.root)
	id := len(e.k.Trees)
	e.k.Trees, e.trees = append(e.k.Trees, keptTree{Level: t.level, Base: t.base, Root: root}), append(e.trees, t)
	e.treeIDs[t] = id
	e.bytes += len(t.base) + 40
	return id
}

// steps writes the latest of us that stay within the bounds, newest first, and returns them
// oldest first. The step that would pass a bound is taken back whole, with the nodes and trees
// it alone wrote.
func (e *branchEncoder) steps(us []undoStep) []keptStep {
	var ks []keptStep
	for i := len(us) - 1; i >= 0; i-- {
		nodes, trees, bytes := len(e.k.Nodes), len(e.k.Trees), e.bytes
		u := us[i]
		st := keptStep{Tree: e.tree(u.tree), Output: u.output}
		if u.tree != nil && u.tree.text() == u.output {
			st.Output, st.Same = "", true
		}
		e.bytes += len(st.Output) + 32
		if e.over() {
			for _, n := range e.nodes[nodes:] {
				delete(e.nodeIDs, n)
			}
			for _, t := range e.trees[trees:] {
				delete(e.treeIDs, t)
			}
			e.k.Nodes, e.nodes, e.k.Trees, e.trees, e.bytes = e.k.Nodes[:nodes], e.nodes[:nodes], e.k.Trees[:trees], e.trees[:trees], bytes
			break
		}
		ks = append(ks, st)
	}
	slices.Reverse(ks)
	return ks
}

// check says what is wrong with branches read back from storage, which anything may have
// written: an index out of range or not below its parent's (so that no node is its own
// ancestor), a kid on show that is not there, a probability out of range, a level that is not
// one, or more nodes or text than are ever kept (a branch's text is at most all its tokens, since
// no path passes a node twice).
func (k *keptBranches) check() error {
	if len(k.Nodes) > maxKeptNodes {
		return fmt.Errorf("%d nodes", len(k.Nodes))
	}
	size := 0
	for _, n := range k.Nodes {
		size += len(n.Tok)
	}
	for _, t := range k.Trees {
		size += len(t.Base)
	}
	for _, st := range k.Undo {
		size += len(st.Output)
	}
	for _, st := range k.Redo {
		size += len(st.Output)
	}
	if size > maxKeptBranchBytes {
		return fmt.Errorf("%d bytes of text", size)
	}
	for i, n := range k.Nodes {
		for _, c := range n.Kids {
			if c < 0 || c >= i {
				return fmt.Errorf("node %d has the kid %d", i, c)
			}
		}
		if n.Sel < 0 || n.Sel >= max(len(n.Kids), 1) {
			return fmt.Errorf("node %d shows kid %d of %d", i, n.Sel, len(n.Kids))
		}
		if n.P != noProb && !(n.P >= 0 && n.P <= 1) {
			return fmt.Errorf("node %d has the probability %v", i, n.P)
		}
	}
	for i, t := range k.Trees {
		if t.Level != lm.Word && t.Level != lm.Char {
			return fmt.Errorf("tree %d has the level %q", i, t.Level)
		}
		if t.Root < 0 || t.Root >= len(k.Nodes) {
			return fmt.Errorf("tree %d has the root %d", i, t.Root)
		}
	}
	inTrees := func(i int) bool { return i >= -1 && i < len(k.Trees) }
	if !inTrees(k.Tree) {
		return fmt.Errorf("the tree on show is %d", k.Tree)
	}
	for _, st := range append(append([]keptStep(nil), k.Undo...), k.Redo...) {
		if !inTrees(st.Tree) || st.Same && (st.Tree < 0 || st.Output != "") {
			return errors.New("a step of the history names no tree")
		}
	}
	return nil
}

// decode brings back the trees and steps of branches that passed check, sharing their nodes as
// the trees kept them did.
func (k *keptBranches) decode() (tree *branchTree, undo, redo []undoStep) {
	nodes := make([]*branchNode, len(k.Nodes))
	for i, kn := range k.Nodes { // kids come first, so each node's kids are made before it
		n := &branchNode{tok: branchTok{Tok: kn.Tok, P: kn.P}, sel: kn.Sel}
		for _, c := range kn.Kids {
			n.kids = append(n.kids, nodes[c])
		}
		nodes[i] = n
	}
	trees := make([]*branchTree, len(k.Trees))
	for i, kt := range k.Trees {
		trees[i] = &branchTree{level: kt.Level, base: kt.Base, root: nodes[kt.Root]}
	}
	at := func(i int) *branchTree {
		if i < 0 {
			return nil
		}
		return trees[i]
	}
	steps := func(ks []keptStep) []undoStep {
		var us []undoStep
		for _, st := range ks {
			u := undoStep{tree: at(st.Tree), output: st.Output}
			if st.Same {
				u.output = u.tree.text()
			}
			us = append(us, u)
		}
		return us
	}
	return at(k.Tree), steps(k.Undo), steps(k.Redo)
}
