package lm

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// Cleaning names how a corpus is prepared before tokenizing.
type Cleaning string

const (
	// CleanBook reproduces the book's cleaning of Aesop's Fables exactly.
	CleanBook Cleaning = "book"
	// CleanNone leaves the text as it is: its words are cut on any white space, and each line
	// break is a token of its own (SplitWhite).
	CleanNone Cleaning = "none"
)

// ParseCleaning checks a cleaning name given by a user.
func ParseCleaning(s string) (Cleaning, error) {
	switch Cleaning(s) {
	case CleanBook, CleanNone:
		return Cleaning(s), nil
	}
	return "", fmt.Errorf("unknown cleaning %q (want book or none)", s)
}

// Separator is the token that ends a story.
const Separator = "|"

// StoryStart is what the book puts before each story: seqLen separators, so that the first window
// of a story sees only separators.
func StoryStart(seqLen int) string { return strings.Repeat(Separator+" ", seqLen) }

var (
	bookStart = "THE FOX AND THE GRAPES\n\n\n"
	bookEnd   = "ILLUSTRATIONS\n\n\n["
)

// cleaning's expressions are compiled on first use, not in the package's initialisation: the
// page's module holds this package too (its worker cleans), and a cold load's critical path
// runs the page's initialisation, where Chromium compiles each function on its first call and
// the Unicode class in whiteRuns cost the most of any package's init (7.9 ms under Node).
var cleaning = sync.OnceValue(func() (r struct{ spaceRuns, punctuation, whiteRuns *regexp.Regexp }) {
	r.spaceRuns = regexp.MustCompile(`  +`)
	r.punctuation = regexp.MustCompile("([!\"#$%&()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~])")
	// Python's \s, unlike RE2's, matches Unicode white space too.
	r.whiteRuns = regexp.MustCompile(`[\t\n\v\f\r \x{1c}-\x{1f}\x{85}\p{Z}]{2,}`)
	return r
})

// Normalize does what Python's open(…, encoding='utf-8-sig') does on reading: it drops a byte
// order mark and turns \r\n and lone \r into \n. Invalid UTF-8 is left for the caller to report.
func Normalize(text string) string {
	return lineBreaks(strings.TrimPrefix(text, "\ufeff"))
}

// lineBreaks turns \r\n and lone \r into \n, as Python's universal newlines do.
func lineBreaks(text string) string {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text
}

// Clean prepares a corpus as the book does when c is CleanBook:
//
//	cut to the stories (only when both markers are present); prepend StoryStart(seqLen);
//	lower-case (Lower); "\n\n\n\n\n" → StoryStart; "\n" → " "; runs of 2+ spaces → ". "; trim;
//	".." → "."; spaces around each of !"#$%&()*+,-./:;<=>?@[\]^_`{|}~; runs of 2+ white space → " ".
//
// A single tab or no-break space is left where it is, as the book leaves it (and Keras' split on
// ' ' then keeps it inside a token). With CleanNone the text is returned as it is.
func Clean(text string, c Cleaning, seqLen int) string {
	if c != CleanBook {
		return text
	}
	if start := strings.Index(text, bookStart); start >= 0 {
		if end := strings.Index(text, bookEnd); end > start {
			text = text[start:end]
		}
	}
	return cleanBody(StoryStart(seqLen)+text, seqLen)
}

// BookCopies counts the whole copies of the book (Aesop's Fables as Project Gutenberg has it,
// each from its first story's title to its illustrations) in text, from the first that Clean with
// CleanBook cuts to: it keeps that one alone, so that a text pasted twice trains as once. It is 0
// when Clean cuts nothing (the markers are not there, or not in order). Text is as Clean gets it
// (Normalize'd).
func BookCopies(text string) int {
	start, end := strings.Index(text, bookStart), strings.Index(text, bookEnd)
	if start < 0 || end <= start {
		return 0
	}
	n := 0
	for text = text[start:]; ; n++ {
		start = strings.Index(text, bookStart)
		if start < 0 {
			return n
		}
		end = strings.Index(text[start:], bookEnd)
		if end < 0 {
			return n
		}
		text = text[start+end+len(bookEnd):]
	}
}

// CleanPrompt prepares a user's prompt the way the corpus was: Normalize, then with CleanBook the
// book's cleaning without cutting or prefixing it.
func CleanPrompt(text string, c Cleaning, seqLen int) string {
	text = Normalize(text)
	if c != CleanBook {
		return text
	}
	return strings.TrimSpace(cleanBody(text, seqLen))
}

func cleanBody(text string, seqLen int) string {
	text = Lower(text) // first, as the book does: the final sigma sees the text before the spacing
	text = strings.ReplaceAll(text, "\n\n\n\n\n", StoryStart(seqLen))
	text = strings.ReplaceAll(text, "\n", " ")
	re := cleaning()
	text = strings.TrimSpace(re.spaceRuns.ReplaceAllString(text, ". "))
	text = strings.ReplaceAll(text, "..", ".")
	text = re.punctuation.ReplaceAllString(text, " $1 ")
	return re.whiteRuns.ReplaceAllString(text, " ")
}
