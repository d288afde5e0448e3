"""The trigger lexicon: words and phrases news uses to report each kind of event.

Each entry maps a phrase (a regular expression over lower-cased text, matched on
word boundaries) to an event-type key of ``ontology/event-types.ttl`` and a part of
speech. Verbs carry voice: in "was killed by X" the agent follows "by"; in "X
killed Y" it precedes the verb. ``outcome`` triggers (killed, wounded) usually
report the result of another event in the same clause and are folded into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry."""

    pattern: str
    type: str
    pos: str  # "verb" or "noun"
    outcome: bool = False  # a result (killed, wounded) rather than the act itself
    weak: bool = False  # needs an actor, place or date in the sentence to count
    passive_ok: bool = True


_V = "verb"
_N = "noun"

LEXICON: list[Trigger] = [
    # --- air and drone strikes -----------------------------------------------------
    Trigger(r"drone (?:strikes?|attacks?|raids?)", "drone_strike", _N),
    Trigger(
        r"(?:uav|unmanned aerial vehicle|suicide drone|kamikaze drone)s? (?:strikes?|attacks?)",
        "drone_strike",
        _N,
    ),
    Trigger(r"struck by (?:an? )?(?:\w+ )?drones?", "drone_strike", _V),
    Trigger(
        r"air ?strikes?|air raids?|aerial (?:bombardment|attacks?|strikes?)|bombing raids?",
        "airstrike",
        _N,
    ),
    Trigger(
        r"(?:warplanes?|jets?|fighter jets?|aircraft|helicopters?|gunships?) (?:struck|bombed|hit|pounded|targeted|attacked|strike|bomb|hit)",
        "airstrike",
        _V,
    ),
    Trigger(
        r"(?:drones?|uavs?) (?:struck|hit|targeted|attacked|bombed|strikes?|targets?|hits?)",
        "drone_strike",
        _V,
    ),
    Trigger(
        r"precision strikes?|missile strikes?|targeted strikes?|(?<!labor )(?<!labour )(?<!hunger )(?<!general )strikes?",
        "air_or_drone_strike",
        _N,
        weak=True,
    ),
    Trigger(r"struck|strikes", "air_or_drone_strike", _V, weak=True),
    # --- attacks -------------------------------------------------------------------
    Trigger(r"suicide (?:bombings?|attacks?|bombers?|car bombs?)", "suicide_bombing", _N),
    Trigger(
        r"car bombs?|roadside bombs?|bomb(?:ing)? attacks?|bombings?|ieds?|improvised explosive devices?|explosions?|blasts?|landmines?|bomb",
        "bombing",
        _N,
    ),
    Trigger(r"detonated|exploded|blew up|bombed", "bombing", _V),
    Trigger(
        r"shelling|artillery (?:fire|strikes?|barrages?)|mortar (?:fire|rounds?|attacks?|shells?)|rocket (?:attacks?|fire)|missile attacks?|barrages?",
        "shelling",
        _N,
    ),
    Trigger(r"shelled|pounded", "shelling", _V),
    Trigger(
        r"ambush(?:es)?|raids?|assaults?|gun attacks?|shooting|armed attacks?", "armed_assault", _N
    ),
    Trigger(
        r"ambushed|opened fire(?: on)?|stormed|raided|assaulted|gunned down", "armed_assault", _V
    ),
    Trigger(r"kidnapp?ings?|abductions?", "abduction", _N),
    Trigger(r"kidnapp?ed|abducted|taken hostage|seized hostages?", "abduction", _V),
    Trigger(r"attacks?|offensive", "attack", _N, weak=True),
    Trigger(r"attacked|targeted|targeting|hit", "attack", _V, weak=True),
    # --- battles -------------------------------------------------------------------
    Trigger(
        r"clash(?:es)?|fighting|firefights?|gun ?battles?|battles?|skirmish(?:es)?|exchange of fire|heavy fighting",
        "armed_clash",
        _N,
    ),
    Trigger(r"clashed|fought|exchanged fire|engaged", "armed_clash", _V),
    # --- arrests ---------------------------------------------------------------------
    Trigger(r"arrests?|detentions?|round-?ups?|crackdown", "arrest", _N, weak=True),
    Trigger(
        r"arrested|detained|apprehended|captured|rounded up|took into custody|taken into custody|nabbed|in custody",
        "arrest",
        _V,
    ),
    # --- killings --------------------------------------------------------------------
    Trigger(r"assassinat(?:ed|ion|ions)", "assassination", _V),
    Trigger(
        r"killed|shot dead|slain|murdered|executed|beheaded|eliminated|lost (?:their|his|her) lives|died|dead",
        "killing",
        _V,
        outcome=True,
    ),
    Trigger(r"killings?|murders?|executions?|elimination|deaths?", "killing", _N, outcome=True),
    Trigger(r"wounded|injured|hurt", "killing", _V, outcome=True, weak=True),
    # --- deployments -----------------------------------------------------------------
    Trigger(
        r"reinforced|bolstered|beefed up|stepped up|intensified (?:its|their) (?:presence|deployment)|boosted (?:its|their) presence|reinforcements?",
        "reinforcement",
        _V,
    ),
    Trigger(
        r"deployed|dispatched|sent (?:troops|forces|reinforcements)|mobili[sz]ed|massed|redeployed|deployments?|mobili[sz]ations?|build-?up",
        "deployment_or_mobilization",
        _V,
    ),
    # --- cooperation -----------------------------------------------------------------
    Trigger(
        r"coordinated with|coordinating with|coordinate with|security coordination|(?:joint|security) (?:patrols?|operations?)|intelligence sharing|cooperat(?:ed|ing|ion) (?:with|on|between)|coordination",
        "security_coordination",
        _V,
    ),
    Trigger(
        r"signed|agreed|agreements?|memorand(?:um|a) of understanding|accords?|pact",
        "agreement",
        _V,
        weak=True,
    ),
    Trigger(r"ceasefire|truce|cease-fire", "ceasefire", _N),
    # --- statements ------------------------------------------------------------------
    Trigger(
        r"claimed responsibility|claims? of responsibility|claiming responsibility",
        "claim_of_responsibility",
        _V,
    ),
    Trigger(r"denied|denies|deny|denial|rejected (?:claims|reports|accusations)", "denial", _V),
    Trigger(r"threatened|threatens|vowed|warned", "threat", _V, weak=True),
    Trigger(r"accused|accuses|blamed|blames|accusations?", "accusation", _V, weak=True),
    Trigger(r"condemned|condemns", "statement", _V, weak=True),
    # --- protests --------------------------------------------------------------------
    Trigger(
        r"protests?|protesters|demonstrations?|demonstrators|rall(?:y|ies)|sit-ins?|marched|protested",
        "protest",
        _N,
    ),
    Trigger(r"riots?|rioters|rioting", "riot", _N),
]

_ALTERNATION = "|".join(f"(?P<t{i}>{t.pattern})" for i, t in enumerate(LEXICON))
TRIGGER_RE = re.compile(rf"(?<![\w-])(?:{_ALTERNATION})(?![\w-])")


def find_triggers(text: str) -> list[tuple[int, int, Trigger]]:
    """All trigger matches in a sentence (lower-cased match, original offsets)."""
    low = text.lower()
    out: list[tuple[int, int, Trigger]] = []
    for m in TRIGGER_RE.finditer(low):
        idx = int(m.lastgroup[1:])  # type: ignore[index]
        out.append((m.start(), m.end(), LEXICON[idx]))
    return out
