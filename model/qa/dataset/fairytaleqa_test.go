package dataset

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const (
	ftqHeader  = "question_id,local-or-sum,cor_section,attribute1,attribute2,question,ex-or-im1,answer1,answer2,answer3,ex-or-im2,answer4,answer5,answer6\n"
	ftqHeader2 = "question_id,local-or-sum,cor_section,ex-or-im1,attribute1,attribute2,question,answer1,answer2,answer3,ex-or-im2,answer4,answer5,answer6,comments\n"
	ftqStory   = "section,text\n" +
		"1,\"Once there was a fox, who\r\nwas hungry.\"\n" +
		"2,\"He saw \"\"sweet grapes\"\" on a vine.\"\n" +
		"3,\"옛날 🦊 여우가 포도를 보았다.\"\n"
)

// ftqTree is a FairytaleQA folder of two stories, one with each header order of the real files.
func ftqTree() map[string]string {
	return map[string]string{
		"section-stories/val/fox-story.csv": ftqStory,
		"questions/val/fox-questions.csv": ftqHeader +
			"1,local,1,character,,Who was hungry?,explicit,A fox,,,explicit,the fox,,\n" +
			"2,local,\"1, 2\",action,,What did he see?,explicit,Sweet grapes.,grapes,,explicit,grapes,,\n" +
			"3,summary,\"2,1\",feeling,,How did he feel?,implicit,greedy,,,implicit,\"eager, greedy\",hungry,\n",
		"section-stories/val/korean-story.csv": ftqStory,
		"questions/val/korean-questions.csv": ftqHeader2 +
			"1,local,3,explicit,action,,여우가 무엇을 보았나?,포도를,,,explicit,포도,,,a comment\n",
	}
}

func TestReadFairytaleQA(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, ftqTree())
	got, err := ReadFairytaleQA(dir, "val")
	if err != nil {
		t.Fatal(err)
	}
	s1 := "Once there was a fox, who\nwas hungry." // encoding/csv reads a quoted \r\n as \n
	s2 := `He saw "sweet grapes" on a vine.`
	s3 := "옛날 🦊 여우가 포도를 보았다."
	q := filepath.Join(dir, "questions", "val", "fox-questions.csv")
	k := filepath.Join(dir, "questions", "val", "korean-questions.csv")
	want := Set{
		{ID: "fox/1", Passage: s1, Question: "Who was hungry?", Answers: []string{"A fox", "the fox"},
			Start: 15, End: 20, Source: q + ":2"},
		{ID: "fox/2", Passage: s1 + SectionSep + s2, Question: "What did he see?",
			Answers: []string{"Sweet grapes.", "grapes", "grapes"}, Start: 47, End: 59, Source: q + ":3"},
		{ID: "fox/3", Passage: s2 + SectionSep + s1, Question: "How did he feel?",
			Answers: []string{"greedy", "eager, greedy", "hungry"}, Start: -1, End: -1, Source: q + ":4"},
		{ID: "korean/1", Passage: s3, Question: "여우가 무엇을 보았나?", Answers: []string{"포도를", "포도"},
			Start: 9, End: 12, Source: k + ":2"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%#v\nwant\n%#v", got, want)
	}
	if n := got.Spans(); n != 3 {
		t.Errorf("got %d spans; want 3", n)
	}
	for i, span := range []string{"a fox", "sweet grapes", "", "포도를"} {
		if got[i].Span() != span {
			t.Errorf("example %d: got span %q; want %q", i, got[i].Span(), span)
		}
	}
}

func TestReadFairytaleQAErrors(t *testing.T) {
	const (
		qfile = "questions/val/fox-questions.csv"
		sfile = "section-stories/val/fox-story.csv"
		row   = ",explicit,grapes,,,explicit,grapes,,\n"
	)
	for _, tc := range []struct {
		name, file, content string
		line                int
		want                string
	}{
		{"question header lacks a column", qfile, strings.Replace(ftqHeader, "cor_section,", "", 1), 1, `lacks column "cor_section"`},
		{"question header repeats a column", qfile, strings.Replace(ftqHeader, "attribute2", "attribute1", 1), 1, `names column "attribute1" twice`},
		{"empty question file", qfile, "", 0, "empty file"},
		{"too few fields", qfile, ftqHeader + "1,local,1,character,,Q?\n", 2, "wrong number of fields, want 14"},
		{"too many fields", qfile, ftqHeader + "1,local,1,character,,Q?" + row[:len(row)-1] + ",x\n", 2, "wrong number of fields"},
		{"bare quote", qfile, ftqHeader + "1,local,1,character,,Q \"x\"?" + row, 2, `column 24: bare " in non-quoted-field`},
		{"bare quote after Korean, column in runes", qfile, ftqHeader + "1,local,1,character,,여우 \"x\"?" + row, 2, `column 25: bare "`},
		{"unterminated quote", qfile, ftqHeader + "1,local,1,character,,\"Q?" + row, 2, "extraneous or missing"},
		{"cor_section names a missing section", qfile, ftqHeader + "1,local,1,c,,Q?" + row + "2,local,\"2,9\",c,,Q?" + row, 3, "cor_section: section 9 is not in the story"},
		{"cor_section is a range", qfile, ftqHeader + "1,local,1-2,c,,Q?" + row, 2, `cor_section: "1-2" is not a list`},
		{"cor_section is empty", qfile, ftqHeader + "1,local,,c,,Q?" + row, 2, `cor_section: "" is not a list`},
		{"cor_section repeats a section", qfile, ftqHeader + "1,local,\"1,1\",c,,Q?" + row, 2, "names section 1 twice"},
		{"empty answer1", qfile, ftqHeader + "1,local,1,c,,Q?,explicit, ,,,explicit,grapes,,\n", 2, "answer1: empty answer"},
		{"story header wrong", sfile, "sec,text\n1,x\n", 1, `lacks column "section"`},
		{"bad section number", sfile, "section,text\n1,a\nthree,b\n", 3, `section: "three" is not a section number`},
		{"section zero", sfile, "section,text\n0,a\n", 2, `"0" is not a section number`},
		{"story field count", sfile, "section,text\n1,a,b\n", 2, "wrong number of fields, want 2"},
		{"story over the size bound", sfile, ftqStory + strings.Repeat("4,x\n", 100), 0, "file is over"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func(n int64) { maxFileBytes = n }(maxFileBytes)
			maxFileBytes = 300
			dir := t.TempDir()
			files := ftqTree()
			files[tc.file] = tc.content
			writeFiles(t, dir, files)
			set, err := ReadFairytaleQA(dir, "val")
			if set != nil {
				t.Errorf("got %d examples with the error; want none", len(set))
			}
			checkError(t, err, filepath.Join(dir, filepath.FromSlash(tc.file)), tc.line, tc.want)
		})
	}
}

func TestReadFairytaleQAMissing(t *testing.T) {
	dir := t.TempDir()
	files := ftqTree()
	delete(files, "section-stories/val/korean-story.csv")
	writeFiles(t, dir, files)
	if _, err := ReadFairytaleQA(dir, "val"); err == nil || !strings.Contains(err.Error(), "korean-story.csv") {
		t.Errorf("missing story file: got error %v; want one naming korean-story.csv", err)
	}
	if _, err := ReadFairytaleQA(dir, "test"); err == nil || !strings.Contains(err.Error(), `no split "test"; it has val`) {
		t.Errorf("missing split: got error %v; want one naming the split and the splits there are", err)
	}
	if _, err := ReadFairytaleQA(t.TempDir(), "val"); err == nil || !strings.Contains(err.Error(), "not laid out as FairytaleQA") {
		t.Errorf("a folder without questions/: got error %v; want one saying it is not laid out as FairytaleQA", err)
	}
	writeFiles(t, dir, map[string]string{"questions/empty/README": "no questions here"})
	if _, err := ReadFairytaleQA(dir, "empty"); err == nil || !strings.Contains(err.Error(), "no *-questions.csv files") {
		t.Errorf("split without question files: got error %v; want \"no *-questions.csv files\"", err)
	}
}

// TestReadFairytaleQARepeatedSection checks that rows repeating a section number are kept, joined,
// as remarkable-rocket-story.csv needs.
func TestReadFairytaleQARepeatedSection(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"section-stories/val/r-story.csv": "section,text\n5,The fireworks began to talk.\n5,A squib cried.\n",
		"questions/val/r-questions.csv":   ftqHeader + "5,local,5,action,,What did they do?,explicit,began to talk,,,explicit,talked,,\n",
	})
	set, err := ReadFairytaleQA(dir, "val")
	if err != nil {
		t.Fatal(err)
	}
	if want := "The fireworks began to talk." + SectionSep + "A squib cried."; len(set) != 1 || set[0].Passage != want || set[0].Span() != "began to talk" {
		t.Errorf("got %+v; want one example with passage %q and span \"began to talk\"", set, want)
	}
}
