package rules

import (
	"fabulist/model/qa"
	"fabulist/model/qa/passage"
)

// A light verb with an event for its object says little by itself: in "he had a nasty fall" the
// fall is the news, and "What did he have?" could ask for anything he owned. Such an object is
// asked about with its noun kept, "What kind of fall did he have?", when words before the noun
// say what kind; otherwise only a cloze asks for it, which keeps the sentence around it.

// lightVerbs are the verbs (base forms) that lend their meaning to an event noun after them.
var lightVerbs = &wordSet{list: `have take make give get do`}

// eventNouns name an event or an experience, not a thing one owns: what a light verb takes to
// mean "fell", "walked", "cried out".
var eventNouns = &wordSet{list: `fall falls walk walks look looks rest nap sleep bath swim bow bows cry cries shout
shouts leap leaps jump jumps sigh sighs glance glances step steps turn turns mistake mistakes promise
promises speech visit visits trip journey voyage dream dreams fright shock scare blow blows kick kicks
push bite bites drink sip taste try attempt decision choice noise sound laugh laughter smile fit fits
quarrel fight battle feast wash start plunge dive peep peek effort offer reply answer groan yell
scream loss losses time chat talk conversation game race run ride flight search guess wish vow oath
bargain change move pause nod wave call beating thrashing scolding fever dance deed spring bound roar
howl cough sneeze shiver yawn stroll tumble slip dislike liking fancy`}

// lightEvent reads the object of a light verb in the clause c: the noun phrase right after the
// verb group, when its head names an event. It returns the phrase, the head's index, and whether
// words that say what kind stand between its determiner and its head ("a nasty fall", not "the
// first try"). The head is the last word
// before a closed-class word or punctuation ("a feast that lasted …": feast).
func lightEvent(toks []passage.Token, c clause) (np span, head int, modified, ok bool) {
	if c.main < 0 || !lightVerbs.has(c.base) || c.verbEnd >= c.end {
		return span{}, 0, false, false
	}
	i := c.verbEnd
	first := i
	if determiners.has(lower(toks[i])) || numberWords.has(lower(toks[i])) {
		first++
	}
	j := first
	for j < c.end && toks[j].Kind == passage.Word && !stops.has(lower(toks[j])) && !determiners.has(lower(toks[j])) &&
		!pronouns.has(lower(toks[j])) && !capitalised(toks[j]) {
		j++
	}
	if j == first || !eventNouns.has(lower(toks[j-1])) {
		return span{}, 0, false, false
	}
	for k := first; k < j-1; k++ {
		if !orderWords.has(lower(toks[k])) {
			modified = true // "a nasty fall"; but "the first try" says which, not what kind
		}
	}
	return span{i, j}, j - 1, modified, true
}

// orderWords say which of several events one is, not what kind: "had the first try" is no
// "What kind of try …?".
var orderWords = &wordSet{list: `first second third fourth fifth last next other same final only former latter`}

// askLightEvent asks about an answer inside the event object of a light verb (lightEvent) that
// covers its noun or a word before it: "What kind of fall did he have?" when words say what kind,
// else a cloze of the sentence. It reports false for any other answer, and for one a relative
// clause follows, which askRelative asks about with the event kept.
func askLightEvent(rs []rune, s passage.Sentence, si, start, end int) (qa.Pair, bool) {
	toks := s.Tokens
	a, whole := tokenSpan(toks, start, end)
	if !whole {
		return qa.Pair{}, false
	}
	if _, ok := askRelative(rs, toks, a); ok {
		return qa.Pair{}, false // "a feast that lasted for weeks" → "What lasted for weeks?" keeps the event
	}
	c, ok := findClause(toks, a)
	if !ok {
		return qa.Pair{}, false
	}
	np, head, modified, ok := lightEvent(toks, c)
	if !ok || a.i < np.i || a.i > head || a.j > c.end {
		return qa.Pair{}, false
	}
	p := qa.Pair{Question: cloze(rs, s.Start, s.End, start, end), Answer: qa.OneLine(string(rs[start:end])), Sentence: si, Start: start, End: end,
		Method: qa.ByRules, Score: scoreCloze}
	if modified {
		p.Question = finish(join("What kind of "+lower(toks[head]), inverted(rs, toks, c), render(rs, toks, max(np.j, a.j), c.end)))
		p.Score = scoreSpecific
	}
	return p, true
}
