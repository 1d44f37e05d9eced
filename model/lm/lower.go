package lm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lower is Python's str.lower(), which Keras' Tokenizer and the book's cleaning apply to the
// whole text before cutting it: Unicode's full lower-case mapping, which is the simple mapping
// of UnicodeData.txt (Go's unicode.ToLower), the one unconditional lower-case entry of
// SpecialCasing.txt ("İ" → "i̇"), and its Final_Sigma context ("ΟΔΥΣΣΕΥΣ" → "οδυσσευς").
// Lowering each token or character alone instead would lose that context. Invalid UTF-8 becomes
// U+FFFD, one per bad byte, as Go's range over a string reads it.
//
// golang.org/x/text/cases implements the same mapping, but its Final_Sigma differs from Python's
// three ways (Caser.String works in 128-byte chunks and forgets the letter before a sigma that
// starts one; it looks at most 30 case-ignorable characters ahead; it takes a letter that is both
// cased and case-ignorable, "ʰ", for the cased letter before a sigma, where Python skips it), and
// it adds some 100 KB (brotli) to each of the page's two WebAssembly files for the one mapping
// that Go's unicode package lacks. model/lm/testdata/lower.txt, made with Python, checks every
// assigned code point and the sigma's contexts.
func Lower(s string) string {
	if !strings.ContainsAny(s, "Σİ") {
		return strings.ToLower(s) // Go's simple mapping is Python's here
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case capitalSigma:
			if finalSigma(s, i) {
				b.WriteRune('ς')
			} else {
				b.WriteRune('σ')
			}
		case 'İ': // U+0130
			b.WriteString("i\u0307")
		default:
			b.WriteRune(unicode.ToLower(r)) // an invalid byte reads as U+FFFD
		}
	}
	return b.String()
}

const capitalSigma = 'Σ' // U+03A3

// finalSigma reports whether the capital sigma at byte i of s lowers to ς: Python's rule (CPython's
// handle_capital_sigma), a cased letter before it and none after it, skipping case-ignorable
// characters both ways, however many.
func finalSigma(s string, i int) bool {
	before := s[:i]
	for before != "" {
		r, n := utf8.DecodeLastRuneInString(before)
		if !caseIgnorable(r) {
			if !cased(r) {
				return false
			}
			break
		}
		before = before[:len(before)-n]
	}
	if before == "" {
		return false
	}
	for _, r := range s[i+len("Σ"):] {
		if !caseIgnorable(r) {
			return !cased(r)
		}
	}
	return true
}

// cased is Unicode's Cased property (Lowercase, Uppercase or Lt).
func cased(r rune) bool {
	return unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

// caseIgnorable is Unicode's Case_Ignorable property: Mn, Me, Cf, Lm and Sk, and the characters
// whose Word_Break is MidLetter, MidNumLet or Single_Quote (WordBreakProperty.txt, listed here
// because Go's unicode package does not carry Word_Break).
func caseIgnorable(r rune) bool {
	switch r {
	case '\'', // Single_Quote
		'.', '\u2018', '\u2019', '\u2024', '\ufe52', '\uff07', '\uff0e', // MidNumLet
		':', '\u00b7', '\u0387', '\u055f', '\u05f4', '\u2027', '\ufe13', '\ufe55', '\uff1a': // MidLetter
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}
