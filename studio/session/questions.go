package session

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"fabulist/model/fab"
	"fabulist/model/qa"
	"fabulist/model/qa/passage"
	"fabulist/model/qa/rules"
	"fabulist/studio/proto"
)

// setQuestionModel makes m the open question model (nil: none), which FindQuestions and
// AskQuestion then use beside the rules. Opening a file and training in the browser both end
// here; the text generator is left as it is. A FindQuestions whose model's pairs are still to
// come gets them from m (or none, with nil): the page waits for that answer.
func (s *Session) setQuestionModel(m *qa.Model) {
	s.qa = m
}

// questionJob is a FindQuestions whose rules' pairs have gone to the page and whose model's pairs
// Step writes next: asking a model takes seconds in the browser, the rules a few milliseconds.
type questionJob struct {
	seq        int
	text, part string // the whole text, and the part asked about
	base       int    // where part starts in text, in runes
	n, beam    int
	rules      []qa.Pair // in the whole text's offsets, as sent
	note       string
}

// minKnown is the share of a passage's words the question model must know to be asked about it:
// below it, its questions are made of the few words it knows and copies of those it does not,
// which read as nonsense (a model trained on English stories, given Korean).
const minKnown = 0.5

// findQuestions answers FindQuestions: the rules' pairs at once, and the question model's, if one
// is open, from Step (see questionJob).
func (s *Session) findQuestions(m proto.Message) []proto.Message {
	s.qjob = nil // a new request replaces any earlier one still under way
	part, base, err := selection(m.Text, m.Span)
	if err != nil {
		return []proto.Message{errorMsg(m, err)}
	}
	n := m.N
	if n == 0 {
		n = proto.DefaultQuestions
	}
	if n < 1 || n > proto.MaxQuestions {
		return []proto.Message{errorMsg(m, fmt.Errorf("questions: %d pairs asked for; the most is %d", n, proto.MaxQuestions))}
	}
	beam, err := beamWidth(m.Beam)
	if err != nil {
		return []proto.Message{errorMsg(m, err)}
	}
	var pairs []qa.Pair
	var notes []string
	english := rules.ReadsEnglish(part)
	if english {
		var more bool
		pairs, more = rules.Generator{}.PairsAndMore(part, n)
		switch {
		case len(pairs) == 0:
			notes = append(notes, "The rules found nothing to ask about here: they ask about sentences that say who did what, where, when or why.")
		case more: // a list of n said nothing of the rest (a new user's trial)
			notes = append(notes, fmt.Sprintf("These are the %d pairs the rules rate best; they find more here: select a passage "+
				"and press Find in the selection to have its own.", len(pairs)))
		}
	} else if pairs = rules.Clozes(part, n); len(pairs) > 0 {
		notes = append(notes, notEnglish)
	} else { // emoji alone, or numbers: no word to blank (a trial read the note on no questions)
		notes = append(notes, "The rules found nothing to ask about here: this text does not look like English, and it has no word to blank out for a fill-in-the-blank question.")
	}
	model := s.qa != nil
	if model {
		if k := known(s.qa.Vocab, part); k < minKnown {
			model = false
			notes = append(notes, fmt.Sprintf("The question model was left out: it knows only %.0f%% of this text's words, "+
				"and it can only ask about texts like those it learned from.", 100*k))
		}
	}
	pairs = inWhole(tidy(pairs), m.Text, base)
	note := strings.Join(notes, " ")
	out := reply(m, proto.Message{Kind: proto.Questions, Pairs: pairs, Note: note, Pending: model})
	if model {
		s.qjob = &questionJob{seq: m.Seq, text: m.Text, part: part, base: base, n: n, beam: beam, rules: pairs, note: note}
	}
	return []proto.Message{out}
}

// notEnglish says what the list holds for a text the rules cannot read.
const notEnglish = "The question rules read English, and this text does not look like English, so these are " +
	"fill-in-the-blank questions: each is a sentence of the text with a word blanked out (___), and that word is its answer."

// runQuestionJob writes the question model's pairs for the pending FindQuestions, and sends them
// merged with the rules'. The job ends only once they are written: were the model to panic,
// survive would need it to answer the page's request.
func (s *Session) runQuestionJob() []proto.Message {
	out := s.modelAnswer(s.qjob)
	s.qjob = nil
	return []proto.Message{out}
}

// modelAnswer is the final answer to job: the rules' pairs with the open model's merged in.
func (s *Session) modelAnswer(j *questionJob) proto.Message {
	out := proto.Message{Kind: proto.Questions, Seq: j.seq, Pairs: j.rules, Note: j.note}
	if s.qa == nil { // closed since: the rules' pairs are all there is
		return out
	}
	g, err := qa.NewTrained(s.qa, j.beam)
	var mp []qa.Pair
	if err == nil {
		mp, err = modelPairs(g, j.part, j.n)
	}
	if err != nil {
		out.Note = strings.TrimSpace(out.Note + " The question model could not write its questions: " + err.Error() + ".")
		return out
	}
	out.Pairs = merge(j.rules, inWhole(mp, j.text, j.base))
	out.Note = strings.TrimSpace(out.Note + " " + degenerateNote(mp))
	return out
}

// degenerateNote says, in a user's words, how many of a model's pairs look degenerate
// (qa.Degenerate), with the first: they are shown, as qa generate prints them, but never
// silently. "" when none does.
func degenerateNote(modeled []qa.Pair) string {
	var bad []string
	for _, p := range modeled {
		if qa.Degenerate(p.Question) {
			bad = append(bad, p.Question)
		}
	}
	switch len(bad) {
	case 0:
		return ""
	case 1:
		if len(modeled) == 1 {
			return fmt.Sprintf("The question model's question repeats a word or has none (“%s”): it looks like a model that has not learned enough. Ask with the rules, or train it on more examples.", shortened(bad[0]))
		}
	}
	return fmt.Sprintf("%d of the question model's %d questions repeat a word or have none (“%s”): it looks like a model that has not learned enough. "+
		"Train it on more examples, or close it and use the rules.", len(bad), len(modeled), shortened(bad[0]))
}

// shortened is q's first 40 code points, with "…" when it is longer: a question quoted in a note
// as a reader sees it (Go's %q showed a question of quotes as a wall of \").
func shortened(q string) string {
	r := []rune(q)
	if len(r) <= 40 {
		return q
	}
	return string(r[:40]) + "…"
}

// modelPairs asks g about the answers its tagger finds anywhere in text, the n likeliest, in the
// text's order. qa.Trained.Pairs reads a passage's first g.MaxS tokens only (its
// encoder's window); a long text is tagged window by window, and each question is then written
// from the window around its answer (Trained.AskAll). On a passage within one window the pairs
// are Trained.Pairs's, which the command line's qa generate prints.
func modelPairs(g qa.Trained, text string, n int) ([]qa.Pair, error) {
	words, toks := qa.Words(text)
	type found struct {
		span [2]int
		prob float64
	}
	var all []found
	for lo := 0; lo < len(words); lo += g.MaxS {
		hi := min(lo+g.MaxS, len(words))
		for _, sp := range g.M.Net.Spans(g.M.Vocab.IDs(words[lo:hi])) {
			all = append(all, found{[2]int{toks[lo+sp.Start].Start, toks[lo+sp.End-1].End}, sp.Prob})
		}
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].prob > all[b].prob })
	all = all[:min(n, len(all))]
	sort.SliceStable(all, func(a, b int) bool { return all[a].span[0] < all[b].span[0] })
	spans := make([][2]int, len(all))
	for i, f := range all {
		spans[i] = f.span
	}
	return g.AskAll(text, spans)
}

// merge puts the rules' and the model's pairs in one list in the text's order, the rules' first
// where both answer the same place. A model's question the rules asked word for word is kept once.
// The model's pairs are otherwise all kept, as qa generate prints them (the same model gives the
// same questions in the page and on the command line), even where a small model's tagger answers
// "The" or repeats a question: that is the model's to mend, in both places at once.
func merge(ruled, modeled []qa.Pair) []qa.Pair {
	asked := map[string]bool{}
	for _, p := range ruled {
		asked[strings.ToLower(p.Question)] = true
	}
	out := append([]qa.Pair(nil), ruled...)
	for _, p := range modeled {
		if !asked[strings.ToLower(p.Question)] {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Start != out[b].Start {
			return out[a].Start < out[b].Start
		}
		return out[a].Method == qa.ByRules && out[b].Method != qa.ByRules
	})
	return out
}

// askQuestion answers AskQuestion: a question whose answer is the selected span, from the
// question model when one is open and knows the text's words, else from the rules.
func (s *Session) askQuestion(m proto.Message) proto.Message {
	if m.Span == nil {
		return errorMsg(m, errors.New("questions: select the words of the text that answer the question, then ask"))
	}
	rs := []rune(m.Text)
	start, end := m.Span.Start, m.Span.End
	if start < 0 || end > len(rs) || start > end {
		return errorMsg(m, fmt.Errorf("questions: the selection [%d, %d) is outside the text of %d characters", start, end, len(rs)))
	}
	for start < end && unicode.IsSpace(rs[start]) {
		start++
	}
	for end > start && unicode.IsSpace(rs[end-1]) {
		end--
	}
	if start == end {
		return errorMsg(m, errors.New("questions: the selection holds no word; select the words that answer the question"))
	}
	english := rules.ReadsEnglish(m.Text)
	if english {
		start, end = wholeWords(rs, start, end)
	}
	if sents := passage.Split(m.Text); sentenceOf(sents, start) != sentenceOf(sents, end-1) {
		return errorMsg(m, errors.New("questions: the selection runs over two sentences; select an answer within one"))
	}
	beam, err := beamWidth(m.Beam)
	if err != nil {
		return errorMsg(m, err)
	}
	var note string
	if !english {
		note = "The question rules read English, and this text does not look like English, so the question is its sentence with the answer blanked out (___)."
	}
	switch m.Ask {
	case "", qa.ByRules, qa.ByModel:
	default:
		return errorMsg(m, fmt.Errorf("questions: no generator is named %.20q; ask with %q or %q", m.Ask, qa.ByRules, qa.ByModel))
	}
	if m.Ask == qa.ByModel && s.qa == nil {
		return errorMsg(m, errors.New("questions: there is no question model open to ask with: open or train one, or ask with the rules"))
	}
	if m.Ask == qa.ByModel && known(s.qa.Vocab, m.Text) < minKnown {
		note = strings.TrimSpace(note + fmt.Sprintf(" The question model knows only %.0f%% of this text's words, so the rules asked.",
			100*known(s.qa.Vocab, m.Text)))
	}
	if m.Ask != qa.ByRules && s.qa != nil && known(s.qa.Vocab, m.Text) >= minKnown {
		g, err := qa.NewTrained(s.qa, beam)
		if err == nil {
			var p qa.Pair
			if p, err = g.Ask(m.Text, start, end); err == nil {
				return reply(m, proto.Message{Kind: proto.Questions, Pairs: []qa.Pair{p}, Note: degenerateNote([]qa.Pair{p})})
			}
		}
		note = strings.TrimSpace(note + " The question model could not ask (" + err.Error() + "); the rules did.")
	}
	p, err := rules.Generator{}.Ask(m.Text, start, end)
	if err != nil {
		return errorMsg(m, err)
	}
	return reply(m, proto.Message{Kind: proto.Questions, Pairs: tidy([]qa.Pair{p}), Note: note})
}

// wholeWords widens the runes [start, end) of rs to whole words where they cut one ("showed m"
// becomes "showed me"), so that an answer is never part of a word. Only for English: in Korean a
// word carries its particles, which an answer leaves out.
func wholeWords(rs []rune, start, end int) (int, int) {
	inWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for start > 0 && inWord(rs[start-1]) && inWord(rs[start]) {
		start--
	}
	for end < len(rs) && inWord(rs[end-1]) && inWord(rs[end]) {
		end++
	}
	return start, end
}

// sentenceOf is the index of the sentence of sents that holds rune i, or -1.
func sentenceOf(sents []passage.Sentence, i int) int {
	for k, sent := range sents {
		if sent.Start <= i && i < sent.End {
			return k
		}
	}
	return -1
}

// tidy writes the rules' questions as people write them: the rules' fallbacks end a question
// with " ?", spaced as a token (the form their scores were measured on).
func tidy(pairs []qa.Pair) []qa.Pair {
	for i := range pairs {
		if q, ok := strings.CutSuffix(pairs[i].Question, " ?"); ok {
			pairs[i].Question = q + "?"
		}
	}
	return pairs
}

// selection is the part of text that span marks, and where it starts in runes: the whole text
// when span is nil.
func selection(text string, span *proto.Span) (string, int, error) {
	if strings.TrimSpace(text) == "" {
		return "", 0, errors.New("questions: there is no text to ask about; paste a story first")
	}
	if span == nil {
		return text, 0, nil
	}
	rs := []rune(text)
	if span.Start < 0 || span.End > len(rs) || span.Start >= span.End {
		return "", 0, fmt.Errorf("questions: the selection [%d, %d) is empty or outside the text of %d characters", span.Start, span.End, len(rs))
	}
	part := string(rs[span.Start:span.End])
	if strings.TrimSpace(part) == "" {
		return "", 0, errors.New("questions: the selection is only white space; select a passage of the text")
	}
	return part, span.Start, nil
}

// beamWidth is the beam width a request asks for: 0 takes proto.DefaultBeam.
func beamWidth(b int) (int, error) {
	if b == 0 {
		return proto.DefaultBeam, nil
	}
	if b < 1 || b > qa.MaxBeam {
		return 0, fmt.Errorf("questions: the beam width %d is out of 1 to %d", b, qa.MaxBeam)
	}
	return b, nil
}

// inWhole moves pairs about the part of text that starts at rune base into text's offsets, with
// the index of the sentence of text that holds each answer.
func inWhole(pairs []qa.Pair, text string, base int) []qa.Pair {
	if base == 0 || len(pairs) == 0 {
		return pairs
	}
	sents := passage.Split(text)
	for i := range pairs {
		p := &pairs[i]
		p.Start += base
		p.End += base
		p.Sentence = 0
		for k, s := range sents {
			if s.Start > p.Start {
				break
			}
			p.Sentence = k
		}
	}
	return pairs
}

// known is the share of text's words that v holds (words counted with repeats; punctuation and
// symbols are not words).
func known(v *qa.Vocab, text string) float64 {
	words, toks := qa.Words(text)
	n, in := 0, 0
	for i, w := range words {
		if toks[i].Kind != passage.Word {
			continue
		}
		n++
		if v.ID(w) != qa.UnkID {
			in++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(in) / float64(n)
}

// questionModelFile reports whether a file's header names a question model (fab kind QGEN):
// such a file opens as the question model, any other as before. Whether the rest of it holds
// one is qa.Decode's to say.
func questionModelFile(b []byte) bool {
	const kindAt = len(fab.Magic) + 4 // after the magic and the version
	return len(b) >= fab.HeaderLen && string(b[:len(fab.Magic)]) == fab.Magic &&
		fab.Kind(b[kindAt:kindAt+4]) == fab.QuestionGenerator
}

// importQuestionModel opens a question model file; one that does not decode changes nothing.
func (s *Session) importQuestionModel(m proto.Message) []proto.Message {
	mod, err := qa.Decode(m.File)
	if err != nil {
		return []proto.Message{errorMsg(m, modelFileError(err, "the open question model"))}
	}
	s.setQuestionModel(mod)
	return []proto.Message{reply(m, proto.Message{Kind: proto.Imported, QAModel: qaModelInfo(mod)})}
}

// exportQuestionModel makes the open question model's file.
func (s *Session) exportQuestionModel(m proto.Message) proto.Message {
	if s.qa == nil {
		return errorMsg(m, errors.New("there is no question model to save: open or train one first"))
	}
	b, err := qa.Encode(s.qa)
	if err != nil {
		return errorMsg(m, err)
	}
	return reply(m, proto.Message{Kind: proto.Exported, File: b, Name: "fabulist-questions.fab", Format: "qa"})
}

// qaModelInfo describes a question model for the page; nil for none.
func qaModelInfo(m *qa.Model) *proto.QAModelInfo {
	if m == nil {
		return nil
	}
	val := -1.0
	if n := len(m.History.Val); n > 0 {
		val = m.History.Val[n-1].Question
	}
	return &proto.QAModelInfo{Arch: string(m.Config.Arch), Vocab: len(m.Vocab.Words), Params: len(m.Net.Params().Data),
		Epochs: len(m.History.Train), ValLoss: val}
}
