// Package need lets a test say what it needs from the machine: a tool such as Chromium or Node,
// or a corpus from ../shared/data. Where it is missing, the test skips with a NOTICE that says
// what to install, so a user's clone still tests what it can. With FABULIST_REQUIRE_ALL=1 (set by
// .ci/run) every such skip is a failure instead, so CI never passes with tests silently left out.
package need

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// RequireAll names the variable that turns every skip of this package into a failure.
const RequireAll = "FABULIST_REQUIRE_ALL"

// Notices names a file to which every skip adds a line (make test lists them at the end).
const Notices = "FABULIST_NOTICES"

// Skip skips the test with a notice, or fails it when RequireAll is set.
func Skip(tb testing.TB, format string, args ...any) {
	tb.Helper()
	if os.Getenv(RequireAll) != "" {
		tb.Fatalf("required by "+RequireAll+": "+format, args...)
	}
	msg := fmt.Sprintf(format, args...)
	if path := os.Getenv(Notices); path != "" {
		if f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			fmt.Fprintf(f, "%s: %s\n", tb.Name(), msg)
			f.Close()
		}
	}
	tb.Skip("NOTICE: " + msg)
}

// Root is the repository's top folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(filepath.Dir(file)))
}

// DataDir is where the shared corpora live: $FABULIST_DATA, else ../shared/data beside the
// repository.
func DataDir() string {
	if d := os.Getenv("FABULIST_DATA"); d != "" {
		return d
	}
	return filepath.Join(Root(), "..", "shared", "data")
}

// DataPath returns the path of a file (or folder) in DataDir, skipping the test where it is absent.
func DataPath(tb testing.TB, name string) string {
	tb.Helper()
	path := filepath.Join(DataDir(), name)
	if _, err := os.Stat(path); err != nil {
		Skip(tb, "%s not found (%v): the test that needs it did not run", path, err)
	}
	return path
}

// Data reads a file of DataDir, skipping the test where it is absent.
func Data(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(DataPath(tb, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Command returns the path of the first of names found on PATH, skipping the test (with how to
// install it) where none is.
func Command(tb testing.TB, install string, names ...string) string {
	tb.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Skip(tb, "%s not found: the test that needs it did not run (%s)", names[0], install)
	return ""
}
