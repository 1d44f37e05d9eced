package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// resolve replaces the first "he" or "she" of a question about the answer, the runes [start,
// end) of sentence si, with the character it stands for (Hobbs' rule of thumb): the subject last
// named before the sentence's last "he" or "she" ahead of the answer, in the same sentence
// ("Mercury appeared …, and … he dived …, bringing up [a golden axe]" → Mercury), else in the
// three sentences before. A reader sees the question without the story, and people name the
// character. A pronoun after an answer that names a character stands for the answer ("[The
// old King] was so frightened that he nearly fainted"), and stays.
//
// A "they" is named so too when it is the question's subject, right after its auxiliary ("What
// did they change?" → "What did the Mice change?"), by a plural or two joined by "and"; one later
// in a question is most often its subject's own ("What did the giants do as they saw him?").
func resolve(rs []rune, sents []passage.Sentence, si, start, end int, q string) string {
	q = resolvePronoun(rs, sents, si, start, end, q, func(words []string, i int, w string) bool { return w == "he" || w == "she" })
	return resolvePronoun(rs, sents, si, start, end, q, func(words []string, i int, w string) bool {
		return w == "they" && i >= 2 && i <= 4 && auxiliaries.has(strings.ToLower(words[i-1]))
	})
}

// resolvePronoun names the first pronoun of the question q that is wanted (its words, its index
// and the pronoun in lower case) as resolve says.
func resolvePronoun(rs []rune, sents []passage.Sentence, si, start, end int, q string, wanted func(words []string, i int, w string) bool) string {
	words := strings.Fields(q)
	at, tail, pro := -1, "", ""
	for i, w := range words {
		bare := strings.TrimRight(w, "?,")
		if lw := strings.ToLower(bare); wanted(words, i, lw) {
			at, tail, pro = i, w[len(bare):], lw
			break
		}
	}
	if at < 0 {
		return q
	}
	fits := func(name string) bool {
		// "What did the eldest Princess say she would?": she is the Princess, named already.
		return agrees(pro, name) && !containsWords(q, name)
	}
	toks := sents[si].Tokens
	if a, whole := tokenSpan(toks, start, end); whole && !pronounBefore(toks, start, pro) && character(rs, toks, a) {
		return q
	}
	name, ok := namedBefore(rs, toks, start, pro, fits)
	for k := si - 1; !ok && k >= 0 && k >= si-3; k-- {
		toks := sents[k].Tokens
		c, parsed := parse(toks)
		if parsed {
			name, ok = named(rs, toks, c)
			ok = ok && fits(name)
		}
		if !ok {
			// The main clause's subject does not fit ("The Giant …" for a "she"): another
			// clause's subject may ("…, and the Princess …").
			name, ok = namedFirst(rs, toks, fits)
		}
		if ok && indefinite.has(strings.ToLower(strings.Fields(name)[0])) {
			// "A Woodman was felling a tree." → "the Woodman" ever after.
			name = "the" + name[len(strings.Fields(name)[0]):]
		}
	}
	if !ok {
		return q
	}
	if at == 0 {
		r := []rune(name)
		name = strings.ToUpper(string(r[:1])) + string(r[1:])
	}
	words[at] = name + tail
	return strings.Join(words, " ")
}

// pronounBefore reports whether a pronoun of pro's kind (a "he" or "she" for either, a "they")
// stands in the sentence toks before the rune start.
func pronounBefore(toks []passage.Token, start int, pro string) bool {
	for _, t := range toks {
		if t.Start >= start {
			return false
		}
		if sameKind(lower(t), pro) {
			return true
		}
	}
	return false
}

// sameKind reports whether the word w is a pronoun of pro's kind: "he" and "she" are one kind,
// the singular a question names a character for, and "they" another.
func sameKind(w, pro string) bool {
	if pro == "they" {
		return w == "they"
	}
	return w == "he" || w == "she"
}

// character reports whether the span a of a passage's sentence names a person or an animal: a
// pronoun, or a noun phrase whose head is a name or an animate noun.
func character(rs []rune, toks []passage.Token, a span) bool {
	if a.j-a.i == 1 && subjectPronouns.has(lower(toks[a.i])) {
		return true
	}
	head := phraseHead(toks, a)
	k := a.j - 1
	for k > a.i && toks[k] != head {
		k--
	}
	return person(rs, toks, k) || isAnimate(lower(head))
}

// indefinite are the articles that introduce a character, whom a later sentence names with "the".
var indefinite = &wordSet{list: `a an`}

// named returns the subject of c, in a sentence of the passage rs, when it names a character: a
// phrase of at most four words whose head is a name or an animate noun, not a pronoun or a time.
func named(rs []rune, toks []passage.Token, c clause) (string, bool) {
	if c.subj.j-c.subj.i > 4 || pronouns.has(lower(toks[c.subj.i])) || quantifiers.has(lower(toks[c.subj.i])) {
		return "", false
	}
	head := phraseHead(toks, c.subj) // "the abode of Fairies" names a place
	k := c.subj.j - 1
	for k > c.subj.i && toks[k] != head {
		k--
	}
	if !person(rs, toks, k) && !isAnimate(lower(head)) || timeNouns.has(lower(head)) {
		return "", false
	}
	return midSentence(render(rs, toks, c.subj.i, c.subj.j)), true
}

// namedBefore returns the character (named) that fits and was last named as a subject in the
// sentence toks before its last pronoun of pro's kind (sameKind) ahead of the rune start, which
// is the pronoun a question about the answer at start keeps; ok is false when no such pronoun or
// name stands there.
func namedBefore(rs []rune, toks []passage.Token, start int, pro string, fits func(string) bool) (string, bool) {
	bound := -1
	for k, t := range toks {
		if t.Start >= start {
			break
		}
		if sameKind(lower(t), pro) {
			bound = k
		}
	}
	name, found, last := "", false, -1
	end := sentenceEnd(toks)
	for k := 0; k < bound; k++ {
		if !clauseStart(toks, k) {
			continue
		}
		c, ok := clauseAt(toks, k, end)
		if !ok || c.subj.j > bound || c.subj.i <= last {
			continue
		}
		if n, ok := named(rs, toks, c); ok && fits(n) {
			name, found, last = n, true, c.subj.i
		}
	}
	return name, found
}

// namedFirst returns the first character (named) that fits, named as the subject of any clause
// of the sentence toks.
func namedFirst(rs []rune, toks []passage.Token, fits func(string) bool) (string, bool) {
	end := sentenceEnd(toks)
	for k := 0; k < end; k++ {
		if !clauseStart(toks, k) {
			continue
		}
		if c, ok := clauseAt(toks, k, end); ok {
			if n, ok := named(rs, toks, c); ok && fits(n) {
				return n, true
			}
		}
	}
	return "", false
}

// quantifiers open a subject that names no one character ("no man", "each Fairy", "all except
// poor Assipattle"), or one in speech, whom the narrator does not call so ("my master").
var quantifiers = &wordSet{list: `no each every all any some both either neither several many few none whoever whatever
my your our`}

// females and males are the nouns whose gender a "she" or a "he" must agree with; a name, or
// any other noun, agrees with both.
var (
	females = &wordSet{list: `woman women girl girls queen princess mother daughter daughters wife sister sisters lady
maiden maid lass widow bride heroine aunt grandmother goddess empress duchess witch dame nun
hen cow mare vixen ewe`}
	males = &wordSet{list: `man men boy boys king prince father son sons husband brother brothers lord lad youth
widower bridegroom hero uncle grandfather god emperor duke knight monk priest giant wizard
sorcerer bull ox cock stag buck ram farmer shepherd woodman woodcutter fisherman hunter huntsman
miller tailor shoemaker merchant soldier sailor squire page-boy`}
	// plurals stand for no "he" or "she", though they end in no -s.
	plurals = &wordSet{list: `couple people folk children men women brothers sisters parents mice geese oxen`}
)

// agrees reports whether the pronoun pro ("he", "she" or "they") may stand for name: not a
// woman for "he", nor a man for "she", nor a plural for either, and only a plural for "they"
// (pluralName). A possessive's owner is not the head ("the king's daughter").
func agrees(pro, name string) bool {
	f := strings.Fields(strings.ToLower(name))
	if pro == "they" {
		return pluralName(f)
	}
	head := f[len(f)-1]
	for i, w := range f {
		if w == "of" && i > 0 {
			head = f[i-1] // "the son of a poor family"
			break
		}
	}
	if plurals.has(head) || len(f) > 1 && determiners.has(f[0]) && strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss") {
		return false // "the foremost Fairies", "the old couple"
	}
	for _, w := range f {
		if pro == "he" && females.has(w) || pro == "she" && males.has(w) {
			return false // "Brother Paul", "Princess Moonlight"
		}
		if w == head {
			break
		}
	}
	return true
}

// pluralName reports whether a name, in lower-case words, stands for a "they": two joined by
// "and" ("Ribby and Tabitha"), or a plural head ("the servants", "the people"), by the same
// -s as agrees reads (not "-ss": "the Princess").
func pluralName(f []string) bool {
	head := f[len(f)-1]
	for i, w := range f {
		if w == "and" {
			return true
		}
		if w == "of" && i > 0 {
			head = f[i-1] // "the sons of the King"
			break
		}
	}
	return plurals.has(head) || len(f) > 1 && determiners.has(f[0]) && strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss")
}
