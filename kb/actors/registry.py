"""The actor registry: curated actors, name resolution and minting.

Resolution order of :meth:`ActorRegistry.resolve` (first hit wins):

1. exact name or alias (hidden aliases included), after folding accents and dashes;
2. normalised name (:func:`kb.actors.normalize.normalize_name`: case, diacritics,
   "the", "al-"/"al ", punctuation, "forces"/"force"); names of three characters or
   fewer only resolve exactly, so "is" is not "IS";
3. a country name, capital, plural demonym or bare demonym: the country's military for
   ``event_family="military"``, its government otherwise (see "Countries as agents");
4. the sentence scanner applied to the name: a demonym with a body noun ("Lebanese
   troops"), an unidentified phrase ("unknown gunmen"), a person by role ("a senior ISIS
   leader"), when one mention covers the whole name;
5. fuzzy matching: rapidfuzz ``token_sort_ratio >= 92`` between normalised names, both at
   least 6 characters long, and every word of one must have a spelling variant
   (``ratio >= 80``) in the other; so "Hayat Tahrir al-Shams" matches HTS but
   "Islamic Jihad" never matches "Islamic State";
6. otherwise a new actor is minted: key ``x-<slug of the normalised name>``, kind guessed
   from the head noun (:func:`kb.actors.vocabulary.guess_kind`).

Countries as agents: a country name or capital that acts in a military event ("Israel
struck", ``event_family="military"``) is that country's military (its ``kb:countryBody
"military"`` actor); in a statement, agreement or any other event it is its government.
Without an event family the government is assumed, because a state speaks through it.

Unidentified perpetrators all resolve to the single actor ``unidentified`` (kind
``unidentified``); nothing named ever resolves to it and it never resolves to anything
named, so the linker can keep such mentions apart.

People by role ("an Islamic State commander") become ``person-<group key>-<role slug>``
actors. They are not individuals: two articles that each mention "an ISIS leader" get the
same key without being assumed to be the same person; only the linker, within one article
that repeats the mention, may treat them as one. Named people get their registry entry or
a minted ``x-<name slug>`` person with the affiliation the text gives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from kb.actors import countries
from kb.actors.canonical import UNIDENTIFIED_KEY, ActorMatch, CanonicalActor
from kb.actors.loader import load_records
from kb.actors.normalize import collapse, fold, normalize_name, slugify
from kb.actors.vocabulary import KINDS, guess_kind
from kb.errors import InputError, NotFoundError

#: Fuzzy matching: minimum rapidfuzz token_sort_ratio between normalised names.
FUZZY_THRESHOLD = 92
#: Fuzzy matching: names shorter than this (normalised) never match fuzzily.
FUZZY_MIN_LENGTH = 6
#: Fuzzy matching: each word must have a counterpart at least this similar.
FUZZY_WORD_THRESHOLD = 80

_BODY_KINDS = {
    "military": "state_military",
    "government": "government",
    "police": "security_service",
    "intelligence": "security_service",
}
_LEADING_WORDS = ("the ", "a ", "an ")
_COVER_PREFIXES = frozenset({"", "a", "an", "the", "one", "some", "two", "three", "several"})
_FUZZY_STOPWORDS = frozenset({"of", "for", "the", "and", "in", "on"})


class ActorRegistry:
    """Canonical actors with their aliases, and the rules to resolve any actor name."""

    def __init__(
        self,
        actors: list[CanonicalActor],
        *,
        hidden: dict[str, set[str]] | None = None,
        bodies: dict[tuple[str, str], str] | None = None,
        source: Path | None = None,
    ) -> None:
        """Build a registry from actors.

        Args:
            actors: the curated actors.
            hidden: per key, the aliases that resolve by name but are not scanned for.
            bodies: ``(country code, body)`` -> key of the country's military, government,
                police or intelligence actor.
            source: the file the actors came from, for messages.

        Raises:
            InputError: two actors share a name or alias (after normalisation).
        """
        self.source = source
        self._actors: dict[str, CanonicalActor] = {a.key: a for a in actors}
        self._hidden = {k: set(v) for k, v in (hidden or {}).items()}
        self._bodies = dict(bodies or {})
        self._minted: dict[str, CanonicalActor] = {}
        self._exact: dict[str, str] = {}
        self._normal: dict[str, str] = {}
        self._extra_scan: list[tuple[str, str]] = []
        self._scanner = None
        self._fuzzy_keys: list[str] | None = None
        self._fuzzy_sorted: list[str] = []
        clashes: list[str] = []
        for actor in actors:
            for name in (actor.label, *actor.aliases):
                clash = self._index(name, actor.key)
                if clash:
                    clashes.append(clash)
        if clashes:
            where = f"{source}: " if source else ""
            raise InputError(
                f"{where}names shared by two actors: {'; '.join(clashes[:10])}; "
                "keep each alias on one actor"
            )
        if UNIDENTIFIED_KEY not in self._actors:
            self._actors[UNIDENTIFIED_KEY] = CanonicalActor(
                UNIDENTIFIED_KEY, "unidentified actor", "unidentified"
            )

    # --------------------------------------------------------------------------------------
    # Construction
    # --------------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | str | None = None) -> ActorRegistry:
        """Read a registry file into a new registry (not cached).

        Args:
            path: a Turtle file; default ``ontology/actors.ttl`` of the installation.

        Raises:
            InputError: the file is missing or malformed, or two actors share an alias.
        """
        if path is None:
            from kb.resources import ontology_file

            path = ontology_file("actors.ttl")
        path = Path(path)
        actors: list[CanonicalActor] = []
        hidden: dict[str, set[str]] = {}
        bodies: dict[tuple[str, str], str] = {}
        for record in load_records(path):
            aliases = tuple(
                dict.fromkeys(
                    a for a in (*record.alt_labels, *record.hidden_labels) if a != record.label
                )
            )
            actors.append(
                CanonicalActor(
                    key=record.key,
                    label=record.label or record.key,
                    kind=record.kind or "organization",
                    country=record.country,
                    aliases=aliases,
                    parent=record.parent,
                )
            )
            if record.hidden_labels:
                hidden[record.key] = set(record.hidden_labels)
            if record.country_body and record.country:
                slot = (record.country, record.country_body)
                if slot in bodies:
                    raise InputError(
                        f"{path}: {record.key!r} and {bodies[slot]!r} are both the "
                        f"{record.country_body} of {record.country}; keep one kb:countryBody"
                    )
                bodies[slot] = record.key
        return cls(actors, hidden=hidden, bodies=bodies, source=path)

    @classmethod
    def default(cls) -> ActorRegistry:
        """The registry of the installed ``ontology/actors.ttl``, loaded once per process."""
        return _default_registry()

    def _index(self, name: str, key: str) -> str | None:
        exact = collapse(fold(name))
        if not exact:
            return None
        clash = None
        for surface in {exact, exact.replace("'", "")}:
            owner = self._exact.setdefault(surface, key)
            if owner != key:
                clash = f"{name!r} ({owner}, {key})"
            lower = surface[4:] if surface.lower().startswith("the ") else None
            if lower:
                self._exact.setdefault(lower, key)
        norm = normalize_name(name)
        if len(norm) > 3:
            owner = self._normal.setdefault(norm, key)
            if owner != key:
                clash = f"{name!r} ({owner}, {key})"
        return clash

    # --------------------------------------------------------------------------------------
    # Look-ups
    # --------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[CanonicalActor]:
        return iter(sorted(self._actors.values(), key=lambda a: a.key))

    def __contains__(self, key: object) -> bool:
        return key in self._actors or key in self._minted

    @property
    def unidentified(self) -> CanonicalActor:
        """The one actor every unidentified mention resolves to."""
        return self._actors[UNIDENTIFIED_KEY]

    def get(self, key: str) -> CanonicalActor | None:
        """The actor with this key (curated, or minted earlier in this process), or None."""
        return self._actors.get(key) or self._minted.get(key)

    def lookup(self, name: str) -> CanonicalActor | None:
        """The actor a name or alias denotes, by exact or normalised match only.

        No country rules, no fuzzy matching, no minting: this is the cheap look-up the
        scanner uses for names it has isolated itself.
        """
        exact = collapse(fold(name))
        key = self._exact.get(exact)
        if key is None:
            norm = normalize_name(name)
            if len(norm) > 3:
                key = self._normal.get(norm)
        return self.get(key) if key else None

    def country_body(self, cc: str, body: str) -> CanonicalActor:
        """A country's military, government, police or intelligence actor.

        Args:
            cc: ISO alpha-2 code.
            body: ``military``, ``government``, ``police`` or ``intelligence``.

        Returns:
            The curated actor marked with that ``kb:countryBody``, or one minted as
            ``x-<demonym>-<body>`` (e.g. ``x-bolivian-military``) when there is none.
        """
        key = self._bodies.get((cc, body))
        if key is not None:
            return self._actors[key]
        demonym = countries.demonym_of(cc) or countries.country_label(cc)
        return self.mint(f"{demonym} {body}", kind=_BODY_KINDS[body], country=cc)

    def scan_names(self) -> Iterator[tuple[str, str]]:
        """(name, key) pairs the sentence scanner looks for: labels and non-hidden aliases."""
        for actor in self._actors.values():
            if actor.kind == "unidentified":
                continue
            hidden = self._hidden.get(actor.key, set())
            for name in (actor.label, *actor.aliases):
                # "the Pentagon" is scanned as "Pentagon", so the mention starts at the name
                if name not in hidden and not name.startswith("the "):
                    yield name, actor.key
        yield from self._extra_scan

    # --------------------------------------------------------------------------------------
    # Resolution
    # --------------------------------------------------------------------------------------

    def resolve(self, name: str, *, event_family: str | None = None) -> CanonicalActor:
        """The canonical actor a name denotes; never None (unknown names are minted).

        Args:
            name: the actor as an article or a user wrote it.
            event_family: ``"military"`` or ``"political"`` when the caller knows what kind
                of event the actor takes part in; it decides whether a country name
                ("Israel", "Damascus") is the country's military or its government.

        Returns:
            A curated actor, a country body, the unidentified actor, a person by role, a
            fuzzy match, or a newly minted actor.

        Raises:
            InputError: the name is empty or `event_family` is not one of the above.
        """
        if event_family not in (None, "military", "political"):
            raise InputError(
                f"event_family must be 'military', 'political' or None, not {event_family!r}"
            )
        found = self.lookup(name)  # before trimming punctuation: "E.U.", "U.S. forces."
        if found is not None:
            return found
        clean = collapse(name).strip(" \t\"'.,;:!?()[]")
        if not clean:
            raise InputError(
                f"cannot resolve an empty actor name ({name!r}); pass the name as written"
            )

        found = self.lookup(clean)
        if found is not None:
            return found
        bare = _strip_leading(clean)
        if bare != clean:
            found = self.lookup(bare)
            if found is not None:
                return found

        found = self._resolve_country(bare, event_family)
        if found is not None:
            return found

        scanned = self._resolve_by_scan(clean)
        if scanned is not None and not scanned.key.startswith("x-"):
            return scanned

        # A spelling variant of a known name beats a newly minted one.
        found = self._resolve_fuzzy(bare)
        if found is not None:
            return found
        if scanned is not None:
            return scanned

        kind, country = guess_kind(bare)
        return self.mint(bare, kind=kind, country=country)

    def outlet(self, name: str) -> CanonicalActor:
        """The actor of a news outlet named in an article's header or a dataset's source.

        A known actor is taken as it is (an agency the registry lists, or a state outlet
        such as "SANA"); a name the registry does not know is minted as ``media``: a
        header's outlet is a medium by definition, whatever its name looks like ("Le
        Monde" is no person, "Kirkuk Now" no place).

        Raises:
            InputError: the name is empty.
        """
        found = self.lookup(name) or self.lookup(collapse(name).strip(" \t\"'.,;:!?()[]"))
        if found is not None:
            return found
        actor = self.resolve(name)
        if not actor.key.startswith("x-") or actor.kind == "media":
            return actor
        label = _strip_leading(collapse(name).strip(" \t\"'.,;:!?()[]"))
        media = CanonicalActor(key="x-" + slugify(label), label=label, kind="media")
        # The guess made from the name's look gives way for this name everywhere in the
        # run, so one actor never gets two kinds.
        self._minted[media.key] = media
        return media

    def _resolve_country(self, name: str, event_family: str | None) -> CanonicalActor | None:
        body = "military" if event_family == "military" else "government"
        metonym = countries.METONYMS.get(name)
        if metonym and metonym in self._actors:
            return self._actors[metonym]
        cc = (
            countries.capital_country(name)
            or countries.PLURAL_DEMONYMS.get(name)
            or countries.demonym_country(name)
            or countries.country_code(name)
        )
        return self.country_body(cc, body) if cc else None

    def _resolve_by_scan(self, name: str) -> CanonicalActor | None:
        best: ActorMatch | None = None
        for match in self.find(name):
            if best is None or match.end - match.start > best.end - best.start:
                best = match
        if best is None:
            return None
        before = name[: best.start].strip().lower()
        after = name[best.end :].strip(" .,;:")
        if before in _COVER_PREFIXES and not after:
            return best.actor
        return None

    def _resolve_fuzzy(self, name: str) -> CanonicalActor | None:
        norm = normalize_name(name)
        if len(norm) < FUZZY_MIN_LENGTH:
            return None
        from rapidfuzz import fuzz, process

        if self._fuzzy_keys is None:
            self._fuzzy_keys = [
                n
                for n, k in self._normal.items()
                if len(n) >= FUZZY_MIN_LENGTH and k != UNIDENTIFIED_KEY
            ]
            self._fuzzy_sorted = []
        if len(self._fuzzy_sorted) != len(self._fuzzy_keys):
            # token_sort_ratio is ratio() of the words sorted: sorting the keys' words
            # once instead of at every comparison gives the same scores, 4-5x faster
            # (a bulk import resolves thousands of unknown names). Normalised names
            # hold single spaces only, so split() cuts them as rapidfuzz does.
            self._fuzzy_sorted = [" ".join(sorted(n.split())) for n in self._fuzzy_keys]
        best = process.extractOne(
            " ".join(sorted(norm.split())),
            self._fuzzy_sorted,
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_THRESHOLD,
        )
        if best is None:
            return None
        key = self._fuzzy_keys[best[2]]
        if not _words_align(norm, key):
            return None
        return self.get(self._normal[key])

    # --------------------------------------------------------------------------------------
    # Sentences
    # --------------------------------------------------------------------------------------

    def find(self, text: str) -> list[ActorMatch]:
        """All actor mentions in a sentence, non-overlapping, in text order.

        Overlaps are settled leftmost-longest: at each position the longest name wins,
        and a mention found earlier in the sentence wins over one that would start inside
        it. See :mod:`kb.actors.scanner` for the rules.

        Args:
            text: one sentence (or any short text); offsets refer to it.
        """
        if self._scanner is None:
            from kb.actors.scanner import Scanner

            self._scanner = Scanner(self)
        return self._scanner.find(text)

    # --------------------------------------------------------------------------------------
    # Minting and corrections
    # --------------------------------------------------------------------------------------

    def mint(
        self,
        name: str,
        *,
        kind: str | None = None,
        country: str | None = None,
        parent: str | None = None,
    ) -> CanonicalActor:
        """The actor for a name the registry does not know, keyed ``x-<slug>``.

        The key depends only on the normalised name, so the same name always gives the
        same actor. Minted actors are remembered for :meth:`get` in this process.

        Args:
            name: the name as written; it becomes the label (a leading "the" dropped).
            kind: the kind; guessed from the head noun when None.
            country: ISO alpha-2 code; guessed from a demonym when None and kind is None.
            parent: the key of the body the actor belongs to or, for a person, acts for.
        """
        label = _strip_leading(collapse(name))
        if kind is None:
            kind, guessed = guess_kind(label)
            country = country or guessed
        if kind not in KINDS:
            raise InputError(f"unknown actor kind {kind!r}; use one of {', '.join(KINDS)}")
        key = "x-" + slugify(label)
        known = self._minted.get(key)
        if known is not None and (known.parent or not parent):
            return known
        actor = CanonicalActor(key=key, label=label, kind=kind, country=country, parent=parent)
        self._minted[key] = actor
        return actor

    def minted(self) -> dict[str, CanonicalActor]:
        """The actors minted in this process so far, by key (a copy)."""
        return dict(self._minted)

    def adopt(self, minted: dict[str, CanonicalActor]) -> None:
        """Take over actors minted elsewhere (another process extracting for this one)."""
        self._minted.update(minted)

    def person_by_role(
        self, group: CanonicalActor, role: str, *, label_prefix: str | None = None
    ) -> CanonicalActor:
        """A person known only by role in a group: key ``person-<group>-<role>``.

        Args:
            group: the group, force or government the person acts for.
            role: the role as a phrase ("leader", "deputy leader", "spokesman").
            label_prefix: what to put before the role in the label instead of the group's
                name ("Iraqi" for "an Iraqi official").
        """
        role = collapse(role).lower()
        key = f"person-{group.key}-{slugify(role)}"
        known = self._minted.get(key)
        if known is not None:
            return known
        actor = CanonicalActor(
            key=key,
            label=f"{label_prefix or group.label} {role}",
            kind="person",
            country=group.country,
            parent=group.key,
        )
        self._minted[key] = actor
        return actor

    def named_person(self, name: str, affiliation: CanonicalActor | None) -> CanonicalActor:
        """A named person: the registry entry when there is one, else a minted ``x-`` person."""
        known = self.lookup(name)
        if known is not None and known.kind == "person":
            return known
        return self.mint(
            name,
            kind="person",
            country=affiliation.country if affiliation else None,
            parent=affiliation.key if affiliation else None,
        )

    def add_alias(self, alias: str, key: str) -> None:
        """Make `alias` a name of the actor `key` (a user correction), in memory.

        The alias wins over whatever it resolved to before, and the sentence scanner looks
        for it from the next :meth:`find` on.

        Raises:
            InputError: the alias is empty.
            NotFoundError: no actor has this key.
        """
        actor = self.get(key)
        if actor is None:
            raise NotFoundError(
                f"no actor with key {key!r}; list the keys with `kb actors` or fix the key"
            )
        surface = collapse(fold(alias))
        if not surface:
            raise InputError(f"cannot add an empty alias to {key!r}")
        for variant in {surface, surface.replace("'", "")}:
            self._exact[variant] = key
        norm = normalize_name(alias)
        if len(norm) > 3:
            self._normal[norm] = key
        updated = dataclasses.replace(actor, aliases=(*actor.aliases, collapse(alias)))
        if key in self._actors:
            self._actors[key] = updated
        else:
            self._minted[key] = updated
        self._extra_scan.append((collapse(alias), key))
        self._scanner = None
        self._fuzzy_keys = None
        self._fuzzy_sorted = []


def _strip_leading(name: str) -> str:
    lower = name.lower()
    for word in _LEADING_WORDS:
        if lower.startswith(word) and len(name) > len(word):
            return name[len(word) :]
    return name


def _words_align(a: str, b: str) -> bool:
    """Whether every word of each name has a spelling variant in the other."""
    from rapidfuzz import fuzz

    wa = [w for w in a.split() if w not in _FUZZY_STOPWORDS]
    wb = [w for w in b.split() if w not in _FUZZY_STOPWORDS]
    if len(wa) != len(wb):
        return False
    return all(max(fuzz.ratio(x, y) for y in wb) >= FUZZY_WORD_THRESHOLD for x in wa) and all(
        max(fuzz.ratio(y, x) for x in wa) >= FUZZY_WORD_THRESHOLD for y in wb
    )


def adopt_into_default(minted: dict[str, CanonicalActor]) -> None:
    """Take over actors minted elsewhere into the default registry, without loading it.

    An ingest whose extraction ran wholly in a helper process (kb.ingest_parallel) never
    needs the registry in this process: loading it only to hand it the helper's actors
    would cost as much as the helper saved. They are kept until the registry is loaded
    (:meth:`ActorRegistry.default`), which then holds what it would hold had this process
    extracted.
    """
    if _default_registry.cache_info().currsize:
        _default_registry().adopt(minted)
    else:
        # Later states repeat and update earlier ones (a helper forked from this process
        # starts from what is kept here), so one dict updated in order is enough.
        _adopted.update(minted)


#: Actors adopted before the default registry was loaded (see adopt_into_default).
_adopted: dict[str, CanonicalActor] = {}


@cache
def _default_registry() -> ActorRegistry:
    registry = ActorRegistry.load()
    if _adopted:
        registry.adopt(_adopted)
        _adopted.clear()
    return registry
