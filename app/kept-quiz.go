package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/qa"
	"fabulist/studio/share"
)

// keptQuiz is the Questions panel's list and quiz mode, kept in the page's localStorage on every
// change as the draft's text is, so that a reload loses neither. The list belongs to the text it
// was found on, named by a hash rather than a copy (the draft and the workspaces hold texts
// already, and a book's would not fit twice): it comes back only beside that very text, so that a
// list found on an earlier text is never shown against a changed one. It has a key of its own:
// pages written before it simply have none.
type keptQuiz struct {
	Text  string       `json:"text"` // textSum of the text the pairs are about
	Pairs []share.Pair `json:"pairs"`
	Mode  bool         `json:"mode,omitempty"` // quiz mode: the answers hidden until clicked
	// Own lists the indices of the pairs that are the user's (QAView.Own), so that Find still
	// asks before it replaces them after a reload.
	Own []int `json:"own,omitempty"`
}

const quizKey = "fabulist-draft-quiz"

// errNoQuiz says that the browser keeps no list of questions.
var errNoQuiz = errors.New("no list of questions is kept")

// textSum names a text in a keptQuiz: the hex of the first 16 bytes of its SHA-256.
func textSum(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:16])
}

// saveQuiz writes q to localStorage; a full or forbidden storage keeps nothing, and an older list
// is then removed rather than left to come back in place of this one.
func saveQuiz(q keptQuiz) {
	ls := storage()
	if ls == nil || !ls.Truthy() {
		return
	}
	b, err := json.Marshal(q)
	if err != nil {
		return
	}
	if !try(func() { ls.Call("setItem", quizKey, string(b)) }) {
		try(func() { ls.Call("removeItem", quizKey) })
	}
}

// loadQuiz reads the list kept in localStorage: errNoQuiz when there is none or storage is
// forbidden, another error when what is kept is not a list.
func loadQuiz() (keptQuiz, error) {
	v, ok := getItem(quizKey)
	if !ok {
		return keptQuiz{}, errNoQuiz
	}
	if v.Type() != app.TypeString {
		return keptQuiz{}, errors.New("it is not text")
	}
	if n := utf8Bytes(v); n > MaxTextBytes {
		return keptQuiz{}, fmt.Errorf("it is %d bytes, more than a text the studio takes", n)
	}
	var q keptQuiz
	if err := json.Unmarshal([]byte(v.String()), &q); err != nil {
		return keptQuiz{}, errors.New("it does not parse")
	}
	return q, nil
}

// keepQuiz saves the list on show with the text it is about, and quiz mode.
func (s *store) keepQuiz() {
	s.dropQuizLink()
	if s.saveQuiz == nil {
		return
	}
	var own []int
	for i, o := range s.v.QA.Own {
		if o {
			own = append(own, i)
		}
	}
	sum := textSum(s.qaText)
	if s.qaText == "" && s.qaSum != "" {
		sum = s.qaSum // a list found on an earlier text stays that text's
	}
	s.saveQuiz(keptQuiz{Text: sum, Pairs: sharedQuiz(s.v.QA.Pairs), Mode: s.v.Quiz.Mode, Own: own})
}

// restoreQuiz brings back the list kept with the text now on show (a draft or workspace the page
// reopened), and quiz mode with it. A list found on an earlier text comes back too, marked as
// such (QAView.Stale), as it stood before the reload, when its answers are still this text's
// characters where they say (the text grew after them, say); otherwise it stays where it is,
// unshown, and the panel says that the questions kept are another text's. A list that does not
// read, or whose own text's answers are not where they say, is not shown and the panel says why
// (the next list found replaces it).
func (s *store) restoreQuiz() {
	if s.loadQuiz == nil || s.text == "" || (s.qaText == s.text && len(s.v.QA.Pairs) > 0) {
		return // the list on show is this text's already
	}
	q, err := s.loadQuiz()
	earlier := err == nil && q.Text != textSum(s.text)
	switch {
	case errors.Is(err, errNoQuiz):
		return
	case earlier && checkKeptPairs(s.text, q.Pairs) != nil:
		// A new user lost such a list at a reload without a word.
		if len(q.Pairs) > 0 && len(s.v.QA.Pairs) == 0 {
			s.v.QA.Note = fmt.Sprintf("The %s kept in this browser %s about another text: Find questions makes a list for this one.",
				count(len(q.Pairs), "question"), plural(len(q.Pairs), "is", "are"))
		}
		return
	case err == nil:
		err = checkKeptPairs(s.text, q.Pairs)
	}
	if err != nil {
		s.v.QA.Error = "The questions kept in this browser could not be brought back (" + err.Error() + "). Find them again."
		return
	}
	s.v.Quiz.Mode = q.Mode
	s.setQuizPairs(quizOfLink(s.text, q.Pairs))
	if len(q.Own) > 0 {
		own := make([]bool, len(s.v.QA.Pairs))
		for _, i := range q.Own {
			if i >= 0 && i < len(own) { // an index out of range names no pair: it is let go
				own[i] = true
			}
		}
		s.v.QA.Own = own
	}
	if earlier {
		s.qaText, s.qaSum, s.v.QA.Stale = "", q.Text, true
		s.keepQuiz() // under its own text's sum, which setQuizPairs wrote as this text's
	}
}

// checkKeptPairs says whether kept pairs fit text: each answer text's runes [Start, End), as they
// stand or as one line (qa.OneLine, as the generators write an answer across a line break), each
// with a question and the method of a generator the studio has.
func checkKeptPairs(text string, pairs []share.Pair) error {
	rs := []rune(text)
	for i, p := range pairs {
		switch {
		case p.Question == "":
			return fmt.Errorf("question %d is empty", i+1)
		case p.Method != qa.ByRules && p.Method != qa.ByModel:
			return fmt.Errorf("question %d names no generator Fabulist has", i+1)
		case p.Start < 0 || p.End <= p.Start || p.End > len(rs) || !sameAnswer(string(rs[p.Start:p.End]), p.Answer):
			return fmt.Errorf("question %d has its answer elsewhere than the text's characters %d to %d", i+1, p.Start, p.End)
		}
	}
	return nil
}

// dropQuizLink takes away the share link on show when it carries a quiz, since the list (or its
// mode) just changed and the link would share the one before (a new user saw "…with its 20
// questions" beside a list of 23).
func (s *store) dropQuizLink() {
	if s.v.Share == "" {
		return
	}
	if p, err := share.Decode(s.v.Share); err == nil && p.Quiz == nil {
		return // a link without the quiz is still true
	}
	s.forgetShareLink()
}

// sameAnswer reports whether answer is span, the text's runes it names, as they stand (lists kept
// before answers were written as one line) or as one line.
func sameAnswer(span, answer string) bool { return span == answer || qa.OneLine(span) == answer }
