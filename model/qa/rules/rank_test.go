package rules

import (
	"reflect"
	"testing"

	"fabulist/model/qa"
	"fabulist/model/qa/passage"
)

func TestPick(t *testing.T) {
	// Each pair's answer is the runes [start, start+1): "g" asks about what "f" asked.
	p := func(s int, q string, score float64, start int) qa.Pair {
		return qa.Pair{Sentence: s, Question: q, Score: score, Start: start, End: start + 1}
	}
	bySentence := [][]qa.Pair{
		{p(0, "a", 3, 0), p(0, "b", 2.9, 1), p(0, "c", 2.8, 2)},
		{p(1, "d", 1, 10), p(1, "a", 0.9, 11), p(1, "e", 0.5, 12)},
		{p(2, "f", 2, 20), p(2, "g", 1.9, 20), p(2, "h", 1.8, 21)},
	}
	for _, c := range []struct {
		n    int
		want []string
	}{
		{2, []string{"a", "f"}},
		{3, []string{"a", "f", "d"}},
		{10, []string{"a", "f", "d", "b", "h", "e"}}, // at most two a sentence; "a" only once; "g" asks again about "f"'s answer
	} {
		var got []string
		for _, p := range pick(bySentence, c.n) {
			got = append(got, p.Question)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("pick(…, %d) = %q; want %q", c.n, got, c.want)
		}
	}
}

func TestScore(t *testing.T) {
	toks := passage.Tokenize("He saw the Fox near the old tree by the river.")
	good := score(scoreWho, "Who did he see near the old tree by the river?", toks, span{2, 4}, "the Fox")
	for _, c := range []struct {
		name string
		q    string
		a    span
		ans  string
	}{
		{"pronoun answer", "Who saw the Fox near the old tree by the river?", span{0, 1}, "He"},
		{"answer in the question", "Who did he see near the Fox by the river?", span{2, 4}, "the Fox"},
		{"too short", "Whom?", span{2, 4}, "the Fox"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := score(scoreWho, c.q, toks, c.a, c.ans); got >= good {
				t.Errorf("score(%q) = %v; want below %v", c.q, got, good)
			}
		})
	}
}

func TestVerbs(t *testing.T) {
	for _, c := range []struct {
		in    string
		tense tense
		base  string
	}{
		{"saw", past, "see"}, {"went", past, "go"}, {"walked", past, "walk"},
		{"stopped", past, "stop"}, {"carried", past, "carry"}, {"loved", past, "love"},
		{"caused", past, "cause"}, {"killed", past, "kill"}, {"assembled", past, "assemble"}, {"goes", third, "go"},
		{"untied", past, "untie"}, {"retied", past, "retie"}, {"unpinned", past, "unpin"}, {"rested", past, "rest"},
		{"sees", third, "see"}, {"tests", third, "test"}, {"carries", third, "carry"},
		{"seen", notVerb, ""}, {"grapes", notVerb, ""}, {"hundred", notVerb, ""}, {"was", notVerb, ""}, {"were", notVerb, ""},
		{"fox", notVerb, ""},
		{"resolved", past, "resolve"}, {"starved", past, "starve"}, {"ventured", past, "venture"}, {"captured", past, "capture"},
		{"poured", past, "pour"}, {"occurred", past, "occur"}, {"changed", past, "change"}, {"clothed", past, "clothe"},
		{"hired", past, "hire"}, {"dared", past, "dare"}, {"stared", past, "stare"}, {"admired", past, "admire"},
		{"murmured", past, "murmur"}, {"offered", past, "offer"}, {"feared", past, "fear"}, {"roared", past, "roar"},
		{"announced", past, "announce"}, {"forced", past, "force"}, {"urged", past, "urge"}, {"pledged", past, "pledge"},
		{"indulged", past, "indulge"}, {"inquired", past, "inquire"}, {"longed", past, "long"}, {"attacked", past, "attack"},
		{"divided", past, "divide"}, {"invaded", past, "invade"}, {"smoked", past, "smoke"}, {"determined", past, "determine"},
		{"noted", past, "note"}, {"saluted", past, "salute"}, {"guided", past, "guide"}, {"loaded", past, "load"},
		{"ruined", past, "ruin"}, {"shouted", past, "shout"}, {"complained", past, "complain"}, {"needed", past, "need"},
		{"visited", past, "visit"}, {"looked", past, "look"}, {"added", past, "add"}, {"ended", past, "end"},
		{"revelled", past, "revel"}, {"travelled", past, "travel"}, {"compelled", past, "compel"}, {"controlled", past, "control"},
		{"quarrelled", past, "quarrel"}, {"spelled", past, "spell"}, {"strolled", past, "stroll"}, {"dwelled", past, "dwell"},
		// A new user's trial read "What did the Doctor accordingly prescrib?" and "What did Jupiter
		// issu to all the beasts?"
		{"prescribed", past, "prescribe"}, {"described", past, "describe"}, {"bribed", past, "bribe"},
		{"issued", past, "issue"}, {"continued", past, "continue"}, {"pursued", past, "pursue"}, {"rescued", past, "rescue"},
		{"argued", past, "argue"}, {"queued", past, "queue"}, {"robbed", past, "rob"}, {"grabbed", past, "grab"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if tense, base := mainVerb(c.in); tense != c.tense || base != c.base {
				t.Errorf("mainVerb(%q) = %v, %q; want %v, %q", c.in, tense, base, c.tense, c.base)
			}
		})
	}
}

// TestPairsAskAReasonFirst: a Why whose reason is a long clause outranks the subject's Who in
// its sentence; the reason's length is no fault.
func TestPairsAskAReasonFirst(t *testing.T) {
	const text = "The Peacock was greatly discontented because he had not a beautiful voice like the Nightingale."
	ps, err := Generator{}.Pairs(text, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Why was the Peacock greatly discontented?"; len(ps) != 1 || ps[0].Question != want {
		t.Errorf("Pairs(%q, 1) = %+v; want %q", text, ps, want)
	}
}
