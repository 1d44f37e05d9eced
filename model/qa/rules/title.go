package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// maxTitleWords is the most words a title line has: "The Fox and the Lantern" has five, and
// a line of a story without final punctuation and as long as this is rarer than a long title.
const maxTitleWords = 10

// titleLine reports whether toks, one line of a text, is a title: a short line (at most
// maxTitleWords words) with no final punctuation and no verb the rules read. A cloze of it
// ("___ and the Lantern") asks nothing of the story.
func titleLine(toks []passage.Token) bool {
	if len(toks) == 0 || toks[len(toks)-1].Kind == passage.Punct {
		return false
	}
	words := 0
	for _, t := range toks {
		if t.Kind == passage.Word {
			words++
		}
	}
	if words == 0 || words > maxTitleWords {
		return false
	}
	_, parsed := parse(toks)
	return !parsed
}

// afterTitle is the sentence without a title on its first line ("The Moral\nThe fox was glad."),
// which a single line break does not part from the sentence after it; ok is false when the
// sentence starts with no title. rs is the passage.
func afterTitle(rs []rune, s passage.Sentence) (rest passage.Sentence, ok bool) {
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
