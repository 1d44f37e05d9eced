package session

import (
	"bytes"
	"strings"
	"testing"

	"fabulist/model/fab/fabtest"
	"fabulist/model/qa"
	"fabulist/model/qa/qatest"
	"fabulist/model/qa/rules"
	"fabulist/samples"
	"fabulist/studio/proto"
)

// fable is the passage these tests ask about; tinyQAModel learns from questions about it, so that
// the model knows its words.
const fable = "A hungry Fox saw sweet grapes on a high vine. He jumped for them all day, but he could not reach them. " +
	"At last the Fox walked away and said that the grapes were sour. The Crow laughed at him from her tall tree."

// checkSpans fails unless every pair's answer is the text's runes [Start, End), and the pair lies
// in [from, to).
func checkSpans(t *testing.T, text string, pairs []qa.Pair, from, to int) {
	t.Helper()
	rs := []rune(text)
	for _, p := range pairs {
		if p.Start < from || p.End > to || p.Start >= p.End {
			t.Errorf("%q: answer [%d, %d) outside [%d, %d)", p.Question, p.Start, p.End, from, to)
			continue
		}
		if got := string(rs[p.Start:p.End]); qa.OneLine(got) != p.Answer { // an answer reads as one line
			t.Errorf("%q: runes [%d, %d) are %q; want the answer %q", p.Question, p.Start, p.End, got, p.Answer)
		}
	}
}

func methods(pairs []qa.Pair) map[qa.Method]int {
	m := map[qa.Method]int{}
	for _, p := range pairs {
		m[p.Method]++
	}
	return m
}

// find asks s for questions and runs the model's part, returning every Questions message.
func findQ(t *testing.T, s *Session, m proto.Message) []proto.Message {
	t.Helper()
	m.Kind = proto.FindQuestions
	out := s.Handle(m)
	for s.Busy() {
		out = append(out, s.Step()...)
	}
	for _, r := range out {
		if r.Kind != proto.Questions {
			t.Fatalf("find questions: got %s %q; want questions", r.Kind, r.Error)
		}
		if r.Seq != m.Seq {
			t.Errorf("an answer to request %d carries Seq %d", m.Seq, r.Seq)
		}
	}
	return out
}

func TestFindQuestionsWithTheRules(t *testing.T) {
	s := New()
	out := findQ(t, s, proto.Message{Text: fable, Seq: 4})
	if len(out) != 1 || out[0].Pending || out[0].Note != "" {
		t.Fatalf("without a question model: got %d messages (pending %v, note %q); want one, final, without a note", len(out), out[0].Pending, out[0].Note)
	}
	ps := out[0].Pairs
	if len(ps) < 4 || methods(ps)[qa.ByRules] != len(ps) {
		t.Fatalf("got %d pairs, by %v; want several, all by the rules", len(ps), methods(ps))
	}
	checkSpans(t, fable, ps, 0, len([]rune(fable)))
}

// A list cut at the n asked for says that the rules find more, and how to have them: a trial read
// "20 pairs about the text" of a text with 48, and nothing else.
func TestFindQuestionsSaysWhenTheRulesFindMore(t *testing.T) {
	out := findQ(t, New(), proto.Message{Text: fable, N: 2})
	if last := out[len(out)-1]; len(last.Pairs) != 2 || !strings.Contains(last.Note, "they find more here") {
		t.Errorf("%d pairs, note %q; want 2, and a note that there are more", len(last.Pairs), last.Note)
	}
}

func TestFindQuestionsInASelection(t *testing.T) {
	text := "Ünïcödé 🦊🍇 heading\n\n" + fable // runes and bytes differ before the fable
	rs := []rune(text)
	from := strings.Index(string(rs), "At last")
	from = len([]rune(text[:from]))
	to := len(rs)
	out := findQ(t, New(), proto.Message{Text: text, Span: &proto.Span{Start: from, End: to}})
	ps := out[len(out)-1].Pairs
	if len(ps) == 0 {
		t.Fatal("no pairs in the selection")
	}
	checkSpans(t, text, ps, from, to)
	// Sentence indices are the whole text's: the heading and the fable's first two sentences come
	// before the selection.
	for _, p := range ps {
		if p.Sentence < 3 {
			t.Errorf("%q: sentence %d; want an index into the whole text (3 or more)", p.Question, p.Sentence)
		}
	}
}

func TestFindQuestionsInKorean(t *testing.T) {
	b, err := samples.FS.ReadFile("fables-ko.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	s := New()
	if _, err := s.importFile(qatest.TinyModel(t, fable)); err != nil {
		t.Fatal(err)
	}
	out := findQ(t, s, proto.Message{Text: text, N: 12})
	last := out[len(out)-1]
	if !strings.Contains(last.Note, "does not look like English") || !strings.Contains(last.Note, "question model was left out") {
		t.Errorf("note %q; want it to say the rules read English and the model was left out", last.Note)
	}
	if len(out) != 1 {
		t.Errorf("got %d messages; want one: the model is not asked about words it does not know", len(out))
	}
	if len(last.Pairs) != 12 {
		t.Fatalf("got %d pairs; want 12", len(last.Pairs))
	}
	checkSpans(t, text, last.Pairs, 0, len([]rune(text)))
	for _, p := range last.Pairs {
		if !strings.Contains(p.Question, "___") || strings.ContainsAny(p.Question, "abcdefghijklmnopqrstuvwxyzWH") {
			t.Errorf("question %q: want a Korean sentence with a blank", p.Question)
		}
		if strings.HasSuffix(p.Answer, "를") || strings.HasSuffix(p.Answer, "는") {
			t.Errorf("answer %q keeps its particle", p.Answer)
		}
	}
}

// A text with no word to blank (emoji alone) gets no pairs and a note that says the rules found
// nothing, not the note about fill-in-the-blank questions, which a trial read above an empty list.
func TestFindQuestionsOnEmojiAloneSaysItFoundNothing(t *testing.T) {
	out := findQ(t, New(), proto.Message{Text: "🦊🍇 🐢🐇\n\n🦊🦊 🌳"})
	last := out[len(out)-1]
	if len(last.Pairs) != 0 || !strings.Contains(last.Note, "found nothing to ask about") || strings.Contains(last.Note, "these are") {
		t.Errorf("%d pairs, note %q; want none, and a note that says the rules found nothing", len(last.Pairs), last.Note)
	}
}

func TestFindQuestionsOnALongPassage(t *testing.T) {
	var b strings.Builder
	for b.Len() < 30000 { // 5,000 words and more, with emoji
		b.WriteString("🦊 ")
		b.WriteString(fable)
		b.WriteString("\n\n")
	}
	text := b.String()
	if w := len(strings.Fields(text)); w < 5000 {
		t.Fatalf("the passage has %d words; want 5,000 or more", w)
	}
	s := New()
	if _, err := s.importFile(qatest.TinyModel(t, fable)); err != nil {
		t.Fatal(err)
	}
	out := findQ(t, s, proto.Message{Text: text, N: 30, Beam: 2})
	if len(out) != 2 || !out[0].Pending {
		t.Fatalf("got %d messages; want the rules' (pending), then all", len(out))
	}
	ps := out[1].Pairs
	checkSpans(t, text, ps, 0, len([]rune(text)))
	if m := methods(ps); m[qa.ByRules] == 0 || m[qa.ByModel] == 0 || m[qa.ByModel] > 30 {
		t.Errorf("pairs by %v; want some by the rules (which ask a repeated question once) and up to 30 by the model", m)
	}
	// The model's answers are tagged over the whole text, not only its first window.
	far := 0
	for _, p := range ps {
		if p.Method == qa.ByModel && p.Start > len([]rune(text))/2 {
			far++
		}
	}
	if far == 0 {
		t.Error("no model answer in the second half of the passage")
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Start < ps[i-1].Start {
			t.Fatalf("pairs out of the text's order at %d: %d after %d", i, ps[i].Start, ps[i-1].Start)
		}
	}
}

// importFile opens a model file in s as the page would.
func (s *Session) importFile(b []byte) (proto.Message, error) {
	out := s.Handle(proto.Message{Kind: proto.Import, File: b, Seq: 9})
	if out[0].Kind == proto.Error {
		return out[0], errString(out[0].Error)
	}
	return out[0], nil
}

type errString string

func (e errString) Error() string { return string(e) }

func TestOpenFindAndSaveAQuestionModel(t *testing.T) {
	file := qatest.TinyModel(t, fable)
	s := trainedSession(t, 1) // a text generator, which a question model leaves as it is
	before := s.gen
	in, err := s.importFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if in.Kind != proto.Imported || in.QAModel == nil || in.Config != nil {
		t.Fatalf("opening a question model: got %+v; want Imported with its description only", in)
	}
	if i := in.QAModel; i.Arch != "default" || i.Epochs != 2 || i.Vocab < 10 || i.Params == 0 || i.ValLoss <= 0 {
		t.Errorf("description %+v; want the default arch, 2 epochs, its vocabulary, weights and last validation loss", *i)
	}
	if s.gen != before {
		t.Error("opening a question model replaced the text generator")
	}

	out := findQ(t, s, proto.Message{Text: fable, Seq: 7, Beam: 3})
	if len(out) != 2 || !out[0].Pending || out[1].Pending {
		t.Fatalf("got %d messages; want the rules' pairs (pending), then all", len(out))
	}
	if m := methods(out[0].Pairs); m[qa.ByModel] != 0 {
		t.Errorf("the first answer has model pairs: %v", m)
	}
	all := out[1].Pairs
	checkSpans(t, fable, all, 0, len([]rune(fable)))
	if m := methods(all); m[qa.ByModel] == 0 || m[qa.ByRules] != len(out[0].Pairs) {
		t.Errorf("pairs by %v; want the %d rules' and the model's", m, len(out[0].Pairs))
	}

	// The model's pairs are those qa generate prints for the same passage and beam.
	mod, _ := qa.Decode(file)
	g, _ := qa.NewTrained(mod, 3)
	want, err := g.Pairs(fable, proto.DefaultQuestions)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, p := range all {
		if p.Method == qa.ByModel {
			got[p.Question+"|"+p.Answer] = true
		}
	}
	for _, p := range want {
		if !got[p.Question+"|"+p.Answer] {
			t.Errorf("the model's pair %q → %q is missing", p.Question, p.Answer)
		}
	}

	ex := s.Handle(proto.Message{Kind: proto.Export, Format: "qa"})[0]
	if ex.Kind != proto.Exported || !bytes.Equal(ex.File, file) || !strings.HasSuffix(ex.Name, ".fab") {
		t.Errorf("export: got %s %q (%d bytes); want the file opened (%d bytes)", ex.Kind, ex.Name, len(ex.File), len(file))
	}
}

func TestABadQuestionModelFileChangesNothing(t *testing.T) {
	file := qatest.TinyModel(t, fable)
	s := New()
	if _, err := s.importFile(file); err != nil {
		t.Fatal(err)
	}
	kept := s.qa
	broken := append([]byte(nil), file...)
	broken[len(broken)/2] ^= 0x40
	short := file[:len(file)-9]
	badConf := fabtest.Reseal(bytes.Replace(file, []byte(`"arch":"default"`), []byte(`"arch":"oracle!"`), 1))
	for name, b := range map[string][]byte{"corrupted": broken, "cut short": short, "bad settings": badConf} {
		t.Run(name, func(t *testing.T) {
			m, err := s.importFile(b)
			if err == nil {
				t.Fatalf("got %s; want an error", m.Kind)
			}
			if !strings.Contains(err.Error(), "the open question model is unchanged") {
				t.Errorf("error %q; want it to say the question model is unchanged", err)
			}
			if s.qa != kept {
				t.Error("a refused file replaced the question model")
			}
		})
	}
	// A text generator's file still opens as one, and leaves the question model.
	lmFile := trainedSession(t, 1).Handle(proto.Message{Kind: proto.Export})[0].File
	if m, err := s.importFile(lmFile); err != nil || m.Config == nil || m.QAModel != nil {
		t.Errorf("a text generator's file: got %+v, %v; want it opened as before", m, err)
	}
	if s.qa != kept || s.gen == nil {
		t.Error("opening a text generator changed the question model, or did not open")
	}
}

func TestExportWithoutAQuestionModel(t *testing.T) {
	out := New().Handle(proto.Message{Kind: proto.Export, Format: "qa"})[0]
	if out.Kind != proto.Error || !strings.Contains(out.Error, "no question model") {
		t.Errorf("got %s %q; want an error saying there is no question model", out.Kind, out.Error)
	}
}

func TestAskQuestion(t *testing.T) {
	rs := []rune(fable)
	at := func(text, sub string) *proto.Span {
		i := strings.Index(text, sub)
		s := len([]rune(text[:i]))
		return &proto.Span{Start: s, End: s + len([]rune(sub))}
	}
	s := New()
	out := s.Handle(proto.Message{Kind: proto.AskQuestion, Text: fable, Span: at(fable, "sweet grapes"), Seq: 3})[0]
	if out.Kind != proto.Questions || len(out.Pairs) != 1 || out.Seq != 3 {
		t.Fatalf("got %s %q with %d pairs; want one pair", out.Kind, out.Error, len(out.Pairs))
	}
	if p := out.Pairs[0]; p.Answer != "sweet grapes" || string(rs[p.Start:p.End]) != p.Answer || p.Method != qa.ByRules ||
		!strings.HasSuffix(p.Question, "?") || strings.Contains(p.Question, "___") {
		t.Errorf("got %+v; want the rules' question about sweet grapes", p)
	}
	// A span the rules' clause patterns do not read gets their fallback, whose " ?" is tidied.
	out = s.Handle(proto.Message{Kind: proto.AskQuestion, Text: "🦊 " + fable, Span: at("🦊 "+fable, "sweet grapes")})[0]
	if q := out.Pairs[0].Question; !strings.HasSuffix(q, "?") || strings.HasSuffix(q, " ?") {
		t.Errorf("question %q; want it to end in a question mark with no space before it", q)
	}
	// A selection with spaces around it asks about its words.
	sp := at(fable, "sweet grapes")
	sp.Start--
	sp.End++
	if out := s.Handle(proto.Message{Kind: proto.AskQuestion, Text: fable, Span: sp})[0]; len(out.Pairs) != 1 || out.Pairs[0].Answer != "sweet grapes" {
		t.Errorf("a selection with its spaces: got %+v %q", out.Pairs, out.Error)
	}

	// A selection that cuts words asks about the whole words.
	sp = at(fable, "weet grap")
	if out := s.Handle(proto.Message{Kind: proto.AskQuestion, Text: fable, Span: sp})[0]; len(out.Pairs) != 1 || out.Pairs[0].Answer != "sweet grapes" {
		t.Errorf("a selection cutting words: got %+v %q; want the answer sweet grapes", out.Pairs, out.Error)
	}

	for name, sp := range map[string]*proto.Span{"none": nil, "spaces": at(fable, " "), "outside": {Start: 3, End: len(rs) + 1},
		"backwards": {Start: 9, End: 2}, "two sentences": at(fable, "vine. He jumped")} {
		t.Run(name, func(t *testing.T) {
			out := s.Handle(proto.Message{Kind: proto.AskQuestion, Text: fable, Span: sp})[0]
			if out.Kind != proto.Error || !strings.HasPrefix(out.Error, "questions: ") {
				t.Errorf("got %s %q; want a questions: error", out.Kind, out.Error)
			}
		})
	}
	if out := s.Handle(proto.Message{Kind: proto.AskQuestion, Text: fable, Span: at(fable, "grapes"), Beam: 11})[0]; out.Kind != proto.Error {
		t.Errorf("beam 11: got %s; want an error", out.Kind)
	}

	ko := "토끼는 거북이에게 진 뒤로 부끄러워서 숲에 나오지 않았다. 어느 날 거북이가 토끼의 집을 찾아왔다."
	out = s.Handle(proto.Message{Kind: proto.AskQuestion, Text: ko, Span: at(ko, "거북이")})[0]
	if len(out.Pairs) != 1 || !strings.Contains(out.Pairs[0].Question, "___") || out.Note == "" {
		t.Errorf("Korean: got %+v, note %q; want a blanked sentence and a note", out.Pairs, out.Note)
	}

	if _, err := s.importFile(qatest.TinyModel(t, fable)); err != nil {
		t.Fatal(err)
	}
	for beam := 1; beam <= qa.MaxBeam; beam += 9 {
		out = s.Handle(proto.Message{Kind: proto.AskQuestion, Text: fable, Span: at(fable, "sweet grapes"), Beam: beam})[0]
		if len(out.Pairs) != 1 || out.Pairs[0].Method != qa.ByModel || out.Pairs[0].Answer != "sweet grapes" {
			t.Errorf("beam %d with a model: got %+v %q; want the model's pair", beam, out.Pairs, out.Error)
		}
	}
}

func TestAQuestionModelOpenedMidFindStillAnswers(t *testing.T) {
	file := qatest.TinyModel(t, fable)
	s := New()
	if _, err := s.importFile(file); err != nil {
		t.Fatal(err)
	}
	first := s.Handle(proto.Message{Kind: proto.FindQuestions, Text: fable, Seq: 5})
	if len(first) != 1 || !first[0].Pending {
		t.Fatalf("got %+v; want the rules' pairs with the model's pending", first)
	}
	if _, err := s.importFile(file); err != nil { // another model, before the model's pairs
		t.Fatal(err)
	}
	s.setQuestionModel(nil) // and then none (training in the browser may set it)
	var rest []proto.Message
	for s.Busy() {
		rest = append(rest, s.Step()...)
	}
	if len(rest) != 1 || rest[0].Kind != proto.Questions || rest[0].Seq != 5 || rest[0].Pending || len(rest[0].Pairs) != len(first[0].Pairs) {
		t.Errorf("got %+v; want the final answer to request 5, with the rules' pairs", rest)
	}
}

func TestAPanicWritingTheModelsPairsAnswersTheFind(t *testing.T) {
	s := New()
	if _, err := s.importFile(qatest.TinyModel(t, fable)); err != nil {
		t.Fatal(err)
	}
	s.Handle(proto.Message{Kind: proto.FindQuestions, Text: fable, Seq: 6})
	s.qa.Vocab = nil // a model broken in a way no check saw
	out := s.Step()
	if len(out) != 1 || out[0].Kind != proto.Error || out[0].Seq != 6 || s.Busy() {
		t.Errorf("got %+v (busy %v); want an error answering request 6, and nothing left to do", out, s.Busy())
	}
}

// Find questions lists the rules' pairs in the text's order, by where each answer starts, as
// `fabulist qa generate` prints them (both take rules.Pairs as it is): a new user's trial read a
// list that jumped about the story.
func TestFindQuestionsListsPairsInTheTextsOrder(t *testing.T) {
	const text = "A hungry Fox saw some fine bunches of Grapes hanging from a vine that was trained along a high trellis. " +
		"The Fox did his best to reach them by jumping as high as he could into the air. So the Fox gave up trying. " +
		"The Crow laughed at the Fox from her tall tree."
	out := findQ(t, New(), proto.Message{Text: text, N: 20})
	ps := out[len(out)-1].Pairs
	if len(ps) < 3 {
		t.Fatalf("%d pairs; want several", len(ps))
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Start < ps[i-1].Start {
			t.Errorf("pair %d (%q at %d) comes after pair %d (%q at %d)", i, ps[i].Question, ps[i].Start, i-1, ps[i-1].Question, ps[i-1].Start)
		}
	}
	want, _ := rules.Generator{}.Pairs(text, 20)
	want = tidy(want)
	for i := range min(len(ps), len(want)) {
		if ps[i].Question != want[i].Question || ps[i].Start != want[i].Start {
			t.Errorf("pair %d is %q at %d; the command line's is %q at %d", i, ps[i].Question, ps[i].Start, want[i].Question, want[i].Start)
		}
	}
	if len(ps) != len(want) {
		t.Errorf("%d pairs; the command line prints %d", len(ps), len(want))
	}
}
