"""A pass over an article's events that folds retellings into the act they retell.

News tells one act several times: a side's own version after the report ("The army said
it had struck 'concentrations of the rebel militia'", "A security official said the
strikes had targeted hideouts of ...", "X said in a statement that its headquarters had
been attacked"), or a follow-up sentence opening on the same fight ("The clashes, which
involved heavy weapons, lasted until dawn"). Each is one event, not two: the later
sentence becomes another mention of the event it retells.
"""

from __future__ import annotations

import re

from kb.eventtypes import top_key
from kb.model import Event

#: Kinds of actor that are a state's own bodies (its army, its government, its services).
_STATE_KINDS = frozenset({"state_military", "government", "security_service"})
#: Types of violent acts whose retelling is folded.
_ACTS = frozenset({"attack", "air_or_drone_strike", "armed_clash", "killing"})

#: "The army said it had struck ...", "The rebels said they had repelled a ... attack",
#: "X said in a statement that its headquarters had been attacked": a party's own account
#: of an act (the speech verb opens the sentence, the act is the speaker's or done to it).
_OWN_ACCOUNT = re.compile(
    r"(?:[\w'’.,-]+\s+){1,10}?(?:has\s+|have\s+)?(?:said|says|claimed|claims|insisted|maintained|"
    r"wrote|posted|announced)\s+"
    # ("in a statement", "in a communique read on state television", "on X", "in a post on
    # Telegram", "on Saturday evening": where and when the side spoke)
    r"(?:(?:in|on)\s+(?:an?\s+)?(?:statement|communiqu[eé]|post|X|Telegram|Facebook)"
    r"(?:\s+(?:read\s+)?on\s+(?:state\s+)?(?:television|radio|X|Telegram|Facebook))?\s+)?"
    r"(?:(?:on|late|early)\s+\w+\s+(?:morning\s+|evening\s+|night\s+)?)?"
    r"(?:that\s+)?"
    r"(?:it|they|its\s+[\w-]+|their\s+[\w-]+|the group's\s+[\w-]+|"
    # ("said the strikes had targeted hideouts of the Pakistani Taliban")
    r"the\s+(?:strikes?|attacks?|raids?|bombing|shelling|operation))\s+"
    r"(?:(?:had|has|have|was|were)\s+)?(?:only\s+)?(?:been\s+)?"
    r"[\"“]?(?:struck|targeted|hit|repelled|repulsed|fought off|attacked|shelled|bombed|"
    r"eliminated|neutrali[sz]ed|carried out [\"“]?(?:precision |targeted )?(?:air ?)?strikes|"
    # ("The military said its forces had fired at a suspect who threw an explosive device")
    r"fired (?:at|on|upon)|opened fire)\b",
    re.I,
)
_CLAUSE_START = re.compile(r";\s+")
#: A region-level place: "Sumy region", "Borno State", "Kherson oblast".
_REGION_AFTER = re.compile(
    r"\s+(?:region|province|oblast|state|governorate|county|district|prefecture)\b", re.I
)
#: The name a place preposition opens: "Kutum", "Bint Jbeil", "Abu Salim".
_PLACE_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
#: A day of its own after the act ("struck ... on Tuesday"); the statement's day before it
#: ("said on Monday that it had struck") is not the act's.
_OWN_DATE = re.compile(
    r"\b(?:on|last|since|early|late|overnight|yesterday|today|this)\b\s*(?:\w+\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|\d)|\b(?:overnight|"
    r"yesterday|earlier today|this morning|last night)\b",
    re.I,
)
#: A place of its own ("in Bara", "near the town of Kiwanja"): then it may be another act.
_OWN_PLACE = re.compile(r"\b(?:in|near|at|around|outside|on)\s+(?:the\s+)?(?:\w+\s+of\s+)?[A-Z]")

#: "The clashes, which involved ..., lasted until ...": the fight told in the sentence before.
_SAME_FIGHT = re.compile(
    r"^(?:The|These|Those)\s+(?:clashes|fighting|battle|gunfight|gun battle|exchange of fire)\b"
    r"(?:,[^.;]{1,120},)?\s+(?:\w+ly\s+)?(?:lasted|continued|raged|went on|persisted|"
    r"subsided|spread|intensified|eased|ended)\b"
)

#: A count after "repelled": "repelled 14 Russian assaults", "repulsed dozens of attacks".
_COUNTED_AFTER = re.compile(
    r"\s+(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|"
    r"several|multiple|numerous)\s+(?:[\w-]+\s+){0,2}(?:assaults|attacks|attempts|offensives)\b",
    re.I,
)

#: How far back (characters) a retold act may have been told.
_WINDOW = 1200


def fold_retellings(events: list[Event]) -> list[Event]:
    """Fold a party's own account, or a sentence resuming a fight, into the act told before.

    Args:
        events: one article's events in text order.

    Returns:
        The events without the retellings; each retold event gains their mentions.
    """
    kept: list[Event] = []
    dropped: set[int] = set()
    for ev in sorted(events, key=lambda e: e.mention.start):
        target = _retold(ev, kept)
        if target is None:
            target = _elaborated(ev, kept)
            if target is None:
                kept.append(ev)
                continue
            # the undated detail names the act's spot more closely ("the village of X")
            known = {p.id for p in target.places}
            target.places = [p for p in ev.places if p.id not in known] + target.places
        dropped.add(id(ev))
        target.other_mentions.append(ev.mention)
        target.other_mentions.extend(ev.other_mentions)
        for key, value in ev.quantities.items():
            target.quantities.setdefault(key, value)
    return [ev for ev in events if id(ev) not in dropped]


#: Words that open another act: "Separately, ...", "Another strike hit ...".
_ANOTHER_ACT = re.compile(
    r"\b(?:separate(?:ly)?|another|other|second|third|also|earlier|later|meanwhile|elsewhere|"
    r"previous(?:ly)?|last|next|again|since|before|after)\b",
    re.I,
)
#: How far after the act (characters) an undated detail of it may come.
_DETAIL_WINDOW = 500


def _elaborated(ev: Event, before: list[Event]) -> Event | None:
    """The dated act an undated sentence right after it goes on to describe, if any.

    A wire's lede gives the act with its day ("An air strike killed 11 villagers in the
    Sagaing region on Friday"); the next sentence tells how it happened without a day ("A
    fighter jet dropped two bombs on the village of X as people gathered"). With no day,
    no other doer, no toll and no place of its own outside the act's, and nothing saying
    it is another act ("Separately", "another", "also"), it is the same act told closer.
    """
    if ev.negated or ev.date.value is not None or top_key(ev.type) not in _ACTS:
        return None
    if ev.quantities or not before or ev.mention.start < 0:
        return None
    prev = before[-1]
    if (
        prev.negated
        or prev.date.value is None
        # ("a power plant had been hit": the bare verb names no kind of its own)
        or (top_key(prev.type) != top_key(ev.type) and ev.type != "attack")
        or prev.mention.start < 0
        or not 0 <= ev.mention.start - prev.mention.end <= _DETAIL_WINDOW
        or _ANOTHER_ACT.search(ev.mention.text)
    ):
        return None
    mine = {a.id for a in ev.agents if not a.unidentified}
    if mine - {a.id for a in prev.agents}:
        return None
    if _OWN_ACCOUNT.match(ev.mention.text):
        return None  # a side's own account: _retold decides ("in Sumy region" is too coarse)
    # ("its forces had struck a command post" after "a drone struck a bus": another target)
    hit = {a.id for a in ev.targets if a.kind != "civilians"}
    if hit and prev.targets and hit - {a.id for a in prev.targets}:
        return None
    areas = {p.id for p in prev.places if p.level not in ("country", "border", "sea")}
    if not areas:
        return None
    for place in ev.places:
        if place.level == "country":
            continue
        if place.id not in areas and not any(r.id in areas for r in place.within):
            return None
    return prev


def _retold(ev: Event, before: list[Event]) -> Event | None:
    if ev.negated or top_key(ev.type) not in _ACTS or ev.mention.start < 0:
        return None
    text = ev.mention.text
    # (the account may open the sentence or its second clause: "X accused the army of
    # targeting civilians; the army said it had struck 'hostile forces' only")
    own = next(
        (
            m
            for at in [0] + [c.end() for c in _CLAUSE_START.finditer(text)]
            if (m := _OWN_ACCOUNT.match(text, at))
        ),
        None,
    )
    fight = _SAME_FIGHT.match(text) if top_key(ev.type) == "armed_clash" else None
    if own is None and fight is None:
        return _other_side_told(ev, before)
    if own is not None and _COUNTED_AFTER.match(text, own.end()):
        return None  # "its forces had repelled 14 assaults": a day's tally, not one act retold
    if own is not None and _OWN_DATE.search(text, own.end()):
        return None  # a day of its own: the side may be telling another act
    # a place the account names ("in the Bint Jbeil area") must be the retold act's
    where = _OWN_PLACE.search(text, own.end()) if own is not None else None
    named = _PLACE_NAME.match(text, where.end() - 1) if where else None
    if named and _REGION_AFTER.match(text, named.end()):
        return None  # "in Sumy region": too coarse to tell it is the same act
    # The speaker must be a party of the act it retells: the agent of "it had struck", the
    # target of "its headquarters had been attacked". (Civilians named in it are no side.)
    side = ev.targets if own is not None and " been " in own.group(0) else ev.agents
    speakers = {a.id for a in side if not a.unidentified and a.kind != "civilians"}
    # ("Ukraine's General Staff said its forces had hit the refinery" after "A Ukrainian
    # drone attack set fire to a refinery": one state's command speaks for its forces)
    states = {a.country for a in side if a.kind in _STATE_KINDS and a.country}
    acts = [
        prev
        for prev in before
        if not prev.negated and top_key(prev.type) in _ACTS and prev.mention.start >= 0
    ]
    # (the act retold is one of the last two told, a few paragraphs back at most)
    for prev in reversed(acts[-2:]):
        if ev.mention.start - prev.mention.end > _WINDOW:
            return None
        if fight is not None:
            return prev if top_key(prev.type) == "armed_clash" else None
        if any(prev.quantities.get(k) != v for k, v in ev.quantities.items()):
            continue  # a toll of its own: another act (the same toll may be retold)
        if named and not (
            any(named.group(0) in m.text for m in prev.all_mentions)
            or any(named.group(0) in (p.name or "") for p in prev.places)
        ):
            continue  # another place: another act
        parties = {a.id for a in prev.actors if not a.unidentified}
        if not speakers or speakers & parties:
            return prev
        if states & {a.country for a in prev.agents if a.kind in _STATE_KINDS and a.country}:
            return prev
    return None


#: A speaker opening the sentence: "The Ministry of Defence said (that) ...".
_SPEAKER_OPENS = re.compile(
    r"(?:[\w'’.,()-]+\s+){1,10}?(?:said|says|claimed|claims|insisted|maintained|announced)\s+"
    r"(?:(?:in|on)\s+(?:an?\s+)?(?:statement|communiqu[eé]|post)\s+)?(?:that\s+)?",
    re.I,
)


def _other_side_told(ev: Event, before: list[Event]) -> Event | None:
    """The clash an undated "X said <the other side> had attacked" tells from one side.

    "Government forces and the SDF clashed near Deir Hafer on Tuesday ... The defence
    ministry said SDF fighters had attacked army positions and that its troops had
    repelled them": a party's version of how the fight began, not a second act. The
    attack's named doers must all be parties of a clash told just before.
    """
    if ev.date.value is not None or top_key(ev.type) != "attack" or ev.mention.start < 0:
        return None
    if not _SPEAKER_OPENS.match(ev.mention.text):
        return None
    doers = {a.id for a in ev.agents if not a.unidentified and a.kind != "civilians"}
    if not doers:
        return None
    acts = [
        prev
        for prev in before
        if not prev.negated and top_key(prev.type) in _ACTS and prev.mention.start >= 0
    ]
    for prev in reversed(acts[-2:]):
        if ev.mention.start - prev.mention.end > _WINDOW:
            return None
        if top_key(prev.type) != "armed_clash":
            continue
        if doers <= {a.id for a in prev.actors if not a.unidentified}:
            return prev
    return None
