package dataset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// csvFile reads a CSV file (RFC 4180 as encoding/csv reads it, strict quotes) whose first record
// names its columns; every record must have as many fields as the header.
type csvFile struct {
	name string
	cols []string       // the header
	col  map[string]int // a column's index by name
	r    *csv.Reader
	data []byte
}

// newCSV reads the header of a CSV file's data and returns a reader for its records. The header
// must name every column of want, in any order (FairytaleQA's files order them two ways), and
// may name others, which are ignored; a name must not repeat.
func newCSV(name string, data []byte, want ...string) (*csvFile, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte-order mark, as spreadsheets write
	r := csv.NewReader(bytes.NewReader(data))
	f := &csvFile{name: name, col: map[string]int{}, r: r, data: data}
	header, err := r.Read()
	if err == io.EOF {
		return nil, &Error{File: name, Msg: "empty file, want a header naming " + strings.Join(want, ",")}
	}
	if err != nil {
		return nil, f.err(err)
	}
	f.cols = header
	for i, c := range header {
		if _, dup := f.col[c]; dup {
			return nil, &Error{File: name, Line: 1, Msg: fmt.Sprintf("header names column %q twice", c)}
		}
		f.col[c] = i
	}
	for _, c := range want {
		if _, ok := f.col[c]; !ok {
			return nil, &Error{File: name, Line: 1, Msg: fmt.Sprintf("header %q lacks column %q, want %s",
				strings.Join(header, ","), c, strings.Join(want, ","))}
		}
	}
	r.FieldsPerRecord = len(header)
	return f, nil
}

// next returns the next record, as a function from column name to field, and the line it starts
// on; it returns io.EOF after the last record.
func (f *csvFile) next() (func(col string) string, int, error) {
	rec, err := f.r.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		return nil, 0, f.err(err)
	}
	line, _ := f.r.FieldPos(0)
	return func(col string) string { return rec[f.col[col]] }, line, nil
}

// err turns an encoding/csv error into an *Error naming the file, line and column.
func (f *csvFile) err(err error) error {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount):
		return &Error{File: f.name, Line: pe.StartLine, Msg: fmt.Sprintf("wrong number of fields, want %d (%s)",
			len(f.cols), strings.Join(f.cols, ","))}
	case errors.As(err, &pe):
		return &Error{File: f.name, Line: pe.Line, Where: fmt.Sprintf("column %d", f.runeColumn(pe.Line, pe.Column)), Msg: pe.Err.Error()}
	}
	return &Error{File: f.name, Msg: err.Error()}
}

// runeColumn turns encoding/csv's column (a 1-based byte index in the line) into a 1-based rune
// index, which is what an editor shows.
func (f *csvFile) runeColumn(line, col int) int {
	rest := f.data
	for ; line > 1; line-- {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return col
		}
		rest = rest[i+1:]
	}
	if col-1 > len(rest) {
		return col
	}
	return utf8.RuneCount(rest[:col-1]) + 1
}
