package session

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"fabulist/model/lm"
	"fabulist/studio/inlink"
	"fabulist/studio/proto"
)

// makeInlink puts the model (the weights m.Weights picks) in a link after m.URL, with the
// generation m names, in the smallest scheme inlink.Choose allows, and writes the link's own
// first text with it (Preview) from the link as decoded: what its receiver will see, the prompt
// and its continuation joined as the page's output box shows them.
func (s *Session) makeInlink(m proto.Message) proto.Message {
	if s.gen == nil {
		return errorMsg(m, errNoModel)
	}
	if m.Gen == nil {
		return errorMsg(m, errors.New("inlink: no generation options"))
	}
	o := *m.Gen
	if err := o.Validate(); err != nil {
		return errorMsg(m, err)
	}
	if o.Mode == "" {
		o.Mode = lm.GenWindow
	}
	w, err := lm.ParseWeights(string(m.Weights))
	if err != nil {
		return errorMsg(m, err)
	}
	g := s.writer(w)
	// The error is measured on the text's held-out windows when the model came with its text;
	// a model opened without it is measured on its own writing.
	windows := inlink.HeldOut(s.text, g.Net.Cfg, g.Tok, inlink.Windows)
	if s.text == "" || len(windows) == 0 {
		windows = inlink.OwnWindows(g.Net, g.Tok, inlink.Windows)
	}
	seed := m.Seed
	if seed == 0 { // as Generate picks one; the link then names it, so that it reproduces
		seed = uint64(s.Now().UnixNano())
	}
	l := inlink.Link{Gen: o, GenSeed: seed, Prompt: m.Prompt}
	c := inlink.Choose(g.Net, g.Tok, l, m.URL, windows)
	info := &proto.InlinkInfo{MaxBytes: inlink.MaxLink, Params: len(g.Net.P.Data)}
	for _, ms := range c.All {
		sc := proto.InlinkScheme{Scheme: string(ms.Scheme), Bytes: ms.Bytes, Error: ms.Error}
		if ms.Err != nil {
			sc.Problem = ms.Err.Error()
		}
		info.Schemes = append(info.Schemes, sc)
	}
	if chosen, ok := c.Link(); ok {
		got, err := inlink.Decode(chosen.Fragment)
		if err != nil { // Encode and Decode disagree: a fault of ours, said rather than hidden
			return errorMsg(m, fmt.Errorf("inlink: the link made does not open: %v", err))
		}
		info.Fragment, info.Scheme, info.Bytes, info.Fits = chosen.Fragment, string(chosen.Scheme), chosen.Bytes, true
		info.Preview = lm.Join(g.Net.Cfg.Level, got.Prompt, inlinkFirst(got).Text)
	}
	return reply(m, proto.Message{Kind: proto.InlinkMade, Inlink: info})
}

// inlinkFirst is the first text a link's model writes: its prompt, settings and seed, as
// Generate writes with them (a seed of 0 is Generate's clock, so a link always has one).
func inlinkFirst(l inlink.Link) lm.GenResult {
	return lm.NewGenerator(l.Model.Net, l.Model.Tok).Generate(l.Prompt, l.Gen, rand.New(rand.NewPCG(l.GenSeed, 0)))
}

// openInlink makes a model link's model the current model, as a model file opened without its
// text is: it writes, and cannot train further. A link that does not decode changes nothing.
// The answer, Imported, carries the link's generation, for the page's form.
func (s *Session) openInlink(m proto.Message) []proto.Message {
	if s.phase == proto.Training {
		return []proto.Message{errorMsg(m, errors.New("pause or stop training before opening a model link"))}
	}
	l, err := inlink.Decode(m.Text)
	if err != nil {
		reason := inlink.Reason(err)
		if reason == "" {
			reason = err.Error()
		}
		return []proto.Message{errorMsg(m, errors.New(reason))}
	}
	s.use(l.Model, "")
	s.startWorkspace("")
	cfg := s.cfg
	h := s.history()
	gen := l.Gen
	out := []proto.Message{reply(m, proto.Message{Kind: proto.Imported, Config: &cfg, History: &h,
		State: s.phase, Level: cfg.Level, Progress: s.position(), Workers: s.runWorkers(),
		Prompt: l.Prompt, Gen: &gen, Seed: l.GenSeed, Format: string(l.Scheme)})}
	return append(out, s.save()...)
}
