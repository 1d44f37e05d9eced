//go:build linux

package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fabulist/model/lm"
)

// charDevice makes a character device like /dev/null (1, 3) in dir, so that a writer that
// replaced devices would replace this one and not the machine's /dev/null. Without the right to
// make one (not root) it returns /dev/null, which such a writer could not replace either.
func charDevice(t *testing.T, dir string) string {
	path := filepath.Join(dir, "null")
	if err := syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		if os.Geteuid() == 0 {
			t.Logf("NOTICE: mknod: %v: testing against /dev/null itself", err)
		}
		return "/dev/null"
	}
	return path
}

// snapshot is what a test checks is unchanged about a path: its type, a link's destination, and
// a regular file's bytes.
func snapshot(path string) string {
	st, err := os.Lstat(path)
	if err != nil {
		return "missing"
	}
	s := st.Mode().Type().String()
	if dest, err := os.Readlink(path); err == nil {
		s += " → " + dest
	}
	if st.Mode().IsRegular() {
		b, _ := os.ReadFile(path)
		s += " " + string(b)
	}
	if st.IsDir() {
		entries, _ := os.ReadDir(path)
		s += " " + strings.Repeat("+", len(entries))
	}
	return s
}

// checkFailure asserts a refusal of a file: exit status 1 and one line naming want.
func checkFailure(t *testing.T, args []string, stderr string, code int, want string) {
	t.Helper()
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, want) ||
		strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "{") {
		t.Errorf("%q: exit %d, stderr %q; want exit 1 and one line saying %q", args, code, stderr, want)
	}
}

// fakeWeb is a folder holding what make web builds, as dummies: enough for site to write a site.
func fakeWeb(t *testing.T) string {
	dir := t.TempDir()
	for _, f := range []string{"app.wasm", "page.js", "worker.js", "wasm_exec.js", "simd.js", "simd.wasm", "simd_fma.wasm", "store.js",
		"app.css", "icon.svg", "icon-192.png", "icon-512.png"} {
		os.WriteFile(filepath.Join(dir, f), []byte("built "+f), 0o644)
	}
	return dir
}

// TestCLIWritesRefuseWhatIsNotAFile: train wrote P.tmp and renamed it over P, whatever P was (as
// root, -o /dev/full became a regular file) and followed a link planted at P.tmp; export and site
// wrote through links. Each target here is refused and left as it was.
func TestCLIWritesRefuseWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	m := tinyModel(t, dir)
	web := fakeWeb(t)
	victim := filepath.Join(dir, "victim.txt")
	os.WriteFile(victim, []byte("keep me"), 0o644)
	fileLink := filepath.Join(dir, "file-link")
	os.Symlink(victim, fileLink)
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o755)
	folderLink := filepath.Join(dir, "folder-link")
	os.Symlink(folder, folderLink)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	dev := charDevice(t, dir)
	// A folder whose file is a link out of it: export and site must not write through it.
	linkInside := filepath.Join(dir, "link-inside")
	os.MkdirAll(filepath.Join(linkInside, "web"), 0o755)
	os.Symlink(victim, filepath.Join(linkInside, "model.json"))
	os.Symlink(victim, filepath.Join(linkInside, "web", "app.css"))
	readOnly := "/proc/fabulist-test/out" // the kernel refuses it, even to root

	train := func(out string) []string {
		return []string{"train", "-text", "samples/fables.txt", "-units", "8", "-embed", "4", "-seq", "4", "-max-batches", "1", "-samples", "0", "-o", out}
	}
	export := func(out string) []string { return []string{"export", "-model", m, "-o", out} }
	site := func(out string) []string { return []string{"site", "-web", web, "-out", out} }
	for _, c := range []struct {
		args   []string
		target string // what must be left as it was
		want   string
	}{
		{train(dev), dev, "is a device"},
		{train(fifo), fifo, "is a named pipe"},
		{train(fileLink), fileLink, "is a symbolic link"},
		{train(folder), folder, "is a folder"},
		{train(readOnly), readOnly, "cannot write " + readOnly},
		{export(dev), dev, "is a device"},
		{export(victim), victim, "is a file, not a folder"},
		{export(folderLink), folderLink, "is a symbolic link"},
		{export(linkInside), filepath.Join(linkInside, "model.json"), "is a symbolic link"},
		{export(readOnly), readOnly, readOnly},
		{site(dev), dev, "is a device"},
		{site(victim), victim, "is a file, not a folder"},
		{site(folderLink), folderLink, "is a symbolic link"},
		{site(linkInside), filepath.Join(linkInside, "web", "app.css"), "is a symbolic link"},
		{site(readOnly), readOnly, readOnly},
	} {
		t.Run(strings.Join(c.args[:1], "")+" "+c.args[len(c.args)-1], func(t *testing.T) {
			before := snapshot(c.target)
			out, errOut, code := runCLI(t, c.args...)
			checkFailure(t, c.args, errOut, code, c.want)
			if after := snapshot(c.target); after != before {
				t.Errorf("%s was %q and is now %q", c.target, before, after)
			}
			if code != 0 && c.args[0] == "train" && out != "" {
				t.Errorf("train printed %q: it trained before finding it could not save", out)
			}
		})
	}
	if got := snapshot(victim); !strings.HasSuffix(got, "keep me") {
		t.Errorf("the links' target holds %q; want %q", got, "keep me")
	}
	if entries, _ := os.ReadDir(filepath.Join(linkInside)); len(entries) != 2 {
		t.Errorf("export or site wrote into the refused folder: %v", entries)
	}
	for _, d := range []string{dev, "/dev/null"} {
		if st, err := os.Stat(d); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("%s is no longer a character device: %v %v", d, st, err)
		}
	}
}

// TestCLIWritesThroughAFreshTemporaryFile: a link planted where train used to write (P.tmp) is
// never followed; a model, an export and a site are written whole, and no temporary file stays.
func TestCLIWritesThroughAFreshTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim.txt")
	os.WriteFile(victim, []byte("keep me"), 0o644)
	m := filepath.Join(dir, "m.fab")
	os.Symlink(victim, m+".tmp")
	os.WriteFile(m, []byte("an older model"), 0o600)
	args := []string{"train", "-text", "samples/fables.txt", "-units", "8", "-embed", "4", "-seq", "4", "-epochs", "1", "-samples", "0", "-o", m}
	if _, errOut, code := runCLI(t, args...); code != 0 {
		t.Fatalf("train exited %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Errorf("the link planted at %s.tmp was followed: its target holds %.20q", m, b)
	}
	b, err := os.ReadFile(m)
	if _, derr := lm.Decode(b); err != nil || derr != nil {
		t.Errorf("%s is not a whole model: %v %v", m, err, derr)
	}
	if st, _ := os.Stat(m); st.Mode().Perm() != 0o600 {
		t.Errorf("the replaced model has mode %v; want its old 0600", st.Mode().Perm())
	}

	out := filepath.Join(dir, "tfjs")
	if _, errOut, code := runCLI(t, "export", "-model", m, "-o", out); code != 0 {
		t.Fatalf("export exited %d: %s", code, errOut)
	}
	site := filepath.Join(dir, "site")
	if _, errOut, code := runCLI(t, "site", "-web", fakeWeb(t), "-out", site, "-prefix", "/fab"); code != 0 {
		t.Fatalf("site exited %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(site, "web", "app.css")); string(b) != "built app.css" {
		t.Errorf("site's web/app.css holds %q", b)
	}
	for _, f := range []string{"index.html", "app-worker.js", "web/samples/index.json", "web/samples/fables.txt"} {
		if _, err := os.Stat(filepath.Join(site, f)); err != nil {
			t.Errorf("site: %v", err)
		}
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if strings.HasSuffix(p, ".tmp") && p != m+".tmp" {
			t.Errorf("a temporary file stayed: %s", p)
		}
		return nil
	})

	text := filepath.Join(dir, "fables.txt")
	b, _ = os.ReadFile("samples/fables.txt")
	os.WriteFile(text, b, 0o644)
	if _, errOut, code := runCLI(t, "train", "-text", text, "-units", "8", "-max-batches", "1", "-o", text); code != 2 || !strings.Contains(errOut, "would replace the text") {
		t.Errorf("-o the text itself: exit %d, %q; want 2 and a refusal", code, errOut)
	}
	if after, _ := os.ReadFile(text); !bytes.Equal(after, b) {
		t.Errorf("the text was replaced by %.20q", after)
	}
}

// TestCLIReadsAreBounded: -text /dev/zero read without limit (940 MB in 8 s), and vocab -seq 512
// of a text of empty stories wrote gigabytes of separators for minutes. Texts are refused past
// the studio's limit, their separators past lm.MaxSeparatorBytes, model files past the largest
// the settings allow, and a device that does not start as a model file after 8 bytes.
func TestCLIReadsAreBounded(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(big, bytes.Repeat([]byte("the fox "), lm.MaxTextBytes/8+1), 0o644)
	bigModel := filepath.Join(dir, "big.fab")
	f, _ := os.Create(bigModel)
	f.WriteString("FABULIST")
	f.Truncate(lm.MaxFileBytes + 1) // sparse: no disk is used
	f.Close()
	breaks := filepath.Join(dir, "breaks.txt") // a 5 MB text of empty stories
	os.WriteFile(breaks, bytes.Repeat([]byte("a\n\n\n\n\n"), lm.MaxTextBytes/6), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"vocab", "-seq", "512", breaks}, "story breaks"},
		{[]string{"train", "-text", breaks, "-seq", "512"}, "story breaks"},
		{[]string{"train", "-text", "/dev/zero", "-units", "8", "-max-batches", "1"}, "larger than 5 MB"},
		{[]string{"train", "-text", big, "-units", "8", "-embed", "4", "-max-batches", "1"}, "larger than 5 MB"},
		{[]string{"vocab", big}, "larger than 5 MB"},
		{[]string{"quality", "-text", big, "-units", "8", "-embed", "4", "-samples", "64"}, "larger than 5 MB"},
		{[]string{"train", "-text", "samples"}, "is a folder"},
		{[]string{"predict", "-model", "/dev/zero"}, "not a Fabulist model"},
		{[]string{"generate", "-model", bigModel}, "larger than 2048 MB"},
		{[]string{"export", "-model", bigModel, "-o", filepath.Join(dir, "out")}, "larger than 2048 MB"},
	} {
		_, errOut, code := runCLI(t, c.args...)
		checkFailure(t, c.args, errOut, code, c.want)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("export made its folder for a model it could not read")
	}
}

// TestCLISiteErrorsArePlain: site printed go-app's errors, JSON objects of tags.
func TestCLISiteErrorsArePlain(t *testing.T) {
	web := fakeWeb(t)
	for _, out := range []string{"/proc/fabulist-test", "/proc/fabulist-test/x", "/sys/fabulist-test"} {
		args := []string{"site", "-web", web, "-out", out}
		_, errOut, code := runCLI(t, args...)
		checkFailure(t, args, errOut, code, out)
	}
}
