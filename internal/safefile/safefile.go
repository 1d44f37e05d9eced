// Package safefile writes the command line's outputs (model files, TF.js exports, static sites)
// so that a write never replaces what is not a file, never follows a link planted beside the
// target, and never leaves a half-written file under the target's name.
//
// A file is written to a temporary file that os.CreateTemp makes in the target's folder (a new,
// random name opened with O_EXCL, so a planted link is never followed), synced, closed and then
// renamed over the target. A target that exists must be a regular file: a device (/dev/null),
// a named pipe, a folder or a symbolic link is refused, and the program may well run as root.
//
// Errors name the path and say what is wrong in words for the person who typed it, like the os
// package's errors; they carry no package prefix because the command line prints them as they are.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Check reports whether Write may write path: path must be a new name or a regular file.
func Check(path string) error {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot write %s: %w", path, plain(err))
	case !st.Mode().IsRegular():
		return fmt.Errorf("will not write over %s: it is %s, not a regular file (give a new name or a file)", path, kind(st.Mode()))
	}
	return nil
}

// CheckWritable is Check, and also makes and removes a temporary file beside path, so that a
// long computation whose result goes to path learns before it starts that it could not save it.
func CheckWritable(path string) error {
	if err := Check(path); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), tempPattern(path))
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, plain(err))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// Write replaces path with b, which is only ever seen whole under that name. path must be a new
// name in an existing folder or a regular file (whose permissions the new file keeps; a new file
// gets 0644). On any failure the temporary file is removed and path is left as it was.
func Write(path string, b []byte) (err error) {
	if err := Check(path); err != nil {
		return err
	}
	perm := fs.FileMode(0o644)
	if st, err := os.Lstat(path); err == nil {
		perm = st.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), tempPattern(path))
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, plain(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = fmt.Errorf("cannot write %s: %w", path, plain(err))
		}
	}()
	if _, err := f.Write(b); err != nil {
		return err
	}
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// WriteAll writes files (slash-separated names relative to dir, such as "web/app.css") into the
// folder dir with Write, making dir and the folders in it as needed. dir and each folder in it
// must be a new name or a folder (not a link to one), and each file a new name or a regular
// file; all of that is checked before anything is written, so a refused target is left as it was.
func WriteAll(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	if err := checkDir(dir); err != nil {
		return err
	}
	for _, name := range names {
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return fmt.Errorf("will not write %q: the name leaves %s", name, dir)
		}
		parts := strings.Split(name, "/")
		for i := 1; i < len(parts); i++ {
			if err := checkDir(filepath.Join(dir, filepath.Join(parts[:i]...))); err != nil {
				return err
			}
		}
		if err := Check(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			return err
		}
	}
	for _, name := range names {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("cannot make the folder %s: %w", filepath.Dir(path), plain(err))
		}
		if err := Write(path, files[name]); err != nil {
			return err
		}
	}
	return nil
}

// checkDir reports whether dir is a new name or a folder that is not a symbolic link.
func checkDir(dir string) error {
	st, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot write into %s: %w", dir, plain(err))
	case !st.IsDir():
		return fmt.Errorf("will not write into %s: it is %s, not a folder (give a new name or a folder)", dir, kind(st.Mode()))
	}
	return nil
}

// tempPattern names the temporary file after its target, hidden, so that a reader of the folder
// sees what it was for.
func tempPattern(path string) string { return "." + filepath.Base(path) + ".*.tmp" }

// kind names what a file that is not a regular file is.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsRegular():
		return "a file"
	}
	return "a special file"
}

// plain strips the operation and the temporary file's name from an os error: the message names
// the target instead.
func plain(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
