package session

import (
	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// startMeter indexes the text the current model learns from for the memorisation meter: once
// per run started or model opened, so that each generated text is checked in milliseconds. A
// model opened without its text gets no meter.
func (s *Session) startMeter(mod *lm.Model, text string) {
	s.meter = nil
	switch {
	case s.run != nil:
		s.meter = lm.NewMeter(s.run.Corpus.Tok, s.run.Corpus.IDs)
	case mod != nil && text != "" && lm.HashText(text) == mod.TextHash:
		// The file cannot train further (no training state), but its text is the one it learned.
		_, ids := lm.Tokenize(text, mod.Net.Cfg, mod.Tok)
		s.meter = lm.NewMeter(mod.Tok, ids)
	}
}

// measure runs the meter over a text on show (a prompt and what the model wrote after it). Without
// a meter the text is only cut into tokens (Runs nil), which the page still shows as prose.
func (s *Session) measure(text string) *lm.Copied {
	if s.gen == nil {
		return nil
	}
	tokens := s.gen.Tok.Cut(text, s.cfg.Cleaning, s.cfg.SeqLen)
	if s.meter == nil {
		return &lm.Copied{Tokens: tokens, Level: s.gen.Tok.Level, Split: s.gen.Tok.Split}
	}
	c := s.meter.Measure(tokens)
	return &c
}

// measureSamples gives each epoch sample its meter.
func (s *Session) measureSamples(es *proto.EpochSamples) {
	es.Copied = nil
	if s.gen == nil {
		return
	}
	for _, sample := range es.Samples {
		es.Copied = append(es.Copied, s.measure(sample.Text))
	}
}

// measuredLog is the sample log with each sample's meter, as a workspace opens: storage keeps
// samples without it (what storage hands back is not trusted to index the text with).
func (s *Session) measuredLog(log []proto.EpochSamples) []proto.EpochSamples {
	out := make([]proto.EpochSamples, len(log))
	for i, es := range log {
		out[i] = es
		s.measureSamples(&out[i])
	}
	return out
}
