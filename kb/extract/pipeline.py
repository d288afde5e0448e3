"""Rule-based event extraction: sentences -> triggers -> events with their arguments.

The rules follow how news is written, not any one article:

* a trigger (verb or noun, see :mod:`kb.extract.triggers`) names the event;
* the agent is the actor before an active verb, after "by" in the passive or in a
  nominal ("a strike by X"), or a modifier of the trigger noun ("an Israeli strike");
  the targets follow the verb or "on", "against", "targeting"; outcome words
  ("killing three") attach their victims and counts to the act they follow;
* attribution phrases ("according to X", "X reported", "citing Y") give who
  reports and whom they cite, and actors named there are sources, not participants;
* hedges ("reportedly", "may have") make an event hedged; a negation on the
  trigger ("did not strike", "denied carrying out") makes it negated;
* a definite anaphor ("the attack", "the strike") in a later sentence adds what it
  says (hedges, counts) to the event it refers back to instead of a new event;
* a date right after a reporting verb dates the report ("..., police said on Sunday"),
  not the act; "hours later", "the following day", "two days later" count from the
  event told before; an article without a publication date lends its first full date
  to "on 5 March";
* a clash whose clause names no side and no day ("families who fled during the
  fighting"), a clash in a frame ("since it resumed fighting", "which fought a war")
  and a noun after "any", "future", "each" are scenery, not news;
* "gunmen shot dead a district official" is an assassination; "no civilians were
  killed" is no event.

Who was hit, and where (the roles news leaves to its grammar):

* "two guards were killed when gunmen attacked a checkpoint": the passive subject are
  the victims, the subject of the act's own clause the agent; "the people killed in the
  strike" is a passive too, and so is "was struck by a bomb";
* with nobody named as hit, the building, site or vessel after the act is the target
  ("hit the railway station", "fired missiles at a cargo ship"); a vehicle is not (news
  names the people in it), nor a named village (that is where it happened);
* "a senior commander, Abu X," is the person named; "two men suspected of ..." are
  suspects; "seven people, including four soldiers" are the soldiers; what a relative
  clause says of the object ("a woman who was allegedly passing information to Russian
  intelligence") is not part of the act, and its hedge is not the act's;
* a claim of responsibility is about the act it claims: it takes that act's targets, and
  "the group has since claimed" is the group named before; "the militants" an attack is
  "attributed to" are the story's armed group;
* who reports is not who acted ("the SDF said the strike had hit ...") unless the
  report's subject is a pronoun ("the army said it had ...");
* a country or capital the sentence does not locate anything in ("Washington has long
  encouraged", "accused Moscow of", "Yemen's Houthi movement", a dateline's "Pakistan")
  is no event place; its places' parents bring the country back where the event is;
* a village the gazetteer lacks lies in the country of the nearest event with a place (and
  in its region when every located event of the story is in that one region);
* within one article, acts dated to other days, done by other sides, in places neither
  within the other, or told apart by the writer ("Separately,", "another group attacked")
  are not merged.

What wire, local and state-media copy adds (the held-out corpus, tests/corpus_heldout):

* the dateline ("NIAMEY -", "ERBIL, Iraq, Oct 16 (Wire) -") says which country the story
  is about from its first line; an article that turns out to be about one country is read
  again when a place read before lies far from it (a village is not a namesake abroad);
* "repelled an attack by X" is X's assault on those who repelled it; "air defences shot
  down 38 Ukrainian drones" is a drone attack by whoever launched them; an armed group
  saying "its fighters had killed 40 soldiers" claims the attack it refers to; "the
  ministry said its forces had captured" means the military;
* a sentence that only counts dead and wounded ("a provisional toll of 38 dead") updates
  the act before it; "whether", plans ("planning a car bomb attack"), campaigns, repeated
  acts ("several times"), a war's toll ("which has killed tens of thousands") and
  descriptions ("companies accused of supplying weapons", "rescued kidnapped victims") are
  no events;
* dates: a day after a reporting verb or an outlet ("told Indian Ocean Desk on Friday")
  is the report's; a denied act is not dated by its denial; "the next day" counts from the
  last day the story named.

Speed: the cue patterns run on lower-cased text (:func:`_lower`) and most are
:class:`~kb.extract.prefilter.Prefiltered`, so a sentence that lacks their words costs
a literal search, not a regex scan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from kb.actors.countries import capital_country as _capital_country
from kb.actors.countries import country_label as _country_label
from kb.actors.countries import demonym_of as _demonym_of
from kb.eventtypes import lineage as _scheme_lineage
from kb.extract.dates import anchor_date, find_dates
from kb.extract.prefilter import Prefiltered, ordered_trie, trie_regex, word_alternatives
from kb.extract.retelling import fold_retellings
from kb.extract.sentences import Sentence, split_sentences
from kb.extract.triggers import INTERCEPTION, Trigger, find_present_triggers, find_triggers
from kb.model import ActorRef, Article, Attribution, Event, Mention, Place, TimeSpan

# --- cue lexicons -----------------------------------------------------------------
_HEDGE = Prefiltered(
    re.compile(
        r"\b(reportedly|allegedly|purportedly|apparently|possibly|probably|presumably|likely|"
        r"unconfirmed|rumou?red|suspected of|believed to|thought to|said to have|is said to|"
        r"are said to|may have|might have|could have|may be|might be|could be|would have|"
        r"some speculate|speculat\w+|it is unclear|it was unclear|appears to|appeared to|"
        r"seems to|claimed that|claims that|unverified|could not be (?:independently )?verified)\b"
    )
)
_NEG_BEFORE = re.compile(
    r"\b(not|n't|never|no|neither|nor|without|denied|denies|deny|denying|refuted|rejected)"
    r"\W+(?:\w+\W+){0,3}$"
)
_PASSIVE_BEFORE = re.compile(r"\b(was|were|been|being|is|are|be|got|get)\s+(?:\w+ly\s+)?$")
_BY_AFTER = re.compile(r"\s*by\b")  # used with match(text, pos)
_PAST_PERFECT = Prefiltered(
    re.compile(r"\b(had (?:been|already|previously)|earlier reports|previously|had \w+ed)\b")
)
_FUTURE = Prefiltered(
    re.compile(
        r"\b(will|would|plans? to|planned to|intends? to|is to|are to|threatens? to|vowed to|"
        r"(?:asked|urged|urges?|called on|calls? on|called for|calls? for|demanded|demands?|"
        r"wants?)\b[^.;]{0,120}\bto(?:\s+be)?|"
        # "demanding that the government send more troops": an act wished for, in the
        # subjunctive
        r"(?:demand(?:ed|ing|s)?|insist(?:ed|ing|s)?|call(?:ed|ing|s)? for|ask(?:ed|ing|s)?|"
        r"urg(?:ed|ing|es)|request(?:ed|ing|s)?) that(?:\s+[\w'’-]+){0,4}|"
        r"in order to|so as to|struggled to|failed to|sought to|seeks? to|hopes? to|aims? to)\s+$"
    )
)
#: The words that modify a noun trigger: capitalised words and lower-case modifiers, no
#: verb, preposition, determiner, number or person noun between them and the noun.
_MODIFIED_BY = re.compile(
    r"(?:(?<=\s)|^)(?:(?!(?:in|on|at|of|by|for|with|to|from|and|or|the|a|an|was|were|is|are|has|"
    r"had|have|said|says|killed|killing|soldiers|troops|people|civilians|fighters|police|"
    r"forces|men|\w+ed)\b)[\w.'’-]+\s+){1,4}$"
)
_PRESENT_PASSIVE = re.compile(r"\b(?:is|are)\s+(?:\w+ly\s+)?$", re.I)
#: Lines of a page that are not the story: links to other stories, photo captions and
#: correction notes ("Related: ...", "READ ALSO: ...", "Photo: ...", "Correction: ...").
_NOT_STORY_LINE = re.compile(
    r"(?:related(?: stories| articles| coverage| reading)?|(?:also|further) read(?:ing)?|"
    r"read (?:also|more|next)|see also|more on this(?: story)?|watch|listen|"
    r"(?:photo|image|picture|video)(?: caption)?|caption|file photo|correction|clarification)"
    r"\s*:",
    re.IGNORECASE,
)
#: A correction notice's account of what a story wrongly said ("An earlier version of this
#: article said nine soldiers had been killed"): the wrong version, not an event.
_EARLIER_VERSION = re.compile(
    r"(?:an?|the)\s+(?:earlier|previous|prior|original|initial)\s+version\s+of\s+"
    r"(?:this|the|our)\s+(?:article|story|report|item|post|piece|headline|caption|dispatch)\b",
    re.IGNORECASE,
)
#: A sentence about words, not acts: "uses the word 'neutralised' to imply ...".
_ABOUT_A_WORD = Prefiltered(
    re.compile(r"\b(?:use|uses|used|using)\s+the\s+(?:word|term|label|phrase|expression)\b"),
    needs=("the word", "the term", "the label", "the phrase", "the expression"),
)
#: "Neither X nor Y, which ..., has claimed": the verb after the pair is denied of both.
_NEITHER_NOR = re.compile(r"\bneither\b[^.;]{1,80}\bnor\b[^.;]{1,100}$")
#: An act named as what another act is about: "arrested in connection with an attack".
_IN_CONNECTION = re.compile(
    r"\bin connection with\s+(?:an?|the|this|that|last \w+'s)\s+(?:[\w-]+\s+)?$"
)
_BASED_IN = re.compile(
    r"\b(?:which|who|that)\s+(?:is|are|was|were|has been|have been)\s+(?:\w+\s+)?"
    r"(?:based|headquartered)\b[^.;]{0,40}?\s(?:in|from)\s+(?:the\s+)?$"
)
_ANNOUNCED_SENDING = re.compile(
    r"\b(?:said|says|announced|announces|confirmed)\s+(?:on\s+\w+\s+(?:\d+\s+\w+\s+)?)?"
    r"(?:that\s+)?(?:it|they|the\s+[\w ]{2,30}?)\s+(?:would|will)\s+$"
)
#: A group named by whom it is linked to: "the al-Qaeda-linked group".
_AFFILIATE_REF = re.compile(
    r"-(?:linked|affiliated|aligned|allied)\s+(?:group|militants|fighters|organi[sz]ation|"
    r"movement|faction|insurgents|jihadists)$",
    re.IGNORECASE,
)
#: After a place taken: "... on Sunday after two days of heavy fighting with the army".
_CAPTURED_AFTER_FIGHTING = re.compile(
    r"[^.;]{0,100}?\bafter\s+(?:(?:two|three|four|five|several|\d+)\s+(?:days|hours|weeks)\s+of\s+)?"
    r"(?:heavy\s+|fierce\s+|intense\s+)?(?:fighting|clashes|battles?|combat)\b",
    re.I,
)
#: Between an intercepted drone and who sent it: " launched by ", " fired by the ".
_LAUNCHED_BY = re.compile(r"\s+(?:launched|fired|sent|flown)\s+(?:\w+\s+){0,2}?by\s+(?:the\s+)?")
#: Acts whose doer, when the story names none, is an unknown one.
_UNKNOWN_DOER_TOPS = frozenset({"attack", "air_or_drone_strike"})
#: What nobody saw is no report of it: "observed no sign of an exchange of fire".
_NO_SIGN_OF = re.compile(
    r"\bno\s+(?:\w+\s+)?(?:signs?|evidence|traces?|indications?)\s+of\s+(?:\w+\s+){0,4}$"
)
#: Computers attacked, not people: an "attack" that hit websites or a software provider.
_CYBER = Prefiltered(
    re.compile(
        r"\b(?:cyber\w*|hack(?:er|ers|ed|ing)|ransomware|malware|websites?|servers?|software|"
        r"ddos|denial-of-service|data breach|computer systems?|it systems?|offline)\b"
    )
)
#: A campaign of acts: "its bombing campaign", "an air campaign against the group".
_CAMPAIGN_AFTER = re.compile(r"\s+(?:campaigns?|drive|spree)\b", re.I)
#: Drones and missiles (or rockets) named together as the weapons of one raid.
_DRONES_AND_MISSILES = re.compile(
    r"\b(?:drones?|uavs?)\s+(?:and|,)\s+(?:[\w-]+\s+){0,2}?(?:missiles?|rockets?)\b|"
    r"\b(?:missiles?|rockets?)\s+(?:and|,)\s+(?:[\w-]+\s+){0,2}?(?:drones?|uavs?)\b",
    re.I,
)
#: What an "attack on" cannot physically hit: the phrase is a figure of speech.
_ABSTRACT_TARGET = re.compile(
    r"\s+on\s+(?:the\s+|its\s+|their\s+|our\s+|his\s+|her\s+|[\w'’.-]+(?:'s|’s)\s+)?"
    r"(?:[\w-]+\s+)?(?:sovereignty|democracy|freedoms?|dignity|independence|"
    r"territorial integrity|constitution|rule of law|humanity|values|press freedom|"
    r"human rights|the truth|truth|justice)\b",
    re.I,
)
#: "did not carry out any drone strike", "denied launching any attack": the one act the
#: speaker denies, not acts in general (the event is negated).
_DENIED_ANY = re.compile(
    r"(?:\b(?:did|does|do|had|has|have)\s*(?:not|n't|never)\s+|\bdenied\s+|\bdenies\s+)"
    r"(?:carry(?:ing)?\s+out|carried\s+out|conduct(?:ed|ing)?|launch(?:ed|ing)?|stag(?:ed|ing|e)|"
    r"mount(?:ed|ing)?|fir(?:ed|ing|e))\s+any\s+(?:[\w-]+\s+)?$",
    re.I,
)
#: "the deadliest such assault", "the worst attack of its kind": a comparison class.
_COMPARED_KIND = re.compile(
    r"\b(?:such|deadliest|worst|bloodiest|biggest|largest|most\s+\w+)\s+(?:such\s+)?$",
    re.I,
)
#: "This is not the first attack ...", "not the only assault": acts in general.
_NOT_THE_FIRST = re.compile(
    r"\bnot\s+(?:the|its|their|a)\s+(?:first|only|last)\s+(?:[\w-]+\s+)?$", re.I
)
#: "rescued 15 kidnapped victims", "freed the abducted girls".
_FREED_BEFORE = re.compile(
    r"\b(?:rescued|rescuing|freed|freeing|released|releasing|reunited)\s+(?:\w+\s+){0,3}$", re.I
)
#: Between a drone or aircraft's verb and its munition: "dropped an explosive device".
_MUNITION_GAP = re.compile(r"\s+(?:an?|two|three|several|\d+)?\s*(?:[\w-]+\s+)?", re.I)
#: A clash that an act set off: "opened fire, triggering a 30-minute firefight".
_ENSUING_BEFORE = re.compile(
    r"\b(?:triggering|sparking|prompting|setting off|leading to|resulting in|in the ensuing|"
    r"an ensuing)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_AUXILIARY_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be|has|have|had)\s+$", re.I)
#: A concession naming what the act happened in spite of: "despite joint operations".
_DESPITE_BEFORE = re.compile(r"\bdespite\s+(?:[\w'’-]+\s+){0,3}$")
#: An open question before a trigger: "it was unclear whether anyone had been killed".
_WHETHER = re.compile(r"\bwhether\b[^.;:,]{0,80}$")
_GENERIC = Prefiltered(
    re.compile(r"\b(such|these|those|any|each|every|future|similar|more)\s+(?:\w+\s+)?$")
)
_HABITUAL = re.compile(
    r"\b(?:(?:war|conflict|insurgency|violence|rebellion|uprising|crisis|fighting|campaign)"
    r"(?:,[^,]{0,60},)?\s+(?:which|that)?\s*(?:has|have|had)\s+(?:\w+\s+)?(?:killed|claimed|left)\b|"
    r"(?:has|have|had) (?:long |repeatedly |regularly |often |frequently |increasingly )?"
    r"(?:carried out|conducted|launched|mounted|staged|seen|become|borne|stepped up|continued)\b|"
    r"(?:regularly|repeatedly|routinely|often|frequently|increasingly|usually|typically|"
    r"sporadic(?:ally)?|dozens of|hundreds of|thousands of|a series of|several times|"
    r"many times|multiple times|on several occasions|a number of times|a wave of|a spate of|continue to|continues to|"
    r"have continued|has continued|in recent (?:days|weeks|months|years)|over the past|for years|"
    r"in the past|notorious|have been|has been (?:hit|targeted|attacked)|"
    r"(?:has|have|had) been \w+ing|(?:year|decade|month|week)s?-long|for (?:more than )?\w+ (?:years|decades)|"
    r"intermittent(?:ly)?|on and off|"
    # "has been under repeated attack since", "have repelled repeated Houthi attempts to
    # advance": a pattern of acts, not one
    r"under (?:repeated|constant|frequent|sustained|regular|persistent) (?:attack|fire)|"
    r"repeated (?:[\w-]+ ){0,2}?(?:attempts|attacks|assaults|incursions|raids|offensives))\b)"
)
#: One act told in the present perfect: "have been killed in an Israeli strike on".
_ONE_ACT_PERFECT = re.compile(
    r"\b(?:have|has) been (?:killed|wounded|injured|hurt|abducted|kidnapped)\b(?:[^.;]{0,40}?)"
    r"\bin (?:an?|the) (?:[\w'’-]+ ){0,3}?(?:strike|air ?strike|attack|bombing|raid|blast|"
    r"explosion|ambush|shelling|shooting)\b(?! (?:on|in) (?:\w+ )?(?:recent|past|several)\b)"
)
#: Acts told as a pattern, whatever the trigger: "several times", "on many occasions".
_REPEATED = re.compile(
    r"\b(?:several|many|multiple|numerous|countless) times\b|\ba number of times\b|"
    r"\bon (?:several|many|multiple|numerous) occasions\b"
)
#: "since December": when something began that still goes on, not the day of an act.
_SINCE = re.compile(r"\b(?:since|until|till)\s+(?:the\s+)?$")
_SINCE_WHEN = re.compile(r",?\s+when\s")
_SINCE_WHEN_CLAUSE = re.compile(r"(?i:\bsince\s)[^.;]{1,40},\s+when\s")
_PLURAL_NOUN = re.compile(
    r"(?:\w+ )?(attacks|strikes|raids|bombings|killings|shootings|ambushes|assaults|clashes|"
    r"operations|arrests|kidnappings|abductions|explosions|blasts|airstrikes|air strikes|drone strikes|"
    r"deaths|protests|executions|murders)"
)
_PLURAL_GENERIC = re.compile(r"^(attacks|strikes|operations|arrests|killings)$")
#: A running total or a routine, not one act: "so far this year", "in separate
#: encounters", "near-daily Israeli strikes".
_CUMULATIVE = Prefiltered(
    re.compile(
        r"\bso far (?:this|in|in the) (?:year|month|week)\b|\bover the (?:past|last) (?:few )?"
        r"(?:days|week|weeks|month|months|year)\b|\bsince the (?:start|beginning) of the "
        r"(?:year|month)\b|\bthis year alone\b|"
        # ("killed more than 4,000 people in Haiti in the first nine months of the year")
        r"\bin the first (?:[\w-]+ )?(?:months?|weeks?|days|half|quarter) of (?:the |this |last )?"
        r"(?:year|month|\d{4})\b|\bin separate (?:\w+ )?(?:encounters|incidents|"
        r"attacks|operations|clashes|raids)\b|\b(?:near-daily|near daily|almost daily|nightly|"
        r"daily|repeated|frequent|regular|persistent|continued|ongoing)\s+(?:[\w-]+\s+){0,2}"
        r"(?:strikes|attacks|raids|shelling|bombardments?|clashes)\b"
    ),
    needs=(
        "so far",
        "the first",
        "over the",
        "since the",
        "this year",
        "separate",
        "daily",
        "nightly",
        "repeated",
        "frequent",
        "regular",
        "persistent",
        "continued",
        "ongoing",
    ),
)
_GROUP_ROLE = Prefiltered(
    re.compile(
        r"\b(?:the|one of the|a|two of the)\s+(?:group|organi[sz]ation|movement|militia|network)['’]s\s+"
        r"(?:(?:senior|top|key|chief|main|leading|prominent|former|local|military|religious|"
        r"media)\s+)*(leaders?|commanders?|ideologues?|deputy|emirs?|officials?|spokes(?:man|person)|"
        r"members?|militants|fighters|financiers?|founders?|chiefs?)\b"
    ),
    needs=("'s", "’s"),
)
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w .'’-]+)?,?\s+"
    r"(?:\w+\s+\d{1,2}|\d{1,2}\s+\w+)(?:,?\s+\d{4})?\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s*"
    # "Pemba, 18 Nov (ND) -", "Ouahigouya, 21 Nov. 2026 (ABP) -": an agency's dateline
    # with the city in title case (the agency in brackets tells it from a sentence)
    r"|^[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,2},\s+"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?"
    r"\s*\([^)]{1,40}\)\s*[-–—]+\s*"
)
#: Where a report was filed: "BAQUBA, Iraq, Oct 8 (Wire) -", "NIAMEY -", "LAKKI MARWAT:".
#: Group 1 is the place (a city in capitals, then what qualifies it).
_DATELINE_PLACE = re.compile(
    r"^([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}(?:,\s*[A-Z][\w'’.-]*(?: [\w'’.-]+){0,4}){0,2}?)"
    r"(?:,?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?)?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:[-–—]+\s|:\s)"
)
#: A state agency's dateline: "Zahedan, IRNA -", "Tehran, PGNA -" (city, agency, dash).
_AGENCY_DATELINE = re.compile(
    r"^([A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,2}),\s+[A-Z]{2,8}\s*[-–—]+\s"
)
#: A regional outlet's first line: "Diyala - Rafidain Post" (place, dash, outlet name).
_PLACE_LINE = re.compile(r"^([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}) [-–—] [A-Z][^\n]{0,60}\n")
#: Unnamed forces that, in the West Bank and Gaza, are Israel's ("security forces" there are
#: as often the Palestinian Authority's, so they stay with the country).
_OCCUPIER_HEADS = frozenset({"troops", "soldiers", "soldier", "army", "military"})
_FORCE_BODY = {
    "security forces": "military",
    "government forces": "military",
    "troops": "military",
    "soldiers": "military",
    "soldier": "military",
    "army": "military",
    "military": "military",
    "border guards": "military",
    "policemen": "police",
    "police": "police",
    "police officers": "police",
    "policeman": "police",
    "police officer": "police",
    "counter-terrorism forces": "military",
    "army patrol": "military",
    "gendarmes": "police",
    "gendarme": "police",
    "gendarmerie": "police",
    # ("a junta air strike", "junta artillery shelled the town": the military in power)
    "junta": "military",
    "regime": "military",
}
#: What "junta" modifies when it names the forces acting: "a junta air strike", "junta
#: artillery shelled the town".
_JUNTA_WEAPON_AFTER = re.compile(
    r"\s+(?:air ?strikes?|airstrikes?|artillery|jets?|warplanes?|aircraft|drones?|drone strikes?|"
    r"shelling|bombing|bombardment|raids?|columns?|offensive)\b"
)
_CIVILIAN_HEADS = {
    "civilians",
    "civilian",
    "people",
    "residents",
    "villagers",
    "farmers",
    "shepherds",
    "passengers",
    "worshippers",
    "students",
    "children",
    "women",
    "workers",
    "traders",
    "pilgrims",
    "fishermen",
    "family members",
    "displaced people",
    "protesters",
    "demonstrators",
    "men",
    "man",
    "labourers",
    "laborers",
    "miners",
    "drivers",
    "herders",
    "mourners",
    "churchgoers",
    "shoppers",
    "motorists",
    "farmer",
    "shepherd",
    "villager",
    "resident",
    "worker",
    "driver",
    "trader",
    "student",
    "child",
    "woman",
    "boy",
    "girl",
}
_GENERIC_HEADS = (
    r"security forces|government forces|counter-terrorism forces|border guards|army patrol|"
    r"police officers?|policem[ae]n|police|troops|soldiers?|army|military|civilians?|people|residents|"
    r"villagers|farmers|shepherds|passengers|worshippers|students|children|women|workers|traders|"
    r"pilgrims|fishermen|family members|protesters|demonstrators|men|man|labou?rers|"
    r"miners|drivers|herders|mourners|churchgoers|shoppers|motorists|farmer|shepherd|"
    r"villager|resident|worker|driver|trader|student|child|woman|boy|girl|"
    r"gendarmes|gendarmerie|gendarme|junta|regime|"
    r"commander|official|leader|judge|cleric|imam|mayor|journalist|activist|politician|"
    r"governor|lawmaker|tribal elder|elder|chief|spokesman|suspects|officer"
)
#: Finds the head nouns fast; the words before each head are read by _GENERIC_NP.
#: ("army-held", "police-run": a head glued to a hyphen describes something else.)
#: (The heads as a trie: the same matches, with one branch per letter at each word start
#: instead of seventy words tried in turn.)
_GENERIC_HEAD = re.compile(rf"\b(?:{ordered_trie(word_alternatives(_GENERIC_HEADS))})\b(?!-\w)")
#: The noun phrase ending at a head: a determiner or number and up to two modifiers.
_GENERIC_NP = re.compile(
    r"(?<!['’])\b((?:the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens of|\d+)?\s*"
    r"(?:(?!(?:from|the|of|to|in|on|at|by|with|and|or|for|said|says|that|which|who|as|a|an|its|"
    r"their|his|her|\w+ed|sent|deploy\w*|dispatch\w*)\b)[\w-]+\s+){0,2}?"
    rf"(?P<head>{_GENERIC_HEADS}))$"
)
_FORCES_AMONG = re.compile(
    r",?\s+(?:including|among them|among whom|most of them)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:soldiers|troops|policemen|police officers|officers|security personnel|guards|"
    r"fighters|militants|members of)\b"
)
_MEN = re.compile(r"\bm[ae]n$")
#: The body a spokesman speaks for when news names it by a common noun ("a spokesman for
#: the junta", "a spokesman of the military government").
_SPEAKS_FOR = re.compile(
    r"\s+(?:for|of)\s+the\s+(?:ruling\s+)?(junta|military government|military regime|"
    r"military authorities|regime|military|army|armed forces)\b"
)
#: A name in apposition to a role ("a senior commander, Abu Khalid al-Masri," / "a local
#: commander known as Abu Hamza"): two to four capitalised words (Arabic particles allowed).
_APPOSITION_NAME = re.compile(
    r"(?:,\s+|\s+(?:known as|named|identified as)\s+)(?P<name>[A-Z][\w'’-]+"
    r"(?:\s+(?:(?:al|el|bin|ibn|abu|ould|ag)[-\s])?[A-Z][\w'’-]+){1,3})(?=\s*[,.;)]|\s+(?:was|is|who|had|has)\b)"
)
_COUNT_IN = re.compile(
    r"(?<![\w-])(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s"
)
_SUSPECTED_AFTER = re.compile(r"\s+(?:suspected|accused)\b")
#: A demonym, an aircraft's model, and an aircraft noun: "Iraqi F-16 jets", "Egyptian
#: Apache helicopters", "Jordanian F-16s", "Turkish Bayraktar TB2 drones".
_AIRCRAFT_MODEL = (
    r"(?:(?:F|FA|F/A|Su|SU|MiG|MIG|Mi|Ka|Tu|B|JF|J|L|AH|UH|MQ|RQ)-\d{1,3}[A-Za-z]{0,2}|Apache|"
    r"Rafale|Mirage|Tornado|Typhoon|Eurofighter|Sukhoi|Black Hawk|Super Tucano|Tucano|Bayraktar|"
    r"Akinci|Reaper|Predator|Cobra|Chinook|Wing Loong|Mohajer|Shahed)"
)
_NATIONAL_AIRCRAFT = re.compile(
    r"\b(?P<demonym>US|U\.S\.|[A-Z][a-z]+(?:i|n|ese|ish|ian|an|ic|ch|ean))\s+"
    rf"(?:{_AIRCRAFT_MODEL}s(?![\w-])|{_AIRCRAFT_MODEL}(?:\s+[A-Z0-9][\w-]*)?\s+"
    r"(?:fighter jets?|jets?|warplanes?|aircraft|helicopters?|gunships?|bombers?|drones?|"
    r"planes?|fighters|attack helicopters?))(?![\w-])"
)
_NATIONAL_AIRCRAFT_CUE = re.compile(
    r"\d[A-Za-z]{0,2}s?\s|Apache|Rafale|Mirage|Tornado|Typhoon|Eurofighter|Sukhoi|Black Hawk|"
    r"Tucano|Bayraktar|Akinci|Reaper|Predator|Cobra|Chinook|Wing Loong|Mohajer|Shahed"
)
#: "regrouped after the death of their leader in March": a death named to say when
#: something else happened, recalled as background and not told as news.
#: A death sentence: "sentenced five men to death", "condemned him to death".
_TO_DEATH = re.compile(r"\b(?:sentenced|condemned)\s+(?:[\w'’-]+\s+){0,5}?to\s+$")
_DEATH_AS_TIME = re.compile(
    r"\b(?:after|since|following|before|until|with)\s+(?:the\s+)?(?:[\w-]+\s+)?$"
)
#: A modifier of a noun phrase telling what a person or group did before the act being
#: reported: "killed a commander blamed for last month's ambush on soldiers near X". What
#: it names (that ambush, its day, place and victims) is not part of the main act.
_TARGET_MODIFIER = re.compile(
    r"(?<=[a-z0-9'’)])\s+(?:(?:who (?:was|were|is|are|had been|has been|have been) )?"
    r"(?:blamed for|accused of|wanted (?:for|over|in connection with)|responsible for|"
    r"suspected of|believed to (?:be|have been) behind|"
    r"(?:said|thought|alleged|suspected|believed) to have (?:planned|organi[sz]ed|carried out|"
    r"led|masterminded|ordered)|behind))\s",
    re.I,
)
#: What a person "behind" something is behind, for it to be a deed.
_DEED_NOUN = re.compile(
    r"\b(?:attacks?|bombings?|ambush(?:es)?|killings?|assassinations?|abductions?|"
    r"kidnappings?|massacres?|blasts?|explosions?|raids?|plots?|shootings?|murders?)\b",
    re.I,
)
#: Words before such a cue that make it a verb phrase of the sentence ("he was blamed
#: for", "Iraq accused of"), not a modifier of a noun.
_NOT_NOUN_BEFORE = re.compile(
    r"(?:\b(?:was|were|is|are|be|been|being|has|have|had|he|she|they|it|we|i|who|which|that|"
    r"not|and|or|of|to|also|[a-z]+ly)|\b[A-Z][a-z]+ (?:[A-Z][a-z]+ )*(?:has|have|had))$",
)
#: Where the modifier ends: a comma or stop, the main act's day, its manner ("in a strike
#: on"), or a new clause.
_MODIFIER_END = re.compile(
    r"[,;:.!?]|\s(?:early |late )?on (?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)\b|\s(?:yesterday|today|overnight)\b|\s(?:in|during) (?:an?|the) (?:[\w-]+ )?"
    r"(?:air ?strikes?|strikes?|raids?|operations?|ambush|clash(?:es)?|patrol|sweep)\b|"
    r"\s(?:and|then) (?:handed|took|transferred|seized|confiscated)\b|\s(?:and|but|as|"
    r"while|after|before|when) (?:the |his |their |its )?[a-z]+ (?:said|says|added)\b",
    re.I,
)
#: "a civilian building", "civilian infrastructure": the word describes a thing, not a person.
_CIVILIAN_ADJECTIVE = re.compile(r"civilian\s+(?!(?:was|is|had|has|were|who|and|or|died)\b)[a-z]")
_COUNT_PREFIX = re.compile(
    r"^(?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens of|\d+)\s+",
    re.I,
)
_RESIDENTS = re.compile(r"(?:the\s+)?(?:residents|people)\b")
_COUNTED = re.compile(
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens of|\d+)\s"
)
#: How many words a phrase of _GENERIC_NP spans at most: "dozens of", two modifiers, a
#: head of two words, and the word whose end may start the match.
_NP_MAX_WORDS = 7


def _noun_phrase(window: str) -> re.Match[str] | None:
    """``_GENERIC_NP.search(window)``, reading only the words that can take part.

    A match of _GENERIC_NP is a run of word characters, hyphens and spaces of at most
    _NP_MAX_WORDS words ending at the end of `window`; everything before that cannot be
    in it, and trying the pattern at each of those positions is what made the search slow.
    The search starts one character before the run, so the pattern's look-behind and
    word boundary see what they saw before.
    """
    pos = len(window)
    words = 0
    while pos > 0:
        ch = window[pos - 1]
        if ch.isspace():
            pos -= 1
        elif ch.isalnum() or ch in "_-":
            words += 1
            if words > _NP_MAX_WORDS:
                break
            while pos > 0 and (window[pos - 1].isalnum() or window[pos - 1] in "_-"):
                pos -= 1
        else:
            break
    return _GENERIC_NP.search(window, max(0, pos - 1))


_SAID_IT = Prefiltered(
    re.compile(
        r"\b(?:said|says|announced|reported|claimed|stated|confirmed|wrote|posted)\s+"
        # ("on Monday", "on X", "in a post on Telegram", "on its Telegram channel")
        r"(?:(?:on|in|via|through)\s+(?:[\w'’-]+\s+){1,5}?)?(?:that\s+)?"
        r"(?:it|they|its (?:forces|troops|fighters|units|men|soldiers|aircraft|warplanes|jets|"
        r"drones|air force|air component|artillery|special forces|police|personnel))\s+"
        r"(?:had\s+|have\s+|has\s+)?"
        r"(?:\w+ly\s+)?(?:[\w-]+\s+(?:[\w-]+\s+){0,5}and\s+)?$"
    )
)
# "three Palestinians", "dozens of Afghans": people of a nation, as victims.
_DEMONYM_PLURAL = re.compile(
    r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|"
    r"hundreds of|several|many|more|at least \w+)\s+([A-Z][a-z]+(?:ians|ans|is|ese|ish|s))\b"
)
_ITS_FORCES = re.compile(r"\bits (?:forces|troops|fighters|units|soldiers|men)\b")
_SAY_AFTER = re.compile(r"\s+(?:said|say|says|told|reported|described)\b")
#: Every match of _ANAPHOR contains one of these (the nouns it ends with).
_ANAPHOR_NOUNS = (
    "attack",
    "strike",
    "operation",
    "incident",
    "assault",
    "bombing",
    "blast",
    "raid",
    "killing",
    "elimination",
    "ambush",
    "explosion",
    "clashes",
    "fighting",
    "arrest",
    "deployment",
    "reinforcement",
    "coordination",
)
_ANAPHOR = Prefiltered(
    re.compile(
        r"\b(?:the|this|that|last week's|the latest|the recent)\s+(?:(?:deadly|latest|recent|reported|"
        r"apparent|alleged|suspected|targeted|drone|air|precision|tuesday's|\w+day's)\s+)?"
        r"(attack|strike|operation|incident|assault|bombing|blast|raid|killing|elimination|ambush|"
        r"explosion|clashes|fighting|arrests?|deployment|reinforcement|coordination)\b"
    ),
    needs=_ANAPHOR_NOUNS,
)
_ATTRIB_ACCORDING = Prefiltered(re.compile(r"\baccording to\s+(?:an?\s+|the\s+)?"))
_ATTRIB_CITING = Prefiltered(re.compile(r"\bciting\s+"))
# "..., the interior ministry said." / "..., two residents told Sahel Monitor."
#: Every match of _SAID_TAIL contains one of these verbs.
_SAY_VERBS = (
    "said",
    "says",
    "told",
    "reported",
    "announced",
    "added",
    "stated",
    "confirmed",
    "claimed",
    "wrote",
)
_SAID_TAIL = Prefiltered(
    re.compile(
        # (after a quote the comma stands inside it: '... to hell," the ISPR said.')
        r"[,;][\"”’]?\s+(?:according to\s+)?((?:the\s+|an?\s+|two\s+|three\s+|several\s+)?"
        r"[^,;\"“”]{2,130}?)\s+"
        r"(?:said|says|told|reported|announced|added|stated|confirmed|claimed|wrote)\b[^,;]{0,60}"
        # "..., the air force said on Sunday, adding that ...": a participle clause of the
        # speaker's own may follow.
        r"(?:,\s+(?:adding|saying|accusing|citing|calling|describing|noting|warning|urging|"
        r"blaming|giving|without)\b[^;]*|[.!]?[\"”]?)$"
    ),
    needs=_SAY_VERBS,
)
#: Words that make a phrase a medium that carries a report, not a source it quotes.
_MEDIUM = re.compile(
    r"\b(?:news|network|agency|television|tv|radio|newspaper|daily|channel|outlet|website|"
    r"broadcaster|wire)\b"
)
#: "X was told by a local administrator": the source follows.
_TOLD_BY = Prefiltered(re.compile(r"\b(?:was|were) told by\s+(?:an?\s+|the\s+)?"))
_SOURCE_HEAD = re.compile(
    r"\b(sources?|officials?|officers?|agency|agencies|ministry|spokes(?:man|woman|person)|"
    r"witness(?:es)?|residents?|reports?|media|statement|commanders?|command|police|army|military|"
    r"government|authorit(?:y|ies)|officials|medics?|doctors?|hospital|monitor|observatory|"
    r"activists?|eyewitness(?:es)?|person|people|elders?|security|intelligence|channel|television|"
    r"tv|radio|newspaper|daily|outlet|website|telegram|x|twitter)\b"
)
_SAY = Prefiltered(
    re.compile(
        r"\b(said|says|reported|reports|announced|told|stated|confirmed|added|claimed|quoted|cited)\b"
    )
)
#: Every match of _SOURCE_NP contains one of these (the nouns of its head).
_SOURCE_NOUNS = (
    "source",
    "official",
    "witnesses",
    "residents",
    "medics",
    "doctors",
    "spokes",
    "activists",
    "monitor",
)
_SOURCE_NP = Prefiltered(
    re.compile(
        r"\b((?:an?|one|two|three|several|the)\s+)?((?:unnamed|anonymous|local|security|military|"
        r"official|government|medical|hospital|police|tribal|intelligence|senior|informed|western|"
        r"diplomatic|humanitarian)\s+)*(sources?|officials?|witnesses|residents|medics|doctors|"
        r"spokes(?:man|woman|person)|activists|monitors?)\b[^,.;]*"
    ),
    needs=_SOURCE_NOUNS,
)
_NUM_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a dozen": 12,
    "dozens of": 24,
    "a hundred": 100,
    "hundreds of": 200,
    "a": 1,
    "an": 1,
    "single": 1,
    "both": 2,
}
# Compound number words ("Twenty-five students", "thirty one soldiers"): without them the
# count would be read from the last word alone ("five").
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_TENS |= {"eighty": 80, "ninety": 90}
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUM_WORDS |= {"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUM_WORDS |= {
    f"{tens}{sep}{unit}": value + _NUM_WORDS[unit]
    for tens, value in _TENS.items()
    for unit in _UNITS
    for sep in ("-", " ")
}
_NUM = (
    r"(\d{1,3}(?:,\d{3})+|\d+|"
    + "|".join(sorted((re.escape(k) for k in _NUM_WORDS), key=len, reverse=True))
    + r")"
)
_APPROX = r"(?:at least|some|about|around|nearly|almost|more than|over|up to|as many as|roughly|approximately)?\s*"
_VICTIM = r"(?:[\w()-]+\s+){0,3}?(?:people|persons|person|civilians|civilian|soldiers|soldier|troops|fighters|fighter|militants|militant|members|member|officers|officer|policemen|policeman|police officers|personnel|children|child|women|woman|men|man|boy|girl|workers|worker|guards|guard|suspects|others|insurgents|jihadists|gunmen|attackers|combatants|recruits|pilgrims|residents|villagers|farmers|students|family members|relatives|individuals|labou?rers|miners|drivers|passengers|fishermen|herders|traders|worshippers|rebels?|bandits?|sons|daughters|of them)"
#: Per count key: words one of which any pattern of the key needs (so a sentence without
#: them skips the key), and the patterns, verb-first ("killed 12") before number-first.
_Q_RULES: list[tuple[str, re.Pattern[str], list[tuple[re.Pattern[str], bool]]]] = []
#: Per count key: two counts joined by "and" before one verb, to be summed.
_Q_BOTH: dict[str, re.Pattern[str]] = {}
#: Per count key: a verb, then two counted groups joined by "and", to be summed.
_Q_BOTH_V: dict[str, re.Pattern[str]] = {}
for _key, _verbs, _stems in (
    (
        "killed",
        # ("martyred": how South Asian and Middle Eastern media report deaths of their own;
        # "neutralised": military communiques' word for killed)
        r"kill(?:ed|ing|s)?|dead|died|deaths?|lost their lives|slain|shot dead|massacred|executed|"
        r"eliminated|martyred|neutrali[sz](?:ed|ing)|behead(?:ed|ing)",
        (
            "kill",
            "dead",
            "died",
            "death",
            "lives",
            "slain",
            "massacred",
            "executed",
            "eliminated",
            "martyr",
            "neutrali",
            "behead",
        ),
    ),
    # ("one soldier sustained injuries", "12 persons sustained varying degrees of injuries")
    (
        "injured",
        r"wound(?:ed|ing|s)?|injur(?:ed|ing|ies|y)|hurt|sustained (?:[\w-]+ ){0,3}?injur(?:ies|y)",
        ("wound", "injur", "hurt"),
    ),
    (
        "arrested",
        r"arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|apprehended|captured|rounded up|picked up|held",
        ("arrest", "detain", "apprehended", "captured", "rounded up", "picked up", "held"),
    ),
    (
        "abducted",
        r"abduct(?:ed|ing|s)?|kidnapp?(?:ed|ing|s)?|taken hostage|taken captive",
        ("abduct", "kidnap", "hostage", "captive"),
    ),
):
    _patterns = [
        # ("injuring his two sons": a possessive before the count)
        (re.compile(rf"\b(?:{_verbs})\s+(?:(?:his|her|their|its)\s+)?{_APPROX}{_NUM}\b"), True),
        (
            re.compile(
                # ("no one was hurt", "not one soldier was killed": nobody, not a count)
                # ("none of the 23 crew members was hurt": a count of nobody)
                rf"(?<!\bno )(?<!\bnot )(?<!\bno)(?<!\bnot)(?<!\bnone of the )(?<!\bnone of the)"
                # ("two of the 23 crew were hurt": the whole is not the count)
                rf"(?<!\bof the )(?<!\bof the)(?<!\bof its )(?<!\bof its)(?<!\bof their )(?<!\bof their)"
                rf"\b{_APPROX}{_NUM}\s+{_VICTIM}?"
                # "two members of the Basij were martyred": whom the victims belong to
                # ("two of the 23 crew were hurt": the part, with no victim noun before "of")
                # ("two soldiers of the Southern Armed Forces were martyred": up to 3 words)
                r"(?:\s*\bof\s+(?:the\s+|its\s+|their\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2})?"
                # "twelve civilians, including five children, were killed"
                r"(?:,\s+including\s+[^,.;]{1,40},)?"
                rf"\s*(?:were|was|have been|had been|are|being|reportedly|also)?\s*(?:\w+\s+)?(?:{_verbs})\b"
            ),
            False,
        ),
    ]
    if _key == "killed":
        _stems += ("toll",)
        _patterns.append(
            (
                re.compile(
                    rf"\b(?:death toll|toll)\b[^.]{{0,100}}?\b(?:to|at|of|reached|rose to)\s+{_APPROX}{_NUM}\b"
                ),
                False,
            )
        )
    _Q_RULES.append((_key, re.compile(trie_regex(frozenset(_stems))), _patterns))
    # "17 soldiers and nine attackers were killed": both sides' dead, one toll
    # ("reported six drivers and two soldiers killed": the same, with no auxiliary)
    _Q_BOTH[_key] = re.compile(
        rf"\b{_NUM}\s+{_VICTIM},?\s+and\s+{_APPROX}{_NUM}\s+{_VICTIM}\s+"
        # ("two soldiers and a suspected member of the NPA were killed": whose the second is)
        rf"(?:of\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){{0,3}}\s+)?"
        rf"(?:(?:were|have been|had been)\s+(?:\w+\s+)?)?(?:{_verbs})\b"
    )
    # "killing two police officers and a street vendor", "wounding a woman and her two
    # children", "killing two soldiers and at least three SDF fighters": the verb first,
    # then two counted groups joined by "and" (one lone person counts as one).
    _Q_BOTH_V[_key] = re.compile(
        rf"\b(?:{_verbs})\s+(?:(?:his|her|their|its)\s+)?{_APPROX}{_NUM}\s+{_VICTIM},?\s+and\s+"
        rf"(?:(?:his|her|their|its)\s+)?"
        rf"(?:{_APPROX}{_NUM}\s+{_VICTIM}\b|(an?)\s+(?:[a-z-]+\s+){{0,2}}?[a-z-]+(?=[,.;]|\s+(?:in|on|at|near|who|when|and)\b))"
    )

_MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|march|mar|apr(?:il)?|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
#: A month after a number ("20 November", "the 5th of May"), or before it ("November 20",
#: "Nov. 21, 2026"): the number is part of a date.
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MONTH_WORD + r"|may)\b\.?")
_MONTH_BEFORE = re.compile(r"\b" + _MONTH_WORD + r"\.?,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$")


def _date_part(low: str, start: int, end: int) -> bool:
    """Whether the digits at ``low[start:end]`` are a day or year of a date, not a count.

    "The AA said on 20 November it had captured ...", "Ouahigouya, 21 Nov. 2026 (ABP) -
    Four soldiers were killed": a count read there would be the day or the year.
    """
    digits = low[start:end]
    if not digits.isdigit():
        return False
    if len(digits) <= 2 and 1 <= int(digits) <= 31 and _MONTH_AFTER.match(low, end):
        return True
    return _MONTH_BEFORE.search(low, max(0, start - 20), start) is not None


#: An act noun told with its doer right after it: "the attack perpetrated on Saturday by
#: elements of the 3R", "an ambush carried out by al-Shabaab".
_PERPETRATED_BY = re.compile(
    r"\s+(?:perpetrated|carried out|committed|staged|mounted)\b[^.;:]{0,100}?\bby\s"
)
#: Words before a count that is a part of one told before: "killed 19, among them 12 children".
_BREAKDOWN_BEFORE = re.compile(r"\b(?:among them|including|of whom|of them)\s*$")
#: A force counted as it is sent: "deployed 300 additional soldiers", "the sending of 1,200
#: police officers".
_Q_DEPLOYED = re.compile(
    rf"\b(?:deployed|deploying|deploy|sent|sending|send|dispatched|dispatching|"
    rf"(?:deployment|sending|dispatch) of)\s+(?:an?\s+)?(?:(?:additional|extra|more|fresh|new)\s+)?"
    rf"{_APPROX}(?!an?\b){_NUM}\s+"
    r"(?:(?:additional|extra|more|fresh|new|elite|special)\s+)?(?:[\w-]+\s+)?"
    r"(?:troops|soldiers|police(?:men)?|(?:police |security )?officers|personnel|elements|"
    r"gendarmes|marines|commandos|paratroopers|fighters|agents|peacekeepers)\b"
)
#: The trigger of an emergency measure and of an escape (kinds of "other" event).
_EMERGENCY_RULE = re.compile(r"state of (?:emergency|exception|siege)|martial law|flights", re.I)
_ESCAPE = re.compile(r"escape|jailbreak|prison ?break", re.I)
#: The doer after "by" ("claimed by the al-Qaeda-linked X", "by a faction of the Y").
_BY_BEFORE = re.compile(
    r"\bby\s+(?:(?:an?|one)\s+(?:faction|wing|branch|splinter group|offshoot|cell|unit)\s+of\s+)?"
    r"(?:[\w'’-]+\s+){0,3}$"
)
#: ("an attack they blamed on dissidents of the former FARC": a group named through its
#: members, up to four words before it)
_ATTRIBUTED_TO = re.compile(
    r"\b(?:attributed to|blamed on)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?"
    r"(?:(?:of|from)\s+(?:the\s+)?(?:former\s+|banned\s+|outlawed\s+)?)?$"
)
#: An act noun, then a relative clause naming who claimed it before the verb: "in an
#: attack the Houthis later claimed.", "an ambush that JNIM claimed on its channels" (the
#: verb ends the clause: "an attack the army claimed was staged" is not one).
_RELATIVE_CLAIM = re.compile(
    r"\b(?:attack|strike|ambush|raid|bombing|assault)\s+(?:that\s+|which\s+)?"
    r"((?:the\s+)?[\w'’-]+(?:\s+[\w'’()-]+){0,4}?)\s+"
    r"(?:later\s+|subsequently\s+|quickly\s+|swiftly\s+|also\s+|has\s+|had\s+)?claimed\b"
    r"(?=\s*(?:[.,;:]|$|on\b|in\b|through\b|via\b|responsibility\b))"
)
#: Who the attackers were, told in apposition or as a predicate: "the attackers, members of
#: the Viv Ansanm coalition,", "The assailants were fighters of the ADF" (not "believed to
#: be": a guess is not a name).
_ATTACKERS_WERE = re.compile(
    r"\b[Tt]he (?:attackers|assailants)(?:,\s+|\s+(?:were|are)\s+)(?:all\s+)?"
    r"(?:members|fighters|militants|gunmen|elements) of (?:the\s+)?([^,.;]{2,80})"
)
#: Bombs a drone carries or drops: "drones carrying small bombs", "a drone dropped a bomb".
_DRONE_CARRYING = re.compile(
    r"\b(?:drones?|uavs?|quadcopters?)\s+(?:carrying|loaded with|armed with|laden with|"
    r"dropp(?:ed|ing)|that dropped|which dropped)\s+(?:[\w-]+\s+){0,3}?(?:bombs?|explosives?|"
    r"grenades?|munitions?)\b",
    re.I,
)
#: A vessel as the subject of a passive act: "The Liberian-flagged bulk carrier Aegean Crest
#: was struck", "a merchant vessel was hit" (its name, if any, after the noun).
_VESSEL_SUBJECT = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?P<np>(?:[\w'’-]+\s+){0,3}?(?:vessel|ship|tanker|bulk carrier|"
    r"freighter|container ship|cargo ship|carrier))(?:\s+[A-Z][\w'’-]*){0,3},?\s+"
    r"(?:was|were)\s+(?:reportedly\s+|also\s+)?$"
)
#: The crew counted as a vessel is seized with it: "seized a cargo ship and its 19 crew".
_CREW_TAKEN = re.compile(
    rf"\b(?:seized|hijacked|commandeered|captured)\b[^.;]{{0,60}}?\band\s+(?:its|their)\s+"
    rf"{_APPROX}{_NUM}\s+crew\b"
)
#: A weapon its reporter cannot name: "an unknown projectile", "unidentified projectiles".
_UNKNOWN_PROJECTILE = re.compile(r"\b(?:unknown|unidentified)\s+(?:airborne\s+)?projectiles?\b")
#: A sentence ranking the act just told among others: "It was the deadliest attack on a
#: school this year", "This was the first strike claimed by the group since October".
_RANKED_ACT = re.compile(
    r"\s*(?:it|this|that|the (?:attack|strike|assault|bombing|ambush|raid|blast|killing)s?)\s+"
    r"(?:(?:was|is|marked|became|has been|had been)\s+(?:(?:also|only)\s+)?(?:the|its|their)\s+"
    r"(?:first|second|third|fourth|fifth|latest|deadliest|worst|bloodiest|biggest|largest|"
    r"heaviest|most\s+\w+)\b"
    # ("The attack was part of a fuel blockade JNIM declared": the act placed in a campaign)
    r"|(?:was|is|were|are)\s+(?:also\s+)?part\s+of\b)",
    re.I,
)
#: Where such a ranking sentence turns to another act: "..., when gunmen killed 20".
#: ("It was the second US strike in the area this month: an airstrike near X on January 5
#: killed four": the other act after a colon)
_RANKED_UNTIL = re.compile(r",?\s+(?:when|after|in which)\b|\s*[:;]\s", re.I)
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
#: A tally over a span of days: "between 9 and 15 November", "between March 1 and 7",
#: "from 3 to 9 June", "since January", "since the start of the year".
_PERIOD_TOLL = re.compile(
    rf"\b(?:between\s+\d{{1,2}}\s+and\s+\d{{1,2}}\s+{_MONTH_NAME}|"
    rf"between\s+{_MONTH_NAME}\s+\d{{1,2}}\s+and\s+(?:{_MONTH_NAME}\s+)?\d{{1,2}}|"
    rf"from\s+\d{{1,2}}\s+to\s+\d{{1,2}}\s+{_MONTH_NAME}|"
    rf"since\s+(?:the\s+(?:start|beginning)\s+of\s+(?:the\s+year|{_MONTH_NAME})|{_MONTH_NAME}\b))"
)
#: A bare "agreed" ending its clause, or agreeing with someone: concurring, not an accord.
_CONCURRED_AFTER = re.compile(
    r"\s*(?:[.;!?]|$|,\s*[\"“]|\s+with\s+(?:him|her|them|this|that|the assessment)\b)"
)
#: The writer naming whose act it was: "fire blamed on the RSF", "attacks attributed to".
_ATTRIBUTED_ANY = re.compile(r"\b(?:attributed to|blamed on)\s")
#: A date right after a reporting verb dates the report ("said on Sunday", "told
#: reporters on Monday", "said in a statement on Tuesday"), not what it reports.
#: A subject that counts nobody, before an outcome verb: "no civilians had been injured or".
_NO_VICTIM = re.compile(
    r"\b(?:no|nobody|no one|none(?: of (?:the|them))?)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:had been|has been|have been|were|was|are|is|got)\s+(?:\w+\s+(?:or|and)\s+)?$"
)
#: Buildings, sites and vessels an act can hit; vehicles are left out (news names the
#: people in them) and so are military posts (their holders are the target).
_FACILITY_HEADS = (
    r"(?:railway |train |bus |police |fire |petrol |gas |power |pumping |radar )?stations?|"
    r"(?:power |water |desalination |chemical |nuclear )?plants?|substations?|depots?|"
    r"warehouses?|refiner(?:y|ies)|pipelines?|dams?|bridges?|airports?|airfields?|ports?|"
    r"harbou?rs?|terminals?|headquarters|schools?|kindergartens?|universit(?:y|ies)|"
    r"hospitals?|clinics?|houses?|homes?|apartment blocks?|buildings?|mosques?|churches|"
    r"church|markets?|factor(?:y|ies)|facilit(?:y|ies)|infrastructure|offices?|embass(?:y|ies)|"
    r"consulates?|hotels?|prisons?|villages?|ships?|vessels?|tankers?|(?:bulk )?carriers?|"
    r"freighters?|(?:supply )?convoys?|"
    r"grid|warehouse|shopping (?:centre|center|mall)|pylons?|power lines?|transformers?|"
    r"(?:radio |telecommunications? |mobile phone )?(?:towers?|masts?)"
)
_FACILITY_NP = re.compile(
    r"(?:\s+(?:that|which)\s+(?:damaged|destroyed|hit|struck|targeted|set fire to))?"
    r"\s+(?:(?:on|at|against|into|to|near)\s+)?"
    r"(?P<np>(?P<det>(?:the|an?|two|three|four|five|several|\d+)\s+)?(?:[\w'’-]+\s+){0,3}?"
    rf"(?:{_FACILITY_HEADS}))\b(?![\w'’-])"
)
#: "the village of Kfar Kila": the named place is where the act happened (on the original text).
_NAMED_SETTLEMENT = re.compile(r"\b[A-Z][\w'’-]*\s+(?:[A-Z][\w'’-]*\s+)*villages?$")
_NAMED_PLACE_AFTER = re.compile(r"\s+(?:city\s+|town\s+)?of\s+(?:the\s+)?(?:[A-Z]|al-|el-)")
#: A second site after the first: "and the city's airport", "and damaged a kindergarten".
_AND_FACILITY = re.compile(
    r"\s+and\s+(?:(?:damaged|destroyed|hit|struck|set fire to)\s+)?"
    r"(?P<np>(?P<det>(?:the|an?|two|three|several|\d+|its|their|the city's|the town's)\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?"
    rf"(?:{_FACILITY_HEADS}))\b(?![\w'’-])"
)
#: A facility right after a place's name: "(Port Sudan) airport", "(Port Harcourt) refinery".
_FACILITY_AFTER_NAME = re.compile(rf"\s+(?:[\w'’-]+\s+)?(?:{_FACILITY_HEADS})\b(?![\w'’-])")
#: Settlements named after "of" are where an act happened: "the village of Kfar Kila".
_SETTLEMENT_HEAD = re.compile(r"\b(?:villages?|towns?)$")
_FACILITY_DET = re.compile(r"^(?:the|an?|two|three|four|five|several|\d+)\s+", re.I)
_OFTEN = re.compile(
    r"\b(?:often|frequently|regularly|repeatedly|routinely|usually|typically|sometimes|"
    r"occasionally)\b"
)
_REPORTING = Prefiltered(
    re.compile(
        r"\b(?:said|says|say|told\s+\w+|reported|reports|announced|stated|confirmed|added|"
        r"alleged|alleges|believes|believe|informs|informed|wrote|writes|posted)\b(?!\s+to\b)"
    ),
    needs=(
        "inform",
        "wrote",
        "writes",
        "posted",
        "said",
        "say",
        "told",
        "report",
        "announced",
        "stated",
        "confirmed",
        "added",
        "allege",
        "believe",
    ),
)
_SPEAKER_PRONOUN = re.compile(
    r"(?:\s+(?:on|in|a|statement|late|last|this|that|earlier|later|yesterday|today|overnight|"
    r"week|month|year|night|morning|evening|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday))*\s+(?:it|they|its|their|we|our|he|she|his)\b"
)
#: A relative clause about the object of an act ("a woman who was allegedly ...").
_RELATIVE_ABOUT = Prefiltered(re.compile(r",?\s+(?:who|whom|whose)\s"), needs=("who",))
#: A relative or new clause after a claim or accusation, telling an act of its own.
#: "responded with", "retaliated with a wave of": the act after it is the subject's answer
#: to the act before it, a new act.
_RESPONDED_WITH = re.compile(
    r"\b(?:responded|retaliated|replied|hit back|struck back)\s+(?:with|by)\s+"
    r"(?:(?:an?|the|its|their|a wave of|waves of|a series of|a barrage of|heavy|intense|"
    r"several|dozens of)\s+)*$",
    re.I,
)
_NEW_CLAUSE = re.compile(r",\s+(?:where|when|in which|during which)\b|;")
_TITLE_PARTS = re.compile(r"\s*;\s*")
#: A locative before a capitalised name: where the gazetteer found nothing, a village.
#: A conflict monitor's counts of coded events: "demonstration events", "strike events".
_EVENT_COUNTS = re.compile(
    r"\b(?:demonstration|protest|battle|strike|explosion|riot|violence|political violence|"
    r"remote violence|drone strike|air strike|airstrike|shelling)\s+events\b"
)
#: Fighters killed in a forces' operation: "killed 14 militants in an operation",
#: "during an intelligence-based operation", "an operation in which 12 cadres were killed".
_OPERATION_KILLS = re.compile(
    r"\b(?:militants|fighters|terrorists|insurgents|cadres|rebels|jihadists|maoists|"
    r"khawarij|extremists)\b[^.;]{0,80}?\b(?:in|during)\s+(?:an?|the|a\s+joint)\s+"
    r"(?:[\w-]+\s+){0,2}?operations?\b"
    r"|\boperations?\s+in\s+which\s+(?:\w+\s+){0,3}?(?:militants|fighters|terrorists|"
    r"insurgents|cadres|rebels|jihadists|maoists)\s+(?:were|had\s+been)\s+killed\b"
)
#: A toll's verb right after the people it counts: "Two people were killed", "two men died".
_DIED_AFTER = re.compile(
    r"\s+(?:were|was|are|is|have been|had been)\s+(?:killed|wounded|injured|hurt)\b|\s+died\b"
)
#: A line that may be a day heading: a weekday or month name or a digit first, short.
_DAY_LINE = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|\d)",
    re.IGNORECASE,
)
#: What a day heading may hold besides its date: the weekday, brackets, punctuation.
#: A part of a city named by the city's possessive: "the city's Shevchenkivskyi district".
_CITY_POSSESSIVE = re.compile(r"\bthe (?:city|town|capital|regional capital)['’]s\s+$", re.I)
#: A line that is only a clock time, the stamp of a live-blog entry: "11:05 GMT", "9.42am".
_CLOCK_LINE = re.compile(
    r"\s*\d{1,2}[:.]\d{2}\s*(?:(?:[ap]\.?m\.?)\s*)?(?:GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|"
    r"IST|local time|local)?\s*",
    re.I,
)
_DAY_LINE_REST = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|[\s,()\[\]|:.–—-]+")
#: A section heading opening a round-up's paragraph: "SOUTH SUDAN." or "NIGER:" alone as
#: a sentence, or a short line of its own over the paragraph ("Syria" then a new line).
_SECTION_HEADING = re.compile(
    r"(?:(?P<caps>[A-Z][A-Z'’ -]{2,34}[A-Z])\s*[.:]\s*$"
    r"|(?P<line>[A-Z][\w'’ -]{2,34}[a-zA-Z])[ \t]*\n"
    # ("Latakia governorate:" over the items of a province)
    r"|(?P<label>[A-Z][\w'’ -]{2,34}[a-z])\s*:\s*$)"
)
#: The kind of province a heading may add to its name: "ZAPORIZHZHIA OBLAST.".
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:governorate|province|region|state|oblast|district|department|county)$", re.I
)
_UNKNOWN_PLACE = re.compile(
    r"\b(?:in|near|outside|outskirts of|village of|town of|area of|district of|city of|"
    r"attacked|raided|stormed|struck|entered|torched|overran)\s+"
    r"(?:the\s+)?(?:[a-z]+\s+)?(?:al-|el-)?[A-Z][a-z]"
    # "Mushu village", "Ohtein village in Depayin township"
    r"|\b[A-Z][a-z'’-]+\s+(?:village|town|township|camp|locality|settlement)\b"
)
#: Fighters named with a definite article refer back to the group the story named.
_DEFINITE_FIGHTERS = re.compile(
    r"\bthe\s+(?:militants|jihadists|insurgents|extremists|rebels|militia|militiamen)$"
)


def _definite_fighters(low: str, actor: _Actor) -> bool:
    """Whether an unidentified actor is written "the militants" (a reference back)."""
    return bool(_DEFINITE_FIGHTERS.search(low, max(0, actor.start - 8), actor.end))


_ACT_OR_KILLING = frozenset({"air_or_drone_strike", "attack", "armed_clash", "killing"})
#: An act whose subject is "the group": "the group killed 28 soldiers", "the militant
#: group's fighters stormed".
_GROUP_DID = re.compile(
    r"(?:^|[,;]\s+|\b(?:and|when|after|as)\s+)(?:(?:the|this)\s+(?:(?:militant|jihadist|armed|"
    r"rebel|extremist|terrorist|insurgent|separatist)\s+)?group(?:['’]s\s+(?:fighters|militants|"
    r"members))?|"
    # "its fighters raided ...", "the militia's fighters", "the insurgents": the armed group
    # the story is about, named before (soldiers and troops are an army's, not "fighters")
    r"(?:its|their|the\s+militia['’]s)\s+(?:fighters|militants|combatants|militiamen)|"
    r"the\s+(?:militia|insurgents|rebels))"
    r"\s+(?:(?:has|had|have|also|then|later|reportedly|allegedly)\s+)*"
    r"(?:killed|attacked|stormed|ambushed|abducted|kidnapped|struck|raided|shelled|bombed|"
    r"overran|executed|beheaded|seized|captured|launched|carried out)\b"
)
#: Words one of which a sentence holds when _GROUP_DID can match it.
_GROUP_WORDS = ("group", "its ", "their ", "militia", "insurgents", "rebels")
#: A claim whose subject is a group named before: "the group has since claimed".
_GROUP_SUBJECT = re.compile(
    r"\b(?:the|that)\s+(?:militant\s+|jihadist\s+|armed\s+|extremist\s+|insurgent\s+)?"
    r"(?:group|organi[sz]ation|movement|militants|jihadists|insurgents)\s+"
    r"(?:(?:has|have|had|also|since|later|quickly|swiftly|reportedly|then)\s+){0,3}$"
)
#: Where the object of an act ends and a clause about the object begins.
_OBJECT_CLAUSE = Prefiltered(
    re.compile(
        r",?\s+(?:who|whom|whose|suspected of|accused of|on charges? of|charged with|"
        r"for allegedly|believed to (?:be|have)|"
        # "a commander with deep ties to al-Qaeda": whom the object is tied to is background
        r"with (?:(?:deep|close|strong|long-standing|longstanding|alleged|suspected)\s+)?"
        r"(?:ties|links|connections) (?:to|with))\b"
    ),
    needs=(
        "who",
        "suspected",
        "accused",
        "charge",
        "allegedly",
        "believed",
        "ties",
        "links",
        "connections",
    ),
)
#: "accused X of ...": the accused is before "of", the content after it.
_ACCUSED_OF = re.compile(r"\s(?:of|over|for)\s")
_PASSIVE_BY_NOUN = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:struck|hit|targeted|attacked|"
    r"damaged|destroyed|killed|wounded|injured)\s+by\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$"
)
# ("fighters killed at least 52 people" is active: "at least" counts, it does not locate)
_REDUCED_RELATIVE = re.compile(
    r"\s+(?:in|by|during|when|as|after|at(?! (?:least|most)\b)|near|on)\b"
)
#: The clause of the act after a passive outcome: "were killed when gunmen stormed ...".
_SUBORDINATE_ACT = re.compile(r"\b(?:when|as|after)\s")
_RELATIVE_CLAUSE = re.compile(r"\b(?:that|which)\s+(?:was|were|is|are)\b")
_NIGHT_WORDS = frozenset({"overnight", "last night", "during the night"})
_SAID_DATE = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|denied|claimed|wrote)"
    # "told Indian Ocean Desk on Friday", "said in a statement on Sunday"
    r"(?:\s+(?:in\s+a\s+(?:statement|briefing|video|post|communique)|reporters|journalists|"
    r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*))?\s+$"
)
_FIGHTER_WORDS = re.compile(
    r"militant|terrorist|insurgent|gunm[ae]n|fighter|jihadist|attacker|assailant|extremist|rebel|"
    r"bandit|kidnapper"
)
_PHRASE_END = re.compile(r"[,;.](?:\s|$)")
_LEADING_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.I)
# Every alternative starts with a literal character, the bare conjunctions with their
# word boundary tested just after their first letter ("w(?<!\w.)hile" for "\bwhile"): the
# engine then skips at C speed every position whose character starts none of them.
_CLAUSE_BREAK = re.compile(
    r";|:|,\s+(?:while|whereas|but|and then|although|though|as|where)\b"
    r"|w(?<!\w.)hile\b|a(?<!\w.)fter\b|b(?<!\w.)efore\b|w(?<!\w.)hen\b"
    # "..., the latest in a string of assaults on security forces": an apposition about
    # the series, not this act's participants
    r"|,\s+(?:the\s+(?:latest|third|second|fourth|fifth|deadliest|worst|largest|biggest)|"
    r"(?:one|part)\s+of\s+(?:a|the|several|many|dozens))\b"
)


@functools.lru_cache(maxsize=256)
def _lineage(key: str) -> tuple[str, ...]:
    """:func:`kb.eventtypes.lineage` of a type key, read from the scheme once per key."""
    return tuple(_scheme_lineage(key))


def lineage(key: str) -> list[str]:
    """The key and its broader types up to the top (a new list, see kb.eventtypes)."""
    return list(_lineage(key))


def top_key(key: str) -> str:
    """The top type of a type key (see kb.eventtypes); cached, rules ask it many times."""
    top = _TOP.get(key)
    if top is None:
        # (a plain dict: the scheme is fixed, and a hit costs no lru_cache bookkeeping)
        top = _TOP[key] = _lineage(key)[-1]
    return top


_TOP: dict[str, str] = {}


@functools.lru_cache(maxsize=16)
def _lower(text: str) -> str:
    """`text` in lower case with the same length, so offsets carry over.

    The cue patterns above are written in lower case and run on this text: matching
    lower-cased text is several times faster than a case-insensitive regex, which folds
    every character it compares. The few characters whose lower case is longer ("İ")
    are left as they are. Cached: a sentence is read by many rules.
    """
    if text is _LAST_LOWER[0]:
        return _LAST_LOWER[1]  # the same sentence, asked for again by the next rule
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    _LAST_LOWER[0], _LAST_LOWER[1] = text, low
    return low


#: The last text :func:`_lower` was given and its result (one entry: the rules of one
#: sentence ask for it a few dozen times in a row).
_LAST_LOWER: list[str] = ["", ""]


# Event families: a trigger of one family may be the outcome of an act of another.
ACT_TOPS = {"air_or_drone_strike", "attack", "armed_clash"}


@dataclass
class _Actor:
    start: int
    end: int
    text: str
    ref: ActorRef
    source: bool = False  # named inside an attribution phrase
    generic: bool = False  # found by a common noun ("troops"), not by name


@dataclass
class _Candidate:
    start: int
    end: int
    trigger: Trigger
    text: str
    folded: list[tuple[int, int, Trigger]] = field(default_factory=list)
    denied: bool = False  # the act of a "denied carrying out ..." phrase
    denial_at: int = -1  # where that phrase's "denied" stands
    repel_at: int = -1  # where "repelled" stands in "repelled an attack by X"


def _seizure_dropped(text: str, cand: _Candidate) -> _Candidate | None:
    """What is left of a "seized" that captured no ground: the arrest told beside it.

    "Soldiers seized 400 kg of cocaine and arrested two men": the seizure is no event,
    the arrest folded into it (same type, same clause) is.
    """
    same = [f for f in cand.folded if f[2].type == cand.trigger.type]
    if not same:
        return None
    start, end, trig = same[0]
    rest = [f for f in cand.folded if f is not same[0]]
    return _Candidate(start, end, trig, text[start:end], rest)


def _event_id(article_id: str, start: int, end: int, key: str) -> str:
    digest = hashlib.sha1(f"{article_id}|{start}|{end}|{key}".encode()).hexdigest()
    return "x-" + digest[:16]


class Extractor:
    """Turns articles into events. Build once, call :meth:`extract` per article."""

    def __init__(self, gazetteer=None, actors=None) -> None:
        if gazetteer is None:
            from kb.gazetteer import Gazetteer

            gazetteer = Gazetteer.default()
        if actors is None:
            from kb.actors import ActorRegistry

            actors = ActorRegistry.default()
        self.gazetteer = gazetteer
        self.actors = actors
        self._countries: Counter[str] = Counter()  # countries named so far in the article
        self._place_countries: Counter[str] = Counter()  # of the places found (each once)
        self._place_ids: set[str] = set()
        self._region_ids: frozenset[str] = frozenset()  # provinces the article has named
        self._actor_countries: Counter[str] = Counter()  # of the actors taking part
        self._last_day: dt.date | None = None  # the last day a sentence named
        self._prev_text = ""  # the sentence read before the current one (for "It said")
        self._prev_start = -1  # where it starts in the body
        self._labour_at: int | None = None  # where the story tells of a workers' strike
        self._filed_from: dict[str, list[str]] = {}  # dateline phrase -> its countries
        self._anchor: dt.date | None = None  # a stated date, for articles without one
        self._q_cache: dict[str, dict[str, int]] = {}
        self._scanned: tuple[str | None, list] = (None, [])  # the last actor scan (_actors)
        self._heading_cc: str | None = None  # the country a section heading scopes
        # (start, end, country, province id): what section headings scope
        self._heading_scopes: list[tuple[int, int, str, str | None]] = []
        self._day_heading: tuple[int, int, int, TimeSpan] | None = None  # see _day_line
        self._clock_heading: TimeSpan | None = None  # see _CLOCK_LINE
        self._paragraph, self._paragraph_start, self._prev_end = -1, -1, -1

    # --- public ---------------------------------------------------------------------
    def extract(self, article: Article) -> list[Event]:
        """All events an article reports, in text order.

        The countries an article is about decide between namesakes ("Boni" is a Malian
        town, not Bonn) and whose "troops" are meant. A dateline gives them from the start
        ("NIAMEY -", "ERBIL, Iraq, Oct 16 (Wire) -"); otherwise they become known as the
        article goes on. When the article turns out to be about one country and a place
        read before that was known lies far from it, the article is read again with that
        country known from the start (rare: it costs a second reading).
        """
        # (Half a mention: a hub such as BEIRUT files on Syria; a place the story names
        # outweighs it.)
        prior = {cc: 0.5 for cc in self._dateline_countries(article.text)}
        events = self._extract(article, prior)
        main = self._main_country()
        if main is not None and any(
            cc != main and self.gazetteer.far_apart(cc, main) for cc in self._place_countries
        ):
            events = self._extract(article, {main: 1.0})
        return events

    def _main_country(self) -> str | None:
        """The country the article's places and actors point to most, if one leads.

        Each place counts once however often it is named (a misread namesake repeated in
        every paragraph is still one place); each actor mention of a country counts.
        """
        votes = self._place_countries + self._actor_countries
        ranked = votes.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
            return None
        return ranked[0][0]

    def _extract(self, article: Article, prior: dict[str, float]) -> list[Event]:
        events: list[Event] = []
        title_events: list[Event] = []
        filed_from = prior
        self._place_countries = Counter()
        self._place_ids: set[str] = set()
        self._region_ids: frozenset[str] = frozenset()  # provinces named so far
        self._actor_countries = Counter()
        self._last_day: dt.date | None = None
        self._prev_text, self._prev_start = "", -1
        self._labour_at = None
        self._countries = Counter(filed_from)
        # Without a publication date, a full date the article states elsewhere gives a
        # year to "on 5 March" (never a day to "yesterday", see find_dates).
        self._anchor = anchor_date(article.text) if article.published is None else None
        if article.title:
            # "Russian drones hit Kharkiv; Kyiv says it struck refinery": a headline of two
            # clauses names two events, each with its own places.
            title_events = [
                ev
                for part in _TITLE_PARTS.split(article.title)
                if part.strip()
                for ev in self._sentence_events(
                    article, Sentence(part.strip(), -1, -1, -1), [], title=True
                )
            ]
        if article.title:
            # The provinces the headline names, or its towns lie in ("Manipur cannot be
            # policed into peace"): the story's "Bishnupur" is the one there. (A headline
            # that tells an event has had its places read already.)
            named = (
                [p for ev in title_events for p in ev.places]
                if title_events
                else [p for _, _, p in self.gazetteer.find(article.title)]
            )
            self._region_ids = frozenset(
                ref
                for p in named
                if p.level not in ("country", "border", "sea")
                for ref in (p.id, *(r.id for r in p.within[:-1]))  # (the last is the country)
            )
        self._countries: Counter[str] = Counter(filed_from)
        for p in title_events[0].places if title_events else []:
            if p.country:
                self._countries[p.country] += 1
        headline: list[Event] = []  # events of a headline line just read
        self._heading_cc, self._heading_scopes = None, []
        self._day_heading = None
        self._clock_heading = None
        # (the paragraph read, and where the sentence before it ended: a heading alone?)
        self._paragraph, self._paragraph_start, self._prev_end = -1, -1, -1
        for sentence in split_sentences(article.text):
            head = sentence.text[:40]
            if head[:1].isupper() and (
                head[1:2].isupper() or "\n" in head or sentence.text.endswith(":")
            ):
                self._section_heading(sentence)
            if len(sentence.text) < 48 and _DAY_LINE.match(head):
                self._day_line(article, sentence)
                if article.published and _CLOCK_LINE.fullmatch(sentence.text):
                    # "11:05 GMT" over a live-blog entry: the entries are of the day the
                    # page is published, each until the next time line
                    self._clock_heading = TimeSpan(
                        text=sentence.text.strip(),
                        value=article.published.isoformat(),
                        precision="day",
                        earliest=article.published,
                        latest=article.published,
                        basis="relative",
                    )
            if sentence.paragraph != self._paragraph:
                self._paragraph, self._paragraph_start = sentence.paragraph, self._prev_end
            new = self._sentence_events(article, sentence, events)
            if "attackers" in sentence.text or "assailants" in sentence.text:
                self._attackers_named(sentence.text, events)
            self._prev_text, self._prev_start = sentence.text, sentence.start
            self._prev_end = sentence.end
            if headline and new:
                # "Belgorod governor: Ukrainian drones hit power substation" over a paragraph
                # telling the same strike: the line is the entry's headline, not an event
                tops = {top_key(ev.type) for ev in new}
                drop = {id(ev) for ev in headline if top_key(ev.type) in tops}
                if drop:
                    events = [ev for ev in events if id(ev) not in drop]
            headline = new if new and _headline_line(sentence.text) else []
            events.extend(new)
        self._enrich_from_title(events, title_events)
        _date_table_rows(article, events)
        events = _inherit_targets(_inherit_places(merge_same_events(events)))
        events = _also_acts(fold_retellings(events))
        events = self._unknown_doers(self._relative_claimants(_agents_from_claims(events)))
        events = _protest_cause_tolls(events)
        return _observer_warnings(_one_congo(self._country_of_unknown_places(events)))

    def _unknown_doers(self, events: list[Event]) -> list[Event]:
        """An attack or strike the story names no doer of was done by someone unknown.

        "Artillery shells struck the camp", "a roadside bomb killed three soldiers": news
        that names no attacker reports one it does not know; the unidentified actor stands
        for it (as for "gunmen"), so that such acts link and count like the others.
        """
        unknown = self.actors.unidentified
        for ev in events:
            if ev.negated or ev.agents or top_key(ev.type) not in _UNKNOWN_DOER_TOPS:
                continue
            ev.actors.insert(
                0,
                ActorRef(
                    id=unknown.key,
                    name=unknown.label,
                    role="agent",
                    kind=unknown.kind,
                    unidentified=True,
                ),
            )
        return events

    def _attackers_named(self, text: str, events: list[Event]) -> None:
        """Name the doer of the act just told from "the attackers, members of X, ...".

        "Gang members attacked the village on Tuesday ... The mayor said the attackers,
        members of the Viv Ansanm coalition, came down before dawn": a later sentence says
        who the unnamed attackers were; the act's unidentified doer is that group.
        """
        m = _ATTACKERS_WERE.search(text)
        if m is None:
            return
        found = [
            a
            for a in self.actors.find(m.group(1))
            if not a.unidentified and a.actor.kind == "armed_group"
        ]
        if not found:
            return
        group = found[0]
        for ev in reversed(events[-4:]):
            if ev.negated or (top_key(ev.type) not in ACT_TOPS and top_key(ev.type) != "killing"):
                continue
            if any(not a.unidentified and a.kind != "civilians" for a in ev.agents):
                return  # the act just told has a named doer: not these attackers
            ev.actors = [
                a
                for a in ev.actors
                if not (a.role == "agent" and (a.unidentified or a.kind == "civilians"))
                and a.id != group.actor.key
            ] + [
                ActorRef(
                    id=group.actor.key,
                    name=group.actor.label,
                    role="agent",
                    kind=group.actor.kind,
                    country=group.actor.country,
                    text=group.text,
                )
            ]
            return

    def _relative_claimants(self, events: list[Event]) -> list[Event]:
        """Name the doer of an act from a relative clause claiming it in the same sentence.

        "The tanker was struck by a missile off Hodeidah on Saturday, in an attack the
        Houthis later claimed", "a roadside bomb killed three soldiers in an ambush that
        JNIM claimed on its channels": the group that claims the act did it ("When a group
        claims the attack, the attack's agent is that group"), as with "claimed by".
        """
        for ev in events:
            if ev.negated or top_key(ev.type) not in ACT_TOPS and top_key(ev.type) != "killing":
                continue
            if any(not a.unidentified for a in ev.agents):
                continue
            text = ev.mention.text
            here = text.find(ev.trigger)
            m = _RELATIVE_CLAIM.search(text, max(0, here))
            if m is None:
                continue
            found = [
                a
                for a in self.actors.find(m.group(1))
                if not a.unidentified and a.actor.kind in ("armed_group", "state_military")
            ]
            if not found:
                continue
            keys = {a.actor.key for a in found}
            ev.actors = [
                a
                for a in ev.actors
                if not (a.role == "agent" and a.unidentified) and a.id not in keys
            ] + [
                ActorRef(
                    id=a.actor.key,
                    name=a.actor.label,
                    role="agent",
                    kind=a.actor.kind,
                    country=a.actor.country,
                    text=a.text,
                )
                for a in found[:1]
            ]
        return events

    def _chain_countries(self, places: list[tuple[int, int, Place]]) -> set[str]:
        """The countries of some places, a border's two sides included."""
        out = {p.country for _, _, p in places if p.country}
        for _, _, p in places:
            if p.level == "border":
                out |= {cc for ref in p.within if (cc := self.gazetteer.country_code_of(ref.id))}
        return out

    def _dateline_countries(self, text: str) -> list[str]:
        """The countries of the place a dateline names ("ERBIL, Iraq, Oct 16 (Wire) -")."""
        m = _DATELINE_PLACE.match(text) or _AGENCY_DATELINE.match(text) or _PLACE_LINE.match(text)
        if m is None:
            return []
        head = m.group(1)
        city, _, rest = head.partition(",")
        if not city[:1].isalpha() or len(city) < 3:
            return []
        # "PORT SUDAN" -> "in Port Sudan": capitals read as acronyms, and a cue word lets
        # a small town count.
        phrase = "in " + (city.title() if city.isupper() else city) + ("," + rest if rest else "")
        known = self._filed_from.get(phrase)
        if known is None:
            found = [(a, b, p) for a, b, p in self.gazetteer.find(phrase) if p.country]
            # The city, and a country named after it; what else the line holds ("Northern
            # Samar") is read without context and may be a namesake. The city counts only
            # as a whole: "LAS NAVAS" is not "Navas" in Spain.
            city_end = len("in " + city.strip())
            known = list(
                dict.fromkeys(
                    p.country
                    for i, (a, b, p) in enumerate(found)
                    if (i == 0 and a <= 3 and b >= city_end) or p.level == "country"
                )
            )
            if len(self._filed_from) < 4096:  # a wire's datelines repeat: "KYIV", "BAGHDAD"
                self._filed_from[phrase] = known
        return list(known)

    def _section_heading(self, sentence: Sentence) -> None:
        """Note the country a round-up's section heading puts the next lines in.

        "SOMALIA. A truck bomb ...", then "SOUTH SUDAN. Government aircraft bombed ...": in a
        round-up by country each heading names the country of the paragraph under it, which
        a village or "the army" there belongs to, not the country of the paragraph before.
        A heading that names no country ("OUTLOOK.", "KEY POINTS") ends the scope.
        """
        m = _SECTION_HEADING.match(sentence.text)
        if m is None:
            return
        name = m.group("caps") or m.group("line") or m.group("label")
        if m.group("caps") is None and (
            len(name.split()) > 4 or not (name.isupper() or name[:1].isupper())
        ):
            return  # a first line of prose, not a heading
        if m.group("line") is not None and not name.istitle():
            return
        name = _ADMIN_SUFFIX.sub("", name.title() if name.isupper() else name)
        place = self.gazetteer.lookup(name)
        if m.group("label") is not None and (place is None or place.level != "region"):
            return  # "The army said:" introduces a quotation, not a section
        end = sentence.start + m.end()
        if self._heading_scopes and self._heading_scopes[-1][1] < 0:
            start, _, cc, region = self._heading_scopes[-1]
            self._heading_scopes[-1] = (start, sentence.start, cc, region)
        if place is None or place.level not in ("country", "region") or not place.country:
            self._heading_cc = None
            return
        # ("KHARKIV OBLAST.", "Latakia governorate:": a province heading puts its lines in
        # the province, and in its country)
        region = place.id if place.level == "region" else None
        if region is not None:
            self._region_ids = self._region_ids | {region}
        self._heading_cc = place.country
        self._countries[place.country] += 1
        self._heading_scopes.append((end, -1, place.country, region))

    def _day_line(self, article: Article, sentence: Sentence) -> None:
        """Note a line that is only a day ("November 17, 2026 (Tuesday)") as a heading.

        A digest lists each day's events under the day's line; an item there that names no
        day of its own happened on it. The heading holds for its paragraph (and for the
        next, when it stands alone as one).
        """
        dates = find_dates(sentence.text, article.published, anchor=self._anchor)
        # ("November 17, 2026 (Tuesday)" reads as two dates of one day)
        if not dates or any(
            d[2].precision != "day" or d[2].value != dates[0][2].value for d in dates
        ):
            return
        span = dates[0][2]
        rest, at = [], 0
        for start, end, _ in dates:
            rest.append(sentence.text[at:start])
            at = end
        rest.append(sentence.text[at:])
        if not span.value or _DAY_LINE_REST.sub("", "".join(rest).lower()).strip():
            return
        self._day_heading = (sentence.paragraph, sentence.start, sentence.end, span)

    @staticmethod
    def _city_parts(
        text: str, places: list[tuple[int, int, Place]], previous: list[Event]
    ) -> list[tuple[int, int, Place]]:
        """Keep "the city's X district" only when X lies in the city the story names.

        "Two missiles hit the city's Shevchenkivskyi district": the city is the one told
        just before, and a namesake district of another city (many Ukrainian cities have a
        Shevchenkivskyi district) is not where the missiles fell.
        """
        named = {p.id for _, _, p in places}
        for ev in previous[-3:]:
            named.update(p.id for p in ev.places)
        out = []
        for start, end, place in places:
            if _CITY_POSSESSIVE.search(text, max(0, start - 30), start) and not any(
                w.id in named
                for w in place.within[:-1]  # (the last is the country)
            ):
                continue
            out.append((start, end, place))
        return out

    def _heading_day(self, sentence: Sentence) -> TimeSpan | None:
        """The day a day heading (see :meth:`_day_line`) gives a sentence under it."""
        if self._day_heading is None:
            return None
        paragraph, start, end, span = self._day_heading
        if sentence.start <= start:
            return None
        if sentence.paragraph == paragraph:
            return span
        alone = sentence.paragraph == paragraph + 1 and self._paragraph_start == end
        return span if alone else None

    def _heading_country_at(self, offset: int) -> tuple[str, str | None] | None:
        """The country (and province) a section heading scopes a body offset to, if any."""
        for start, end, cc, region in self._heading_scopes:
            if start <= offset and (end < 0 or offset < end):
                return cc, region
        return None

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Event]:
        """Events of several articles, article by article."""
        for article in articles:
            yield from self.extract(article)

    # --- sentence level ---------------------------------------------------------------
    def _sentence_events(
        self,
        article: Article,
        sentence: Sentence,
        previous: list[Event],
        title: bool = False,
        told_pass: tuple[list[tuple[int, int, int]], bool] | None = None,
    ) -> list[Event]:
        """Events of one sentence.

        `told_pass` is set when the sentence is read in two passes (see `_told_apart`):
        the modifier spans, and whether this pass reads the deeds told inside them.
        """
        text = sentence.text
        if text[:1].isalpha() and ":" in text[:40] and _NOT_STORY_LINE.match(text):
            return []  # a link to another story, a caption, a correction note
        if "version of" in text[:40] and _EARLIER_VERSION.match(text):
            return []  # "An earlier version of this article said ...": what was corrected
        low = _lower(text)
        triggers = find_triggers(text, low)
        if not title and text[:1] in _BULLET_CHARS and text[1:2] == " ":
            # "- ADF militants kill 17 civilians in a raid": a digest's item in the present
            present = find_present_triggers(low)
            # (there "arrest 31 suspects" is the verb, not the noun the lexicon reads)
            verbs = [(s, e) for s, e, t in triggers if t.pos == "verb"]
            present = [t for t in present if not any(s < t[1] and t[0] < e for s, e in verbs)]
            if present:
                triggers = sorted(
                    [t for t in triggers if not any(p[0] < t[1] and t[0] < p[1] for p in present)]
                    + present,
                    key=lambda t: t[0],
                )
        anaphor = None if title else list(_ANAPHOR.finditer(low)) or None
        if not triggers and not anaphor:
            return []
        if _ABOUT_A_WORD.search(low):
            return []  # "Turkish authorities use the word 'neutralised' to ...": a definition
        if " events" in low and _EVENT_COUNTS.search(low):
            # "Demonstration events reached their highest weekly count": a data monitor's
            # tally of coded events, not an incident
            return []
        if triggers and "death" in low:
            triggers = [
                t
                for t in triggers
                if not _DEATH_AS_TIME.search(low, 0, t[0])
                # ("sentenced five men to death": a sentence, not a killing)
                and not (low.startswith("death", t[0]) and _TO_DEATH.search(low, 0, t[0]))
            ]
        told: list[tuple[int, int, int]] = []
        inner = False
        if told_pass is not None:
            told, inner = told_pass
        elif triggers and not title:
            told = _modifier_spans(text, triggers)
            if told:
                return self._told_apart(article, sentence, previous, told)
        if inner:
            # the deed a modifier tells is an event of its own (the cue word is not one)
            triggers = [t for t in triggers if any(c <= t[0] < e for _, e, c in told)]
            told = []
        elif told:
            triggers = [t for t in triggers if not _inside(t[0], told)]
        actors = self._actors(text, previous)
        if told:
            actors = [a for a in actors if not _inside(a.start, told)]
        attribution, source_spans = self._attribution(text, actors)
        for a in actors:
            if any(s <= a.start < e for s, e in source_spans) or a.ref.kind == "media":
                a.source = True
        countries = [a.ref.country for a in actors if a.ref.country and not a.source]
        self._actor_countries.update(countries)
        known = list(self._countries)
        if self._heading_cc is not None and not title:
            known.insert(0, self._heading_cc)
        found = self.gazetteer.find(
            text,
            context_countries=countries + [c for c in known if c not in countries],
            context_country=countries[0] if countries else None,
            context_regions=self._region_ids,
        )
        places, actors = _settle_overlaps(text, found, actors)
        if places and "based" in text:
            # "the Jaish al-Adl group, which is based across the border in Pakistan": where
            # a group lives, not where the act was
            places = [p for p in places if not _BASED_IN.search(text, max(0, p[0] - 70), p[0])]
        places = _drop_bare_states(text, places)
        if places and ("'s " in text or "’s " in text):
            places = self._city_parts(text, places, previous or [])
        if places and _ESCAPE_WORDS.search(low):
            # "before withdrawing towards the Nigerian border", "fled into the bush near
            # X": where the doers went after the act, not where it happened
            places = [p for p in places if not _ESCAPE_TO.search(low, max(0, p[0] - 50), p[0])]
        if places and " from " in low:
            # "arrested three smugglers as they tried to bring cigarettes across from
            # Syria": the country goods or men came from is not where the act was, nor
            # does it say whose unnamed forces acted
            places = [
                p
                for p in places
                if not (
                    p[2].level == "country" and _ORIGIN_BEFORE.search(low, max(0, p[0] - 90), p[0])
                )
            ]
        if len(places) > 1:
            places = _drop_speaker_places(low, places)
        here = [p.country for _, _, p in places if p.country]
        # (max() is most_common(1) without its heap machinery: the first of the most named)
        countries_named = self._countries
        lead = max(countries_named, key=countries_named.__getitem__) if countries_named else None
        if self._heading_cc is not None and not title:
            lead = self._heading_cc  # "SOUTH SUDAN. ...": the section's country leads
        if here and lead is not None and lead != here[0] and lead in self._chain_countries(places):
            # "a military position near the border with Niger and Burkina Faso" in a story
            # about Benin: the border is Benin's, and so are the unnamed forces.
            here = [lead] + here
        elif (
            here
            and lead is not None
            and lead != here[0]
            and all(p.level == "border" for _, _, p in places)
            and not self.gazetteer.far_apart(lead, here[0])
        ):
            # "struck an army patrol ... near the Syrian frontier" in a story about Iraq:
            # a neighbour's border named alone is the edge of the story's country, whose
            # forces the unnamed "army" are
            here = [lead] + here
        for cc in here:
            self._countries[cc] += 1
        for _, _, p in places:
            if p.country and p.id not in self._place_ids:
                self._place_ids.add(p.id)
                self._place_countries[p.country] += 1
                if p.level == "region":
                    self._region_ids = self._region_ids | {p.id}
        if told:
            # (counted above: the modifier's places still say what the article is about)
            places = [p for p in places if not _inside(p[0], told)]
        context = here[0] if here else lead
        actors = self._generic_actors(text, actors, context)
        if told:
            actors = [a for a in actors if not _inside(a.start, told)]
        for a in actors:
            if a.generic and any(s <= a.start < e for s, e in source_spans):
                a.source = True
        dates = find_dates(text, article.published, anchor=self._anchor)
        if told:
            dates = [d for d in dates if not _inside(d[0], told)]
        if dates and ", the " in text:
            ranked_tail = _RANKING_TAIL.search(text)
            if ranked_tail is not None:
                # "..., the third such incident this month": the month of the series the
                # act is ranked in, not the act's day
                dates = [d for d in dates if d[0] < ranked_tail.start()]
        if dates and ", a" in text:
            # ("the ADF, an armed group that swore allegiance to Islamic State in 2019,
            # raided ...": the year is the group's history, not the day of the raid)
            about = [m.span() for m in _GROUP_APPOSITION_SPAN.finditer(text)]
            dates = [d for d in dates if not any(a <= d[0] < b for a, b in about)]
        if not title and (previous or dates):
            # (In the past perfect, "two days earlier" is before the story: left undated.)
            dates = _with_sequel_dates(text, dates, previous or [], self._last_day)
        if dates and not title and "toll" in low:
            rose = _TOLL_ROSE.search(low)
            if rose is not None:
                # "The death toll from the bombing rose to 31 on Monday": Monday dates the
                # count, not the act ("Saturday's bombing" before it still dates the act)
                dates = [d for d in dates if d[0] < rose.end()]
        if not dates and not title and self._day_heading is not None:
            day = self._heading_day(sentence)
            if day is not None:
                dates = [(0, 0, day)]
        if not dates and not title and self._clock_heading is not None:
            dates = [(0, 0, self._clock_heading)]
        dateline = _DATELINE.match(text)
        if dateline:
            # "BAQUBA, Iraq, Oct 8 (Wire) -": the filing date, not the event's.
            dates = [d for d in dates if d[0] >= dateline.end()]
        if not title:
            for _, _, d in dates:
                if d.precision == "day" and d.basis in ("explicit", "relative") and d.earliest:
                    self._last_day = d.earliest
        candidates = self._candidates(text, triggers, actors)
        if candidates and "seized" in low and any(c.text.lower() == "seized" for c in candidates):
            # "seized Goma" is a capture of ground; "seized weapons" is no event at all
            candidates = [
                c
                if c.text.lower() != "seized"
                or c.trigger.type == "abduction"  # ("seized the students": people taken)
                or _captures_place(text, c, places)
                else _seizure_dropped(text, c)
                for c in candidates
            ]
            candidates = [c for c in candidates if c is not None]
        out: list[Event] = []
        # (the doers and the hit of each event made so far: whom ", accusing ..." follows)
        made: list[tuple[list[_Actor], list[_Actor]]] = []
        denied_ids: list[str] = []  # acts a speaker denies doing (see _DENIED_OWN_ACT)
        hedged_sentence = bool(_HEDGE.search(low))
        cumulative: bool | None = None  # read when a candidate first needs it
        habitual = bool(_HABITUAL.search(low))
        if habitual and "been" in low:
            single = _ONE_ACT_PERFECT.search(low)
            if single is not None:
                # "At least 21 people have been killed in an Israeli strike on a school":
                # a broadcaster's present perfect telling one act, not a pattern
                masked = low[: single.start()] + " " * len(single.group()) + low[single.end() :]
                habitual = bool(_HABITUAL.search(masked))
        if habitual and ("latest" in low or "most recent" in low):
            # "The army blamed the RSF for the attack, the latest in a series of drone
            # strikes": the apposition places this act in a pattern; the sentence before it
            # still reports one act
            series = _LATEST_IN_SERIES.search(low)
            if series is not None:
                habitual = bool(_HABITUAL.search(low, 0, series.start()))
        repeated = (" times" in low or "occasions" in low) and bool(_REPEATED.search(low))
        anaphor_spans = [(m.start(), m.end()) for m in anaphor or ()]
        # (an act the sentence says did not happen, "no arrests had been made", leaves the
        # other news of the sentence standing)
        strong_tops = {
            top_key(c.trigger.type)
            for c in candidates
            if not c.trigger.weak and not (c.text.startswith("arrests") and "no " in low)
        }
        # What the loop below reads of the sentence as a whole, read once.
        participants = [a for a in actors if not a.source]
        named = [a for a in participants if not a.ref.unidentified]
        # "It called on all sides to ...", "He warned that ...", '"I call on ...," he said':
        # a speaker named in the sentence before, taken up by a pronoun (read on demand).
        pronoun_at = -1
        if not title and self._prev_text:
            m = _PRONOUN_SUBJECT.match(low)
            if m is not None:
                pronoun_at = m.end()
            elif low[:1] in '"“' or ' "i ' in low or ' "we ' in low or "“i " in low:
                pronoun_at = -2  # a quotation: see _first_person_by_pronoun
        speaker_cache: list[_Actor | None] = []
        specific_date = any(
            d.precision in ("day", "month") and not _SINCE.search(low, max(0, ds - 8), ds)
            for ds, _, d in dates
            if d.value
        )
        # ("closed since October, when jihadists attacked the market": the clause after
        # the date tells the act of that day)
        since_when = [
            de
            for ds, de, d in dates
            if d.value
            and d.precision in ("day", "month")
            and _SINCE.search(low, max(0, ds - 8), ds)
            and _SINCE_WHEN.match(low, de)
        ]
        for cand in candidates:
            trig = cand.trigger
            if (
                trig.weak
                and trig.type == "air_or_drone_strike"
                and trig.pos == "noun"
                and not title
                and _AIR_WORD.search(low) is None
                and self._labour_strike_before(article, sentence.start)
            ):
                continue  # "said the strike would continue": the workers' strike told before
            # Cues are read in the words just before the trigger; a bounded window keeps
            # the end-anchored patterns linear.
            before = low[max(0, cand.start - 160) : cand.start]
            if (
                _FUTURE.search(before)
                and trig.type not in ("threat",)
                and not (
                    top_key(trig.type) == "deployment_or_mobilization"
                    and _ANNOUNCED_SENDING.search(before)
                )
            ):
                # ("the government said it would send 1,500 troops": the announcement of a
                # deployment is news; other acts to come are not)
                continue
            if (
                trig.type == "deployment_or_mobilization"
                and cand.text.lower() == "deployed"
                and _FORCE_BEFORE.search(before[-40:])
                and any(
                    c.start > cand.end
                    and top_key(c.trigger.type) in ACT_TOPS
                    and not _CLAUSE_BREAK.search(text, cand.end, c.start)
                    for c in candidates
                )
            ):
                # "Rwandan troops deployed in the area exchanged fire with the attackers":
                # which troops, told by a reduced relative clause; the fight is the news
                continue
            if "since then" in before and _SINCE_THEN.search(before):
                continue  # "and since then tankers have been attacked": a pattern, not one act
            if "whether" in before and _WHETHER.search(before):
                continue  # "did not say whether any soldiers had been killed": no report
            if "despite" in before[-45:] and _DESPITE_BEFORE.search(before[-45:]):
                # "despite joint operations by the Congolese and Ugandan armies", "despite an
                # agreement signed last year": what the news happened in spite of, not news
                continue
            if (
                trig.pos == "noun"
                and len(candidates) > 1
                and "connection" in before[-40:]
                and _IN_CONNECTION.search(before)
                # ("... with a grenade attack on a tea shop on Sunday that wounded five
                # people": an act told with its own day and toll is news of its own)
                and not (
                    any(cand.end < ds <= cand.end + 90 for ds, _, _ in dates)
                    and _OWN_TOLL.match(text, cand.end)
                )
            ):
                continue  # "arrested a man in connection with a cyberattack": the arrest
            if (
                trig.pos == "noun"
                and previous
                and "the " in before[-40:]
                and _AFTER_THE.search(low, max(0, cand.start - 60), cand.start)
                and any(top_key(ev.type) == top_key(trig.type) for ev in previous[-6:])
            ):
                continue  # "After the Nioro ambush, the army said ...": the ambush told before
            if (
                trig.pos == "noun"
                and previous
                and _ABOUT_THE.search(low, max(0, cand.start - 70), cand.start)
                and any(top_key(ev.type) == top_key(trig.type) for ev in previous[-6:])
            ):
                # "called for an investigation into the school strike", "did not respond to
                # questions about the detentions": the act told before, asked about
                continue
            connected = (
                trig.pos == "noun"
                and "connection" in before[-40:]
                and _IN_CONNECTION.search(before) is not None
            )
            if " of " in before[-40:] and _NO_SIGN_OF.search(before):
                continue  # "had observed no sign of a recent exchange of fire": no report
            if top_key(trig.type) == "armed_clash" and (
                _CLASH_FRAME.search(before) or _clash_in_background(text, cand, participants, dates)
            ):
                continue
            if (
                trig.pos == "noun"
                and _HYPOTHETICAL.search(before)
                and not _DENIED_ANY.search(before)
            ):
                continue  # "any Turkish military operation", "future attacks": no event
            # "The group said its fighters had carried out the attack": a claim, though it
            # names the act told before and reads like a toll or a reference to it.
            group_claim = (" its " in low or " their " in low) and _group_says_it_did(
                low,
                cand,
                participants,
                trig.type,
                None
                if title
                else lambda: self._group_named_before(article, sentence.start) is not None,
            )
            if (
                any(s <= cand.start and cand.end <= e for s, e in anaphor_spans)
                and not group_claim
                and previous
                # ("denied that its forces had taken part in the clashes": the speaker's
                # part in them is denied, a negated act of its own)
                and not cand.denied
            ):
                # "The strike ... killed both men": a reference, merged below whatever it lacks.
                bare = self._bare_event(article, sentence, cand, text, dates, hedged_sentence)
                if not _is_history(bare.date, article):
                    out.append(bare)
                continue
            by_pronoun = (
                pronoun_at != -1
                and top_key(trig.type) == "statement"
                and trig.pos == "verb"
                and (
                    cand.start == pronoun_at
                    if pronoun_at >= 0
                    else _first_person_by_pronoun(text, low, cand)
                )
            )
            # '"I call on all armed groups to ...': someone speaks in the first person, news
            # whoever the quotation's speaker is (a statement's heading, a paragraph before)
            first_person = (
                pronoun_at == -2
                and not by_pronoun
                and top_key(trig.type) == "statement"
                and trig.pos == "verb"
                and _FIRST_PERSON_BEFORE.search(low, max(0, cand.start - 30), cand.start)
                is not None
            ) or (
                # "Spokesperson: ... We call on the parties to ...": a labelled answer of a
                # transcript or interview, in the first person without quotation marks
                not title
                and top_key(trig.type) == "statement"
                and trig.pos == "verb"
                and (lead := _FIRST_PERSON_START.match(low)) is not None
                and lead.end() == cand.start
                and (
                    _answer_label(article.text, sentence.start)
                    # (briefing notes headed "Spokesperson for ...: <name>": the notes are
                    # the spokesperson's words, "We urge ..." paragraph after paragraph)
                    or _SPOKESPERSON_LINE.search(article.text, 0, sentence.start) is not None
                )
            )
            orphan = False  # "It"/"He" for a speaker the registry does not know
            speaker_of: _Actor | None = None
            if by_pronoun:
                if not speaker_cache:
                    speaker_cache.append(self._speaker_before(self._prev_text, context))
                speaker_of = speaker_cache[0]
                orphan = speaker_of is None
                by_pronoun = not orphan
            elif (
                top_key(trig.type) == "statement"
                and trig.pos == "verb"
                and cand.start <= 90
                and not title
                and text[:1].isupper()
                and not _spoken_by(low, cand.start, participants)
                and not _office_speaker(low, cand.start)
            ):
                # "MINUSCA condemned the attack", "The Law Society of Kenya condemned ...":
                # a body the registry does not know, named as the subject of the verb
                speaker_of = _proper_speaker(text, cand.start, participants)
                if speaker_of is None:
                    # "The Commission calls on all parties ...": the body named in full before
                    speaker_of = self._definite_body(article.text, sentence.start, text, cand)
                by_pronoun = speaker_of is not None
            if (
                trig.weak
                and not by_pronoun
                and not first_person
                and strong_tops
                and top_key(trig.type) not in strong_tops
                # ("an attack ... in which a settler was killed": the deaths make it news)
                and not any(f[2].outcome for f in cand.folded)
                # ("the attack perpetrated on Tuesday night by armed bandits against the
                # population of Furcy": an act told with its doer is news)
                and not (trig.pos == "noun" and _PERPETRATED_BY.match(text, cand.end))
                # ("Kenya accused X of ..., where a vehicle was struck by a bomb": a
                # statement with its own speaker is news beside the act it mentions.)
                and not (
                    top_key(trig.type) == "statement"
                    and _NEW_CLAUSE.search(text, cand.end)
                    and any(not a.ref.unidentified and a.end <= cand.start for a in participants)
                )
                # ("Moscow accused Kyiv of ...", "Iraq's foreign ministry condemned the
                # strike": a statement verb right after its named speaker is news too.)
                and not (
                    top_key(trig.type) == "statement"
                    and trig.pos == "verb"
                    and (
                        _spoken_by(low, cand.start, participants)
                        or _office_speaker(low, cand.start)
                        or _spoken_after(text, cand.end, participants)
                    )
                )
            ):
                # "arrested men planning attacks": the weak word is not a second event.
                continue
            # (a denied act is the one the speaker names: "denied carrying out airstrikes")
            plural = bool(_PLURAL_NOUN.fullmatch(cand.text.lower())) and not cand.denied
            if (
                plural
                and trig.pos == "noun"
                and not title
                and " of " in before[-40:]
                and _SUMMARY_OF.search(before)
                and _ITEMS_FOLLOW.search(article.text, sentence.end, sentence.end + 400)
            ):
                continue  # "carried out a string of attacks ...:" and a list: the items are news
            dated = specific_date or any(de <= cand.start for de in since_when)
            if not group_claim and (
                (habitual or plural)
                and not dated
                and trig.pos == "noun"
                or (habitual and (trig.weak or trig.outcome) and not dated)
            ):
                continue
            if habitual and not dated and top_key(trig.type) == "armed_clash":
                continue  # "have fought intermittently since December": the war, not a clash
            if repeated and not specific_date:
                continue  # "has been targeted by Turkish drones several times": a pattern
            if plural and trig.pos == "noun" and _OFTEN.search(before[-60:]):
                continue  # "has often been followed by attacks": acts in general, not one
            if plural and trig.pos == "noun" and _STOP_BEFORE.search(before[-50:]):
                continue  # "is unlikely to stop the attacks": acts to prevent, not one told
            if (plural or trig.outcome or trig.weak) and top_key(trig.type) != "statement":
                if cumulative is None:
                    cumulative = bool(_CUMULATIVE.search(low))
                if cumulative:
                    # "172 Maoists have been killed in separate encounters so far this year"
                    continue

            if (
                trig.outcome
                and not title
                and not group_claim
                # (the named may be the victims: "two of the wounded soldiers died")
                and (
                    not any(not a.generic for a in named)
                    or ("died" in low or "succumb" in low)
                    and _WOUNDED_DIED.search(low) is not None
                )
                and all(f[2].outcome for f in cand.folded)
                and self._toll_update(text, low, dates, places, previous)
            ):
                continue  # "17 bodies had been recovered and 10 people injured": the toll
            if (
                (trig.weak or trig.outcome)
                and not group_claim
                and not by_pronoun
                and not first_person
            ):
                has_arg = named or places or dates or self._quantities(text)
                if trig.weak and not trig.outcome:
                    has_arg = (
                        places
                        or dates
                        or (named and not _PLURAL_GENERIC.search(cand.text.lower()))
                        # "another group attacked nearby Ruku, where six people were killed"
                        or (any(f[2].outcome for f in cand.folded) and self._quantities(text))
                    )
                if not has_arg and top_key(trig.type) == "statement" and trig.pos == "verb":
                    # ("The governor of X region condemned ...": an office holder speaks)
                    has_arg = _office_speaker(low, cand.start) or _spoken_after(
                        text, cand.end, participants
                    )
                if orphan and not has_arg:
                    # The statement goes on the one the sentence before reported ("UNSMIL
                    # said it was alarmed ... It called on all sides ..."), if any.
                    said = next(
                        (
                            ev
                            for ev in reversed(previous)
                            if ev.mention.start == self._prev_start
                            and top_key(ev.type) == "statement"
                        ),
                        None,
                    )
                    if said is not None:
                        said.other_mentions.append(Mention(text, sentence.start, sentence.end))
                if not has_arg or (_GENERIC.search(before) and not _DENIED_ANY.search(before)):
                    continue
            if _GENERIC.search(before) and not participants and not _DENIED_ANY.search(before):
                continue
            key = self._refine_type(trig, text, cand)
            if key == "killing" and "operation" in low and _OPERATION_KILLS.search(low):
                # "Security forces killed 14 militants in an operation near Datta Khel", "an
                # operation in which 12 cadres were killed": fighters killed by forces on an
                # operation died in a fight, as monitors count it
                key = "armed_clash"
            if group_claim:
                # "The al-Qaeda-linked group said its fighters had killed 40 soldiers": an
                # armed group's account of its own act is a claim of responsibility.
                key = "claim_of_responsibility"
            agents, targets, others = self._roles(text, cand, participants, key)
            if top_key(key) == "armed_clash" and text[cand.start : cand.start + 5] == "repel":
                tally = _COUNTED_ASSAULTS.match(text, cand.end)
                if tally is not None:
                    # "Ukrainian forces repelled 17 Russian assaults": the side that
                    # repelled them and the side named on the assaults fought each other
                    named = [a for a in participants if cand.end <= a.start < tally.end()]
                    named += self._tally_side(text, cand.end, tally.end())
                    agents = _unique(agents + named)
                    targets = [t for t in targets if all(t is not a for a in named)]
            if key == "armed_clash" and agents:
                # "Two people were killed in a gunfight between armed groups": the dead the
                # sentence opens with are the fight's toll, not a side of it
                agents = [
                    a
                    for a in agents
                    if not (
                        a.generic and a.ref.kind == "civilians" and _DIED_AFTER.match(low, a.end)
                    )
                ]
            if by_pronoun and speaker_of is not None:
                targets = [a for a in agents + targets if a.ref.id != speaker_of.ref.id]
                agents = [speaker_of]
            if key == "threat" and "pay" in cand.text.lower():
                # "the minister wrote that the Houthis would pay a heavy price": the one
                # who says it threatens; the subject of "would pay" is threatened
                verb = _last_speech_verb(low, cand.start)
                speaker = None
                if verb is not None:
                    speaker = _subject_before(low, verb.start(), actors)
                    if speaker is None and _office_speaker(low, verb.start()):
                        speaker = self._office_agent(text, low, verb.start(), context)
                if speaker is not None:
                    agents, targets = [speaker], [a for a in agents if a is not speaker]
            participle = key == "accusation" and cand.text.lower() in _PARTICIPLES
            if participle:
                agents, targets = self._participle_roles(
                    text, low, cand, actors, made, targets, context
                )
            if connected:
                # the act the arrested are held over: its doers are not named as such
                agents, targets = [], [t for t in targets if t.ref.id != "suspects"]
            # An office holder speaking ("the governor of X condemned"), or denying an act of
            # its side ("the ministry denied that its forces had shelled"), stands for the
            # body it speaks for.
            said_at = cand.denial_at if cand.denied else cand.start
            if key == "claim_of_responsibility" and " to have " in cand.text:
                # "JNIM claims to have destroyed 20 vehicles": the claimant is the subject
                # right before the verb, whoever else the sentence names
                subject = _subject_before(low, cand.start, participants)
                if subject is not None:
                    agents = [subject]
            civil_speaker = (
                top_key(key) == "statement"
                and bool(agents)
                and all(a.ref.kind == "civilians" for a in agents)
            )
            if civil_speaker:
                # ("Residents accused the authorities of abandoning them", "villagers
                # called for calm": a grievance, not a statement of a party; but "The
                # Resident Coordinator" is an office)
                if not _office_speaker(low, said_at):
                    continue
                agents = []
            if not agents and key == "arrest" and trig.pos == "verb" and "no " in before[-5:]:
                # "police said they had opened an investigation; no arrests had been made":
                # the force that made none
                forces = [a for a in named if a.end <= cand.start and a.ref.kind in _STATE_FORCES]
                agents = forces[-1:]
            if (
                not agents
                and (cand.denied or (top_key(key) == "statement" and trig.pos == "verb"))
                and _office_speaker(low, said_at)
            ):
                office = self._office_agent(text, low, said_at, context)
                if office is not None:
                    agents = [office]
            if key == "other" and _EMERGENCY_RULE.search(cand.text):
                # "declared a state of emergency", "flights were suspended": a measure has
                # whoever decreed it, and no one it was done to.
                targets = []
            elif key == "other" and _ESCAPE.search(cand.text):
                # "four of the hostages managed to escape": those who broke free are the
                # people the story is about, not doers of an act against anyone.
                agents, targets = [], targets or agents
            if trig.pattern == INTERCEPTION:
                # "air defences shot down 38 Ukrainian drones": the attack is the launcher's;
                # who shot them down was its target, not its agent.
                agents, targets = self._launcher(text, cand, participants), []
            definite = [a for a in agents if a.ref.unidentified and _definite_fighters(low, a)]
            if definite and not title:
                # "a drone attack attributed to the militants": the militants the story is
                # about, i.e. the armed group it named before.
                group = self._group_named_before(article, sentence.start + cand.start)
                if group is not None:
                    agents = [group if a in definite else a for a in agents]
            if (
                not title
                and not [a for a in agents if not a.ref.unidentified]
                and top_key(key) in _ACT_OR_KILLING
                and any(w in low for w in _GROUP_WORDS)
                and _GROUP_DID.search(low, max(0, cand.start - 120), cand.end)
            ):
                # "In January, the group killed 28 soldiers in an attack": the armed group
                # the story named before
                group = self._group_named_before(article, sentence.start + cand.start)
                if group is not None:
                    agents = [group]
            if not title and any(
                "-" in (a.text or "") and _AFFILIATE_REF.search(a.text) for a in agents
            ):
                # "The al-Qaeda-linked group said ...": the affiliate the story named before
                # (JNIM), not al-Qaeda itself
                agents = [self._affiliate_named_before(article, sentence.start, a) for a in agents]
            if group_claim and not any(not a.ref.unidentified for a in agents):
                # "The rebels said their fighters had killed 15 soldiers": the group the
                # story named before speaks
                group = self._group_named_before(article, sentence.start + cand.start)
                if group is not None:
                    agents = [group]
            if key == "claim_of_responsibility" and not title and _GROUP_SUBJECT.search(before):
                # "... and the group has since claimed responsibility": the group named
                # earlier in the story, not the victims named just before.
                group = self._group_named_before(article, sentence.start + cand.start)
                if group is not None:
                    agents = [group]
            if (
                not (agents or targets or others or places or dates or by_pronoun or first_person)
                and not (
                    top_key(key) == "deployment_or_mobilization" and _PLACE_ANAPHOR.search(text)
                )
                and not (
                    top_key(key) == "statement"
                    and trig.pos == "verb"
                    and (
                        _office_speaker(low, cand.start)
                        or _spoken_after(text, cand.end, participants)
                    )
                )
            ):
                continue  # ("teams had been deployed to the area": the story's place)
            if top_key(key) in ACT_TOPS:
                # "drones hit the railway station", "set fire to two villages": with nobody
                # named as hit, what was hit is the target.
                sites = self._facility_target(text, cand)
                if (
                    sites
                    and (not targets or trig.pos == "verb")
                    # "a military convoy", "a police station": the force holding it is hit
                    and not any(sites[0].start <= t.start < sites[0].end for t in targets)
                ):
                    targets = sites + targets
            if key == "arrest":
                # "arrested three men": the arrested are suspects, not civilians hit by an act
                targets = [
                    t
                    for t in targets
                    if not (t.ref.id == "civilians" and _MEN.search(_lower(t.text or "")))
                ]
            if key == "killing" and _is_assassination(text, cand, targets):
                key = "assassination"
            elif (
                key == "killing"
                and trig.pos == "verb"
                and agents
                and all(a.ref.unidentified for a in agents)
                and self._quantities(text).get("killed", 0) >= 2
                and targets
                and all(t.ref.kind == "civilians" for t in targets)
                and _GUNMEN_KILLED.search(low, max(0, cand.start - 40), cand.end)
            ):
                # "gunmen killed four men at a car wash": an attack on a group of people (two
                # policemen shot dead are a killing of officers, see test_extract_rules_s5)
                key = "armed_assault"
            elif (
                key == "killing"
                and agents
                and targets
                and all(a.ref.kind in _STATE_FORCES for a in agents)
                # (unnamed fighters are still "unidentified" here: "three terrorists")
                and all(t.ref.kind in ("armed_group", "unidentified") for t in targets)
            ):
                # "troops neutralised three terrorists", "the army said it had killed eight
                # CODECO fighters": forces killing fighters is a fight, told by the winner
                key = "armed_clash"
            elif (
                key == "armed_assault"
                and trig.pos == "verb"
                and agents
                and all(a.ref.kind in _STATE_FORCES for a in agents)
                and all(t.ref.kind in ("armed_group", "unidentified") for t in targets)
                and any(
                    f[2].outcome and f[2].type == "killing" and _FIGHTERS_KILLED.match(low, f[1])
                    for f in cand.folded
                )
            ):
                # "soldiers raided the village and killed four suspected separatists": an
                # operation of the forces that killed fighters is a fight, as above
                key = "armed_clash"
            elif key == "arrest" and _captures_place(text, cand, places):
                # "M23 rebels seized Goma": a place taken, not people detained
                key, targets = "other", []
            if cand.text.lower().endswith("lockdown") and not any(
                a.ref.kind == "armed_group" for a in agents
            ):
                continue  # a lockdown a government imposes is a measure, not a threat
            negated = self._negated(text, cand) or cand.denied
            if (
                negated
                and not cand.denied
                and "since" in low
                and _NOT_SINCE.search(low, max(0, cand.start - 40), min(len(low), cand.end + 80))
            ):
                continue  # "Hezbollah has not fired at Israel since the truce": a state, no act
            if negated and top_key(key) == "statement":
                continue  # "no group has claimed the attack": nothing was said
            if (
                negated
                and not cand.denied
                and trig.outcome
                and all(f[2].outcome for f in cand.folded)
            ):
                continue  # "no civilians were killed": a count of nobody, not an event
            hedged = hedged_sentence and self._hedge_near(text, cand)
            own_dates = dates
            if "connection" in low and not connected:
                # ("arrested four suspects in connection with a grenade attack on Sunday":
                # Sunday is the attack's day, not the arrest's)
                at = _connected_act_at(low, cand.end)
                if at is not None:
                    own_dates = [d for d in dates if d[0] < at]
            if cand.text.lower() in _BARE_REJECT:
                # ("Baghdad accused Damascus last month ..., a charge Syrian officials
                # rejected"): the day before it is the charge's; its own follows the verb
                own_dates = [d for d in own_dates if d[0] >= cand.end]
            span = self._date_for(text, cand, own_dates, article, key)
            if participle:
                span = self._participle_date(text, low, cand, dates, out, span, article)
            if _is_history(span, article):
                continue  # background history ("the 2014 kidnapping"), not this article's news
            mention = (
                Mention(text, sentence.start, sentence.end) if not title else Mention(text, -1, -1)
            )
            if not agents and not cand.denied:
                implied = self._implied_agent(text, cand, key)
                if implied is not None:
                    agents = [implied]
            if targets and _ATTRIBUTED_ANY.search(low):
                # "Artillery fire blamed on the RSF struck the hospital": the side the act
                # is blamed on did it; it is not also what it hit
                blamed = [
                    t for t in targets if _ATTRIBUTED_TO.search(low, max(0, t.start - 50), t.start)
                ]
                if blamed:
                    agents = [a for a in agents if not a.ref.unidentified] + blamed
                doers = {a.ref.id for a in agents}
                targets = [t for t in targets if t.ref.id not in doers]
            actor_refs = [_with_role(a, "agent") for a in agents]
            actor_refs += [self._as_victim(_with_role(a, "target")) for a in targets]
            actor_refs += [_with_role(a, "participant") for a in others]
            ev = Event(
                id=_event_id(article.id, sentence.start, sentence.end, key + str(cand.start)),
                article=article,
                type=key,
                types=lineage(key),
                trigger=text[cand.start : cand.end],
                mention=mention,
                actors=_dedupe(actor_refs),
                places=_places(places, self.gazetteer),
                date=span,
                attribution=attribution,
                certainty="hedged" if hedged else "asserted",
                negated=negated,
                quantities=self._quantities(text),
            )
            out.append(ev)
            made.append((agents, targets))
            if participle and targets:
                _blame_unattributed(low, cand, out[:-1], ev)
            if cand.denied:
                denied_ids.append(ev.id)
        if not title and previous and any(top_key(ev.type) == "armed_clash" for ev in out):
            out = _fold_fights_into_attack(low, out, previous)
        if not title:
            out = self._merge_anaphora(
                text, out, previous, hedged_sentence, anaphor, frozenset(denied_ids)
            )
        if not title and previous and out and _WEAPON_SUBJECT.match(low):
            out = _fold_weapon_details(out, previous)
        return out

    def _participle_roles(
        self,
        text: str,
        low: str,
        cand: _Candidate,
        actors: list[_Actor],
        made: list[tuple[list[_Actor], list[_Actor]]],
        targets: list[_Actor],
        context: str | None,
    ) -> tuple[list[_Actor], list[_Actor]]:
        """Who accuses and who is accused in ", accusing X of ..." / ", blaming X".

        The participle has no subject of its own: it is the speaker of the report it
        follows ("..., the health ministry said, accusing Israel of ...", "Yemen's Houthis
        said they fired ..., accusing Israel of ..."), or, with no report verb before it,
        the subject of the clause it hangs on ("Iraq condemned the strike, accusing Iran
        of ...", "its fighters killed three fishermen, accusing them of spying").
        """
        verb = _last_speech_verb(low, cand.start)
        agents: list[_Actor] = []
        if verb is not None:
            speaker = _subject_before(low, verb.start(), actors)
            if speaker is None and _office_speaker(low, verb.start()):
                speaker = self._office_agent(text, low, verb.start(), context)
            agents = [speaker] if speaker is not None else []
        elif made:
            agents = list(made[-1][0])
        if not targets and made and _PRONOUN_OBJECT.match(low, cand.end):
            targets = list(made[-1][1])  # "accusing them of spying": the people it hit
        return agents, [t for t in targets if t not in agents]

    @staticmethod
    def _participle_date(
        text: str,
        low: str,
        cand: _Candidate,
        dates: list,
        out: list[Event],
        span: TimeSpan,
        article: Article,
    ) -> TimeSpan:
        """The day of ", accusing X of ...": the report's or statement's, never the act's.

        "Iraq condemned the strike on Monday, accusing Turkey ...": the condemnation's day;
        "the ministry said on Sunday, accusing ...": the day of the report; "a strike killed
        two on Friday, the ministry said, accusing ...": Friday is the strike's, and the
        accusation has no day of its own.
        """
        said = [
            ev
            for ev in out
            if top_key(ev.type) == "statement" and ev.trigger.lower() not in _PARTICIPLES
        ]
        if said:
            return said[-1].date
        verb = _last_speech_verb(low, cand.start)
        if verb is not None:
            for s, _e, d in dates:
                if (
                    verb.end() <= s < cand.start
                    and d.value
                    and _SAID_DATE.search(text, max(0, s - 40), s)
                ):
                    return d
        if span.basis in ("publication", "unknown"):
            return span
        return TimeSpan(basis="publication", latest=article.published)

    def _bare_event(self, article, sentence, cand, text, dates, hedged) -> Event:
        key = self._refine_type(cand.trigger, text, cand)
        return Event(
            id=_event_id(article.id, sentence.start, sentence.end, key + str(cand.start)),
            article=article,
            type=key,
            types=lineage(key),
            trigger=text[cand.start : cand.end],
            mention=Mention(text, sentence.start, sentence.end),
            date=self._date_for(text, cand, dates, article),
            certainty="hedged" if hedged else "asserted",
            negated=self._negated(text, cand),
            quantities=self._quantities(text),
        )

    def _toll_update(
        self, text: str, low: str, dates: list, places: list, previous: list[Event]
    ) -> bool:
        """Whether a sentence that only counts dead and wounded updates the act told before.

        "The administrator gave a provisional toll of 38 dead", "two of the wounded later
        died": with no act, nobody named, no day and no place of its own (none but the
        act's), the counts are the last act's, not a new event. They are added to it.
        """
        # "Two of the wounded soldiers died in hospital overnight", "a third died of his
        # wounds on Monday": the act's own wounded, whatever day and hospital town the
        # sentence names; the lede's toll is usually already the revised one
        wounded_died = (
            "wound" in low or "injur" in low or "succumb" in low
        ) and _WOUNDED_DIED.search(low) is not None
        if not wounded_died and any(
            d[2].value and low[max(0, d[0] - 3) : d[0]] != "by " for d in dates
        ):
            return False
        act = next(
            (
                ev
                for ev in reversed(previous)
                if not ev.negated
                and (top_key(ev.type) in ACT_TOPS or top_key(ev.type) == "killing")
            ),
            None,
        )
        if act is None:
            return False
        if wounded_died:
            return True
        known = {p.id for p in act.places} | {r.id for p in act.places for r in p.within}
        if any(p.id not in known for _, _, p in places):
            return False
        for k, v in self._quantities(text).items():
            act.quantities[k] = max(act.quantities.get(k, 0), v)
        return True

    def _launcher(self, text: str, cand: _Candidate, actors: list[_Actor]) -> list[_Actor]:
        """Who launched the drones an interception names ("38 Ukrainian drones")."""
        inside = [
            a
            for a in actors
            if cand.start <= a.start and a.end <= cand.end and not a.generic and not a.source
        ]
        if inside:
            return inside[:1]
        # "intercepted a drone launched by Hezbollah from Lebanon": the launcher named after
        after = [
            a
            for a in actors
            if cand.end <= a.start <= cand.end + 40
            and not a.generic
            and not a.source
            and _LAUNCHED_BY.fullmatch(text, cand.end, a.start)
        ]
        if after:
            return after[:1]
        for m in re.finditer(r"[A-Z][\w-]+", text[cand.start : cand.end]):
            cc = self.gazetteer.demonym_country(m.group())
            if cc:
                actor = self.actors.country_body(cc, "military")
                ref = ActorRef(
                    id=actor.key,
                    name=actor.label,
                    kind=actor.kind,
                    country=actor.country,
                    text=m.group(),
                )
                return [_Actor(cand.start + m.start(), cand.start + m.end(), m.group(), ref)]
        return []

    def _country_named_in(self, text: str, start: int, end: int) -> str | None:
        """The country of the first place or demonym named in ``text[start:end]``."""
        for m in re.finditer(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)*", text[start:end]):
            word = m.group().removesuffix("'s").removesuffix("’s")
            if _SUBNATIONAL_AFTER.match(text, start + m.end()):
                # "Niger state's governor", "Darfur region": a province, not the country
                # its name may also be; the story's country it is in
                return self._countries.most_common(1)[0][0] if self._countries else None
            cc = self.gazetteer.demonym_country(word)
            if cc:
                return cc
            found = self.gazetteer.find("in " + word)
            if found and found[0][2].country:
                return found[0][2].country
        return None

    def _office_agent(self, text: str, low: str, start: int, context: str | None) -> _Actor | None:
        """Whom an office-holder speaker stands for (see :func:`_office_speaker`).

        A UN coordinator, envoy or rapporteur speaks for the United Nations; a brigade, a
        general staff or a junta for the country's military; a governor, minister,
        ministry or government spokesperson for its government.
        """
        m = _OFFICE_SPEAKER.search(low, max(0, start - 90), start)
        if m is None:
            return None
        phrase = m.group(0)
        # "The UN Mission in South Sudan (UNMISS) said": a body the registry names speaks
        # for itself, not for the United Nations at large
        named = sorted(
            (
                x
                for x in self.actors.find(text[m.start() : m.end()])
                if x.actor.kind != "unidentified"
            ),
            key=lambda x: x.start - x.end,
        )
        if named and _UN_OFFICE.search(phrase):
            actor = named[0].actor
        elif _UN_OFFICE.search(phrase):
            actor = self.actors.lookup("United Nations")
        else:
            # Whose office: a place or demonym the phrase names ("Denmark's defence
            # minister", "the governor of Cauca"), else the story's country ("the ministry").
            cc = self._country_named_in(text, m.start(), m.end())
            if cc is None:
                if any(w[:1].isupper() for w in text[m.start() : m.end()].split()[1:]):
                    return None  # a name the gazetteer does not know: someone else's office
                cc = context
            if cc is None:
                return None
            body = "military" if _MILITARY_OFFICE.search(phrase) else "government"
            actor = self.actors.country_body(cc, body)
        if actor is None:
            return None
        ref = ActorRef(
            id=actor.key,
            name=actor.label,
            kind=actor.kind,
            country=actor.country,
            text=phrase.strip(" ,"),
        )
        return _Actor(m.start(), m.end(), ref.text or "", ref)

    def _labour_strike_before(self, article: Article, offset: int) -> bool:
        """Whether the story told of a workers' strike before `offset` (read once per article)."""
        if self._labour_at is None:
            m = _LABOUR_STRIKE.search(article.text.lower())
            self._labour_at = m.start() if m is not None else len(article.text) + 1
        return self._labour_at < offset

    def _definite_body(
        self, body: str, sentence_start: int, text: str, cand: _Candidate
    ) -> _Actor | None:
        """The body a definite "The Commission" subject stands for, named in full before.

        Statements and press releases name their author once ("The Ethiopian Human Rights
        Commission (EHRC) has received ...") and then call it by its head noun alone ("The
        Commission calls on all parties ..."). The latest earlier name in the article
        ending in that noun is the speaker; None when the article names none.
        """
        m = _DEFINITE_BODY.fullmatch(text, 0, cand.start)
        if m is None:
            return None
        head = m.group(1)
        name = ""
        for found in _full_name_ending(head).finditer(body, 0, sentence_start):
            full = found.group(1).removeprefix("The ")
            if len(full.split()) >= 2:  # (not "The Commission" itself, said before)
                name = full
        if not name:
            return None
        at = m.start(1)
        for a in self._actors(name):
            if not a.generic and not a.ref.unidentified and a.start == 0 and a.end == len(name):
                return _Actor(at, at + len(head), head, a.ref)
        key = "x-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        return _Actor(at, at + len(head), head, ActorRef(id=key, name=name, kind="organization"))

    def _speaker_before(self, prev: str, context: str | None) -> _Actor | None:
        """Who speaks in a sentence, for "It"/"He" opening the next one.

        The subject of the sentence's report verb ("UNSMIL said ...", "The governor
        condemned ...", an office holder standing for its body); without a report verb, the
        actor the sentence opens with ("The head of the Presidential Council, X, addressed
        ..."). None when the speaker is someone the registry does not know.
        """
        low = _lower(prev)
        found = [
            a
            for a in self._actors(prev)
            if not a.generic and not a.ref.unidentified and a.ref.kind in _SPEAKER_KINDS
        ]
        verb = _SPEAKER_VERB.search(low)
        if verb is not None:
            subject = _subject_before(low, verb.start(), found)
            if subject is None and _office_speaker(low, verb.start()):
                subject = self._office_agent(prev, low, verb.start(), context)
            if subject is None:
                # "..., the information team said": a speaker after what it said
                late = [a for a in found if verb.end() <= a.start <= verb.end() + 4]
                subject = late[0] if late else None
            if subject is None and found and found[0].start <= 40 and found[0].end <= verb.start():
                # "The head of the Presidential Council, Mohamed al-Menfi, addressed ...":
                # the sentence opens with its speaker, an apposition before the verb
                subject = found[0]
            return subject
        return found[0] if found and found[0].start <= 40 else None

    def _tally_side(self, text: str, start: int, end: int) -> list[_Actor]:
        """The military of the demonym in a counted tally ("17 Russian assaults"), if one."""
        for m in re.finditer(r"\b[A-Z][a-z]{2,}\b", text[start:end]):
            cc = self.gazetteer.demonym_country(m.group())
            if cc:
                actor = self.actors.country_body(cc, "military")
                ref = ActorRef(
                    id=actor.key,
                    name=actor.label,
                    kind=actor.kind,
                    country=actor.country,
                    text=m.group(),
                )
                return [_Actor(start + m.start(), start + m.end(), m.group(), ref)]
        return []

    def _implied_agent(self, text: str, cand: _Candidate, key: str) -> _Actor | None:
        """An agent the text gives without naming an actor.

        "a Russian missile strike": a demonym before the trigger names the country's
        forces. "a roadside bomb exploded": a bombing with nobody named has an
        unidentified perpetrator, as does any act "of unknown origin".
        """
        top = top_key(key)
        if top in ACT_TOPS and cand.trigger.pos == "noun":
            # "a Russian missile strike", "an Israeli drone attack": the demonym modifies
            # the act noun; in "killed eight Beninese soldiers in an attack" it does not.
            lead = _MODIFIED_BY.search(text, max(0, cand.start - 40), cand.start)
            words = re.findall(r"[A-Z][\w.-]+", lead.group(0))[-3:] if lead else []
            for word in reversed(words):
                cc = self.gazetteer.demonym_country(word) if len(word) > 2 or word == "US" else None
                if word in ("US", "U.S."):
                    cc = "US"
                if cc:
                    actor = self.actors.country_body(cc, "military")
                    ref = ActorRef(
                        id=actor.key,
                        name=actor.label,
                        kind=actor.kind,
                        country=actor.country,
                        text=word,
                    )
                    return _Actor(cand.start, cand.start, word, ref)
        clause = text[max(0, cand.start - 60) : cand.end + 60].lower()
        unnamed = key in ("bombing", "suicide_bombing") or re.search(
            r"\b(unidentified|unknown|unclaimed|of unknown origin|no group (?:has )?claimed)\b",
            clause,
        )
        if unnamed and (top in ACT_TOPS or top == "killing"):
            ref = ActorRef(
                id="unidentified",
                name="unidentified actor",
                kind="unidentified",
                unidentified=True,
                text="unidentified",
            )
            return _Actor(cand.start, cand.start, "unidentified", ref)
        return None

    def _told_apart(
        self,
        article: Article,
        sentence: Sentence,
        previous: list[Event],
        told: list[tuple[int, int, int]],
    ) -> list[Event]:
        """A sentence whose target is described by an earlier deed, read in two passes.

        "Jets killed a commander blamed for last month's ambush near X, in a strike on
        Tuesday": the strike is read without the modifier (it takes Tuesday, not last
        month, and not X); the ambush inside it is read on its own, with the whole
        sentence. The second reading must not count the sentence's places twice.
        """
        main = self._sentence_events(article, sentence, previous, told_pass=(told, False))
        state = (
            Counter(self._countries),
            Counter(self._place_countries),
            Counter(self._actor_countries),
            set(self._place_ids),
            self._last_day,
        )
        deeds = self._sentence_events(article, sentence, previous + main, told_pass=(told, True))
        (
            self._countries,
            self._place_countries,
            self._actor_countries,
            self._place_ids,
            self._last_day,
        ) = state
        # (the main act's doer did not do the deed its target is blamed for: "the army
        # said it killed a militant who was behind the kidnapping")
        doers = {a.id for ev in main for a in ev.agents}
        for ev in deeds:
            ev.actors = [a for a in ev.actors if a.role != "agent" or a.id not in doers]
        return main + deeds

    # --- pieces ------------------------------------------------------------------------
    def _as_victim(self, ref: ActorRef) -> ActorRef:
        """Unnamed fighters on the receiving end are militants, not an unknown perpetrator.

        "Aircraft neutralised dozens of terrorists", "killing two of the gunmen": the
        unidentified-actor reading is for who did something; as a target they are a group
        of militants (a minted actor, so the linker does not take it for a known one).
        """
        if not ref.unidentified or not _FIGHTER_WORDS.search(_lower(ref.text or "")):
            return ref
        actor = self.actors.mint("militants", kind="armed_group")
        return ActorRef(
            id=actor.key, name=actor.label, role=ref.role, kind=actor.kind, text=ref.text
        )

    def _as_military(self, actor: _Actor, ministries: bool = False) -> _Actor:
        """A state named as the one who struck ("Iraq struck", "Baghdad launched") is its military.

        With `ministries`, a defence ministry or security body speaking of "its forces"
        stands for the military too.
        """
        ref = actor.ref
        kinds = ("government", "security_service") if ministries else ("government",)
        if ref.kind not in kinds or not ref.country or (actor.source and not ministries):
            return actor
        if ref.kind == "security_service" and _HOME_SECURITY.search(
            f"{ref.name} {ref.text or ''}".lower()
        ):
            return actor  # "the interior ministry said its forces had arrested": police work
        body = self.actors.country_body(ref.country, "military")
        new = ActorRef(
            id=body.key, name=body.label, kind=body.kind, country=body.country, text=ref.text
        )
        return _Actor(actor.start, actor.end, actor.text, new, actor.source, actor.generic)

    def _generic_actors(self, text: str, actors: list[_Actor], country: str | None) -> list[_Actor]:
        """Participants news names by a common noun: "police", "troops", "civilians", "a commander".

        Forces without a nationality belong to the country the article is about; victims
        who are people ("residents", "farmers") are the civilians actor; a person known
        only by role ("a former opposition commander") becomes a person actor.
        """
        out = list(actors)
        taken = [(a.start, a.end) for a in actors]
        for m in _DEMONYM_PLURAL.finditer(text):
            s, e = m.start(1), m.end(1)
            if any(a < e and s < b for a, b in taken):
                continue
            cc = self.gazetteer.demonym_country(m.group(1)[:-1])
            if cc:
                ref = ActorRef(
                    id="civilians", name="civilians", kind="civilians", country=cc, text=m.group(0)
                )
                out.append(_Actor(s, e, m.group(1), ref, generic=True))
                taken.append((s, e))
        low = _lower(text)
        if country:
            for i, a in enumerate(out):
                if a.ref.id.startswith("x-") and _UNIT_NAME.search(_lower(a.text)):
                    # "the 20th Infantry Battalion", "the Army's 8th Infantry Division": a
                    # unit of the country's army
                    body = self.actors.country_body(country, "military")
                    ref = ActorRef(
                        id=body.key,
                        name=body.label,
                        kind=body.kind,
                        country=body.country,
                        text=a.text,
                    )
                    out[i] = _Actor(a.start, a.end, a.text, ref, a.source, generic=True)
        for h in _GENERIC_HEAD.finditer(low):
            hs, he = h.span()
            if any(a < he and hs < b for a, b in taken):
                # the head is inside a name found already ("the Iraqi army"): so is every
                # phrase ending at it (a cheap test before reading the phrase)
                continue
            window = text.rfind(" ", 0, max(0, hs - 50)) + 1  # start on a word
            m = _noun_phrase(low[window : h.end()])
            if m is None:
                continue
            s, e = window + m.start(1), window + m.end(1)
            # A match may start at the end of the word before ("arrested| two suspects"):
            # the phrase starts at its first word.
            while s < e and low[s].isspace():
                s += 1
            if any(a < e and s < b for a, b in taken):
                continue
            head = m.group("head")
            phrase = text[s:e]
            ref: ActorRef | None = None
            if head in _FORCE_BODY and _NOT_A_FORCE_AFTER.match(low, e):
                continue  # "a military operation", "the ruling military council"
            if head in ("junta", "regime") and not _JUNTA_WEAPON_AFTER.match(low, e):
                continue  # "the junta" alone is the government speaking, not a force acting
            if head in _FORCE_BODY:
                # "The Israeli military said its troops ...": the possessor's forces, not
                # those of the country the sentence is in.
                owner = _possessor(low, s, actors)
                if owner is None and _FORCE_BODY[head] == "military":
                    # "The Israeli military said ... at soldiers in the Far'a camp": an
                    # army named in the sentence owns its unnamed soldiers, whatever
                    # country the place is in.
                    owner = _named_army(actors, s)
                if owner is None:
                    # "Two soldiers were killed in an ambush, the Philippine Army said": a
                    # force that reports unnamed losses of its kind reports its own
                    owner = _speaking_force(actors, s, _FORCE_BODY[head])
                if owner is None and country == "PS" and head in _OCCUPIER_HEADS:
                    # "soldiers shot and killed a man in Tammun": in the West Bank and Gaza,
                    # unnamed soldiers and troops are Israel's (news calls the Palestinian
                    # forces "security forces" or "police")
                    owner = "IL"
                if owner is None and not country:
                    continue
                actor = self.actors.country_body(owner or country, _FORCE_BODY[head])
                ref = ActorRef(
                    id=actor.key, name=actor.label, kind=actor.kind, country=actor.country
                )
            elif head in ("men", "man") and _SUSPECTED_AFTER.match(low, e):
                # "two men suspected of helping the bomber": suspects, not bystanders
                actor = self.actors.mint("suspects", kind="person")
                ref = ActorRef(id=actor.key, name=actor.label, kind="person")
            elif head in _CIVILIAN_HEADS:
                if _RESIDENTS.match(low, s, e) and _SAY_AFTER.match(low, e):
                    continue  # "residents said": a source, not a victim
                if head == "civilian" and _CIVILIAN_ADJECTIVE.match(low, e - 8):
                    continue
                if _FORCES_AMONG.match(low, e):
                    continue  # "seven people, including four soldiers": the soldiers say who
                if head in ("men", "man") and not _COUNT_IN.search(low, s, e):
                    continue  # "his men", "the men": fighters or people told of before
                ref = ActorRef(id="civilians", name="civilians", kind="civilians")
            else:
                if not _COUNTED.match(low, s, e):
                    continue  # "the commander": someone named before, not a new person
                body = _SPEAKS_FOR.match(low, e) if head == "spokesman" else None
                if body is not None:
                    # "a spokesman for the junta denied ...": the body he speaks for is the
                    # one that denies, as "the junta denied" would be
                    word = body.group(1)
                    which = "military" if word in ("military", "army", "armed forces") else None
                    if country:
                        # (the registry's own reading of a country's junta first: in some
                        # countries it is the government, in Myanmar the military itself)
                        junta = None if which else self._junta(country)
                        actor = junta or self.actors.country_body(country, which or "government")
                    else:
                        actor = self.actors.mint(
                            "military government" if which is None else "military",
                            kind="government" if which is None else "state_military",
                        )
                    e = body.end()
                    ref = ActorRef(
                        id=actor.key,
                        name=actor.label,
                        kind=actor.kind,
                        country=actor.country,
                        text=text[s:e],
                    )
                    out.append(_Actor(s, e, text[s:e], ref, generic=True))
                    taken.append((s, e))
                    continue
                label = _COUNT_PREFIX.sub("", phrase)
                named = _APPOSITION_NAME.match(text, e)
                if named is not None:
                    # "a notorious bandit leader, Dogo Sule,": the person is the one named
                    label = named.group("name")
                    e = named.end("name")
                    phrase = text[s:e]
                actor = self.actors.mint(label, kind="person")
                ref = ActorRef(id=actor.key, name=actor.label, kind="person")
            ref.text = phrase
            out.append(_Actor(s, e, phrase, ref, generic=True))
            taken.append((s, e))
        out.sort(key=lambda a: a.start)
        return out

    def _actors(self, text: str, previous: list[Event] | None = None) -> list[_Actor]:
        out: list[_Actor] = []
        group = _last_group(previous or [])
        if group is not None:
            for m in _GROUP_ROLE.finditer(_lower(text)):
                role = (
                    m.group(1).lower().rstrip("s")
                    if not m.group(1).lower().endswith("ss")
                    else m.group(1).lower()
                )
                role = {
                    "ideologue": "ideologue",
                    "deputy": "deputy leader",
                    "militant": "member",
                    "fighter": "member",
                }.get(role, role)
                said = text[m.start() : m.end()]
                if m.group(1).lower() in ("members", "militants", "fighters"):
                    # "the group's fighters" in the plural act as the group itself
                    ref = ActorRef(id=group.id, name=group.name, kind=group.kind, text=said)
                    out.append(_Actor(m.start(), m.end(), said, ref))
                    continue
                ref = ActorRef(
                    id=f"person-{group.id}-{role.replace(' ', '-')}",
                    name=f"{group.name} {role}",
                    kind="person",
                    text=said,
                    affiliation=group.id,
                )
                out.append(_Actor(m.start(), m.end(), said, ref))
        if text == self._scanned[0]:
            # The same sentence again (read in two passes, see _told_apart): the scan
            # depends on the text only, and its matches are only read here.
            found = self._scanned[1]
        else:
            found = self.actors.find(text)
            self._scanned = (text, found)
        for m in found:
            actor = m.actor
            if text.startswith("-", m.end) and text[m.end + 1 : m.end + 2].isalpha():
                continue  # "Sudan's army-aligned government": a modifier, not the army
            if _LOCAL_GOVERNMENT.search(m.text) or _LOCAL_GOVERNMENT.match(text, m.end):
                continue  # "Bassa Local Government Area": a district, not an organisation
            if out and _APPOSITION_BEFORE.fullmatch(text, out[-1].end, m.start):
                # "Hurras al-Din, an al-Qaeda affiliate": what the group is, not a second one
                continue
            if out and _GROUP_APPOSITION.fullmatch(text, out[-1].end, m.start):
                # "the ADF, a Ugandan-origin group that has pledged allegiance to Islamic
                # State, attacked": whom the group follows, said in apposition, is no actor
                # of the sentence's act
                continue
            if (
                m.text[-1:] == "s"
                and actor.kind in _STATE_KINDS
                and _COUNT_BEFORE.search(text, max(0, m.start - 16), m.start)
                and self.gazetteer.demonym_country(m.text)
            ):
                # "two Palestinians", "three Iraqis": people of that nation, not its state
                ref = ActorRef(
                    id="civilians",
                    name="civilians",
                    kind="civilians",
                    country=actor.country,
                    text=m.text,
                )
                out.append(_Actor(m.start, m.end, m.text, ref, generic=True))
                continue
            affiliation = None
            if actor.kind == "person":
                affiliation = getattr(actor, "parent", None)
            key, label = actor.key, actor.label
            if actor.kind == "civilians" and key.startswith("x-"):
                key, label = "civilians", "civilians"  # "villagers", "protesters": one actor
            ref = ActorRef(
                id=key,
                name=label,
                kind=actor.kind,
                country=actor.country,
                text=m.text,
                affiliation=affiliation,
                unidentified=bool(m.unidentified),
            )
            if any(a.start < m.end and m.start < a.end for a in out):
                continue
            out.append(_Actor(m.start, m.end, m.text, ref))
        if _NATIONAL_AIRCRAFT_CUE.search(text):
            out = self._national_aircraft(text, out)
        out.sort(key=lambda a: a.start)
        return out

    def _junta(self, country: str):
        """The curated actor "<country> junta" names ("Malian junta", "Myanmar junta"), if any."""
        names = [_country_label(country)]
        demonym = _demonym_of(country)
        if demonym:
            names.insert(0, demonym)
        for name in names:
            found = self.actors.lookup(f"{name} junta")
            if found is not None:
                return found
        return None

    def _national_aircraft(self, text: str, actors: list[_Actor]) -> list[_Actor]:
        """Aircraft named by model after a demonym are that country's military.

        "Iraqi F-16 jets", "Egyptian Apache helicopters", "Jordanian F-16s": the model
        between the demonym and the noun hides the pair from the actor scanner, which
        would leave an unidentified doer.
        """
        for m in _NATIONAL_AIRCRAFT.finditer(text):
            word = m.group("demonym")
            cc = "US" if word in ("US", "U.S.") else self.gazetteer.demonym_country(word)
            if not cc:
                continue
            s, e = m.span()
            clash = [a for a in actors if a.start < e and s < a.end]
            if any(not a.ref.unidentified for a in clash):
                continue  # already read as a named actor
            body = self.actors.country_body(cc, "military")
            ref = ActorRef(
                id=body.key, name=body.label, kind=body.kind, country=body.country, text=m.group()
            )
            actors = [a for a in actors if a not in clash] + [_Actor(s, e, m.group(), ref)]
        return actors

    def _attribution(
        self, text: str, actors: list[_Actor]
    ) -> tuple[Attribution, list[tuple[int, int]]]:
        reported_by: str | None = None
        citing: str | None = None
        spans: list[tuple[int, int]] = []
        low = _lower(text)
        m = _ATTRIB_ACCORDING.search(low)
        if m:
            end = _phrase_end(text, m.end())
            spans.append((m.start(), end))
            phrase = text[m.end() : end]
            media = [a for a in actors if m.end() <= a.start < end and a.ref.kind == "media"]
            said = _clean_np(phrase.split(" citing ")[0])
            if media:
                reported_by = media[0].ref.name
            elif said and _MEDIUM.search(said.lower()):
                reported_by = said  # "according to the Sham news network"
            else:
                citing = said  # "according to local sources": whom the report quotes
        c = _ATTRIB_CITING.search(low)
        if c:
            end = _phrase_end(text, c.end(), allow_comma=False)
            spans.append((c.start(), end))
            cited = _clean_np(text[c.end() : end])
            if cited and _SOURCE_HEAD.search(cited.lower()):
                citing = cited
            if reported_by is None:
                media = [a for a in actors if a.end <= c.start() and a.ref.kind == "media"]
                if media:
                    reported_by = media[-1].ref.name
        if reported_by is None:
            for a in actors:
                if a.ref.kind == "media":
                    reported_by = a.ref.name
                    spans.append((a.start, a.end))
                    break
        if citing is None:
            told = _TOLD_BY.search(text)
            if told is not None:
                # "the Mekong Monitor was told by a local administrator": who told it
                citing = _clean_np(text[told.end() : _phrase_end(text, told.end())])
        if citing is None:
            tail = _said_tail(low)
            if tail:
                np_start = tail.start(1)
                source = _clean_np(text[np_start : tail.end(1)])
                named = [a for a in actors if a.start >= np_start and a.end <= tail.end(1)]
                if named and named[0].ref.kind == "media" and reported_by is None:
                    reported_by = named[0].ref.name
                elif source:
                    citing = source
                spans.append((np_start, tail.end(1)))
        if citing is None and reported_by is None:
            say = _SAY.search(low)
            if say:
                src = None
                for sm in _SOURCE_NP.finditer(low):
                    if abs(sm.start() - say.start()) < 80:
                        src = sm
                        break
                if src is not None:
                    # "A spokesman for the council told state media that ...": the source
                    # ends at its verb; what it told is the news, not the source.
                    end = src.end()
                    verb = _SAY.search(low, src.start() + 1, end)
                    if verb is not None:
                        end = verb.start()
                    citing = _clean_np(text[src.start() : end])
                    spans.append((src.start(), end))
        return Attribution(reported_by=reported_by, citing=citing), spans

    def _candidates(
        self, text: str, triggers: list[tuple[int, int, Trigger]], actors: list[_Actor]
    ) -> list[_Candidate]:
        """Group triggers into event candidates.

        Outcomes (killed, wounded) fold into an act of the sentence wherever it stands
        ("three soldiers were killed when a bomb exploded"); triggers of one family in a
        clause are one event; the content of a claim or denial is part of it.
        """
        ordered: list[tuple[int, int, Trigger]] = []
        # Whether the sentence has the words of two rare cues at all (one search each,
        # not one per trigger).
        nouns = any(t[2].pos == "noun" for t in triggers)
        charges = nouns and _CHARGE_WORDS.search(text) is not None
        described = nouns and _DESCRIBED_WORDS.search(text) is not None
        # "It was the deadliest attack on a school this year", "It was the first attack on
        # shipping claimed by the group since October": the act just told, ranked among
        # others, not a new one (up to a "when" clause telling another act)
        if triggers and all(t[2].outcome for t in triggers) and _PERIOD_TOLL.search(text):
            # "at least 47 people were killed and 28 injured between 9 and 15 November":
            # a tally over days, not one event
            return []
        ranked = _RANKED_ACT.match(text)
        ranked_end = -1
        if ranked is not None:
            after = _RANKED_UNTIL.search(text, ranked.end())
            ranked_end = after.start() if after else len(text)
        for start, end, trig in sorted(triggers, key=lambda t: (t[0], -t[1])):
            if ordered and start < ordered[-1][1]:
                continue  # overlapping match: the longer, earlier one won
            if start < ranked_end:
                continue
            if (
                end - start == 6
                and text[start:end].lower() == "agreed"
                and _CONCURRED_AFTER.match(text, end)
            ):
                continue  # "Residents the authors spoke to agreed.": concurring, no accord
            if any(
                a.start <= start
                and end <= a.end
                and not a.generic
                and a.ref.kind not in ("civilians", "unidentified")
                for a in actors
            ):
                continue  # inside a name: "Joint Operations Command", "Islamic Jihad"
            if (
                trig.pos == "noun"
                and " of " in text[max(0, start - 45) : start]
                and _SERIES_OF.search(text, max(0, start - 70), start)
            ):
                continue  # "the latest in a string of assaults": the series, not this act
            if "ithout " in text[max(0, start - 40) : start] and _WITHOUT_BEFORE.search(
                text, max(0, start - 40), start
            ):
                # "Without joint patrols, ...", "without firing a shot": what is lacking
                continue
            if (
                end - start == 6
                and text[start:end].lower() == "agreed"
                and _LIST_BEFORE.search(text, max(0, start - 6), start)
                and _BARE_NOUN_AFTER.match(text, end)
            ):
                continue  # "escorts, agreed grazing corridors": an adjective in a list
            if (
                trig.pos == "verb"
                and text[max(0, start - 7) : start].lower().rstrip().endswith(_DETERMINERS)
                and _ATTRIBUTIVE.search(text, max(0, start - 8), start)
                # ("The drone hit a car", "The air force struck": a trigger that opens with
                # its weapon is the subject and its verb, not a participle)
                and _participle_first(text, start, end, trig.type)
            ):
                continue  # "the detained official": a reference to an act, not a report of one
            if (
                trig.pos == "verb"
                and text[max(0, start - 3) : start].lower() == "of "
                and text[start:end].lower().startswith(("burn", "destroy", "damag", "loot"))
            ):
                continue  # "photographs of burned stalls": what was left, told as a noun
            if trig.type in ("agreement", "ceasefire") and _AGREED_NOUN.search(
                text, max(0, start - 40), start
            ):
                continue  # "the ceasefire agreed in November": a reference to the deal
            if trig.type == "agreement" and _UNDER_DEAL.search(text, max(0, start - 120), start):
                # "based on information shared under the security agreement the two
                # countries signed in May": the deal the act was done under, told before
                continue
            if (
                trig.pos == "noun"
                and charges
                and _CHARGED_WITH.search(text, max(0, start - 90), start)
                and _BARE_CHARGE_END.match(text, end)
            ):
                # "sentenced two men for murder": what they were tried for (an act told
                # with its own place and day, "for a knife attack in Solingen in August
                # 2024", is reported all the same)
                continue
            if (
                trig.pos == "noun"
                and described
                and _DESCRIBED_BY.search(text, max(0, start - 60), start)
            ):
                continue  # "a commander who was responsible for rocket launches": who he is
            if trig.type == "security_coordination" and _MANNER_BEFORE.search(
                text, max(0, start - 20), start
            ):
                continue  # "in coordination with", "during a joint operation": a manner
            if (
                top_key(trig.type) == "cooperation_or_agreement"
                and _DEAL_SAYS.match(text, end)
                and text[start:end].lower().endswith(_DEAL_NOUNS)
            ):
                continue  # "as the peace agreement requires": what the deal says, no new deal
            if top_key(trig.type) == "cooperation_or_agreement" and _PROVIDES_FOR.search(
                text, max(0, start - 120), start
            ):
                continue  # "it provides for ... joint patrols": what a deal says, not an act
            if (
                trig.type == "armed_clash"
                and text[start:end].lower() == "fought"
                and _FOUGHT_IN_RANKS.match(text, end)
            ):
                # "had fought with al-Qaeda in Iraq before joining the Islamic State",
                # "fought alongside the coalition": whose side a fighter was on
                continue
            if (
                trig.type == "security_coordination"
                and text[start:end].lower().startswith(_COOPERATION_NOUNS)
                and _STANDING_AFTER.match(text, end)
            ):
                # "cooperation with the new authorities has so far been better than
                # expected": how relations stand, said of no act on any day
                continue
            if (
                top_key(trig.type) == "armed_clash"
                and trig.pos == "noun"
                and any(top_key(t[2].type) in ACT_TOPS for t in ordered)
                and _CONTINUED_AFTER.match(text, end)
            ):
                continue  # "attacked an army base ..., and clashes continued into Sunday"
            if trig.pos == "noun" and _CAMPAIGN_AFTER.match(text, end):
                continue  # "its bombing campaign", "an air campaign": many acts, not one
            if (
                trig.pos == "noun"
                and ordered
                and _COMPARED_KIND.search(text, max(0, start - 40), start)
            ):
                # "killed four soldiers ..., the deadliest such assault in months": the
                # kind the act is compared with, not a second act
                continue
            if (
                trig.pos == "noun"
                and " on " in text[end : end + 4]
                and _ABSTRACT_TARGET.match(text, end)
            ):
                continue  # "an assault on Iraq's sovereignty": a figure of speech, not an act
            if (
                trig.pos == "noun"
                and "not " in text[max(0, start - 40) : start]
                and _NOT_THE_FIRST.search(text, max(0, start - 40), start)
            ):
                continue  # "this is not the first attack on the station": earlier ones, in general
            if (
                trig.type == "abduction"
                and trig.pos == "verb"
                and _FREED_BEFORE.search(text, max(0, start - 40), start)
            ):
                continue  # "rescued 15 kidnapped victims": the rescue tells no abduction
            if (
                trig.type == "bombing"
                and trig.pos == "noun"
                and ordered
                and top_key(ordered[-1][2].type) == "air_or_drone_strike"
                and _MUNITION_GAP.fullmatch(text, ordered[-1][1], start)
            ):
                continue  # "a drone dropped an explosive device on a car": its munition
            if (
                top_key(trig.type) == "armed_clash"
                and trig.pos == "noun"
                and _ENSUING_BEFORE.search(text, max(0, start - 40), start)
                and any(top_key(t[2].type) in ACT_TOPS for t in ordered)
            ):
                continue  # "opened fire on them, triggering a firefight": the same act
            if (
                trig.pos == "noun"
                and trig.type in ("bombing", "suicide_bombing")
                and _weapons_taken(text, start, end)
            ):
                continue  # "recovered hand grenades and a suicide vest": things, no attack
            if (
                trig.type == "arrest"
                and trig.pos == "verb"
                and text[start:end].lower() in ("captured", "seized")
                and _CAPTURED_GOODS.match(text, end)
            ):
                continue  # "killed dozens of soldiers and captured weapons": booty, no arrest
            if (
                trig.type == "denial"
                and end - start <= 9
                and text[start:end].lower() in _BARE_REJECT
                and not _CHARGE_BEFORE.search(text, max(0, start - 90), start)
            ):
                continue  # "rejected" alone: a denial only after "a charge ..." (see triggers)
            if trig.type == "accusation" and _PRESENT_PASSIVE.search(
                text, max(0, start - 12), start
            ):
                continue  # "the ADF is blamed for killing thousands": a reputation
            if (
                trig.type == "accusation"
                and not trig.weak
                and not _HUNG_BEFORE.search(text, max(0, start - 6), start)
            ):
                # "after accusing them of spying", "instead of blaming Afghanistan": a
                # gerund telling a motive or a manner, not a speech act hung on a report
                continue
            if (
                trig.type == "accusation"
                and text.startswith(" of ", end)
                and not _AUXILIARY_BEFORE.search(text, max(0, start - 12), start)
            ):
                # "two companies accused of supplying weapons", "people they accused of
                # spying": who is accused, told as a description, not an accusation made
                continue
            ordered.append((start, end, trig))
        if any(t[2].type == "arrest" and not t[2].weak for t in ordered):
            # "arrested in a raid": the raid is how the arrest was made, not an attack;
            # so is "a search operation ... and arrested three suspects", unless the
            # operation also killed someone (then it was a fight).
            killed = any(t[2].outcome and t[2].type == "killing" for t in ordered)
            ordered = [
                t
                for t in ordered
                if not (t[2].type == "armed_assault" and "raid" in t[2].pattern)
                and not (
                    not killed
                    and top_key(t[2].type) == "armed_clash"
                    and "operation" in text[t[0] : t[1]].lower()
                )
            ]
            if killed:
                # "killed three militants in a clash near Saravan and arrested two others":
                # the arrests are part of the fight that killed, one event with both counts
                clashes = [t for t in ordered if top_key(t[2].type) == "armed_clash"]
                ordered = [
                    t
                    for t in ordered
                    if not (
                        t[2].type == "arrest"
                        and any(
                            c[1] <= t[0] and _AND_THEN.fullmatch(text, c[1], t[0]) for c in clashes
                        )
                    )
                ]
        if any(_SEARCH_OPERATION.match(text, t[0]) for t in ordered):
            # "police launched a search operation after the attack": a hunt for the
            # attackers is not a fight unless the sentence tells of one (a death, a wound,
            # an exchange of fire)
            fought = any(
                (t[2].outcome and t[2].type == "killing")
                or (
                    top_key(t[2].type) == "armed_clash"
                    and not _SEARCH_OPERATION.match(text, t[0])
                    and "operation" not in text[t[0] : t[1]].lower()
                )
                for t in ordered
            )
            if not fought:
                ordered = [t for t in ordered if not _SEARCH_OPERATION.match(text, t[0])]
        if any(
            t[2].type == "other" and text[t[0] : t[0] + 4].lower() in ("free", "rele")
            for t in ordered
        ):
            # "Twenty-five students abducted from a school last week have been freed": the
            # abduction describes who was freed (a reduced relative clause), the release is
            # the news
            ordered = [
                t
                for t in ordered
                if not (
                    t[2].type == "abduction"
                    and _CAPTIVES_BEFORE.search(text, max(0, t[0] - 40), t[0])
                    and _FREED_AFTER.search(text, t[1])
                )
            ]
        ordered, repelled = _repelled_attacks(text, ordered)
        acts = [t for t in ordered if top_key(t[2].type) in ACT_TOPS and not t[2].outcome]
        claims = [
            t
            for t in ordered
            if t[2].type in ("claim_of_responsibility", "denial", "accusation")
            # (", accusing them of spying" and ", a claim the militias dismissed" follow the
            # act they answer: "killed" before them is the act's, not theirs)
            and text[t[0] : t[1]].lower() not in _PARTICIPLES
            and text[t[0] : t[1]].lower() not in _BARE_REJECT
        ]
        cands: list[_Candidate] = []
        for start, end, trig in ordered:
            if any(c.start == start for c in cands):
                continue  # already made as the host of an earlier outcome
            prev = cands[-1] if cands else None
            if (
                trig.outcome
                and trig.type == "killing"
                and trig.pos == "verb"
                and prev is not None
                and prev.trigger.type == "denial"
                and prev.text.lower().startswith("den")
                and not prev.folded
                and not any(prev.end <= t[0] < start for t in acts)
                and _DENIED_OWN_ACT.fullmatch(text, prev.end, start)
            ):
                # "denied that its fighters had killed civilians": a killing of the
                # speaker's side, negated, is the news (as "denied ... had shelled")
                cands[-1] = _Candidate(start, end, trig, text[start:end])
                cands[-1].denied = True
                cands[-1].denial_at = prev.start
                continue
            hosts = acts + claims
            if trig.outcome and hosts and "since" in text:
                # "a rise in attacks since last month, when jihadists killed 11 fishermen":
                # the killing that day is its own act, not the count of the attacks before
                hosts = [
                    t
                    for t in hosts
                    if not (t[1] <= start and _SINCE_WHEN_CLAUSE.search(text, t[1], start))
                ]
            if trig.outcome and hosts:
                host = min(hosts, key=lambda t: abs(t[0] - start))
                self._fold_into(cands, host, (start, end, trig), text)
                continue
            if (
                trig.type == "claim_of_responsibility"
                and prev is not None
                and prev.trigger.pos == "noun"
                and top_key(prev.trigger.type) in ACT_TOPS
                and not prev.folded
                and _DEFINITE_ACT_BEFORE.search(text, max(0, prev.start - 12), prev.start)
                and _PASSIVE_CLAIM_GAP.fullmatch(text, prev.end, start)
            ):
                # "The assault on the detachment in Djibo ... was claimed by JNIM": the act
                # told before, named as what is claimed, is no new act
                cands[-1] = _Candidate(
                    start, end, trig, text[start:end], [(prev.start, prev.end, prev.trigger)]
                )
                continue
            if (
                prev is not None
                and prev.trigger.pos == "noun"
                and top_key(prev.trigger.type) in ACT_TOPS
                and _CAUSED_FIRE.match(text, prev.end)
                and _CAUSED_FIRE.match(text, prev.end).end() >= end
            ):
                # "A Ukrainian drone attack set fire to an oil refinery": the fire is what
                # the attack did, not an arson of its own
                self._fold_into(
                    cands, (prev.start, prev.end, prev.trigger), (start, end, trig), text
                )
                continue
            prev = cands[-1] if cands else None
            if (
                prev is not None
                and prev.denied
                and prev.trigger.outcome
                and top_key(trig.type) in ACT_TOPS
                and _SAYING.search(text, prev.end, start)
            ):
                continue  # "denied ... had killed anyone, saying they had repelled an attack"
            if prev is not None:
                same_clause = not _CLAUSE_BREAK.search(text, prev.end, start)
                ptop, ttop = top_key(prev.trigger.type), top_key(trig.type)
                if (
                    prev.trigger.type in ("claim_of_responsibility", "accusation")
                    and ttop in ACT_TOPS
                    # (", where a police vehicle was struck on Friday": a new act)
                    and not _NEW_CLAUSE.search(text, prev.end, start)
                ):
                    prev.folded.append((start, end, trig))  # "claimed the attack"
                    continue
                if (
                    prev.trigger.type == "denial"
                    and ttop in ACT_TOPS | {"killing", "arrest"}
                    and same_clause
                    and prev.text.lower().startswith("den")
                    and _DENIED_OWN_ACT.fullmatch(text, prev.end, start)
                    # ("denied that the group's forces had targeted civilians": a charge of
                    # conduct denied, not one act; the denial is the news)
                    and not _TARGETING_CIVILIANS.match(text, start)
                ):
                    # "denied that its forces had shelled ...", "denied a report that they
                    # had detained 20 men": the speaker's own act, negated, is the news
                    cands[-1] = _Candidate(start, end, trig, text[start:end], prev.folded)
                    cands[-1].denied = True
                    cands[-1].denial_at = prev.start
                    continue
                if prev.trigger.type == "denial" and ttop in ACT_TOPS | {"killing"} and same_clause:
                    between = text[prev.end : start]
                    if _NEW_REPORT.search(between):
                        # "denied the claim ... and said that Azerbaijani forces had fired":
                        # the denial, and a second act told as the speaker's own account
                        cands.append(_Candidate(start, end, trig, text[start:end]))
                        continue
                    if (
                        re.match(
                            r"\s+(?:that|claims|reports|any|responsibility|involvement)\b", between
                        )
                        or _SAYING.search(between)
                        # "denied the group was behind the strike", "denied it was responsible
                        # for the bombing": involvement denied, a denial (as "denied
                        # involvement"), not the act negated
                        or _DENIED_INVOLVEMENT.match(between)
                        or prev.text.lower().startswith(("not ", "played"))
                        # "denied targeting civilians": a way of acting denied, not one act
                        or (text[start:end].lower() == "targeting" and not between.strip())
                    ):
                        # ("denied the claim, saying fighting was ongoing": the reason)
                        # "denied that the camp had been overrun": the denial is the news.
                        prev.folded.append((start, end, trig))
                    else:
                        # "denied carrying out the strike": the act, negated, is the news.
                        cands[-1] = _Candidate(start, end, trig, text[start:end], prev.folded)
                        cands[-1].denied = True
                        cands[-1].denial_at = prev.start
                    continue
                if (
                    ptop == ttop == "statement"
                    and trig.pos == "verb"
                    and trig.type != prev.trigger.type
                    # (an appeal after a condemnation, "... and called on", is its tail)
                    and trig.type != "statement"
                    and _SECOND_SPEECH.search(text, prev.end, start)
                    # ("has repeatedly accused X of ..., which X denies": a standing
                    # charge and its standing denial, background not news)
                    and not _PERFECT_BEFORE.search(text, max(0, prev.start - 30), prev.start)
                ):
                    # "denied involvement ... and accused the army of staging the attack",
                    # "..., a charge the militia denied": a second speech act of its own
                    cands.append(_Candidate(start, end, trig, text[start:end]))
                    continue
                if ttop in ACT_TOPS and (
                    _RESPONDED_WITH.search(text, prev.end, start)
                    or text[start:end].lower().startswith(("responded", "retaliated", "hit back"))
                ):
                    # "fired rockets at Israel, and Israel responded with artillery fire":
                    # the response is the other side's act, not more of the first
                    cands.append(_Candidate(start, end, trig, text[start:end]))
                    continue
                if ptop == ttop and (same_clause or prev.trigger.weak or trig.weak):
                    # (A trigger in another clause only adds to the act: "an attack ...,
                    # the latest in a string of assaults" is still the attack.)
                    if (
                        _specificity(trig) > _specificity(prev.trigger)
                        and (same_clause or prev.trigger.weak)
                        # ("signed an agreement under which they will share intelligence":
                        # what the deal provides for is to come; the signing is the news)
                        and not _FUTURE.search(text[max(0, start - 60) : start].lower())
                    ):
                        cands[-1] = _Candidate(
                            start,
                            end,
                            trig,
                            text[start:end],
                            prev.folded + [(prev.start, prev.end, prev.trigger)],
                        )
                    else:
                        prev.folded.append((start, end, trig))
                    continue
            cands.append(_Candidate(start, end, trig, text[start:end]))
        for c in cands:
            c.repel_at = repelled.get(c.start, -1)
        return cands

    @staticmethod
    def _fold_into(
        cands: list[_Candidate], host: tuple[int, int, Trigger], item, text: str
    ) -> None:
        for c in cands:
            if c.start <= host[0] < c.end or any(f[0] == host[0] for f in c.folded):
                c.folded.append(item)
                return
        # The host comes later in the sentence: remember the outcome until it is made.
        cands.append(_Candidate(host[0], host[1], host[2], text[host[0] : host[1]], [item]))

    def _refine_type(self, trig: Trigger, text: str, cand: _Candidate) -> str:
        """Make a generic trigger ("strike", "attack", "hit") as specific as its clause allows."""
        key = trig.type
        if key == "shelling" and "drone" in text.lower():
            start, end = _clause(text, cand.start, cand.end)
            if _DRONES_AND_MISSILES.search(text, max(0, start - 20), end):
                # "a combined drone and missile strike", "pounded the city with drones and
                # missiles": a mixed raid is counted as a drone strike, as monitors do
                return "drone_strike"
        if key == "other" and _CAPTURED_AFTER_FIGHTING.match(text, cand.end):
            # "captured the town on Sunday after two days of fighting with the army": the
            # town changed hands in a battle (ACLED: a battle in which territory is taken)
            return "armed_clash"
        if key == "bombing" and "drone" in text.lower():
            start, end = _clause(text, cand.start, cand.end)
            if _DRONE_CARRYING.search(text, max(0, start - 60), end):
                # "used drones carrying small bombs to attack the police station": the bombs
                # came from the drones, a drone strike
                return "drone_strike"
        if key not in ("air_or_drone_strike", "attack"):
            return key
        start, end = _clause(text, cand.start, cand.end)
        window = text[max(0, start - 20) : end].lower()
        if key == "attack" and _CYBER.search(window):
            return "other"  # "attacks that knocked the websites of ministries offline"
        if "projectile" in window and _UNKNOWN_PROJECTILE.search(window):
            # "struck by an unknown projectile": a maritime agency's word for a weapon it
            # cannot name; an attack of unknown kind, not an air strike
            return "attack"
        if re.search(r"\b(drones?|uavs?|unmanned)\b(?! boats?| ships?| vessels?)", window):
            return "drone_strike"
        if re.search(
            # ("evacuated to Goma by helicopter": transport, not a weapon)
            r"\b(warplanes?|jets?|aircraft|air force|(?<!by )helicopters?|aerial|air ?strikes?|"
            # (glide and guided bombs are dropped from aircraft: an air strike, not a bombing)
            r"bombers?|glide bombs?|guided bombs?|kabs?)\b",
            window,
        ):
            return "airstrike"
        if re.search(r"\b(missiles?|rockets?|artillery|shells?|mortars?|howitzers?)\b", window):
            return "shelling"
        if re.search(
            r"\b(bombs?|explosives?(?!-laden (?:drone )?boats?)|ieds?|suicide bomber)\b", window
        ):
            return "bombing"
        if re.search(
            r"\b(gunmen|gunfire|opened fire|shot|rifles?|ambush|guns|machetes?|knives|"
            r"firearms|small arms|automatic weapons)\b",
            window,
        ):
            return "armed_assault"
        if re.search(
            # ("Gang members attacked the neighbourhood", "bandits raided the town")
            r"\b(?:fighters|militants|insurgents|rebels|jihadists|attackers|gang members|gangs?|"
            r"bandits|militiamen)\b",
            window,
        ) and re.search(
            r"\b(?:base|checkpoint|check post|post|outpost|position|camp|barracks|garrison|"
            r"police station)s?\b"
            # (a village "attacked" or "raided"; "burned homes in the village" stays an attack)
            + (
                r"|\b(?:village|hamlet|neighbou?rhood)s?\b"
                if cand.text.lower().startswith(("attack", "raid"))
                else ""
            ),
            window,
        ):
            # "ISWAP fighters attacked a military base", "rebels attacked a village": with
            # no weapon named, a ground assault on a post or a settlement
            return "armed_assault"
        return key

    def _roles(
        self,
        text: str,
        cand: _Candidate,
        actors: list[_Actor],
        key: str,
        co_agents: bool = True,
    ) -> tuple[list[_Actor], list[_Actor], list[_Actor]]:
        top = top_key(key)
        # "was not merely a local commander but ...", "rather than the army": the phrase
        # names who was not involved.
        actors = [a for a in actors if not _CONTRASTED.search(text, max(0, a.start - 40), a.start)]
        if not actors:
            return [], [], []
        if co_agents and top not in ("cooperation_or_agreement", "armed_clash", "statement"):
            partners = _co_agents(text, actors, cand.start)
            if partners:
                # "arrested two men in coordination with Iraqi intelligence", "the army,
                # backed by Ugandan troops, killed ...": who helped act is on the doer's
                # side, never hit by the act (and never the nearest subject of the verb).
                rest = [a for a in actors if all(a is not p for p, _ in partners)]
                agents, targets, others = self._roles(text, cand, rest, key, co_agents=False)
                # Forces that fought or raided with the doer ("backed by", "jointly with")
                # did it too; a party it acted "in coordination with" or "with the support
                # of" took part without being said to have done it.
                # (unnamed "militants" beside a named group add no one)
                helpers = [a for a, how in partners if how == "agent" and not a.ref.unidentified]
                aides = [
                    a for a, how in partners if how == "participant" and not a.ref.unidentified
                ]
                if top in ACT_TOPS:
                    helpers = [self._as_military(a) for a in helpers]
                if agents and all(a.ref.unidentified for a in agents):
                    # ("its troops, backed by Ugandan soldiers, caught up with a group of
                    # the attackers and killed nine": with only unnamed men before the verb
                    # the doer was not found, and the partner would stand in its place)
                    helpers = []
                ids = {a.ref.id for a, _ in partners}
                targets = [t for t in targets if t.ref.id not in ids]
                named = {a.ref.id for a in agents}
                agents = _unique(agents + [h for h in helpers if h.ref.id not in named])
                named |= {a.ref.id for a in agents}
                others = _unique(others + [h for h in aides if h.ref.id not in named])
                return agents, targets, others
        if cand.repel_at >= 0:
            return self._repelled_roles(text, cand, actors)
        clause_start, clause_end = _clause(text, cand.start, cand.end)
        tail = _said_tail_start(text)
        # (whom the closing report names, ", the governor said, blaming al-Shabaab", is
        # the speaker's, not the act's: see the victims of folded outcomes below)
        victims_end = tail if tail is not None and cand.end <= tail else len(text)
        hung = _PARTICIPLE_CLAUSE.search(text, cand.end, victims_end)
        if hung is not None:
            victims_end = hung.start()  # ", accusing them of spying for the army"
        if cand.denied and cand.trigger.outcome:
            # "denied the rebels had killed civilians, saying the group had repelled an
            # attack by X": the speaker's reason names others, not the denied act's
            saying = _SAYING.search(text, cand.end, clause_end)
            if saying is not None:
                clause_end = victims_end = saying.start()
        if tail is not None and cand.end <= tail < clause_end:
            # "..., a Taliban spokesman said, accusing Islamabad of ...": the report ends
            # the act's clause; whom the speaker names after it is not in the act.
            clause_end = tail
        if top in ("cooperation_or_agreement", "armed_clash") or key in ("protest", "riot"):
            # Every side of a clash, an agreement or a protest is one of those who did it.
            sides = [
                a
                for a in actors
                if clause_start <= a.start < clause_end
                and not a.ref.unidentified
                # (the people caught up in a clash are not one of its sides)
                and not (top == "armed_clash" and a.ref.kind == "civilians")
            ]
            if top == "cooperation_or_agreement":
                # "agreed to share intelligence on Islamic State cells", "to coordinate
                # against smuggling networks": whom the deal is about is not a party to it
                # (nor, as the corpora annotate deals, one hit by it)
                about = _subject_matter(text, sides)
                if about and len(about) < len(sides):
                    sides = [a for a in sides if all(a is not b for b in about)]
            if key in ("protest", "riot") and any(a.ref.kind not in _STATE_FORCES for a in sides):
                # "troops opened fire on protesters": the forces met the protest, they did
                # not protest.
                sides = [a for a in sides if a.ref.kind not in _STATE_FORCES]
            return _unique(sides or actors), [], []
        # "Gunmen killed 12 villagers in an attack": an outcome verb before the act is
        # where the agent and the victims stand.
        lead = min(
            [
                (fs, fe)
                for fs, fe, ft in cand.folded
                if ft.outcome and ft.pos == "verb" and fs < cand.start
            ],
            default=None,
        )
        if lead is None and cand.trigger.pos == "noun":
            # "Militants attacked an army patrol with a roadside bomb": the weapon names the
            # act, the verb before it is where the doer and the target stand
            lead = max(
                [
                    (fs, fe)
                    for fs, fe, ft in cand.folded
                    if ft.pos == "verb"
                    and not ft.outcome
                    and fe <= cand.start
                    and _INSTRUMENT_BEFORE.search(text, fe, cand.start)
                ],
                default=None,
            )
            if lead is None and _INSTRUMENT_BEFORE.search(text, clause_start, cand.start):
                # ("struck an army patrol with a roadside bomb": a verb of hitting that
                # the lexicon leaves out for its other senses, "struck a deal")
                hits = list(_HIT_VERB.finditer(text, clause_start, cand.start))
                if hits:
                    lead = (hits[-1].start(), hits[-1].end())
        anchor_start, anchor_end = lead if lead else (cand.start, cand.end)
        if lead:
            clause_start = _clause(text, anchor_start, anchor_end)[0]
        before = [a for a in actors if a.end <= anchor_start and a.start >= clause_start]
        low = _lower(text)
        object_end = clause_end
        # "detained a woman who was passing information to Russian intelligence", "accused
        # Moscow of shelling the town": what follows the object is about the object (or the
        # accusation's content), not the act's own participants.
        cut = (_ACCUSED_OF if key == "accusation" else _OBJECT_CLAUSE).search(
            low, anchor_end, clause_end
        )
        if cut is not None:
            object_end = cut.start()
        if hung is not None:
            object_end = min(object_end, hung.start())
        after = [
            a
            for a in actors
            if a.start >= anchor_end
            and (
                a.start < object_end
                # "detained two men on charges of collecting payments for the Islamic
                # State": the group they are suspected of serving is who was hit.
                or (
                    key == "arrest"
                    and a.start < clause_end
                    and (a.ref.kind == "armed_group" or a.ref.affiliation)
                )
            )
        ]
        inside = [a for a in actors if a.start < cand.end and a.end > cand.start and not a.generic]
        lead_in = max(0, anchor_start - 160)
        came_under = cand.text.lower().startswith(("came under", "surrendered"))
        passive = (
            came_under
            or bool(_PASSIVE_BEFORE.search(low[lead_in:anchor_start]))
            # "a police vehicle was struck by a bomb": the noun after "by" is the act
            or (
                " by " in low[max(0, anchor_start - 30) : anchor_start]
                and bool(_PASSIVE_BY_NOUN.search(low, lead_in, anchor_start))
            )
            or bool(_BY_AFTER.match(low, anchor_end))
            # "the number of people killed in the strike": a participle right after its
            # noun is a passive (a reduced relative clause)
            or bool(
                lead
                and before
                and not low[before[-1].end : anchor_start].strip()
                and _REDUCED_RELATIVE.match(low, anchor_end)
            )
        )
        agents: list[_Actor] = []
        targets: list[_Actor] = []
        speaker = _SAID_IT.search(low, lead_in, anchor_start)
        if speaker and not passive:
            # "The army said it had arrested ...": the speaker did it.
            said_by = [a for a in actors if a.end <= speaker.start() and not a.ref.unidentified]
            if said_by:
                doer = said_by[-1]
                if _ITS_FORCES.search(low, speaker.start(), speaker.end()):
                    # "the defence ministry said its forces had captured ...": the state's
                    # military did it, not the ministry that reported it
                    doer = self._as_military(doer, ministries=True)
                agents.append(doer)
                before = [a for a in before if a.start >= speaker.end()]
        if (
            top == "statement"
            and cand.trigger.pos == "verb"
            and low[max(0, anchor_start - 6) : anchor_start].rstrip().endswith(" and")
        ):
            # "The army said it had struck RSF positions and accused the paramilitary of
            # ...": the second verb is the first one's, spoken by the sentence's subject
            first = _FIRST_SAID.search(low, 0, anchor_start)
            if first is not None:
                subject = [
                    a
                    for a in actors
                    if a.end <= first.start() and not a.generic and not a.ref.unidentified
                ]
                if subject:
                    before = subject[-1:]
        attributed = "attributed to" in low or "blamed on" in low
        if top != "statement" and before and "said" not in cand.text.lower():
            # "The SDF said the strike had hit ...": who reports is not who acted.
            reported = None
            for found in _REPORTING.finditer(low, before[-1].end, anchor_start):
                reported = found  # the last report before the act
            if reported is not None and not _SPEAKER_PRONOUN.match(low, reported.end()):
                before = [a for a in before if a.start >= reported.end()]
            elif reported is not None and low[: reported.start()].rstrip().endswith(" and"):
                # "Moscow accused Kyiv of ... and said its forces had captured": the
                # speaker is the subject of the sentence, not the actor named last.
                before = before[:1]
            # ("The army said it had also sent ...": "it" is the speaker, who did it.)
        by_agents = [
            a
            for a in after
            if (_BY_BEFORE.search(low[: a.start]) and not _by_other_verb(text, a.start))
            # "a drone attack attributed to the militants": who is said to have done it
            or (attributed and _ATTRIBUTED_TO.search(low, max(0, a.start - 40), a.start))
            # "came under fire from militants", "surrendered to security forces"
            or (
                came_under
                and low[max(0, a.start - 9) : a.start].rstrip().endswith(("from", "to", "the"))
            )
        ]
        if inside:
            agents += inside
        if cand.trigger.pos == "noun" and ", in which " in low and not agents:
            # "Monday's attack on a post, in which separatist fighters killed seven
            # soldiers": the subject of the relative clause did the act the noun names.
            doer = _relative_doer(low, cand.end, clause_end, after)
            if doer is not None:
                agents.append(doer)
                after = [a for a in after if a is not doer]
        act_clause = (
            _SUBORDINATE_ACT.search(low, anchor_end, cand.start) if lead and passive else None
        )
        if act_clause is not None and not (
            _PASSIVE_BEFORE.search(low[max(0, cand.start - 40) : cand.start])
            or _BY_AFTER.match(low, cand.end)
        ):
            # "Two guards were killed when gunmen attacked a checkpoint": the passive
            # subject are the victims; the act's own clause is active, its subject did it.
            doers = [a for a in actors if a.start >= act_clause.end() and a.end <= cand.start]
            if doers and not agents:
                agents.append(doers[-1])
                if len(doers) > 1 and re.fullmatch(
                    r"\s*(,|and|&)\s*", text[doers[-2].end : doers[-1].start]
                ):
                    agents.insert(0, doers[-2])
            elif not doers:
                agents += by_agents  # "when a drone launched by the Houthis struck"
            targets += [a for a in before if a not in agents][-2:]
            targets += [
                a
                for a in actors
                if cand.end <= a.start < clause_end and a not in agents and a not in by_agents
            ][:2]
        elif passive:
            agents += by_agents
            targets += [a for a in before if a not in agents][-2:]
            targets += [a for a in after if a not in by_agents][:2]
        else:
            if by_agents:
                agents += by_agents
            elif before:
                # The nearest actor before the verb, and one coordinated with it.
                last = before[-1]
                agents.append(last)
                if len(before) > 1 and re.fullmatch(
                    r"\s*(,|and|&)\s*", text[before[-2].end : last.start]
                ):
                    agents.insert(0, before[-2])
            targets += [a for a in after if a not in agents][:3]
        if cand.trigger.pos == "noun":
            # "the Russian missile strike": the word before the act noun says whose it is
            modifiers = [t for t in targets if t.end <= cand.start and cand.start - t.end <= 1]
            targets = [t for t in targets if t not in modifiers]
            if not agents:
                agents += [m for m in modifiers if not m.generic]
        if top == "statement":
            if key == "claim_of_responsibility":
                # "claimed responsibility for an attack on a Frontier Corps convoy": who
                # was hit by the act the claim names
                acts = [fe for _, fe, ft in cand.folded if top_key(ft.type) in ACT_TOPS]
                return agents, [a for a in targets if acts and a.start >= min(acts)], []
            return agents, [a for a in targets if key in ("accusation", "threat")], []
        if key == "arrest" and passive and not agents:
            # "Police said 37 people had been arrested": the police or forces reporting a
            # passive arrest made it (the speaker is no target of it)
            said = _POLICE_SAID.search(low, 0, anchor_start)
            if said is not None:
                speakers = [a for a in targets if a.end <= said.end()]
                if speakers:
                    agents = speakers[-1:]
                    targets = [a for a in targets if a not in agents]
        if top == "deployment_or_mobilization":
            if passive and not agents:
                # "a joint team of police and soldiers had been deployed": who was sent
                agents = [a for a in before if a.ref.kind != "civilians"][-2:]
            return agents, [], []
        # Victims of a folded outcome ("killing two IS commanders") are targets too.
        for _fs, fe, _ in cand.folded:
            targets += [
                a
                for a in actors
                if fe <= a.start < min(fe + 80, victims_end)
                and a not in agents
                and a not in targets
            ][:2]
        if top in ACT_TOPS:
            agents = [self._as_military(a) for a in agents]
        targets = [t for t in targets if t not in agents]
        groups_of_people = {t.ref.affiliation for t in targets if t.ref.affiliation}
        targets = [t for t in targets if t.ref.id not in groups_of_people]
        return _unique(agents), _unique(targets), []

    def _repelled_roles(
        self, text: str, cand: _Candidate, actors: list[_Actor]
    ) -> tuple[list[_Actor], list[_Actor], list[_Actor]]:
        """Roles of an attack that was fought off: "the army repelled an attack by X".

        The attackers are after "by" or modify the noun ("an RSF attack", "a militant
        attack"), or come first when the attack is told before ("X attacked the base but
        were repelled"); the side that repelled it was its target.
        """
        low = _lower(text)
        lo, hi = sorted((cand.repel_at, cand.start))
        clause_start, clause_end = _clause(text, lo, hi)
        by = [
            a
            for a in actors
            if cand.end <= a.start < clause_end
            and _BY_BEFORE.search(low, max(0, a.start - 30), a.start)
        ][:1]
        if cand.repel_at < cand.start:
            inner = [a for a in actors if cand.repel_at < a.start and a.end <= cand.start]
            outer = [a for a in actors if clause_start <= a.start and a.end <= cand.repel_at]
            agents, targets = by or inner, outer[-1:]
        else:
            outer = [a for a in actors if clause_start <= a.start and a.end <= cand.start]
            agents, targets = by or outer[-1:], []
        return _unique(agents), _unique([self._as_military(a) for a in targets]), []

    def _country_of_unknown_places(self, events: list[Event]) -> list[Event]:
        """Give an event located in a place the gazetteer lacks the country of its story.

        "on the outskirts of Aitaroun": a village too small for the gazetteer is still in
        the country the story is about here, which is the country of the nearest event
        told before it (after it, for the first) that has a place: a round-up moves from
        country to country paragraph by paragraph. A group or government of another
        country taking part says the story has moved on (a state's forces act abroad, so
        they do not). An event whose sentence names no place at all keeps none.
        """
        located = [ev for ev in events if ev.places]
        if (not located and not self._heading_scopes) or len(located) == len(events):
            return events
        # A story whose located events all lie in one region (a local paper's district)
        # places its unknown villages in that region too.
        regions = {p.id for ev in located for p in ev.places if p.level == "region"}
        region = self.gazetteer.get(next(iter(regions))) if len(regions) == 1 else None
        if region is not None and not all(
            any(p.id == region.id for p in ev.places) for ev in located
        ):
            region = None
        for i, ev in enumerate(events):
            if ev.places or not _UNKNOWN_PLACE.search(ev.mention.text):
                continue
            near = next((p for p in reversed(events[:i]) if p.places), None) or next(
                (p for p in events[i + 1 :] if p.places), None
            )
            cc = next((p.country for p in (near.places if near else []) if p.country), None)
            scope = self._heading_country_at(ev.mention.start) if self._heading_scopes else None
            if scope is not None:
                cc = scope[0]
            if cc is None:
                continue
            if any(
                a.country and a.country != cc and a.kind not in ("state_military", "civilians")
                for a in ev.actors
            ):
                continue
            country = self.gazetteer.country(cc)
            if country is not None:
                ev.places = [country]
                heading_region = (
                    self.gazetteer.get(scope[1]) if scope is not None and scope[1] else None
                )
                if heading_region is not None:
                    ev.places = [heading_region, country]
                elif region is not None and region.country == cc:
                    ev.places = [region, country]
        return events

    def _affiliate_named_before(self, article: Article, offset: int, actor: _Actor) -> _Actor:
        """For "the X-linked group": the group named before that belongs to X, else `actor`."""
        if not _AFFILIATE_REF.search(actor.text or ""):
            return actor
        group = self._group_named_before(article, offset)
        if group is None or group.ref.id == actor.ref.id:
            return actor
        canonical = self.actors.get(group.ref.id)
        if canonical is None or canonical.parent != actor.ref.id:
            return actor
        return _Actor(actor.start, actor.end, actor.text, group.ref, actor.source, actor.generic)

    def _group_named_before(self, article: Article, offset: int) -> _Actor | None:
        """The armed group last named in the body before `offset` (for "the group")."""
        for m in reversed(self.actors.find(article.text[: max(0, offset)])):
            actor = m.actor
            if actor.kind == "person" and getattr(actor, "parent", None):
                # "fighters of JNIM", "an ISWAP commander": the group they belong to
                parent = self.actors.get(actor.parent)
                if parent is not None and parent.kind == "armed_group":
                    actor = parent
            if actor.kind == "armed_group" and not m.unidentified:
                ref = ActorRef(
                    id=actor.key,
                    name=actor.label,
                    kind=actor.kind,
                    country=actor.country,
                    text=m.text,
                )
                return _Actor(m.start, m.end, m.text, ref)
        return None

    def _facility_target(self, text: str, cand: _Candidate) -> list[_Actor]:
        """The buildings, sites or vessels an act hit, named right after its verb or noun.

        "hit the railway station", "fired missiles at a cargo ship", "a strike on an oil
        depot", "set fire to two villages". A vehicle is not one: news names the people in
        it ("a drone struck a car, killing two men"), and a named place ("the village of
        X") is where the act happened, not what it hit.
        """
        low = _lower(text)
        ends = [cand.end] + [
            fe for fs, fe, ft in cand.folded if not ft.outcome and top_key(ft.type) in ACT_TOPS
        ]
        for end in ends:
            m = _FACILITY_NP.match(low, end)
            if m is None or (
                _NAMED_PLACE_AFTER.match(text, m.end()) and _SETTLEMENT_HEAD.search(m.group("np"))
            ):
                continue
            if m.group("det") is None and not text[m.start("np")].isupper():
                continue  # without a determiner only a name: "targeted Ben Gurion airport"
            if _NAMED_SETTLEMENT.search(text, m.start("np"), m.end("np")):
                continue  # "a raid on Gidan Boka village": a place, where it happened
            s, e = m.start("np"), m.end("np")
            named_end = self._place_name_from(text, e)
            if named_end is not None:
                # "a strike on Port Sudan airport", "attacked Port Harcourt": the head word
                # begins a place's name; the site is the facility after the name, if any
                after = _FACILITY_AFTER_NAME.match(low, named_end)
                if after is None:
                    continue
                e = after.end()
            found = [self._facility(text, s, e)]
            # "struck a fuel depot and the city's airport", "hit a gas station and damaged
            # a kindergarten": a second site hit by the same act
            more = _AND_FACILITY.match(low, e)
            if more is not None and more.group("det") is not None:
                found.append(self._facility(text, more.start("np"), more.end("np")))
            return found
        if (
            "was " in low[max(0, cand.start - 12) : cand.start]
            or "were " in low[max(0, cand.start - 12) : cand.start]
        ):
            # "The Liberian-flagged bulk carrier Aegean Crest was struck by a missile": the
            # vessel told as the subject of a passive is what was hit
            m = _VESSEL_SUBJECT.search(text, max(0, cand.start - 120), cand.start)
            if m is not None:
                return [self._facility(text, m.start("np"), m.end("np"))]
        return []

    def _place_name_from(self, text: str, end: int) -> int | None:
        """Where a place's name ends when the capitalised word before `end` begins it.

        "Port" in "Port Sudan", "Fort" in "Fort Portal": a facility word that is the first
        word of a multi-word place name (one or two capitalised words follow it).
        """
        word = re.search(r"[\w'’-]+$", text[:end])
        if word is None or not word.group()[:1].isupper():
            return None
        following = re.match(r"(?:[ -][A-Z][\w'’-]*){1,2}", text[end:])
        if following is None:
            return None
        parts = re.findall(r"[ -][A-Z][\w'’-]*", following.group())
        for n in range(len(parts), 0, -1):
            name_end = end + sum(len(x) for x in parts[:n])
            if self.gazetteer.lookup(text[word.start() : name_end]) is not None:
                return name_end
        return None

    def _facility(self, text: str, s: int, e: int) -> _Actor:
        phrase = text[s:e]
        label = _FACILITY_DET.sub("", phrase)
        actor = self.actors.mint(label, kind="organization")
        ref = ActorRef(id=actor.key, name=actor.label, kind=actor.kind, text=phrase)
        return _Actor(s, e, phrase, ref, generic=True)

    def _negated(self, text: str, cand: _Candidate) -> bool:
        low = _lower(text)
        before = low[max(0, cand.start - 60) : cand.start]
        if cand.trigger.outcome and _NO_VICTIM.search(before):
            return True  # "no civilians were hurt", "nobody had been killed"
        if low.find("neither ", 0, cand.start) != -1 and _NEITHER_NOR.search(low, 0, cand.start):
            return True  # "Neither the government nor the US military has claimed the strike"
        neg = _NEG_BEFORE.search(before)
        if neg is None or cand.trigger.type == "denial":
            return False
        if "," in neg.group(0) and _RELATIVE_OPEN.search(before, 0, neg.start()):
            # "The drone, whose origin was not known, hit the car": the negation is the
            # relative clause's, closed by the comma before the act
            return False
        # ("denied the claim, saying fighting was ongoing": the reason is asserted)
        return not (", " in neg.group(0) and _SAYING.search(neg.group(0)))

    def _hedge_near(self, text: str, cand: _Candidate) -> bool:
        start, end = _clause(text, cand.start, cand.end)
        low = _lower(text)
        about = _RELATIVE_ABOUT.search(low, cand.end, end) or _OBJECT_CLAUSE.search(
            low, cand.end, end
        )
        if about is not None:
            # "detained a woman who was allegedly passing information": the hedge is on
            # what the relative clause says of her, not on the detention.
            end = about.start()
        return bool(_HEDGE.search(low[max(0, start - 40) : end])) or bool(
            _HEDGE.search(low[:start])
        )

    def _date_for(
        self, text: str, cand: _Candidate, dates: list, article: Article, key: str | None = None
    ) -> TimeSpan:
        """The date of a candidate's event (`key`: its type, when refined from the trigger's)."""
        usable = [(s, e, span) for s, e, span in dates if span.value]
        said_on_day: TimeSpan | None = None
        if cand.denied:
            # "X on Thursday denied carrying out a strike": the day of the denial, not of
            # an act that (X says) did not happen.
            usable = [d for d in usable if d[0] > cand.denial_at]
        if usable and top_key(key or cand.trigger.type) == "statement":
            # "condemned Saturday's bombing", "claimed responsibility for Friday's attack":
            # the day of what the speaker speaks of, not of the speech
            usable = [
                d for d in usable if not (d[0] > cand.start and text.startswith(("'s", "’s"), d[1]))
            ]
        if usable and top_key(key or cand.trigger.type) != "statement":
            # A date right after a reporting verb is the day of the report. After the act
            # ("X happened, the ministry said on Sunday") it never dates the act; before it
            # ("X said on Sunday it had done Y") it does only when nothing else does.
            said = [bool(_SAID_DATE.search(text, max(0, d[0] - 40), d[0])) for d in usable]
            low = _lower(text)
            other = [
                d
                for d, by in zip(usable, said, strict=True)
                if not by
                # "... a search that was still under way on Wednesday": that clause's day
                and not (d[0] > cand.end and _RELATIVE_CLAUSE.search(low, cand.end, d[0]))
            ]
            leading = [d for d, by in zip(usable, said, strict=True) if by and d[0] < cand.start]
            if leading and leading[-1][2].precision == "day":
                said_on_day = leading[-1][2]
            if not other and leading:
                # "The army said on Tuesday it had repelled an attack": the act was over by
                # the day of the report and the text gives it no day of its own; like an
                # event dated only by its article, it lies in the days before the report.
                said_on = leading[-1][2]
                return TimeSpan(text=said_on.text, basis="publication", latest=said_on.latest)
            usable = other
        if usable and article.published:
            # "vowed to rid the country of the insurgency by March 2026": a deadline, not
            # the day of anything that has happened
            usable = [
                d for d in usable if not (d[2].earliest and d[2].earliest > article.published)
            ]
        if usable:
            s, e, span = min(usable, key=lambda d: abs(d[0] - cand.start))
            if span.text and span.text.lower() in _NIGHT_WORDS and len(usable) > 1:
                # "killed three men in an overnight raid ... on Sunday night": the clause's
                # own day says which night; "overnight" alone is the publication day's
                lo, hi = _clause(text, cand.start, cand.end)
                days = [
                    d
                    for d in usable
                    if d[2].precision == "day"
                    and lo <= d[0] < hi
                    and (d[2].text or "").lower() not in _NIGHT_WORDS
                ]
                if days:
                    return min(days, key=lambda d: abs(d[0] - cand.start))[2]
            if span.text and span.text.lower() in _NIGHT_WORDS and said_on_day is not None:
                # "the ministry said on Monday that ... overnight": the night before that day
                return said_on_day
            return span
        if _PAST_PERFECT.search(_lower(text)):
            return TimeSpan(basis="unknown", latest=article.published)
        if article.published:
            return TimeSpan(basis="publication", latest=article.published)
        # No publication date to count from: "in early July" cannot be placed in a year,
        # but the text's own words are kept (the reader sees when, as the text says it).
        unresolved = [(s, span) for s, _, span in dates if span.text and not span.value]
        if unresolved:
            _, span = min(unresolved, key=lambda d: abs(d[0] - cand.start))
            return TimeSpan(text=span.text, basis="unknown")
        return TimeSpan(basis="unknown")

    def _quantities(self, text: str) -> dict[str, int]:
        """Stated counts of killed, injured and arrested people.

        "killed 12" (verb first) is the surest reading; "12 soldiers were killed" is used
        when no verb-first count is given for that key.
        """
        cached = self._q_cache.get(text)
        if cached is not None:
            return dict(cached)
        out: dict[str, int] = {}
        low = _lower(text)
        for key, stems, patterns in _Q_RULES:
            if not stems.search(low):
                continue  # none of the key's verbs: none of its patterns can match
            for pattern, verb_first in patterns:
                if not verb_first and key in out and out.get("_v_" + key):
                    continue
                m = pattern.search(low)
                while m is not None:
                    value = _number(m.group(1))
                    if value is not None and _date_part(low, m.start(1), m.end(1)):
                        # "on 20 November it had captured": a day, not a count (the
                        # words after it are searched again: "2026 (ABP) - Four soldiers")
                        m = pattern.search(low, m.end(1))
                        continue
                    nxt = m.end()
                    if value is not None and 0 < value < 100_000:
                        out[key] = max(out.get(key, 0), value)
                        if verb_first:
                            out["_v_" + key] = 1
                    m = pattern.search(low, nxt)
            if out.get("_v_" + key) and " and " in low:
                for m in _Q_BOTH_V[key].finditer(low):
                    first = _number(m.group(1))
                    second = 1 if m.group(3) else _number(m.group(2))
                    if first and second and first + second < 100_000:
                        out[key] = max(out.get(key, 0), first + second)
            if not out.get("_v_" + key) and " and " in low:
                for m in _Q_BOTH[key].finditer(low):
                    if _BREAKDOWN_BEFORE.search(low, max(0, m.start() - 16), m.start()):
                        continue  # "among them 12 children ..., and 30 others": a part
                    first, second = _number(m.group(1)), _number(m.group(2))
                    if first and second and first + second < 100_000:
                        out[key] = max(out.get(key, 0), first + second)
        if "crew" in low and "abducted" not in out:
            # "seized a cargo ship and its 19 crew members": the crew taken with the vessel
            m = _CREW_TAKEN.search(low)
            if m is not None:
                value = _number(m.group(1))
                if value is not None and 0 < value < 10_000:
                    out["abducted"] = value
        if "deploy" in low or "sent" in low or "send" in low or "dispatch" in low:
            # "deployed 300 additional soldiers", "the deployment of 1,500 police officers"
            m = _Q_DEPLOYED.search(low)
            if m is not None:
                value = _number(m.group(1))
                if value is not None and 0 < value < 1_000_000:
                    out["deployed"] = value
        result = {k: v for k, v in out.items() if not k.startswith("_v_")}
        self._q_cache = {text: result}  # one sentence at a time: keep only the last
        return dict(result)

    def _merge_anaphora(
        self,
        text: str,
        new: list[Event],
        previous: list[Event],
        hedged: bool,
        anaphors,
        denied: frozenset[str] = frozenset(),
    ) -> list[Event]:
        """Fold a definite reference ("the attack") into the event it points back to.

        The referent is the latest earlier event of a fitting type, preferring one
        whose targets the reference shares (by actor or affiliation).
        """
        if not anaphors or not previous:
            return new
        spans = [m.group(0).lower() for m in anaphors]
        words = [m.group(1).lower() for m in anaphors]
        low = _lower(text)
        # "The ministry confirmed the attack in a statement on Friday", "This strike follows
        # an operation on May 28": the day is the statement's or the other act's.
        told = [
            m.group(0).lower()
            for m in anaphors
            if _REF_VERB_BEFORE.search(low, max(0, m.start() - 30), m.start())
            or _SEQUENCE_AFTER.match(low, m.end())
        ]
        referring = [
            ev
            for ev in new
            if any(ev.trigger.lower() in span for span in spans)
            # (a denied act is the speaker's own, not the one told before; "said its
            # fighters had carried out the attack" claims it)
            and ev.id not in denied
            and ev.type != "claim_of_responsibility"
            and (
                ev.date.basis not in ("explicit", "relative")
                or any(ev.trigger.lower() in span for span in told)
            )
        ]
        if referring:
            # Other undated violence in the same sentence describes the referent too
            # ("the attack, which struck the vehicle ...").
            families = {top_key(ev.type) for ev in referring} | ACT_TOPS | {"killing"}
            referring += [
                ev
                for ev in new
                if ev not in referring
                and ev.date.basis not in ("explicit", "relative")
                and top_key(ev.type) in families
                and not [a for a in ev.agents if not a.unidentified]
            ]
        if not referring and new:
            return new
        wanted = {a.id for ev in referring for a in ev.targets} | {
            a.affiliation for ev in referring for a in ev.targets if a.affiliation
        }
        fitting = [
            ev
            for ev in reversed(previous[-10:])
            if not ev.negated and any(_anaphor_fits(w, ev.type) for w in words)
        ]
        if not fitting:
            return new
        target = fitting[0]
        if wanted:
            for ev in fitting:
                have = {a.id for a in ev.targets} | {
                    a.affiliation for a in ev.targets if a.affiliation
                }
                if have & wanted:
                    target = ev
                    break
        keep = [ev for ev in new if ev not in referring]
        for ev in referring:
            _absorb(target, ev, add_actors=not hedged)
        if hedged:
            target.certainty = "hedged"
        return keep

    def _enrich_from_title(self, events: list[Event], title_events: list[Event]) -> None:
        """A headline names the lead event: its places and actors complete the body's first match."""
        for tev in title_events:
            named = {a.id for a in tev.agents if not a.unidentified}
            lead = tev.places[0].id if tev.places else None
            fitting = [
                ev
                for ev in events
                if not ev.negated
                # another side's act is not the one the headline names
                and not (named and _named_agents(ev) and not named & _named_agents(ev))
            ]
            candidates = [ev for ev in fitting if top_key(ev.type) == top_key(tev.type)] or [
                ev
                for ev in fitting
                if _family(ev.type) == _family(tev.type) and lead in {p.id for p in ev.places}
            ]
            if not candidates:
                continue
            # "Druzhkivka: death toll from strike rises": the body's event in that town,
            # not the first of the type when that one happened in another town
            ev = next((e for e in candidates if lead in {p.id for p in e.places}), candidates[0])
            places = {p.id for p in ev.places}
            if (
                lead
                and lead not in places
                and any(p.level in ("city", "district") for p in ev.places)
            ):
                continue
            for p in tev.places:
                if p.id not in places:
                    ev.places.append(p)
                    places.add(p.id)


#: A speaker going on to tell something else: "..., and said that", "adding that".
_NEW_REPORT = re.compile(
    r"\b(?:and|but)\s+(?:also\s+)?(?:said|says|added|insisted|stated)\b|\badding\b"
)
#: "in coordination with", "during a joint operation": how something was done.
_MANNER_BEFORE = re.compile(
    r"\b(?:in|during|as part of|under)\s+(?:an?\s+|the\s+)?(?:(?:separate|fresh|new|another)\s+)?$",
    re.I,
)
#: What joins two speech acts of one sentence: a coordinated verb ("and accused"), a
#: participle (", accusing"), an appositive answer (", a charge the group denied").
_SECOND_SPEECH = re.compile(
    r"\band\s+(?:also\s+|later\s+|then\s+)?$|,\s+$|"
    r",\s+(?:a|an|the)\s+(?:charge|claim|accusation|allegation|version|account)s?\s+"
    r"(?:which\s+|that\s+)?(?:[\w.'’-]+\s+){1,5}?(?:has\s+|had\s+|have\s+)?$"
)
#: Between "denied" and an act the denier's own side is said to have done: " that its
#: forces had taken part in the ", " a report on a news site that they had ".
_DENIED_OWN_ACT = re.compile(
    r"(?:\s+(?:(?:on|in)\s+[^.;,]{1,40}?\s+)?"
    r"(?:(?:an?|the|these|those)\s+(?:[\w-]+\s+)?(?:reports?|claims?|allegations?)"
    r"(?:\s+[^.;]{0,80}?)?\s+)?that\s+(?:it|they|(?:its|their|the\s+group['’]s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:forces|troops|fighters|units|men|soldiers|members|aircraft|police|officers|personnel))"
    # ("denied the rebels had killed civilians": the speaker's side by its common noun,
    # "that" left out as speech often does)
    r"|\s+(?:that\s+)?(?:the|its|their)\s+(?:rebels|militia|militiamen|insurgents|militants|"
    r"fighters|jihadists|soldiers|troops|army|military|police|forces|group))"
    r"\s+(?:had|have|has)\s+(?:ever\s+|also\s+)?(?:(?:taken|took)\s+part\s+in\s+|"
    r"been\s+involved\s+in\s+|carried\s+out\s+|conducted\s+|launched\s+)?"
    r"(?:the\s+|an?\s+|any\s+)?(?:[\w-]+\s+){0,2}?",
    re.I,
)
#: Between "denied" and an act: the speaker's side said to be behind it, "the group was
#: behind the ", "that it was responsible for the ".
_DENIED_INVOLVEMENT = re.compile(
    r"\s+(?:that\s+)?(?:[\w'’-]+\s+){1,3}?(?:was|were|is|are|had\s+been|has\s+been)\s+"
    r"(?:in\s+any\s+way\s+)?(?:behind|responsible\s+for|involved\s+in)\s",
    re.I,
)
#: A force right before "deployed", with no auxiliary: "troops deployed in the area ...".
_FORCE_BEFORE = re.compile(
    r"\b(?:troops|soldiers|forces|peacekeepers|units|policemen|officers|personnel|contingents?)\s+$"
)
#: Fighters as the ones killed: "killed four suspected separatists", "killing 12 militants".
_FIGHTERS_KILLED = re.compile(
    r"\s+(?:(?:at least|some|about|around|more than|over|nearly)\s+)?(?:\d[\d,]*|[a-z]+)\s+"
    r"(?:(?:suspected|alleged|armed|heavily armed)\s+)?(?:[\w-]+\s+)?"
    r"(?:militants|fighters|separatists|insurgents|terrorists|rebels|jihadists|bandits|"
    r"attackers|assailants|gunmen|militiamen)\b"
)
#: A perfect negated up to a point in time: "has not fired at Israel since the truce".
_NOT_SINCE = re.compile(
    r"\b(?:has|have)\s+(?:not|never)\s+(?:[\w'’-]+\s+){1,6}?since\b|"
    r"\b(?:hasn['’]t|haven['’]t)\s+(?:[\w'’-]+\s+){1,6}?since\b"
)
#: The participles of a speech act hung on a report or an act (see triggers.py).
_PARTICIPLES = frozenset({"accusing", "blaming"})
#: The verb of a report a participle clause may follow: "said", "wrote on X".
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|wrote|writes|stated|announced|added|posted|reported|told|claimed)\b"
)
_BARE_REJECT = frozenset({"rejected", "dismissed", "refuted"})
#: ", a charge the group rejected", "a claim which Syrian officials dismissed": a denial
#: told after the charge it answers.
_CHARGE_BEFORE = re.compile(
    r"(?:^|[,;(—–-]\s*)(?:an?|the)\s+(?:charge|claim|accusation|allegation|version|account|"
    r"report)s?\s+(?:which\s+|that\s+)?(?:[\w.'’-]+\s+){1,5}?(?:has\s+|had\s+|have\s+)?$",
    re.I,
)
#: What a participle clause follows: ", accusing ...", ", and blaming ...".
_HUNG_BEFORE = re.compile(r"(?:,|\band)\s+$")
#: Where ", accusing X of ..." hangs on the clause before it.
_PARTICIPLE_CLAUSE = re.compile(r",\s+(?:and\s+)?(?:accusing|blaming)\b", re.I)


def _last_speech_verb(low: str, end: int) -> re.Match[str] | None:
    """The last report verb ("said", "wrote") before `end`, if any."""
    found = None
    for found in _SPEECH_VERB.finditer(low, 0, end):  # noqa: B007 (the last one is kept)
        pass
    return found


#: "accusing them of ...": the object is the people just named in the act.
_PRONOUN_OBJECT = re.compile(r"\s+(?:them|him|her)\b")
#: What an accusation blames someone for, when it is an act: "accusing the RSF of
#: deliberately targeting civilians", "blaming the group for the attack".
_ACCUSED_ACT = re.compile(
    r"[^.;,]{0,60}?\s(?:of|for)\s+(?:\w+ly\s+)?(?:targeting|attacking|carrying out|launching|"
    r"bombing|shelling|striking|killing|firing|staging|the\s+(?:\w+\s+)?(?:attack|strike|"
    r"bombing|killings?|raid|ambush|assault))\b"
)
_DOER_KINDS = frozenset({"armed_group", "state_military", "security_service", "government"})


def _blame_unattributed(low: str, cand: _Candidate, acts: list[Event], accusation: Event) -> None:
    """Name the doer of an act the sentence leaves unattributed from ", blaming X".

    "A drone strike ... killed 23 people, a doctors' group said, blaming the RSF": whom the
    reporting side blames is the act's doer, as with "an attack attributed to the ADF".
    "accusing X of" names the doer only when what X is accused of is an act.
    """
    if cand.text.lower() != "blaming" and not _ACCUSED_ACT.match(low, cand.end):
        return
    accused = [a for a in accusation.targets if a.kind in _DOER_KINDS]
    if not accused:
        return
    for act in acts:
        if (
            top_key(act.type) not in ACT_TOPS
            or act.negated
            or any(not a.unidentified for a in act.agents)
        ):
            continue
        act.actors = [a for a in act.actors if a.role != "agent"] + [
            dataclasses.replace(a, role="agent")
            for a in accused
            if all(t.id != a.id for t in act.targets)
        ]


#: A reason or account given with a statement: ", saying ...", ", adding ...".
_SAYING = re.compile(r",\s+(?:saying|adding|insisting|arguing|explaining|stating)\b")
_BULLET_CHARS = frozenset("-•*–")
#: A round-up item headed by its place: "- Kalat (Balochistan): Gunmen attacked ...".
_PLACE_ITEM = re.compile(r"[-•*–]\s+[A-Z][\w'’.-]*(?:[ -][\w'’.()-]+){0,4}:\s")


def _connected_act_at(low: str, after: int) -> int | None:
    """Where an act an arrest is made "in connection with" starts, after `after`."""
    at = low.find("in connection with", after)
    return None if at == -1 else at


def _headline_line(text: str) -> bool:
    """Whether a sentence is a headline line: short, unpunctuated, "Source: clause"."""
    if len(text) >= 120 or text[-1:] in '.!?"”’)…' or "\n" in text:
        return False
    # ("Two killed in Kharkiv drone attack" over a live-blog entry: a short line of its own
    # with no full stop; not a list item, whose neighbours are items of their own)
    return ": " in text[:50] or (len(text) < 90 and text[:1].isupper())


#: Things taken, not people: "captured weapons", "seized three armoured vehicles".
_CAPTURED_GOODS = re.compile(
    r"\s+(?:(?:a|an|the|large|small|several|some|quantities|quantity|of|their|its|military|"
    r"heavy|light|\d[\d,]*|two|three|four|five|dozens|armou?red)\s+){0,4}"
    r"(?:weapons|arms|ammunition|munitions|vehicles|equipment|rifles|guns|materiel|"
    r"motorcycles|trucks|pick-?ups|explosives)\b",
    re.I,
)
#: A verb or noun of taking, finding or making safe a weapon, before the weapon's name:
#: "recovered two rifles, hand grenades and a suicide vest", "handing over eight rifles and
#: a grenade launcher", "deactivated four improvised explosive devices", "a cache of IEDs".
_TAKEN_BEFORE = re.compile(
    r"\b(?:recover(?:ed|ing|y of)|seiz(?:ed|ing|ure of)|confiscat(?:ed|ing|ion of)|"
    r"handed over|handing over|hand over|turned in|surrender(?:ed|ing)|deactivat(?:ed|ing)|"
    r"defus(?:ed|ing)|dismantl(?:ed|ing)|found|discovered|uncovered|impounded|"
    r"caches? of|stockpiles? of|hauls? of)\b",
    re.I,
)
#: The weapon's name told first: "an IED was found and defused".
_TAKEN_AFTER = re.compile(
    r"\s+(?:was|were|had been|have been|has been)\s+(?:\w+\s+)?(?:found|recovered|seized|"
    r"defused|deactivated|discovered|dismantled|confiscated|impounded)\b",
    re.I,
)
#: Words between the taking and the weapon that start another clause or act ("found the
#: bodies after a bomb exploded", "seized a truck that was carrying a bomb").
_TAKEN_BREAK = re.compile(
    r"\b(?:which|that|who|when|after|before|while|as|killing|killed|wounding|exploded|"
    r"detonated|went off|blew|planted by|used in|used to)\b|[;:]",
    re.I,
)


def _weapons_taken(text: str, start: int, end: int) -> bool:
    """Whether the weapon named at ``text[start:end]`` is a thing taken, found or defused.

    Police and army releases list what they seized or recovered ("recovered two
    Kalashnikovs, hand grenades and a suicide vest from their possession"), what fighters
    handed over when they surrendered, and the devices they defused; none of these is a
    bombing.
    """
    if _TAKEN_AFTER.match(text, end):
        return True
    window_start = max(0, start - 100)
    last = None
    for m in _TAKEN_BEFORE.finditer(text, window_start, start):
        last = m
    if last is None:
        return False
    return _TAKEN_BREAK.search(text, last.end(), start) is None


#: A time clause pointing back at an act: "After the Nioro ambush", "Following the raid".
#: An inquiry or a question about an act named by a definite noun: "an investigation into
#: the school strike", "questions about the detentions", "a request for comment on the raid".
_ABOUT_THE = re.compile(
    r"\b(?:investigations?|inquir(?:y|ies)|enquir(?:y|ies)|probes?|questions?|comment|"
    r"information)\s+(?:into|about|on|over|regarding)\s+(?:the|this|that|these|those)\s+"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_AFTER_THE = re.compile(
    r"(?:^|[,;]\s*)(?:after|following|since|in the wake of|in response to)\s+the\s+"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
#: An act's own toll after it: "... on Sunday that wounded five people".
_OWN_TOLL = re.compile(
    r"[^.;]{0,90}?\b(?:that|which)\s+(?:had\s+)?(?:killed|wounded|injured|left)\b", re.I
)
#: Fighting that went on after the act told before it: "clashes continued into Sunday".
_CONTINUED_AFTER = re.compile(r"\s+(?:continued|went on|raged on|persisted|lasted)\b", re.I)
#: Acts told as what has gone on since: "since then tankers have been attacked".
_SINCE_THEN = re.compile(r"\bsince then\b[^.;:]{0,80}$", re.I)
#: Unnamed armed men as the subject of a killing: "gunmen killed", "attackers shot dead".
_GUNMEN_KILLED = re.compile(
    r"\b(?:gunmen|armed men|attackers|assailants|unknown men|bandits)\s+(?:\w+\s+)?"
    r"(?:killed|shot dead|gunned down|massacred)$"
)
_SUBNATIONAL_AFTER = re.compile(r"\s+(?:state|region|province|county|governorate)\b", re.I)
#: The act's wounded dying later: "two of the wounded died", "died of their wounds".
_WOUNDED_DIED = re.compile(
    r"\bof\s+(?:the|those)\s+(?:[\w-]+\s+){0,2}?(?:wounded|injured)\b[^.;]{0,40}?\s+"
    r"(?:later\s+|subsequently\s+)?died\b|\bdied\s+(?:later\s+)?(?:of|from)\s+(?:their|his|her)\s+"
    r"(?:wounds|injuries)\b|\bsuccumbed\s+to\s+(?:their|his|her)\s+(?:wounds|injuries)\b"
)
#: An apposition that puts the act just told in a pattern: ", the latest in a series of".
_LATEST_IN_SERIES = re.compile(r",\s+(?:the|its)\s+(?:latest|newest|most recent)\s+(?:in|of)\b")
#: A round-up's summary noun: "a string of attacks", "a series of raids".
_SUMMARY_OF = re.compile(
    r"\b(?:an?|the)\s+(?:[\w-]+\s+)?(?:string|series|wave|spate|number|flurry|round)\s+of\s+"
    r"(?:[\w-]+\s+){0,2}$"
)
#: A bulleted list after a sentence (its items, one incident each).
_ITEMS_FOLLOW = re.compile(r"\n[ \t]*[-•*–][ \t]")
_PERFECT_BEFORE = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+)?$", re.I)
#: Between a clash and an arrest made in it: " near Saravan and ".
_AND_THEN = re.compile(r"[^.;:]{0,60}\s+and\s+(?:also\s+)?")
#: A district of Nigeria's kind: "Bokkos Local Government Area", "Maru LGA".
_LOCAL_GOVERNMENT = re.compile(r"\bLocal Government(?: Area)?\b|\s+(?:Local Government|LGA)\b")
#: A unit of an army: "the 20th Infantry Battalion", "the 8th Infantry Division".
_UNIT_NAME = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)\s+)?(?:infantry|armou?red|mechani[sz]ed|marine|airborne|artillery|"
    r"mountain|motori[sz]ed|commando|rapid reaction)\s+(?:division|battalion|brigade|regiment|"
    r"corps|company)\b|\b\d+(?:st|nd|rd|th)\s+(?:division|battalion|brigade|regiment|corps)\b"
)
#: After "military", "army" or "police": a noun they only describe ("a military operation").
_NOT_A_FORCE_AFTER = re.compile(
    r"[\s-]+(?:operations?|offensive|campaign|courts?|council|government|rulers|junta|regime|"
    r"analysts?|experts?|leadership|administration|intelligence|hospital|academy|college|"
    r"prosecutors?|tribunal)\b"
)
#: ", an al-Qaeda affiliate" after a group: an apposition saying what the group is.
_APPOSITION_BEFORE = re.compile(r",\s+(?:an?)\s+")
#: An apposition ranking the act in a series: ", the third such incident this month".
_RANKING_TAIL = re.compile(
    r",\s+the\s+(?:latest|first|second|third|fourth|fifth|sixth|deadliest|worst|largest|"
    r"biggest)\s+(?:such\s+)?(?:[\w-]+\s+){0,2}?(?:incident|attack|strike|assault|violation|"
    r"raid|breach|one)s?\b"
)
#: The whole of such an apposition, up to its closing comma.
_GROUP_APPOSITION_SPAN = re.compile(
    r",\s+an?\s+[^,;()]{0,60}?\b(?:group|affiliate|faction|movement|militia|offshoot|branch|"
    r"organi[sz]ation|network|alliance|coalition)\s+(?:that|which|whose)\b[^,;()]{0,80},",
    re.I,
)
#: ", a Ugandan-origin group that has pledged allegiance to" after a group: an apposition
#: describing the group, whose allegiance names no second actor.
_GROUP_APPOSITION = re.compile(
    r",\s+an?\s+[^,;()]{0,60}?\b(?:group|affiliate|faction|movement|militia|offshoot|branch|"
    r"organi[sz]ation|network|alliance|coalition)\b\s+(?:that|which|whose|linked|allied|loyal|"
    r"affiliated|aligned|close)\b[^,;()]{0,60}?",
    re.I,
)
#: A count before a plural demonym: "two Palestinians", "dozens of Afghans".
_COUNT_BEFORE = re.compile(
    r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|several|many|dozens of|"
    r"hundreds of|scores of)\s+$",
    re.I,
)
_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their)\s+(?:own\s+)?$")
_STATE_KINDS = frozenset({"state_military", "government", "security_service"})
#: Bodies whose own forces are police or internal security, not the army.
_HOME_SECURITY = re.compile(
    r"\b(?:interior|internal|police|gendarmerie|home affairs|public security)\b"
)


def _possessor(low: str, start: int, actors: list[_Actor]) -> str | None:
    """The country of the state named before "its"/"their" in front of a force noun."""
    if not _POSSESSIVE_BEFORE.search(low, max(0, start - 12), start):
        return None
    owners = [
        a
        for a in actors
        if a.end <= start and not a.generic and a.ref.kind in _STATE_KINDS and a.ref.country
    ]
    return owners[-1].ref.country if owners else None


#: What may stand between a speaker and its verb: "Moscow on Tuesday accused", "the
#: ministry also condemned".
_SPEAKER_GAP = re.compile(
    r"\s*(?:,\s*)?(?:(?:also|later|again|strongly|swiftly|quickly|on|in|a|statement|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|has|have|had)\s+)*$"
)


def _subject_before(low: str, start: int, actors: list[_Actor]) -> _Actor | None:
    """The named actor right before a verb at `start` (see :func:`_spoken_by`), if any."""
    for a in reversed(actors):
        if a.end <= start:
            if (
                not a.generic
                and not a.ref.unidentified
                and start - a.end <= 40
                and _SPEAKER_GAP.fullmatch(low, a.end, start)
            ):
                return a
            return None
    return None


#: The verbs of a getaway: checked before the place-by-place search below.
_ESCAPE_WORDS = re.compile(
    r"\b(?:withdr[ae]w|withdrawing|fled|fleeing|retreat|escap|head(?:ed|ing))"
)
#: A place named as where the doers went after the act: "withdrawing towards the Nigerian
#: border", "fled back across the river to X", "heading in the direction of Y".
_ESCAPE_TO = re.compile(
    r"\b(?:withdr[ae]w|withdrawing|withdrawn|fled|fleeing|retreated|retreating|escaped|"
    r"escaping|headed|heading)\s+(?:back\s+)?(?:(?:across|over)\s+(?:the\s+)?[\w'’-]+\s+)?"
    r"(?:to|towards?|into|across|in\s+the\s+direction\s+of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$"
)
#: A relative clause opened after a comma: ", whose origin was ...", ", which had ...".
_RELATIVE_OPEN = re.compile(r",\s+(?:whose|which|who|whom)\b[^,]*$")
#: Where goods or men came from: "tried to bring fuel across from Jordan".
_ORIGIN_BEFORE = re.compile(
    r"\b(?:bring|brought|bringing|smuggl\w*|carry|carrying|carried|move|moved|moving|cross|"
    r"crossed|crossing|come|came|coming|infiltrat\w*|sneak\w*|enter|entered|entering|"
    r"transport\w*|import\w*|arriv\w*)\b[^.;]{0,60}?\b(?:across\s+|in\s+)?from\s+"
    r"(?:neighbouring\s+|neighboring\s+|the\s+)?$"
)
#: A workers' strike (see the protest entries of kb.extract.triggers).
_LABOUR_STRIKE = re.compile(
    r"\bstrikes? (?:by|of) (?:[\w'’-]+ ){0,3}?(?:workers|operators|drivers|teachers|doctors|"
    r"nurses|traders|unions?|transporters|employees|staff|miners|lawyers|truckers|students)\b|"
    r"\bon strike\b|\bstrike action\b|\b(?:general|nationwide|indefinite|labou?r|transport) strike\b"
)
#: Words of an air or missile attack: a "strike" beside them is not a workers' strike.
_AIR_WORD = re.compile(r"\b(?:air|drones?|aircraft|jets?|warplanes?|missiles?|rockets?|uavs?)\b")
#: A toll that grew since the act was first told: "the death toll ... rose to 31".
_TOLL_ROSE = re.compile(
    # (the act may be told at length before the verb: "The death toll from a drone attack
    # on a crowded market in Tawila, in Sudan's North Darfur state, rose to 40 on Friday")
    r"\btoll\b[^.;]{0,160}?\b(?:rose|rises|risen|climbed|climbs|increased|jumped|reached|"
    r"went up|has grown|had grown)\b"
)
#: A pronoun opening a sentence as the subject of its verb: "It called on", "He also warned".
_PRONOUN_SUBJECT = re.compile(
    r"(?:it|he|she|they)\s+(?:(?:also|later|again|further|then|strongly|has|have|had)\s+)*"
)
#: The kinds of actor that speak for themselves (not victims, not the media).
_SPEAKER_KINDS = frozenset(
    {
        "government",
        "organization",
        "state_military",
        "security_service",
        "armed_group",
        "coalition",
        "person",
    }
)
#: The verb of a sentence that names who speaks: "said", "condemned", "called on".
_SPEAKER_VERB = re.compile(
    r"\b(?:said|says|told|stated|announced|added|wrote|condemned|denounced|called (?:on|for)|"
    r"urged|warned|accused|blamed|denied|welcomed|expressed|addressed)\b"
)
#: A first-person statement verb in a quotation: '"I call on ...', '"We condemn ...'.
_FIRST_PERSON_BEFORE = re.compile(
    r"[\"“]\s*(?:i|we)\s+(?:(?:also|strongly|again|urgently|hereby|therefore|now)\s+)*$"
)
#: A sentence opening in the first person: "We call on ...", "I strongly condemn ...".
_FIRST_PERSON_START = re.compile(
    r"(?:i|we)\s+(?:(?:also|strongly|again|urgently|hereby|therefore|now|once again)\s+)*"
)
#: A briefing note's heading line naming its speaker: "Spokesperson for the High
#: Commissioner: Jane Doe", "Spokesperson: ...".
_SPOKESPERSON_LINE = re.compile(r"(?m)^Spokes(?:person|man|woman)\b[^\n:]{0,80}:")
#: A speaker label opening a paragraph: "Spokesperson: ", "TN: ", "MINISTER OKELLO: ".
_SPEAKER_LABEL = re.compile(r"(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*:\s")


def _answer_label(text: str, start: int) -> bool:
    """Whether the paragraph holding offset `start` opens with a speaker's label."""
    para = text.rfind("\n", 0, start) + 1
    return _SPEAKER_LABEL.match(text, para) is not None


#: The quotation closed and a pronoun speaker after it: '...," he said'.
_PRONOUN_SAID_AFTER_QUOTE = re.compile(
    r"[^\"”]{0,300}[\"”]\s*,?\s*(?:he|she|they|it)\s+(?:also\s+)?(?:said|says|added|told|wrote)\b"
)


#: A proper name as the subject opening a sentence: "MINUSCA", "The Law Society of Kenya",
#: "Interior Cabinet Secretary" (capitalised words and the small words between them).
_PROPER_SUBJECT = re.compile(
    r"(?:The\s+)?((?:[A-Z][\w.'’&-]*)(?:\s+(?:[A-Z][\w.'’&-]*|of|for|the|and|on|in)){0,7})"
    r"\s+(?:(?:also|later|again|strongly|swiftly|quickly|has|have|had|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\s+)*"
)
#: Capitalised words that open sentences without naming anyone.
_NOT_A_NAME = frozenset(
    {
        "it",
        "he",
        "she",
        "they",
        "we",
        "this",
        "that",
        "these",
        "those",
        "there",
        "police",
        "residents",
        "officials",
        "witnesses",
        "analysts",
        "critics",
        "villagers",
        "locals",
        "authorities",
        "troops",
        "soldiers",
        "activists",
        "protesters",
        "survivors",
        "relatives",
    }
)


#: A body called by its head noun alone at the start of a sentence: "The Commission",
#: "The Mission" (with the adverbs or auxiliaries a statement verb may have before it).
_DEFINITE_BODY = re.compile(
    r"The\s+(Commission|Council|Committee|Office|Agency|Team|Front|Directorate|Tribunal|"
    r"Authority|Union|Organi[sz]ation|Coalition|Alliance|Network|Service|Institute|Observatory|"
    r"Board|Secretariat|Movement|Cluster|Platform|Forum|Monitor)"
    r"\s+(?:(?:also|further|again|strongly|therefore|has|have)\s+)*"
)


@functools.lru_cache(maxsize=64)
def _full_name_ending(head: str) -> re.Pattern[str]:
    """A capitalised name of two to eight words ending in `head` ("Human Rights Commission")."""
    return re.compile(
        r"\b((?:[A-Z][\w'’.&-]*\s+)(?:(?:[A-Z][\w'’.&-]*|of|for|on|and|the|de)\s+){0,6}"
        + head
        + r")\b"
    )


def _proper_speaker(text: str, start: int, actors: list[_Actor]) -> _Actor | None:
    """The body a capitalised subject opening the sentence names, before a verb at `start`.

    Two capitalised words at least ("The Law Society of Kenya", "Interior Cabinet
    Secretary") or an acronym ("MINUSCA"): a name, not a sentence-initial common noun.
    """
    m = _PROPER_SUBJECT.fullmatch(text, 0, start)
    if m is None or any(a.start <= m.start(1) < a.end for a in actors):
        return None  # ("Al-Shabaab's Radio Andalus accused": the group the registry knows)
    name = m.group(1).rstrip(",")
    words = name.split()
    caps = [w for w in words if w[:1].isupper()]
    if not words[-1][:1].isupper() or words[0].lower() in _NOT_A_NAME:
        return None
    if len(caps) < 2 and not (len(name) >= 3 and name.isupper() and name.isalpha()):
        return None
    key = "x-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    ref = ActorRef(id=key, name=name, kind="organization", text=name)
    return _Actor(m.start(1), m.start(1) + len(name), name, ref)


def _first_person_by_pronoun(text: str, low: str, cand: _Candidate) -> bool:
    """Whether a statement verb opens a first-person quotation its "he said" attributes.

    '"I call on all parties to ...," he said': the speaker is the one the story named in
    the sentence before.
    """
    if not _FIRST_PERSON_BEFORE.search(low, max(0, cand.start - 30), cand.start):
        return False
    return _PRONOUN_SAID_AFTER_QUOTE.match(text, cand.end) is not None


def _spoken_by(low: str, start: int, actors: list[_Actor]) -> bool:
    """Whether a named (not generic) actor is the subject right before a verb at `start`."""
    for a in reversed(actors):
        if a.end <= start:
            return (
                not a.generic
                and not a.ref.unidentified
                and start - a.end <= 40
                and bool(_SPEAKER_GAP.fullmatch(low, a.end, start))
            )
    return False


#: An office holder or a speaking body as the subject right before a statement verb: "The
#: governor of X region", "a UN spokesperson", "the Humanitarian Coordinator", "Lebanon's
#: prime minister", "the minister of religious affairs", "the government", "the Brigade".
#: News names who speaks by office more often than by name.
_OFFICE_HEAD = (
    r"(?:governor|spokes(?:person|man|woman)|(?:prime |foreign |defen[cs]e |interior )?minister|"
    r"(?:humanitarian |resident )?coordinator|commander|president|secretary[- ]general|envoy|"
    r"mayor|ambassador|rapporteur|(?:high )?commissioner|advis[eo]r|"
    # (local government: "the chairman of the local government area", "the council chair")
    r"chairman|chairwoman|chairperson|administrator|"
    r"government|ministry|presidency|junta|brigade|battalion|division|general staff|"
    r"command|authorities|mission)"
)
#: Offices of the United Nations: "the Humanitarian Coordinator", "the Special Envoy".
_UN_OFFICE = re.compile(
    r"\b(?:un|u\.n\.|united nations|humanitarian coordinator|resident coordinator|"
    r"secretary[- ]general|special (?:envoy|rapporteur|representative)|high commissioner)\b"
)
#: Speaking bodies of an armed force: "the Brigade", "the general staff", "the junta".
_MILITARY_OFFICE = re.compile(
    r"\b(?:brigade|battalion|division|general staff|command|junta|commander|army|military)\b"
)
_OFFICE_SPEAKER = re.compile(
    rf"(?:^|[,;:]\s+|\b(?:the|a|an|its|their)\s+|\b[\w.-]+['’]s\s+)(?:[\w.'’-]+\s+){{0,3}}?"
    rf"{_OFFICE_HEAD}(?:\s+(?:of|for|to|on|in)\s+(?:the\s+)?(?:[\w.'’-]+\s+){{0,3}}?[\w.'’-]+)?"
    # ("the UN Mission in South Sudan (UNMISS) said": the body's acronym after its name)
    r"(?:\s+\([\w.-]{2,12}\))?"
    r"(?:\s*,\s+[^,;.\"“”]{1,50},)?"
    r"\s+(?:(?:also|later|again|strongly|swiftly|quickly|on|in|a|statement|has|have|had|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+)*$"
)
#: The words an office-holder speaker ends with; checked before the regex runs.
_OFFICE_WORDS = (
    "governor",
    "spokes",
    "minister",
    "coordinator",
    "commander",
    "president",
    "secretary",
    "envoy",
    "mayor",
    "ambassador",
    "rapporteur",
    "commissioner",
    "advis",
    "chair",
    "administrator",
    "government",
    "ministry",
    "presidency",
    "junta",
    "brigade",
    "battalion",
    "division",
    "general staff",
    "command",
    "authorities",
    "mission",
)


def _office_speaker(low: str, start: int) -> bool:
    """Whether an office holder or speaking body is the subject of a verb at `start`.

    "The governor of Darfur region condemned", "A UN spokesperson called for", "the
    government rejected the report": the speaker the registry has no name for.
    """
    window = low[max(0, start - 90) : start]
    if not any(w in window for w in _OFFICE_WORDS):
        return False
    return _OFFICE_SPEAKER.search(window) is not None


#: A quotation closed and its speaker after it: '"We call on ...," said the commander'.
_SAID_AFTER_QUOTE = re.compile(r"[^\"”]{0,300}[\"”]\s*,?\s*(?:said|says|added)\s+")
_OFFICE_AFTER = re.compile(
    rf"(?:the|a|an)?\s*(?:[\w.'’-]+\s+){{0,4}}?(?:{_OFFICE_HEAD}|official)\b"
)


def _spoken_after(text: str, end: int, actors: list[_Actor]) -> bool:
    """Whether a quoted statement verb has its speaker after the quote.

    '"We call on them to surrender," said the Brigade commander': the verb is inside the
    quote, who said it (an office holder or a named actor) follows.
    """
    if '"' not in text and "”" not in text:
        return False
    m = _SAID_AFTER_QUOTE.match(text, end)
    if m is None:
        return False
    at = m.end()
    if any(at <= a.start <= at + 4 and not a.generic for a in actors):
        return True
    return _OFFICE_AFTER.match(text.lower(), at) is not None


#: Fighting off an attack: "repelled an attack", "were repulsed".
_REPEL = re.compile(r"repel|repuls|fought off|foiled|thwarted", re.I)
#: The act a repelled attack is, by its noun or verb.
_REPELLED_ACT = re.compile(r"attack|assault|raid|incursion|attacked|stormed", re.I)


def _repelled_attacks(
    text: str, ordered: list[tuple[int, int, Trigger]]
) -> tuple[list[tuple[int, int, Trigger]], dict[int, int]]:
    """Make "repelled an attack by X" the attack, not a clash of the side that repelled it.

    Military statements report an assault on their positions by saying they fought it
    off; the event is the attack (a ground assault: nobody "repels" an air strike), with
    the attackers as agents and the defenders as targets. Returns the triggers without
    the repelling verb, and for each attack trigger kept, where that verb stands.
    """
    if not any(_REPEL.match(text, s) for s, _, t in ordered if top_key(t.type) == "armed_clash"):
        return ordered, {}
    out = list(ordered)
    repelled: dict[int, int] = {}
    for s, e, t in ordered:
        if top_key(t.type) != "armed_clash" or not _REPEL.match(text, s):
            continue
        near = [
            x
            for x in out
            if top_key(x[2].type) == "attack"
            and not x[2].outcome
            and _REPELLED_ACT.search(text, x[0], x[1])
            and (0 < x[0] - e <= 30 or 0 < s - x[1] <= 80)
            and not _CLAUSE_BREAK.search(text, min(e, x[1]), max(s, x[0]))
        ]
        if not near:
            continue
        act = min(near, key=lambda x: abs(x[0] - s))
        if (
            act[0] > e
            and _DEFINITE_GAP.fullmatch(text, e, act[0])
            and any(top_key(x[2].type) == "attack" and x[1] <= s and x is not act for x in out)
        ):
            # "ISWAP fighters attacked a base ..., adding that troops had repelled the
            # assault": "the assault" is the attack told before it, not a second one
            out.remove(act)
            out.remove((s, e, t))
            continue
        if act[0] > e and _COUNTED_ASSAULTS.match(text, e):
            # "repelled 17 Russian assaults near Pokrovsk": a front-line tally of a day's
            # fighting, one battle of both sides, not assaults of their own
            out.remove(act)
            continue
        i = out.index(act)
        kind = "armed_assault" if act[2].type == "attack" else act[2].type
        out[i] = (act[0], act[1], dataclasses.replace(act[2], type=kind, weak=False))
        out.remove((s, e, t))
        repelled[act[0]] = s
    return out, repelled


#: Conduct rather than an act: "targeted civilians", "targeting residential areas".
_TARGETING_CIVILIANS = re.compile(
    r"target(?:ed|ing|s)?\s+(?:any\s+|the\s+)?(?:civilians?|residential\s+areas|"
    r"civilian\s+(?:areas|targets|sites|infrastructure|objects))\b",
    re.I,
)
#: A definite act noun opening a passive claim: "The assault on ... was claimed by".
_DEFINITE_ACT_BEFORE = re.compile(
    r"\b(?:the|this|that|Sunday's|Monday's|Tuesday's|"
    r"Wednesday's|Thursday's|Friday's|Saturday's)\s+(?:[\w-]+\s+)?$",
    re.I,
)
#: What stands between the act noun and "claimed": its description, then the auxiliary.
_PASSIVE_CLAIM_GAP = re.compile(
    r"[^.;]{0,160}?\s(?:was|were|has been|had been|have been)\s+(?:later\s+|quickly\s+|"
    r"swiftly\s+|also\s+)?",
    re.I,
)
#: Police or forces as the speaker of a passive arrest: "Police said 37 people had been".
_POLICE_SAID = re.compile(
    r"\b(?:police|gendarmerie|security forces|army|military|troops)(?:\s+\w+){0,2}?\s+"
    r"(?:said|say|says)\b"
)
#: The sentence's first speech verb: "The army said ...", "Israel says ...".
_FIRST_SAID = re.compile(r"\b(?:said|says)\b")
#: An act noun as the subject of a fire: "drone attack set fire to", "strike set ablaze".
_CAUSED_FIRE = re.compile(
    r"\s+(?:(?:also|overnight|reportedly|had|has|have)\s+)*(?:set|sets|setting)\s+"
    r"(?:fire to|on fire|ablaze)",
    re.I,
)
#: People named right before a participle of their abduction: "25 students abducted".
_CAPTIVES_BEFORE = re.compile(
    r"\b(?:students|pupils|schoolgirls|schoolboys|schoolchildren|children|women|men|people|"
    r"passengers|villagers|worshippers|workers|hostages|farmers|travell?ers|teachers|"
    r"nationals|tourists|sailors|crew members|fishermen)\s+$",
    re.I,
)
#: Their release told after it in the sentence.
_FREED_AFTER = re.compile(
    r"\b(?:have|has|had|were|was)\s+been\s+(?:freed|released|rescued)\b|"
    r"\b(?:were|was)\s+(?:freed|released|rescued)\b",
    re.I,
)
#: "repelled the assault", "fought off this attack": the act named before, by anaphora.
_DEFINITE_GAP = re.compile(r"\w*\s+(?:the|this|that)\s+", re.I)
#: "repelled 17 Russian assaults", "repulsed dozens of enemy attacks": a counted tally.
_COUNTED_ASSAULTS = re.compile(
    r"\s+(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|"
    r"several|multiple|numerous)\s+(?:[\w-]+\s+){0,2}(?:assaults|attacks|attempts|offensives)\b",
    re.IGNORECASE,
)
#: "said (that) its fighters had", "announced that its members have": a group's own act.
_GROUP_SAID_ITS = re.compile(
    r"\b(?:said|says|announced|stated|boasted|wrote|posted)\s+(?:on\s+\w+\s+)?"
    # ("said in a statement carried by its radio that its fighters had ...", "said on its
    # Radio Andalus this afternoon that", "wrote on Facebook that")
    r"(?:(?:in|through|via|on)\s+(?:(?:a|an|its|their)\s+)?[^.;\"“]{1,60}?\s+)?(?:that\s+)?"
    r"(?:its|their)\s+(?:fighters|militants|members|men|mujahideen|soldiers of the caliphate)\s+"
    # ("its fighters and allied groups had killed nine soldiers")
    r"(?:and\s+(?:[\w-]+\s+){1,2})?(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?$"
)


def _group_says_it_did(
    low: str,
    cand: _Candidate,
    actors: list[_Actor],
    key: str,
    named_before: Callable[[], bool] | None = None,
) -> bool:
    """Whether an armed group tells what its own fighters did to someone ("the group said
    its fighters had killed 40 soldiers"): a body count of an attack, i.e. a claim. A group
    telling of a new act ("said its fighters had shelled army positions") reports that act;
    one telling that its fighters did the act the story told ("wrote on Facebook that its
    fighters had carried out the attack", "said its fighters had fired the mortars") claims
    it. `named_before` tells (when asked: it scans the story) whether the story named an
    armed group before the sentence, for a speaker written "the rebels", "the group".
    """
    if " its " not in low and " their " not in low:
        return False
    if cand.trigger.outcome and top_key(key) == "killing":
        at = cand.start
    elif top_key(key) in ACT_TOPS:
        done = _DID_THE_ACT.search(low, max(0, cand.start - 40), cand.start)
        if done is not None:
            at = done.start()
        elif _DEFINITE_OBJECT.match(cand.text.lower()):
            at = cand.start  # "fired the mortars": the ones the story told of
        else:
            return False
    else:
        return False
    said = _GROUP_SAID_ITS.search(low, max(0, at - 120), at)
    if said is None:
        return False
    speakers = [a for a in actors if a.end <= said.start() and not a.ref.unidentified]
    if speakers and (
        speakers[-1].ref.kind == "armed_group"
        # "a spokesman for the Ambazonia Defence Forces wrote that its fighters had ..."
        or (speakers[-1].ref.kind == "person" and speakers[-1].ref.affiliation)
    ):
        return True
    # "The rebels said in a post on X that their fighters had killed 15 soldiers"
    return (
        named_before is not None
        and _DEFINITE_GROUP.search(low, max(0, said.start() - 60), said.start()) is not None
        and named_before()
    )


#: "its fighters had carried out the attack": the act named before, done by the speaker.
_DID_THE_ACT = re.compile(
    r"\b(?:carried out|conducted|staged|launched|mounted|were behind|was behind)\s+"
    r"(?:the|this|that|both|last\s+\w+['’]s|\w+day['’]s)\s+(?:[\w-]+\s+)?$"
)
#: An act verb with a definite object: "fired the mortars", "launched the drones".
_DEFINITE_OBJECT = re.compile(r"^(?:fired|launched|detonated|planted) (?:the|those|these)\b")
#: A speaker named by its kind, a group the story named before: "the rebels", "the group's
#: spokesman", "the militia".
_DEFINITE_GROUP = re.compile(
    r"\b(?:the|a)\s+(?:rebels?|group|militants|insurgents|militia|jihadists|separatists)"
    r"(?:['’]s?\s+(?:(?:military\s+)?spokes(?:man|woman|person)|leader|statement))?"
    r"(?:\s+(?:also|later|then))?\s+$"
)


#: ", in which X killed ...": a relative clause about an act noun, opening on its doer.
_IN_WHICH = re.compile(r",\s+in\s+which\s+(?:the\s+)?")
_PAST_VERB_AFTER = re.compile(r"\s+(?:fighters\s+|militants\s+|gunmen\s+|troops\s+)?\w+ed\b")


def _relative_doer(low: str, start: int, end: int, after: list[_Actor]) -> _Actor | None:
    """The armed actor opening ", in which X <verb>ed" right after an act noun, if one."""
    found = _IN_WHICH.search(low, start, end)
    if found is None or found.start() - start > 80:
        return None
    for a in after:
        if (
            a.start == found.end()
            and not a.ref.unidentified
            and a.ref.kind in ("armed_group", "state_military")
            and _PAST_VERB_AFTER.match(low, a.end)
        ):
            return a
    return None


def _named_army(actors: list[_Actor], start: int) -> str | None:
    """The country of the one state military named before `start` in a sentence, if one."""
    armies = {
        a.ref.country
        for a in actors
        if a.end <= start and not a.generic and a.ref.kind == "state_military" and a.ref.country
    }
    return armies.pop() if len(armies) == 1 else None


def _speaking_force(actors: list[_Actor], start: int, body: str) -> str | None:
    """The country of the one state force that reports the sentence after `start`.

    Only a speaker of the same body counts (an army for "soldiers", a police force for
    "policemen"): "..., the Nigerian Army said" owns the unnamed soldiers of its report.
    """
    kinds = {"military": ("state_military",), "police": ("security_service",)}.get(body)
    if kinds is None:
        return None
    forces = {
        a.ref.country
        for a in actors
        if a.source and a.start >= start and a.ref.kind in kinds and a.ref.country
    }
    return forces.pop() if len(forces) == 1 else None


def _named_agents(ev: Event) -> set[str]:
    return {a.id for a in ev.agents if not a.unidentified}


# --- helpers ---------------------------------------------------------------------------
def _family(key: str) -> str:
    """Strikes, attacks, clashes and killings are one family; other tops their own."""
    top = top_key(key)
    return "violence" if top in ACT_TOPS or top == "killing" else top


#: Days counted from the event told just before: "hours later", "the following day",
#: "two days later", "the day before", "during the day".
_SEQUEL = re.compile(
    r"\b(?:(?P<same>(?:an? |one |a few )?(?:hours?|minutes?) later|later (?:that|the same|in the) "
    r"(?:day|night|morning|afternoon|evening)|earlier (?:that|the same|in the) day|"
    r"that (?:same )?(?:night|morning|afternoon|evening)|the same (?:day|night))"
    r"|(?P<next>the (?:following|next) (?:day|morning|night|evening)|a day later|the day after)"
    r"|(?P<prev>the (?:previous|preceding) (?:day|night|evening)|a day (?:earlier|before)|"
    r"the (?:day|night) before)"
    r"|(?P<n>two|three|four|five|six|\d) days (?P<dir>later|after|earlier|before))\b"
)
#: Where a relative clause of its own begins.
_RELATIVE_BREAK = re.compile(r",\s+(?:which|who|whose|where)\b|;")
_SEQUEL_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _with_sequel_dates(
    text: str, dates: list, previous: list[Event], last_day: dt.date | None = None
) -> list:
    """Add the days that "hours later", "the next day", "two days earlier" name.

    News tells a sequence of events and dates the later ones from the earlier: the day
    counts from the last event before this sentence dated to the day, else from the last
    day a sentence named ("The fighters entered the village on Wednesday evening ...
    The attack was claimed the next day"). Without one, the phrase dates nothing.
    """
    low = _lower(text)
    if "day" not in low and "later" not in low and "night" not in low and "before" not in low:
        return dates
    found = list(_SEQUEL.finditer(low))
    if not found:
        return dates
    told_base = next(
        (
            ev.date.earliest
            for ev in reversed(previous)
            if ev.date.precision == "day"
            and ev.date.basis in ("explicit", "relative")
            and ev.date.earliest is not None
        ),
        last_day if previous else None,
    )
    taken = [(s, e) for s, e, _ in dates]
    out = list(dates)
    for m in found:
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue  # a calendar date already covers the phrase
        # "fired rockets on Saturday, and Israel responded the next day": a day named
        # earlier in the same sentence is the one a later day counts from ("On November
        # 18, four days before the ambush, ...": an earlier one relates that day to
        # another act, and is left to the acts told before)
        forward = bool(m.group("next")) or m.group("dir") in ("later", "after")
        here = [
            span.earliest
            for s, e, span in dates
            if forward
            and e <= m.start()
            and span.precision == "day"
            and span.earliest is not None
            # ("On May 2, two days after the ambush, ...": an apposition to the date)
            and low[e : m.start()].strip(" ,")
        ]
        base = here[-1] if here else told_base
        if base is None:
            continue
        clause = _RELATIVE_BREAK.search(low, m.end())
        if _PAST_PERFECT.search(low[: clause.start() if clause else len(low)]):
            # "Two days earlier, militants had attacked ...", "Two days earlier, the army
            # said it had detained ...": before the story, undated; a past perfect in a
            # clause of its own does not count ("..., which said its fighters had killed").
            continue
        if m.group("same"):
            shift = 0
        elif m.group("next"):
            shift = 1
        elif m.group("prev"):
            shift = -1
        else:
            count = m.group("n")
            shift = int(count) if count.isdigit() else _SEQUEL_COUNT[count]
            if m.group("dir") in ("earlier", "before"):
                shift = -shift
        day = base + dt.timedelta(days=shift)
        span = TimeSpan(text[m.start() : m.end()], day.isoformat(), "day", day, day, "relative")
        out.append((m.start(), m.end(), span))
    out.sort(key=lambda d: d[0])
    return out


#: Words before a clash trigger that make it a state or a frame, not an incident: "they
#: are fighting back", "Hezbollah, which fought a year-long war", "since it resumed fighting".
_CLASH_FRAME = Prefiltered(
    re.compile(
        r"(?:\b(?:are|is|am)\s+(?:\w+ly\s+)?|,\s*(?:which|who)\s+(?:had\s+|has\s+|have\s+)?"
        r"|\bsince\s+(?:\w+\s+){0,3}"
        # "after weeks of fighting": the campaign an act ended, not an incident
        r"|\b(?:days|weeks|months|years)\s+of\s+(?:\w+\s+)?)$"
    )
)
#: A determiner that makes a noun trigger hypothetical or generic ("any strike", "future
#: attacks", "each raid").
_HYPOTHETICAL = Prefiltered(
    re.compile(
        r"\b(?:any|such|future|similar|each|every|possible|potential)\s+(?:[\w-]+\s+){0,2}$|"
        # "planning a car bomb attack": a plot, not an attack
        r"\b(?:planning|plotting|preparing|plan|plot|plans|plots)\s+(?:(?:an?|the|to\s+\w+(?:\s+an?)?)\s+)?"
        r"(?:[\w-]+\s+){0,2}$|"
        # "a cell that has been planting explosive devices on the road": what the suspects
        # have been doing, not one act ("suspected of planting a roadside bomb that hit a
        # pylon on Saturday" may be one, and is left alone)
        r"\b(?:that|who|which)\s+(?:has|have|had)\s+been\s+\w+ing\s+(?:[\w-]+\s+){0,2}$|"
        # "instead of seeking battles with the army", "avoiding clashes": a strategy
        r"\b(?:seeking|seeks|seek|avoiding|avoids|avoid)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$"
    )
)


def _clash_in_background(
    text: str, cand: _Candidate, participants: list[_Actor], dates: list
) -> bool:
    """A clash whose clause names neither a side nor a day is scenery, not news.

    News reports a clash with its sides ("troops clashed with militants") or its day;
    "families who fled during the fighting", "as fighting intensified along the front"
    refer to fighting told elsewhere or to the war at large.
    """
    start, end = _clause(text, cand.start, cand.end)
    if any(start <= a.start < end for a in participants):
        return False
    return not any(start <= d[0] < end for d in dates if d[2].value)


#: Trigger words of a killing done on purpose to one person.
_TARGETED_KILLING = frozenset({"shot dead", "gunned down"})
#: Positions whose holders are killed for what they are ("a district official").
_POSITIONS = frozenset(
    """commander official leader judge cleric imam mayor journalist activist politician governor
    lawmaker elder chief spokesman spokeswoman minister deputy prosecutor candidate""".split()
)
#: A noun phrase right after a verb that ends in a position ("a Taliban district official").
_POSITION_OBJECT = re.compile(
    r"\s+(?:a|an|the|one|two|three)\s+(?:[\w'’-]+\s+){0,3}(?:"
    + "|".join(sorted(_POSITIONS))
    + r")\b(?![\w'’-])"
)


def _is_assassination(text: str, cand: _Candidate, targets: list[_Actor]) -> bool:
    """A person in a position, shot dead or gunned down: "gunmen shot dead a district
    official". Fighters, soldiers and police are killed in the fighting, not assassinated."""
    if cand.text.lower() not in _TARGETED_KILLING:
        return False
    if any(
        t.ref.kind == "person" and t.ref.name.rsplit(" ", 1)[-1].lower() in _POSITIONS
        for t in targets
    ):
        return True
    # The object may hold an affiliation the scanner read as the group ("a Taliban
    # district official"): read the noun phrase after the verb.
    return bool(_POSITION_OBJECT.match(_lower(text), cand.end))


_CAPTURE_VERBS = frozenset({"captured", "seized", "took control of", "taken control of"})


def _captures_place(text: str, cand: _Candidate, places: list[tuple[int, int, Place]]) -> bool:
    """Whether a capture verb takes a named place as its object ("seized Goma, the capital")."""
    if cand.text.lower() not in _CAPTURE_VERBS:
        return False
    gap = text[cand.end : cand.end + 5]
    skip = 5 if gap.lower().startswith(" the ") else 1
    return any(s == cand.end + skip and p.level != "country" for s, _, p in places)


def _is_history(span: TimeSpan, article: Article) -> bool:
    """True for an event dated more than a year before the article was published."""
    return bool(article.published and span.latest and (article.published - span.latest).days > 365)


def _with_role(actor: _Actor, role: str) -> ActorRef:
    """A copy of the actor's reference in `role` (every field copied, as replace() would,
    at a fraction of its cost: ActorRef has no __post_init__ to run)."""
    fields = getattr(actor.ref, "__dict__", None)
    if fields is None or type(actor.ref) is not ActorRef:
        return dataclasses.replace(actor.ref, role=role)
    ref = object.__new__(ActorRef)
    ref.__dict__.update(fields)
    ref.role = role
    return ref


def _dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    seen: set[tuple[str, str, str | None]] = set()
    out: list[ActorRef] = []
    for r in refs:
        k = (r.id, r.role, r.text if r.unidentified else None)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _unique(items: list[_Actor]) -> list[_Actor]:
    out: list[_Actor] = []
    for a in items:
        if a not in out:
            out.append(a)
    return out


def _places(found: list[tuple[int, int, Place]], gazetteer=None) -> list[Place]:
    """The places of an event: those named, then the regions and countries they lie in.

    News names a town or a province and leaves the rest implied ("in Muqdadiyah");
    the province and the country are part of where the event happened, so they are
    listed too (the linker compares the most specific place only).
    """
    out: list[Place] = []
    seen: set[str] = set()
    for _, _, p in found:
        if p.id not in seen:
            seen.add(p.id)
            out.append(p)
    if gazetteer is not None:
        for p in list(out):
            if p.level in ("region", "district", "city"):
                for parent in p.within:
                    if parent.id not in seen:
                        full = gazetteer.get(parent.id)
                        if full is not None and full.level in ("region", "country"):
                            seen.add(full.id)
                            out.append(full)
    return out


_PARTICIPLE_BY = re.compile(r"\b(\w+)\s+by\s+(?:\w+\s+){0,3}$")
#: Participles whose "by" names a sponsor, founder or holder, not someone who acts:
#: "a militia founded by ...", "positions held by ...", "fighters backed by ...".
_SPONSOR_PARTICIPLES = frozenset(
    """backed supported sponsored funded financed led run controlled held owned founded
    established formed created trained armed allied aligned affiliated linked inspired
    dominated manned used operated occupied built frequented guarded
    shared provided supplied relayed gathered collected escorted protected accompanied
    secured patrolled commanded chartered hired contracted employed""".split()
)
# ("acting on information shared by Syria": who informed the doer, not the doer)


def _by_other_verb(text: str, at: int) -> bool:
    """Whether the "by" before `at` names a sponsor or holder ("founded by", "held by").

    "Rwanda denies arming a militia founded by people ...": "by people" names who
    founded the militia, not who denies; "was killed by", "a drone launched by" keep
    theirs. A participle that is itself a trigger keeps its "by" too.
    """
    low = _lower(text)
    m = _PARTICIPLE_BY.search(low[:at])
    if m is None:
        return False
    if m.group(1) not in _SPONSOR_PARTICIPLES:
        return False
    return not any(s <= m.start(1) < e for s, e, _ in find_triggers(text))


def _inside(at: int, spans: list[tuple[int, int, int]]) -> bool:
    return any(s <= at < e for s, e, _ in spans)


def _modifier_spans(text: str, acts: list[tuple[int, int, Trigger]]) -> list[tuple[int, int, int]]:
    """Spans of noun-phrase modifiers that tell an earlier deed of the act's target.

    Each span is (start, end, end of its cue words).

    "Jets killed a commander wanted for the 2019 bombing of a church in Jolo, in a raid on
    Sunday": the bombing, its date and place describe the commander; the main act (which
    must come before the modifier) does not take them, and "blamed for" there is nobody's
    accusation.
    """
    out: list[tuple[int, int, int]] = []
    for m in _TARGET_MODIFIER.finditer(text):
        if not any(e <= m.start() for _, e, t in acts if t.pos == "verb"):
            continue  # no act before it: the sentence may be about the deed itself
        if _NOT_NOUN_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        stop = _MODIFIER_END.search(text, m.end())
        end = stop.start() if stop else len(text)
        if not _DEED_NOUN.search(text, m.end(), end) and not any(
            m.end() <= s < end for s, _, _ in acts
        ):
            # "fired from behind a wall", "suspected of supplying food to the insurgents in
            # X": no earlier deed is told, and a place there may well be the act's own
            continue
        out.append((m.start(), end, m.end()))
    return out


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a trigger: bounded by semicolons and subordinating breaks."""
    breaks = _clause_breaks(text)
    left = 0
    right = len(text)
    for b_start, b_end in breaks:
        if b_start < start < b_end or b_start < end < b_end:
            return _clause_slow(text, start, end)  # a break across the trigger's edge
        if b_end <= start:
            left = b_end
        elif b_start >= end:
            right = b_start
            break
    return left, right


@functools.lru_cache(maxsize=16)
def _clause_breaks(text: str) -> tuple[tuple[int, int], ...]:
    """Where the clause breaks of a sentence are; read once per sentence, not per trigger."""
    return tuple(m.span() for m in _CLAUSE_BREAK.finditer(text))


def _clause_slow(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in _CLAUSE_BREAK.finditer(text[:start]):
        left = m.end()
    right_m = _CLAUSE_BREAK.search(text, end)
    right = right_m.start() if right_m else len(text)
    return left, right


def _phrase_end(text: str, start: int, allow_comma: bool = True) -> int:
    """Where an attribution phrase ends: the next comma (a comma after a name ends it)."""
    m = _PHRASE_END.search(text, start)
    return m.start() if m else len(text)


def _clean_np(phrase: str) -> str | None:
    phrase = phrase.strip(" ,.;:\"'“”")
    phrase = _LEADING_ARTICLE.sub("", phrase)
    return phrase or None


def _number(token: str) -> int | None:
    token = token.lower().strip()
    if token in _NUM_WORDS:
        return _NUM_WORDS[token]
    try:
        return int(token.replace(",", ""))
    except ValueError:
        return None


def _specificity(trig: Trigger) -> int:
    return len(_lineage(trig.type)) * 2 + (0 if trig.weak else 1)


_ANAPHOR_TYPES = {
    "attack": {"air_or_drone_strike", "attack", "armed_clash", "killing"},
    "strike": {"air_or_drone_strike", "attack"},
    "operation": {"air_or_drone_strike", "attack", "arrest", "armed_clash", "killing"},
    "incident": {"air_or_drone_strike", "attack", "armed_clash", "killing", "arrest"},
    "assault": {"attack", "armed_clash"},
    "bombing": {"attack", "air_or_drone_strike"},
    "blast": {"attack"},
    "explosion": {"attack"},
    "raid": {"attack", "air_or_drone_strike", "arrest"},
    "killing": {"killing", "attack", "air_or_drone_strike"},
    "elimination": {"killing", "air_or_drone_strike", "attack"},
    "ambush": {"attack", "armed_clash"},
    # (an attack is fought off: "the fighting lasted several hours" tells of the attack)
    "clashes": {"armed_clash", "attack"},
    "fighting": {"armed_clash", "attack"},
    "arrest": {"arrest"},
    "arrests": {"arrest"},
    "deployment": {"deployment_or_mobilization"},
    "reinforcement": {"deployment_or_mobilization"},
    "coordination": {"cooperation_or_agreement"},
}


def _anaphor_fits(word: str, key: str) -> bool:
    return top_key(key) in _ANAPHOR_TYPES.get(word, set())


#: Fighting back against those who attacked: "repulsed the attackers", "exchanged fire
#: with the assailants".
_FIGHT_BACK = Prefiltered(
    re.compile(
        r"\b(?:repelled|repulsed|fought off|exchanged fire with|engaged|clashed with|"
        r"returned fire (?:on|at))\s+(?:the\s+)?(?:attackers|assailants|raiders|gunmen|"
        r"kidnappers|bandits)\b"
    ),
    needs=("attackers", "assailants", "raiders", "gunmen", "kidnappers", "bandits"),
)


#: The raiding side's own account of the raid: "came under fire during an operation".
_UNDER_FIRE_IN_RAID = re.compile(
    r"\b(?:came|come|coming) under (?:heavy |intense )?fire (?:during|in the course of) "
    r"(?:an?|the|its|their) (?:[\w-]+ ){0,2}?(?:operations?|raids?)\b"
)


def _fold_fights_into_attack(low: str, new: list[Event], previous: list[Event]) -> list[Event]:
    """A fight with "the attackers" of an attack just told is that attack, not a clash.

    "Peacekeepers exchanged fire with the attackers and forced them to withdraw": the
    attack's end as the side attacked tells it; its toll adds to the attack's.
    """
    # "troops had come under fire during an operation in the camp": the raid told before,
    # as the side that raided tells it (only where that side is the raid's agent)
    in_raid = "under fire" in low and bool(_UNDER_FIRE_IN_RAID.search(low))
    if not in_raid and not _FIGHT_BACK.search(low):
        return new
    host = next(
        (
            p
            for p in reversed(previous[-3:])
            if top_key(p.type) in ACT_TOPS and top_key(p.type) != "armed_clash" and not p.negated
        ),
        None,
    )
    if host is None:
        return new
    keep = []
    for ev in new:
        if (
            in_raid
            and not _named_agents(ev) & _named_agents(host)
            # (a side left unnamed: the raid, when the host is one)
            and (_named_agents(ev) or not re.search(r"raid|operation", host.trigger, re.I))
        ):
            keep.append(ev)
            continue
        if top_key(ev.type) == "armed_clash" and (
            ev.date.basis not in ("explicit", "relative")
            or not host.date.value
            or (ev.date.value or "") >= host.date.value
        ):
            _absorb(host, ev, add_actors=False)
            continue
        keep.append(ev)
    return keep


def _absorb(target: Event, ev: Event, add_actors: bool = True) -> None:
    for k, v in ev.quantities.items():
        target.quantities[k] = max(target.quantities.get(k, 0), v)
    if ev.certainty == "hedged":
        target.certainty = "hedged"
    if not add_actors:
        return
    known = {a.id for a in target.actors}
    for a in ev.actors:
        if a.role == "target" and a.id not in known and not a.unidentified:
            target.actors.append(a)


#: A sentence whose subject is the weapon of an act told before: "The explosives had been
#: hidden in a cart and were detonated ...", "Police said the device was set off ...".
_WEAPON_SUBJECT = re.compile(
    r"\W*(?:(?:police|investigators|officials|the (?:police|army|military)|security sources|"
    r"a (?:police )?spokesman)\s+(?:said|say|believe|added)\s+(?:that\s+)?)?"
    r"(?:the|that)\s+(?:[\w-]+\s+)?(explosives?|bombs?|devices?|ieds?|mines?|charges?|"
    r"vests?|belts?)\b(?:,[^,]{0,80},)?"
    r"\s+(?:had\s+been|has\s+been|were|was|had|is|are)\b"
)


def _fold_weapon_details(new: list[Event], previous: list[Event]) -> list[Event]:
    """Fold a sentence telling how the weapon of the act just told was used into that act.

    "A bomb exploded at a market ... The explosives had been hidden in a cart and were
    detonated remotely": the second sentence details the bombing; with no day of its own
    it tells no second one. Its targets and tolls are added; its doer is not (a detail
    such as "by a suspected member of X" is not the article's account of who did it).
    """
    last = next((ev for ev in reversed(previous[-3:]) if top_key(ev.type) in ACT_TOPS), None)
    if last is None or last.negated:
        return new
    keep: list[Event] = []
    for ev in new:
        if (
            top_key(ev.type) in ACT_TOPS
            and ev.date.basis not in ("explicit", "relative")
            and not ev.negated
            and (ev.type in lineage(last.type) or last.type in lineage(ev.type))
        ):
            _absorb(last, ev)
            last.other_mentions.append(ev.mention)
            continue
        keep.append(ev)
    return keep


def _last_group(previous: list[Event]) -> ActorRef | None:
    """The armed group most recently named in the article (for "the group's leader")."""
    for ev in reversed(previous):
        for a in ev.actors:
            if a.kind == "armed_group":
                return a
            if a.kind == "person" and a.affiliation:
                return ActorRef(id=a.affiliation, name=a.name.rsplit(" ", 1)[0], kind="armed_group")
    return None


#: "the area", "the same valley", "nearby villages": a place named earlier in the story.
_PLACE_ANAPHOR = re.compile(
    r"\b(?:[Tt]he|this|that)\s+(?:(?:same|affected|two|three|targeted|attacked|stricken|"
    r"nearby|surrounding)\s+)?(?:area|district|town|village|villages|communities|city|"
    r"province|region|base|camp|scene|site|valley|orchards|neighbourhood|neighborhood)\b|"
    r"\b(?:nearby|surrounding)\b"
)
#: A report of an act told before: "confirmed the attack", "condemned the strike".
_REF_VERB_BEFORE = re.compile(
    r"\b(?:confirmed|condemned|denied|acknowledged|described|claimed|reported|blamed|"
    r"investigating|into|after|since)\s+$"
)
#: "This strike follows an operation on May 28": the date is the other act's.
_SEQUENCE_AFTER = re.compile(r"\s+(?:follows|followed|came|comes|was the|is the)\b")
#: Statements about an act told before ("claimed the attack", "denied any role").
_FOLLOW_UP_TYPES = frozenset({"claim_of_responsibility", "denial"})


#: The act a claim names ("claimed the bombing", "claimed responsibility for the attack").
_CLAIMED_NOUN = re.compile(
    r"\b(attack|strike|bombing|blast|explosion|raid|killing|killings|ambush|assault|"
    r"abduction|kidnapping|shooting|operation)s?\b"
)


def _inherit_targets(events: list[Event]) -> list[Event]:
    """Give a claim of responsibility the targets of the act it claims.

    News reports the act first and the claim after it ("JNIM claimed responsibility",
    "ISKP later claimed the killing"): whoever was hit by that act is what the claim is
    about. The referent is the latest earlier act the claim's noun fits ("the killing"
    is a killing), or the latest earlier act when the claim names none. A claim that
    names its own victims ("said its fighters had killed 21 soldiers") keeps them.
    """
    for ev in events:
        if ev.type != "claim_of_responsibility" or ev.negated or ev.targets:
            continue
        here = ev.mention.text.find(ev.trigger)
        acts = [p for p in _acts_before(events, ev, here) if p.targets]
        if not acts:
            continue
        noun = _CLAIMED_NOUN.search(_lower(ev.mention.text), max(0, here))
        word = noun.group(1).rstrip("s") if noun else None
        fitting = [p for p in acts if word is None or _anaphor_fits(word, p.type)]
        source = (fitting or acts)[-1]
        known = {a.id for a in ev.actors}
        for t in source.targets:
            if t.id not in known:
                ev.actors.append(dataclasses.replace(t, role="target"))
    return events


def _acts_before(events: list[Event], ev: Event, here: int) -> list[Event]:
    """The asserted acts (and killings) told before `ev`'s trigger at offset `here`."""
    return [
        p
        for p in events
        if p is not ev
        and (
            p.mention.start < ev.mention.start
            or (p.mention.start == ev.mention.start and p.mention.text.find(p.trigger) < here)
        )
        and not p.negated
        and (top_key(p.type) in ACT_TOPS or top_key(p.type) == "killing")
    ]


def _agents_from_claims(events: list[Event]) -> list[Event]:
    """Give an act whose doers are unknown the group that claims it, or that is blamed.

    "Gunmen attacked the camp ... The Jaish al-Adl group claimed responsibility for the
    attack": the claimant is an agent of the act too; so is the group the reporting side
    blames ("the doctors' network blamed the RSF"). The referent is found as for the claim's
    targets (the latest earlier act the claim's noun fits); a hedged or denied claim, or
    an act whose agent the text names, is left as it is.
    """
    for ev in events:
        if ev.negated or ev.certainty == "hedged":
            continue
        if ev.type == "claim_of_responsibility":
            claimants = [a for a in ev.agents if not a.unidentified and a.kind != "person"]
        elif ev.type == "accusation" and ev.trigger.lower().startswith("blame"):
            # "The group blamed the RSF", "Police blamed the attack on al-Shabaab": whom
            # the reporting side blames is the act's doer, as with "attributed to"
            claimants = [a for a in ev.targets if a.kind in ("armed_group", "state_military")]
        else:
            continue
        if not claimants:
            continue
        here = ev.mention.text.find(ev.trigger)
        acts = _acts_before(events, ev, here)
        if not acts:
            continue
        noun = _CLAIMED_NOUN.search(_lower(ev.mention.text), max(0, here))
        word = noun.group(1).rstrip("s") if noun else None
        fitting = [p for p in acts if word is None or _anaphor_fits(word, p.type)]
        act = (fitting or acts)[-1]
        if any(not a.unidentified for a in act.agents):
            continue
        # the group that says the unknown men were its own replaces them as the doer
        # ("When a group claims the attack, the attack's agent is that group")
        if ev.type == "claim_of_responsibility":
            act.actors = [a for a in act.actors if not (a.role == "agent" and a.unidentified)]
        act.actors += [dataclasses.replace(a, role="agent") for a in claimants]
    return events


#: The act a protest answers, told in an "after" clause: "after a rebel attack killed 18".
_CAUSE_KILLED = re.compile(
    r"\b(?:after|over|following|in anger at)\s+(?:an?|the|last\s+\w+['’]s)\s+[^.;]{0,60}?\bkilled\s+"
    r"(?:at least\s+|more than\s+|some\s+|about\s+)?(\w[\w,-]*)",
    re.I,
)


def _protest_cause_tolls(events: list[Event]) -> list[Event]:
    """Take from a protest the dead of the act it protests against.

    "Hundreds of protesters stormed the town hall on Wednesday, demanding protection after
    a rebel attack killed 18 villagers": the 18 were killed by the rebels days before; the
    protest's own toll is told as its own ("two protesters were shot dead").
    """
    protests = {ev.mention.start for ev in events if ev.type == "protest"}
    for ev in events:
        # (the protesters' own violence told in the protest's sentence: "stormed the town
        # hall" is theirs too)
        if ev.mention.start not in protests or "killed" not in ev.quantities:
            continue
        cause = _CAUSE_KILLED.search(ev.mention.text)
        if cause is not None and _number(cause.group(1)) == ev.quantities["killed"]:
            del ev.quantities["killed"]
    return events


def _observer_warnings(events: list[Event]) -> list[Event]:
    """A warning by an aid agency or a UN body is a statement, not a threat.

    "The World Food Programme has warned that parts of the region face famine", "the UN
    mission warned that attacks on civilians could amount to war crimes": an observer
    warns of a danger; it does not threaten to act.
    """
    for ev in events:
        if (
            ev.type == "threat"
            and ev.trigger.lower().startswith("warn")
            and ev.agents
            # (bodies the registry knows: a minted "Interior Cabinet Secretary" is an official)
            and all(a.kind == "organization" and not a.id.startswith("x-") for a in ev.agents)
        ):
            ev.type = "statement"
            ev.types = list(_lineage("statement"))
    return events


def _one_congo(events: list[Event]) -> list[Event]:
    """Drop the Republic of Congo from an event that is also placed in DR Congo.

    Wire copy calls DR Congo plain "Congo" ("fighting flares in eastern Congo"), which the
    gazetteer reads as the Republic of Congo; an event placed in Ituri or North Kivu is
    not also across the river in Brazzaville.
    """
    for ev in events:
        if (
            len(ev.places) > 1
            and any(p.country == "CG" for p in ev.places)
            and any(p.country == "CD" for p in ev.places)
        ):
            ev.places = [p for p in ev.places if p.country != "CG"]
    return events


def _also_acts(events: list[Event]) -> list[Event]:
    """Give an undated act told with "also" the day and the doer of the act just before it.

    "On Monday morning, Russian artillery shelled Kupiansk ... A glide bomb also struck a
    building in Velykyi Burluk": "also" adds a second act to the first one's day, by the
    same side when the sentence names none. Only the act told right before, in the same
    or the next paragraph, lends them.
    """
    prev: Event | None = None
    for ev in events:
        top = top_key(ev.type)
        if top not in ACT_TOPS:
            continue
        if (
            prev is not None
            and ev.date.value is None
            and not ev.negated
            and prev.date.precision == "day"
            and prev.article is ev.article
            and ev.mention.start - prev.mention.end >= 0
            and len(_PARAGRAPH_BREAK.findall(ev.article.text, prev.mention.end, ev.mention.start))
            <= 1
        ):
            here = ev.mention.text.find(ev.trigger)
            # ("A glide bomb also struck": "also" may follow the weapon the trigger names)
            also = _ALSO_BEFORE.search(ev.mention.text, 0, max(here, 0) + len(ev.trigger) + 8)
            if also is not None and here >= 0:
                ev.date = dataclasses.replace(prev.date)
                if not any(not a.unidentified for a in ev.agents):
                    ev.actors = [a for a in ev.actors if a.role != "agent"] + [
                        a for a in prev.actors if a.role == "agent" and not a.unidentified
                    ]
        prev = ev
    return events


#: "also" in the clause of an act: "A glide bomb also struck", "Drones also hit".
_ALSO_BEFORE = re.compile(r"\balso\b")


def _inherit_places(events: list[Event]) -> list[Event]:
    """Give a placeless event the places of the event told before it, when it refers back.

    News names the place once and then says "the area", "the town", "nearby villages";
    a claim or a denial is about the act just reported. Other placeless events (a
    threat, a comment) keep no place: nothing says where they happened.
    """
    last: Event | None = None
    for ev in events:
        if (
            not ev.places
            and last is not None
            and (
                ev.type in _FOLLOW_UP_TYPES
                or _PLACE_ANAPHOR.search(ev.mention.text)
                or _same_paragraph_act(last, ev)
            )
        ):
            ev.places = list(last.places)
        if ev.places:
            last = ev
    return events


def _same_paragraph_act(last: Event, ev: Event) -> bool:
    """Whether a placeless act follows a located one in the same paragraph.

    "On 4 November, shells hit the hospital compound": a paragraph names its place once,
    and the acts told after it in that paragraph happened there.
    """
    if top_key(ev.type) not in _INHERITING_TOPS or last.article is not ev.article:
        return False
    start, end = last.mention.end, ev.mention.start
    if start < 0 or end < start:
        return False
    return _PARAGRAPH_BREAK.search(ev.article.text, start, end) is None


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
#: Acts that happened where the paragraph's last located act did, when they name no place.
_INHERITING_TOPS = frozenset({"air_or_drone_strike", "attack", "armed_clash", "killing", "arrest"})


_LOCATIVE = re.compile(
    r"(?:\b(?:in|into|inside|from|across|near|to|towards|toward|within|throughout|at|outside)"
    r"|\b(?:border|frontier|crossing|boundary)\w*\s+(?:between|with|of)"
    r"|\b(?:border|frontier|crossing|boundary)\w*\s+between\s+[\w'’ -]{2,30}\s+and"
    r"|\b(?:in|into|from|across|near|at|to|within|throughout|inside)\s+[\w'’ -]{2,30}\s+and)\s*$",
    re.I,
)


def _settle_overlaps(
    text: str, places: list[tuple[int, int, Place]], actors: list[_Actor]
) -> tuple[list[tuple[int, int, Place]], list[_Actor]]:
    """A span found both as a place and as an actor is one of the two.

    A country or capital after a locative word ("in Iraq", "between Iraq and Syria") or
    inside a border phrase is a place; one acting ("Damascus said") is an actor. Places
    inside a named organisation or outlet ("ISNA", "Iraqi News Agency") are dropped.
    """
    keep_places: list[tuple[int, int, Place]] = []
    dropped_actors: set[int] = set()
    for s, e, p in places:
        overlapping = [a for a in actors if a.start < e and s < a.end]
        if not overlapping:
            keep_places.append((s, e, p))
            continue
        a = overlapping[0]
        if (
            p.level != "country"
            and not _COMPASS_WORD.match(text, s)
            and all(s <= x.start and x.end <= e and x.end - x.start < e - s for x in overlapping)
            and all(x.ref.kind in _STATE_KINDS for x in overlapping)
        ):
            # "Port Sudan", "Mount Lebanon": a country's name inside a longer place name is
            # part of the place, not the state acting
            keep_places.append((s, e, p))
            dropped_actors.update(id(x) for x in overlapping)
            continue
        exact = a.start == s and a.end == e
        if p.level == "border" or (
            exact
            and a.ref.kind in ("government", "state_military")
            and _LOCATIVE.search(text[:s])
            and not re.match(
                r"\s+(said|says|has|have|had|is|was|will|would|announced|accused|denied|struck|launched|warned|and\s+\w+\s+(?:said|agreed|signed))\b",
                text[e:],
            )
        ):
            keep_places.append((s, e, p))
            dropped_actors.update(id(x) for x in overlapping)
    return keep_places, [a for a in actors if id(a) not in dropped_actors]


#: "southern Lebanon", "North Darfur": a part of a country told by its compass point (read
#: as before, the country naming the state inside it), unlike "Port Sudan".
_COMPASS_WORD = re.compile(
    r"(?:north|south|east|west|central|upper|lower)(?:ern|-?east|-?west)*\w*\s", re.I
)


#: What may stand before a country or capital that the text locates something in:
#: "in northern Syria", "from Yemen", "the north of Iraq", "across the border into Syria".
_STATE_LOCATED = re.compile(
    r"(?:\b(?:in|into|inside|from|across|near|at|to|towards|toward|within|throughout|outside|"
    r"around|over|along|off|via|through|beyond|between)"
    r"|\b(?:north|south|east|west|centre|center|heart|parts?|outskirts|border|borders|coast|"
    r"rest|interior|capital|city|town|province|region|territory|skies|soil|airspace|side)\s+of)"
    r"\s+(?:the\s+)?(?:(?:\w+-)?(?:north|south|east|west)\w*\s+|central\s+|occupied\s+|"
    r"neighbou?ring\s+|rebel-held\s+|government-held\s+)?$"
)


_PAIR_BEFORE = re.compile(r"(?:,\s*|\s+)(?:and|or)\s+(?:the\s+)?$|,\s+$")


@functools.lru_cache(maxsize=16)
def _said_tail(low: str) -> re.Match[str] | None:
    """The closing report of a lower-cased sentence (", the army said ..."), read once."""
    if low is _LAST_TAIL[0]:
        return _LAST_TAIL[1]  # asked again for the same sentence (attribution, places)
    found = _SAID_TAIL.search(low)
    _LAST_TAIL[0], _LAST_TAIL[1] = low, found
    return found


#: The last sentence :func:`_said_tail` read and its answer.
_LAST_TAIL: list = ["", None]


def _said_tail_start(text: str) -> int | None:
    """Where the closing report of a sentence starts, if it has one."""
    m = _said_tail(_lower(text))
    return m.start() if m else None


#: Before a participle used as an adjective in a list: "escorts for farmers, agreed ...".
_LIST_BEFORE = re.compile(r"(?:,|\band|\bor|\bof|\bfor|\bwith)\s+$")
#: A bare noun phrase after "agreed" (no "to", "on", "that", determiner or date).
_BARE_NOUN_AFTER = re.compile(
    r"\s+(?!(?:to|on|that|with|upon|in|at|by|a|an|the|its|their|his|her|this|these|those|"
    r"last|late|early|after|before|during|under|earlier|previously|not|and|or|over|for|from|"
    r"within|between|among)\b)[a-z][\w-]*\s+[a-z]"
)
#: A noun in a "without" phrase: "Without shared intelligence and joint patrols".
_WITHOUT_BEFORE = re.compile(r"\b[Ww]ithout\s+(?:[\w-]+\s+){0,4}$")
#: A noun after these counts a series of acts, not one ("a string of assaults").
_SERIES_OF = re.compile(
    r"\b(?:latest|newest|last|amid|one|part|following)\s+(?:in\s+|of\s+)?(?:an?|the)\s+"
    r"(?:[\w-]+\s+)?(?:string|series|wave|spate|spree|rise|surge|spike|campaign)\s+"
    r"of\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: A participle after a determiner is an adjective: "the detained official".
_ATTRIBUTIVE = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hese|[Tt]hose)\s+$")
#: A deal named by its noun before the verb: "the ceasefire agreed in November".
_AGREED_NOUN = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat)\s+(?:[\w-]+\s+){0,2}?(?:ceasefire|truce|deal|"
    r"agreement|accord|pact|treaty|arrangement)\s+$"
)
#: A deal an act was done under: "under the security agreement", "under the agreement
#: the two countries signed in May" (the noun, then the verb of its relative clause).
_UNDER_DEAL = re.compile(
    r"\b(?i:under)\s+(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hat)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:(?i:agreement|deal|accord|pact|treaty|memorandum|arrangement)\s+(?:(?:that|which)\s+)?"
    r"(?:[\w'’-]+\s+){1,3})?$"
)
#: The charge a court or prosecutor names: "sentenced ... for murder", "convicted of the
#: bombing", "charged with terrorism".
_CHARGED_WITH = Prefiltered(
    re.compile(
        r"\b(?:sentenced\b[^.;]{0,70}\bfor|convicted\s+(?:\w+\s+)?of|charged\s+(?:\w+\s+)?with|"
        r"guilty\s+of|on\s+charges?\s+of|indicted\s+(?:\w+\s+)?(?:for|on))\s+(?:[\w'’-]+\s+){0,3}$"
    ),
    needs=("sentenced", "convicted", "charged", "guilty", "charges", "indicted"),
)
_CHARGE_WORDS = re.compile(r"sentenced|convicted|charged|guilty|charges|indicted")
_DESCRIBED_WORDS = re.compile(r"responsible|blamed|known|wanted|notorious|infamous|behind|involved")
#: The charge ends its clause soon, with no day or count of its own.
_BARE_CHARGE_END = re.compile(r"[^.,;:\d]{0,30}(?:[.,;:]|$)")
#: What a person or group is known for, not an act this report tells: "who was
#: responsible for rocket launches", "blamed for attacks on ...".
_DESCRIBED_BY = Prefiltered(
    re.compile(
        r"\b(?:responsible|blamed|known|wanted|notorious|infamous|behind|involved)\s+(?:for|in)\s+"
        r"(?:[\w'’-]+\s+){0,3}$"
    )
)
_DETERMINERS = ("the", "this", "these", "those")


def _participle_first(text: str, start: int, end: int, key: str) -> bool:
    """Whether a verb trigger after "the" reads as a participle ("the detained official").

    A strike trigger of several words that opens with its weapon and a simple past ("drone
    hit", "air force struck", "warplanes bombed") is the subject and its verb: after "the"
    it is still a report. (With "had" it is a side's retelling, "the air force had
    targeted ...", left to the rules of retellings.)
    """
    space = text.find(" ", start, end)
    if space == -1 or top_key(key) not in _STRIKE_TOPS:
        return True
    if text[start:space].lower().endswith(("ed", "en", "wn")):
        return True
    return _AUXILIARY_WORD.search(text, start, end) is not None


_STRIKE_TOPS = frozenset({"air_or_drone_strike"})
_AUXILIARY_WORD = re.compile(r"\b(?:had|have|has|was|were|is|are)\b")


def _drop_bare_states(
    text: str, places: list[tuple[int, int, Place]]
) -> list[tuple[int, int, Place]]:
    """Countries and capitals the sentence does not locate anything in are no event places.

    A state named as a party ("Washington has long encouraged", "ministers of Mali,
    Burkina Faso and Niger agreed", "brokered by the United States") or as the owner of
    an actor ("Yemen's Houthi movement", "Lebanon's health ministry") says who, not where;
    the place of the event comes with a locative ("in northern Syria", "from Yemen"). A
    country that contains a place named in the sentence is added back as that place's
    parent (see _places), so "Somalia's Lower Shabelle region" keeps Somalia. A dateline
    ("PESHAWAR, Pakistan, Nov 26 -") says where the reporter filed from, not where the
    event was, and is dropped by the same rule.
    """
    if not places:
        return places
    filed = _DATELINE_PLACE.match(text) or _AGENCY_DATELINE.match(text)
    if filed and any(s >= filed.end() and p.level != "country" for s, _e, p in places):
        # "MEXICO CITY - Gunmen killed six people in Culiacan": the town of the dateline
        # is where the reporter was; the sentence says where it happened.
        places = [(s, e, p) for s, e, p in places if s >= filed.end()]
    low = _lower(text)
    out: list[tuple[int, int, Place]] = []
    for s, e, p in places:
        state = p.level == "country" or (p.level == "city" and _capital_country(p.name))
        if state and p.level == "city" and _FACILITY_AFTER_NAME.match(low, e):
            state = False  # "Port Sudan airport", "Kabul airport": the city's site, a place
        if state and not _STATE_LOCATED.search(low, max(0, s - 60), s):
            # "in Iraq and Syria": the second of a pair shares the first one's locative.
            pair = _PAIR_BEFORE.search(low, max(0, s - 8), s)
            if not (pair and out and out[-1][1] == pair.start()):
                continue
        out.append((s, e, p))
    return out


def _drop_speaker_places(
    low: str, places: list[tuple[int, int, Place]]
) -> list[tuple[int, int, Place]]:
    """Where the speaker sits is not where the act was, when the sentence says where it was.

    "Special forces detained the suspect at Berlin's airport, the prosecutor's office in
    Karlsruhe said": Berlin, not Karlsruhe. (Alone, "officials in Kidal said" keeps Kidal:
    the officials of a town speak of what happened there.)
    """
    tail = _said_tail(low)
    if tail is None:
        return places
    ts, te = tail.span(1)
    inside = [p for p in places if ts <= p[0] < te]
    if inside and any(p[2].level != "country" for p in places if not ts <= p[0] < te):
        return [p for p in places if not ts <= p[0] < te]
    return places


def merge_same_events(events: list[Event]) -> list[Event]:
    """One event per incident within an article: later reports fold into the first.

    Uses the linker's rule (:func:`kb.link.same.same_incident`), so an article that
    tells one strike in three sentences yields one event with three mentions.
    """
    if len(events) < 2:
        return events
    from kb.link.incidents import infos_from_events

    numbering = {ev.id: i for i, ev in enumerate(events)}
    infos = infos_from_events(events, numbering)
    by_iri = {info.iri: events[i] for i, info in enumerate(infos)}
    out: list[Event] = []
    for group in _components(infos, by_iri):
        members = sorted((by_iri[g.iri] for g in group), key=_text_order)
        first = members[0]
        for other in members[1:]:
            _merge_event(first, other)
        out.append(first)
    out.sort(key=_text_order)
    return out


def _front_tally(ev: Event) -> bool:
    """Whether an event is a counted tally of repelled assaults ("repelled 14 assaults")."""
    if top_key(ev.type) != "armed_clash" or not ev.trigger.lower().startswith(("repel", "repuls")):
        return False
    at = ev.mention.text.lower().find(ev.trigger.lower())
    return at >= 0 and _COUNTED_ASSAULTS.match(ev.mention.text, at + len(ev.trigger)) is not None


def _text_order(ev: Event) -> tuple[int, bool, str]:
    """Events in text order; in one sentence, ", accusing X of ..." after what it hangs on."""
    return (ev.mention.start, ev.trigger.lower() in _PARTICIPLES, ev.id)


def _components(infos: list, by_iri: dict[str, Event]) -> list[list]:
    """The linker's components (:func:`kb.link.same.components`), with one rule of its own.

    Within one article, two acts the writer dates to different days are two incidents:
    across outlets a day's difference is a discrepancy to allow, inside one story it is
    the story telling what happened on each day ("on Thursday ... On Friday morning ...").
    """
    from kb.link.same import candidate_pairs, same_incident

    ordered = sorted(infos, key=lambda r: r.iri)
    parent = list(range(len(ordered)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(ordered))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(candidate_pairs(ordered)):
        ri, rj = find(i), find(j)
        if ri == rj or not same_incident(ordered[i], ordered[j]):
            continue
        if any(
            _told_apart(by_iri[ordered[a].iri], by_iri[ordered[b].iri])
            for a in members[ri]
            for b in members[rj]
        ):
            continue
        parent[rj] = ri
        members[ri].extend(members.pop(rj))
    groups: dict[int, list] = {}
    for i, r in enumerate(ordered):
        groups.setdefault(find(i), []).append(r)
    return sorted(groups.values(), key=lambda g: g[0].iri)


def _told_apart(a: Event, b: Event) -> bool:
    """Whether the article tells two events apart: other days, or other sides acting.

    The linker compares two reports; an article's events are merged in groups, and a
    group joined through a report that names no side ("two workers were injured") must
    not bring a Russian strike and a Ukrainian one together.
    """
    if _other_day(a, b) or a.negated != b.negated or _places_apart(a, b):
        return True
    if _national_salvo(a) != _national_salvo(b) and (
        _local(a) if _national_salvo(b) else _local(b)
    ):
        # "Russia launched 412 drones and 28 missiles at Ukraine overnight ... a drone hit
        # a warehouse in Brovary": the night's salvo over the country and one hit in a town
        # are told as two events (as monitors count them)
        return True
    if _front_tally(a) != _front_tally(b):
        # "its forces had repelled 14 Russian assaults over the past day": a day's tally of
        # the fighting on a front, not the strike on a city the story told before
        return True
    if _background(a) != _background(b):
        # "Earlier reports had already indicated that its ideologue had been killed": told
        # as what happened before the story, in an article with no date to tell them apart
        return True
    if top_key(a.type) == "statement" == top_key(b.type):
        if a.type != b.type:
            return True  # an accusation and a condemnation are two statements, not one
        # Two speakers are two statements, even when one is an office or a body the
        # registry does not know ("the Presidential Council" after "the UN mission").
        said_a = {x.id for x in a.agents if not x.unidentified and x.id != "civilians"}
        said_b = {x.id for x in b.agents if not x.unidentified and x.id != "civilians"}
        if said_a and said_b and not said_a & said_b:
            return True
    if (
        a.mention.start != b.mention.start
        and a.mention.text[:1] in _BULLET_CHARS
        and b.mention.text[:1] in _BULLET_CHARS
        and _PLACE_ITEM.match(a.mention.text)
        and _PLACE_ITEM.match(b.mention.text)
    ):
        # two items of a round-up by place ("- Bannu: ...", "- Mir Ali: ..."): two
        # incidents (highlights that repeat the story have no place heading)
        return True
    if a.mention.start != b.mention.start:
        head_a, head_b = _section_heading(a), _section_heading(b)
        if head_a and head_b and head_a != head_b:
            # two paragraphs of a round-up by country ("MOZAMBIQUE. ...", "CAMEROON. ..."):
            # two incidents, whatever the one without a place of its own lacks
            return True
    later = b if (b.mention.start, b.id) > (a.mention.start, a.id) else a
    if _separate(later) or _opened_earlier(a, b):
        return True
    mine = {x.id for x in a.agents if _strong(x)}
    theirs = {x.id for x in b.agents if _strong(x)}
    if _weapons_apart(a, b) or _weapons_apart(b, a):
        # "Russia launched 97 drones overnight ... a guided bomb hit Sumy": the text names
        # each act's weapon, and they differ
        return True
    if (_own_strike(a) and not mine & theirs) or (_own_strike(b) and not mine & theirs):
        # "CENTCOM said its forces had destroyed a vessel": a military's report of its own
        # act, the same incident only when the other report names the same side
        return True
    ta, tb = top_key(a.type), top_key(b.type)
    if (
        ta != tb
        and ta in ACT_TOPS
        and tb in ACT_TOPS
        and (mine & {x.id for x in b.targets} or theirs & {x.id for x in a.targets})
    ):
        # "fighters attacked army posts ... army aircraft struck the fleeing fighters": the
        # side attacked hitting back by other means is an act of its own
        return True
    if ta != tb and ta in ACT_TOPS and tb in ACT_TOPS and a.targets and b.targets:
        ids_a = {x.id for x in a.targets}
        ids_b = {x.id for x in b.targets}
        if not ids_a & ids_b and not (
            {x.id for x in a.agents} & {x.id for x in b.agents} - {"unidentified"}
        ):
            # "a ship was hit by projectiles ... Israeli warplanes struck the ports": other
            # means against other targets
            return True
    if not (mine and theirs) or mine & theirs:
        return False
    # The side hit fights back ("the fighters fought troops for hours"): one act.
    return not (mine & {x.id for x in b.targets} or theirs & {x.id for x in a.targets})


#: The speaker labels of a transcript or an interview ("PRESENTER:", "REPORTER:").
_SPEAKER_LABELS = frozenset(
    {
        "PRESENTER",
        "CORRESPONDENT",
        "REPORTER",
        "HOST",
        "ANCHOR",
        "INTERVIEWER",
        "GUEST",
        "SPEAKER",
        "MODERATOR",
        "Q",
        "A",
    }
)
#: A paragraph opening with a heading in capitals: "SOMALIA. ...", "SOUTH SUDAN: ...".
_SECTION_HEAD = re.compile(r"([A-Z][A-Z'’ -]{2,40}[A-Z])[.:] ")


def _section_heading(ev: Event) -> str | None:
    """The capitalised heading of the paragraph an event is told in, if it has one."""
    text = ev.article.text
    at = ev.mention.start
    if at < 0 or at > len(text):
        return None
    m = _SECTION_HEAD.match(text, text.rfind("\n", 0, at) + 1)
    if m is None or m.group(1).split()[-1] in _SPEAKER_LABELS:
        return None  # ("CORRESPONDENT: ...": who speaks in a transcript, not a section)
    return m.group(1)


#: The writer telling a new act apart: "Separately, ...", "In a separate incident",
#: "another group attacked", "a second drone struck".
_SEPARATE = re.compile(
    r"^(?:separately|elsewhere|in (?:a|another) separate|in another)\b|"
    # "Later on Saturday, warplanes struck ...", "Hours later, gunmen attacked ...": the
    # writer's sequence, a further act of the day
    r"^(?:later (?:on|that|in the)|(?:hours|minutes) later)\b|"
    r"\b(?:another|a second|a third|a separate|a further)\s+(?:[\w-]+\s+)?"
    r"(?:group|attack|strike|raid|drone|bomb|blast|explosion|ambush|incident|operation|"
    r"missile|shell|gunmen|assault|convoy|village|vessel|ship)\b|"
    # "the armed men also kidnapped two young women": people taken besides those killed,
    # an act of its own
    r"\balso\s+(?:\w+\s+)?(?:kidnapped|abducted)\b",
    re.I,
)


#: "Earlier this month, insurgents ambushed a truck", "Two weeks ago, a bomb ...": a
#: sentence opened by an earlier time of its own tells another act than the story's, even
#: one whose span (the month) contains the story's day.
_EARLIER_OPENER = re.compile(
    r"^(?:earlier (?:this|last) (?:month|year)|last (?:week|month|year)|"
    r"(?:two|three|four|several|\d+) (?:weeks|months) ago|"
    r"in (?:early |mid-|late )?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december))\s*,",
    re.I,
)


def _opened_earlier(a: Event, b: Event) -> bool:
    """Whether the later of two events of two sentences opens with an earlier time."""
    if a.mention.start == b.mention.start:
        return False
    later = b if b.mention.start > a.mention.start else a
    return bool(_EARLIER_OPENER.match(later.mention.text.lstrip()))


#: A military telling its own act (see the trigger in kb.extract.triggers): "said its
#: forces had struck a deployment point".
_OWN_STRIKE = re.compile(
    r"\b(?:its|their) (?:forces|troops|units) (?:had |have |has )?(?:struck|destroyed)$", re.I
)


_DRONE_WORD = re.compile(r"\b(?:drones?|uavs?|unmanned|quadcopters?)\b", re.I)
_OTHER_WEAPON = re.compile(
    r"\b(?:bombs?|warplanes?|jets?|aircraft|helicopters?|air ?strikes?|air raids?|missiles?|"
    r"rockets?|shells?|shelling|artillery|mortars?)\b",
    re.I,
)


def _weapons_apart(drone: Event, other: Event) -> bool:
    """Whether `drone` is a drone strike and `other` an air or missile strike, each trigger
    naming its own weapon (a drone strike and a bomb are two acts, not one told twice)."""
    return (
        drone.type == "drone_strike"
        and other.type in ("airstrike", "shelling")
        and bool(_DRONE_WORD.search(drone.trigger))
        and not _OTHER_WEAPON.search(drone.trigger)
        and bool(_OTHER_WEAPON.search(other.trigger))
        and not _DRONE_WORD.search(other.trigger)
    )


def _own_strike(ev: Event) -> bool:
    """Whether an event is a military's report of its own strike (see _OWN_STRIKE)."""
    if ev.trigger.lower() not in ("struck", "destroyed"):
        return False
    at = ev.mention.text.find(ev.trigger)
    return at >= 0 and bool(_OWN_STRIKE.search(ev.mention.text, 0, at + len(ev.trigger)))


def _separate(ev: Event) -> bool:
    """Whether a sentence tells its act apart from those before it (see _SEPARATE)."""
    text = ev.mention.text
    end = text.find(ev.trigger)
    head = text[: end + len(ev.trigger)] if end >= 0 else text
    return bool(_SEPARATE.search(head))


#: Kinds of actor that police or fight a protest rather than take part in it.
_STATE_FORCES = frozenset({"state_military", "security_service"})

#: A phrase ending just before an actor that sets it aside or only describes someone
#: already named: "rather than the army", "instead of police", "was not merely a local
#: commander but ..." ("not only X but also Y" lists X as involved, so it is not here).
_CONTRASTED = re.compile(
    r"(?:\b(?:rather\s+than|instead\s+of|no\s+mere)\s+(?:(?:an?|the|some)\s+)?"
    r"|\b(?:is|was|are|were|be|been)\s+not\s+(?:merely|just|simply|solely)\s+(?:an?\s+)?)$",
    re.IGNORECASE,
)


#: "in coordination with", "backed by", "with the help of": the actor after it acted
#: with the subject ("arrested two men in coordination with Iraqi intelligence").
_CO_AGENT_MARKER = re.compile(
    r"\b(?:(?P<aide>in\s+(?:close\s+|full\s+)?(?:coordination|cooperation|collaboration|"
    r"partnership)\s+with|with\s+the\s+(?:\w+\s+)?(?:help|support|backing|assistance|aid)\s+"
    r"of|(?:supported|aided|assisted|helped)\s+by|"
    # ("arrested a suspect during a joint operation with the military": the partner was in
    # the operation, the act is the one of the subject)
    r"(?:in\s+|during\s+)?(?:an?\s+|the\s+)?joint\s+(?:[\w-]+\s+)?(?:operations?|raids?|"
    r"mission|patrols?|offensive)\s+with|"
    # ("acting on information shared by Syria": who informed the doer took part)
    r"(?:information|intelligence|tip-?offs?|data)\s+(?:(?:that\s+|which\s+)?(?:was|were|had\s+been)"
    r"\s+)?(?:shared|provided|supplied|passed\s+on|relayed|given)\s+by|"
    r"(?:information|intelligence|tip-?offs?)\s+(?:received\s+)?from)|"
    r"in\s+conjunction\s+with|jointly\s+with|"
    r"with\s+the\s+participation\s+of|backed\s+by|"
    r"(?:together|along)\s+with|alongside)"
    r"\s+(?:the\s+|its\s+|their\s+|local\s+|allied\s+)?(?:[\w'’-]+\s+){0,2}$"
)
# (a co-agent listed on: "in coordination with Iraqi intelligence and the coalition")
_CO_AGENT_AND = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?$")
# ("a vigilante militia that fights alongside the army": a description, not this act's)
_CO_AGENT_ASIDE = re.compile(r"\b(?:that|which|who)\s+(?:\w+\s+){1,2}$")
# ("together with", "along with" and "alongside" also join people held or killed
# together: only forces and governments are partners there)
_LOOSE_CO = re.compile(r"\b(?:together\s+with|along\s+with|alongside)\b")
_PARTNER_KINDS = frozenset({"state_military", "security_service", "government"})


def _co_agents(text: str, actors: list[_Actor], act_at: int) -> list[tuple[_Actor, str]]:
    """Actors named as acting with the subject, each with the role it takes in the act.

    `act_at` is where the act's trigger starts. The role is "agent" (fought or raided with the doer), "participant" (the doer acted
    in coordination with it or with its support) or "" when the partner is told in a
    relative clause describing someone ("a militia that fights alongside the army"):
    that one is kept out of the act.
    """
    low = _lower(text)
    out: list[tuple[_Actor, str]] = []
    last: _Actor | None = None
    how = ""
    for a in sorted(actors, key=lambda x: x.start):
        window = low[max(0, a.start - 90) : a.start]
        m = _CO_AGENT_MARKER.search(window)
        if m is not None:
            if (
                _LOOSE_CO.match(window, m.start())
                and a.ref.kind not in _PARTNER_KINDS
                # ("JNIM fighters, alongside Ansarul Islam militants, attacked": before
                # the act, beside its subject, any side is a partner)
                and a.start > act_at
            ):
                last = None
                continue
            how = "participant" if m.group("aide") else "agent"
            if _CO_AGENT_ASIDE.search(window, 0, m.start()):
                how = ""
            out.append((a, how))
            last = a
        elif (
            last is not None
            and last.end <= a.start
            and _CO_AGENT_AND.match(low[last.end : a.start])
        ):
            out.append((a, how))
            last = a
        else:
            last = None
    return out


_COOPERATION_NOUNS = ("cooperation", "security coordination", "intelligence sharing")
#: A cooperation noun as the subject of how things stand: "... has so far been better than
#: expected", "... remains limited", "... is good".
_STANDING_AFTER = re.compile(
    r"(?i:[^.;:,]{0,80}?\s(?:(?:has|have|had)\s+(?:so\s+far\s+|since\s+|also\s+|long\s+|"
    r"generally\s+|largely\s+|always\s+)?(?:been|improved|grown|deepened|remained|worsened|"
    r"suffered|stalled)|(?:is|are|was|were|remains?|remained|seems?|appears?)\s+(?:\w+ly\s+|"
    r"still\s+|now\s+)?(?:good|better|worse|poor|close|closer|strong|stronger|weak|limited|"
    r"excellent|effective|ineffective|key|vital|crucial|essential|important|fragile|uneven|"
    r"difficult|smooth|satisfactory|minimal|growing|improving))\b)"
)

#: The date label of an incident table's row, day first as NGO and UN reports write it:
#: "2.3 - 13/11 - Gotheye department. An IED ...", "14/11/2026 | Falmey | ...".
_ROW_DATE = re.compile(
    r"[ \t]*(?:[\w.]{1,8}[ \t]*[-–—|:][ \t]*)?(?:[*•–-][ \t]*)?"
    r"(?P<d>3[01]|[12]\d|0?[1-9])/(?P<m>1[0-2]|0?[1-9])(?:/(?P<y>(?:20)?\d\d))?"
    r"[ \t]*(?:[-–—|:]|\s(?=[A-Z]))"
)
#: How far before publication a row's day may lie (a weekly or monthly report's rows).
_ROW_DAYS_BACK = 120


def _date_table_rows(article: Article, events: list[Event]) -> None:
    """Date the events of an incident table's rows by the row's "dd/mm" label.

    The label stands at the head of the line, in a sentence of its own ("1.2 - 11/11 -
    Kollo department."), so the events told after it on the line have no date of their
    own. Day first is how such reports write it; a reading that falls after publication
    or months before it is not taken (a month-first date, a score, a fraction).
    """
    if article.published is None:
        return
    text = article.text
    for ev in events:
        if ev.date.value or ev.mention.start < 0:
            continue
        line = text.rfind("\n", 0, ev.mention.start) + 1
        m = _ROW_DATE.match(text, line)
        if m is None or m.end() > ev.mention.end:
            continue
        pub = article.published
        year = int(m["y"]) if m["y"] else pub.year
        if year < 100:
            year += 2000
        try:
            day = dt.date(year, int(m["m"]), int(m["d"]))
            if not m["y"] and day > pub:
                day = dt.date(year - 1, int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        if not (pub - dt.timedelta(days=_ROW_DAYS_BACK) <= day <= pub):
            continue
        label = m.group(0).strip(" \t-–—|:")
        label = label[label.find(m["d"]) :] if m["d"] in label else label
        ev.date = TimeSpan(
            label,
            day.isoformat(),
            "day",
            day,
            day,
            "explicit" if m["y"] else "relative",
        )


#: The terms of a deal: "It provides for regular meetings ... and joint patrols".
#: A deal as the subject of what it says: "as the peace agreement requires", "the accord
#: stipulates that ...".
_DEAL_SAYS = re.compile(
    r"\s+(?:requires|required|stipulates|stipulated|provides|provided|says|said|states|allows|"
    r"allowed|forbids|forbade|bans|banned|obliges|obliged|envisages|envisaged|grants|granted)\b"
)
_DEAL_NOUNS = ("agreement", "deal", "accord", "pact", "treaty", "ceasefire", "truce", "memorandum")
#: Acts to be stopped or prevented, in general: "unlikely to stop the attacks".
_STOP_BEFORE = re.compile(
    r"\b(?:stop|stopping|end|ending|halt|halting|prevent|preventing|curb|curbing|deter|"
    r"deterring|stem|stemming|counter|countering)\s+(?:the\s+|further\s+|future\s+|such\s+)?"
    r"(?:[\w-]+\s+)?$"
)
_PROVIDES_FOR = re.compile(
    r"(?i:\b(?:provides?|provided|providing|calls?|calling)\s+for\b|\b(?:envisages?|"
    r"envisaged|stipulates?|stipulated|foresees?|foresaw)\b)[^.;:]{0,100}$"
)
#: A fighter's side, not a fight: "fought alongside the army", "fought for the group",
#: "fought with al-Qaeda before joining ...".
_FOUGHT_IN_RANKS = re.compile(
    r"(?i:\s+(?:alongside|for|in\s+the\s+ranks\s+of|under)\s|\s+with\s[^.;]{0,80}?"
    r"\b(?:before|after|until)\s+(?:joining|he\s+joined|she\s+joined|they\s+joined|"
    r"defecting|switching)\b|\s+with\s[^.;]{0,60}?\band\s+(?:later|then)\s+joined\b)"
)

#: The weapon an act was done with, right before its noun: "... with a roadside bomb".
_INSTRUMENT_BEFORE = re.compile(
    r"\s(?i:with|using)\s+(?:(?i:an?|the|two|three|several|\d+)\s+)?(?:[\w-]+\s+){0,2}$"
)

_HIT_VERB = re.compile(r"\b(?i:struck|hit|attacked|targeted|ambushed|pounded|raked)\b")

#: A hunt for attackers told by its noun ("a search operation", "a combing operation").
_SEARCH_OPERATION = re.compile(
    r"(?i:search|clearance|pursuit|combing|mop-?up|mopping-up|cordon[- ]and[- ]search)"
    r" operations?\b"
)

#: What a cooperation is about: "intelligence on Islamic State cells", "to coordinate
#: against smuggling networks", "an agreement to fight al-Shabaab".
_SUBJECT_MARKER = re.compile(
    r"\b(?:on|against|targeting|about|concerning|regarding|over|to\s+(?:counter|fight|combat|"
    r"tackle|confront|defeat|curb|stop|track|dismantle|pursue|hunt\s+down))\s+"
    r"(?:the\s+|suspected\s+|remaining\s+|any\s+)?(?:(?!(?:with|and|between|by)\b)[\w'’-]+\s+)"
    r"{0,2}$"
)
_SUBJECT_AND = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?$")


def _subject_matter(text: str, actors: list[_Actor]) -> list[_Actor]:
    """The actors a cooperation or agreement is about, named after "on", "against", ..."""
    low = _lower(text)
    out: list[_Actor] = []
    last: _Actor | None = None
    for a in sorted(actors, key=lambda x: x.start):
        listed = (
            last is not None
            and last.end <= a.start
            and _SUBJECT_AND.match(low[last.end : a.start]) is not None
        )
        if listed or _SUBJECT_MARKER.search(low, max(0, a.start - 60), a.start):
            out.append(a)
            last = a
        else:
            last = None
    return out


#: A salvo counted over a country: "Russia launched 87 drones and two missiles at Ukraine".
_SALVO = re.compile(
    r"\b(?:launched|fired)\s+(?:a total of\s+|at least\s+|more than\s+|some\s+)?"
    r"\d[\d,]*\s+(?:[\w-]+\s+){0,3}?(?:drones|missiles|uavs)\b",
    re.I,
)


def _national_salvo(ev: Event) -> bool:
    """Whether an event is a salvo counted over a whole country, placed in no town."""
    return bool(_SALVO.search(ev.mention.text)) and not _local(ev)


def _local(ev: Event) -> bool:
    """Whether an event is placed below the level of a country."""
    return any(p.level not in ("country", "sea", "border") for p in ev.places)


def _places_apart(a: Event, b: Event) -> bool:
    """Whether two events happened in different specific places (neither within the other).

    The linker compares two reports; a group joined through a report placed only in a
    country ("Russia launched 87 drones at Ukraine") must not bring a strike in Sumy and
    one in Kostiantynivka together.
    """
    mine = {p.id: p for p in a.places if p.level != "country"}
    theirs = {p.id: p for p in b.places if p.level != "country"}
    if not mine or not theirs:
        return False
    around_mine = set(mine) | {r.id for p in mine.values() for r in p.within}
    around_theirs = set(theirs) | {r.id for p in theirs.values() for r in p.within}
    if set(theirs) & around_mine or set(mine) & around_theirs:
        return False
    # A border runs along its countries' provinces and towns: "a strike on the border"
    # and the same strike "in Anbar province" are one place told twice; so does a sea
    # along its shore countries ("in the Red Sea", "west of Hodeidah").
    return not (
        _border_meets(mine, around_theirs)
        or _border_meets(theirs, around_mine)
        or _sea_meets(mine, around_theirs)
        or _sea_meets(theirs, around_mine)
    )


def _sea_meets(places: dict[str, Place], around: set[str]) -> bool:
    """Whether `places` are only seas, one with a shore country among `around`.

    An event placed on land as well ("in Port Sudan, on the Red Sea") is compared by its
    land places: the sea must not join it to any other place of the shore countries.
    """
    if not places or any(p.level != "sea" for p in places.values()):
        return False
    from kb.gazetteer.seas import shore_country_ids

    return any(shore_country_ids(p.id) & around for p in places.values())


def _border_meets(places: dict[str, Place], around: set[str]) -> bool:
    """Whether a border among `places` lies between countries among `around`."""
    return any(p.level == "border" and {r.id for r in p.within} & around for p in places.values())


def _strong(actor: ActorRef) -> bool:
    """An actor that identifies an incident (as :func:`kb.link.same.strong_actors` reads)."""
    return not actor.unidentified and not actor.id.startswith(
        ("x-", "person-", "civilians", "unidentified")
    )


#: A sentence telling what had happened before the story ("Earlier ... had been killed").
_BACKGROUND = re.compile(
    r"\b(?:earlier|previously|already|before then|in the past)\b[^.;]{0,80}\bhad\b"
    r"|\bhad (?:already|previously|earlier)\b"
)


def _background(ev: Event) -> bool:
    """An undated event of an undated article, told as what had happened before the story.

    (In a dated article such an event is dated "unknown" and the story's acts by their
    publication, which keeps them apart already.)
    """
    d = ev.date
    return (
        d.basis == "unknown"
        and d.value is None
        and d.latest is None
        and bool(_BACKGROUND.search(_lower(ev.mention.text)))
    )


def _other_day(a: Event, b: Event) -> bool:
    """Whether the article dates two events to two different days."""
    return (
        a.date.precision == "day"
        and b.date.precision == "day"
        and a.date.basis in ("explicit", "relative")
        and b.date.basis in ("explicit", "relative")
        and a.date.value != b.date.value
    )


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}


def _merge_event(into: Event, other: Event) -> None:
    if other.mention.start != into.mention.start:
        into.other_mentions.append(other.mention)
    into.other_mentions.extend(m for m in other.other_mentions if m not in into.other_mentions)
    known = {p.id for p in into.places}
    into.places.extend(p for p in other.places if p.id not in known)
    have = {(a.id, a.role) for a in into.actors}
    has_named_agent = any(not a.unidentified for a in into.agents)
    for a in other.actors:
        if (a.id, a.role) in have or (a.unidentified and a.role == "agent" and into.agents):
            continue
        if a.role == "agent" and has_named_agent:
            continue
        if a.role == "target" and any(t.id == a.id for t in into.actors):
            continue
        into.actors.append(a)
    if _PRECISION_RANK.get(other.date.precision, 3) < _PRECISION_RANK.get(into.date.precision, 3):
        into.date = other.date
    for k, v in other.quantities.items():
        into.quantities[k] = max(into.quantities.get(k, 0), v)
    if other.certainty == "hedged" and not other.negated:
        # A summary lead states what the body then only reports ("... which reportedly
        # struck"): once the article hedges the incident, it does not assert it.
        into.certainty = "hedged"
    if not into.attribution.reported_by and not into.attribution.citing:
        into.attribution = other.attribution
    if len(_lineage(other.type)) > len(_lineage(into.type)) and top_key(other.type) == top_key(
        into.type
    ):
        into.type, into.types = other.type, list(other.types)
    elif into.type == "killing" and top_key(other.type) in ACT_TOPS and not other.negated:
        # "Gunmen killed 44 worshippers ... The attackers opened fire on them": the deaths
        # were the outcome of the act told next, and the act is what happened
        into.type, into.types = other.type, list(other.types)
