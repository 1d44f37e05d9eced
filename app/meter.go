package app

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
)

// onProse switches the output and samples between prose and the model's raw tokens.
func (s *store) onProse(ctx app.Context, a app.Action) { s.v.RawTokens = !s.v.RawTokens }

// onMinCopied takes the least run of tokens the meter counts as copied, as typed: empty for the
// level's default (lm.DefaultMinCopied), else 1 to lm.MaxMinCopied.
func (s *store) onMinCopied(ctx app.Context, a app.Action) {
	v, _ := a.Value.(string)
	s.setMinCopied(v)
	if s.draftLink != nil { // a share link's receiver keeps the link's settings as changed
		s.keepDraft()
	}
}

func (s *store) setMinCopied(v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		s.v.MinCopied, s.v.MinCopiedError = 0, ""
		return
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > lm.MaxMinCopied {
		s.v.MinCopiedError = "a whole number of tokens from 1 to " + strconv.Itoa(lm.MaxMinCopied) + " (empty: 8 words or 40 characters)"
		return
	}
	s.v.MinCopied, s.v.MinCopiedError = n, ""
}

// readableOutput is the output as copy and download give it: prose at word level when the
// worker has cut this very text into tokens, else as it is.
func (s *store) readableOutput() string {
	c := s.v.Copied
	if c == nil || s.v.CopiedFor != s.v.Output || c.Level != lm.Word {
		return s.v.Output
	}
	return lm.Readable(c.Tokens, c.Split)
}

// onCopyText copies the output, readable, to the clipboard.
func (s *store) onCopyText(ctx app.Context, a app.Action) {
	text := s.readableOutput()
	s.v.TextMsg = "Copying…"
	if !s.clipboard(text, func(ok bool) { ctx.NewActionWithValue(actTextCopied, ok) }) {
		s.v.TextMsg = "This page cannot reach the clipboard: select the text and copy it."
	}
}

// onTextCopied is the clipboard's answer about the output.
func (s *store) onTextCopied(ctx app.Context, a app.Action) {
	if ok, _ := a.Value.(bool); ok {
		s.v.TextMsg = "Copied."
	} else {
		s.v.TextMsg = "The browser refused the clipboard: select the text and copy it."
	}
}

// onDownloadText saves the output, readable, as a text file.
func (s *store) onDownloadText(ctx app.Context, a app.Action) {
	download("data:text/plain;charset=utf-8,"+strings.ReplaceAll(url.QueryEscape(s.readableOutput()), "+", "%20"), "fabulist-story.txt")
}
