package app

import (
	"strings"
	"testing"

	"fabulist/model/lm"
)

// words makes a branch of word tokens, each with probability 0.5.
func words(s string) []branchTok {
	var toks []branchTok
	for _, w := range strings.Fields(s) {
		toks = append(toks, branchTok{Tok: w, P: 0.5})
	}
	return toks
}

func TestBranchTreePicksSwitchesAndKeepsEveryBranch(t *testing.T) {
	t0 := newBranchTree(lm.Word, "the fox", words("ran to the river"))
	if got := t0.text(); got != "the fox ran to the river" {
		t.Fatalf("text: got %q; want %q", got, "the fox ran to the river")
	}
	if got := t0.textBefore(2); got != "the fox ran to" {
		t.Errorf("textBefore(2): got %q; want %q", got, "the fox ran to")
	}
	if at, of := t0.fork(1); at != 1 || of != 1 {
		t.Errorf("fork before any pick: got %d of %d; want 1 of 1", at, of)
	}

	// Pick "from" at token 1 ("to"), and write after it.
	t1, known := t0.pick(1, branchTok{Tok: "from", P: 0.1})
	if known || t1.text() != "the fox ran from" {
		t.Fatalf("pick: got %q, known %v; want %q, false", t1.text(), known, "the fox ran from")
	}
	t2 := t1.extend(words("the hunter"))
	if got := t2.text(); got != "the fox ran from the hunter" {
		t.Errorf("after extend: got %q", got)
	}
	if at, of := t2.fork(1); at != 2 || of != 2 {
		t.Errorf("fork after a pick: got %d of %d; want 2 of 2", at, of)
	}
	if t0.text() != "the fox ran to the river" || t1.text() != "the fox ran from" {
		t.Errorf("a change changed an older tree: %q, %q", t0.text(), t1.text())
	}

	// Back to the first branch, as it was, and forward again, round the ends.
	back := t2.switchAt(1, -1)
	if got := back.text(); got != "the fox ran to the river" {
		t.Errorf("switch back: got %q; want the first branch", got)
	}
	if at, of := back.fork(1); at != 1 || of != 2 {
		t.Errorf("after switching back: got %d of %d; want 1 of 2", at, of)
	}
	if got := back.switchAt(1, 1).text(); got != "the fox ran from the hunter" {
		t.Errorf("switch forward: got %q; want the second branch whole", got)
	}
	if got := back.switchAt(1, -1).text(); got != "the fox ran from the hunter" {
		t.Errorf("switch back past the first: got %q; want the last branch", got)
	}

	// A change to one tree leaves the trees it came from, and their other branches, as they were.
	longer := back.extend(words("again"))
	if got := longer.switchAt(1, 1).switchAt(1, -1).text(); got != "the fox ran to the river again" {
		t.Errorf("extended and switched there and back: got %q", got)
	}
	if t2.text() != "the fox ran from the hunter" || back.text() != "the fox ran to the river" || t2.switchAt(1, 1).text() != "the fox ran to the river" {
		t.Errorf("older trees changed: %q, %q, %q", t2.text(), back.text(), t2.switchAt(1, 1).text())
	}

	// Picking an alternative that is already a branch brings it back whole.
	again, known := back.pick(1, branchTok{Tok: "from", P: 0.1})
	if !known || again.text() != "the fox ran from the hunter" {
		t.Errorf("pick of a known alternative: got %q, known %v; want the branch whole, true", again.text(), known)
	}
	if got := back.after(1); got != 2 {
		t.Errorf("after(1): got %d; want 2", got)
	}
}

func TestBranchTreeJoinsAsTheWorkerDoes(t *testing.T) {
	for _, c := range []struct {
		name  string
		level lm.Level
		base  string
		toks  []string
		want  string
	}{
		{"words", lm.Word, "the owl", []string{"flew", ".", "|"}, "the owl flew . |"},
		{"empty prompt", lm.Word, "", []string{"the", "owl"}, "the owl"},
		{"line break", lm.Word, "the owl", []string{"\n", "flew"}, "the owl\nflew"},
		{"characters", lm.Char, "토끼", []string{"와", " ", "🦊"}, "토끼와 🦊"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var toks []branchTok
			for _, s := range c.toks {
				toks = append(toks, branchTok{Tok: s, P: noProb})
			}
			if got := newBranchTree(c.level, c.base, toks).text(); got != c.want {
				t.Errorf("got %q; want %q", got, c.want)
			}
		})
	}
}
