package metric

import (
	"strings"
	"unicode"
)

// clitics are the endings that the Penn Treebank tokenizer (which made nqg's data, through
// Stanford CoreNLP) splits off a word: "notre dame's" is scored as "notre dame 's".
var clitics = []string{"'s", "'re", "'ve", "'ll", "'d", "'m"}

// Tokenize splits text into lower-case tokens for scoring, a small stand-in for the PTB
// tokenization of nqg's data ("how often is notre dame 's the juggler published ?"):
//
//   - text is lower-cased, and the typographic apostrophes ’ and ‘ become ';
//   - a word is a run of letters, digits and combining marks (any script: Korean is split on
//     spaces and punctuation like English), which goes on across one hyphen, full stop or
//     apostrophe between two such runes ("stinson-remick", "u.s", "l'oreal") and across a comma
//     between digits ("10,000");
//   - a word ending in n't, 's, 're, 've, 'll, 'd or 'm has that ending split off as a token of
//     its own ("didn't" → "did n't", "it's" → "it 's"), as PTB does;
//   - every other rune that is not white space is a token by itself ("?", "&", "(", an emoji's
//     each rune), and a combining mark after one joins it.
//
// It does not do what PTB does beyond that: brackets stay "(" rather than "-lrb-", quotes stay
// '"', and an abbreviation's final full stop is a token of its own ("mr ." where PTB keeps
// "mr."). Text that is already tokenized, like nqg's files, is split with strings.Fields.
func Tokenize(text string) []string {
	runes := []rune(strings.ToLower(text))
	for i, r := range runes {
		if r == '’' || r == '‘' {
			runes[i] = '\''
		}
	}
	isWord := func(i int) bool {
		return i >= 0 && i < len(runes) &&
			(unicode.IsLetter(runes[i]) || unicode.IsDigit(runes[i]) || unicode.IsMark(runes[i]))
	}
	var toks []string
	for i := 0; i < len(runes); {
		r := runes[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case unicode.IsMark(r) && len(toks) > 0 && !unicode.IsSpace(runes[i-1]):
			toks[len(toks)-1] += string(r)
			i++
		case isWord(i):
			start := i
			for i < len(runes) {
				if isWord(i) {
					i++
					continue
				}
				c := runes[i]
				joins := c == '-' || c == '.' || c == '\'' ||
					c == ',' && unicode.IsDigit(runes[i-1]) && i+1 < len(runes) && unicode.IsDigit(runes[i+1])
				if joins && isWord(i-1) && isWord(i+1) {
					i++
					continue
				}
				break
			}
			toks = append(toks, splitClitic(string(runes[start:i]))...)
		default:
			toks = append(toks, string(r))
			i++
		}
	}
	return toks
}

// splitClitic splits a PTB clitic off the end of word, if it has one and something before it.
func splitClitic(word string) []string {
	if strings.HasSuffix(word, "n't") && len(word) > len("n't") {
		return []string{word[:len(word)-len("n't")], "n't"}
	}
	for _, c := range clitics {
		if strings.HasSuffix(word, c) && len(word) > len(c) {
			return []string{word[:len(word)-len(c)], c}
		}
	}
	return []string{word}
}
