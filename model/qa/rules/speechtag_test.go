package rules

import "testing"

// TestSpeechTags checks the clause of a speech tag after a quotation: a verb phrase that shares
// the speaker (`…," said the cat, and spoke to him …`) is asked with the speaker as its subject,
// and the speaker of a short quotation with the quotation, where both gave fragments before.
func TestSpeechTags(t *testing.T) {
	const cat = `"I am hungry," said the cat, and spoke to him about the mice.`
	checkAsk(t, []askCase{
		{"the speaker of a verb phrase after the tag", cat, "the cat", "Who spoke to him about the mice?"},
		{"the object of a verb phrase after the tag", cat, "the mice", "Who did the cat speak to him about?"},
		{"the verb phrase after the tag", cat, "spoke to him about the mice", "What did the cat do?"},
		{"the speaker before the verb", `"I am hungry," the cat said, and went away.`, "the cat", "Who went away?"},
		{"a place after curly quotes", "“Go away!” cried the Wolf, and ran into the wood.", "into the wood",
			"Where did the Wolf run?"},
		{"a pronoun for the speaker, named", `The cat was old. "I am hungry," said she, and ran into the wood.`, "into the wood",
			"Where did the cat run?"},
		{"the speaker alone", `"I am hungry," said the cat.`, "the cat", `Who said, "I am hungry"?`},
		{"the speaker alone, before the verb", `"I am hungry," the cat said.`, "the cat", `Who said, "I am hungry"?`},
		{"a feeling in the tag", `"Oh, why," said the Princess in distress, "must I do this?"`, "distress", "How did the Princess feel?"},
		{"a feeling with its adjective in the tag", `"Go away!" cried the Wolf in great anger.`, "great anger", "How did the Wolf feel?"},
		{"the speaker, the speech resuming", `'If thou leavest them,' said the hoodie, 'we will steal them.'`, "the hoodie",
			`Who said, "If thou leavest them"?`},
		{"the speaker and whom they spoke to", `"Take the purse," said the girl to the shoemaker, "I have no need of it."`, "the girl",
			`Who said to the shoemaker, "Take the purse"?`},
		{"the speaker alone, single quotes", `'Give me the youngest instead,' replied the youth.`, "the youth",
			`Who replied, "Give me the youngest instead"?`},
	})
}
