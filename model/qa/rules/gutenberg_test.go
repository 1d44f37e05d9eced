package rules

import (
	"strings"
	"testing"
)

// TestPairsAskNothingAboutAGutenbergHeader: an eBook pasted whole gives the pairs of its body
// alone, the same as the body pasted by itself, none about its header, credit or licence; a text
// that only names the project is all body.
func TestPairsAskNothingAboutAGutenbergHeader(t *testing.T) {
	const header = "\ufeffThe Project Gutenberg EBook of Aesop's Fables, by Aesop\r\n\r\n" +
		"This eBook is for the use of anyone anywhere at no cost and with\r\nalmost no restrictions whatsoever.\r\n\r\n" +
		"Title: Aesop's Fables\r\n\r\nRelease Date: February 27, 2004 [EBook #11339]\r\n\r\n" +
		"*** START OF THIS PROJECT GUTENBERG EBOOK AESOP'S FABLES ***\r\n\r\n\r\n" +
		"Produced by Suzanne Shell, Greg Chapman and the Online Distributed\r\nProofreading Team.\r\n\r\n"
	const body = "A Crow was sitting on a branch of a tree with a piece of cheese in her beak when a Fox observed her.\r\n\r\n" +
		"The Fox ran to the foot of the tree because he wanted the cheese.\r\n\r\n"
	const footer = "End of the Project Gutenberg EBook of Aesop's Fables, by Aesop\r\n\r\n" +
		"*** END OF THIS PROJECT GUTENBERG EBOOK AESOP'S FABLES ***\r\n\r\n" +
		"Updated editions will replace the previous one--the old editions\r\nwill be renamed.\r\n"
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
