package rules

import "testing"

// TestCopulas checks the complements of "was" that went to the fallback (read on FairytaleQA
// train): a subject that is no simple noun phrase, a name's possessive before a noun, a quality
// after "not", and a feeling that looks like a passive.
func TestCopulas(t *testing.T) {
	checkAsk(t, []askCase{
		{"a subject with a clause in it", "The first bird he killed was a tom-tit.", "a tom-tit", "What was the first bird he killed?"},
		{"a subject with a phrase after it", "The remarkable thing about this child was his great strength.", "his great strength",
			"What was the remarkable thing about this child?"},
		{"no preposition as a subject", "Among those saved were several people from Skalunda.", "several people from Skalunda",
			"Among those saved were who ?"},
		{"a name's possessive", "Maisie's mother was overjoyed.", "overjoyed", "How did Maisie's mother feel?"},
		{"a name's possessive as the subject", "Jack's wife baked a cake.", "a cake", "What did Jack's wife bake?"},
		{"a quality after not", "The princess was not well pleased.", "not well pleased", "How did the princess feel?"},
		{"a feeling after will be", "The princess will be so grateful to you.", "grateful", "How will the princess feel to you?"},
		{"a complement after would be", "The king would be a good man.", "a good man", "Who would the king be?"},
		{"a feeling like a passive", "The King was much surprised.", "surprised", "How did the King feel?"},
	})
}
