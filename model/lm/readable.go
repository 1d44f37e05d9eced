package lm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Readable turns word tokens into prose: Prose's pieces joined. See Prose for what it changes and
// what it keeps.
func Readable(tokens []string, split Split) string {
	return strings.Join(Prose(tokens, split), "")
}

// StoryBreak is what Prose writes where a story ends and another begins: a blank line.
const StoryBreak = "\n\n"

// Prose returns, for each word token, the text that shows it as prose: the piece of token i is
// what goes before it (a space, StoryBreak or nothing) and the token, capitalised where a
// sentence starts and for "i". Joined, the pieces are Readable; one piece per token lets the page
// mark a span of tokens in the prose.
//
// With SplitSpace (the book's cleaning, which spaces out each of !"#$%&()*+,-./:;<=>?@[\]^_`{|}~),
// punctuation is put back against its word: no space before , . ! ? ; : ) ] } %, none after
// ( [ { $ #, none around - and /, and quotes (") alternate between opening and closing from
// each story's start, what a quote opens starting with a capital, and what follows a question or
// an exclamation that a quote closes not (a speech tag, more often than not, in the book's fables
// as in most fiction: "How can I?" replied she). A run of separators (|) is a
// story break: StoryBreak between two stories, nothing at the text's start or end. Within a story the book's cleaning of the prose
// (CleanPrompt, then the tokenizer) gives the same tokens back: only its punctuation characters
// lose their spaces, which it puts back; two full stops keep a space between them, since it turns
// ".." into "."; and a capital is used only where lower-casing gives the token back. The breaks
// themselves cannot come back: the book's cleaning turns a blank line into ". " and a story break
// of its source into seq_length separators.
//
// With SplitWhite (no cleaning) tokens are joined as Decode joins them and only capitalised: a
// token such as "fox," is the text's own, and glueing a lone "-" to its neighbours would make a
// token the model never saw. Characters are not tokens of prose: the page shows them as they are.
func Prose(tokens []string, split Split) []string {
	pieces := make([]string, len(tokens))
	p := proseState{split: split, sentence: true}
	for i, tok := range tokens {
		if split == SplitSpace && tok == Separator {
			p.broken = p.started // a break only between two stories
			continue
		}
		pieces[i] = p.piece(tok)
	}
	return pieces
}

// proseState is what Prose remembers of the tokens before the next one.
type proseState struct {
	split    Split
	prev     string // the last token written, "" at a story's start
	started  bool   // a story has begun
	broken   bool   // a story break comes before the next token
	sentence bool   // the next word starts a sentence
	quoted   bool   // a quote is open
	opened   bool   // prev is an opening quote
}

func (p *proseState) piece(tok string) string {
	sep := " "
	switch {
	case !p.started:
		sep = ""
	case p.broken:
		sep = StoryBreak
		p.prev, p.quoted, p.opened, p.sentence = "", false, false, true
	}
	p.started, p.broken = true, false
	if p.split == SplitWhite {
		if !spaceBetween(p.prev, tok) && p.prev != "" {
			sep = ""
		}
		text := p.capitalise(tok)
		p.prev = tok
		return sep + text
	}
	opening := false
	if tok == `"` {
		opening = !p.quoted
		p.quoted = !p.quoted
		p.sentence = p.sentence || opening // what is said starts with a capital
	}
	if p.prev != "" && !p.spaced(tok, opening) {
		sep = ""
	}
	text := p.capitalise(tok)
	if tok == `"` && !opening && (p.prev == "?" || p.prev == "!") {
		p.sentence = false // a speech tag, more often than not: "How can I?" replied she
	}
	p.prev, p.opened = tok, opening
	return sep + text
}

// spaced reports whether a space goes between p.prev and tok (an opening quote when opening).
func (p *proseState) spaced(tok string, opening bool) bool {
	switch {
	case p.prev == "." && tok == ".":
		return true // the book's cleaning turns ".." into "."
	case p.opened, strings.Contains("([{$#-/", p.prev) && len(p.prev) == 1:
		return false
	case tok == `"`:
		return opening
	case len(tok) == 1 && strings.Contains(",.!?;:)]}%-/", tok):
		return false
	}
	return true
}

// capitalise gives tok a capital where a sentence starts, and to "i" and its contractions ("i'm"),
// when lower-casing the capital gives tok back (not "ı", "ſ" or a sigma, whose capitals lower to
// other letters), and notes whether tok ends a sentence.
func (p *proseState) capitalise(tok string) string {
	ends := tok == "." || tok == "!" || tok == "?" ||
		p.split == SplitWhite && strings.ContainsAny(lastRune(strings.TrimRight(tok, `"')]’”`)), ".!?") && !speechEnds(tok)
	defer func() {
		switch {
		case ends:
			p.sentence = true
		case p.sentence && startsWord(tok):
			p.sentence = false
		}
	}()
	word := strings.TrimLeft(tok, `"'([“‘`)
	if !(p.sentence && startsWord(tok)) && word != "i" && !strings.HasPrefix(word, "i'") && !strings.HasPrefix(word, "i’") {
		return tok
	}
	r, n := utf8.DecodeRuneInString(word)
	up := unicode.ToUpper(r)
	if up == r || r == 'σ' || r == 'ς' {
		return tok
	}
	capital := tok[:len(tok)-len(word)] + string(up) + word[n:]
	if Lower(capital) != tok {
		return tok
	}
	return capital
}

// speechEnds reports whether tok ends a question or an exclamation inside quotes ("why?", 'no!’):
// what follows is a speech tag more often than a new sentence ("Why?" said he), in the book's
// fables as in most fiction, while after a full stop inside quotes a sentence starts.
func speechEnds(tok string) bool {
	inner := strings.TrimRight(tok, `"'’”`)
	return len(inner) < len(tok) && strings.ContainsAny(lastRune(inner), "!?")
}

// startsWord reports whether a sentence starts with tok: not with a quote or a bracket before it.
func startsWord(tok string) bool {
	return strings.Trim(tok, `"'([{“‘`) != ""
}

func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}
