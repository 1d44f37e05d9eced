package rules

import "testing"

// An answer that opens with a preposition is not asked with a bare What that drops it ("What
// did he come?" for "to the river of nine bends", read on FairytaleQA train, as "from the flock"
// was in a new user's trial): a place after "to" or "by" is asked Where, a means or a manner
// after "with" or "by" How, a cause or a purpose after "for" Why, and any other keeps its
// preposition at the end.
func TestPrepositionalAnswersKeepTheirSense(t *testing.T) {
	checkAsk(t, []askCase{
		{"from, a place", "A Kid strayed from the flock and was chased by a Wolf.", "from the flock", "Where did the Kid stray?"},
		{"to, a place", "He came to the river of nine bends, whose green waters flowed along.", "to the river of nine bends", "Where did he come?"},
		{"to, a named place", "He rode to the West.", "to the West", "Where did he ride?"},
		{"by, a place", "The gardener left the hamper by the garden gate, so that the carrier could pick it up.", "by the garden gate",
			"Where did the gardener leave the hamper?"},
		{"with, a manner", "The parents treated him with every distinction.", "with every distinction", "How did the parents treat him?"},
		{"by, a means", "The Prince knew the Princess by a tiny fly on her cheek.", "by a tiny fly on her cheek", "How did the Prince know the Princess?"},
		{"for, a cause", "The sparrow thanked him for all the kindness he had shown her.", "for all the kindness he had shown her",
			"Why did the sparrow thank him?"},
		{"with, a person", "The Fox went with the Wolf.", "with the Wolf", "Who did the Fox go with?"},
		{"against, kept", "The Ox leaned against the old fence.", "against the old fence", "What did the Ox lean against?"},
	})
}
