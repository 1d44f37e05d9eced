package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// A question about words in speech keeps the speaker's "I": `"I will eat the grapes," said the
// Fox` asked "What will I eat?", which a reader cannot place. When the sentence names the
// speaker, the question names them instead: "What will the Fox eat?".

// speechVerbs say that someone spoke, before or after their name beside a quotation.
var speechVerbs = &wordSet{list: `said says cried cries replied replies answered answers asked asks exclaimed shouted called
whispered added continued began screamed roared growled snapped thought`}

// isQuote reports whether t is a double quotation mark (single ones are also apostrophes).
func isQuote(t passage.Token) bool {
	return t.Kind == passage.Punct && strings.ContainsAny(t.Text, "\"“”«»")
}

// speakerOf returns who says the speech that holds the answer a: the noun phrase after a speech
// verb after the closing quotation mark (`," said the Fox`), or before one (`," the Fox said`).
// ok is false when a is not inside quotation marks, or the sentence does not name the speaker.
func speakerOf(rs []rune, toks []passage.Token, a span) (string, bool) {
	open := false
	for k := 0; k < a.i; k++ {
		if isQuote(toks[k]) {
			open = !open
		}
	}
	if !open {
		return "", false
	}
	q := a.j
	for q < len(toks) && !isQuote(toks[q]) {
		q++
	}
	end := sentenceEnd(toks)
	k := q + 1
	for k < end && toks[k].Text == "," {
		k++
	}
	if k >= end {
		return "", false
	}
	if speechVerbs.has(lower(toks[k])) {
		if j, ok := nounPhrase(toks, k+1, end); ok {
			return midSentence(render(rs, toks, k+1, j)), true
		}
		return "", false // "said he": no name
	}
	if j, ok := nounPhrase(toks, k, end); ok && j < end && speechVerbs.has(lower(toks[j])) {
		return midSentence(render(rs, toks, k, j)), true
	}
	return "", false
}

// firstPersonVerbs are the verbs that change with "I": "am I" becomes "is the Fox".
var firstPersonVerbs = map[string]string{"am": "is", "have": "has", "do": "does", "was": "was"}

// inThirdPerson rewrites the speaker's "I", "me" and "my" in the question q as the speaker's
// name, with the verb beside "I" made to agree: "What will I eat?" → "What will the Fox eat?",
// "What have I done?" → "What has the Fox done?".
func inThirdPerson(q, name string) string {
	words := strings.Fields(q)
	for i, w := range words {
		bare := strings.TrimRight(w, "?,")
		tail := w[len(bare):]
		switch bare {
		case "me":
			words[i] = name + tail
		case "I":
			words[i] = name + tail
			for _, n := range []int{i - 1, i + 1} {
				if n >= 0 && n < len(words) {
					if v, ok := firstPersonVerbs[strings.ToLower(strings.TrimRight(words[n], "?,"))]; ok {
						words[n] = v + words[n][len(strings.TrimRight(words[n], "?,")):]
					}
				}
			}
		case "my", "My":
			words[i] = name + "'s" + tail
		}
	}
	return strings.Join(words, " ")
}
