package metric

import (
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// Questions of nqg's tgt-test.txt, untokenized, give its tokens back.
		{"How often is Notre Dame's The Juggler published?", "how often is notre dame 's the juggler published ?"},
		{"How many departments are within the Stinson-Remick Hall of Engineering?", "how many departments are within the stinson-remick hall of engineering ?"},
		{"Where did U.S. News & World Report rank Notre Dame in its 2015-2016 university rankings?",
			"where did u.s . news & world report rank notre dame in its 2015-2016 university rankings ?"},
		{"Why didn't the fox eat 10,000 grapes, then?", "why did n't the fox eat 10,000 grapes , then ?"},
		{"It’s L'Oréal's; they'll see.", "it 's l'oréal 's ; they 'll see ."},
		{"\"Who?\" (she asked)", "\" who ? \" ( she asked )"},
		{"James' hat", "james ' hat"},
		{"  \t\n", ""},
		// Korean splits on spaces and punctuation; an emoji is a token of its own.
		{"여우는 포도를 먹었나요?🍇", "여우는 포도를 먹었나요 ? 🍇"},
		// A combining mark stays with what it follows: é written as e + U+0301.
		{"cafe\u0301!", "cafe\u0301 !"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got := Tokenize(tc.in)
			if want := strings.Fields(tc.want); !slices.Equal(got, want) {
				t.Errorf("Tokenize(%q) = %q; want %q", tc.in, got, want)
			}
		})
	}
}
