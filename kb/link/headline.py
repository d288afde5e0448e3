"""One-line headlines generated from an incident's type, actors and places."""

from __future__ import annotations

import re
from collections.abc import Sequence

_VERB = {
    "drone_strike": "strikes",
    "airstrike": "carries out airstrike on",
    "air_or_drone_strike": "strikes",
    "bombing": "bombing hits",
    "suicide_bombing": "suicide bombing hits",
    "shelling": "shells",
    "armed_assault": "attacks",
    "abduction": "abducts",
    "attack": "attacks",
    "armed_clash": "clashes with",
    "arrest": "arrests",
    "killing": "kills",
    "assassination": "assassinates",
    "deployment_or_mobilization": "deploys forces",
    "reinforcement": "reinforces positions",
    "security_coordination": "coordinates security with",
    "cooperation_or_agreement": "cooperates with",
    "agreement": "reaches agreement with",
    "ceasefire": "agrees ceasefire with",
    "statement": "issues statement on",
    "denial": "denies involvement in",
    "claim_of_responsibility": "claims responsibility for attack on",
    "threat": "threatens",
    "accusation": "accuses",
    "protest": "protests against",
    "riot": "riots against",
}
_NOUN = {
    "drone_strike": "Drone strike",
    "airstrike": "Airstrike",
    "air_or_drone_strike": "Strike",
    "bombing": "Bombing",
    "suicide_bombing": "Suicide bombing",
    "shelling": "Shelling",
    "armed_assault": "Armed assault",
    "abduction": "Abduction",
    "attack": "Attack",
    "armed_clash": "Clashes",
    "arrest": "Arrests",
    "killing": "Killing",
    "assassination": "Assassination",
    "deployment_or_mobilization": "Deployment",
    "reinforcement": "Reinforcement",
    "security_coordination": "Security coordination",
    "cooperation_or_agreement": "Cooperation",
    "agreement": "Agreement",
    "ceasefire": "Ceasefire",
    "statement": "Statement",
    "denial": "Denial",
    "claim_of_responsibility": "Claim of responsibility",
    "threat": "Threat",
    "accusation": "Accusation",
    "protest": "Protest",
    "riot": "Riot",
}
_DANGLING = re.compile(r"\s+(?:in|on|with|for attack on|against|for)$")

#: Last words that make an actor's name plural: "Iraqi security forces strike", "the
#: Houthis claim", "unidentified gunmen attack". A name is singular unless its last word
#: is one of these (a list, not a rule on "-s": "United States", "Hamas", "Philippines").
_PLURAL_HEADS = frozenset(
    """
    forces troops soldiers police policemen officers guards units commandos paramilitaries
    militants fighters rebels insurgents jihadists extremists terrorists separatists
    militias militiamen gunmen attackers assailants raiders bandits kidnappers pirates gangs
    members men people residents villagers civilians youths students workers herders
    settlers loyalists protesters demonstrators rioters strikers mourners teachers farmers
    traders authorities officials houthis warplanes
    jets drones
    """.split()
)
#: Third-person endings that drop "es", not only "s", in the plural ("reaches" -> "reach").
_ES_ENDINGS = ("ches", "shes", "sses", "xes", "zes")
_NO_OBJECT = {"deployment_or_mobilization", "reinforcement", "protest", "riot"}
#: Acts done *to* someone, named without a doer as "<act> of <whom>".
_OF_TARGET = {"arrest", "killing", "assassination", "abduction", "mass_killing"}


def headline(
    type_key: str,
    agents: Sequence[str],
    targets: Sequence[str],
    participants: Sequence[str],
    places: Sequence[str],
    negated: bool = False,
) -> str:
    """A one-line headline, e.g. "Unidentified drone strikes Islamic State leader, Anbar (Iraq)".

    Args:
        type_key: the event type key.
        agents: labels of the agents (an unidentified one as "Unidentified drone").
        targets: labels of the targets.
        participants: labels of other participants (cooperation, protests).
        places: display names of the places, most specific first.
        negated: the event is reported as not having happened.
    """
    where = ", ".join(places[:2])
    who = _join(agents)
    whom = _join(targets)
    if type_key in ("security_coordination", "cooperation_or_agreement", "agreement", "ceasefire"):
        people = list(agents) + list(participants) + list(targets)
        if len(people) >= 2:
            verb = _agree(_VERB[type_key], _plural([people[0]]))
            text = f"{people[0]} {verb} {_join(people[1:])}"
        else:
            text = f"{_NOUN.get(type_key, 'Event')}" + (f" by {people[0]}" if people else "")
    elif who:
        verb = _agree(_VERB.get(type_key, "acts against"), _plural(agents))
        if type_key in _NO_OBJECT:
            text = f"{who} {_DANGLING.sub('', verb)}"  # "Protesters protest", no "against"
        elif type_key in ("bombing", "suicide_bombing"):
            text = f"{_NOUN[type_key]} by {who}" + (f" hits {whom}" if whom else "")
        elif whom:
            text = f"{who} {verb} {whom}"
        else:
            text = f"{who} {_DANGLING.sub('', verb)}"
    else:
        noun = _NOUN.get(type_key, type_key.replace("_", " ").capitalize())
        if not whom:
            text = noun
        elif type_key in _OF_TARGET:
            text = f"{noun} of {whom}"  # "Arrests of militants", not "Arrests targets"
        else:
            text = f"{noun} targets {whom}"
    if negated:
        text = "Denied: " + text
    if where:
        text += f", {where}"
    return text[0].upper() + text[1:] if text else text


def _join(names: Sequence[str]) -> str:
    names = list(dict.fromkeys(n for n in names if n))
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _plural(names: Sequence[str]) -> bool:
    """Whether the subject these names make takes a plural verb."""
    names = list(dict.fromkeys(n for n in names if n))
    if len(names) != 1:
        return len(names) > 1
    words = names[0].split()
    return bool(words) and words[-1].lower().strip(".,;:()") in _PLURAL_HEADS


def _agree(verb: str, plural: bool) -> str:
    """`verb` (third person singular: "strikes", "carries out") for a plural subject."""
    if not plural:
        return verb
    first, space, rest = verb.partition(" ")
    if first.endswith("ies"):
        first = first[:-3] + "y"
    elif first.endswith(_ES_ENDINGS):
        first = first[:-2]
    elif first.endswith("s") and not first.endswith("ss"):
        first = first[:-1]
    return first + space + rest
