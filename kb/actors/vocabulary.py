"""Word lists the actor scanner and the kind guesser share.

Every list is written in folded form (see :func:`kb.actors.normalize.fold`): hyphens are
spaces ("counter terrorism", "second in command"), apostrophes are ASCII.
"""

from __future__ import annotations

from kb.actors import countries
from kb.actors.normalize import SINGULAR, fold

#: The kinds an actor can have.
KINDS = (
    "state_military",
    "security_service",
    "government",
    "armed_group",
    "coalition",
    "media",
    "civilians",
    "unidentified",
    "person",
    "organization",
)

# ---------------------------------------------------------------------------------------
# Nouns after a demonym or a country's possessive ("Iraqi forces", "Israel's military").
# Value: the body of the country the phrase stands for, or what to make of it.
# ---------------------------------------------------------------------------------------
_MILITARY = """forces force troops army armed forces military soldiers servicemen warplanes
warplane fighter jets jets jet aircraft air force air forces navy naval forces drones drone
artillery tanks tank helicopters helicopter gunships gunship gunboats warships warship ground forces special forces commandos
paratroopers marines units battalions brigades border guards coast guard defence forces
defense forces air defences air defenses air defence air defense military forces
security forces defence ministry defense ministry ministry of defence ministry of defense
occupation forces army units personnel officers commanders generals pilots"""
_POLICE = """police policemen police officers police force riot police gendarmerie interior ministry
ministry of interior border police"""
_INTELLIGENCE = """intelligence intelligence services intelligence service intelligence agency
intelligence agencies spy agency spies security services secret service"""
_GOVERNMENT = """government authorities officials leadership regime administration cabinet state
side presidency junta foreign ministry ministry of foreign affairs foreign office delegation
negotiators diplomats mediators"""
_MINTED_GOVERNMENT = """parliament judiciary judicial authorities courts court prosecutors
health ministry ministry of health lawmakers"""
_ARMED = """rebels rebel forces militants insurgents militias militia militiamen jihadists fighters
gunmen extremists separatists guerrillas guerrilla mercenaries factions paramilitaries
paramilitary forces armed groups opposition fighters opposition forces"""
_CIVILIANS = """civilians residents villagers protesters demonstrators settlers worshippers farmers
fishermen shepherds pilgrims refugees migrants students journalists citizens nationals hostages
aid workers medics"""
# Attacks named after their author: the demonym alone is the actor ("an Israeli strike").
_ATTACK = """strike strikes airstrike airstrikes air strike air strikes drone strike drone strikes
missile strike missile strikes attack attacks raid raids shelling bombardment bombing bombings
fire gunfire artillery fire offensive incursion incursions missile missiles rockets assault
invasion"""
# People named by a role after a demonym: which body they act for.
_GOV_ROLES = """official minister foreign minister defence minister defense minister interior minister
prime minister president vice president spokesman spokesperson spokeswoman diplomat envoy
ambassador lawmaker negotiator source government source government spokesman king crown prince
emir sheikh supreme leader ayatollah sultan"""
_MIL_ROLES = """officer commander general soldier pilot security source military source
army spokesman military spokesman army officer military officer chief of staff"""


def _words(block: str, value: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in block.strip().splitlines():
        for entry in _split_entries(line):
            out[entry] = value
    return out


# Multi-word entries must be recognised before their parts, so blocks list them as
# space-joined words and _split_entries re-assembles the known multi-word phrases.
_PHRASES = {
    "armed forces",
    "fighter jets",
    "air force",
    "air forces",
    "naval forces",
    "ground forces",
    "special forces",
    "border guards",
    "coast guard",
    "defence forces",
    "defense forces",
    "air defences",
    "air defenses",
    "air defence",
    "air defense",
    "military forces",
    "security forces",
    "defence ministry",
    "defense ministry",
    "ministry of defence",
    "ministry of defense",
    "occupation forces",
    "army units",
    "police officers",
    "police force",
    "riot police",
    "interior ministry",
    "ministry of interior",
    "border police",
    "intelligence services",
    "intelligence service",
    "intelligence agency",
    "intelligence agencies",
    "spy agency",
    "security services",
    "secret service",
    "foreign ministry",
    "ministry of foreign affairs",
    "foreign office",
    "judicial authorities",
    "health ministry",
    "ministry of health",
    "rebel forces",
    "armed groups",
    "opposition fighters",
    "opposition forces",
    "paramilitary forces",
    "aid workers",
    "air strike",
    "air strikes",
    "drone strike",
    "drone strikes",
    "missile strike",
    "missile strikes",
    "artillery fire",
    "foreign minister",
    "defence minister",
    "defense minister",
    "interior minister",
    "prime minister",
    "vice president",
    "security source",
    "military source",
    "army spokesman",
    "military spokesman",
    "army officer",
    "military officer",
    "chief of staff",
    "government source",
    "government spokesman",
    "crown prince",
    "supreme leader",
}


def _split_entries(line: str) -> list[str]:
    tokens = line.split()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in (4, 3, 2):
            phrase = " ".join(tokens[i : i + size])
            if len(tokens) - i >= size and phrase in _PHRASES:
                out.append(phrase)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


#: noun after a demonym -> what it makes of the demonym.
DEMONYM_NOUNS: dict[str, str] = {
    **_words(_ATTACK, "attack"),
    **_words(_ARMED, "armed"),
    **_words(_CIVILIANS, "civilians"),
    **_words(_MINTED_GOVERNMENT, "minted_government"),
    **_words(_GOVERNMENT, "government"),
    **_words(_INTELLIGENCE, "intelligence"),
    **_words(_POLICE, "police"),
    **_words(_MILITARY, "military"),
    **_words(_GOV_ROLES, "role_government"),
    **_words(_MIL_ROLES, "role_military"),
}

#: words allowed between a demonym and its noun ("Syrian government forces").
DEMONYM_MODIFIERS = """government regime military army security special elite ground air naval
border federal national regular local state armed riot counter terrorism intelligence senior
top high ranking former pro government loyalist"""

# ---------------------------------------------------------------------------------------
# Nouns after a named actor ("ISIS militants", "a Hezbollah commander").
# ---------------------------------------------------------------------------------------
#: role noun (singular or plural as written) -> the role it names.
ROLE_NOUNS: dict[str, str] = {}
_ROLE_PHRASES = [
    "deputy leader",
    "field commander",
    "military commander",
    "deputy commander",
    "senior commander",
    "co founder",
    "chief of staff",
    "political bureau chief",
    "politburo chief",
    "politburo member",
    "political chief",
    "military chief",
    "security chief",
    "intelligence chief",
    "bomb maker",
    "suicide bomber",
    "second in command",
    "foreign minister",
    "defence minister",
    "defense minister",
    "prime minister",
    "secretary general",
]
_ROLE_SINGLE = """leader deputy commander official spokesman spokesperson spokeswoman emir amir
chief head founder ideologue financier recruiter operative figure cleric preacher governor wali
negotiator envoy representative bombmaker sniper lieutenant aide bodyguard member fighter
militant soldier officer pilot reporter correspondent journalist photographer minister
president director source""".split()
_ROLE_PHRASES += ["interior minister"] + [
    f"deputy {role}"
    for role in (
        "minister",
        "foreign minister",
        "defence minister",
        "defense minister",
        "interior minister",
        "prime minister",
        "chief",
        "head",
        "emir",
        "spokesman",
    )
]
for _role in (*_ROLE_PHRASES, *_ROLE_SINGLE):
    ROLE_NOUNS[_role] = _role
    ROLE_NOUNS[_role + "s"] = _role
ROLE_NOUNS.update(
    {
        "spokesmen": "spokesman",
        "spokeswomen": "spokeswoman",
        "chiefs of staff": "chief of staff",
        "deputies": "deputy",
    }
)
# One fighter is a member of the group, whatever the article calls them (the extractor
# uses the same role name for "the group's fighters").
for _noun in ("member", "fighter", "militant"):
    ROLE_NOUNS[_noun] = ROLE_NOUNS[_noun + "s"] = "member"
ROLE_NOUNS.pop("heads", None)  # "heads" reads as a verb ("ISIS heads south") far more often

#: nouns after a named actor that stand for the actor itself ("ISIS militants").
MEMBER_NOUNS = frozenset(
    """militants fighters gunmen jihadists members operatives insurgents rebels militiamen
    militias militia forces troops soldiers personnel cells cell loyalists elements affiliates
    affiliate supporters units unit remnants followers combatants recruits terrorists mercenaries
    paramilitaries commandos policemen agents guards squads faction factions group groups
    movement network branch officials officers""".split()
) | {"sleeper cells", "splinter group", "armed wing", "military wing", "police officers"}
# Singular members ("an ISIS fighter") are people: they are in ROLE_NOUNS, not here.

#: words that may qualify a role before it ("a senior ISIS leader", "top Hamas official").
QUALIFIERS = """senior top high ranking prominent key veteran former local regional mid level
mid ranking notorious alleged wanted suspected leading influential longtime founding late
powerful feared most wanted second ranking""".split()

#: "X-backed militias": X is the sponsor, not the actor.
SPONSOR_WORDS = frozenset(
    "backed supported sponsored funded led allied aligned linked affiliated inspired".split()
)
#: of SPONSOR_WORDS, the ones after which the actor is the named group itself.
MEMBERSHIP_WORDS = frozenset("linked affiliated aligned allied".split())

# ---------------------------------------------------------------------------------------
# Unidentified actors.
# ---------------------------------------------------------------------------------------
#: plural nouns that are an unidentified actor on their own ("gunmen opened fire").
UNIDENTIFIED_NOUNS = frozenset(
    """gunmen gunman militants assailants assailant attackers attacker insurgents jihadists
    militiamen militias militia extremists terrorists kidnappers abductors snipers sniper
    bandits perpetrators rebels factions""".split()
) | {"suicide bomber", "suicide bombers", "armed men", "masked men", "armed group", "armed groups"}
# (Mexican and Latin American official wording for gunmen: "attacked by armed civilians",
# "a commando of armed subjects"; armed, they are not the civilians of a toll.)
UNIDENTIFIED_NOUNS |= {"armed civilians", "armed subjects", "armed individuals", "armed elements"}
#: nouns that are an unidentified actor only when qualified ("an unidentified drone").
UNIDENTIFIED_WEAK_NOUNS = frozenset(
    """drone drones aircraft warplane warplanes jet jets helicopter helicopters uav uavs boat
    boats vessel vessels men man individuals individual persons person people forces force
    group groups entities entity parties party actors actor shooter shooters bomber
    attack attacks strike strikes airstrike airstrikes vehicle""".split()
) | {"air strike", "air strikes", "drone strike", "drone strikes", "armed men"}
#: words that make a noun unidentified ("unknown gunmen", "a drone of unknown origin").
UNIDENTIFIED_QUALIFIERS = """unidentified unknown unnamed unmarked mysterious anonymous
suspected masked hooded armed local rival jihadist islamist extremist militant""".split()
#: the subset that is enough for a weak noun ("unidentified drone", not "local drone").
UNIDENTIFIED_STRONG_QUALIFIERS = frozenset(
    "unidentified unknown unnamed unmarked mysterious anonymous masked hooded".split()
)

#: nouns for civilians (besides "civilians", which is a registry actor).
CIVILIAN_NOUNS = frozenset(_words(_CIVILIANS, "civilians")) - {"civilians"}

# ---------------------------------------------------------------------------------------
# Verbs after a country name or capital that make it an agent.
# ---------------------------------------------------------------------------------------
MILITARY_VERBS = (
    """struck strikes strike launched launches bombed bombs shelled shells attacked
attacks fired fires targeted targets killed kills raided raids intercepted intercepts downed hit
hits pounded pounds invaded invades deployed deploys retaliated retaliates conducted mobilized
mobilised seized captured advanced withdrew assassinated eliminated""".split()
    + ["shot down", "carried out", "pulled out"]
)
POLITICAL_VERBS = """said says announced announces accused accuses denied denies warned warns
condemned condemns rejected rejects demanded demands called calls urged urges insisted claimed
claims confirmed confirms welcomed welcomes agreed agrees signed signs summoned summons expelled
expels sanctioned sanctions imposed threatened threatens vowed vows pledged pledges responded
responds blamed blames declared declares recognised recognized stated told informed asked
requested offered approved appointed expressed stressed reiterated criticised criticized
protested negotiated mediated hosted sent""".split()

#: auxiliaries and adverbs allowed between the agent and its verb ("Israel has also struck").
VERB_FILLERS = """has have had will would also has also reportedly previously again then later
quickly repeatedly allegedly swiftly officially publicly formally itself on""".split()

#: nouns before "between X and Y" that make X and Y governments, not places.
RELATION_NOUNS = """cooperation co operation talks tensions tension relations ties agreement deal
coordination dialogue rapprochement negotiations rift dispute meeting meetings understanding
accord truce ceasefire rivalry exchanges contacts normalization normalisation reconciliation
standoff feud detente summit pact treaty alliance partnership mediation consultations""".split()

#: person titles that introduce a name ("President Donald Trump") -> the role they name.
TITLES = {
    "President": "president",
    "Prime Minister": "prime minister",
    "Defence Minister": "defence minister",
    "Defense Minister": "defense minister",
    "Foreign Minister": "foreign minister",
    "Interior Minister": "interior minister",
    "Minister": "minister",
    "General": "general",
    "Gen.": "general",
    "Lt. Gen.": "lieutenant general",
    "Maj. Gen.": "major general",
    "Brig. Gen.": "brigadier general",
    "Colonel": "colonel",
    "Col.": "colonel",
    "Sheikh": "sheikh",
    "King": "king",
    "Crown Prince": "crown prince",
    "Emir": "emir",
    "Ayatollah": "ayatollah",
    "Supreme Leader": "supreme leader",
    "Commander": "commander",
    "Mullah": "mullah",
    "Secretary of State": "secretary of state",
    "Defense Secretary": "defense secretary",
    "Defence Secretary": "defence secretary",
    "Secretary-General": "secretary general",
    "Chief of Staff": "chief of staff",
    "Vice President": "vice president",
    "Speaker": "speaker",
    "Senator": "senator",
    "Spokesman": "spokesman",
}

#: roles and titles after which a single capitalised word is a name ("King Abdullah").
MONARCH_TITLES = frozenset(
    "king crown prince emir sheikh ayatollah mullah sultan supreme leader".split()
) | {"crown prince", "supreme leader"}

#: possessive groups whose role refers back to the last group named ("the group's leader").
GROUP_REFERENCES = [
    "group's",
    "organization's",
    "organisation's",
    "movement's",
    "militia's",
    "faction's",
    "network's",
]

#: pronoun + role: the role's group is that of the person named just before.
PRONOUN_ROLES = {
    f"{pronoun} {noun}": role
    for pronoun in ("his", "her", "their")
    for noun, role in (
        ("deputy", "deputy"),
        ("deputies", "deputy"),
        ("aide", "aide"),
        ("aides", "aide"),
        ("second in command", "second in command"),
        ("lieutenant", "lieutenant"),
        ("lieutenants", "lieutenant"),
        ("successor", "successor"),
        ("bodyguard", "bodyguard"),
        ("bodyguards", "bodyguard"),
        ("driver", "driver"),
        ("companion", "companion"),
        ("companions", "companion"),
    )
}

# ---------------------------------------------------------------------------------------
# Kind guessing for minted actors.
# ---------------------------------------------------------------------------------------
_ARABIC_GROUP_HEADS = frozenset(
    """jaish jaysh jeish liwa harakat harakat kataib kataeb katibat saraya jabhat jabha ansar
    ahrar jund junud asaib tanzim firqat faylaq hizb lashkar tehreek tehrik jamaat jamaat
    jama'at jamaa ittihad majlis thuwar""".split()
)
_MILITARY_HEADS = frozenset("army forces force military troops soldiers navy corps".split())
_SECURITY_HEADS = frozenset(
    "police intelligence security gendarmerie guard guards gendarme mukhabarat".split()
)
_GOVERNMENT_HEADS = frozenset(
    """ministry government president presidency authorities authority administration cabinet
    parliament council junta office department prime minister""".split()
)
_MEDIA_HEADS = frozenset(
    """agency news tv television radio newspaper channel press times post daily broadcaster
    gazette tribune herald journal observatory monitor""".split()
)
_ARMED_HEADS = frozenset(
    """militants militant gunmen rebels rebel insurgents insurgent militia militias brigade
    brigades battalion battalions front legion resistance mujahideen mujahidin jihadists
    fighters liberation squad squads guerrillas""".split()
)
_CIVILIAN_HEADS = frozenset(
    """civilians civilian residents villagers protesters demonstrators settlers worshippers
    farmers fishermen shepherds pilgrims refugees students""".split()
)
_PERSON_PARTICLES = frozenset("abu abou umm bin ibn bint al el sheikh mullah sayyed".split())
_ORG_WORDS = (
    _MILITARY_HEADS
    | _SECURITY_HEADS
    | _GOVERNMENT_HEADS
    | _MEDIA_HEADS
    | _ARMED_HEADS
    | {
        "group",
        "movement",
        "organization",
        "organisation",
        "party",
        "committee",
        "union",
        "league",
        "network",
        "coalition",
        "alliance",
        "company",
        "foundation",
        "institute",
        "association",
        "center",
        "centre",
        "command",
        "unit",
        "units",
        "service",
        "services",
        "directorate",
        "bureau",
        "brotherhood",
        "emirate",
        "caliphate",
        "state",
        "council",
    }
)


def guess_kind(name: str) -> tuple[str, str | None]:
    """Guess the kind and country of an actor name the registry does not know.

    The head noun decides (checked from the last word backwards): army/forces/military
    -> ``state_military`` when a country demonym comes before it, else ``armed_group``;
    police/intelligence/security -> ``security_service``; ministry/government/president
    /authorities -> ``government``; agency/news/TV/newspaper -> ``media``;
    militants/gunmen/rebels/militia and Arabic group words (Jaish, Liwa, Kataib, ...) ->
    ``armed_group``; civilians/residents/protesters -> ``civilians``. A name of capitalised
    words with no such noun that reads like a personal name ("Abu Ali al-Ansari") is a
    ``person``; anything else is an ``organization``.

    Args:
        name: the name as written.

    Returns:
        ``(kind, country)``; country is an ISO alpha-2 code from a demonym in the name.
    """
    words = fold(name).replace("'s ", " ").replace(".", " ").split()
    lower = [w.lower().strip(",;:'\"()") for w in words]
    country = None
    for word in words:
        cc = countries.demonym_country(word.strip(",;:'\"()")) if word[:1].isupper() else None
        if cc:
            country = cc
            break
    if lower and lower[0] in {"the", "a", "an"}:
        lower = lower[1:]
        words = words[1:]
    if not lower:
        return "organization", None
    if lower[0] in _ARABIC_GROUP_HEADS:
        return "armed_group", country
    for word in reversed(lower):
        singular = SINGULAR.get(word, word)
        if word in _CIVILIAN_HEADS or singular in _CIVILIAN_HEADS:
            return "civilians", country
        if word in _SECURITY_HEADS:
            return "security_service", country
        if word in _MILITARY_HEADS:
            return ("state_military" if country else "armed_group"), country
        if word in _GOVERNMENT_HEADS:
            return "government", country
        if word in _MEDIA_HEADS:
            return "media", country
        if word in _ARMED_HEADS:
            return "armed_group", country
    if _looks_like_person(words, lower):
        return "person", None
    return "organization", country


def _looks_like_person(words: list[str], lower: list[str]) -> bool:
    if not 2 <= len(words) <= 6 or any(w in _ORG_WORDS for w in lower):
        return False
    if any(countries.demonym_country(w) or countries.country_code(w) for w in words):
        return False
    for word, low in zip(words, lower, strict=True):
        if low in _PERSON_PARTICLES:
            continue
        if not (word[:1].isupper() and word[1:2].islower()):
            return False
    return True
