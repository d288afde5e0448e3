"""Resolve what users type (actor names, place names, type keys, event ids) to IRIs.

IRIs come back as plain strings (rdflib stays off the read path); pass them to a query
as terms with :func:`kb.store.oxterms.iri`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kb.errors import NotFoundError
from kb.namespaces import BASE, actor_ref, event_ref, place_ref, type_ref
from kb.store.base import Store
from kb.store.oxterms import iri, lit


def _keys(rows: list[dict[str, str | None]], var: str = "a") -> list[str]:
    return sorted({str(r[var]).rsplit("/", 1)[-1] for r in rows})


def actor_keys(store: Store | None, name: str) -> list[str]:
    """Canonical actor keys a name stands for, the user's corrections included.

    Resolution order: a user alias stored in the corrections graph; an actor of the
    store whose key, label or alias is exactly the name (one query, no registry to
    load); the registry (names, aliases, normalised and fuzzy match). Actors merged
    into the result come along, so a timeline of the survivor shows the events of both,
    and so do the unnamed people the store holds as the actor's members (a person by
    role, ``person-<group>-<role>`` with ``kb:parentOrganization``): "a Hezbollah
    commander" killed in a strike is Hezbollah's story too.
    """
    name = name.strip()
    keys: list[str] = []
    if store is not None:
        keys = _keys(
            store.select_values("SELECT ?a WHERE { ?a kb:userAlias ?name }", {"name": lit(name)})
        )
        if not keys:
            keys = _store_actor_keys(store, name)
    if not keys:
        keys = _state_keys(store, name)
    if not keys:
        from kb.actors import ActorRegistry

        registry = ActorRegistry.default()
        keys = [name] if registry.get(name) is not None else [registry.resolve(name).key]
    if store is not None:
        merged = store.select_values(
            "SELECT ?a WHERE { ?a kb:mergedInto ?b }", {"b": [iri(actor_ref(k)) for k in keys]}
        )
        keys += _keys(merged)
        # The group's people ("a Hezbollah commander", "an ISIS emir"), minted with the
        # group as their kb:parentOrganization: a strike that killed one is the group's
        # story too.
        members = store.select_values(
            'SELECT ?a WHERE { ?a kb:parentOrganization ?b ; kb:actorKind "person" }',
            {"b": [iri(actor_ref(k)) for k in keys]},
        )
        # Only people by role (person-<group>-<role>): a named leader is an actor of
        # their own, asked for by name.
        keys += [k for k in _keys(members) if k.startswith("person-")]
    return sorted(set(keys))


#: The kinds of actor that act for a state: what a country's name stands for as an actor.
STATE_KINDS = ("state_military", "security_service", "government")


def _country_of_name(name: str) -> str | None:
    """The country a name is the name of ("Israel", "the United States"), else None."""
    from kb.actors import countries

    bare = re.sub(r"(?i)^the\s+", "", name.strip())
    if not bare or bare[0].islower():
        return None
    return countries.country_code(bare, fallback=False)


def _state_keys(store: Store | None, name: str) -> list[str]:
    """For a country's name, the actors acting for that state (army, government, police).

    News credits a state's acts to its bodies ("the Israeli army", "Iraqi police"), and
    an analyst who asks for "Israel" means all of them; the registry alone would pick
    one body (the government). Registry actors of the country and actors the store holds
    with that ``kb:country`` and a state kind are all taken.
    """
    cc = _country_of_name(name)
    if cc is None:
        return []
    from kb.actors import ActorRegistry

    keys = {
        a.key
        for a in ActorRegistry.default()
        if a.country == cc and a.kind in STATE_KINDS and not a.key.startswith("x-")
    }
    if store is not None:
        rows = store.select_values(
            "SELECT ?a ?k WHERE { ?a kb:country ?cc ; kb:actorKind ?k ; a sem:Actor }",
            {"cc": lit(cc)},
        )
        keys.update(str(r["a"]).rsplit("/", 1)[-1] for r in rows if str(r["k"]) in STATE_KINDS)
    return sorted(keys)


def _store_actor_keys(store: Store, name: str) -> list[str]:
    """The one actor of the store known by exactly this key, label or alias, if any.

    Ambiguous or unknown names return nothing and go to the registry, whose ranking
    decides; so does every name whose actor the store has not seen yet.
    """
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        rows = store.select_values(
            "SELECT ?a WHERE { ?a a sem:Actor } LIMIT 1", {"a": iri(actor_ref(name))}
        )
        if rows:
            return [name]
    rows = store.select_values(
        "SELECT DISTINCT ?a WHERE { ?a skos:prefLabel|skos:altLabel ?name . ?a a sem:Actor }",
        {"name": lit(name)},
    )
    keys = _keys([r for r in rows if str(r["a"]).startswith(actor_ref(""))])
    return keys if len(keys) == 1 else []


def actor_note(store: Store | None, name: str) -> str | None:
    """A one-line note when an actor name was not taken as written, else None.

    "using Hezbollah" when the registry matched the name only by its spelling-variant
    (fuzzy), country or cover-phrase rules; "no actor of that name in the store or the
    actor registry" (with up to three close names) when nothing knows it. Names that a
    user alias, the store or the registry know exactly need no note.
    """
    name = name.strip()
    if not name:
        return None
    if store is not None and (
        store.select_values(
            "SELECT ?a WHERE { ?a kb:userAlias ?name } LIMIT 1", {"name": lit(name)}
        )
        or _store_actor_keys(store, name)
    ):
        return None
    from kb.actors import ActorRegistry

    registry = ActorRegistry.default()
    if registry.get(name) is not None or registry.lookup(name) is not None:
        return None
    state = _state_keys(store, name)
    if state:
        labels = sorted((a.label if (a := registry.get(k)) is not None else k) for k in state)
        shown = ", ".join(labels[:4]) + (f" and {len(labels) - 4} more" if len(labels) > 4 else "")
        return f"using the actors of the state: {shown}"
    actor = registry.resolve(name)
    if not actor.key.startswith("x-"):  # curated, a country's body or a person by role
        return f"using {actor.label}"
    if store is not None and store.select_values(
        "SELECT ?a WHERE { ?a a sem:Actor } LIMIT 1", {"a": iri(actor.iri)}
    ):
        return None  # an actor minted from this very name when an article was stored
    close = _close_actor_names(store, registry, name)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return f"no actor of that name in the store or the actor registry{hint}"


def _close_actor_names(store: Store | None, registry: Any, name: str) -> list[str]:
    """Up to three actor names like `name`: the registry's and the store's labels."""
    from rapidfuzz import fuzz, process, utils

    labels: dict[str, str] = {}  # label -> actor key, so one actor is offered once
    for actor in registry:
        if actor.kind != "unidentified":
            for label in (actor.label, *actor.aliases):
                labels.setdefault(label, actor.key)
    if store is not None:
        for r in store.select_values(
            "SELECT ?a ?label WHERE { ?a a sem:Actor ; skos:prefLabel ?label }"
        ):
            labels.setdefault(str(r["label"]), str(r["a"]))
    out: list[str] = []
    seen: set[str] = set()
    for label, _score, _ in process.extract(
        name,
        list(labels),
        scorer=fuzz.ratio,
        processor=utils.default_process,
        limit=12,
        score_cutoff=70,
    ):
        key = labels[label]
        if key not in seen:
            seen.add(key)
            out.append(label)
        if len(out) == 3:
            break
    return out


def actor_iris(store: Store | None, name: str) -> list[str]:
    """IRIs of :func:`actor_keys`."""
    return [actor_ref(k) for k in actor_keys(store, name)]


def place_iri_for(name: str, store: Store | None = None) -> str:
    """The place a name stands for: a gazetteer id (geonames:99237) or a name.

    With a store, a place it holds under exactly this id or name (one place only) is
    taken without loading the gazetteer; otherwise the gazetteer decides (its ranking
    prefers countries, then regions, then the most populous town).
    """
    return place_for(name, store)[0]


def place_for(name: str, store: Store | None = None) -> tuple[str, str | None]:
    """:func:`place_iri_for` and a note saying which place was used, when it may surprise.

    The note (None when the name was taken as written) names the place the gazetteer
    chose when its name differs from the one given ("Southern Lebanon" is read as
    Lebanon) or when a name that is not a country's was matched by the gazetteer alone
    ("Sahel" is a region of Burkina Faso there): a user asking about a wider area
    should know that a narrower or different one was searched.
    """
    name = name.strip()
    if store is not None:
        if ":" in name:
            ref = place_ref(name)
            if store.select_values("SELECT ?p WHERE { ?p kb:placeLevel ?l }", {"p": iri(ref)}):
                return ref, None
        else:
            rows = store.select_values(
                "SELECT DISTINCT ?p WHERE { ?p rdfs:label ?name ; kb:placeLevel ?l }",
                {"name": lit(name)},
            )
            if len(rows) == 1:
                return str(rows[0]["p"]), None
    from kb.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    place = gaz.get(name) if ":" in name else None
    by_id = place is not None
    if place is None:
        place = gaz.lookup(name)
    if place is None:
        # Borders and seas by any of the names the news gives them ("Iraq-Syria border",
        # "the Syrian-Iraqi border", "the Red Sea"): the text finder knows them all.
        # The finder reads text as news writes it (capitalised names): a user typing
        # "northern syria" means what "Northern Syria" does.
        titled = re.sub(
            r"(?<![\w'])(?!(?:the|of|and|al|el|de|border|sea)\b)([a-z])",
            lambda m: m.group(1).upper(),
            name,
        )
        for text in dict.fromkeys((name, titled)):
            found = list(gaz.find(text))
            if len(found) == 1:
                start, end, match = found[0]
                if (text[:start] + text[end:]).strip().lower() in ("", "the"):
                    place = match
                    break
    if place is None:
        raise NotFoundError(f"no place named {name!r} in the gazetteer; try its English name")
    note = None
    if not by_id:
        where = place.level
        if place.country and place.level != "country":
            from kb.actors.countries import country_label

            where = f"{place.level} of {country_label(place.country)}"
        # A town or region named as given may still be one of several of that name.
        if _folded(place.name) != _folded(name) or place.level in ("city", "district", "region"):
            note = f"using {place.name} ({where}, {place.id})"
    return place_ref(place.id), note


def _folded(text: str) -> str:
    text = re.sub(r"[\s\-_\u2010-\u2015]+", " ", text.casefold()).strip()
    return text.removeprefix("the ")


def type_key(raw: str) -> str:
    """The event-type key a user means: case, spaces, hyphens and a plural forgiven.

    "Drone strike", "drone-strike" and "Airstrikes" are ``drone_strike`` and
    ``airstrike``; a name that still matches no type is returned as normalised, and
    :func:`type_iris` then lists the valid keys.
    """
    from kb.eventtypes import event_types

    known = event_types()
    text = raw.strip()
    for prefix in ("https://w3id.org/kb/event-type/", "kbt:"):
        text = text.removeprefix(prefix)
    key = re.sub(r"[\s\-]+", "_", text.casefold())
    if key in known:
        return key
    # A plural: "airstrikes", "drone_strikes", "clashes"; only when that yields a type.
    for cut in ("es", "s"):
        if key.endswith(cut) and key[: -len(cut)] in known:
            return key[: -len(cut)]
    return key if key else raw


def type_iris(key: str) -> list[str]:
    """The IRI of an event type and of every narrower type (key as :func:`type_key` reads it)."""
    from kb.eventtypes import event_types, lineage

    normal = type_key(key)
    if normal not in event_types():
        lineage(key)  # raises a clear error (naming what was typed) listing the keys
    key = normal
    return [type_ref(k) for k in event_types() if key in lineage(k)]


def event_iri_for(raw: str) -> str:
    """An event key (e-...) or a full event IRI."""
    raw = raw.strip()
    if re.search(r"[\s<>\"{}|^`\\]", raw):
        raise NotFoundError(f"{raw!r} is not an event key or IRI; list them with 'kb events'")
    if raw.startswith(BASE):
        return raw
    if raw.startswith(("http://", "https://")):
        raise NotFoundError(f"{raw!r} is not a kb event IRI")
    return event_ref(raw)


def period_bound(value: str, name: str, *, end: bool = False) -> dt.date:
    """A day from ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``: a period's first day, or with
    `end` its last ("--until 2025-02" is 28 February 2025).

    Raises:
        UsageError: anything else, naming the option (`name`) and the forms it takes.
    """
    import calendar

    from kb.errors import UsageError

    text = value.strip()
    try:
        m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
        if m is None or (m.group(3) and not m.group(2)):
            raise ValueError(text)
        year = int(m.group(1))
        if m.group(3):
            return dt.date.fromisoformat(text)
        if m.group(2):
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return dt.date(year, month, last if end else 1)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError:
        raise UsageError(
            f"{name}: {value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"
        ) from None
