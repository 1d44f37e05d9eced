package session

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fabulist/model/fab"
	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// Store keeps workspaces between visits: IndexedDB in the browser (studio/worker), a map in tests.
// It holds each workspace as two records, a small description and its data (Stored), and hands
// them back as it finds them: the session checks every value it reads (see Stored). Its calls
// block until the storage answers.
type Store interface {
	// Put writes both records of a workspace at once.
	Put(st Stored) error
	// Get reads both records stored under id, whichever exist, or fails with ErrNoWorkspace when
	// neither does.
	Get(id string) (Stored, error)
	// Index reads every description (only the Meta fields of each Stored are set) and the ids
	// that hold a data record, without reading the data.
	Index() (metas []Stored, data []string, err error)
	// Delete removes both records stored under id.
	Delete(id string) error
	// Estimate reports the bytes stored and allowed for this site; zeros when unknown.
	Estimate() (usage, quota int64)
}

// Record is one saved workspace.
type Record struct {
	Info    proto.Workspace
	Text    string
	Config  lm.Config
	File    *fab.Plan // the model file with its optimizer state, to be written; nil until there is a model
	Samples []proto.EpochSamples
}

// Errors a Store returns, so that the page can say what to do.
var (
	ErrQuota       = errors.New("the browser's storage for this page is full")
	ErrUnavailable = errors.New("this browser does not let the page store data")
	ErrNoWorkspace = errors.New("that workspace is no longer saved in this browser")
)

// SaveEvery is the longest training runs without an autosave when epochs are long.
const SaveEvery = 2 * time.Minute

// maxSampleLog bounds the epoch samples a workspace keeps (the newest).
const maxSampleLog = 50

// SetStore turns autosave on.
func (s *Session) SetStore(st Store) { s.store = newCheckedStore(st) }

// startWorkspace begins a new workspace for a text: each training run and each opened model file
// gets its own, so that nothing saved is ever overwritten by a different run.
func (s *Session) startWorkspace(text string) {
	now := s.Now()
	s.ws = &proto.Workspace{ID: fmt.Sprintf("%x-%08x", now.UnixMilli(), rand.Uint32()), Name: nameOf(text),
		Created: now.UnixMilli(), Chars: len([]rune(text)), ValLoss: -1}
	s.text, s.sampleLog = text, nil
}

// nameOf is a workspace's name: the first words of its text, up to about 40 characters.
func nameOf(text string) string {
	const most = 40
	words := strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '|' })
	var name []rune
	for _, w := range words {
		if len(name) > 0 {
			if len(name)+1+utf8.RuneCountInString(w) > most {
				return string(name) + "…"
			}
			name = append(name, ' ')
		}
		name = append(name, []rune(w)...)
		if len(name) > most+1 { // a first word too long to end at
			return string(name[:most]) + "…"
		}
	}
	if len(name) == 0 {
		return "(empty text)"
	}
	return string(name)
}

// save writes the current workspace and returns what to tell the page: Saved with the list, or
// why it could not be saved (said once until a save works again).
func (s *Session) save() []proto.Message {
	if s.store == nil || s.ws == nil {
		return nil
	}
	s.lastSave = s.Now()
	rec := Record{Text: s.text, Config: s.cfg, Samples: s.sampleLog}
	if s.gen != nil && (s.run == nil || len(s.run.Trainer.History.BatchLoss) > 0) { // an untrained model is not worth keeping
		// Laid out, not built: the store writes it where it keeps it, so that the engine's memory
		// never holds the whole file (15–22 MB for the book's model) beside the run.
		p, err := lm.Plan(s.current())
		if err != nil {
			return s.saveFailed(err)
		}
		rec.File = p
		h := s.history()
		s.ws.Epoch = len(h.Epochs)
		if n := len(h.Epochs); n > 0 {
			s.ws.ValLoss = h.Epochs[n-1].ValLoss
		}
	}
	s.ws.Updated, s.ws.Level, s.ws.Epochs, s.ws.Phase = s.Now().UnixMilli(), s.cfg.Level, s.cfg.Epochs, s.phase
	cfg := s.cfg
	s.ws.Config = &cfg // the list titles runs of one text by the settings that differ
	s.ws.Bytes = len(rec.Text)
	if rec.File != nil {
		s.ws.Bytes += rec.File.Size()
	}
	rec.Info = *s.ws
	if err := s.store.put(rec); err != nil {
		return s.saveFailed(err)
	}
	s.saveErr = ""
	return []proto.Message{s.listing(proto.Message{})}
}

func (s *Session) saveFailed(err error) []proto.Message {
	msg := "The workspace could not be saved in this browser: " + err.Error() + "."
	switch {
	case errors.Is(err, ErrQuota):
		msg = "Autosave failed: " + ErrQuota.Error() + ". Delete saved workspaces you no longer need " +
			"(under Saved workspaces) or download the model file; training goes on."
	case errors.Is(err, ErrUnavailable):
		msg = "Autosave is off: " + err.Error() + " (a private window?). Download the model file to keep it."
	}
	if msg == s.saveErr {
		return nil
	}
	s.saveErr = msg
	return []proto.Message{{Kind: proto.Error, Error: msg}}
}

// listing is the Saved message: the current workspace and every saved one, newest first.
func (s *Session) listing(req proto.Message) proto.Message {
	m := proto.Message{Kind: proto.Saved, Workspace: s.ws}
	if s.store == nil {
		return reply(req, m)
	}
	list, err := s.store.list()
	if err != nil {
		return errorMsg(req, fmt.Errorf("the saved workspaces cannot be listed: %v", err))
	}
	slices.SortFunc(list, func(a, b proto.Workspace) int { return cmp.Compare(b.Updated, a.Updated) })
	m.Workspaces = list
	m.Usage, m.Quota = s.store.st.Estimate()
	return reply(req, m)
}

// scanStep checks one saved workspace's data in the background. When the scan ends having found
// damage the list did not show, the list goes to the page again.
func (s *Session) scanStep() []proto.Message {
	if s.store.scan() {
		return []proto.Message{s.listing(proto.Message{})}
	}
	return nil
}

func (s *Session) workspaces(m proto.Message) []proto.Message {
	return []proto.Message{s.listing(m)}
}

// open replaces the current workspace with a saved one. Its model comes back with its optimizer
// state and position, so Resume continues the very run that was saved.
func (s *Session) open(m proto.Message) []proto.Message {
	if s.store == nil {
		return []proto.Message{errorMsg(m, ErrUnavailable)}
	}
	if s.phase == proto.Training || s.phase == proto.Paused {
		return []proto.Message{errorMsg(m, errors.New("stop training before opening another workspace"))}
	}
	rec, mod, err := s.store.get(m.ID)
	if errors.Is(err, ErrDamaged) {
		// The list shows it as damaged from now on, with a Delete button.
		return []proto.Message{errorMsg(m, fmt.Errorf("that workspace cannot be opened: %s. Delete it under Saved workspaces", reason(err))),
			s.listing(proto.Message{})}
	}
	if err != nil {
		return []proto.Message{errorMsg(m, err)}
	}
	if mod != nil {
		s.use(mod, rec.Text)
	} else {
		s.cfg, s.gen, s.run, s.imported, s.meter = rec.Config, nil, nil, lm.History{}, nil
		s.phase = proto.Idle
	}
	ws := rec.Info
	s.ws, s.text, s.sampleLog, s.saveErr = &ws, rec.Text, rec.Samples, ""
	cfg, h := s.cfg, s.history()
	return []proto.Message{reply(m, proto.Message{Kind: proto.Opened, Workspace: s.ws, Text: rec.Text,
		Config: &cfg, History: &h, SampleLog: s.measuredLog(rec.Samples), State: s.phase, Level: cfg.Level, HasModel: s.gen != nil,
		Progress: s.position(), Workers: s.runWorkers()})}
}

func (s *Session) deleteWorkspace(m proto.Message) []proto.Message {
	if s.store == nil {
		return []proto.Message{errorMsg(m, ErrUnavailable)}
	}
	if s.ws != nil && m.ID == s.ws.ID {
		if s.phase == proto.Training || s.phase == proto.Paused {
			return []proto.Message{errorMsg(m, errors.New("this workspace is training: stop it before deleting it"))}
		}
		s.ws = nil // the model stays in this tab until the next Train, unsaved
	}
	if err := s.store.delete(m.ID); err != nil {
		return []proto.Message{errorMsg(m, fmt.Errorf("the workspace could not be deleted: %v", err))}
	}
	return s.workspaces(m)
}

// position says where a resumable run stands, for the page's status line; nil when none.
func (s *Session) position() *lm.Progress {
	if s.run == nil || s.run.Trainer.Done() {
		return nil
	}
	tr := s.run.Trainer
	h := tr.History
	p := &lm.Progress{Epoch: tr.Epoch() + 1, Epochs: s.cfg.Epochs, Batch: tr.Batch(), Batches: tr.Batches()}
	if n := len(h.BatchLoss); n > 0 {
		p.Loss = float64(h.BatchLoss[n-1])
	}
	return p
}

// runWorkers is how many workers the current run shares its batches among (0: no run).
func (s *Session) runWorkers() int {
	if s.run == nil {
		return 0
	}
	return max(s.run.Trainer.Workers, 1)
}

// logSamples keeps an epoch's samples with the workspace.
func (s *Session) logSamples(m proto.Message) {
	if m.Samples == nil {
		return
	}
	es := *m.Samples
	es.Copied = nil // measured again when the workspace opens (measuredLog)
	s.sampleLog = append(s.sampleLog, es)
	if n := len(s.sampleLog); n > maxSampleLog {
		s.sampleLog = slices.Delete(s.sampleLog, 0, n-maxSampleLog)
	}
}

// MemStore is a Store in memory, with an optional byte limit that fails like a full quota. Like
// IndexedDB it keeps whatever it is given, so tests can store damaged records in it.
type MemStore struct {
	Limit int // 0: none
	recs  map[string]Stored
}

func (m *MemStore) size(except string) int {
	n := 0
	for id, r := range m.recs {
		if id != except {
			n += r.Size()
		}
	}
	return n
}

func (m *MemStore) Put(st Stored) error {
	if m.recs == nil {
		m.recs = map[string]Stored{}
	}
	if m.Limit > 0 && m.size(st.ID)+st.Size() > m.Limit {
		return ErrQuota
	}
	if st.File != nil { // written whole: this store keeps bytes
		st.Model, st.File = st.File.Bytes(), nil
	}
	m.recs[st.ID] = clone(st)
	return nil
}

func clone(st Stored) Stored {
	st.Meta, st.Data, st.Model = slices.Clone(st.Meta), slices.Clone(st.Data), slices.Clone(st.Model)
	return st
}

func (m *MemStore) Get(id string) (Stored, error) {
	r, ok := m.recs[id]
	if !ok {
		return Stored{}, ErrNoWorkspace
	}
	return clone(r), nil
}

func (m *MemStore) Index() (metas []Stored, data []string, err error) {
	for id, r := range m.recs {
		if r.HasMeta {
			metas = append(metas, Stored{ID: id, HasMeta: true, Meta: slices.Clone(r.Meta), MetaFault: r.MetaFault,
				MetaFaultBytes: r.MetaFaultBytes})
		}
		if r.HasData {
			data = append(data, id)
		}
	}
	return metas, data, nil
}

func (m *MemStore) Delete(id string) error {
	delete(m.recs, id)
	return nil
}

func (m *MemStore) Estimate() (int64, int64) { return int64(m.size("")), int64(m.Limit) }
