package rules

import (
	"strings"
	"testing"

	"fabulist/model/qa/passage"
)

// TestAskRules gives a worked example of each rule of ask.go: the question Ask writes for an
// answer in a sentence.
func TestAskRules(t *testing.T) {
	checkAsk(t, []askCase{
		{"subject", "The Fox saw some grapes.", "The Fox", "Who saw some grapes?"},
		{"subject, a thing", "The storm broke the old tree.", "The storm", "What broke the old tree?"},
		{"relative clause, a person before of", "Once there was the son of a poor family, who agreed to labor.",
			"the son of a poor family", "Who agreed to labor?"},
		{"relative clause, a compound's last part", "There was once a little page-boy, who served in a castle.",
			"a little page-boy", "Who served in a castle?"},
		{"relative clause", "There lived a farmer, who had seven sons.", "a farmer", "Who had seven sons?"},
		{"a copula in a relative clause, after an only", "Jack had an only daughter who was extremely beautiful.", "extremely beautiful",
			"What was an only daughter like?"},
		{"object, only after its determiner", "The king had an only son.", "an only son", "Who did the king have?"},
		{"predicate, do-support", "The cat crept softly around the herd.", "crept softly around the herd", "What did the cat do?"},
		{"predicate, modal", "They would push him about.", "push him about", "What would they do?"},
		{"predicate, modal, a verb that ends in -ing", "The King would bring his purse.", "bring his purse", "What would the King do?"},
		{"predicate, progressive", "Ebe was polishing the door-sill.", "polishing the door-sill", "What was Ebe doing?"},
		{"predicate, passive", "She was brought before the Council.", "brought before the Council", "What happened to her?"},
		{"predicate, second verb phrase", "The cat crept around the herd, and then sprang at the buck.", "sprang at the buck",
			"What did the cat do after the cat crept around the herd?"},
		{"predicate, time clause", "When the branch was finished, he took his journey home.", "took his journey home",
			"What did he do when the branch was finished?"},
		{"predicate, a time clause the answer cuts", "He did not believe her, until he suddenly felt terrible pains.", "felt terrible pains",
			"What did he do?"},
		{"predicate, fronted phrase", "Every morning he went into the woods.", "went into the woods", "What did he do?"},
		{"object, fronted at last", "At last the Princess found the ring.", "the ring", "What did the Princess find?"},
		{"predicate, a relative pronoun as subject", "They dashed past Ebe, who was just polishing the door-sill.",
			"polishing the door-sill", "What was Ebe just doing?"},
		{"place, a reflexive after the subject", "He himself made his home in the forest.", "in the forest",
			"Where did he himself make his home?"},
		{"object, fronted adverb and phrase", "Down at the water's edge he found the King's boat.", "the King's boat",
			"What did he find?"},
		{"object, fronted adverb", "Sometimes they wrote letters to the Princess.", "letters",
			"What did they write to the Princess?"},
		{"predicate, phrase between commas", "Assipattle, knowing the secret, clapped her once.", "clapped her once",
			"What did Assipattle do?"},
		{"object", "The Fox saw some grapes.", "some grapes", "What did the Fox see?"},
		{"object of a second verb phrase, fronted once more", "Once more Mercury dived into the river, and brought up the missing axe.",
			"the missing axe", "What did Mercury bring up?"},
		{"object, phrase between commas", "Assipattle, knowing the secret, clapped the mare.", "the mare",
			"What did Assipattle clap?"},
		{"object, a person", "The king married the widow of another king.", "the widow of another king", "Who did the king marry?"},
		{"object, a copula's complement", "The Fox was a clever animal.", "a clever animal", "What was the Fox?"},
		{"object, its noun phrase", "The Fox saw the grapes.", "grapes", "What did the Fox see?"},
		{"object, the first part of its noun phrase", "A Wasp settled on the head of a Snake.", "the head",
			"What did the Wasp settle on?"},
		{"object, a noun before its name", "A Cat begged the goddess Venus to change her.", "the goddess",
			"Who did the Cat beg to change her?"},
		{"object, a noun before of and a gerund", "The Wolf waited in the expectation of satisfying his hunger.", "the expectation",
			"What did the Wolf wait in?"},
		{"not a place: a weight", "The Olive-tree broke under the weight of the snow.", "the weight of the snow",
			"What did the Olive-tree break under?"},
		{"subject, a clause after and", "The current was so strong and the water looked so deep.", "The current",
			"What was so strong?"},
		{"object, a verb in -nge", "Venus changed her into a maiden.", "a maiden", "Who did Venus change her into?"},
		{"place", "He made his home in the forest.", "in the forest", "Where did he make his home?"},
		{"of at the end, after a participle", "They had been made out of the same old tin spoon.", "the same old tin spoon",
			"What had they been made out of?"},
		{"of at the end, after an adjective", "The room was so full of gold and silver.", "gold and silver",
			"What was the room so full of?"},
		{"no of at the end after a noun", "He knocked at the house of an old weaver.", "an old weaver",
			"He knocked at the house of who ?"},
		{"a verb that is also an adjective, with an object", "Heaven blessed them with a charming little daughter.",
			"a charming little daughter", "Who did Heaven bless them with?"},
		{"place after its preposition", "He made his home in the forest.", "the forest", "Where did he make his home?"},
		{"place after to", "The boy wandered to the top of the castle.", "the top of the castle", "Where did the boy wander to?"},
		{"place after from", "The Fox ran from the wood in great fear.", "from the wood", "Where did the Fox run in great fear?"},
		{"not a place: a cause", "The Old Woman went blind from a disease of the eyes.", "from a disease of the eyes",
			"What did the Old Woman go blind from?"},
		{"not a place: a cause after its preposition", "The Old Woman went blind from a disease of the eyes.", "a disease of the eyes",
			"What did the Old Woman go blind from?"},
		{"perfect, a participle like its base", "The cat had become a lion in the forest.", "in the forest",
			"Where had the cat become a lion?"},
		{"not a place: a character", "The Hare laughed at the Tortoise.", "the Tortoise", "Who did the Hare laugh at?"},
		{"feeling", "The King was very angry.", "very angry", "How did the King feel?"},
		{"feeling, a noun", "The King could scarce contain himself with joy.", "joy", "How did the King feel?"},
		{"infinitive", "The cat begged the bridegroom to cut off her head.", "cut off her head",
			"What did the cat beg the bridegroom to do?"},
		{"infinitive with its to", "The king promised to leave her free.", "to leave her free", "What did the king promise to do?"},
		{"manner, by and a gerund", "The widow supported herself by gleaning in the fields.", "gleaning in the fields",
			"How did the widow support herself?"},
		{"manner, in a way", "The cat spoke to him in the sweetest way.", "in the sweetest way", "How did the cat speak to him?"},
		{"number", "A Farmer had three sons.", "three", "How many sons did the Farmer have?"},
		{"number with its noun", "A Farmer had three sons.", "three sons", "How many sons did the Farmer have?"},
		{"distance", "The Old Man had to go a long way.", "a long way", "How far did the Old Man have to go?"},
		// Asked, the object of "have" before an infinitive leaves "have to", which reads as "must"
		// ("What did the Man and his Wife have to possess a Goose?", a trial): a cloze asks instead.
		{"someone had, before to", "The Lion had a Fox to attend on him.", "a Fox", "Who did the Lion have to attend on him?"},
		{"not the object of have before to", "A Man and his Wife had the good fortune to possess a Goose.", "the good fortune",
			"A Man and his Wife had ___ to possess a Goose."},
		{"modifier of an object", "He lived in a little cottage.", "little", "What kind of cottage did he live in?"},
		{"modifier of a subject", "A poor old woman lived there.", "poor old", "What kind of woman lived there?"},
		{"modifier before of", "The Fox saw some fine bunches of grapes.", "fine", "What kind of bunches of grapes did the Fox see?"},
		{"modifiers parted by commas", "His wife was a noble, good, and beautiful woman called Princess Murasaki.",
			"noble, good, and beautiful", "What kind of woman was his wife?"},
		{"not a phrase cut in half", "A rich man once invited a number of his friends and acquaintances to a banquet.", "his friends",
			"A rich man once invited a number of who and acquaintances to a banquet ?"},
		{"number in a relative clause after that", "There was once a poor woman that had three daughters.", "three",
			"How many daughters did a poor woman have?"},
		{"manner in a relative clause without its comma", "There once lived a poor widow who supported herself by gleaning in the fields.",
			"gleaning in the fields", "How did a poor widow support herself?"},
		{"time", "The Lion slept in the evening.", "in the evening", "When did the Lion sleep?"},
		{"reason after for", "He was very poor, for no child had come to him.", "no child had come to him",
			"Why was he very poor?"},
		{"reason after because", "The Wolf ran because he was hungry.", "because he was hungry", "Why did the Wolf run?"},
		{"reason after a fronted phrase", "Every morning he went to the river because he was thirsty.", "because he was thirsty",
			"Why did he go to the river?"},
		{"purpose", "He went home again, to see whether the floor was swept.", "to see whether the floor was swept",
			"Why did he go home again?"},
		{"cause before its effect", "The troll was strong, and the fight lasted three days.", "The troll was strong",
			"Why did the fight last three days?"},
		{"event after another", "Then the sun rose, and the troll stiffened into stone.", "the troll stiffened into stone",
			"What happened when the sun rose?"},
		{"event after a reason", "Since no one could help him, he left the town.", "he left the town",
			"What happened because no one could help him?"},
		{"event", "Thereupon he grew strong again.", "he grew strong again", "What happened?"},
	})
}

// TestClozeClause checks the form for answers no rule reads: the answer's clause alone, without
// the conjunction that joins it, and with a wh-word in the answer's place.
func TestClozeClause(t *testing.T) {
	for _, c := range []struct{ text, answer, want string }{
		{"The sun set, and soon in the chariot sat a band of luminous beings.", "a band of luminous beings",
			"in the chariot sat what ?"},
		{"He was tired; but in the midst of the wood stood a tiny hut.", "a tiny hut", "in the midst of the wood stood what ?"},
		{"Oh, the poor old Fox!", "Fox", "Oh, the poor old who ?"},
		// A clause ends where a quotation opens, and starts after a quotation mark.
		{"'Take this pin,' the beggar went on, 'and every time you wear it she will go out.'", "pin",
			"Take this what ,' the beggar went on ?"},
		{"Near him, 'You are the long copper pin,' she went on.", "long copper pin", "You are the what ,' she went on ?"},
		{"The boys' old straw hats, and then the rain, fell into the brook.", "hats", "The boys' old straw what ?"},
		// A clause of fewer than three words besides the wh-word asks nothing: the sentence is kept.
		{"The boys' hats, and then the rain, fell into the brook.", "hats", "The boys' what , and then the rain, fell into the brook ?"},
		// The answer that starts its clause before a verb is its subject: a question.
		{"Suddenly, the girls in the house sang.", "the girls in the house", "Who sang?"},
		{"Yet, the thought of the supper cheered him.", "the thought of the supper", "What cheered him?"},
	} {
		t.Run(c.answer, func(t *testing.T) {
			toks := passage.Tokenize(c.text)
			i := len([]rune(c.text[:strings.LastIndex(c.text, c.answer)]))
			a, ok := tokenSpan(toks, i, i+len([]rune(c.answer)))
			if !ok {
				t.Fatalf("%q is not whole tokens", c.answer)
			}
			if got := clozeClause([]rune(c.text), toks, a); got != c.want {
				t.Errorf("clozeClause(%q, %q) = %q; want %q", c.text, c.answer, got, c.want)
			}
		})
	}
}

// TestResolve checks that a question names the character its pronoun stands for: the subject
// last named in the sentences before.
func TestResolve(t *testing.T) {
	for _, c := range []struct{ text, answer, want string }{
		{"The old farmer lived alone. Every morning he went into the woods.", "went into the woods",
			"What did the old farmer do?"},
		{"Assipattle was a lazy boy. He was very poor, for no child had come to him.", "no child had come to him",
			"Why was Assipattle very poor?"},
		{"The storm raged. He was very poor, for no child had come to him.", "no child had come to him",
			"Why was he very poor?"}, // a storm is not a character
		{"It was cold. He made his home in the forest.", "in the forest", "Where did he make his home?"},
		// The same sentence first: the subject named before the pronoun.
		{"The Woodman wept. Mercury appeared, and he dived into the river.", "into the river",
			"Where did Mercury dive?"},
		// An indefinite article introduces; a later sentence says "the".
		{"A Woodman was felling a tree. He made his home in the forest.", "in the forest",
			"Where did the Woodman make his home?"},
		// A "she" is no king, and a "he" no princess: the next subject that agrees.
		{"The King was old, and the Princess was kind. She made her home in the forest.", "in the forest",
			"Where did the Princess make her home?"},
		{"The Giant came home. She made her home in the forest.", "in the forest", "Where did she make her home?"},
		{"Brother Paul sang. She made her home in the forest.", "in the forest", "Where did she make her home?"},
		// No character: a quantifier, a plural, speech.
		{"No man came. He made his home in the forest.", "in the forest", "Where did he make his home?"},
		{"Heaven blessed them with a daughter. He made his home in the forest.", "in the forest", "Where did he make his home?"},
		{"The foremost Fairies came. He made his home in the forest.", "in the forest", "Where did he make his home?"},
		// A sentence whose subject follows a fronted participle's phrase names its subject.
		{"A Wasp settled on the head of a Snake. Maddened with pain the Snake tried every means. At last he laid his head under the wheel.",
			"his head", "What did the Snake lay under the wheel?"},
		// A character the question names already is the pronoun's.
		{"The Princess was sad, and she said she would go into the forest.", "into the forest",
			"Where did the Princess say she would go?"},
	} {
		t.Run(c.want, func(t *testing.T) {
			start := len([]rune(c.text[:strings.LastIndex(c.text, c.answer)]))
			p, err := Generator{}.Ask(c.text, start, start+len([]rune(c.answer)))
			if err != nil {
				t.Fatal(err)
			}
			if p.Question != c.want {
				t.Errorf("Ask(%q, %q) = %q; want %q", c.text, c.answer, p.Question, c.want)
			}
		})
	}
}

// The candidates' questions leave the object of "have" before an infinitive alone too, as Ask
// does; they ask about the infinitive's own object instead.
func TestPairsAskNoHaveToForTheObjectOfHave(t *testing.T) {
	const text = "A Man and his Wife had the good fortune to possess a Goose which laid a Golden Egg every day."
	pairs, err := Generator{}.Pairs(text, 20)
	if err != nil {
		t.Fatal(err)
	}
	var asked []string
	for _, p := range pairs {
		asked = append(asked, p.Question+" ("+p.Answer+")")
		if p.Answer == "the good fortune" {
			t.Errorf("asked %q for %q", p.Question, p.Answer)
		}
	}
	if len(asked) < 2 {
		t.Errorf("asked %q; want the subject's question and the Goose's", asked)
	}
}
