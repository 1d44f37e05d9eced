package dataset

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ReadBookCSV reads the question CSV of Generative Deep Learning's chapter 6 (data/qa/train.csv,
// made from NewsQA by Maluuba's newsqa tools): columns story_id, story_text, question and
// answer_token_ranges. story_text is tokenized text whose tokens are separated by single spaces;
// answer_token_ranges is "start:end" over those tokens (start inclusive, end exclusive, counted
// from 0), or several such ranges separated by commas for an answer in pieces, or "-1:-1" when
// the answer was not found.
//
// The Passage is story_text as it stands; Start and End are the rune offsets of the first piece
// (the piece the book's expand_answers keeps), from its first token's first rune to its last
// token's last, leaving out empty tokens (from double spaces) at either end; and Answers holds the text of each piece in order. A -1:-1 row has no Answers and
// Start = End = -1. ID is "<story_id>/<n>", n counting the story's rows from 1.
//
// The error is an *Error naming the file and line for a header that lacks a column, a wrong
// field count, a bad quote, or a range that does not parse, is empty (end <= start), runs past
// the story's tokens, or covers only empty tokens.
func ReadBookCSV(path string) (Set, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return ReadBookCSVBytes(path, data)
}

// parseBookCSV reads the book's CSV data that came from the file name.
func parseBookCSV(name string, data []byte) (Set, error) {
	f, err := newCSV(name, data, "story_id", "story_text", "question", "answer_token_ranges")
	if err != nil {
		return nil, err
	}
	var set Set
	rows := map[string]int{}
	for {
		rec, line, err := f.next()
		if err == io.EOF {
			return set, nil
		}
		if err != nil {
			return nil, err
		}
		story := rec("story_id")
		rows[story]++
		e := Example{ID: fmt.Sprintf("%s/%d", story, rows[story]), Passage: rec("story_text"),
			Question: rec("question"), Start: -1, End: -1, Source: fmt.Sprintf("%s:%d", name, line)}
		spans, err := tokenRanges(e.Passage, rec("answer_token_ranges"))
		if err != nil {
			return nil, &Error{File: name, Line: line, Where: "answer_token_ranges", Msg: err.Error()}
		}
		if len(spans) > 0 {
			e.Start, e.End = spans[0][0], spans[0][1]
			runes := []rune(e.Passage)
			for _, s := range spans {
				e.Answers = append(e.Answers, string(runes[s[0]:s[1]]))
			}
		}
		set = append(set, e)
	}
}

// tokenRanges turns answer_token_ranges over the space-separated tokens of text into rune
// offsets [start, end) of text, one pair per piece; "-1:-1" gives none.
func tokenRanges(text, field string) ([][2]int, error) {
	if field == "-1:-1" {
		return nil, nil
	}
	tokens := strings.Split(text, " ")
	var spans [][2]int
	for _, piece := range strings.Split(field, ",") {
		a, b, ok := strings.Cut(piece, ":")
		start, err1 := strconv.Atoi(a)
		end, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%q is not start:end token ranges such as \"3:5\" or \"3:5,8:9\"", field)
		}
		if start < 0 || end <= start || end > len(tokens) {
			return nil, fmt.Errorf("range %d:%d is not within the story's %d tokens", start, end, len(tokens))
		}
		// Empty tokens (from double spaces) at either end would put a space at the span's end.
		for start < end && tokens[start] == "" {
			start++
		}
		for end > start && tokens[end-1] == "" {
			end--
		}
		if start == end {
			return nil, fmt.Errorf("range %s covers only empty tokens", piece)
		}
		// The rune offset of token i is the runes of the tokens before it, each with its space.
		from := 0
		for _, t := range tokens[:start] {
			from += utf8.RuneCountInString(t) + 1
		}
		to := from - 1 // no space after the last token
		for _, t := range tokens[start:end] {
			to += utf8.RuneCountInString(t) + 1
		}
		spans = append(spans, [2]int{from, to})
	}
	return spans, nil
}
