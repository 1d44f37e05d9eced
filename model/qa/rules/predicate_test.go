package rules

import "testing"

// TestPredicatesTheRulesMissed checks verb phrases that went to the fallback ("who what ?",
// "Mistress Madge what ?"): an adverb before the verb that starts the answer, "did" as the main
// verb, a two-word adverb between the subject and the verb, and "bade".
func TestPredicatesTheRulesMissed(t *testing.T) {
	checkAsk(t, []askCase{
		{"an adverb before the verb, after who", "Assipattle was a lazy boy, who never did any work on the farm.",
			"never did any work on the farm", "What did a lazy boy do?"},
		{"an adverb before the verb, after he", "And he immediately changed himself into a wolf, and sped past Monedowa.",
			"immediately changed himself into a wolf", "What did he do?"},
		{"did as the main verb", "He did nothing all day.", "nothing", "What did he do all day?"},
		{"did and a determiner", "The boy did his best.", "his best", "What did the boy do?"},
		{"bade", "And Mistress Madge bade her own maid go to the widow.", "bade her own maid go to the widow",
			"What did Mistress Madge do?"},
		{"from the modal", "The giant could not get a sight of his enemy.", "could not get a sight of his enemy",
			"What could the giant not do?"},
		{"from the auxiliary of a passive", "They were left without parents and without food.", "were left without parents and without food",
			"What happened to them?"},
		{"all after a pronoun subject", "They all lived together in the grand Dublin house.", "in the grand Dublin house",
			"Where did they all live together?"},
		{"would have to", "Halvor would have to eat and drink.", "eat and drink", "What would Halvor have to do?"},
		{"would have and a participle", "The king would have gone home.", "gone home", "What would the king have done?"},
		{"could be and a participle", "The castle could be seen from afar.", "seen from afar", "What happened to the castle?"},
		{"led after a subject with a number", "Two servants led Prince Milan to a beautiful apartment.", "a beautiful apartment",
			"Where did two servants lead Prince Milan to?"},
		{"at once between the subject and the verb", "She at once put it on and wished herself back in her own room.",
			"wished herself back in her own room", "What did she do after she put it on?"},
	})
}
