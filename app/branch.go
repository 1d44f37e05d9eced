package app

import (
	"slices"
	"strings"

	"fabulist/model/lm"
)

// branchTok is one token of a branch: the token, exact, and the model's probability of it where
// it stands (what lm.GenResult.Probs and the candidates give); noProb when the model did not
// choose it (a word of one's own).
type branchTok struct {
	Tok string
	P   float32
}

// noProb marks a token the model did not choose: it is shown without a colour.
const noProb = -1

// branchNode is a token and the tokens that have followed it: Kids are the alternatives at the
// next point, Sel the one on show there.
type branchNode struct {
	tok  branchTok
	kids []*branchNode
	sel  int
}

// branchTree is human-led writing with its branches: a base text (the prompt) and a tree of the
// tokens written after it. The branch on show follows each node's Sel. A tree is never changed
// once made: every change returns a new one, so that Undo keeps the tree as it was by keeping a
// pointer. A change copies only the nodes of the branch on show down to where it changes (see
// edit), and shares the rest with the tree it came from.
type branchTree struct {
	level lm.Level
	base  string
	root  *branchNode // its tok is unused; its kids are the alternatives for the first token
}

// newBranchTree starts a tree of one branch: toks after base.
func newBranchTree(level lm.Level, base string, toks []branchTok) *branchTree {
	t := &branchTree{level: level, base: base, root: &branchNode{}}
	t.root.grow(toks)
	return t
}

// grow hangs toks below n as a chain on show.
func (n *branchNode) grow(toks []branchTok) {
	for _, tk := range toks {
		k := &branchNode{tok: tk}
		n.kids = append(n.kids, k)
		n.sel = len(n.kids) - 1
		n = k
	}
}

// edit returns a copy of t to change, and in it the node at depth d of the branch on show (the
// root is at depth 0, token i at depth i+1). The nodes from the root down to it are copies, with
// lists of kids of their own; every other node is shared with t, and must not be changed.
func (t *branchTree) edit(d int) (*branchTree, *branchNode) {
	c := &branchTree{level: t.level, base: t.base, root: t.root.copy()}
	n := c.root
	for range d {
		k := n.kids[n.sel].copy()
		n.kids[n.sel] = k
		n = k
	}
	return c, n
}

func (n *branchNode) copy() *branchNode {
	return &branchNode{tok: n.tok, sel: n.sel, kids: slices.Clone(n.kids)}
}

// path is the nodes of the branch on show, in order: path()[i] holds token i.
func (t *branchTree) path() []*branchNode {
	var p []*branchNode
	for n := t.root; len(n.kids) > 0; {
		n = n.kids[n.sel]
		p = append(p, n)
	}
	return p
}

// parent is the node whose kids are the alternatives at point i of the branch on show (0 to
// its length: at its length, the tokens that may follow its end).
func (t *branchTree) parent(p []*branchNode, i int) *branchNode {
	if i == 0 {
		return t.root
	}
	return p[i-1]
}

// tokens is the branch on show.
func (t *branchTree) tokens() []branchTok {
	var toks []branchTok
	for _, n := range t.path() {
		toks = append(toks, n.tok)
	}
	return toks
}

// textBefore is the base and the first i tokens of the branch on show, joined as the worker
// joins what it writes (lm.Join): the text the model saw before token i.
func (t *branchTree) textBefore(i int) string {
	// lm.Join looks only at the seam, so each token is joined to the piece before it, not to the
	// whole text: joining a long branch to itself token by token copied it once per token.
	var b strings.Builder
	b.WriteString(t.base)
	prev := t.base
	for _, n := range t.path()[:i] {
		tok := n.tok.Tok
		b.WriteString(strings.TrimSuffix(lm.Join(t.level, prev, tok), tok)[len(prev):])
		b.WriteString(tok)
		if tok != "" {
			prev = tok
		}
	}
	return b.String()
}

// text is the branch on show, whole.
func (t *branchTree) text() string { return t.textBefore(len(t.path())) }

// extend adds toks at the end of the branch on show.
func (t *branchTree) extend(toks []branchTok) *branchTree {
	c, end := t.edit(len(t.path()))
	end.grow(toks)
	return c
}

// pick puts tok at point i of the branch on show (0 ≤ i < its length), keeping the tokens that
// were there and after as a branch of their own. When tok is already one of the alternatives at
// i, that branch comes back as it was and known is true; else the new branch ends at tok, and
// its caller writes what follows.
func (t *branchTree) pick(i int, tok branchTok) (c *branchTree, known bool) {
	c, at := t.edit(i)
	if k := slices.IndexFunc(at.kids, func(n *branchNode) bool { return n.tok.Tok == tok.Tok }); k >= 0 {
		at.sel = k
		return c, true
	}
	at.kids = append(at.kids, &branchNode{tok: tok})
	at.sel = len(at.kids) - 1
	return c, false
}

// fork says where the branch on show stands among the branches at point i: the one-based
// position of its token among the alternatives there, and how many there are.
func (t *branchTree) fork(i int) (at, of int) {
	p := t.path()
	if i < 0 || i >= len(p) {
		return 0, 0
	}
	n := t.parent(p, i)
	return n.sel + 1, len(n.kids)
}

// switchAt shows the next (step 1) or previous (step -1) branch at point i, round the ends,
// with its own branches as they were last shown.
func (t *branchTree) switchAt(i, step int) *branchTree {
	if i < 0 || i >= len(t.path()) {
		return t
	}
	c, n := t.edit(i)
	n.sel = ((n.sel+step)%len(n.kids) + len(n.kids)) % len(n.kids)
	return c
}

// after is how many tokens follow point i on the branch on show.
func (t *branchTree) after(i int) int { return max(0, len(t.path())-i-1) }
