package passage

import "unicode"

// Kind says what a token is.
type Kind uint8

const (
	Word   Kind = iota // letters and digits, with inner apostrophes and hyphens
	Number             // digits, with inner decimal points and thousands commas
	Punct              // one punctuation mark
	Symbol             // one symbol or emoji cluster, or any other rune that is not a space
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Punct:
		return "punct"
	}
	return "symbol"
}

// Token is one token of a passage: Text is the passage's runes [Start, End).
type Token struct {
	Text       string
	Start, End int // rune offsets into the passage, End exclusive
	Kind       Kind
}

// Tokenize splits text into tokens, in order, skipping spaces and invisible format characters
// (such as a byte-order mark) that stand alone.
func Tokenize(text string) []Token {
	return tokenize([]rune(text))
}

func tokenize(rs []rune) []Token {
	var toks []Token
	for i := 0; i < len(rs); {
		r := rs[i]
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.IsControl(r) {
			i++
			continue
		}
		var j int
		kind := Symbol
		switch {
		case isWordRune(r):
			j, kind = scanWord(rs, i)
		case unicode.IsPunct(r):
			j, kind = cluster(rs, i), Punct
		default:
			j = cluster(rs, i)
		}
		toks = append(toks, Token{Text: string(rs[i:j]), Start: i, End: j, Kind: kind})
		i = j
	}
	return toks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r)
}

// isMark reports whether r continues the grapheme before it: a combining mark, a variation
// selector, an emoji skin-tone modifier or a keycap.
func isMark(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) ||
		r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF ||
		r >= 0x1F3FB && r <= 0x1F3FF || r == 0x20E3 || r >= 0xE0020 && r <= 0xE007F
}

const (
	zwj  = 0x200D
	zwnj = 0x200C
)

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// cluster returns the end of the grapheme-like cluster that starts at i: the rune, its marks,
// and any zero-width-joined runes after it (👩‍👩‍👧 is one token); two regional indicators
// make one flag.
func cluster(rs []rune, i int) int {
	j := i + 1
	if isRegional(rs[i]) && j < len(rs) && isRegional(rs[j]) {
		j++
	}
	for j < len(rs) {
		switch {
		case isMark(rs[j]):
			j++
		case rs[j] == zwj && j+1 < len(rs) && !unicode.IsSpace(rs[j+1]):
			j += 2
		default:
			return j
		}
	}
	return j
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }
func isHyphen(r rune) bool     { return r == '-' || r == '‐' || r == '‑' }

// scanWord returns the end of the word or number that starts at i. An apostrophe or hyphen stays
// inside a word when a letter or digit follows it; a '.' or ',' stays inside a number when digits
// stand on both sides of it.
func scanWord(rs []rune, i int) (int, Kind) {
	digits := true
	j := i
	for j < len(rs) {
		r := rs[j]
		switch {
		case isWordRune(r):
			if !unicode.IsDigit(r) {
				digits = false
			}
			j++
		case isMark(r) || (r == zwj || r == zwnj) && j+1 < len(rs) && isWordRune(rs[j+1]):
			j++
		case (isApostrophe(r) || isHyphen(r)) && j+1 < len(rs) && isWordRune(rs[j+1]):
			digits = false
			j++
		case (r == '.' || r == ',') && digits && j+1 < len(rs) && unicode.IsDigit(rs[j+1]):
			j++
		default:
			return j, kindOf(digits)
		}
	}
	return j, kindOf(digits)
}

func kindOf(digits bool) Kind {
	if digits {
		return Number
	}
	return Word
}
