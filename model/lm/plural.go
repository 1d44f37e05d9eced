package lm

import "strconv"

// Plural writes a count with its noun in the right number: "1 word", "0 words", "2 words".
// Messages about a user's text use it, since a short text makes a count of 1 likely.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
