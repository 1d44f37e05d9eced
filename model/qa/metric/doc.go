// Package metric scores generated questions against reference questions the way the
// question-generation literature does, and scores the answer tagger against gold tags.
//
// BLEU-1..4 and ROUGE-L follow the coco-caption scorer that Du et al. (2017) use through
// xinyadu/nqg's qgevalcap/eval.py (github.com/tylin/coco-caption, pycocoevalcap/bleu/bleu_scorer.py
// and pycocoevalcap/rouge/rouge.py; nqg carries identical copies). They are written here in Go
// from the formulas in that code, and the tests hold numbers produced by running that scorer.
// METEOR (a Java program) is not here.
//
// All scores are fractions in [0, 1]. The literature prints them ×100 (BLEU-4 12.28 is 0.1228
// here); a command line that reports them should print ×100 with two decimals, as
// ../shared/QA.md does, and say so.
//
// The scorers take tokens, not strings: coco-caption splits on spaces text that was already
// lower-cased and tokenized (nqg's data went through Stanford CoreNLP's PTB tokenizer). Tokenize
// is a small stand-in for that tokenizer, so that a generated question and a reference are split
// the same way; text that is already tokenized like nqg's is split with strings.Fields instead.
//
// As in nqg's eval.py, a corpus is one hypothesis per source sentence, and every reference
// question for that sentence is one of its references: grouping is the caller's job.
//
// TokenF1 and SpanF1 score the answer tagger (one bool per token: inside an answer or not).
package metric
