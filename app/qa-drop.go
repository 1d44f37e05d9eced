package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// A folder dropped on the question model's panel comes as a FileSystemDirectoryEntry
// (DataTransferItem.webkitGetAsEntry), whose files are read by walking it: each folder's
// DirectoryReader answers its entries a batch at a time, until it answers none; each file entry
// gives its File. The walk keeps the bounds a chosen folder has (maxQAFiles files, maxQABytes in
// all, as dataset.OpenZip has for a zip's), and stops issuing requests at the first one crossed;
// a folder tree of many empty folders is bounded too (maxDropEntries).

// maxDropEntries bounds the files and folders a drop's walk visits.
const maxDropEntries = 2 * maxQAFiles

// droppedEntries takes the entries of a drop's items, and reports whether one is a folder.
// It must run while the drop event is handled: the items are emptied afterwards.
func droppedEntries(dt app.Value) (entries []app.Value, folder bool) {
	items := dt.Get("items")
	if !items.Truthy() {
		return nil, false
	}
	for i := range items.Length() {
		it := items.Index(i)
		if !it.Get("webkitGetAsEntry").Truthy() {
			return nil, false // a browser without entries: the files it gives are all there is
		}
		if e := it.Call("webkitGetAsEntry"); e.Truthy() {
			entries = append(entries, e)
			folder = folder || e.Get("isDirectory").Bool()
		}
	}
	return entries, folder
}

// dropWalk is a walk of dropped entries under way. Its callbacks run one at a time on the page's
// event loop.
type dropWalk struct {
	ctx     app.Context
	names   []string    // each file's path from the drop ("FairytaleQA/split/train/a.csv")
	files   []app.Value // their Files
	bytes   int64
	visited int
	pending int    // requests not yet answered; the walk ends when none is left
	err     string // why the walk stopped; the files are then not read
	funcs   []app.Func
}

// walkDropped reads the files under entries, folders walked, and hands them to the store as a
// chosen folder's are (readQA), or says why they cannot be read.
func walkDropped(ctx app.Context, entries []app.Value) {
	ctx.NewAction(actQAReading)
	w := &dropWalk{ctx: ctx, pending: 1}
	for _, e := range entries {
		w.visit(e)
	}
	w.settle()
}

// fn makes a callback for the browser, released when the walk ends (a callback may release
// itself while it runs).
func (w *dropWalk) fn(f func(args []app.Value)) app.Func {
	g := app.FuncOf(func(_ app.Value, args []app.Value) any {
		f(args)
		return nil
	})
	w.funcs = append(w.funcs, g)
	return g
}

func (w *dropWalk) fail(msg string) {
	if w.err == "" {
		w.err = msg
	}
}

// failed is the callback of a request that failed: the browser's error, said.
func (w *dropWalk) failed(what string) app.Func {
	return w.fn(func(args []app.Value) {
		msg := "unknown error"
		if len(args) > 0 && args[0].Truthy() {
			msg = app.Window().Call("String", args[0]).String()
		}
		w.fail(fmt.Sprintf("The dropped %s could not be read: %s", what, msg))
		w.settle()
	})
}

// visit asks for a file entry's File, or walks a folder entry's entries.
func (w *dropWalk) visit(e app.Value) {
	if w.err != "" {
		return
	}
	if w.visited++; w.visited > maxDropEntries {
		w.fail(fmt.Sprintf("The dropped folder holds more than %d files and folders; a dataset has at most %d files.", maxDropEntries, maxQAFiles))
		return
	}
	path := strings.TrimPrefix(e.Get("fullPath").String(), "/")
	switch {
	case e.Get("isFile").Bool():
		w.pending++
		e.Call("file", w.fn(func(args []app.Value) {
			w.got(path, args[0])
			w.settle()
		}), w.failed("file "+path))
	case e.Get("isDirectory").Bool():
		w.pending++
		w.read(e.Call("createReader"), path)
	}
}

// got takes a file the walk found, within the bounds.
func (w *dropWalk) got(path string, f app.Value) {
	if w.err != "" {
		return
	}
	w.names, w.files = append(w.names, path), append(w.files, f)
	w.bytes += int64(f.Get("size").Float())
	switch {
	case len(w.files) > maxQAFiles:
		w.fail(fmt.Sprintf("The dropped folder holds more than the %d files a dataset may have.", maxQAFiles))
	case w.bytes > maxQABytes:
		w.fail(fmt.Sprintf("The dropped files take more than the %d MB a dataset may take in a browser.", maxQABytes>>20))
	}
}

// read asks a folder's reader for its next batch of entries; an empty batch ends the folder.
func (w *dropWalk) read(reader app.Value, path string) {
	reader.Call("readEntries", w.fn(func(args []app.Value) {
		batch := args[0]
		if w.err != "" || batch.Length() == 0 {
			w.settle()
			return
		}
		for i := range batch.Length() {
			w.visit(batch.Index(i))
		}
		w.read(reader, path) // the same request goes on
	}), w.failed("folder "+path))
}

// settle notes that a request was answered; the last one ends the walk.
func (w *dropWalk) settle() {
	if w.pending--; w.pending > 0 {
		return
	}
	for _, f := range w.funcs {
		f.Release()
	}
	switch {
	case w.err != "":
		w.ctx.NewActionWithValue(actQAError, w.err)
	case len(w.files) == 0:
		w.ctx.NewActionWithValue(actQAError, "The dropped folder holds no files.")
	default:
		readQA(w.ctx, w.names, w.files)
	}
}
