package dataset

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// FairytaleQA's column names (uci-soe/FairytaleQAData, data-by-train-split; Xu et al., "Fantastic
// Questions and Where to Find Them: FairytaleQA", ACL 2022).
var (
	fairytaleQuestionHeader = []string{"question_id", "local-or-sum", "cor_section", "attribute1",
		"attribute2", "question", "ex-or-im1", "answer1", "answer2", "answer3", "ex-or-im2", "answer4",
		"answer5", "answer6"}
	fairytaleStoryHeader = []string{"section", "text"}
)

// answerColumns are the answer columns in the order Answers keeps them: answer1 (the main answer)
// and answer4 are two annotators' answers; 2, 3, 5 and 6 are their alternatives.
var answerColumns = []string{"answer1", "answer4", "answer2", "answer3", "answer5", "answer6"}

// SectionSep joins the sections that a FairytaleQA question cites into its passage.
const SectionSep = "\n\n"

// ReadFairytaleQA reads one split of FairytaleQA from dir, laid out as the dataset's
// data-by-train-split folder: dir/questions/<split>/<story>-questions.csv (columns question_id,
// local-or-sum, cor_section, attribute1, attribute2, question, ex-or-im1, answer1, answer2,
// answer3, ex-or-im2, answer4, answer5, answer6, found by name: 15 of the dataset's files put
// ex-or-im1 fourth and two add a comments column) and
// dir/section-stories/<split>/<story>-story.csv (columns section, text). Stories are read in
// name order, questions in file order. A held-out split laid out the same way reads the same way.
//
// A question's passage is the sections its cor_section names ("3", or several such as "1,2" or
// "4, 5"), in that order, joined by SectionSep; rows of a story file that repeat a section number
// count as one section, joined the same way. Answers are the non-empty answer columns, answer1
// first, then answer4 (the second annotator's), then the alternatives 2, 3, 5 and 6. Start and
// End locate answer1 in the passage by MatchSpan's rule, or are -1 when it is not a span (about
// half of FairytaleQA's answers are free-form).
//
// The error is an *Error naming the file and line for a header that lacks a column or repeats
// one, a wrong field count, a bad quote, a section number that is not a positive integer, an
// empty answer1, or a cor_section that is malformed, repeats a section or names one the story
// lacks. A missing story file, a missing split and a split without question files are errors
// too; any error returns no examples.
func ReadFairytaleQA(dir, split string) (Set, error) {
	return readFairytaleQA(os.DirFS(dir), ".", split, func(p string) string {
		return filepath.Join(dir, filepath.FromSlash(p))
	}, dir)
}

// ReadFairytaleQAFS reads one split of FairytaleQA from fsys, as ReadFairytaleQA reads it from a
// folder: a dropped folder, or a zip opened with OpenZip. The data-by-train-split folder may be
// fsys's root or any folder below it (a zip of the folder has it one level down), found as the
// shallowest folder holding questions/<split>. Errors name files by their paths in fsys
// ("FairytaleQA/questions/train/fox-questions.csv"). Files over MaxFileBytes are refused before
// they are read.
func ReadFairytaleQAFS(fsys fs.FS, split string) (Set, error) {
	root, err := findSplit(fsys, split)
	if err != nil {
		return nil, err
	}
	return readFairytaleQA(fsys, root, split, func(p string) string { return p }, "the dataset")
}

// findSplit is the shallowest folder of fsys that holds questions/<split>; without one, the
// shallowest that holds questions/ (so that the error names the splits it has), else ".".
func findSplit(fsys fs.FS, split string) (string, error) {
	best, any := "", ""
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() || path.Base(p) != "questions" {
			return nil
		}
		root := path.Dir(p)
		if any == "" || depth(root) < depth(any) {
			any = root
		}
		if st, err := fs.Stat(fsys, path.Join(p, split)); err == nil && st.IsDir() && (best == "" || depth(root) < depth(best)) {
			best = root
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("dataset: %w", err)
	}
	switch {
	case best != "":
		return best, nil
	case any != "":
		return any, nil
	}
	return ".", nil
}

// depth counts a slash path's folders ("." is 0).
func depth(p string) int {
	if p == "." {
		return 0
	}
	return strings.Count(p, "/") + 1
}

// readFairytaleQA reads a split of the FairytaleQA folder root of fsys; name turns a path of fsys
// into the name errors and Sources give, and where names root in an error about the layout.
func readFairytaleQA(fsys fs.FS, root, split string, name func(string) string, where string) (Set, error) {
	qdir := path.Join(root, "questions", split)
	names, err := fs.Glob(fsys, path.Join(globEscape(qdir), "*-questions.csv"))
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	if len(names) == 0 {
		if _, err := fs.Stat(fsys, qdir); err != nil {
			return nil, missingSplit(fsys, root, where, split, err)
		}
		return nil, fmt.Errorf("dataset: no *-questions.csv files in %s", name(qdir))
	}
	sort.Strings(names)
	var set Set
	for _, qpath := range names {
		story := strings.TrimSuffix(path.Base(qpath), "-questions.csv")
		spath := path.Join(root, "section-stories", split, story+"-story.csv")
		sdata, err := readFSFile(fsys, spath, name(spath))
		if err != nil {
			return nil, err
		}
		sections, err := readSections(name(spath), sdata)
		if err != nil {
			return nil, err
		}
		qdata, err := readFSFile(fsys, qpath, name(qpath))
		if err != nil {
			return nil, err
		}
		if set, err = readFairytaleQuestions(set, name(qpath), story, qdata, sections); err != nil {
			return nil, err
		}
	}
	return set, nil
}

// globEscape escapes the characters fs.Glob would read as a pattern in a literal path.
func globEscape(p string) string {
	var b strings.Builder
	for _, r := range p {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// readSections reads a story file: its sections' texts by section number. Rows that repeat a
// section number are joined with SectionSep.
func readSections(name string, data []byte) (map[int]string, error) {
	f, err := newCSV(name, data, fairytaleStoryHeader...)
	if err != nil {
		return nil, err
	}
	sections := map[int]string{}
	for {
		rec, line, err := f.next()
		if err == io.EOF {
			return sections, nil
		}
		if err != nil {
			return nil, err
		}
		n, err := strconv.Atoi(rec("section"))
		if err != nil || n < 1 {
			return nil, &Error{File: name, Line: line, Where: "section", Msg: fmt.Sprintf("%q is not a section number (1, 2, …)", rec("section"))}
		}
		if text, dup := sections[n]; dup {
			// One story of the train split (remarkable-rocket) numbers two sections 5, and a
			// question citing 5 answers from the second: keep both, in file order.
			sections[n] = text + SectionSep + rec("text")
			continue
		}
		sections[n] = rec("text")
	}
}

// readFairytaleQuestions appends the examples of a question file to set.
func readFairytaleQuestions(set Set, name, story string, data []byte, sections map[int]string) (Set, error) {
	f, err := newCSV(name, data, fairytaleQuestionHeader...)
	if err != nil {
		return set, err
	}
	for {
		rec, line, err := f.next()
		if err == io.EOF {
			return set, nil
		}
		if err != nil {
			return set, err
		}
		passage, err := citedPassage(rec("cor_section"), sections)
		if err != nil {
			return set, &Error{File: name, Line: line, Where: "cor_section", Msg: err.Error()}
		}
		if strings.TrimSpace(rec("answer1")) == "" {
			return set, &Error{File: name, Line: line, Where: "answer1", Msg: "empty answer"}
		}
		var answers []string
		for _, c := range answerColumns {
			if strings.TrimSpace(rec(c)) != "" {
				answers = append(answers, rec(c))
			}
		}
		start, end := MatchSpan(passage, rec("answer1"))
		set = append(set, Example{
			ID:       story + "/" + rec("question_id"),
			Passage:  passage,
			Question: rec("question"),
			Answers:  answers,
			Start:    start,
			End:      end,
			Source:   fmt.Sprintf("%s:%d", name, line),
		})
	}
}

// citedPassage joins the sections that a cor_section field names: comma-separated section
// numbers, with optional spaces.
func citedPassage(field string, sections map[int]string) (string, error) {
	var parts []string
	seen := map[int]bool{}
	for _, s := range strings.Split(field, ",") {
		s = strings.TrimSpace(s)
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return "", fmt.Errorf("%q is not a list of section numbers such as \"1,2\"", field)
		}
		text, ok := sections[n]
		if !ok {
			return "", fmt.Errorf("section %d is not in the story", n)
		}
		if seen[n] {
			return "", fmt.Errorf("%q names section %d twice", field, n)
		}
		seen[n] = true
		parts = append(parts, text)
	}
	return strings.Join(parts, SectionSep), nil
}

// missingSplit says that root of fsys (called where) has no split of that name, naming the
// splits it has (the folders of root/questions), or, when it has none, that it is not laid out
// as FairytaleQA is.
func missingSplit(fsys fs.FS, root, where, split string, err error) error {
	entries, rerr := fs.ReadDir(fsys, path.Join(root, "questions"))
	var splits []string
	for _, e := range entries {
		if e.IsDir() {
			splits = append(splits, e.Name())
		}
	}
	if rerr != nil || len(splits) == 0 {
		return fmt.Errorf("dataset: %s is not laid out as FairytaleQA (questions/SPLIT/*-questions.csv): %w", where, err)
	}
	return fmt.Errorf("dataset: %s has no split %q; it has %s", where, split, strings.Join(splits, ", "))
}
