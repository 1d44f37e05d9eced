package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"

	"fabulist/model/qa"
	"fabulist/model/qa/dataset"
	"fabulist/model/qa/eval"
	"fabulist/model/qa/passage"
	"fabulist/model/qa/rules"
)

// The question generator's commands: the rules, or a model qa train wrote (-model).
var qaCommands = map[string]func(args []string, stdin io.Reader, stdout, stderr io.Writer) error{
	"generate": cmdQAGenerate,
	"ask":      cmdQAAsk,
	"eval":     cmdQAEval,
	"train":    cmdQATrain,
}

const qaUsage = `usage: fabulist qa <command> [flags]

commands:
  generate  question-answer pairs about a passage (the rules, English; or -model M)
  ask       a question for each {"context", "answer"} JSON line on standard input
  eval      BLEU and ROUGE-L of the questions on a dataset's split, answer-aware
  train     train a question model on a FairytaleQA folder or .zip, a SQuAD .json or the book's .csv
`

// qaStdin is what qa ask reads; tests replace it.
var qaStdin io.Reader = os.Stdin

func cmdQA(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"a command is required: " + strings.Join(qaNames(), ", ") + " (fabulist qa -h)"}
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, qaUsage) // asked for: the output, as run prints the commands' help
		return nil
	}
	cmd, ok := qaCommands[args[0]]
	if !ok {
		return usageError{fmt.Sprintf("unknown command %q (the qa commands: %s)", args[0], strings.Join(qaNames(), ", "))}
	}
	return cmd(args[1:], qaStdin, stdout, stderr)
}

// qaNames are the names of qa's commands, sorted.
func qaNames() []string {
	names := make([]string, 0, len(qaCommands))
	for n := range qaCommands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func cmdQAGenerate(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("qa generate", "[-model M [-beam 5]] [-n 20] [-json] FILE")
	model, beam := generatorFlags(fs)
	n := fs.Int("n", 20, "at most this many pairs, 1 to 1000")
	asJSON := fs.Bool("json", false, "one JSON object per line: question, answer, start, end (rune offsets), sentence (its text), sentence_index, method, score")
	if err := parseOnly(fs, args); err != nil {
		return err
	}
	if err := intIn("n", *n, 1, 1000); err != nil {
		return err
	}
	if err := oneFile(fs); err != nil {
		return err
	}
	g, err := generator(*model, *beam)
	if err != nil {
		return err
	}
	text, err := readText(fs.Arg(0))
	if err != nil {
		return err
	}
	_, byRules := g.(rules.Generator)
	var pairs []qa.Pair
	if byRules && !rules.ReadsEnglish(text) { // as the studio does: the rules read English only
		pairs = rules.Clozes(text, *n)
		fmt.Fprintf(stderr, "note: %s does not look like English, which the rules read: the questions are its sentences with a word blanked out (___)\n", fs.Arg(0))
	} else if pairs, err = g.Pairs(text, *n); err != nil {
		return err
	}
	if len(pairs) == 0 && byRules {
		fmt.Fprintf(stderr, "note: the rules found nothing to ask about in %s: they ask about sentences that say who did what, where, when or why\n", fs.Arg(0))
	} else if len(pairs) == 0 {
		fmt.Fprintf(stderr, "note: the model's tagger found no answer in %s\n", fs.Arg(0))
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	sents := passage.Split(text)
	runes := []rune(text)
	for _, p := range pairs {
		if *asJSON {
			row := generatedPair{Question: p.Question, Answer: p.Answer, Start: p.Start, End: p.End,
				SentenceIndex: p.Sentence, Method: p.Method, Score: p.Score}
			if j := passage.Holding(sents, p.Start); j >= 0 {
				row.Sentence = qa.OneLine(string(runes[sents[j].Start:sents[j].End]))
			}
			if err := enc.Encode(row); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(stdout, "%s\n    %s\n", p.Question, strings.Join(strings.Fields(p.Answer), " "))
	}
	return nil
}

// generatedPair is one line of qa generate -json, with the fields of the studio's export of its
// questions (app's quizRow) under the same names: sentence is the text, on one line, of the
// sentence (as passage.Split cuts the passage) that holds the answer's start, "" when none does.
// sentence_index is that sentence's number as the generator gave it (qa.Pair's Sentence, 0 first),
// which this output gave as "sentence" before.
type generatedPair struct {
	Question      string    `json:"question"`
	Answer        string    `json:"answer"`
	Start         int       `json:"start"` // rune offset in the passage
	End           int       `json:"end"`   // rune offset, exclusive
	Sentence      string    `json:"sentence"`
	SentenceIndex int       `json:"sentence_index"`
	Method        qa.Method `json:"method"`
	Score         float64   `json:"score"`
}

// askLine is one line qa ask reads.
type askLine struct {
	Context *string `json:"context"`
	Answer  *string `json:"answer"`
}

// askShape is the shape of a line of qa ask, for its messages.
const askShape = `{"context": "...", "answer": "..."}`

// readAskLine reads one line of qa ask. Its error starts where "line N" ends (", column C: …" or
// ": …") and says what is wrong in JSON's words: encoding/json's own ("json: cannot unmarshal
// string into Go value of type main.askLine") names Go's types, which a user never wrote.
func readAskLine(b []byte) (askLine, error) {
	var in askLine
	err := json.Unmarshal(b, &in)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset counts the bytes read up to and including the one at fault; the column counts runes.
		// encoding/json has no error value for a line that stops inside a value, only this text.
		if se.Error() == "unexpected end of JSON input" {
			col := len([]rune(string(b))) + 1
			return in, fmt.Errorf(", column %d: the JSON ends too soon; each line is one object, %s", col, askShape)
		}
		at := min(max(se.Offset-1, 0), int64(len(b)))
		col := len([]rune(string(b[:at]))) + 1
		return in, fmt.Errorf(", column %d: not JSON; each line is one object, %s", col, askShape)
	case errors.As(err, &te) && te.Field == "":
		return in, fmt.Errorf(": %s, not a JSON object; each line is one object, %s", dataset.JSONValue(te.Value), askShape)
	case errors.As(err, &te):
		return in, fmt.Errorf(": %q is %s; it must be a string", te.Field, dataset.JSONValue(te.Value))
	case err != nil:
		return in, fmt.Errorf(": not a JSON object (%v); each line is one object, %s", err, askShape)
	case in.Context == nil || in.Answer == nil:
		return in, fmt.Errorf(`: needs both "context" and "answer": %s`, askShape)
	}
	return in, nil
}

// maxAskLine bounds one line of qa ask's input, in bytes: a passage and its answer.
const maxAskLine = 1 << 20

func cmdQAAsk(args []string, stdin io.Reader, stdout, _ io.Writer) error {
	fs := newFlags("qa ask", `[-model M [-beam 5]] < lines of {"context": "...", "answer": "..."}`)
	model, beam := generatorFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	g, err := generator(*model, *beam)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64<<10), maxAskLine)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		in, err := readAskLine(sc.Bytes())
		if err != nil {
			return fmt.Errorf("line %d%v", line, err)
		}
		i := strings.Index(*in.Context, *in.Answer)
		if *in.Answer == "" || i < 0 {
			return fmt.Errorf("line %d: the answer %q is not in the context", line, *in.Answer)
		}
		start := len([]rune((*in.Context)[:i]))
		p, err := g.Ask(*in.Context, start, start+len([]rune(*in.Answer)))
		if err != nil {
			return fmt.Errorf("line %d: %v", line, err)
		}
		if err := enc.Encode(struct {
			Question string `json:"question"`
			Answer   string `json:"answer"`
		}{p.Question, p.Answer}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading standard input: %v (a line may hold at most %d MB)", err, maxAskLine>>20)
	}
	return nil
}

func cmdQAEval(args []string, _ io.Reader, stdout, _ io.Writer) error {
	fs := newFlags("qa eval", "-data DIR|FILE [-split val] [-generator rules|baseline | -model M [-beam 5]]")
	dir := fs.String("data", "", qaDataHelp)
	split := fs.String("split", "val", "the sub-folder of questions/ and section-stories/ to read (a zip: train or val; a .json or .csv is read whole)")
	gen := fs.String("generator", "rules", "rules, or baseline: the answer's sentence with a wh-word in its place (the floor)")
	model, beam := generatorFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return usageError{"-data is required"}
	}
	var g qa.Generator
	switch *gen {
	case "rules":
		g = rules.Generator{}
	case "baseline":
		g = rules.Baseline{}
	default:
		return usageError{fmt.Sprintf("-generator %q is neither rules nor baseline", *gen)}
	}
	if *model != "" {
		var err error
		if g, err = generator(*model, *beam); err != nil {
			return err
		}
	}
	set, err := qaEvalSet(*dir, *split)
	if err != nil {
		return err
	}
	r, err := eval.Questions(g, set)
	if err != nil {
		return err
	}
	res := struct {
		N                int      `json:"n"`
		BLEU1            float64  `json:"bleu1"`
		BLEU4            float64  `json:"bleu4"`
		RougeL           float64  `json:"rougeL"`
		TaggerF1         *float64 `json:"tagger_f1,omitempty"`
		TaggerF1Baseline *float64 `json:"tagger_f1_baseline,omitempty"`
	}{N: r.N, BLEU1: round2(100 * r.BLEU[0]), BLEU4: round2(100 * r.BLEU4), RougeL: round2(100 * r.RougeL)}
	if t, ok := g.(qa.Trained); ok {
		f1 := round2(100 * eval.Tagger(set, eval.ModelTagger(t.M)).F1)
		base := round2(100 * eval.Tagger(set, eval.CapitalsAndNumbers).F1)
		res.TaggerF1, res.TaggerF1Baseline = &f1, &base
	}
	return json.NewEncoder(stdout).Encode(res)
}

// generatorFlags adds -model and -beam to fs.
func generatorFlags(fs *flag.FlagSet) (model *string, beam *int) {
	model = fs.String("model", "", "a question model file (qa train); without it, the rules")
	beam = fs.Int("beam", 5, fmt.Sprintf("the model's beam width, 1 (greedy) to %d", qa.MaxBeam))
	return model, beam
}

// generator is the rules, or the model at path with a beam of width beam.
func generator(path string, beam int) (qa.Generator, error) {
	if err := intIn("beam", beam, 1, qa.MaxBeam); err != nil {
		return nil, err
	}
	if path == "" {
		return rules.Generator{}, nil
	}
	m, err := readDecoded(path, qa.MaxFileBytes, qa.Decode)
	if err != nil {
		return nil, err
	}
	return qa.NewTrained(m, beam)
}

// round2 keeps two decimals, as the literature prints scores ×100.
func round2(v float64) float64 { return math.Round(v*100) / 100 }
