package rules

import "testing"

// TestSymbolsAreNoWords checks that a symbol inside or at the end of an English sentence (an
// emoji, ©, ★) does not stop the rules reading it, that the question leaves the symbol out, that
// accented Latin words are words, and that other scripts still get a cloze.
func TestSymbolsAreNoWords(t *testing.T) {
	checkAsk(t, []askCase{
		{"emoji after the subject, the object", "The fox 🦊 saw the grapes.", "the grapes", "What did the fox see?"},
		{"emoji after the subject, the subject", "The fox 🦊 saw the grapes.", "The fox", "Who saw the grapes?"},
		{"emoji at the end", "The fox saw the grapes 🍇.", "The fox", "Who saw the grapes?"},
		{"symbols at both ends", "★ The fox saw the grapes ©.", "the grapes", "What did the fox see?"},
		{"a joined emoji inside the object", "The fox saw the farmer's 👨‍👩‍👧 family.", "The fox", "Who saw the farmer's family?"},
		{"a dingbat between two clauses", "The sun rose ✿ and the troll stiffened into stone.", "the troll",
			"Who stiffened into stone?"},
		{"accented names and words", "Zoë ordered a café au lait in Paris.", "Zoë", "Who ordered a café au lait in Paris?"},
		{"a combining mark", "Zoe\u0308 ordered a coffee.", "a coffee", "What did Zoe\u0308 order?"},
		{"an accented modifier", "The naïve girl sang.", "naïve", "What kind of girl sang?"},
		{"Korean with an emoji", "여우가 🦊 포도를 보았다.", "포도를", "여우가 🦊 ___ 보았다."},
		{"a symbol alone", "🦊🦊. The fox saw the grapes.", "🦊🦊", "___."},
	})
}

// TestPairsReadPastSymbols checks that Pairs asks about a sentence with an emoji in it as about
// the sentence without, and that its answers keep the emoji where they hold it.
func TestPairsReadPastSymbols(t *testing.T) {
	text := "The fox 🦊 saw the grapes."
	ps, err := Generator{}.Pairs(text, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Who saw the grapes?": "The fox", "What did the fox see?": "the grapes"}
	rs := []rune(text)
	for _, p := range ps {
		if a, ok := want[p.Question]; ok && p.Answer == a && string(rs[p.Start:p.End]) == a {
			delete(want, p.Question)
		}
	}
	for q, a := range want {
		t.Errorf("Pairs(%q) has no %q (answer %q); got %v", text, q, a, ps)
	}
}
