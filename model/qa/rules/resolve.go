package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// resolve replaces the first "he" or "she" of a question with the character its sentence's
// passage last named as a subject in the sentences before (Hobbs' rule of thumb, without
// gender): a reader sees the question without the story, and people name the character.
func resolve(rs []rune, sents []passage.Sentence, si int, q string) string {
	words := strings.Fields(q)
	at, tail := -1, ""
	for i, w := range words {
		bare := strings.TrimRight(w, "?,")
		if lw := strings.ToLower(bare); lw == "he" || lw == "she" {
			at, tail = i, w[len(bare):]
			break
		}
	}
	if at < 0 {
		return q
	}
	for k := si - 1; k >= 0 && k >= si-3; k-- {
		toks := sents[k].Tokens
		c, ok := parse(toks)
		if !ok || c.subj.j-c.subj.i > 4 || pronouns[lower(toks[c.subj.i])] {
			continue
		}
		head := toks[c.subj.j-1]
		if !capitalised(head) && !animate[lower(head)] || timeNouns[lower(head)] {
			continue
		}
		name := midSentence(render(rs, toks, c.subj.i, c.subj.j))
		if at == 0 {
			r := []rune(name)
			name = strings.ToUpper(string(r[:1])) + string(r[1:])
		}
		words[at] = name + tail
		return strings.Join(words, " ")
	}
	return q
}
