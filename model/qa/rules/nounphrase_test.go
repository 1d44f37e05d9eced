package rules

import "testing"

// TestQuantifiedNounPhrases checks noun phrases that open with a quantifier (read on FairytaleQA
// train, where they sent the clause to the fallback): "all his officials", "many of the men",
// "one of the sisters", and "almost always" between a subject and its verb.
func TestQuantifiedNounPhrases(t *testing.T) {
	checkAsk(t, []askCase{
		{"all and a determiner", "All his officials advised him not to do so.", "advised him not to do so",
			"What did all his officials do?"},
		{"many of, the object", "At the cousin's request, many of the men visited the fish-fire.", "the fish-fire",
			"What did many of the men visit?"},
		{"many of, the subject", "Many of the men visited the fish-fire.", "Many of the men", "Who visited the fish-fire?"},
		{"one of, the subject", "One of the sisters sang a song.", "One of the sisters", "Who sang a song?"},
		{"almost always", "He almost always had a long string of horses behind him.", "a long string of horses",
			"What did he almost always have behind him?"},
	})
}
