// Package samples holds short texts of Fabulist's own to try the studio with: fables in English
// and in Korean, written for the project (no corpus from elsewhere is copied here).
package samples

import "embed"

// FS holds the sample texts, one story collection per .txt file.
//
//go:embed *.txt
var FS embed.FS
