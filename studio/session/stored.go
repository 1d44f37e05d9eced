package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"fabulist/model/fab"
	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// Stored is one workspace as a Store keeps it: two records under one id, read back untrusted.
// Another version of the page, another tab, a browser extension or a failing disk may have
// written anything there, so every field is checked (decode) before the session uses it, and a
// record that fails is listed as damaged instead of being opened.
type Stored struct {
	ID      string
	HasMeta bool   // the description record exists
	Meta    []byte // proto.Workspace as JSON
	HasData bool   // the data record exists
	Data    []byte // storedData as JSON
	Model   []byte // the model file with its optimizer state, as read back; nil: none
	// File is the model file as the session saves it, laid out but not yet written, for a Store to
	// write in pieces where it keeps it (the browser's: straight into a JavaScript buffer of
	// File.Size() bytes) instead of a whole copy in Go first; nil: none. Put is given File, never
	// Model; Get hands back Model.
	File *fab.Plan
	// MetaFault and DataFault say which value of a record has the wrong type, in a user's words
	// ("the model is not bytes but a string"): a Store checks types before values become bytes,
	// and leaves such a value out. Empty when none.
	MetaFault, DataFault string
	// MetaFaultBytes and DataFaultBytes are the bytes of the values left out, which still count
	// against the quota.
	MetaFaultBytes, DataFaultBytes int
}

// Size is the bytes both records take, roughly (strings counted in UTF-8).
func (st Stored) Size() int {
	n := len(st.Meta) + st.MetaFaultBytes + len(st.Data) + len(st.Model) + st.DataFaultBytes
	if st.File != nil {
		n += st.File.Size()
	}
	return n
}

// storedData is the data record's JSON: everything but the model file, which is stored as bytes
// beside it.
type storedData struct {
	Text    string               `json:"text"`
	Config  lm.Config            `json:"config"`
	Samples []proto.EpochSamples `json:"samples,omitempty"`
}

// ErrDamaged says that a saved workspace cannot be read back; errors that match it (a
// *DamageError) say why.
var ErrDamaged = errors.New("the saved workspace is damaged")

// DamageError is a saved workspace that cannot be read back. errors.Is matches it with
// ErrDamaged.
type DamageError struct {
	Reason string // what is wrong, in the words the list of workspaces shows
}

func (e *DamageError) Error() string { return ErrDamaged.Error() + ": " + e.Reason }

// Is reports whether target is ErrDamaged.
func (e *DamageError) Is(target error) bool { return target == ErrDamaged }

// damaged is a DamageError with its reason.
func damaged(format string, args ...any) error {
	return &DamageError{Reason: fmt.Sprintf(format, args...)}
}

// reason is what is wrong with a damaged workspace, for the list: a DamageError's Reason, or
// another error's message.
func reason(err error) string {
	if de, ok := errors.AsType[*DamageError](err); ok {
		return de.Reason
	}
	return err.Error()
}

// encode is the stored form of a record.
func encode(r Record) (Stored, error) {
	meta, err := json.Marshal(r.Info)
	if err != nil {
		return Stored{}, err
	}
	data, err := json.Marshal(storedData{Text: r.Text, Config: r.Config, Samples: r.Samples})
	if err != nil {
		return Stored{}, err
	}
	return Stored{ID: r.Info.ID, HasMeta: true, Meta: meta, HasData: true, Data: data, File: r.File}, nil
}

// phases are the training phases a description may hold.
var phases = map[proto.Phase]bool{proto.Idle: true, proto.Training: true, proto.Paused: true, proto.Stopped: true, proto.Done: true}

// decodeMeta reads and checks the description of a stored workspace. Errors wrap ErrDamaged.
func decodeMeta(st Stored) (proto.Workspace, error) {
	var w proto.Workspace
	switch {
	case !st.HasMeta:
		return w, damaged("its description is missing")
	case st.MetaFault != "":
		return w, damaged("%s", st.MetaFault)
	}
	if err := json.Unmarshal(st.Meta, &w); err != nil {
		return proto.Workspace{}, damaged("its description does not parse")
	}
	_, badLevel := lm.ParseLevel(string(w.Level))
	switch {
	case w.ID == "":
		return w, damaged("its description has no id")
	case w.ID != st.ID:
		return w, damaged("its description is of another workspace")
	case w.Created < 0 || w.Updated < 0:
		return w, damaged("its description has a negative date")
	case w.Chars < 0 || w.Epoch < 0 || w.Epochs < 0 || w.Bytes < 0:
		return w, damaged("its description has a negative count")
	case badLevel != nil:
		return w, damaged("its description has an unknown level %q", w.Level)
	case !phases[w.Phase]:
		return w, damaged("its description has an unknown phase %q", w.Phase)
	}
	if w.Config != nil && len(w.Config.FieldErrors()) > 0 {
		w.Config = nil // only the list's titles read it: settings out of range are left unsaid, not called damage
	}
	w.Damaged = "" // for the list to say, not a description
	return w, nil
}

// decodeData reads and checks the data record: its text, settings, samples and model. A model
// is decoded whole (lm.Decode checks its every length, its checksum, its history and its
// optimizer state), and returned so that opening it does not decode it again. Errors wrap
// ErrDamaged.
func decodeData(st Stored) (storedData, *lm.Model, error) {
	var d storedData
	switch {
	case !st.HasData:
		return d, nil, damaged("its text and model are missing")
	case st.DataFault != "":
		return d, nil, damaged("%s", st.DataFault)
	}
	if err := json.Unmarshal(st.Data, &d); err != nil {
		return d, nil, damaged("its text and settings do not parse")
	}
	if err := d.Config.Validate(); err != nil {
		return d, nil, damaged("its settings are invalid (%s)", strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	for _, e := range d.Samples {
		if e.Epoch < 0 {
			return d, nil, damaged("its samples have a negative epoch")
		}
	}
	if n := len(d.Samples); n > maxSampleLog { // more than a save writes: keep the newest, as a save would
		d.Samples = d.Samples[n-maxSampleLog:]
	}
	if st.Model == nil {
		return d, nil, nil
	}
	mod, err := lm.Decode(st.Model)
	if err != nil {
		return d, nil, modelDamage(err)
	}
	return d, mod, nil
}

// modelDamage says why a stored model file does not decode.
func modelDamage(err error) error {
	switch {
	case errors.Is(err, fab.ErrNotModel):
		return damaged("the model is not a model file")
	case errors.Is(err, fab.ErrTruncated):
		return damaged("the model is cut short")
	case errors.Is(err, fab.ErrChecksum):
		return damaged("the model is corrupted (its checksum does not match)")
	}
	return damaged("the model does not decode: %v", err)
}

// decode checks a whole stored workspace: the record it holds and its decoded model (nil when it
// holds none). Errors wrap ErrDamaged.
func decode(st Stored) (Record, *lm.Model, error) {
	info, err := decodeMeta(st)
	if err != nil {
		return Record{}, nil, err
	}
	d, mod, err := decodeData(st)
	if err != nil {
		return Record{}, nil, err
	}
	return Record{Info: info, Text: d.Text, Config: d.Config, Samples: d.Samples}, mod, nil
}
