package share

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"fabulist/model/qa"
)

// quizText is a passage with Korean, an emoji (one code point, four UTF-8 bytes) and a line
// break, so that offsets in bytes or UTF-16 units would land elsewhere than offsets in runes.
const quizText = "토끼와 거북이가 경주를 했다. The hare 🐇 slept;\nthe tortoise went on, \"slowly\", and won."

func quizSample() Payload {
	p := sample()
	p.Text = quizText
	p.Quiz = []Pair{
		{Question: "누가 경주를 했나요?", Answer: "토끼", Start: 0, End: 2, Method: qa.ByRules, Score: 2.5},
		{Question: "What did the hare 🐇 do?", Answer: "slept", Start: 28, End: 33, Method: qa.ByModel, Score: -1.25},
		{Question: "How did the tortoise go, \"fast\", or\nslowly?", Answer: "\"slowly\"", Start: 57, End: 65, Method: qa.ByRules},
	}
	return p
}

func TestQuizSampleOffsetsAreRunes(t *testing.T) {
	runes := []rune(quizText)
	for _, q := range quizSample().Quiz {
		if got := string(runes[q.Start:q.End]); got != q.Answer {
			t.Fatalf("the fixture is wrong: [%d, %d) is %q; want %q", q.Start, q.End, got, q.Answer)
		}
	}
}

// A quiz goes in a version-2 link and comes back whole, in order.
func TestQuizRoundTrip(t *testing.T) {
	p := quizSample()
	link, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(link, "#s=2.") {
		t.Errorf("a link with a quiz starts %.6q; want #s=2.", link)
	}
	got, err := Decode(link)
	if err != nil || !reflect.DeepEqual(got, p) {
		t.Fatalf("round trip: %v\n got %+v\nwant %+v", err, got.Quiz, p.Quiz)
	}
	// Without a quiz the link stays version 1, which pages made before quizzes open.
	p.Quiz = nil
	if link, _ := Encode(p); !strings.HasPrefix(link, "#s=1.") {
		t.Errorf("a link without a quiz starts %.6q; want #s=1.", link)
	}
}

// A link whose questions do not fit its text — crafted with a correct hash, or made of a list
// found on an earlier text — is refused whole with the question and what is wrong with it, and
// Encode refuses to make it.
func TestQuizThatDoesNotFitTheTextIsRefused(t *testing.T) {
	many := make([]Pair, MaxQuizPairs+1)
	for i := range many {
		many[i] = quizSample().Quiz[0]
	}
	cases := []struct {
		name   string
		edit   func(p *Payload)
		reason string // what Reason must say
	}{
		{"past the end", func(p *Payload) { p.Quiz[1].Start, p.Quiz[1].End = 80, 200 }, "question 2 has its answer at characters 80 to 200, past the text's end (75 characters)"},
		{"negative start", func(p *Payload) { p.Quiz[0].Start = -1 }, "question 1 has no answer span"},
		{"empty span", func(p *Payload) { p.Quiz[0].End = p.Quiz[0].Start }, "question 1 has no answer span"},
		{"answer elsewhere", func(p *Payload) { p.Quiz[1].Answer = "tortoise" }, `question 2 has the answer "tortoise", but the text has "slept" at characters 28 to 33`},
		// The offsets of "slept" in UTF-8 bytes, as a client counting bytes would write them.
		{"byte offsets", func(p *Payload) {
			b := strings.Index(quizText, "slept")
			p.Quiz[1].Start, p.Quiz[1].End = b, b+5
		}, "question 2 has the answer \"slept\", but the text has"},
		{"empty question", func(p *Payload) { p.Quiz[2].Question = " \n\t" }, "question 3 is empty"},
		{"long question", func(p *Payload) { p.Quiz[0].Question = strings.Repeat("왜", MaxQuestionRunes+1) }, "question 1 has 501 characters, more than 500"},
		{"long answer", func(p *Payload) {
			p.Text = strings.Repeat("거북이 ", 200)
			p.Quiz = []Pair{{Question: "무엇?", Answer: string([]rune(p.Text)[:MaxAnswerRunes+1]), Start: 0, End: MaxAnswerRunes + 1, Method: qa.ByRules}}
		}, "question 1 has an answer of 501 characters, more than 500"},
		{"unknown method", func(p *Payload) { p.Quiz[0].Method = "oracle" }, `question 1 names no generator Fabulist has ("oracle")`},
		{"too many", func(p *Payload) { p.Quiz = many }, "it has 201 questions, more than the 200 a link holds"},
		{"no text", func(p *Payload) { p.Text = "" }, "it has 3 questions but no text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := quizSample()
			c.edit(&p)
			if link, err := Encode(p); !errors.Is(err, ErrQuiz) {
				t.Errorf("Encode: got %v (%.20s); want %v", err, link, ErrQuiz)
			}
			js, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(linkOfVersion(QuizVersion, string(js)))
			if !errors.Is(err, ErrQuiz) || !reflect.DeepEqual(got, Payload{}) {
				t.Fatalf("Decode: got %v (%+v); want %v and no payload", err, got, ErrQuiz)
			}
			want := "the link's questions do not match its text: " + c.reason
			if r := Reason(err); !strings.HasPrefix(r, want) {
				t.Errorf("Reason: got %q; want it to start %q", r, want)
			}
		})
	}
}

// Versions 1 and 2 have one form each: a quiz only in a version-2 link, a version-2 link only
// with one, and neither with a field that came after quizzes (quiz mode).
func TestEachVersionHasOneForm(t *testing.T) {
	withQuiz, _ := json.Marshal(quizSample())
	without, _ := json.Marshal(sample())
	moded := quizSample()
	moded.QuizMode = true
	withMode, _ := json.Marshal(moded)
	for _, c := range []struct {
		name    string
		version int
		js      string
		want    error
	}{
		{"version 1 with a quiz", 1, string(withQuiz), ErrBroken},
		{"version 2 without one", 2, string(without), ErrBroken},
		{"version 2 with an empty one", 2, strings.Replace(string(without), `"workers"`, `"quiz":[],"workers"`, 1), ErrBroken},
		{"version 1 in quiz mode", 1, strings.Replace(string(without), `"prompt"`, `"quiz_mode":true,"prompt"`, 1), ErrBroken},
		{"version 2 in quiz mode", 2, string(withMode), ErrBroken},
		{"version 5", EditedVersion + 1, string(withMode), ErrVersion},
	} {
		t.Run(c.name, func(t *testing.T) {
			if p, err := Decode(linkOfVersion(c.version, c.js)); !errors.Is(err, c.want) || !reflect.DeepEqual(p, Payload{}) {
				t.Errorf("got %v (%+v); want %v", err, p, c.want)
			}
		})
	}
	// An empty quiz in a version-1 link is no quiz.
	js := strings.Replace(string(without), `"workers"`, `"quiz":[],"workers"`, 1)
	if p, err := Decode(linkOfVersion(1, js)); err != nil || p.Quiz != nil || p.Text != sample().Text {
		t.Errorf("version 1 with \"quiz\":[]: %v, quiz %#v", err, p.Quiz)
	}
}

// Quiz mode, the sender's choice, goes in a version-3 link and comes back; a quiz shown with its
// answers stays version 2, which pages made before quiz mode open.
func TestQuizModeTakesAVersion3Link(t *testing.T) {
	p := quizSample()
	p.QuizMode = true
	link, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(link, "#s=3.") {
		t.Errorf("a link in quiz mode starts %.6q; want #s=3.", link)
	}
	got, err := Decode(link)
	if err != nil || !reflect.DeepEqual(got, p) {
		t.Fatalf("round trip: %v\n got %+v\nwant %+v", err, got, p)
	}
	p.QuizMode = false
	if link, _ := Encode(p); !strings.HasPrefix(link, "#s=2.") {
		t.Errorf("a quiz out of quiz mode starts %.6q; want #s=2.", link)
	}
	// A version-3 link may carry no quiz: versions after 2 add fields, not a rule about quizzes.
	js, _ := json.Marshal(sample())
	if got, err := Decode(linkOfVersion(ExtendedVersion, string(js))); err != nil || got.Quiz != nil {
		t.Errorf("a version-3 link without a quiz: %v, quiz %#v", err, got.Quiz)
	}
}

// An answer across a line break of the text is carried as the generators write it, on one line
// ("slept; the tortoise" for "slept;\nthe tortoise"), and as it stands in lists made before
// they did; an answer that is other words than its span's is still refused.
func TestQuizTakesAnAnswerAcrossALineBreakAsOneLine(t *testing.T) {
	for _, c := range []struct {
		answer string
		ok     bool
	}{{"slept; the tortoise", true}, {"slept;\nthe tortoise", true}, {"slept; the hare", false}} {
		p := quizSample()
		p.Quiz = []Pair{{Question: "What happened?", Answer: c.answer, Start: 28, End: 47, Method: qa.ByRules}}
		link, err := Encode(p)
		if (err == nil) != c.ok {
			t.Fatalf("%q: Encode: %v; want ok %v", c.answer, err, c.ok)
		}
		if !c.ok {
			continue
		}
		if got, err := Decode(link); err != nil || got.Quiz[0].Answer != c.answer {
			t.Errorf("%q: Decode: %v, %+v", c.answer, err, got.Quiz)
		}
	}
}
