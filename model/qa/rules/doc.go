// Package rules writes question–answer pairs about a passage with hand-written rules and no
// training: the rule-based tier of Fabulist's question generator (../shared/QA.md §3), after the
// overgenerate-and-rank design of Heilman and Smith (2010) and the cloze baselines of Lewis et
// al. (2019), without a parser or a tagger. It reads English only.
//
// Answers are found from surface patterns: noun phrases in subject and object position and
// capitalised names (asked with Who or What; a capital at a sentence's start alone names no one,
// person.go), numbers (How many, How much), dates and time phrases (When: "one day", "in
// winter", "on the third day", "that night"; see when.go), lengths of time (How long: "all day",
// "for three days"; duration.go), "in/at/on … the X" after the verb (Where, unless X is a time),
// clauses after "because", "so that" and "in order to" (Why), and "X was a Y" (What was X?). A subject question replaces the subject
// with its wh-word; other questions invert the subject and an auxiliary, or use do-support with
// the verb's base form from a table of irregular verbs and -ed/-s stripping. An event after a light
// verb ("had a nasty fall") keeps its noun: "What kind of fall did he have?" (lightverbs.go). A
// cloze question (the sentence with the answer blanked out) is for text the rules cannot read:
// Pairs asks clozes of sentences in other scripts, and of an English passage only when it asks
// that passage no question (an English sentence among questions gets a wh-question or nothing,
// speech too), and Ask falls back to one for a span no rule reads.
//
// Asked about a given answer (Generator.Ask, answer-aware), the rules ask the way people ask
// about stories (FairytaleQA's questions, ten words on average): they find the clause that holds
// the answer and keep only it, in question order. The answer's place in the clause picks the
// form: the subject ("Who saw the grapes?"), a noun phrase after a relative pronoun ("a farmer,
// who had seven sons" → "Who had seven sons?"), the verb phrase ("What did the cat do?", "What
// was Ebe doing?", "What happened to her?" for a passive), a place after a preposition ("Where
// did he make his home?"), a feeling ("How did the King feel?"), an infinitive ("What did the
// cat beg the bridegroom to do?"), a number ("How many sons …?"), or a whole clause: a reason
// after "for" or "because" asks Why about the clause before it, a cause before ", and …" asks
// Why about the clause after it, and an event asks "What happened when …" with the clause before
// it. A "he" or "she" becomes the character last named as a subject, and a "they" that is the
// question's subject a plural one ("What did the Mice change?"). An answer no rule reads
// gets its clause with a wh-word in its place.
//
// Pairs asks about the story's own statements: nothing about words inside quotation marks (a
// character's, quoted.go), about a fable's moral set apart by its indentation (moral.go), or
// with a short question whose pronoun points at nothing it names (unplaced.go).
//
// A symbol that is no word (an emoji, ©, ★) is left out of the sentence the rules read and of
// the questions, and kept in answers and clozes (symbols.go).
//
// Word lists stand in for a part-of-speech tagger, so sentences outside the simple
// subject–verb–object shape of fables give fewer or odder questions; the ranking prefers the
// forms that are most often right.
package rules
