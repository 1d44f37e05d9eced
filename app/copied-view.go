package app

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
)

// measured reports whether c holds the meter's runs for each of its tokens; a model opened
// without its training text sends the tokens alone.
func measured(c *lm.Copied) bool {
	return c != nil && c.Runs != nil && len(c.Runs) == len(c.Tokens)
}

// leastCopied is the least run that counts as copied: the user's setting, else the level's default.
func leastCopied(set int, level lm.Level) int {
	if set > 0 {
		return set
	}
	return lm.DefaultMinCopied(level)
}

// pieces is the text of each token of c as shown: prose for words unless raw is asked for
// (lm.Prose), else the tokens as the tokenizer joins them; characters always as they are.
func pieces(tokens []string, level lm.Level, split lm.Split, raw bool) []string {
	if level == lm.Word && !raw {
		return lm.Prose(tokens, split)
	}
	out := make([]string, len(tokens))
	prev := ""
	for i, tok := range tokens {
		out[i] = strings.TrimPrefix(lm.Join(level, prev, tok), prev)
		prev = tok
	}
	return out
}

// marked shows pieces with the spans of tokens marked as copied; the white space before a span
// stays outside its mark.
func marked(p []string, spans []lm.Span) []app.UI {
	var ui []app.UI
	at := 0
	text := func(from, to int) {
		if s := strings.Join(p[from:to], ""); s != "" {
			ui = append(ui, app.Text(s))
		}
	}
	for _, s := range spans {
		text(at, s.Start)
		body := strings.Join(p[s.Start:s.End], "")
		lead := len(body) - len(strings.TrimLeftFunc(body, unicode.IsSpace))
		if lead > 0 {
			ui = append(ui, app.Text(body[:lead]))
		}
		ui = append(ui, app.Mark().Class("copied-span").DataSet("start", s.Start).DataSet("end", s.End).Text(body[lead:]))
		at = s.End
	}
	text(at, len(p))
	return ui
}

// story shows a text the model wrote as the meter saw it: prose (or raw tokens), its copied runs
// of at least least tokens marked.
func story(c *lm.Copied, least int, raw bool) []app.UI {
	var spans []lm.Span
	if measured(c) {
		spans = c.Spans(least)
	}
	return marked(pieces(c.Tokens, c.Level, c.Split, raw), spans)
}

// tokenUnit names n tokens of a level: words or characters.
func tokenUnit(n int, level lm.Level) string {
	if level == lm.Char {
		return lm.Plural(n, "character", "characters")
	}
	return lm.Plural(n, "word", "words")
}

// percentText formats a share copied as the page and its hooks show it: one decimal.
func percentText(p float64) string { return fmt.Sprintf("%.1f", p) }

// meterLine is the meter of the output: how much of it was copied, and the longest run with the
// place in the training text it came from. Its hook is #copied, with data-percent and
// data-longest (tokens) once measured.
func meterLine(c *lm.Copied, least int, raw bool) app.UI {
	if !measured(c) {
		return app.P().ID("copied").Class("copied hint").DataSet("measured", "false").
			Text("How much of this was copied from the training text shows once the model is opened with that text.")
	}
	pct := c.Percent(least)
	p := app.P().ID("copied").Class("copied").DataSet("measured", "true").DataSet("percent", percentText(pct)).
		DataSet("longest", c.Longest).DataSet("min", least)
	head := app.Strong().Text(fmt.Sprintf("%s %% copied", percentText(pct)))
	rule := fmt.Sprintf(": the marked runs of %s or more appear word for word in the training text.", tokenUnit(least, c.Level))
	if c.Level == lm.Char {
		rule = fmt.Sprintf(": the marked runs of %s or more appear exactly so in the training text.", tokenUnit(least, c.Level))
	}
	if c.Longest == 0 {
		return p.Body(head, app.Text(rule+" Nothing in it is in the training text."))
	}
	where := 100 * c.LongestAt / max(c.CorpusTokens, 1)
	src := []app.UI{app.Text("…")}
	if len(c.Source) > 0 && c.SourceStart+c.Longest <= len(c.Source) {
		sp := pieces(c.Source, c.Level, c.Split, raw)
		if c.LongestAt > c.SourceStart && sp[0] != "" {
			sp[0] = c.Source[0] // mid-story: its first word starts no sentence
		}
		src = append(marked(sp, []lm.Span{{Start: c.SourceStart, End: c.SourceStart + c.Longest}}), app.Text("…"))
		src = append([]app.UI{app.Text("…")}, src...)
	}
	return p.Body(head, app.Text(rule),
		app.Br(),
		app.Text(fmt.Sprintf("Longest: %s, from %d %% of the way into the training text: ",
			tokenUnit(c.Count(lm.Span{Start: c.LongestStart, End: c.LongestStart + c.Longest}), c.Level), where)),
		app.Span().Class("copied-source").Body(src...),
	)
}
