package rules

import "testing"

// TestAskPhrasalVerbs: the preposition of a phrasal verb ("hit on", "look at") is asked about
// as an object, never as a place.
func TestAskPhrasalVerbs(t *testing.T) {
	checkAsk(t, []askCase{
		{"hit on", "So the Farmer hit on a trick.", "on a trick", "What did the Farmer hit on?"},
		{"looked at", "The Hare looked at the sky.", "at the sky", "What did the Hare look at?"},
		{"a place after another verb", "The Wolf lived in a cave.", "in a cave", "Where did the Wolf live?"},
	})
}
