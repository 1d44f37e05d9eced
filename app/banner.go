package app

// bannerAbout is what the error banner's message is about, which decides what makes it moot.
// A banner goes only when the user has moved on from it: one that comes while the user acts, or
// after a request was sent, is newer than what it could make moot, and stays.
type bannerAbout int

const (
	// aboutAction: a request the user made was refused or failed (Generate or Export without a
	// model, settings out of range, a link not made, the engine's answer to a request). The
	// user's next action that is not refused in turn makes it moot (see acted).
	aboutAction bannerAbout = iota
	// aboutText: a text was refused (too large, not UTF-8, too short to train on). Another text
	// taken makes it moot (textReplaced), or a run that starts.
	aboutText
	// aboutModel: a model file, a model link or a share link was refused. Another model opened
	// (modelOpened: a file, a link, a workspace the user opens), or a run that starts, makes it
	// moot; writing with the model on show does not, since the user may still want what the file
	// or link held.
	aboutModel
	// aboutEngine: the engine did not start, or spoke in a way the page cannot read. Nothing the
	// user does mends it: it stays until dismissed.
	aboutEngine
)

// banner is the error banner's state beside its message (View.Error).
type banner struct {
	about bannerAbout
	// shown counts the messages shown, so that a handler can tell whether it showed one.
	shown int
	// seq is the last request sent when the message came: an answer to a later request (one with
	// a larger Seq) was asked for while the banner was on show.
	seq int
	// openSeq is the Open of a workspace the user asked for (not the page's own, as it loads or
	// after a refused link: the banner then says why that one is on show).
	openSeq int
}

// showError puts msg in the banner, about what it says.
func (s *store) showError(about bannerAbout, msg string) {
	s.v.Error = msg
	s.banner.about, s.banner.seq = about, s.seq
	s.banner.shown++
}

// clearError empties the banner if its message is about one of kinds.
func (s *store) clearError(kinds ...bannerAbout) {
	if s.v.Error == "" {
		return
	}
	for _, k := range kinds {
		if s.banner.about == k {
			s.v.Error = ""
			return
		}
	}
}

// acted runs what a user action does (h), then takes an error about an earlier action off the
// banner, unless h showed one of its own: the user has seen it (it was on show when they acted)
// and has gone on to something the page took.
func (s *store) acted(h func()) {
	before := s.banner.shown
	h()
	if s.banner.shown == before {
		s.clearError(aboutAction)
	}
}

// modelOpened takes an error about a model file or link, or about an earlier action, off the
// banner when the model that request seq opened is on show, unless the error came after the
// request was sent (it is not about what was opened, and may not have been seen).
func (s *store) modelOpened(seq int) {
	if s.banner.seq < seq {
		s.clearError(aboutModel, aboutAction)
	}
}
