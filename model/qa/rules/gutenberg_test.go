package rules

import (
	"strings"
	"testing"

	"fabulist/internal/need"
)

// TestPairsAskNothingAboutAGutenbergHeader: an eBook pasted whole gives the pairs of its body
// alone, the same as the body pasted by itself, none about its header, credit or licence; a text
// that only names the project is all body. The eBook is made up, in the project's layout.
func TestPairsAskNothingAboutAGutenbergHeader(t *testing.T) {
	const header = "\ufeffThe Project Gutenberg EBook of The Brass Kettle, by Nobody\r\n\r\n" +
		"This eBook costs nothing and may be copied by anyone who\r\nreads these words.\r\n\r\n" +
		"Title: The Brass Kettle\r\n\r\nRelease Date: March 3, 2001 [EBook #99999]\r\n\r\n" +
		"*** START OF THIS PROJECT GUTENBERG EBOOK THE BRASS KETTLE ***\r\n\r\n\r\n" +
		"Produced by Ann Example and the\r\nProofreading Team.\r\n\r\n"
	const body = "A Goat was standing on a rock at the edge of a field when a Wolf saw her.\r\n\r\n" +
		"The Wolf ran to the foot of the rock because he wanted the Goat.\r\n\r\n"
	const footer = "End of the Project Gutenberg EBook of The Brass Kettle, by Nobody\r\n\r\n" +
		"*** END OF THIS PROJECT GUTENBERG EBOOK THE BRASS KETTLE ***\r\n\r\n" +
		"A newer edition will take the place of this one, and the old\r\none will be renamed.\r\n"
	pairs := func(text string) []string {
		t.Helper()
		ps, err := Generator{}.Pairs(text, 100)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range ps {
			out = append(out, p.Question+" → "+p.Answer)
		}
		return out
	}
	want := pairs(body)
	if len(want) == 0 {
		t.Fatal("the body alone gives no pairs: the test compares nothing")
	}
	if got := pairs(header + body + footer); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the whole eBook gives\n%s\nwant the body's alone:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	named := "The Project Gutenberg volunteers produced this book in 2004.\n\n" + body
	if got := pairs(named); len(got) <= len(want) {
		t.Errorf("a text that names the project without its marks gave %d pairs; want more than the body's %d", len(got), len(want))
	}
}

// TestPairsOfAesopPastedWholeAreAboutItsBody: the book's corpus, a Gutenberg eBook, gives no pair
// before the end of its start line, about its producers' credit, or from its footer on, and many
// between.
func TestPairsOfAesopPastedWholeAreAboutItsBody(t *testing.T) {
	text := string(need.Data(t, "aesop.txt"))
	rs := []rune(text)
	start := strings.Index(text, "*** START OF")
	end := strings.Index(text, "*** END OF")
	if start < 0 || end < start {
		t.Fatal("aesop.txt has no Gutenberg start and end lines: the test shows nothing")
	}
	// As rune offsets: the body runs from the start line's end to the footer's first line.
	bodyFrom := len([]rune(text[:start+strings.IndexByte(text[start:], '\n')]))
	if i := strings.LastIndex(text[:end], "End of the Project Gutenberg"); i >= 0 {
		end = i // the footer's first line, before its mark
	}
	bodyTo := len([]rune(text[:end]))
	ps, err := Generator{}.Pairs(text, 100000)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Start < bodyFrom || p.End > bodyTo || strings.Contains(p.Question, "Proofreading") {
			t.Errorf("%q → %q at [%d, %d): outside the body [%d, %d)", p.Question, string(rs[p.Start:p.End]), p.Start, p.End, bodyFrom, bodyTo)
		}
	}
	if len(ps) < 500 { // a bound no healthy run comes near: the rules ask about most fables (626 pairs when written)
		t.Fatalf("%d pairs from the body", len(ps))
	}
}
