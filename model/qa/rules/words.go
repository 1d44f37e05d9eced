package rules

// Word lists that stand in for a part-of-speech tagger. They are small on purpose: a word
// missing from them makes the rules skip a question, which is safer than a wrong one.

var determiners = &wordSet{list: `the a an this that these those his her its their my your our some any every
each no another all both many several few`}

var subjectPronouns = &wordSet{list: `he she it they i we you`}

var objectPronouns = &wordSet{list: `him her it them me us you`}

// pronouns are penalised as answers and, unresolved, in questions.
var pronouns = &wordSet{list: `he she it they him her them his its their i we you me us`}

// stops end a noun phrase.
var stops = &wordSet{list: `of in at on near under into onto to from with by for over through across about round after
before behind beside between among upon up down out off away around against along towards toward
without within inside outside and but or nor so yet because that which who whom whose when while as
if though although than till until where not never very too also then there here how what why
once again just only even still ever quite rather is am are was were be been has have had do does did
can could will would shall should may might must`}

// wherePreps introduce a place phrase: "in the wood" (not "by", which is more often a passive's agent).
var wherePreps = &wordSet{list: `from in at on near under into onto beside behind inside over across through among
upon beneath below above`}

// causeNouns head a phrase after a preposition of place that gives a cause, a state or what was
// thought or seen, not a place: "blind from a disease", "trembled in fear", "died of hunger",
// "annoyed at the thought".
var causeNouns = &wordSet{list: `disease diseases illness sickness fever plague hunger thirst fear fright terror grief
sorrow shame joy anger rage pain pride envy jealousy weariness fatigue exhaustion wound wounds love
laughter despair poverty want greed vanity curiosity surprise astonishment delight haste hurry
thought thoughts sight idea news notion request command bidding weight expectation hope turn
least reply answer words insult conduct behaviour behavior treatment success failure loss discovery
fortune luck misfortune absence presence terms manner fashion voice tone tones silence whisper whispers
liberty freedom peace safety comfort earnest vain`}

// comparatives make the word after them an adjective ("the most flattering terms").
var comparatives = &wordSet{list: `most more less least`}

// timeNouns head a time phrase ("one day", "in the morning") rather than a place.
var timeNouns = &wordSet{list: `day days morning mornings evening evenings night nights time times summer winter
spring autumn year years week weeks month months hour hours moment while noon midnight dawn dusk
sunset sunrise season afternoon afternoons twilight daybreak nightfall sundown midday midwinter
midsummer winters summers fortnight`}

var months = &wordSet{list: `january february march april may june july august september october november december`}

var weekdays = &wordSet{list: `monday tuesday wednesday thursday friday saturday sunday`}

// timeWords are a time phrase on their own.
var timeWords = &wordSet{list: `yesterday today tomorrow tonight`}

// numberWords count things, asked with How many.
var numberWords = &wordSet{list: `two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
hundred thousand million dozen score`}

// moneyNouns are counted with How much.
var moneyNouns = &wordSet{list: `pound pounds penny pence shilling shillings crown crowns dollar dollars cent
cents coin coins gold silver drachma drachmas ducat ducats euro euros`}

// animate nouns are asked about with Who even in lower case.
var animate = &wordSet{list: `man men woman women boy boys girl girls child children king queen prince princess
farmer shepherd master servant slave mother father son sons daughter daughters wife husband brother
sister friend friends traveller travellers traveler hunter huntsman fisherman woodman woodcutter
merchant miser thief robber god gods goddess people person nobody somebody someone everyone
fox wolf lion dog cat mouse mice ass donkey horse crow frog hare tortoise ant grasshopper bear eagle
lamb sheep goat bull ox cock hen bird birds owl stork crane monkey ape deer stag bee bees snake
serpent kid kids wolves foxes lions dogs cats asses horses frogs
couple parents widow widower maiden maid lad lass youth page knight soldier peasant beggar scholar
cook nurse doctor priest monk saint emperor empress lord lady duke squire giant giants troll trolls
fairy fairies witch wizard sorcerer dwarf dwarfs elf elves goblin ogre cousin uncle aunt grandmother
grandfather neighbour neighbor stranger bride bridegroom suitor hero heroine orphan sailor shoemaker
tailor miller peddler pedlar guard servants maidens brothers sisters cow cows buck reindeer elk
sparrow raven swan goose duck pig rat monkeys bears sheep shepherds tiger dragon
fish trout pike stickleback minnow salmon beetle toad newt spider fly butterfly caterpillar squirrel
rabbit mole badger hedgehog weasel otter beaver camel elephant peacock nightingale lark blackbird
dove pigeon magpie jackdaw kite hawk falcon vulture ant gnat wasp mosquito cricket
pastor parson minister clergyman bishop abbot hermit sexton judge mayor governor captain sailor
general courtier courtiers minstrel piper fiddler horseman horsemen rider butcher baker smith
blacksmith carpenter weaver potter student innkeeper landlord landlady host hostess swineherd goatherd
cowherd herdsman gardener ferryman boatman watchman porter messenger musician poet painter sculptor
trader pilgrim magician enchanter enchantress chieftain chief warrior archer
driver owner keeper ploughman plowman countryman labourer laborer workman mistress housewife shepherdess
fowler bowman trumpeter physician astronomer`}

// reasons introduce a clause asked with Why.
var reasons = [][]string{{"because"}, {"so", "that"}, {"in", "order", "to"}, {"in", "order", "that"}, {"for", "fear"}}

// intensifiers may stand before a quality: "very clever".
var intensifiers = &wordSet{list: `very so too quite rather`}
