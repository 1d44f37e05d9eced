// Package share encodes what a share link carries — settings, random seeds, generation settings
// and (when it fits) the text, with the quiz made on it — into a URL fragment, and decodes it
// back. The fragment is
//
//	#s=<version>.<base64url(deflate(JSON payload ‖ first 8 bytes of SHA-256(JSON payload)))>
//
// in package fragment's envelope.
// The version is 1, 2 for a link that carries a quiz (QuizVersion), 3 for a link with a field
// added after quizzes (ExtendedVersion), or 4 for a quiz with a question rewritten by hand
// (EditedVersion); all have the same JSON, each newer field being optional.
// The hash catches links that were cut or edited: a link that does not decode exactly is refused,
// never half-applied. A crafted link can carry a correct hash, so what the payload says is checked
// too: its settings, and each question's answer against the text (checkQuiz).
package share

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"fabulist/model/lm"
	"fabulist/model/qa"
	"fabulist/studio/fragment"
)

// Version is the link format's version for a link without a quiz.
const Version = 1

// QuizVersion is the version of a link that carries a quiz. Its payload is a version-1 payload
// with the field Quiz, so one decoder reads both; the number differs so that a page made before
// quizzes (which refuses a field it does not know, and may be kept by a browser's cache) says
// the link is from a newer Fabulist and to reload, rather than that it is broken. A link without
// a quiz stays version 1, which every page opens.
const QuizVersion = 2

// ExtendedVersion is the version of a link whose payload has a field added after quizzes (see
// Payload); Encode uses it only when one of those fields is set, so links that need nothing newer
// still open in older pages.
const ExtendedVersion = 3

// EditedVersion is the version of a link whose quiz has a question rewritten by hand
// (Pair.Edited), which a page of version 3 would refuse as a field it does not know; Encode uses
// it only then, so other links open in older pages as before.
const EditedVersion = 4

// Prefix starts a share fragment.
const Prefix = "#" + key + "="

// key names a share link's fragment (package fragment).
const key = "s"

// MaxLink is the longest link the studio makes: longer ones break in chat apps and some browsers.
const MaxLink = 32 << 10

// MaxFragment is the longest fragment Decode reads: every link the studio makes is shorter
// (MaxLink counts the page's address too, which is the margin). A longer one is refused before
// any decoding, so that a crafted multi-megabyte link costs nothing.
const MaxFragment = MaxLink

// maxPayload bounds what a decoder inflates, so that a small link cannot expand without limit.
const maxPayload = 8 << 20

// Errors of Decode. Each says, in a user's words, why a link cannot be opened: the errors Decode
// returns wrap one of them with technical detail, and Reason gives the words alone.
var (
	ErrNotShare = errors.New("share: not a Fabulist share link")
	ErrVersion  = errors.New("share: this link was made by a newer Fabulist; reload the page for the newest, then open the link again")
	ErrBroken   = errors.New("share: the link is incomplete or has been changed")
	ErrTooLong  = errors.New("share: the link is longer than any Fabulist makes")
	// ErrQuiz: the link's questions do not fit its text (an answer out of the text's range or
	// not the text's characters there, too many questions, one too long). The errors that wrap
	// it name the question and what is wrong, which Reason keeps: it is the user's reason.
	ErrQuiz = errors.New("share: the link's questions do not match its text")
)

// Limits on the quiz a link carries, so that a crafted link cannot make the page lay out an
// unbounded list. The studio's lists are far shorter: the rules write a few questions a
// sentence, and a link holds 32 KB.
const (
	MaxQuizPairs     = 200 // questions in one link
	MaxQuestionRunes = 500 // code points of one question
	MaxAnswerRunes   = 500 // code points of one answer
)

// Reason is why a link cannot be opened, in a user's words, for an error of Decode: one of its
// errors' texts without the package's prefix and the technical detail, or "" for another error.
// For ErrQuiz the detail (which question, what is wrong) is kept, since it is the reason.
func Reason(err error) string {
	if errors.Is(err, ErrQuiz) {
		return strings.TrimPrefix(err.Error(), "share: ")
	}
	for _, e := range []error{ErrNotShare, ErrVersion, ErrBroken, ErrTooLong} {
		if errors.Is(err, e) {
			return strings.TrimPrefix(e.Error(), "share: ")
		}
	}
	return ""
}

// Payload is what a link carries.
type Payload struct {
	Config  lm.Config     `json:"config"`
	Gen     lm.GenOptions `json:"gen"`
	GenSeed uint64        `json:"gen_seed"`
	Prompt  string        `json:"prompt"`
	Text    string        `json:"text,omitempty"` // empty in a settings-only link
	// Workers that shared each batch: a run is reproducible for a given count (0: the receiver's
	// default, as links made before data parallelism say).
	Workers int `json:"workers,omitempty"`
	// Quiz is the questions made on Text, in the list's order (none: no quiz, and a version-1
	// link). Each answer is Text's code points [Start, End).
	Quiz []Pair `json:"quiz,omitempty"`

	// The fields below came after quizzes: a link with any of them set is ExtendedVersion.

	// Weights is which weights the sender wrote with (lm.ParseWeights: "latest", or "best"; ""
	// is best, and leaves the link's version alone).
	Weights lm.Weights `json:"weights,omitempty"`
	// MinCopied is the memorisation meter's least run of tokens that counts as copied, 1 to
	// lm.MaxMinCopied (0: the level's default, lm.DefaultMinCopied), so that whoever opens the
	// link measures what they generate as the sender did.
	MinCopied int `json:"min_copied,omitempty"`
	// QuizMode: the quiz opens in quiz mode, each answer hidden until clicked (the sender's
	// choice); false shows the answers, as every link made before it did.
	QuizMode bool `json:"quiz_mode,omitempty"`
}

// extended reports whether p sets a field added after quizzes, which only an ExtendedVersion
// link carries.
func (p Payload) extended() bool {
	return p.Weights != "" || p.MinCopied != 0 || p.QuizMode
}

// checkExtended checks the fields added after quizzes.
func checkExtended(p Payload) error {
	if _, err := lm.ParseWeights(string(p.Weights)); err != nil {
		return err
	}
	if p.MinCopied < 0 || p.MinCopied > lm.MaxMinCopied {
		return fmt.Errorf("share: the least copied run is %d tokens, not 1 to %d", p.MinCopied, lm.MaxMinCopied)
	}
	return nil
}

// Pair is one question of a quiz and its answer, a span of the payload's text in code points
// (runes) [Start, End); Method is the generator that wrote it, and Score its rank among that
// generator's pairs (see qa.Pair). The sentence a qa.Pair names is not carried: it follows from
// the text and Start.
type Pair struct {
	Question string    `json:"question"`
	Answer   string    `json:"answer"`
	Start    int       `json:"start"`
	End      int       `json:"end"`
	Method   qa.Method `json:"method"`
	Score    float64   `json:"score,omitempty"`
	// Edited: the sender rewrote the question after Method wrote it (qa.Pair.Edited); only in
	// an EditedVersion link.
	Edited bool `json:"edited,omitempty"`
}

// edited reports whether p's quiz has a question rewritten by hand, which only an EditedVersion
// link carries.
func (p Payload) edited() bool {
	for _, q := range p.Quiz {
		if q.Edited {
			return true
		}
	}
	return false
}

// Encode makes the fragment (starting with Prefix) for p: EditedVersion when its quiz has a
// question rewritten by hand, else ExtendedVersion when p sets a field added after quizzes, else
// QuizVersion when it carries a quiz, else version 1. Fields Decode
// would refuse (weights that are neither best nor latest, a least copied run out of range) are
// refused here too. A quiz that Decode would refuse is refused here with the same error (wrapping
// ErrQuiz), so the studio never makes a link it cannot open: a list found on an earlier text,
// say, whose answers are no longer where they were.
func Encode(p Payload) (string, error) {
	if err := checkQuiz(p.Text, p.Quiz); err != nil {
		return "", err
	}
	if err := checkExtended(p); err != nil {
		return "", err
	}
	js, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	version := Version
	switch {
	case p.edited():
		version = EditedVersion
	case p.extended():
		version = ExtendedVersion
	case len(p.Quiz) > 0:
		version = QuizVersion
	}
	return fragment.Seal(key, version, js)
}

// Decode reads a fragment made by Encode (with or without its leading '#'), of any of its versions.
// It refuses anything else with an error and returns no payload: ErrTooLong past MaxFragment
// bytes, ErrNotShare, ErrVersion, ErrBroken (possibly wrapped with what is out of range; a
// version-1 link with a quiz is one, and so is a version-1 or version-2 link with a field added
// after quizzes), or an error wrapping ErrQuiz that says which question does
// not fit the text and how.
func Decode(frag string) (Payload, error) {
	if len(frag) > MaxFragment {
		return Payload{}, ErrTooLong
	}
	version, sealed, err := fragment.Cut(frag, key)
	switch {
	case errors.Is(err, fragment.ErrOtherKey):
		return Payload{}, ErrNotShare
	case err != nil:
		return Payload{}, ErrBroken
	}
	if version != fmt.Sprint(Version) && version != fmt.Sprint(QuizVersion) && version != fmt.Sprint(ExtendedVersion) &&
		version != fmt.Sprint(EditedVersion) {
		return Payload{}, ErrVersion
	}
	newest := version == fmt.Sprint(ExtendedVersion) || version == fmt.Sprint(EditedVersion)
	js, err := fragment.Unseal(sealed, maxPayload-8) // maxPayload counts the hash's 8 bytes
	if err != nil {
		return Payload{}, ErrBroken
	}
	var p Payload
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Payload{}, ErrBroken
	}
	if err := p.Config.Validate(); err != nil {
		return Payload{}, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	if err := p.Gen.Validate(); err != nil {
		return Payload{}, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	if err := checkExtended(p); err != nil {
		return Payload{}, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	// Each older version has one form, Encode's: a quiz only in a QuizVersion link, and always
	// there; a field added after quizzes only in an ExtendedVersion or EditedVersion link, which
	// may carry a quiz; a question rewritten by hand only in an EditedVersion link.
	if len(p.Quiz) == 0 {
		p.Quiz = nil // "quiz": [] is no quiz
	}
	if !newest && (version == fmt.Sprint(Version)) != (p.Quiz == nil) {
		return Payload{}, fmt.Errorf("%w: a version-%s link with %d questions", ErrBroken, version, len(p.Quiz))
	}
	if !newest && p.extended() {
		return Payload{}, fmt.Errorf("%w: a version-%s link with a field of version %d", ErrBroken, version, ExtendedVersion)
	}
	if (version == fmt.Sprint(EditedVersion)) != p.edited() {
		return Payload{}, fmt.Errorf("%w: a version-%s link whose quiz has %s question rewritten by hand", ErrBroken, version,
			map[bool]string{true: "a", false: "no"}[p.edited()])
	}
	if err := checkQuiz(p.Text, p.Quiz); err != nil {
		return Payload{}, err
	}
	return p, nil
}

// checkQuiz says whether quiz fits text: at most MaxQuizPairs pairs, each with a question of 1 to
// MaxQuestionRunes code points that is not only white space, an answer of at most MaxAnswerRunes
// code points that is text's code points [Start, End) with 0 <= Start < End, as they stand or as
// one line (qa.OneLine: a hard wrap's line break inside it one space), and a
// method a generator has. Its errors wrap ErrQuiz and name the question (counting from 1).
func checkQuiz(text string, quiz []Pair) error {
	if len(quiz) == 0 {
		return nil
	}
	if text == "" {
		return fmt.Errorf("%w: it has %d questions but no text", ErrQuiz, len(quiz))
	}
	if len(quiz) > MaxQuizPairs {
		return fmt.Errorf("%w: it has %d questions, more than the %d a link holds", ErrQuiz, len(quiz), MaxQuizPairs)
	}
	runes := []rune(text)
	for i, q := range quiz {
		bad := func(format string, a ...any) error {
			return fmt.Errorf("%w: question %d %s", ErrQuiz, i+1, fmt.Sprintf(format, a...))
		}
		switch n := utf8.RuneCountInString(q.Question); {
		case strings.TrimSpace(q.Question) == "":
			return bad("is empty")
		case n > MaxQuestionRunes:
			return bad("has %d characters, more than %d", n, MaxQuestionRunes)
		}
		switch {
		case q.Method != qa.ByRules && q.Method != qa.ByModel:
			return bad("names no generator Fabulist has (%.20q)", q.Method)
		case q.Start < 0 || q.End <= q.Start:
			return bad("has no answer span (characters %d to %d)", q.Start, q.End)
		case q.End > len(runes):
			return bad("has its answer at characters %d to %d, past the text's end (%d characters)", q.Start, q.End, len(runes))
		case q.End-q.Start > MaxAnswerRunes:
			return bad("has an answer of %d characters, more than %d", q.End-q.Start, MaxAnswerRunes)
		case string(runes[q.Start:q.End]) != q.Answer && qa.OneLine(string(runes[q.Start:q.End])) != q.Answer:
			return bad("has the answer %.40q, but the text has %.40q at characters %d to %d",
				q.Answer, string(runes[q.Start:q.End]), q.Start, q.End)
		}
	}
	return nil
}
