package rules

import (
	"strings"
	"unicode"

	"fabulist/model/qa/passage"
)

// maxTitleWords is the most words a title line has: "The Fox and the Lantern" has five, and
// a line of a story without final punctuation and as long as this is rarer than a long title.
const maxTitleWords = 10

// minorWords are the short words a title in English leaves in lower case.
var minorWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true,
	"of": true, "to": true, "in": true, "on": true, "at": true, "for": true, "with": true, "from": true, "by": true, "as": true}

// titleLine reports whether toks, one line of a text, is a title: a short line (at most
// maxTitleWords words) in title case (each word capitalised but the short ones of minorWords),
// with no final punctuation and no verb the rules read. A cloze of it ("___ and the Lantern")
// asks nothing of the story. Title case keeps the first line of a hard-wrapped sentence
// (`"You drink from` of Gutenberg's Aesop) in its sentence.
func titleLine(toks []passage.Token) bool {
	if len(toks) == 0 || toks[len(toks)-1].Kind == passage.Punct {
		return false
	}
	words := 0
	for _, t := range toks {
		if t.Kind != passage.Word {
			return false // a line that opens a quotation, or runs on with a comma, is a sentence's
		}
		if first := []rune(t.Text)[0]; unicode.IsLower(first) && !minorWords[strings.ToLower(t.Text)] {
			return false
		}
		words++
	}
	if words == 0 || words > maxTitleWords {
		return false
	}
	_, parsed := parse(toks)
	return !parsed
}

// afterTitle is the sentence without a title on its first line ("The Moral\nThe fox was glad."),
// which a single line break does not part from the sentence after it; ok is false when the
// sentence starts with no title. rs is the passage. A title is a line of its own: a sentence
// that starts after another on its line (`approach." This\nproposal was …`) has none.
func afterTitle(rs []rune, s passage.Sentence) (rest passage.Sentence, ok bool) {
	if !startsLine(rs, s.Start) {
		return passage.Sentence{}, false
	}
	for k := 1; k < len(s.Tokens); k++ {
		prev, next := s.Tokens[k-1], s.Tokens[k]
		if !strings.ContainsRune(string(rs[prev.End:next.Start]), '\n') {
			continue
		}
		if !titleLine(s.Tokens[:k]) {
			return passage.Sentence{}, false
		}
		return passage.Sentence{Start: next.Start, End: s.End, Tokens: s.Tokens[k:]}, true
	}
	return passage.Sentence{}, false
}

// startsLine reports whether only spaces stand between the start of rs's line and rs[at].
func startsLine(rs []rune, at int) bool {
	for k := at - 1; k >= 0; k-- {
		switch rs[k] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}
