package safefile

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesAFileWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "m.fab")
	if err := Write(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o644 {
		t.Errorf("a new file has mode %v; want 0644", st.Mode().Perm())
	}
	os.Chmod(p, 0o600)
	if err := Write(p, []byte("newer")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "newer" {
		t.Errorf("got %q; want %q", b, "newer")
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("a replaced file has mode %v; want its old 0600", st.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("temporary files left behind: %q", left)
	}
}

// TestWriteNeverFollowsAPlantedLink: the old writer wrote P.tmp, following a link planted there.
func TestWriteNeverFollowsAPlantedLink(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("keep"), 0o644)
	p := filepath.Join(dir, "m.fab")
	for _, planted := range []string{p + ".tmp", filepath.Join(dir, ".m.fab.tmp")} {
		os.Symlink(victim, planted)
	}
	if err := Write(p, []byte("model")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep" {
		t.Errorf("the link's target now holds %q", b)
	}
}

func TestWriteRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("keep"), 0o644)
	link := filepath.Join(dir, "link")
	os.Symlink(target, link)
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o755)
	for _, c := range []struct{ path, want string }{
		{"/dev/null", "a device"},
		{link, "a symbolic link"},
		{folder, "a folder"},
		{"/proc/fabulist/x", "cannot write /proc/fabulist/x"}, // refused by the kernel, even to root
	} {
		t.Run(c.path, func(t *testing.T) {
			before, _ := os.Lstat(c.path)
			err := Write(c.path, []byte("x"))
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) {
				t.Fatalf("got %v; want an error naming %s and saying %q", err, c.path, c.want)
			}
			after, _ := os.Lstat(c.path)
			if (before == nil) != (after == nil) || before != nil && before.Mode() != after.Mode() {
				t.Errorf("the target changed: %v, then %v", before, after)
			}
		})
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the link's target now holds %q", b)
	}
	if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("/dev/null is no longer a character device: %v %v", st, err)
	}
}

// TestWriteAllChecksEverythingFirst: a link in the way of the last file stops the write before
// the first file is written.
func TestWriteAllChecksEverythingFirst(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	os.MkdirAll(filepath.Join(out, "web"), 0o755)
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("keep"), 0o644)
	os.Symlink(victim, filepath.Join(out, "web", "z.js"))
	err := WriteAll(out, map[string][]byte{"a.html": []byte("a"), "web/z.js": []byte("z")})
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("got %v; want a refusal of the link", err)
	}
	if _, err := os.Stat(filepath.Join(out, "a.html")); err == nil {
		t.Error("a.html was written before the refusal")
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep" {
		t.Errorf("the link's target now holds %q", b)
	}

	linkedDir := filepath.Join(dir, "linked")
	os.Symlink(out, linkedDir)
	for _, c := range []struct {
		dir   string
		files map[string][]byte
		want  string
	}{
		{linkedDir, map[string][]byte{"a": nil}, "symbolic link"},
		{victim, map[string][]byte{"a": nil}, "not a folder"},
		{dir, map[string][]byte{"out/web/z.js/a": nil}, "not a folder"},
		{out, map[string][]byte{"../escape": nil}, "leaves"},
	} {
		if err := WriteAll(c.dir, c.files); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("WriteAll(%s, %v): got %v; want an error saying %q", c.dir, c.files, err, c.want)
		}
	}

	if err := WriteAll(filepath.Join(dir, "new"), map[string][]byte{"a/b/c.txt": []byte("c"), "d.txt": []byte("d")}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "new", "a", "b", "c.txt")); string(b) != "c" {
		t.Errorf("a/b/c.txt holds %q; want %q", b, "c")
	}
}
