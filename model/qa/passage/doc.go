// Package passage splits a passage into sentences and tokens that keep their offsets into it, in
// runes (not bytes), so that an answer can be shown where it stands in the text. It replaces the
// book's split on spaces alone (Generative Deep Learning, chapter 6, utils/write.py), which left
// punctuation glued to words ("time,") and made empty tokens.
//
// Tokens are words (letters, digits and combining marks, with inner apostrophes and hyphens:
// "don't", "well-to-do"), numbers ("3.5", "1,000"), and single punctuation marks or symbols; an
// emoji with its modifiers, variation selectors, joiners or flag pair is one token. Sentences end
// at . ! ? … (with the closing quotes and brackets after them), unless the full stop ends an
// abbreviation or an initial, and at a blank line between paragraphs. The rules are for English
// and for text written with spaces between words (Korean works); they do not segment Chinese or
// Japanese into words.
package passage
