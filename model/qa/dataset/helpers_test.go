package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// normalised is a text's words (see words) joined by spaces.
func normalised(s string) string {
	var ws []string
	for _, w := range words(s) {
		ws = append(ws, w.text)
	}
	return strings.Join(ws, " ")
}

// writeFiles writes files (path relative to dir → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkError checks that err is an *Error for file at line whose message contains want.
func checkError(t *testing.T, err error, file string, line int, want string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got error %v; want an *Error for %s:%d containing %q", err, file, line, want)
	}
	if e.File != file || e.Line != line || !strings.Contains(err.Error(), want) {
		t.Errorf("got %q (file %s, line %d); want %s:%d containing %q", err, e.File, e.Line, file, line, want)
	}
}
