package app

import (
	"net/url"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/inlink"
	"fabulist/studio/share"
)

// The page's address is something anyone can craft, and go-app parses it with net/url on load
// and on every popstate (a fragment change is one): an address net/url refuses (an invalid
// escape, "#s=1.%%%") made go-app dereference a nil URL and the page's program die. So the
// studio takes the address first. GuardAddress, run before go-app starts, and again before
// go-app hears of each change, leaves in the address only what go-app can read and the studio
// shows: its own path and query. A fragment is taken out, whole, and handed to the studio as a
// share link; any other path is replaced by the studio's, and said so. The studio has one page
// (see Register), so no address a user can be sent is anything else.

// An addressNote is what GuardAddress took out of the address.
type addressNote struct {
	Fragment string // the fragment, with its '#', when it is at most maxFragment long
	TooLong  int    // the fragment's length in UTF-16 units when it is longer (it is not read)
	Path     string // a path the studio has no page at, as the address spelled it (shortened)
}

// maxFragment is the longest fragment the studio reads: a share link's or a model link's.
const maxFragment = max(share.MaxFragment, inlink.MaxFragment)

// maxShownPath bounds how much of an unknown path a message repeats.
const maxShownPath = 80

var address struct {
	mu     sync.Mutex
	notes  []addressNote // taken before the studio listened
	listen func(addressNote)
}

// GuardAddress takes the fragment and any unknown path out of the page's address now, and on
// every later popstate and hashchange, before go-app's own handler reads it (a capturing listener
// on window, added before go-app adds its own). The wasm program calls it before app.RunWhenOnBrowser.
func GuardAddress() {
	if !app.IsClient {
		return
	}
	takeAddress()
	guard := app.FuncOf(func(this app.Value, args []app.Value) any {
		takeAddress()
		return nil
	})
	for _, ev := range []string{"popstate", "hashchange"} {
		app.Window().Call("addEventListener", ev, guard, true)
	}
}

// listenAddress hands the notes taken so far, then each later one, to f.
func listenAddress(f func(addressNote)) {
	address.mu.Lock()
	notes := address.notes
	address.notes, address.listen = nil, f
	address.mu.Unlock()
	for _, n := range notes {
		f(n)
	}
}

func noteAddress(n addressNote) {
	address.mu.Lock()
	f := address.listen
	if f == nil {
		address.notes = append(address.notes, n)
	}
	address.mu.Unlock()
	if f != nil {
		f(n)
	}
}

// takeAddress leaves the address as go-app can read it and notes what it took. The fragment is
// measured before it is copied into Go: a crafted one may be megabytes long.
func takeAddress() {
	loc := app.Window().Get("location")
	hash := loc.Get("hash") // "" or "#…", percent-encoded by the browser
	var n addressNote
	if size := jsLength(hash); size > maxFragment {
		n.TooLong = size
	} else if size > 0 {
		n.Fragment = hash.String()
	}
	var same bool
	var clean string
	clean, n.Path, same = studioPath(rootPrefix(), loc.Get("pathname"), loc.Get("search"))
	if same && n == (addressNote{}) {
		return // the studio's own address
	}
	// history.state is kept: go-app does not use it, and a replace must not lose another's.
	history := app.Window().Get("history")
	history.Call("replaceState", history.Get("state"), "", clean)
	if n != (addressNote{}) {
		noteAddress(n)
	}
}

// rootPrefix is the path the studio is served under ("" at a host's root, "/name" for a
// project site), as go-app's page script declares it.
func rootPrefix() string {
	if !app.Window().Get("goappGetenv").Truthy() {
		return ""
	}
	return strings.TrimSuffix(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
}

// studioPath returns the address (path and query) to keep, the path as the user sees it when it
// is not the studio's ("" when it is), and whether the address is kept as it is. A very long path
// or query is replaced without being copied into Go whole.
func studioPath(prefix string, path, search app.Value) (clean, odd string, same bool) {
	if jsLength(path) > 4<<10 || jsLength(search) > 4<<10 {
		return prefix + "/", shorten(path.Call("slice", 0, maxShownPath+1).String()), false
	}
	p, q := path.String(), search.String()
	clean, odd = checkPath(prefix, p, q)
	return clean, odd, clean == p+q
}

// checkPath returns the address to keep for a path and query, and the path as the user sees it
// when the studio has no page there. A path net/url cannot parse is such a path; so is any but
// the studio's own (PREFIX/, PREFIX and PREFIX/index.html are the studio). A path is shown
// decoded when it decodes to printable text ("/토끼"), else as the address spells it.
func checkPath(prefix, path, search string) (clean, odd string) {
	home := prefix + "/"
	u, err := url.Parse(path + search)
	switch {
	case err != nil:
		return home, shorten(path)
	case u.Path == home:
		return path + search, ""
	case u.Path == prefix || u.Path == home+"index.html":
		return home + search, ""
	}
	shown := path
	if utf8.ValidString(u.Path) && !strings.ContainsFunc(u.Path, func(r rune) bool { return !unicode.IsPrint(r) }) {
		shown = u.Path
	}
	return home + search, shorten(shown)
}

// shorten cuts a path a message repeats to maxShownPath bytes.
func shorten(path string) string {
	if len(path) <= maxShownPath {
		return path
	}
	cut := maxShownPath
	for cut > 0 && !utf8.RuneStart(path[cut]) {
		cut--
	}
	return path[:cut] + "…"
}
