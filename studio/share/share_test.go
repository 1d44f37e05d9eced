package share

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/share/sharetest"
)

func sample() Payload {
	return Payload{Config: lm.QuickConfig(), GenSeed: 42, Prompt: "토끼와 🐢",
		Gen:  lm.GenOptions{SampleOptions: lm.SampleOptions{Temperature: 0.5, TopP: 0.9, TopK: 5}, N: 80, Mode: lm.GenStateful},
		Text: strings.Repeat("The fox saw the grapes. 토끼와 거북이. ", 50)}
}

func TestRoundTrip(t *testing.T) {
	for _, cell := range []lm.Cell{lm.CellLSTM, lm.CellGRU, lm.CellSimple} {
		t.Run(string(cell), func(t *testing.T) {
			p := sample()
			p.Config.Cell = cell
			link, err := Encode(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(link, "#s=1.") || len(link) > 2000 {
				t.Errorf("link %d bytes: %.40s…", len(link), link)
			}
			got, err := Decode(link)
			if err != nil || !reflect.DeepEqual(got, p) {
				t.Fatalf("round trip: %v\n got %+v\nwant %+v", err, got, p)
			}
		})
	}
}

// linkOf makes a version-1 link of a payload's JSON as it is, as Encode would.
func linkOf(t *testing.T, js string) string {
	t.Helper()
	return linkOfVersion(1, js)
}

// linkOfVersion makes a link of a payload's JSON as it is, with a correct hash, under the
// version given: what someone crafting a link can make.
func linkOfVersion(version int, js string) string { return sharetest.Link(version, []byte(js)) }

// TestRefusesSettingsItDoesNotKnow: a link whose settings have a field this version does not know
// (a newer Fabulist's) is refused rather than opened without it, as one with an unknown field of
// its own is; one whose settings lack the cell (made before the setting) opens as the LSTM.
func TestRefusesSettingsItDoesNotKnow(t *testing.T) {
	js, _ := json.Marshal(sample())
	for name, extra := range map[string]string{"in the settings": `"config":{"colour":"red",`, "in the link": `"colour":"red","config":{`} {
		t.Run(name, func(t *testing.T) {
			link := linkOf(t, strings.Replace(string(js), `"config":{`, extra, 1))
			if p, err := Decode(link); !errors.Is(err, ErrBroken) {
				t.Errorf("got %v (%+v); want %v", err, p, ErrBroken)
			}
		})
	}
	old := strings.Replace(string(js), `"cell":"lstm",`, "", 1)
	if old == string(js) {
		t.Fatalf("no cell in %s", js)
	}
	p, err := Decode(linkOf(t, old))
	if err != nil || !reflect.DeepEqual(p, sample()) {
		t.Errorf("a link without the cell: %v\n got %+v\nwant %+v", err, p, sample())
	}
}

func TestRefusesBrokenLinks(t *testing.T) {
	link, _ := Encode(sample())
	flip := []byte(link)
	flip[len(flip)/2] ^= 1
	bad := sample()
	bad.Config.Units = 0
	badLink, _ := Encode(bad)
	cases := map[string]struct {
		link string
		want error
	}{
		"empty":        {"", ErrNotShare},
		"other":        {"#section-2", ErrNotShare},
		"newer":        {"#s=5.abc", ErrVersion},
		"cut":          {link[:len(link)-10], ErrBroken},
		"edited":       {string(flip), ErrBroken},
		"not base64":   {"#s=1.***", ErrBroken},
		"out of range": {badLink, ErrBroken},
		"too long":     {"#s=1." + strings.Repeat("A", MaxFragment), ErrTooLong},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if p, err := Decode(c.link); !errors.Is(err, c.want) || !reflect.DeepEqual(p, Payload{}) {
				t.Errorf("got %v (%+v); want %v", err, p, c.want)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	link, _ := Encode(sample())
	f.Add(link)
	quiz, _ := Encode(quizSample())
	f.Add(quiz)
	extended := quizSample()
	extended.Weights, extended.MinCopied = lm.WeightsLatest, 3
	v3, _ := Encode(extended)
	f.Add(v3)
	// Quizzes whose answers sit elsewhere than they say, in a link with a correct hash.
	js, _ := json.Marshal(quizSample())
	for _, edit := range [][2]string{{`"start":0`, `"start":1`}, {`"end":2`, `"end":200`}, {`"answer":"토끼"`, `"answer":"거북"`}} {
		f.Add(linkOfVersion(2, strings.Replace(string(js), edit[0], edit[1], 1)))
	}
	f.Add("#s=1.")
	f.Add("#s=1.eJwDAAAAAAE")
	// Addresses people craft: invalid and cut escapes, markup, Korean, another version.
	for _, s := range []string{"#s=1.%%%", "#s=1.%E0%A4%A", "#<script>", "#s=1.토끼", "#s=2.x", "s=1.*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Decode(s)
		if err != nil {
			return
		}
		// Whatever decodes is a valid payload that survives another round trip.
		again, err := Encode(p)
		if err != nil {
			t.Fatal(err)
		}
		if q, err := Decode(again); err != nil || !reflect.DeepEqual(q, p) {
			t.Fatalf("re-encoded link does not round trip: %v", err)
		}
		// Every answer it carries is the text's characters where it says.
		runes := []rune(p.Text)
		for i, q := range p.Quiz {
			if q.Start < 0 || q.End > len(runes) || q.Start >= q.End || string(runes[q.Start:q.End]) != q.Answer {
				t.Fatalf("question %d's answer %q at [%d, %d) is not in the text (%d characters)", i+1, q.Answer, q.Start, q.End, len(runes))
			}
		}
		if len(p.Quiz) > MaxQuizPairs {
			t.Fatalf("%d questions decoded", len(p.Quiz))
		}
	})
}

// The longest link the studio makes still opens: the length limit sits above it.
func TestDecodesTheLongestLinkTheStudioMakes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	p := sample()
	var b strings.Builder
	for {
		for range 200 {
			b.WriteByte(byte('a' + rng.IntN(26)))
		}
		p.Text = b.String()
		link, err := Encode(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(link) > MaxLink-len("https://fabulist.example/") {
			break
		}
		if len(link) > MaxLink-2000 {
			if _, err := Decode(link); err != nil {
				t.Fatalf("a link of %d bytes: %v", len(link), err)
			}
		}
	}
}

func TestReasonIsInAUsersWords(t *testing.T) {
	for _, c := range []struct{ frag, want string }{
		{"#s=1.!!!", "the link is incomplete or has been changed"},
		{"#x=1", "not a Fabulist share link"},
		{"#s=9.abc", "this link was made by a newer Fabulist; reload the page for the newest, then open the link again"},
	} {
		_, err := Decode(c.frag)
		if got := Reason(err); got != c.want {
			t.Errorf("%s: Reason(%v) = %q; want %q", c.frag, err, got, c.want)
		}
	}
	if Reason(errors.New("other")) != "" {
		t.Error("an error of no kind of Decode's has a reason")
	}
}
