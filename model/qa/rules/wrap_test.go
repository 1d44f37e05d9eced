package rules

import (
	"strings"
	"testing"

	"fabulist/model/qa"
)

// wrappedWoodman is hard-wrapped as Project Gutenberg's Aesop is, with its CRLF line ends: a
// single line break inside a paragraph is the margin's, a blank line ends the paragraph.
const wrappedWoodman = "time, and, bringing up a silver axe, asked if that was his. \"No, that\r\n" +
	"is not mine either,\" said the Woodman. Once more Mercury dived into\r\n" +
	"the river, and brought up the missing axe.\r\n\r\n" +
	"The Woodman was overjoyed."

// An answer may cross a line break inside a paragraph, which is the text's wrapping: its Answer
// reads as one line ("into the river", a new user's trial read "into\nthe river"), while its
// offsets are the text's own runes, line break and all. No answer crosses a blank line.
func TestAnswersAcrossALineBreakReadAsOneLine(t *testing.T) {
	rs := []rune(wrappedWoodman)
	ps, err := Generator{}.Pairs(wrappedWoodman, 100)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range ps {
		span := string(rs[p.Start:p.End])
		if strings.ContainsAny(p.Answer, "\r\n") || p.Answer != qa.OneLine(span) {
			t.Errorf("%q: answer %q; want its span %q as one line", p.Question, p.Answer, span)
		}
		if strings.Contains(span, "\n\r\n") || strings.Contains(span, "\n\n") {
			t.Errorf("%q: the answer %q crosses a paragraph's end", p.Question, span)
		}
		if span == "into\r\nthe river" {
			found = true
		}
	}
	if !found {
		t.Errorf("no pair answers %q across the line break: %+v", "into\r\nthe river", ps)
	}
	start := strings.Index(wrappedWoodman, "into\r\n")
	start = len([]rune(wrappedWoodman[:start]))
	end := start + len([]rune("into\r\nthe river"))
	p, err := Generator{}.Ask(wrappedWoodman, start, end)
	if err != nil {
		t.Fatal(err)
	}
	if p.Answer != "into the river" || p.Start != start || p.End != end {
		t.Errorf("Ask: answer %q at [%d, %d); want %q at [%d, %d)", p.Answer, p.Start, p.End, "into the river", start, end)
	}
	if strings.ContainsAny(p.Question, "\r\n") {
		t.Errorf("Ask: the question %q breaks a line", p.Question)
	}
	for _, c := range Clozes("Ein Mann und seine\r\nFrau.", 5) {
		if c.Answer != qa.OneLine(string([]rune("Ein Mann und seine\r\nFrau.")[c.Start:c.End])) {
			t.Errorf("Clozes: answer %q is not its span as one line", c.Answer)
		}
	}
}
