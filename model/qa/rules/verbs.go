package rules

import (
	"strings"
	"sync"
)

// irregular lists common English irregular verbs as "base past participle [more forms]"; it is
// what do-support needs to turn "saw" back into "see".
const irregular = `
arise arose arisen|awake awoke awoken|be was were been is am are|bear bore born borne|beat beat beaten
become became become|begin began begun|bend bent bent|bet bet bet|bid bid bid|bind bound bound
bite bit bitten|bleed bled bled|blow blew blown|break broke broken|breed bred bred|bring brought brought
build built built|burn burnt burnt|burst burst burst|buy bought bought|cast cast cast|catch caught caught
choose chose chosen|cling clung clung|come came come|cost cost cost|creep crept crept|cut cut cut
deal dealt dealt|dig dug dug|do did done does|draw drew drawn|dream dreamt dreamt|drink drank drunk
drive drove driven|dwell dwelt dwelt|eat ate eaten|fall fell fallen|feed fed fed|feel felt felt
fight fought fought|find found found|flee fled fled|fling flung flung|fly flew flown flies|forbid forbade forbidden
forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|get got gotten|give gave given
go went gone goes|grow grew grown|hang hung hung|have had had has|hear heard heard
hide hid hidden|hit hit hit|hold held held|hurt hurt hurt|keep kept kept|kneel knelt knelt|know knew known
lay laid laid|lead led led|lean leant leant|leap leapt leapt|learn learnt learnt|leave left left
lend lent lent|let let let|lie lay lain|light lit lit|lose lost lost|make made made|mean meant meant
meet met met|mistake mistook mistaken|overtake overtook overtaken|pay paid paid|put put put|quit quit quit
read read read|rid rid rid|ride rode ridden|ring rang rung|rise rose risen|run ran run|say said said says
see saw seen|seek sought sought|sell sold sold|send sent sent|set set set|shake shook shaken|shed shed shed
shine shone shone|shoot shot shot|show showed shown|shrink shrank shrunk|shut shut shut|sing sang sung
sink sank sunk|sit sat sat|slay slew slain|sleep slept slept|slide slid slid|sling slung slung|smell smelt smelt
speak spoke spoken|speed sped sped|spend spent spent|spill spilt spilt|spin spun spun|spit spat spat
split split split|spread spread spread|spring sprang sprung|stand stood stood|steal stole stolen
stick stuck stuck|sting stung stung|stink stank stunk|stride strode stridden|strike struck struck
string strung strung|strive strove striven|swear swore sworn|sweep swept swept|swell swelled swollen
swim swam swum|swing swung swung|take took taken|teach taught taught|tear tore torn|tell told told
think thought thought|throw threw thrown|tread trod trodden|understand understood understood
undertake undertook undertaken|wake woke woken|wear wore worn|weave wove woven|weep wept wept
win won won|wring wrung wrung|write wrote written|withdraw withdrew withdrawn|forsake forsook forsaken
foresee foresaw foreseen|overcome overcame overcome|behold beheld beheld|befall befell befallen
beget begot begotten|abide abode abode|forbear forbore forborne|mislead misled misled|undo undid undone
uphold upheld upheld|withstand withstood withstood|overhear overheard overheard|overthrow overthrew overthrown
partake partook partaken|bid bade bidden|thrust thrust thrust|can could|will would|shall should
may might|must must|crow crew crowed`

// irregularForms is irregular read: lemmas maps each irregular form to its base; pasts holds
// the forms that are past tense, participles the past participles, and thirds the third-person
// presents that do not just add -s.
type irregularForms struct {
	lemmas                     map[string]string
	pasts, participles, thirds map[string]bool
}

// forms reads irregular once, at the rules' first question rather than at every start of the
// page, which shares this module and never asks (see wordSet).
var forms = sync.OnceValue(func() *irregularForms {
	l, p, pp, t := map[string]string{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, entry := range strings.FieldsFunc(irregular, func(r rune) bool { return r == '|' || r == '\n' }) {
		f := strings.Fields(entry)
		for i, form := range f {
			if _, ok := l[form]; !ok || i == 0 {
				l[form] = f[0]
			}
			if i == 2 {
				pp[form] = true
			}
			switch {
			case i == 1 || f[0] == "be" && form == "were":
				p[form] = true
			case i >= 3 && strings.HasSuffix(form, "s"):
				t[form] = true
			}
		}
	}
	return &irregularForms{l, p, pp, t}
})

// pastOnly reports whether w is an irregular past tense that is not also a past participle
// ("saw", not "cut" or "heard", which are participles too).
func (f *irregularForms) pastOnly(w string) bool { return f.pasts[w] && !f.participles[w] }

// regular lists common regular verbs of fables, so that -ed and -s can be stripped with some
// confidence ("loved" → "love", "stopped" → "stop", "carries" → "carry").
var regular = &wordSet{list: `walk talk look call ask want try carry love live like hope save move stop drop beg
jump kill pull push play stay pray open return turn answer reply cry hurry marry wish help laugh pass
pick reach kick climb hunt chase escape decide agree refuse promise complain remain seem appear roar
bark watch notice wait start end need use cause place raise please hate smile die lie tie belong
offer order share serve pounce rush rest settle seize snatch grab gather fill drag dress trick tease
boast praise blame thank warn rule rob offer fail succeed manage attack follow visit invite enter
cross crawl creep plant labour labor work toil dance sing admire envy pity fear scare frighten
flatter accept bury borrow cook count cover destroy discover drown earn explain fetch fix hand
happen hear join kiss knock lift listen lock mark mend mind miss nod obey own pause perish plead
point pour prepare prefer pretend prove punish receive remember reward scold scream search shout
slip sniff spoil stare steal suppose surprise swallow taste tempt test touch track travel trust
tumble worry yell wander weigh whisper gnaw graze peck perch nibble prowl creep hiss howl growl
swoop drink kneel pant snarl bleat neigh bray croak crow caw chirp buzz hop leap bound dash race
add tire clothe change arrange exchange plunge avenge revenge challenge offer struggle scramble tremble shiver glance gaze spy murmur`}

// notVerbs end like past tenses but are not verbs.
var notVerbs = &wordSet{list: `hundred naked wicked sacred ragged rugged beloved kindred aged crooked wretched jagged
learned blessed cursed dogged bed red shed sled seed feed need speed breed weed deed creed steed
indeed led fed fled bled wed bred`}

// wordSet is a set of words, written as its list (words apart by white space) and made a set on
// its first question. The package holds some eighty, and the page's Go, which shares this module
// with the engine (wasm/app), runs every package's initialisation at each start while it never
// asks the rules anything: built there, they took 29 ms of each cold start of the page
// (GODEBUG=inittrace=1 in the page). Declared as literals, they cost no initialisation at all.
type wordSet struct {
	list string
	once sync.Once
	m    map[string]bool
}

// has reports whether w is one of the set's words.
func (s *wordSet) has(w string) bool {
	s.once.Do(func() {
		s.m = map[string]bool{}
		for _, w := range strings.Fields(s.list) {
			s.m[w] = true
		}
	})
	return s.m[w]
}

// tense is the form of a finite verb, which picks the do-support: did, does or do.
type tense uint8

const (
	notVerb tense = iota
	past          // saw, walked
	third         // sees, walks
)

// mainVerb reports whether w (lower case) is a finite main verb in the past or third person, and
// its base form. Plain present forms ("they walk") are not recognised: they look like nouns.
func mainVerb(w string) (tense, string) {
	if auxiliaries.has(w) || notVerbs.has(w) {
		return notVerb, ""
	}
	f := forms()
	if base, ok := f.lemmas[w]; ok {
		if f.pasts[w] {
			return past, base
		}
		if f.thirds[w] {
			return third, base // has, goes, says
		}
		if w != base {
			return notVerb, "" // a participle: seen, gone
		}
	}
	if pastEd(w) {
		return past, stripEd(w)
	}
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		if base := stripS(w); knownBase(base) {
			return third, base
		}
	}
	return notVerb, ""
}

// knownBase reports whether w (lower case) is a verb's base form that the rules know: a regular
// verb of fables, or an irregular one's.
func knownBase(w string) bool { return regular.has(w) || forms().lemmas[w] == w }

// pastEd reports whether w (lower case) looks like a regular past tense: -ed after a stem of
// three letters or more ("walked", "loved"), or after a short stem the word list knows as a verb
// ending in e ("died", "tied", "used"), since most short words in -ed are not verbs ("bed", "red").
func pastEd(w string) bool {
	return strings.HasSuffix(w, "ed") && (len(w) > 4 || regular.has(w[:len(w)-1]))
}

// pastBase is the base form of a word of notVerbs used as a past tense: the irregular table's
// ("led" → "lead"), else the regular spelling rules ("blessed" → "bless").
func pastBase(w string) string {
	if base, ok := forms().lemmas[w]; ok {
		return base
	}
	if strings.HasSuffix(w, "ed") {
		return stripEd(w)
	}
	return w
}

// stripEd returns the base form of a regular past tense: the word list first, then spelling rules.
func stripEd(w string) string {
	stem := w[:len(w)-2]
	switch n := len(stem); {
	case regular.has(stem):
		return stem
	case regular.has(stem + "e"):
		return stem + "e" // loved, died
	case (strings.HasPrefix(stem, "un") || strings.HasPrefix(stem, "re")) && regular.has(stem[2:]+"e"):
		return stem + "e" // untied, retied: a prefix on a short verb in e, not "unty"
	case strings.HasSuffix(stem, "i"):
		return stem[:n-1] + "y" // carried
	case n > 2 && stem[n-1] == stem[n-2] && regular.has(stem[:n-1]):
		return stem[:n-1]
	case n > 2 && stem[n-1] == stem[n-2] && !strings.ContainsRune("lsfz", rune(stem[n-1])):
		return stem[:n-1] // stopped, begged
	case (strings.HasSuffix(stem, "ell") || strings.HasSuffix(stem, "oll")) && vowelGroups(stem[:n-2]) >= 2:
		return stem[:n-1] // revelled, travelled, compelled, controlled (British doubling; not spelled, strolled)
	case n > 2 && strings.ContainsRune("cgsvzu", rune(stem[n-1])) && isVowel(stem[n-2]):
		return stem + "e" // caused, raged, loved
	case stem[n-1] == 'v':
		return stem + "e" // resolved, starved: no English verb ends in v
	case stem[n-1] == 'u':
		return stem + "e" // issued, continued, pursued: nor in u ("What did Jupiter issu", a trial)
	case n > 2 && strings.HasSuffix(stem, "ib"):
		return stem + "e" // prescribed, described, bribed: a short i before b doubles it (fibbed)
	case n > 2 && stem[n-1] == 'c' && !isVowel(stem[n-2]):
		return stem + "e" // announced, forced, pierced: nor in a consonant and c
	case n > 2 && stem[n-1] == 'g' && strings.ContainsRune("rdl", rune(stem[n-2])):
		return stem + "e" // urged, pledged, indulged (not longed, banged)
	case strings.HasSuffix(stem, "uir") || strings.HasSuffix(stem, "uid"):
		return stem + "e" // inquired, required, guided
	case n > 2 && !isVowel(stem[n-3]) && isVowel(stem[n-2]) && stem[n-2] != 'e' && (stem[n-1] == 'd' || stem[n-1] == 'k'),
		n > 2 && !isVowel(stem[n-3]) && strings.HasSuffix(stem, "in"),
		n > 2 && !isVowel(stem[n-3]) && (strings.HasSuffix(stem, "ot") || strings.HasSuffix(stem, "ut")):
		return stem + "e" // divided, invaded, smoked, determined, noted, saluted (not loaded, ruined, shouted)
	case n > 2 && (strings.HasSuffix(stem, "ur") || strings.HasSuffix(stem, "ar") || strings.HasSuffix(stem, "ir")) && !isVowel(stem[n-3]):
		return stem + "e" // ventured, dared, hired (not poured, feared, offered)
	case n > 2 && stem[n-1] == 'l' && !isVowel(stem[n-2]) && stem[n-2] != 'l':
		return stem + "e" // assembled, stumbled
	}
	return stem
}

// stripS returns the base form of a third-person present.
func stripS(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes") ||
		strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "oes"):
		return w[:len(w)-2]
	}
	return w[:len(w)-1]
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// vowelGroups counts the runs of vowels in w, a rough count of its syllables.
func vowelGroups(w string) int {
	n := 0
	for i := range len(w) {
		if isVowel(w[i]) && (i == 0 || !isVowel(w[i-1])) {
			n++
		}
	}
	return n
}

// auxiliaries are the verbs that invert with the subject instead of taking do-support.
var auxiliaries = &wordSet{list: `is am are was were has have had do does did can could will would shall should
may might must`}

// modals take a bare verb after them (as do, does, did).
var modals = &wordSet{list: `do does did can could will would shall should may might must`}

// participle reports whether w (lower case) can follow a form of be or have as a verb: "walking",
// "seen", "walked".
func participle(w string) bool {
	if strings.HasSuffix(w, "ing") && len(w) > 4 {
		return true
	}
	f := forms()
	if base, ok := f.lemmas[w]; ok {
		return base != w || f.participles[w] // "had seen"; "had become", "had cut" (a participle as its base)
	}
	return pastEd(w) && !notVerbs.has(w)
}

// progressive reports whether the verb w (lower case) is a present participle: "walking", not
// "bring" or "sing", base forms that end in -ing.
func progressive(w string) bool {
	return strings.HasSuffix(w, "ing") && forms().lemmas[w] != w && !regular.has(w)
}
