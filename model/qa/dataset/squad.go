package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// squadFile is the shape of SQuAD's JSON (Rajpurkar et al. 2016, 2018; the format of
// train-v1.1.json and dev-v2.0.json at rajpurkar.github.io/SQuAD-explorer). Fields it does not
// use (version, title, plausible_answers) are ignored.
type squadFile struct {
	Data *[]struct {
		Paragraphs []struct {
			Context *string `json:"context"`
			QAs     []struct {
				ID           string `json:"id"`
				Question     string `json:"question"`
				IsImpossible bool   `json:"is_impossible"`
				Answers      []struct {
					Text        *string `json:"text"`
					AnswerStart *int    `json:"answer_start"`
				} `json:"answers"`
			} `json:"qas"`
		} `json:"paragraphs"`
	} `json:"data"`
}

// ReadSQuAD reads a SQuAD v1.1 or v2.0 file: {"data": [{"paragraphs": [{"context": …, "qas":
// [{"id", "question", "answers": [{"text", "answer_start"}], "is_impossible"}]}]}]}. Each question
// is an Example whose Passage is its paragraph's context and whose Answers are the answers' texts
// in file order; Start and End locate the first answer. answer_start is an index into a Python
// str, so it counts code points, which are runes here.
//
// A v2.0 question marked is_impossible is kept, with no Answers and Start = End = -1 (its
// plausible_answers are not read), so that Set.Spanned leaves it out and a model that learns to
// say "no answer" can have it.
//
// The error is an *Error naming the file and, for JSON that does not parse or has the wrong type,
// the line and column; for the rest, the JSON path (data[i].paragraphs[j].qas[k].answers[l]): a
// missing data or context, a question other than is_impossible without answers, an is_impossible
// one with answers, an answer without text or answer_start, an empty answer, or one whose
// answer_start is out of the context or does not start its text there.
func ReadSQuAD(path string) (Set, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return ReadSQuADBytes(path, data)
}

// parseSQuAD reads SQuAD JSON data that came from the file name.
func parseSQuAD(name string, data []byte) (Set, error) {
	var f squadFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, jsonError(name, data, err)
	}
	if f.Data == nil {
		return nil, &Error{File: name, Msg: `no "data" array`}
	}
	var set Set
	for i, article := range *f.Data {
		for j, para := range article.Paragraphs {
			where := fmt.Sprintf("data[%d].paragraphs[%d]", i, j)
			if para.Context == nil {
				return nil, &Error{File: name, Where: where, Msg: `no "context"`}
			}
			context := []rune(*para.Context)
			for k, qa := range para.QAs {
				where := fmt.Sprintf("%s.qas[%d]", where, k)
				e := Example{ID: qa.ID, Passage: *para.Context, Question: qa.Question, Start: -1, End: -1,
					Source: name + ":" + where}
				switch {
				case qa.IsImpossible && len(qa.Answers) > 0:
					return nil, &Error{File: name, Where: where, Msg: "is_impossible, yet it has answers"}
				case !qa.IsImpossible && len(qa.Answers) == 0:
					return nil, &Error{File: name, Where: where, Msg: "no answers, and not is_impossible"}
				}
				for l, a := range qa.Answers {
					where := fmt.Sprintf("%s.answers[%d]", where, l)
					start, end, err := squadSpan(context, a.Text, a.AnswerStart)
					if err != nil {
						return nil, &Error{File: name, Where: where, Msg: err.Error()}
					}
					if l == 0 {
						e.Start, e.End = start, end
					}
					e.Answers = append(e.Answers, *a.Text)
				}
				set = append(set, e)
			}
		}
	}
	return set, nil
}

// squadSpan checks a SQuAD answer against its context and returns its rune offsets.
func squadSpan(context []rune, text *string, answerStart *int) (start, end int, err error) {
	switch {
	case text == nil:
		return 0, 0, errors.New(`no "text"`)
	case answerStart == nil:
		return 0, 0, errors.New(`no "answer_start"`)
	case *text == "":
		return 0, 0, errors.New("empty answer text")
	}
	start = *answerStart
	end = start + len([]rune(*text))
	if start < 0 || end > len(context) || end < start {
		return 0, 0, fmt.Errorf("answer_start %d with %d-rune text %q is outside the %d-rune context",
			start, end-start, *text, len(context))
	}
	if got := string(context[start:end]); got != *text {
		return 0, 0, fmt.Errorf("answer text %q is not the context's %q at answer_start %d", *text, got, start)
	}
	return start, end, nil
}

// jsonError turns an encoding/json error into an *Error with the line and column it occurred at.
func jsonError(name string, data []byte, err error) error {
	var offset int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
	}
	msg := err.Error()
	if te != nil && te.Offset == offset {
		// encoding/json names the Go types it fills ("Go struct field squadFile.data of type
		// []struct { Paragraphs …"); a user knows the file's fields and JSON's kinds.
		msg = fmt.Sprintf("%q is %s where a SQuAD file has %s", te.Field, JSONValue(te.Value), jsonKind(te.Type))
		if te.Field == "" {
			msg = fmt.Sprintf("the file is %s where a SQuAD file has %s", JSONValue(te.Value), jsonKind(te.Type))
		}
	}
	if offset < 0 || offset > int64(len(data)) {
		return &Error{File: name, Msg: msg}
	}
	// Offset counts the bytes read up to and including the one at fault (the end of a value of
	// the wrong type), so the fault is the byte before it.
	if offset > 0 && offset < int64(len(data)) {
		offset--
	}
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:]))) + 1
	return &Error{File: name, Line: line, Where: fmt.Sprintf("column %d", col), Msg: msg}
}

// jsonKind names the JSON value a Go type is read from, as a SQuAD file's reader expects it.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list (JSON array)"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "another kind of value"
}

// JSONValue names, in a user's words, the kind of value encoding/json found where it wanted
// another: an UnmarshalTypeError's Value ("number", "number 6.5", "array", …) becomes "a
// number", "the number 6.5", "a list". The command line's readers name it so too.
func JSONValue(v string) string {
	if n, ok := strings.CutPrefix(v, "number "); ok {
		return "the number " + n
	}
	switch v {
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "bool":
		return "true or false"
	}
	return "a " + v
}
