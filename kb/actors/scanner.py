"""Find actor mentions in a sentence with one precompiled scan.

How a sentence is read:

1. The text is folded (:func:`kb.actors.normalize.fold`, length-preserving, so offsets
   carry over) and scanned once with a trie-shaped regex of every registry name and
   alias, every demonym, country name and capital of :mod:`kb.actors.countries`, person
   titles, and the nouns of unidentified perpetrators and of civilians. Matching is
   leftmost-longest.
2. Case: a registry alias of several words matches in any case except its acronym words
   ("US military": "US" must be upper case, "military" may be "Military"); a one-word
   alias must start with its capital ("Amnesty", not "amnesty"); acronyms match exactly,
   so "is", "un" and "ap" never match "IS", "UN", "AP". An acronym of three letters or
   fewer is also rejected inside an all-capitals passage (a shouted headline).
3. Each hit is then read in its context with small anchored regexes:

   * registry actor + member noun ("ISIS militants") -> the actor; + role noun ("a senior
     ISIS leader", "Hezbollah commander Fuad Shukr") -> a person affiliated with it; a
     role before it ("the leader of Hamas") likewise; "X-backed militias" -> a minted
     armed group, not X; "X-linked militants" -> X;
   * demonym + noun ("Iraqi forces", "Israeli warplanes", "Lebanese authorities") -> the
     country's military, government, police or intelligence body; + armed or civilian
     noun ("Syrian rebels", "Israeli settlers") -> a minted actor of that kind; + attack
     noun ("an Israeli strike") -> the military, the mention being the demonym alone;
   * country name or capital -> an actor only when it acts: followed by a verb
     (military verbs -> its military, others -> its government), by a possessive and a
     body noun ("Israel's military"), or in "cooperation between Damascus and Beirut";
     "X and Y said" makes both agents; the object of "accused", "urged", "blamed"
     ("accused Moscow of ...") is the government addressed;
   * "Iraqi and Syrian officials": the first demonym shares the second one's noun;
   * unidentified nouns ("gunmen", "militants") on their own, and qualified ones
     ("an unidentified drone", "a drone of unknown origin") -> the unidentified actor;
   * "his deputy" -> the deputy of the person named before; "the group's leader" -> the
     leader of the group named before.

4. A second regex picks up capitalised names with an organisation head noun that the
   registry lacks ("the Sinjar Resistance Units", "Jaish al-Fatah") and mints them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kb.actors import countries
from kb.actors import vocabulary as voc
from kb.actors.canonical import ActorMatch, CanonicalActor
from kb.actors.normalize import collapse, fold

if TYPE_CHECKING:
    from kb.actors.registry import ActorRegistry


# --------------------------------------------------------------------------------------------
# Regex helpers
# --------------------------------------------------------------------------------------------


def _trie_regex(surfaces: Iterable[str], *, word_start: bool = False) -> str:
    """One regex matching any of the surfaces, shaped as a trie so each position costs one
    branch per distinct next character. It runs on lower-cased text; the case rules of
    each entry are checked on the matched text afterwards (:meth:`Scanner._lookup`).

    With `word_start`, a match may not follow a word character or an apostrophe. The test
    sits after the first character (``a(?<![\\w']a)...``) rather than before the pattern,
    so that the pattern starts with plain characters and the regex engine can skip, at C
    speed, every position whose character starts no surface.
    """
    trie: dict = {}
    escaped: dict[str, str] = {" ": r"\s+"}  # re.escape per distinct character, not per use
    for surface in surfaces:
        node = trie
        for ch in surface.lower():
            tok = escaped.get(ch)
            if tok is None:
                tok = escaped[ch] = re.escape(ch)
            node = node.setdefault(tok, {})
        node[""] = True

    def emit(node: dict) -> str:
        # A run of nodes with one child and no end is one string of tokens, built in a
        # loop (most of a name's characters), not by one call per character.
        run: list[str] = []
        while len(node) == 1:
            tok, child = next(iter(node.items()))
            if tok == "":
                break
            run.append(tok)
            node = child
        branches = [tok + emit(child) for tok, child in node.items() if tok != ""]
        if not branches:
            return "".join(run)
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "".join(run) + (f"(?:{body})?" if "" in node else body)

    top = trie.items()
    if word_start:
        branches = [tok + f"(?<![\\w']{tok})" + emit(child) for tok, child in top if tok != ""]
    else:
        branches = [tok + emit(child) for tok, child in top if tok != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in trie else body


def _alternation(words: Iterable[str]) -> str:
    """A lowercase trie regex of words and phrases (use it with re.IGNORECASE)."""
    return "(?:" + _trie_regex(collapse(w) for w in words) + ")"


_MILITARY_PARTICIPLES = frozenset(
    """killed struck bombed targeted attacked launched fired shelled hit raided downed intercepted
    seized captured conducted assassinated carried wounded injured destroyed shot""".split()
)

#: Unnamed perpetrators as state media and crime reporting name them ("terrorist
#: elements", "armed gangs", "gang members"): an unidentified actor on their own.
_MORE_UNIDENTIFIED = frozenset(
    {
        "terrorist elements",
        "armed elements",
        "criminal elements",
        "hostile elements",
        "gang members",
        "armed gang",
        "armed gangs",
        "criminal gangs",
        "gangsters",
        "hitmen",
        "assassins",
        "hijackers",
    }
)

_POLITICAL_PARTICIPLES = frozenset("brokered mediated hosted sponsored signed imposed led".split())

_NAME_STOP = frozenset(
    """The A An In On At And But Or Of For To From With By As After Before During While When Since
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December Yesterday Today Earlier Later Meanwhile However
    Also It He She They His Her Their Its This That These Those Who Which Said Told""".split()
)

_ORG_HEADS = frozenset(
    """army forces force front brigade brigades battalion battalions regiment division corps guard
    guards militia militias movement group organization organisation party council committee
    coalition alliance union league network legion units unit command service services agency
    ministry police gendarmerie authority government administration directorate department news
    press times post tribune herald gazette tv television radio channel observatory brotherhood
    resistance mujahideen mujahidin emirate caliphate squad bureau office""".split()
)

_ORG_CONNECTORS = frozenset(
    "of for the and al el ul wal wa ad ash as at ar az an bin ibn de du des la le fi li".split()
)

_ORG_STOP = _NAME_STOP | frozenset(
    """According Both Some Many Several Other Local Rival Security Officials Sources Witnesses Residents
    Analysts Reports Police Army Forces Troops New Former Senior Top""".split()
)

#: Plural nouns for a group's people, before "of" and the group's name.
_MEMBER_NOUNS = frozenset(
    """fighters members militants rebels gunmen troops soldiers elements supporters loyalists
    commanders leaders insurgents combatants operatives""".split()
)

#: Plural role nouns before "of <group>" that stand for the group itself ("members of X"),
#: unlike one person's role ("a member of X") or its leadership ("commanders of X").
_COLLECTIVE_PLURALS = frozenset("members fighters militants operatives".split())

#: "in neighbouring Togo", "across northern Mali": a locative with a place adjective before a
#: country's name governs it as well as a bare "in" does (read on folded text: no hyphens).
_PREPOSITION_ADJ_BEFORE = re.compile(
    r"(?<!\w)(?:in|into|inside|across|from|to|near|throughout|within)\s+(?:the\s+)?"
    r"(?:neighbou?ring|(?:(?:north|south)[- ]?)?(?:north|south|east|west)ern|central|"
    r"war[- ]torn|conflict[- ]hit|landlocked)\s+$",
    re.IGNORECASE,
)

#: A locative right before a country's name: "in Syria troops ..." locates, it names no army.
_LOCATIVE_BEFORE = re.compile(
    r"(?<!\w)(?:in|into|inside|across|near|at|from|throughout|within)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

#: Words linking a role to the group after it ("the leader of the ...").
_ROLE_LINKS = ("of", "in", "from", "for", "with", "within", "inside", "at")
#: "the militant group's leader": what may stand before a group reference.
_GROUPREF_WORDS = (
    "the",
    "its",
    "militant",
    "jihadist",
    "armed",
    "extremist",
    "terrorist",
    "militia",
    "rebel",
    "insurgent",
    "islamist",
)

# Context patterns, built from the vocabulary by _compile_patterns() when the first Scanner
# is made: building them costs tens of milliseconds that a command which never scans a
# sentence should not pay at import.
_QUAL: Any = None
_ROLES: Any = None
_AFTER_ACTOR: Any = None
_ROLE_ONLY: Any = None
_ROLE_BEFORE: Any = None
_QUAL_BEFORE: Any = None
_DEMONYM_NOUN: Any = None
_POSSESSIVE: Any = None
_PAREN: Any = None
_SPONSOR: Any = None
_SPONSORED_NOUN: Any = None
_FILLERS: Any = None
_VERB: Any = None
_DEAL: Any = None
_PREPOSITION_BEFORE: Any = None
_BY_BEFORE: Any = None
_BETWEEN_BEFORE: Any = None
_AND: Any = None
_UNID_BEFORE: Any = None
_UNID_AFTER: Any = None
_GROUPREF_BEFORE: Any = None
_MEMBERSHIP_LINK: Any = None
_NAME: Any = None
_ORG: Any = None
_ARABIC_HEADS: Any = None
_UNKNOWN_DEMONYM: Any = None
_LAST_WORDS: Any = None


def _compile_patterns() -> None:
    """Build the module's context patterns (once; see the comment above)."""
    global _QUAL, _ROLES, _AFTER_ACTOR, _ROLE_ONLY, _ROLE_BEFORE, _QUAL_BEFORE, _DEMONYM_NOUN
    global _POSSESSIVE, _PAREN, _SPONSOR, _SPONSORED_NOUN, _FILLERS, _VERB, _DEAL
    global _PREPOSITION_BEFORE, _BY_BEFORE, _BETWEEN_BEFORE, _AND, _UNID_BEFORE, _UNID_AFTER
    global _GROUPREF_BEFORE, _MEMBERSHIP_LINK, _NAME, _ORG, _ARABIC_HEADS, _UNKNOWN_DEMONYM
    global _LAST_WORDS
    if _AFTER_ACTOR is not None:
        return
    _QUAL = _alternation(voc.QUALIFIERS)
    _ROLES = _alternation(voc.ROLE_NOUNS)
    _AFTER_ACTOR = re.compile(
        r"(?:'s?)?\s+(?:"
        + _QUAL
        + r"\s+){0,3}(?P<noun>"
        + _alternation([*voc.ROLE_NOUNS, *voc.MEMBER_NOUNS])
        + r")(?!\w)",
        re.IGNORECASE,
    )
    _ROLE_ONLY = re.compile(
        r"\s+(?:" + _QUAL + r"\s+){0,3}(?P<noun>" + _ROLES + r")(?!\w)", re.IGNORECASE
    )
    _ROLE_BEFORE = re.compile(
        r"(?:" + _QUAL + r"\s+){0,3}(?P<noun>" + _ROLES + r")\s+"
        r"(?:" + "|".join(_ROLE_LINKS) + r")\s+(?:the\s+|its\s+)?$",
        re.IGNORECASE,
    )
    _QUAL_BEFORE = re.compile(r"(?:" + _QUAL + r"\s+){1,3}$", re.IGNORECASE)
    _DEMONYM_NOUN = re.compile(
        r"\s+(?:" + _alternation(voc.DEMONYM_MODIFIERS.split()) + r"\s+){0,3}"
        r"(?P<noun>" + _alternation(voc.DEMONYM_NOUNS) + r")(?!\w)",
        re.IGNORECASE,
    )
    _POSSESSIVE = re.compile(r"'s?(?!\w)")
    _PAREN = re.compile(r"\s*\(\s*([^()]{1,40}?)\s*\)")
    _SPONSOR = re.compile(
        r"\s+(?P<word>" + _alternation(voc.SPONSOR_WORDS) + r")(?!\w)", re.IGNORECASE
    )
    _SPONSORED_NOUN = re.compile(
        r"\s+(?:(?:" + _QUAL + "|" + _alternation(voc.DEMONYM_MODIFIERS.split()) + r")\s+){0,2}"
        r"(?P<noun>"
        + _alternation(
            [n for n, c in voc.DEMONYM_NOUNS.items() if c in ("armed", "military")]
            + list(voc.MEMBER_NOUNS)
        )
        + r")(?!\w)",
        re.IGNORECASE,
    )
    _FILLERS = _alternation(
        voc.VERB_FILLERS
        + "monday tuesday wednesday thursday friday saturday sunday yesterday today overnight".split()
    )
    _VERB = re.compile(
        r",?\s+(?:" + _FILLERS + r",?\s+){0,3}"
        r"(?:(?P<mil>"
        + _alternation(voc.MILITARY_VERBS)
        + r")|(?P<pol>"
        + _alternation(voc.POLITICAL_VERBS)
        + r"))"
        r"(?!\w)(?!\s+by(?!\w))",
        re.IGNORECASE,
    )
    _DEAL = re.compile(
        r"\s+(?:a|an|the)\s+(?:\w+\s+)?(?:deal|agreement|accord|bargain|compromise|balance)",
        re.IGNORECASE,
    )
    _PREPOSITION_BEFORE = re.compile(
        r"(?<!\w)(?:between|in|on|into|from|to|across|near|at|of|inside|toward|towards|against|with|"
        r"over|under|through|via|for|about|around)\s+(?:the\s+)?$",
        re.IGNORECASE,
    )
    _BY_BEFORE = re.compile(r"(?P<verb>[a-z]+)\s+by\s+$", re.IGNORECASE)
    _BETWEEN_BEFORE = re.compile(
        r"(?:" + _alternation(voc.RELATION_NOUNS) + r")\s+between\s+$", re.IGNORECASE
    )
    _AND = re.compile(r"\s+and\s+|,\s+", re.IGNORECASE)
    _UNID_BEFORE = re.compile(
        r"(?:(?:" + _alternation(voc.UNIDENTIFIED_QUALIFIERS) + r"),?\s+){1,3}$", re.IGNORECASE
    )
    _UNID_AFTER = re.compile(
        r"\s+of\s+(?:an?\s+)?(?:unknown|unidentified|undetermined|unclear|uncertain)\s+"
        r"(?:origin|nationality|identity|provenance|affiliation|source|ownership)s?(?!\w)",
        re.IGNORECASE,
    )
    _GROUPREF_BEFORE = re.compile(
        r"(?:the|its)\s+(?:(?:" + "|".join(_GROUPREF_WORDS[2:]) + r")\s+)?$", re.IGNORECASE
    )
    _MEMBERSHIP_LINK = re.compile(
        r"\s+(?:loyal\s+to|from|of|belonging\s+to|affiliated\s+(?:with|to)|linked\s+to|allied\s+(?:with|to)"
        r"|aligned\s+with|associated\s+with)\s+(?:the\s+)?"
        # "The attackers, believed to belong to JNIM,": who the men were said to be
        r"|,\s+(?:(?:believed|thought|said|suspected|reported)\s+to\s+(?:belong\s+to|be\s+"
        r"(?:members|fighters)\s+of|be\s+(?:linked|loyal|affiliated)\s+to)|identified\s+as"
        r"(?:\s+(?:members|fighters)\s+of)?)\s+(?:the\s+)?",
        re.IGNORECASE,
    )
    _NAME = re.compile(
        r"\s+(?P<name>(?:(?:Abu|Abou|Umm|Sheikh|Mullah|Maulana|Sayyed|Sayyid|Haji|Hajji|Mawlawi|Dr\.?)\s+)?"
        r"[A-Z][\w']+(?:\s+(?:(?:al|el|bin|ibn|bint|ben|abu|Abu|ul|ud|ad|ar|as|ash|at|az|de|van|von|der)\s+)?"
        r"[A-Z][\w']+){0,3})"
    )
    # Capitalised organisation names the registry lacks.
    # (The look-behind after the first letter lets the engine skip to capitals at C speed.)
    _ORG = re.compile(
        r"[A-Z](?<![\w'][A-Z])[\w']*(?:\s+(?:(?:of|for|the|and|al|el|ul|wal|wa|ad|ash|as|at|ar|az|an|bin|ibn|de|du|des|la|le|fi|li)\s+){0,2}"
        r"(?:[A-Z][\w']*|al|el)){1,7}"
    )
    # The words each end-anchored pattern of _State.extend_back must end with (and whether
    # a comma may follow them): a string test before the regex search.
    _LAST_WORDS = {
        _QUAL_BEFORE: (tuple(collapse(w).lower() for w in voc.QUALIFIERS), False),
        _UNID_BEFORE: (tuple(collapse(w).lower() for w in voc.UNIDENTIFIED_QUALIFIERS), True),
        _GROUPREF_BEFORE: (_GROUPREF_WORDS, False),
    }
    _ARABIC_HEADS = frozenset(w.capitalize() for w in voc._ARABIC_GROUP_HEADS)

    # Gazetteer fallback for demonyms outside the built-in table ("Bolivian troops").
    _UNKNOWN_DEMONYM = re.compile(
        r"(?P<word>[A-Z](?<![\w'][A-Z])[a-z]{3,})(?=\s+(?:"
        + _alternation(
            n
            for n, c in voc.DEMONYM_NOUNS.items()
            if c in ("military", "government", "police", "intelligence")
        )
        + r")(?!\w))"
    )


#: Verbs whose object is a state addressed or blamed, not a place ("accused Moscow").
_ADDRESS_VERBS = (
    "accused",
    "accusing",
    "accuses",
    "accuse",
    "blamed",
    "blaming",
    "blames",
    "urged",
    "urging",
    "urges",
    "called on",
    "calling on",
    "calls on",
    "condemned",
    "condemning",
    "criticised",
    "criticized",
    "sanctioned",
    "warned",
    "warning",
    "pressed",
    "pressing",
)
_ADDRESSED = re.compile(
    r"(?<![\w'])(?:" + "|".join(v.replace(" ", r"\s+") for v in _ADDRESS_VERBS) + r")\s+$",
    re.IGNORECASE,
)

#: "Iraqi and Syrian officials": a demonym coordinated with the next one.
#: Who speaks for a state: "the foreign ministers of", "defence ministers of the".
_OFFICIALS_OF = re.compile(
    r"\b(?:ministers?|leaders|officials|representatives|delegations|delegates|envoys|"
    r"presidents|heads of state|governments)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_DEMONYM_AND = re.compile(r",?\s+(?:and|or)\s+(?P<word>[A-Z][a-z]+)")

_BODY_WORDS = {
    "military": "military",
    "government": "government",
    "police": "police",
    "intelligence": "intelligence",
}
_GROUPISH = frozenset(
    {"armed_group", "organization", "coalition", "state_military", "security_service", "government"}
)


# --------------------------------------------------------------------------------------------
# The scan table
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    kind: str  # actor demonym country capital metonym title unid unid_weak civ pronrole groupref
    value: str
    exact: tuple[int, ...]  # positions of the surface that must match case exactly
    surface: str


def _is_acronym(token: str) -> bool:
    return any(c.isupper() for c in token[1:]) or (len(token) == 1 and token.isupper())


def _case_spec(surface: str, mode: str) -> tuple[int, ...]:
    """Positions of characters that must match case exactly.

    mode "alias": one word -> first letter exact (all letters for an acronym); several
    words -> acronym words exact, a leading "The" capitalised, the rest any case.
    mode "proper": capitalised words need their capital; acronyms exact.
    mode "any": no constraint.
    """
    if mode == "any":
        return ()
    exact: list[int] = []
    pos = 0
    tokens = surface.split(" ")
    for index, token in enumerate(tokens):
        one_word_alias = mode == "alias" and len(tokens) == 1
        if _is_acronym(token):
            exact.extend(range(pos, pos + len(token)))
        elif token[:1].isalpha() and (
            one_word_alias
            or (mode == "proper" and token[:1].isupper())
            or (index == 0 and token == "The")
        ):
            exact.append(pos)
        pos += len(token) + 1
    return tuple(exact)


_KIND_ORDER = {
    kind: rank
    for rank, kind in enumerate(
        (
            "actor",
            "demonym",
            "country",
            "capital",
            "metonym",
            "title",
            "unid",
            "unid_weak",
            "civ",
            "pronrole",
            "groupref",
        )
    )
}
_LOOKUP_CACHE = 20000


def _lower(text: str) -> str:
    """`text` lower-cased with its length kept, so offsets carry over ("İ" stays as it is)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return low


class Scanner:
    """The precompiled sentence scanner of one :class:`ActorRegistry`."""

    def __init__(self, registry: ActorRegistry) -> None:
        _compile_patterns()
        self.registry = registry
        self._entries: dict[str, list[_Entry]] = {}
        self._lookups: dict[str, list[_Entry]] = {}
        for surface, key in registry.scan_names():
            self._add(surface, "actor", key, "alias")
        for cc, (names, demonyms, capitals) in countries.COUNTRIES.items():
            for name in names:
                self._add(name, "country", cc, "proper")
            for demonym in demonyms:
                self._add(demonym, "demonym", cc, "proper")
            for capital in capitals:
                self._add(capital, "capital", cc, "proper")
        for word, cc in countries.PLURAL_DEMONYMS.items():
            self._add(word, "country", cc, "proper")
        for city, key in countries.METONYMS.items():
            self._add(city, "metonym", key, "proper")
        for title in voc.TITLES:
            self._add(title, "title", voc.TITLES[title], "proper")
        for noun in voc.UNIDENTIFIED_NOUNS | _MORE_UNIDENTIFIED:
            self._add(noun, "unid", noun, "any")
        for noun in voc.UNIDENTIFIED_WEAK_NOUNS - voc.UNIDENTIFIED_NOUNS:
            self._add(noun, "unid_weak", noun, "any")
        for noun in voc.CIVILIAN_NOUNS:
            self._add(noun, "civ", noun, "any")
        for phrase, role in voc.PRONOUN_ROLES.items():
            self._add(phrase, "pronrole", role, "any")
        for word in voc.GROUP_REFERENCES:
            self._add(word, "groupref", "", "any")
        # Compiled for lower-cased text (see _lower): a case-insensitive regex this size
        # costs several times more per character.
        self._lex = re.compile(
            "(?:" + _trie_regex(sorted(self._entries), word_start=True) + r")(?!\w)"
        )

    def _add(self, surface: str, kind: str, value: str, mode: str) -> None:
        folded = collapse(fold(surface))
        if not folded:
            return
        variants = {folded, folded.replace("'", "")} if "'" in folded else {folded}
        for variant in variants:
            if not variant.strip():
                continue
            entry = _Entry(kind, value, _case_spec(variant, mode), variant)
            bucket = self._entries.setdefault(variant.lower(), [])
            if entry not in bucket:
                bucket.append(entry)

    def _lookup(self, matched: str) -> list[_Entry]:
        """The entries whose case rules `matched` meets, best kind first (do not modify)."""
        found = self._lookups.get(matched)
        if found is not None:
            return found
        key = collapse(matched)
        found = []
        for entry in self._entries.get(key.lower(), ()):
            if len(key) == len(entry.surface) and all(
                key[i] == entry.surface[i] for i in entry.exact
            ):
                found.append(entry)
        found.sort(key=lambda e: _KIND_ORDER[e.kind])
        if len(self._lookups) >= _LOOKUP_CACHE:
            self._lookups.clear()  # a bounded memo: the same names recur in every article
        self._lookups[matched] = found
        return found

    # ----------------------------------------------------------------------------------------

    def find(self, text: str) -> list[ActorMatch]:
        """All actor mentions in `text`, non-overlapping, in text order."""
        folded = fold(text)
        state = _State(text=text, folded=folded)
        for m in self._lex.finditer(state.low):
            start = m.start()
            if start < state.consumed:
                continue
            end, entries = self._candidates(folded, start, m.end())
            for entry in entries:
                results = self._handle(entry, start, end, state)
                if results:
                    for result, origin in results:
                        state.add(result, origin)
                    self._after_agent(results[-1][0], state)
                    break
            else:
                if any(e.kind in ("country", "capital", "metonym") for e in entries):
                    state.deferred.append((start, end))
        self._scan_organisations(state)
        if countries.gazetteer_in_use():
            self._scan_unknown_demonyms(state)
        return self._merge_unidentified(state)

    def _candidates(self, folded: str, start: int, end: int) -> tuple[int, list[_Entry]]:
        """The entries of the longest match whose case rules hold, trying shorter word
        prefixes when the full match fails them ("Lebanese Forces Party" -> "Lebanese")."""
        entries = self._lookup(folded[start:end])
        if entries:
            return end, entries
        for gap in reversed(list(re.finditer(r"\s+", folded[start:end]))):
            cut = start + gap.start()
            entries = self._lookup(folded[start:cut])
            if entries:
                return cut, entries
        return end, []

    def _after_agent(self, match: ActorMatch, state: _State) -> None:
        # "Israel and Hamas agreed": names waiting before "and" act with the verb that
        # follows the last of them.
        if not state.deferred:
            return
        verb = _VERB.match(state.folded, match.end)
        if verb and not _PREPOSITION_BEFORE.search(
            state.folded, max(0, match.start - 12), match.start
        ):
            self._accept_deferred(match.start, self._family(verb), state)

    def _family(self, verb: re.Match[str]) -> str:
        return (
            "military"
            if verb.group("mil") and not _DEAL.match(verb.string, verb.end())
            else "political"
        )

    def _deferred_chain(
        self, cursor: int, state: _State
    ) -> tuple[list[tuple[int, int, _Entry]], bool]:
        """Country names joined to the mention at `cursor` by "and" or commas, and whether
        the first of them follows a preposition (then none of them is an agent)."""
        folded = state.folded
        chain: list[tuple[int, int, _Entry]] = []
        for prev_start, prev_end in reversed(state.deferred):
            if not _AND.fullmatch(folded, prev_end, cursor):
                break
            place = next(
                (
                    e
                    for e in self._lookup(folded[prev_start:prev_end])
                    if e.kind in ("country", "capital", "metonym")
                ),
                None,
            )
            if place is None:
                break
            chain.append((prev_start, prev_end, place))
            cursor = prev_start
        governed = bool(
            _PREPOSITION_BEFORE.search(folded, max(0, cursor - 12), cursor)
            or _PREPOSITION_ADJ_BEFORE.search(folded, max(0, cursor - 40), cursor)
        )
        return chain, governed

    def _accept_deferred(self, cursor: int, family: str, state: _State) -> None:
        chain, governed = self._deferred_chain(cursor, state)
        state.deferred.clear()
        if governed:
            return
        for prev_start, prev_end, place in chain:
            state.insert(
                state.match(prev_start, prev_end, self._country_actor(place, family)), place.kind
            )

    def _handle(
        self, entry: _Entry, start: int, end: int, state: _State
    ) -> list[tuple[ActorMatch, str]]:
        kind = entry.kind
        if kind == "actor":
            return self._actor(entry, start, end, state)
        if kind == "demonym":
            found = self._demonym(entry.value, start, end, end, state)
            return [(found, "demonym")] if found else []
        if kind in ("country", "capital", "metonym"):
            return self._country(entry, start, end, state)
        if kind == "title":
            found = self._title(entry.value, start, end, state)
            return [(found, "title")] if found else []
        if kind in ("unid", "unid_weak"):
            found = self._unidentified(kind == "unid", start, end, state)
            return [(found, "unid")] if found else []
        if kind == "civ":
            actor = self.registry.mint(collapse(state.text[start:end]).lower(), kind="civilians")
            return [(state.match(start, end, actor), "civ")]
        if kind == "pronrole":
            found = self._pronoun_role(entry.value, start, end, state)
            return [(found, "pronrole")] if found else []
        if kind == "groupref":
            found = self._group_reference(start, end, state)
            return [(found, "groupref")] if found else []
        return []

    # --- registry actors --------------------------------------------------------------------

    def _actor(
        self, entry: _Entry, start: int, end: int, state: _State
    ) -> list[tuple[ActorMatch, str]]:
        actor = self.registry.get(entry.value)
        if actor is None:
            return []
        if len(entry.surface) <= 3 and entry.exact and not _has_lower(state.text, start, end):
            return []  # "IS" in a shouted headline is the verb
        folded = state.folded
        if actor.kind == "person":
            return [(state.match(start, end, actor), "actor")]
        paren = _PAREN.match(folded, end)
        if paren and any(
            e.kind == "actor" and e.value == actor.key for e in self._lookup(paren.group(1))
        ):
            end = paren.end()  # "Islamic State (ISIS) leader": the acronym repeats the name

        sponsor = _SPONSOR.match(folded, end)
        if sponsor:
            member = sponsor.group("word").lower() in voc.MEMBERSHIP_WORDS
            rest = state.text[sponsor.end() : sponsor.end() + 2].lstrip()
            if member and rest[:1].isupper():
                # "the Al-Qaeda-linked Group for the Support of Islam and Muslims", "the
                # Islamic State-affiliated Allied Democratic Forces": a capitalised word
                # opens the affiliate's own name, which is the actor; X only describes it.
                return []
            noun = _SPONSORED_NOUN.match(folded, sponsor.end())
            if noun:
                if member:
                    return [(state.match(start, noun.end(), actor), "actor")]
                return [(self._sponsored(start, noun.end(), state), "sponsored")]

        after = _AFTER_ACTOR.match(folded, end)
        if after:
            noun = collapse(after.group("noun")).lower()
            if noun in voc.MEMBER_NOUNS:
                return [(state.match(start, after.end(), actor), "actor")]
            role = voc.ROLE_NOUNS[noun]
            first = state.extend_back(start, _QUAL_BEFORE)
            return [(self._person(actor, role, first, after.end(), state), "person")]

        window_start = max(state.consumed, start - 80)
        before = (
            _ROLE_BEFORE.search(folded, window_start, start)
            if _role_may_precede(state.low, window_start, start)
            else None
        )
        if before:
            noun = collapse(before.group("noun")).lower()
            if noun in _COLLECTIVE_PLURALS:
                # "fighters of the Arakan Army", "members of al-Shabaab": the group's
                # people in the plural act as the group, as "Arakan Army fighters" does
                first = state.extend_back(before.start(), _QUAL_BEFORE)
                return [(state.match(first, end, actor), "actor")]
            role = voc.ROLE_NOUNS[noun]
            first = state.extend_back(before.start(), _QUAL_BEFORE)
            return [(self._person(actor, role, first, end, state, allow_name=False), "person")]
        return [(state.match(start, end, actor), "actor")]

    def _person(
        self,
        group: CanonicalActor,
        role: str,
        start: int,
        end: int,
        state: _State,
        *,
        label_prefix: str | None = None,
        allow_name: bool = True,
    ) -> ActorMatch:
        if allow_name:
            named = self._name_after(end, state, group, role)
            if named is not None:
                person, name_end = named
                return state.match(start, name_end, person, person_role=role)
        person = self.registry.person_by_role(group, role, label_prefix=label_prefix)
        return state.match(start, end, person, person_role=role)

    def _name_after(
        self, pos: int, state: _State, affiliation: CanonicalActor | None, role: str
    ) -> tuple[CanonicalActor, int] | None:
        m = _NAME.match(state.folded, pos)
        if not m:
            return None
        tokens = list(re.finditer(r"\S+", m.group("name")))
        while tokens and tokens[-1].group() in _NAME_STOP:
            tokens.pop()
        if not tokens or tokens[0].group() in _NAME_STOP:
            return None
        name_start = m.start("name")
        name_end = name_start + tokens[-1].end()
        name = collapse(state.text[name_start:name_end])
        known = self.registry.lookup(name)
        if known is not None:
            if known.kind != "person":
                return None  # "ISIS leader Hezbollah ..." is not a name
            return known, name_end
        if self._is_place(name, [t.group() for t in tokens]):
            return None
        if len(tokens) < 2 and role not in voc.MONARCH_TITLES:
            return None  # one capitalised word after "commander" is too often not a name
        return self.registry.named_person(name, affiliation), name_end

    @staticmethod
    def _is_place(name: str, tokens: list[str]) -> bool:
        """Whether the capitalised words after a role are a place ("ISIS leader Mosul"),
        not a name ("Defence Minister Israel Katz")."""
        last = tokens[-1]
        if (
            countries.demonym_country(last)
            or countries.capital_country(last)
            or countries.country_code(last, fallback=False)
        ):
            return True
        return countries.gazetteer_place(name)

    def _sponsored(self, start: int, end: int, state: _State) -> ActorMatch:
        label = collapse(state.text[start:end])
        actor = self.registry.mint(label, kind="armed_group", country=None)
        return state.match(start, end, actor)

    # --- demonyms and countries -------------------------------------------------------------

    def _demonym(
        self, cc: str, start: int, word_end: int, pos: int, state: _State
    ) -> ActorMatch | None:
        folded = state.folded
        before = folded[max(0, start - 5) : start].lower()
        if before.endswith("anti "):
            return None
        pro = before.endswith("pro ")
        sponsor = _SPONSOR.match(folded, pos)
        if sponsor:
            noun = _SPONSORED_NOUN.match(folded, sponsor.end())
            if noun:
                return self._sponsored(start, noun.end(), state)
            return None
        m = _DEMONYM_NOUN.match(folded, pos)
        if not m:
            # "Iraqi and Syrian officials": the noun after the second demonym is the
            # first one's too.
            pair = _DEMONYM_AND.match(folded, pos)
            if pair is None or countries.demonym_country(pair.group("word")) is None:
                return None
            found = self._demonym(cc, start, word_end, pair.end(), state)
            if found is None or found.unidentified:
                return None
            return state.match(start, word_end, found.actor, person_role=found.person_role)
        noun = collapse(m.group("noun")).lower()
        what = voc.DEMONYM_NOUNS[noun]
        if pro:
            if what in ("armed", "military"):
                return self._sponsored(start - 4, m.end(), state)
            return None
        demonym = countries.demonym_of(cc) or collapse(state.text[start:word_end])
        surface = collapse(state.text[start : m.end()])
        if what in _BODY_WORDS:
            return state.match(start, m.end(), self.registry.country_body(cc, what))
        if what == "attack":
            return state.match(start, word_end, self.registry.country_body(cc, "military"))
        if what == "armed":
            return state.match(
                start, m.end(), self.registry.mint(surface, kind="armed_group", country=cc)
            )
        if what == "civilians":
            return state.match(
                start, m.end(), self.registry.mint(surface, kind="civilians", country=cc)
            )
        if what == "minted_government":
            return state.match(
                start, m.end(), self.registry.mint(surface, kind="government", country=cc)
            )
        body = self.registry.country_body(
            cc, "government" if what == "role_government" else "military"
        )
        first = state.extend_back(start, _QUAL_BEFORE)
        return self._person(
            body,
            voc.ROLE_NOUNS.get(noun, noun),
            first,
            m.end(),
            state,
            label_prefix=demonym,
        )

    def _country(
        self, entry: _Entry, start: int, end: int, state: _State
    ) -> list[tuple[ActorMatch, str]]:
        folded = state.folded
        if entry.kind == "country":
            cc = entry.value
            possessive = _POSSESSIVE.match(folded, end)
            if possessive:
                found = self._demonym(cc, start, end, possessive.end(), state)
                if found is not None:
                    return [(found, "demonym")]
            elif _SPONSOR.match(folded, end):
                found = self._demonym(cc, start, end, end, state)
                return [(found, "sponsored")] if found else []
            else:
                noun = _DEMONYM_NOUN.match(folded, end)
                if (
                    noun
                    and voc.DEMONYM_NOUNS[collapse(noun.group("noun")).lower()] == "military"
                    and not _LOCATIVE_BEFORE.search(folded, max(0, start - 12), start)
                ):
                    # "United States forces", "Mali troops": the country's name used as
                    # its demonym, the state's armed forces
                    found = self._demonym(cc, start, end, end, state)
                    if found is not None:
                        return [(found, "demonym")]

        family = None
        # "the border between Iraq and Syria has sent ripples": after a preposition the
        # name is an object, and the verb belongs to a longer subject.
        governed = (
            _PREPOSITION_BEFORE.search(folded, max(0, start - 12), start)
            or _PREPOSITION_ADJ_BEFORE.search(folded, max(0, start - 40), start)
            or self._deferred_chain(start, state)[1]
        )
        verb = None if governed else _VERB.match(folded, end)
        if verb:
            family = self._family(verb)
        elif state.expected is not None and state.expected[0] == start:
            family = state.expected[1]
        elif _ends_with(state.low, max(0, start - 16), start, _ADDRESS_VERBS) and (
            _ADDRESSED.search(folded, max(0, start - 16), start)
        ):
            # "accused Moscow of ...", "urged Kabul to ...": the state addressed acts as a
            # government, it is not where anything happened.
            family = "political"
        elif _ends_with(state.low, max(0, start - 40), start, ("between",)) and (
            _BETWEEN_BEFORE.search(folded, max(0, start - 40), start)
        ):
            family = "political"
        elif _ends_with(state.low, max(0, start - 12), start, ("of",)) and (
            _OFFICIALS_OF.search(folded, max(0, start - 60), start)
        ):
            # "the foreign ministers of Egypt and Saudi Arabia met": the states, by their
            # ministers, are who met and agreed
            family = "political"
        else:
            by = (
                _BY_BEFORE.search(folded, max(0, start - 30), start)
                if _ends_with(state.low, max(0, start - 30), start, ("by",))
                else None
            )
            if by:
                word = by.group("verb").lower()
                if word in _MILITARY_PARTICIPLES:
                    family = "military"
                elif word.endswith("ed") or word in _POLITICAL_PARTICIPLES:
                    family = "political"
        if family is None:
            return []
        if not verb:
            link = _AND.match(folded, end)
            state.expected = (link.end(), family) if link else None
        actor = self._country_actor(entry, family)
        self._accept_deferred(start, family, state)
        return [(state.match(start, end, actor), entry.kind)]

    def _country_actor(self, entry: _Entry, family: str) -> CanonicalActor:
        if entry.kind == "metonym":
            actor = self.registry.get(entry.value)
            if actor is not None:
                return actor
        return self.registry.country_body(
            entry.value, "military" if family == "military" else "government"
        )

    # --- people by title, pronoun or group reference ---------------------------------------

    def _title(self, title: str, start: int, end: int, state: _State) -> ActorMatch | None:
        named = self._name_after(end, state, None, title)
        if named is None:
            return None
        person, name_end = named
        return state.match(start, name_end, person, person_role=title)

    def _pronoun_role(self, role: str, start: int, end: int, state: _State) -> ActorMatch | None:
        previous = next(
            (m for m in reversed(state.matches) if m.actor.kind == "person" and m.actor.parent),
            None,
        )
        if previous is None:
            return None
        group = self.registry.get(previous.actor.parent)
        if group is None:
            return None
        if role == "deputy":
            prev_role = previous.person_role or "leader"
            role = prev_role if prev_role.startswith("deputy") else f"deputy {prev_role}"
        return state.match(start, end, self.registry.person_by_role(group, role), person_role=role)

    def _group_reference(self, start: int, end: int, state: _State) -> ActorMatch | None:
        role = _ROLE_ONLY.match(state.folded, end)
        if not role:
            return None
        group = None
        for m in reversed(state.matches):
            if m.actor.kind in _GROUPISH:
                group = m.actor
                break
            if m.actor.kind == "person" and m.actor.parent:
                group = self.registry.get(m.actor.parent)
                break
        if group is None:
            return None
        first = state.extend_back(start, _GROUPREF_BEFORE)
        name = voc.ROLE_NOUNS[collapse(role.group("noun")).lower()]
        return self._person(group, name, first, role.end(), state)

    # --- unidentified ------------------------------------------------------------------------

    def _unidentified(self, strong: bool, start: int, end: int, state: _State) -> ActorMatch | None:
        first = state.extend_back(start, _UNID_BEFORE)
        qualifiers = set(state.folded[first:start].lower().replace(",", " ").split())
        after = _UNID_AFTER.match(state.folded, end)
        last = after.end() if after else end
        if not strong and not (after or qualifiers & voc.UNIDENTIFIED_STRONG_QUALIFIERS):
            return None
        return state.match(first, last, self.registry.unidentified, unidentified=True)

    # --- second pass: capitalised organisation names ------------------------------------------

    def _scan_organisations(self, state: _State) -> None:
        folded = state.folded
        for m in _ORG.finditer(folded):
            all_tokens = [
                (t.start() + m.start(), t.end() + m.start(), t.group())
                for t in re.finditer(r"\S+", m.group())
            ]
            # "the Free Syrian Army and Jaish al-Fatah": "and" or an Arabic group word
            # starts a new name.
            segment: list[tuple[int, int, str]] = []
            for token in all_tokens:
                gap = (
                    state.text[segment[-1][1] : token[0]]
                    if segment and token[0] - segment[-1][1] > 1
                    else ""
                )
                if gap.strip() and gap != gap.strip():
                    # "BAMAKO - The General Staff": a spaced dash or a colon (folded to a
                    # space) ends a dateline or a label; no name runs across it (a hyphen
                    # inside a name, "Jaish al-Nasr", is no break).
                    self._organisation_segment(segment, state)
                    segment = []
                if token[2] == "and" or (token[2] in _ARABIC_HEADS and segment):
                    self._organisation_segment(segment, state)
                    segment = [] if token[2] == "and" else [token]
                else:
                    segment.append(token)
            self._organisation_segment(segment, state)

    def _organisation_segment(self, tokens: list[tuple[int, int, str]], state: _State) -> None:
        tokens = list(tokens)
        # "Fighters of the National Liberation Army": the members are not the name.
        while (
            len(tokens) > 2
            and tokens[0][2].lower() in _MEMBER_NOUNS
            and tokens[1][2].lower() in ("of", "from")
        ):
            tokens = tokens[2:]
        while tokens and (tokens[0][2] in _ORG_STOP or tokens[0][2].lower() in _ORG_CONNECTORS):
            tokens.pop(0)
        if len(tokens) < 2:
            return
        words = [t[2][:-2] if t[2].endswith("'s") else t[2].rstrip("'") for t in tokens]
        arabic = words[0] in _ARABIC_HEADS
        if arabic:
            last = len(tokens) - 1
        else:
            heads = [i for i, w in enumerate(words) if w.lower() in _ORG_HEADS and w[:1].isupper()]
            if not heads:
                return
            follows = words[heads[0] + 1].lower() if heads[0] + 1 < len(words) else ""
            # "Ministry of Defence": the head comes first and the name runs on after "of"
            last = len(tokens) - 1 if follows in ("of", "for") else heads[-1]
        while last > 0 and words[last].lower() in _ORG_CONNECTORS:
            last -= 1
        content = [w for w in words[: last + 1] if w.lower() not in _ORG_CONNECTORS]
        if len(content) < 2 or not any(c.islower() for w in content for c in w):
            return  # one word, or a shouted headline
        start, end = tokens[0][0], tokens[last][1]
        if tokens[last][2].endswith("'s"):
            end -= 2
        self._add_organisation(start, end, state, arabic=arabic)

    def _add_organisation(
        self, start: int, end: int, state: _State, *, arabic: bool = False
    ) -> None:
        inside = [i for i, m in enumerate(state.matches) if m.start < end and start < m.end]
        if arabic and all(state.matches[i].start > start for i in inside):
            # "Jaish al-Fatah" is not Fatah: an Arabic group word opens a new name.
            end = max([end, *(state.matches[i].end for i in inside)])
            inside = [i for i, m in enumerate(state.matches) if m.start < end and start < m.end]
        else:
            inside = self._blocking(inside, start, end, state)
            if inside is None:
                return
        label = collapse(state.text[start:end])
        label_end = end
        for i in inside:
            if (
                state.matches[i].end == end
                and state.matches[i].start > start
                and state.origins[i] == "actor"
            ):
                label_end = state.matches[i].start + len(collapse(state.matches[i].text).split()[0])
        label = collapse(state.text[start:label_end])
        actor = self.registry.lookup(label)
        if actor is None:
            kind, country = voc.guess_kind(label)
            actor = self.registry.mint(label, kind=kind, country=country)
        for i in reversed(inside):
            del state.matches[i]
            del state.origins[i]
        state.insert(state.match(start, end, actor), "org")

    @staticmethod
    def _blocking(inside: list[int], start: int, end: int, state: _State) -> list[int] | None:
        for i in inside:
            m = state.matches[i]
            # Only demonym bodies, countries and unidentified nouns inside a longer capitalised
            # name give way to it ("Free Syrian Army" is not the Syrian army).
            if (
                state.origins[i] not in ("demonym", "country", "capital", "unid", "civ")
                or m.start < start
                or m.end > end
            ):
                return None
            if m.start == start and state.origins[i] == "demonym":
                return None  # "Iraqi Special Forces": the demonym reading stands
        return inside

    def _scan_unknown_demonyms(self, state: _State) -> None:
        for m in _UNKNOWN_DEMONYM.finditer(state.folded):
            word = m.group("word")
            if self._lookup(word):
                continue  # in the built-in table: the main scan already decided
            cc = countries.demonym_country(word)
            if cc is None:
                continue
            start, end = m.span("word")
            if state.overlaps(start, end):
                continue
            found = self._demonym(cc, start, end, end, state)
            if found is not None and not state.overlaps(found.start, found.end):
                state.insert(found, "demonym")

    # --- merging ------------------------------------------------------------------------------

    def _merge_unidentified(self, state: _State) -> list[ActorMatch]:
        matches, origins = state.matches, state.origins
        out: list[ActorMatch] = []
        i = 0
        while i < len(matches):
            m = matches[i]
            nxt = matches[i + 1] if i + 1 < len(matches) else None
            if (
                m.unidentified
                and nxt is not None
                and not nxt.unidentified
                and nxt.actor.kind in _GROUPISH
            ):
                link = _MEMBERSHIP_LINK.fullmatch(state.folded, m.end, nxt.start)
                if link:  # "militants loyal to the Islamic State" are the Islamic State
                    out.append(state.match(m.start, nxt.end, nxt.actor))
                    i += 2
                    continue
            if (
                m.unidentified
                and out
                and origins[i] == "unid"
                and out[-1].actor.kind == "armed_group"
                and not state.folded[out[-1].end : m.start].strip()
            ):
                # "Jaish al-Fatah militants", "the CODECO armed group": the group named just
                # before, not unknown men
                prev = out.pop()
                out.append(state.match(prev.start, m.end, prev.actor))
                i += 1
                continue
            out.append(m)
            i += 1
        return out


def _ends_with(low: str, lo: int, hi: int, words: tuple[str, ...], comma: bool = False) -> bool:
    """Whether ``low[lo:hi]`` ends in one of `words` and white space (and a comma between
    them when `comma`): what the end-anchored patterns of extend_back need at least.

    Most mentions have no qualifier before them; this string test spares the regex
    engine a search from every position of the window.
    """
    if hi <= lo or not low[hi - 1].isspace():
        return False
    tail = low[lo:hi].rstrip()
    if comma and tail.endswith(","):
        tail = tail[:-1]
    return tail.endswith(words)


def _role_may_precede(low: str, lo: int, hi: int) -> bool:
    """A cheap necessary condition of _ROLE_BEFORE: "... of ", "... in the ", "... at its "."""
    if hi <= lo or not low[hi - 1].isspace():
        return False
    tail = low[lo:hi].rstrip()
    if tail.endswith(_ROLE_LINKS):
        return True
    if tail.endswith(("the", "its")):
        rest = tail[:-3]
        return rest[-1:].isspace() and rest.rstrip().endswith(_ROLE_LINKS)
    return False


def _has_lower(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 24) : end + 24]
    return any(c.islower() for c in window)


class _State:
    """What one scan has found so far."""

    def __init__(self, text: str, folded: str) -> None:
        self.text = text
        self.folded = folded
        self.low = _lower(folded)
        self.matches: list[ActorMatch] = []
        self.origins: list[str] = []  # how each match was found, parallel to matches
        self.consumed = 0  # no later mention may start before this offset
        self.deferred: list[tuple[int, int]] = []  # country names seen but not (yet) acting
        # where Y of "between X and Y" / "mediated by X and Y" starts, and its event family
        self.expected: tuple[int, str] | None = None

    def match(
        self,
        start: int,
        end: int,
        actor: CanonicalActor,
        *,
        unidentified: bool = False,
        person_role: str | None = None,
    ) -> ActorMatch:
        return ActorMatch(start, end, self.text[start:end], actor, unidentified, person_role)

    def add(self, match: ActorMatch, origin: str) -> None:
        self.matches.append(match)
        self.origins.append(origin)
        self.consumed = max(self.consumed, match.end)

    def insert(self, match: ActorMatch, origin: str) -> None:
        index = 0
        while index < len(self.matches) and self.matches[index].start < match.start:
            index += 1
        self.matches.insert(index, match)
        self.origins.insert(index, origin)

    def overlaps(self, start: int, end: int) -> bool:
        return any(m.start < end and start < m.end for m in self.matches)

    def extend_back(self, start: int, pattern: re.Pattern[str]) -> int:
        # A backward extension never reaches into the previous mention.
        low = max(self.consumed, start - 60)
        words, comma = _LAST_WORDS[pattern]
        if not _ends_with(self.low, low, start, words, comma):
            return start  # the words before cannot be what the pattern reads
        m = pattern.search(self.folded, low, start)
        return m.start() if m else start
