package rules

import (
	"strings"

	"fabulist/model/qa/passage"
)

// A preposition of place after some verbs makes a phrasal verb whose object is no place: "the
// Farmer hit on a trick" is no "Where did the Farmer hit?", nor "the Wolf came upon a Lamb"
// "Where did the Wolf come?". Such a phrase is asked as an object or only as a cloze.

// phrasalVerbs are "base preposition" pairs whose preposition names no place.
var phrasalVerbs = &wordSet{list: `hit_on hit_upon come_upon come_on fall_upon fall_on light_upon light_on chance_upon chance_on
happen_upon stumble_upon depend_on depend_upon rely_on rely_upon insist_on insist_upon live_on feed_on dine_on
look_at laugh_at smile_at stare_at gaze_at wonder_at marvel_at jeer_at mock_at scoff_at sneer_at snap_at
call_on call_upon wait_on wait_upon believe_in succeed_in persist_in delight_in rejoice_in result_in
pounce_on pounce_upon spring_on spring_upon seize_on seize_upon turn_on agree_on decide_on resolve_on
take_in give_in join_in set_about put_on pull_on draw_on`}

// phrasal reports whether the preposition toks[k] follows a verb it makes a phrasal verb with.
func phrasal(toks []passage.Token, k int) bool {
	if k < 1 || k >= len(toks) {
		return false
	}
	v, p := lower(toks[k-1]), lower(toks[k])
	bases := []string{v, forms().lemmas[v], strings.TrimSuffix(v, "ing"), strings.TrimSuffix(v, "s")}
	if pastEd(v) {
		bases = append(bases, stripEd(v))
	}
	for _, base := range bases {
		if base != "" && phrasalVerbs.has(base+"_"+p) {
			return true
		}
	}
	return false
}

// Some phrases of a preposition and a noun are idioms of manner or of discourse, or say who,
// and are no place: "they rushed in a body towards the pool" is no "Where did they rush?", nor
// "they rushed at each other".

// idioms are such phrases, their words joined by "_".
var idioms = &wordSet{list: `in_a_body in_a_word in_a_hurry in_a_rage in_a_fury in_a_fright in_a_passion in_a_temper
in_a_trice in_a_twinkling in_a_flash in_a_row at_a_loss on_the_whole on_the_contrary on_the_other_hand
in_the_end in_the_meantime in_the_same_way in_the_least at_each_other on_each_other with_each_other
at_one_another on_one_another`}

// idiomAt reports whether one of idioms starts at toks[k], and where it ends.
func idiomAt(toks []passage.Token, k int) (int, bool) {
	for n := 5; n >= 3; n-- {
		if k+n > len(toks) {
			continue
		}
		words := make([]string, n)
		for i := range words {
			words[i] = lower(toks[k+i])
		}
		if idioms.has(strings.Join(words, "_")) {
			return k + n, true
		}
	}
	return k, false
}
