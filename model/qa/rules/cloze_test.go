package rules

import (
	"strings"
	"testing"
)

// fable is an English story of the length a user pastes.
const fable = "A hungry Fox saw sweet grapes on a high vine. He jumped for them all day, but he could not reach them. " +
	"At last the Fox walked away and said that the grapes were sour. The Crow laughed at him from her tall tree."

func TestReadsEnglish(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       bool
	}{
		{"fable", fable, true},
		{"short", "The Fox ran.", true},
		{"emoji", "The 🦊 saw 🍇 and ran home, 🏠 happy. " + fable, true},
		{"korean", "토끼는 거북이에게 진 뒤로 부끄러워서 숲에 나오지 않았다.", false},
		{"french", "Maître Corbeau, sur un arbre perché, tenait en son bec un fromage. Maître Renard, par l'odeur alléché, " +
			"lui tint à peu près ce langage : Hé ! bonjour, Monsieur du Corbeau. Que vous êtes joli ! que vous me semblez beau !", false},
		{"german", "Ein Fuchs sah an einem hohen Weinstock schöne reife Trauben hängen. Er sprang und sprang, aber er " +
			"konnte sie nicht erreichen. Da ging er fort und sagte, die Trauben seien ihm noch zu sauer.", false},
		{"digits only", "1 2 3 4", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ReadsEnglish(c.text); got != c.want {
				t.Errorf("got %v; want %v", got, c.want)
			}
		})
	}
}

// TestClozesAskARepeatedSentenceOnce: a text that repeats a sentence (a trial's pasted story did)
// gets no question twice, and its other sentences are still asked.
func TestClozesAskARepeatedSentenceOnce(t *testing.T) {
	const once = "여우가 포도를 보았다. 거북이는 느렸지만 헤엄을 칠 수 있었다. "
	ps := Clozes(once+once+"토끼는 숲으로 달려갔다.", 20)
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.Question] {
			t.Errorf("%q asked twice", p.Question)
		}
		seen[p.Question] = true
	}
	if len(ps) != 3 {
		t.Errorf("%d questions %v; want one for each different sentence, 3", len(ps), ps)
	}
}

// A cloze starts at its sentence's first letter: an emoji after the full stop before it ends
// that sentence, whose cloze keeps it, and one that opens a line is no cloze's (a new user's
// trial read "🦊 ___는 느렸지만 …"). The answers keep their places.
func TestClozesStartAtTheFirstLetter(t *testing.T) {
	const text = "여우가 포도를 보았다 🍇. 여우는 배가 고팠다. 🦊 거북이는 느렸지만 헤엄을 칠 수 있었다. 🐢\n\n🐰 토끼는 숲으로 달려갔다."
	want := []string{"___가 포도를 보았다 🍇.", "___는 배가 고팠다. 🦊", "___는 느렸지만 헤엄을 칠 수 있었다. 🐢", "___는 숲으로 달려갔다."}
	ps := Clozes(text, 20)
	if len(ps) != len(want) {
		t.Fatalf("%d clozes %+v; want %d", len(ps), ps, len(want))
	}
	rs := []rune(text)
	for i, p := range ps {
		if p.Question != want[i] {
			t.Errorf("cloze %d: %q; want %q", i, p.Question, want[i])
		}
		if string(rs[p.Start:p.End]) != p.Answer {
			t.Errorf("cloze %d: answer %q at [%d, %d), where the text has %q", i, p.Answer, p.Start, p.End, string(rs[p.Start:p.End]))
		}
	}
	// Ask, about a word the user selects, quotes the sentence so too.
	if q := askAbout(t, text, "거북이").Question; q != "___는 느렸지만 헤엄을 칠 수 있었다. 🐢" {
		t.Errorf("Ask: %q; want %q", q, "___는 느렸지만 헤엄을 칠 수 있었다. 🐢")
	}
}

// A verb in -다가 ("달리다가", while running) is no noun with the particle 가: a trial's cloze
// blanked "달리다" and left a stray 가. The sea (바다가) still is one.
func TestClozesLeaveAVerbInDagaWhole(t *testing.T) {
	ps := Clozes("토끼는 빨리 달리다가 나무 아래에서 잠이 들었습니다.", 1)
	if len(ps) != 1 || ps[0].Answer == "달리다" || strings.Contains(ps[0].Question, "___가") {
		t.Errorf("clozes %+v; want a noun blanked, not the verb 달리다가", ps)
	}
	sea := Clozes("배는 넓은 바다가 좋았습니다.", 1)
	if len(sea) != 1 || sea[0].Answer != "바다" {
		t.Errorf("clozes %+v; want 바다 blanked without its 가", sea)
	}
}
