package session

import (
	"cmp"
	"encoding/json"
	"errors"
	"slices"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// checkedStore is a Store whose every record is checked before the session trusts it. Listing
// reads each description every time (they are small) but no data record (text and model:
// megabytes): those are checked when opened, and otherwise one at a time in the background
// (scan), each once per visit, since decoding a book model takes 0.1 s in a browser. The
// session's own saves and deletions keep the verdicts current.
type checkedStore struct {
	st      Store
	seen    map[string]verdict // by id, of the data records checked so far
	pending []string           // data records listed but not yet checked, newest first
	dirty   bool               // the scan found something the last listing did not show
}

// verdict is what a check found in a data record.
type verdict struct {
	reason string // why it is damaged, in a user's words; "" when healthy
	bytes  int    // of both records, when it was checked
	name   string // the first words of its text, when they could be read
}

func newCheckedStore(st Store) *checkedStore {
	return &checkedStore{st: st, seen: map[string]verdict{}}
}

func (c *checkedStore) put(r Record) error {
	st, err := encode(r)
	if err != nil {
		return err
	}
	if err := c.st.Put(st); err != nil {
		return err
	}
	c.seen[st.ID] = verdict{bytes: st.Size()}
	return nil
}

// get reads a workspace and checks it whole; its model comes back decoded (nil when it holds
// none). A damaged workspace gives an error wrapping ErrDamaged, and is listed as damaged from
// then on.
func (c *checkedStore) get(id string) (Record, *lm.Model, error) {
	st, err := c.st.Get(id)
	if err != nil {
		return Record{}, nil, err
	}
	rec, mod, err := decode(st)
	if st.HasData {
		v := verdict{bytes: st.Size()}
		if errors.Is(err, ErrDamaged) {
			v.reason = reason(err)
		}
		c.seen[id] = v
	}
	return rec, mod, err
}

func (c *checkedStore) delete(id string) error {
	if err := c.st.Delete(id); err != nil {
		return err
	}
	delete(c.seen, id)
	return nil
}

// scanning reports whether data records wait to be checked.
func (c *checkedStore) scanning() bool { return c != nil && len(c.pending) > 0 }

// scan checks the next data record waiting. It reports whether the scan is over with something
// found that the last listing did not show (a damaged record, an orphan's size), so that the
// list must be sent again.
func (c *checkedStore) scan() (relist bool) {
	id := c.pending[0]
	c.pending = c.pending[1:]
	if _, ok := c.seen[id]; !ok { // not opened, saved or deleted meanwhile
		if st, err := c.st.Get(id); err == nil {
			v := check(st)
			c.seen[id] = v
			// The list showed a damaged description's size and name without its data.
			_, metaErr := decodeMeta(st)
			c.dirty = c.dirty || v.reason != "" || metaErr != nil
		} // else deleted by another tab, or unreadable now: the next listing tries again
	}
	if len(c.pending) > 0 || !c.dirty {
		return false
	}
	c.dirty = false
	return true
}

// list describes every workspace stored, healthy or damaged (proto.Workspace.Damaged), in no
// particular order. A data record without a description, or a description without data, is a
// damaged workspace too: it takes space, and Delete must be able to free it. A data record not
// yet checked is listed as its description says, and queued for the scan.
func (c *checkedStore) list() ([]proto.Workspace, error) {
	metas, ids, err := c.st.Index()
	if err != nil {
		return nil, err
	}
	hasData := make(map[string]bool, len(ids))
	for _, id := range ids {
		hasData[id] = true
	}
	for id := range c.seen { // removed by another tab
		if !hasData[id] {
			delete(c.seen, id)
		}
	}
	slices.SortFunc(metas, func(a, b Stored) int { return cmp.Compare(updated(b), updated(a)) })
	c.pending = c.pending[:0]
	described := make(map[string]bool, len(metas))
	out := make([]proto.Workspace, 0, max(len(metas), len(ids)))
	for _, m := range metas {
		described[m.ID] = true
		w, err := decodeMeta(m)
		v, checked := c.seen[m.ID]
		switch {
		case err != nil:
		case !hasData[m.ID]:
			err = damaged("its text and model are missing")
		case v.reason != "":
			err = damaged("%s", v.reason)
		}
		if hasData[m.ID] && !checked {
			c.pending = append(c.pending, m.ID)
		}
		if err == nil {
			out = append(out, w)
			continue
		}
		e := proto.Workspace{ID: m.ID, Name: v.name, Damaged: reason(err), Bytes: max(v.bytes, m.Size()), ValLoss: -1}
		if w.Name != "" { // the parts of a damaged description that could be read
			e.Name = w.Name
		}
		if w.Updated > 0 {
			e.Updated = w.Updated
		}
		out = append(out, e)
	}
	for _, id := range ids {
		if described[id] {
			continue
		}
		v, checked := c.seen[id]
		if !checked {
			c.pending = append(c.pending, id)
		}
		out = append(out, proto.Workspace{ID: id, Name: v.name, Damaged: "its description is missing", Bytes: v.bytes, ValLoss: -1})
	}
	c.dirty = false
	return out, nil
}

// updated is when a description says it was saved, for the scan's order; 0 when unreadable.
func updated(m Stored) int64 {
	var w struct {
		Updated int64 `json:"updated"`
	}
	json.Unmarshal(m.Meta, &w)
	return w.Updated
}

// check gives the verdict on a data record.
func check(st Stored) verdict {
	d, _, err := decodeData(st)
	v := verdict{bytes: st.Size()}
	if err != nil {
		v.reason = reason(err)
	}
	if d.Text != "" {
		v.name = nameOf(d.Text)
	}
	return v
}
