package lm

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// pythonData reads a file written by testdata/python.py: each line is a tag and its fields.
func pythonData(t *testing.T, name string) map[string][][]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		tag, rest, _ := strings.Cut(line, " ")
		if tag == "text" {
			// Two JSON strings, which may hold spaces.
			dec := json.NewDecoder(strings.NewReader(rest))
			var in, want string
			if dec.Decode(&in) != nil || dec.Decode(&want) != nil {
				t.Fatalf("%s: bad line %q", name, line)
			}
			out[tag] = append(out[tag], []string{in, want})
			continue
		}
		out[tag] = append(out[tag], strings.Fields(rest))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// pythonRanges collects the code points of the hex ranges (A-B or A) on every line of a tag.
func pythonRanges(t *testing.T, lines [][]string) codePoints {
	t.Helper()
	set := make(codePoints, unicode.MaxRune+1)
	for _, fields := range lines {
		for _, f := range fields {
			lo, hi, found := strings.Cut(f, "-")
			if !found {
				hi = lo
			}
			a, err1 := strconv.ParseUint(lo, 16, 32)
			b, err2 := strconv.ParseUint(hi, 16, 32)
			if err1 != nil || err2 != nil || a > b || b > unicode.MaxRune {
				t.Fatalf("bad range %q", f)
			}
			for r := a; r <= b; r++ {
				set[r] = true
			}
		}
	}
	return set
}

// codePoints is a set of code points, indexed by code point.
type codePoints []bool

func (c codePoints) count() (n int) {
	for _, in := range c {
		if in {
			n++
		}
	}
	return n
}

// pythonLower is lower.txt read: the code points that both Python's Unicode database and Go's
// unicode package assign, in order, and Python's lower() of each.
type pythonLower struct {
	runes []rune
	lower map[rune]string
	data  map[string][][]string
}

// goAssigned is every category but Cn (unassigned) and Cs (surrogates, which a Go string cannot
// hold), in Go's Unicode version.
var goAssigned = []*unicode.RangeTable{unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z,
	unicode.Cc, unicode.Cf, unicode.Co}

// pythonLowerRead keeps lower.txt once read: the tests that use it run one after another.
var pythonLowerRead *pythonLower

func readPythonLower(t *testing.T) pythonLower {
	t.Helper()
	if pythonLowerRead != nil {
		return *pythonLowerRead
	}
	data := pythonData(t, "lower.txt")
	py := pythonRanges(t, data["assigned"])
	p := pythonLower{lower: map[rune]string{}, data: data}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if py[r] && unicode.In(r, goAssigned...) {
			p.runes = append(p.runes, r)
		}
	}
	for _, f := range data["lower"] {
		var b strings.Builder
		for _, h := range f {
			v, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatalf("bad lower line %q", f)
			}
			b.WriteRune(rune(v))
		}
		r, _ := strconv.ParseUint(f[0], 16, 32)
		p.lower[rune(r)] = b.String()[len(string(rune(r))):]
	}
	t.Logf("Python's Unicode %s and Go's %s both assign %d code points (Python assigns %d)",
		data["unicode"][0][0], unicode.Version, len(p.runes), py.count())
	pythonLowerRead = &p
	return p
}

// of is Python's lower() of one code point.
func (p pythonLower) of(r rune) string {
	if l, ok := p.lower[r]; ok {
		return l
	}
	return string(r)
}

// checkAll lowers one text made of every case, joined by spaces, and compares it with what Python
// gives; on a difference it finds the first case that differs. A space is neither cased nor
// case-ignorable, so Python lowers such a text case by case.
func checkAll(t *testing.T, what string, runes []rune, in, want func(rune) string) {
	t.Helper()
	var text, expect []string
	for _, r := range runes {
		text, expect = append(text, in(r)), append(expect, want(r))
	}
	if Lower(strings.Join(text, " ")) == strings.Join(expect, " ") {
		return
	}
	bad := 0
	for _, r := range runes {
		if got := Lower(in(r)); got != want(r) {
			if bad++; bad <= 10 {
				t.Errorf("%s: Lower(%+q) = %+q; want %+q (Python)", what, in(r), got, want(r))
			}
		}
	}
	t.Errorf("%s: %d of %d code points differ from Python (%d alone: the rest only in a long text)", what, bad, len(runes), bad)
}

func TestLowerIsPythonsOnEveryCodePoint(t *testing.T) {
	p := readPythonLower(t)
	if len(p.runes) < 280000 {
		t.Fatalf("only %d code points to compare", len(p.runes))
	}
	checkAll(t, "mapping", p.runes, func(r rune) string { return string(r) }, p.of)
}

// TestLowerSigmaContextsArePythons checks, for every code point C, the sigma's form in ΑCΣ, CΣ and
// ΑΣC: whether Python skips C, or takes it for a cased letter, when it looks around a sigma.
func TestLowerSigmaContextsArePythons(t *testing.T) {
	p := readPythonLower(t)
	ignorable := pythonRanges(t, p.data["sigma-ignorable"])
	casedSet := pythonRanges(t, p.data["sigma-cased"])
	if ignorable.count() < 2000 || casedSet.count() < 4000 {
		t.Fatalf("lower.txt has %d sigma-ignorable and %d sigma-cased code points", ignorable.count(), casedSet.count())
	}
	sigma := func(final bool) string {
		if final {
			return "ς"
		}
		return "σ"
	}
	// A sigma as C has a context of its own: the texts "ΣΣ" and "ΑΣΣ" check it.
	runes := slices.DeleteFunc(slices.Clone(p.runes), func(r rune) bool { return r == capitalSigma })
	checkAll(t, "ΑCΣ", runes, func(r rune) string { return "Α" + string(r) + "Σ" },
		func(r rune) string { return "α" + p.of(r) + sigma(ignorable[r] || casedSet[r]) })
	checkAll(t, "CΣ", runes, func(r rune) string { return string(r) + "Σ" },
		func(r rune) string { return p.of(r) + sigma(casedSet[r]) })
	checkAll(t, "ΑΣC", runes, func(r rune) string { return "ΑΣ" + string(r) },
		func(r rune) string { return "α" + sigma(!casedSet[r]) + p.of(r) })
}

func TestLowerTextsArePythons(t *testing.T) {
	p := readPythonLower(t)
	if len(p.data["text"]) < 40 {
		t.Fatalf("lower.txt has %d texts", len(p.data["text"]))
	}
	for _, c := range p.data["text"] {
		t.Run(c[0], func(t *testing.T) {
			if got := Lower(c[0]); got != c[1] {
				t.Errorf("Lower(%+q) = %+q; want %+q (Python)", c[0], got, c[1])
			}
		})
	}
}

// TestLowerKeepsContextAcrossLongTexts puts a word-final sigma at every offset of the first few
// hundred bytes, where a transform that works in chunks (x/text's Caser.String) loses the letter
// before it.
func TestLowerKeepsContextAcrossLongTexts(t *testing.T) {
	for pad := range 300 {
		in := strings.Repeat("Α", pad%3) + strings.Repeat("a", pad) + " ΟΔΥΣΣΕΥΣ."
		want := strings.Repeat("α", pad%3) + strings.Repeat("a", pad) + " οδυσσευς."
		if got := Lower(in); got != want {
			t.Fatalf("offset %d: Lower gives …%q; want …%q", pad, got[len(got)-20:], want[len(want)-20:])
		}
	}
}

func TestLowerInvalidUTF8(t *testing.T) {
	if got, want := Lower("A\xffΣ\xfe\xfd"), "a\uFFFDσ\uFFFD\uFFFD"; got != want {
		t.Errorf("Lower = %+q; want %+q", got, want)
	}
}
