package rules

import "testing"

// TestInvertedSubjects checks a subject after its verb and a fronted phrase of place or time, or
// "there" or "out" alone:
// it is asked in its place before the verb, where the fallback gave "in the chariot sat what ?".
func TestInvertedSubjects(t *testing.T) {
	checkAsk(t, []askCase{
		{"there after the phrase", "In the midst of the cloud there stood a flying chariot.", "a flying chariot",
			"What stood in the midst of the cloud?"},
		{"after a connective", "The sun set, and soon in the chariot sat a band of luminous beings.", "a band of luminous beings",
			"What sat in the chariot?"},
		{"after a semicolon and but", "He was tired; but in the midst of the wood stood a tiny hut.", "a tiny hut",
			"What stood in the midst of the wood?"},
		{"a phrase after the answer", "More wonderful to behold, in the midst of the brilliance stood a tiny human being, only three inches in height.",
			"a tiny human being", "What stood in the midst of the brilliance?"},
		{"a time", "Then at midday came the giant's daughter.", "the giant's daughter", "Who came at midday?"},
		{"there at the sentence's start", "There stood a man.", "a man", "Who stood there?"},
		{"there alone", "The man stepped outside, there stood a great white bear.", "a great white bear", "Who stood there?"},
		{"out alone", "She opened the door a little way, and swish! out flew the moon.", "the moon", "What flew out?"},
		{"there and a place after the subject", "When she looked, there lay a pup in the basket.", "a pup", "What lay in the basket?"},
	})
}
