"""The trigger lexicon: words and phrases news uses to report each kind of event.

Each entry maps a phrase (a regular expression over lower-cased text, matched on
word boundaries) to an event-type key of ``ontology/event-types.ttl`` and a part of
speech. Verbs carry voice: in "was killed by X" the agent follows "by"; in "X
killed Y" it precedes the verb. ``outcome`` triggers (killed, wounded) usually
report the result of another event in the same clause and are folded into it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kb.extract.prefilter import literal_heads, trie_regex


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

#: "intercepted and destroyed 41 Ukrainian unmanned aerial vehicles", "shot down 38 drones",
#: "air defences had destroyed 37 Ukrainian drones" (a count of drones destroyed in the air).
INTERCEPTION = (
    r"(?:intercepted|shot down|downed|destroyed)(?: and (?:destroyed|shot down|downed))? "
    r"(?:(?:a total of |at least |up to |more than |some )?(?:\d[\d,]*|two|three|four|five|six|"
    r"seven|eight|nine|ten|dozens of|several|all) )(?:[\w-]+ ){0,3}?"
    r"(?:drones|uavs|unmanned aerial vehicles)"
)
#: Combat aircraft named by model in the plural, lower case: "f-16s", "su-25s", "apaches".
AIRCRAFT_MODELS = (
    r"(?:(?:f|fa|f/a|su|mig|mi|ka|tu|b|jf|j|l|ah|uh)-\d{1,3}[a-z]{0,2}s|apaches|rafales|"
    # (not "tornados", "typhoons": storms hit far more often than the jets do)
    r"mirages|eurofighters|sukhois|black hawks|super tucanos|tucanos)"
)
#: What may stand between a weapon and its verb: "helicopters later struck", "a drone
#: reportedly hit".
_ADV = r"(?:had |have |has |reportedly |also |later |then |again )?"
# ("air assets", "aerial vectors": how francophone and state militaries name their aircraft)
_WEAPON_AIR = (
    r"(?:warplanes?|jets?|fighter jets?|fighter planes?|aircraft|helicopters?|gunships?|bombers?|"
    # ("air force planes dropped bombs on", "military planes struck"; the look-behind keeps
    # "military" and "army", common words, from opening a trigger search of their own)
    r"planes(?:(?<=air force planes)|(?<=military planes)|(?<=army planes)|(?<=regime planes)|"
    r"(?<=junta planes))|"
    r"air force|aviation|air (?:assets|component|means|vectors)|aerial (?:assets|vectors|means)|"
    # ("Jordanian F-16s bombed", "Su-25s pounded"): aircraft named by model, in the plural
    rf"{AIRCRAFT_MODELS})"
)
# ("drone boats", "sea drones" are vessels: not an air strike)
_WEAPON_DRONE = (
    r"(?:drones?(?! boats?| ships?| vessels?)|uavs?|unmanned aerial vehicles?|quadcopters?)"
)
_HIT = r"(?:struck|hit|targeted|attacked|bombed|pounded|fired (?:a |two |several )?(?:missiles?|rockets?) (?:at|on|into)|dropped (?:\w+ )?bombs? on)"
# Aircraft that "killed" or "neutralised" someone struck from the air; the verb may be
# quoted from a communique ("its aircraft had \"neutralised dozens of terrorists\"").
_AIR_KILL = r"(?:killed|neutrali[sz]ed|eliminated)"
# ("was sending additional units", "by rushing 20 more companies", "ordered additional
# troops to the lake": the same act in the progressive, the gerund and as an order)
_SEND = (
    r"(?:sent|dispatched|deployed|rushed|moved|brought in|send|sends|deploy|deploys|dispatch|"
    r"sending|dispatching|deploying|rushing|ordered)"
)
# ("sent two additional regiments" adds to a force; "deployed thousands of troops" to an
# area where none were is a deployment, not a reinforcement)
_MORE = (
    r"(?:(?:\d[\d,]*|hundreds of|thousands of|dozens of|two|three|four|five|several) )?"
    r"(?:additional|extra|more|fresh|new|further)"
)
_UNITS = (
    r"(?:troops|soldiers|forces|units|regiments|battalions|brigades|reinforcements|personnel|"
    r"police|policemen|(?:police |security )?officers|gendarmes|commandos|paratroopers|marines|"
    r"special forces|tanks|armou?red vehicles|"
    # ("sends an additional battalion", "300 additional elements of the state police": a
    # unit counted one, and Latin American usage for officers)
    r"battalion|brigade|regiment|contingent|contingents|company|companies|elements)"
)

LEXICON: list[Trigger] = [
    # --- air and drone strikes -----------------------------------------------------
    Trigger(r"drone (?:strikes?|attacks?|raids?)", "drone_strike", _N),
    Trigger(rf"(?:suicide|kamikaze|explosive-laden|armed) {_WEAPON_DRONE}", "drone_strike", _N),
    Trigger(rf"{_WEAPON_DRONE} {_ADV}{_HIT}", "drone_strike", _V),
    Trigger(
        rf"(?:struck|hit|targeted|attacked) by (?:an? )?(?:\w+ )?{_WEAPON_DRONE}",
        "drone_strike",
        _V,
    ),
    # "a drone dropped an explosive device on a car": the drone struck.
    Trigger(rf"{_WEAPON_DRONE} {_ADV}dropped", "drone_strike", _V),
    # "dissidents dropped explosives from drones on the police station": the doer first.
    Trigger(
        rf"dropped (?:\w+ )?(?:explosives?|explosive devices?|bombs?|grenades?|munitions?|"
        rf"charges?) from (?:an? |their |its )?(?:\w+ )?{_WEAPON_DRONE}",
        "drone_strike",
        _V,
    ),
    # "air defences shot down 38 Ukrainian drones": a drone attack by the side that
    # launched them, as news and monitors count it (see INTERCEPTION).
    Trigger(INTERCEPTION, "drone_strike", _V),
    Trigger(
        r"air ?strikes?|air raids?|aerial (?:bombardments?|attacks?|strikes?)|bombing raids?|"
        r"(?:guided |glide |aerial |gravity )(?:aerial )?bombs?|barrel bombs?",
        "airstrike",
        _N,
    ),
    Trigger(rf"{_WEAPON_AIR} {_ADV}{_HIT}", "airstrike", _V),
    # "the air component of the Armed Forces carried out several strikes on the fleeing
    # assailants": the aircraft, then the strikes they made
    Trigger(
        rf"{_WEAPON_AIR}(?: of the [\w'’-]+(?: [\w'’-]+){{0,2}}?)? (?:had |have |has |also )?"
        r"(?:carried out|conducted|launched) (?:[\w-]+ ){0,2}?(?:strikes|raids|sorties)",
        "airstrike",
        _V,
    ),
    Trigger(rf"{_WEAPON_AIR} {_ADV}[\"“]?{_AIR_KILL}", "airstrike", _V),
    Trigger(
        r"(?:missiles?|rockets?|shells?|mortars?) (?:had |have |has |reportedly )?(?:struck|hit|landed|slammed|fell)",
        "shelling",
        _V,
    ),
    Trigger(
        r"(?:ballistic |cruise |guided |precision-guided )?missile (?:strikes?|attacks?)|"
        r"rocket (?:attacks?|fire|strikes?)|artillery (?:fire|strikes?|barrages?|shells?)|"
        r"mortar (?:fire|rounds?|attacks?|shells?|bombs?)|shelling|shells?|rocket salvos?|barrages?",
        "shelling",
        _N,
    ),
    Trigger(r"shelled|pounded", "shelling", _V),
    # "the army responded with artillery": the weapon alone names the act after a response
    Trigger(
        r"(?:responded|retaliated|hit back) with (?:heavy )?(?:artillery|mortars|tank fire|"
        # ("responded with artillery fire": the noun trigger after it says it)
        r"heavy weapons)(?! (?:fire|shells?|strikes?|barrages?|rounds?))",
        "shelling",
        _V,
    ),
    # "the two rockets that were launched from southern Lebanon": the launch told in the
    # passive, the weapon first.
    Trigger(
        r"(?:missiles?|rockets?|projectiles?|mortar rounds|shells) (?:that |which )?"
        r"(?:were |was |had been |have been |has been )(?:launched|fired)",
        "shelling",
        _V,
    ),
    Trigger(
        r"(?:launched|fired) (?:an? |\d[\d,]* |two |three |several |dozens of |hundreds of )?"
        r"(?:[\w-]+ )?(?:[\w-]+ )?(?:missiles?|rockets?|mortars?|mortar rounds|shells|projectiles)"
        r"(?: and (?:[\w-]+ )?(?:[\w-]+ )?drones)?(?: at| on| towards| toward| into| against)?",
        "shelling",
        _V,
    ),
    Trigger(
        rf"(?:launched|sent|fired) (?:an? |\d[\d,]* |two |three |several |dozens of |hundreds of )?"
        rf"(?:[\w-]+ )?(?:[\w-]+ )?{_WEAPON_DRONE}(?: and (?:[\w-]+ )?(?:[\w-]+ )?missiles?)?(?: at| on| towards| toward| into| against)?",
        "drone_strike",
        _V,
    ),
    # A labour strike is a protest, not an air strike: "a strike by matatu operators",
    # "teachers went on strike", "called a nationwide strike".
    Trigger(
        r"strikes? (?:by|of) (?:[\w'’-]+ ){0,3}?(?:workers|operators|drivers|teachers|doctors|"
        r"nurses|traders|unions?|transporters|employees|staff|miners|lawyers|truckers|students)|"
        r"(?:went|go|going|gone|are|were|remain(?:ed)?) on strike|strike action|"
        r"(?:called|declared|announced|staged|began|launched) (?:an? )?(?:\w+ )?"
        r"(?:general|nationwide|indefinite|\d+-day|\d+-hour|transport|labou?r) strike",
        "protest",
        _N,
    ),
    Trigger(
        r"precision strikes?|targeted strikes?|(?<!labor )(?<!labour )(?<!hunger )(?<!general )strikes?",
        "air_or_drone_strike",
        _N,
        weak=True,
    ),
    # "the ministry said its forces had struck a deployment point", "its forces destroyed an
    # uncrewed surface vessel": a military's own report of an act against a military object,
    # the weapon untold (an attack of its own, not the air strike the article leads with).
    Trigger(
        r"(?:struck|destroyed)(?:"
        + "|".join(
            f"(?<={who} {aux}{verb})"
            for who in ("its forces", "its troops", "its units", "ir forces", "ir troops")
            for aux in ("had ", "have ", "has ", "")
            for verb in ("struck", "destroyed")
        )
        + r")(?= [\"“]?(?:an? |the |two |three |several |\d+ )?(?:[\w'’-]+ ){0,4}?"
        r"(?:vessels?|boats?|positions?|depots?|deployment points?|bases?|launchers?|"
        r"command posts?)\b)",
        "attack",
        _V,
    ),
    Trigger(r"struck|strikes", "air_or_drone_strike", _V, weak=True),
    # "in an air operation in the Metina region, seven terrorists were neutralised": a
    # ministry's word for strikes from the air of a kind it does not name
    Trigger(r"(?:air|aerial) operations?", "air_or_drone_strike", _N),
    # --- cyber attacks -------------------------------------------------------------------
    # An attack on computers is a security event of its own kind, not violence.
    Trigger(
        r"cyber-?attacks?|cyber (?:attacks?|intrusions?|breach(?:es)?|incidents?)|"
        r"ransomware(?: attacks?)?|ddos attacks?|(?:distributed )?denial-of-service attacks?|"
        r"hacking attacks?|hack(?:ed|s)? (?:into )?(?:the )?(?:\w+ )?(?:websites?|systems?|servers?|"
        r"networks?|accounts?|databases?)",
        "other",
        _N,
    ),
    # --- attacks -------------------------------------------------------------------
    Trigger(r"suicide (?:bombings?|attacks?|bombers?|car bombs?|vests?)", "suicide_bombing", _N),
    Trigger(
        r"car bombs?|vehicle bombs?|roadside bombs?|bomb(?:ing)? attacks?|bombings?|ieds?|"
        r"improvised explosive devices?|explosive devices?|explosions?|blasts?|landmines?|"
        r"bombs?|grenades?",
        "bombing",
        _N,
    ),
    Trigger(r"detonated|exploded|blew up|went off", "bombing", _V),
    Trigger(
        r"ambush(?:es)?|assaults?|gun attacks?|shooting|armed attacks?|sniper fire|gunfire|"
        r"machine-gun fire|raids?|knife attacks?|stabbing attacks?|"
        # (light weapons, not a bomb: "fired rocket-propelled grenades at the camp")
        r"rocket-propelled grenades?|rpgs?",
        "armed_assault",
        _N,
    ),
    Trigger(
        r"came under (?:heavy |intense |small-arms |sniper |machine-gun )?(?:fire|attack)",
        "armed_assault",
        _V,
    ),
    # "an Israeli tank fired at a UN patrol", "troops fired on the crowd" (not "fired on
    # Monday": a dismissal)
    Trigger(
        # ("an Israeli tank had fired near its peacekeepers": fire that missed is still fire)
        r"fired (?:(?:warning |several |live )?(?:shots|rounds|bullets) )?(?:at|upon|into|near|"
        r"on(?! (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b))",
        "armed_assault",
        _V,
    ),
    # "a PKK member surrendered to security forces": taken into custody
    Trigger(r"surrendered to", "arrest", _V),
    Trigger(
        r"ambushed|opened (?:\w+ )?fire(?: on| at| towards)?|stormed|raided|assaulted|"
        r"overran|overrun|shot and (?:killed|wounded|injured)|shot at|set (?:fire to|on fire|ablaze)|"
        r"torched|burned down|fired (?:tear gas|live ammunition|rubber bullets)|hijack(?:ed|ing)",
        "armed_assault",
        _V,
    ),
    Trigger(r"demolished|bulldozed|razed", "attack", _V, weak=True),
    # "did not fire back": shooting back, told mostly when it did not happen (the base form
    # follows a negation or a modal; "vowed to fire back" is a threat, see _FUTURE).
    Trigger(r"(?:fire|shoot) back|return fire", "attack", _V),
    # Property attacked: "burned at least 40 houses", "looted a convoy of trucks".
    Trigger(
        r"burn(?:ed|t|ing) (?:down )?(?:at least |more than |about |dozens of |hundreds of |"
        r"several |scores of |\d[\d,]* |two |three |four |five |ten |twenty )?(?:[\w-]+ )?"
        # (lorries and tankers burned are an attack on a road; "vehicles" are left out:
        # fighters burning vehicles is how an attack ends, told in passing)
        r"(?:houses|homes|huts|villages?|shops|stalls|markets?|churches|lorries|trucks|tankers|"
        r"mosques|schools|shelters|buildings|granaries)",
        "attack",
        _V,
    ),
    Trigger(r"looted|ransacked|pillaged|plundered", "attack", _V, weak=True),
    Trigger(r"kidnapp?ings?|abductions?", "abduction", _N),
    Trigger(r"kidnapp?ed|abducted|taken hostage|seized hostages?|took hostages?", "abduction", _V),
    # "Gunmen seized the students from their dormitories", "snatched 12 worshippers": people
    # taken by force (goods, towns and vessels seized are read elsewhere)
    Trigger(
        r"(?:seized|snatched|grabbed)(?= (?:(?:at least|more than|about|some|over|nearly) )?"
        r"(?:the |\d[\d,]* |two |three |four |five |six |seven |eight |nine |ten |dozens of |"
        r"scores of |several )?(?:[\w-]+ ){0,2}?(?:students|pupils|schoolchildren|schoolgirls|"
        r"schoolboys|worshippers|passengers|travell?ers|villagers|farmers|teachers|aid workers|"
        r"women and children|hostages)\b)",
        "abduction",
        _V,
    ),
    # "seized a cargo ship and its 25 crew members", "hijacked the tanker and its crew": a
    # vessel taken with the people on board, who are held as hostages
    Trigger(
        r"(?:seized|hijacked|commandeered|captured) (?:an? |the )?(?:[\w'’-]+ ){0,3}?"
        r"(?:ship|vessel|tanker|carrier|freighter|dhow|boat) and (?:its|their) "
        r"(?:[\w-]+ )?crew",
        "abduction",
        _V,
    ),
    Trigger(
        r"attacks?|offensive(?! (?:reconnaissance|missions?|patrols?|operations?|weapons?|"
        r"capabilit\w*|posture|language|remarks?|comments?|content))",
        "attack",
        _N,
        weak=True,
    ),
    Trigger(r"attacked|targeted|targeting|hit", "attack", _V, weak=True),
    # --- battles -------------------------------------------------------------------
    Trigger(
        r"clash(?:es)?|fighting|firefights?|gun ?battles?|gun ?fights?|battles?|skirmish(?:es)?|"
        r"exchange of fire|"
        # ("were neutralised by retaliatory fire": the side fired on shooting back)
        r"retaliatory fire|"
        # ("responded with a counter-offensive", "killed five gunmen in a counterattack": a
        # battle the side attacked opened; "the counter-offensive has cost ..." is a campaign)
        r"(?:in|during|launched|mounted|staged|responded with|retaliated with) an? "
        r"counter-?(?:offensive|attack)|"
        r"heavy fighting|(?:military|security|counter-?terrorism|pursuit|search|clearance|"
        r"intelligence-based|combing|mop-?up|mopping-up|cordon[- ]and[- ]search) operations?",
        "armed_clash",
        _N,
    ),
    # ("exchanged heavy fire", "traded artillery fire": both sides shooting is a fight)
    Trigger(
        r"clashed|fought|(?:exchanged|traded) (?:[\w-]+ ){0,2}?fire|repelled|repulsed|engaged",
        "armed_clash",
        _V,
    ),
    # "troops established contact with terrorists", "made contact with bandits": military
    # wording for a firefight; "foiled an infiltration bid" along a frontier is one too
    # (the infiltrators are challenged and fired on)
    Trigger(
        r"(?:made|established|came into) contact with (?:the |a group of |a band of )?"
        r"(?:\w+ )?(?:terrorists|militants|insurgents|bandits|gunmen|rebels|fighters|kidnappers|"
        r"infiltrators|maoists|extremists)|"
        r"foiled (?:an? |the )?(?:major |fresh |another )?infiltration (?:bids?|attempts?)",
        "armed_clash",
        _V,
    ),
    # ("troops intercepted a group of bandits and killed six of them": forces stopping armed
    # men on the move is a fight; "intercepted a missile/drone" is an air-defence report)
    Trigger(
        r"intercepted (?:an? |the |two |three |four |five |several |\d+ )?(?:group|convoy|column|"
        r"band|gang|unit)s? of (?:\w+ )?(?:bandits|militants|fighters|insurgents|terrorists|gunmen|"
        r"jihadists|kidnappers|attackers|rebels|armed men)|intercepted (?:an? |the |two |three |"
        r"four |five |several |\d+ )?(?:suspected |heavily armed )?(?:bandits|militants|fighters|"
        r"insurgents|terrorists|gunmen|jihadists|kidnappers|attackers|rebels|armed men)",
        "armed_clash",
        _V,
    ),
    # South Asian usage: "killed in an encounter with security forces", "a police encounter".
    Trigger(r"encounters?(?= (?:with|between|in|near|at|on)\b)", "armed_clash", _N, weak=True),
    # --- arrests ---------------------------------------------------------------------
    # ("no arrests had been made": told mostly to say nobody was caught; listed before the
    # bare noun so that the whole phrase wins)
    Trigger(r"arrests? (?:had been|have been|has been|were|was) made", "arrest", _V),
    # ("the judge ordered pre-trial detention for the five": a court keeping in custody men
    # held already, not an arrest)
    Trigger(
        r"arrests?|detentions?(?<!pre-trial detention)(?<!pretrial detention)"
        r"(?<!preventive detention)|round-?ups?|crackdown",
        "arrest",
        _N,
        weak=True,
    ),
    Trigger(
        r"arrested|detained|apprehended|captured|rounded up|took into custody|taken into custody|"
        r"nabbed|in custody|seized (?:\w+ )?suspects|seized(?! control)",
        "arrest",
        _V,
    ),
    # "officers picked up at least a dozen protesters", "a third suspect was picked up in
    # Rhamu": taken into custody (the people taken named, so that "picked up the pace" or
    # "picked up signals" stay out).
    Trigger(
        r"picked up (?:(?:at least|more than|about|some|over|nearly|around|another|a further) )?"
        r"(?:a dozen |dozens of |scores of |hundreds of |several |\d[\d,]* |two |three |four |"
        r"five |six |seven |eight |nine |ten |twelve |twenty )?(?:[\w-]+ ){0,2}?"
        r"(?:suspects|men|women|youths|boys|people|protesters|demonstrators|activists|students|"
        r"journalists|members|militants|persons|individuals|residents|villagers|leaders|"
        r"workers|traders|opposition figures)|"
        r"(?:suspects?|man|men|youths?|activists?|protesters|journalists?|students?|members?|"
        r"a third|a fourth|another|others|two|three|four|five|six|several|dozens) "
        r"(?:were|was|had been|have been|has been) (?:later |also )?picked up",
        "arrest",
        _V,
    ),
    # --- killings --------------------------------------------------------------------
    Trigger(r"assassinat(?:ed|ion|ions)", "assassination", _V),
    Trigger(
        r"killed|shot dead|gunned down|slain|murdered|executed|beheaded|eliminated|neutrali[sz]ed|martyred|"
        r"lost (?:their|his|her) lives|died|dead",
        "killing",
        _V,
        outcome=True,
    ),
    Trigger(
        r"killings?|murders?|homicides?|executions?|elimination|deaths?",
        "killing",
        _N,
        outcome=True,
    ),
    # "five bodies with signs of torture were found dumped by a road": people killed, found
    # (not "their bodies were found", the dead of an act told before)
    Trigger(
        r"(?<!their )(?<!the )(?<!his )(?<!her )bodies(?: of (?:[\w-]+ ){1,3}?)?"
        r"(?: with (?:signs of )?(?:torture|gunshot wounds|bullet wounds)(?: marks)?)? "
        r"(?:were|had been|have been) (?:\w+ )?(?:found|discovered|dumped)",
        "killing",
        _N,
        outcome=True,
    ),
    Trigger(r"wounded|injured|hurt|wounding|injuring", "killing", _V, outcome=True, weak=True),
    # --- deployments -----------------------------------------------------------------
    # "announced the dispatch of reinforcements from Sabha": the noun of the act (before
    # the verb entry, which would read "dispatch" as a verb)
    Trigger(
        r"(?:dispatch|sending|deployment|arrival) of (?:\w+ )?reinforcements",
        "reinforcement",
        _N,
    ),
    Trigger(
        rf"reinforced|bolstered|beefed up|stepped up (?:its|their) (?:presence|deployment)|"
        rf"intensified (?:its|their) (?:presence|deployment)|boosted (?:its|their) presence|"
        rf"reinforcements?|{_SEND} (?:an? )?{_MORE} (?:\w+ )?{_UNITS}|"
        rf"{_SEND} (?:\w+ )?reinforcements",
        "reinforcement",
        _V,
    ),
    # "announced the sending of 300 additional elements": the noun of the same act
    Trigger(rf"sending of (?:an? )?{_MORE} (?:\w+ )?{_UNITS}", "reinforcement", _N),
    # "announced the deployment of additional troops", "two additional infantry battalions
    # arrived in the province"
    Trigger(
        rf"(?:deployment|dispatch) of (?:an? )?{_MORE} (?:\w+ )?{_UNITS}|"
        rf"(?:additional|extra|fresh) (?:[\w-]+ )?{_UNITS} (?:have |had |has )?"
        r"(?:arrived|were deployed|were sent|were flown)",
        "reinforcement",
        _N,
    ),
    Trigger(
        r"deployed|dispatched|sent (?:troops|forces|soldiers|units)|mobili[sz]ed|massed|redeployed|"
        # ("the army sent a company of soldiers into the villages")
        r"sent (?:a|an|two|three) (?:company|companies|platoons?|squads?|battalions?) of "
        r"(?:soldiers|troops|police(?:men)?|marines|commandos|gendarmes)|"
        # ("sent a force from Tripoli to separate the two sides")
        r"sent (?:a|an) (?:(?:joint|security|military|police|special|rapid|intervention) )?"
        r"(?:force|contingent|detachment|unit|team of (?:soldiers|troops|police(?:men)?))|"
        r"took over positions|set up checkpoints|"
        r"checkpoints (?:were|had been|have been) (?:set up|erected|established)",
        "deployment_or_mobilization",
        _V,
    ),
    # "announced the mobilisation of 15,000 volunteers", "a unified force of 5,000 troops":
    # a force raised, told by its noun and its size.
    Trigger(
        r"mobili[sz]ation of (?:a further |an additional |another |some |about |around |up to )?"
        r"\d[\d,]*|(?:joint|unified|combined) (?:[\w-]+ )?force of (?:about |around |some |up to )?"
        r"\d[\d,]* (?:troops|soldiers|personnel|men)",
        "deployment_or_mobilization",
        _N,
    ),
    # --- cooperation -----------------------------------------------------------------
    Trigger(
        r"coordinated with|coordinating with|coordinate with|security coordination|joint patrols?|"
        r"joint (?:security )?operations?|intelligence sharing|share intelligence|"
        r"cooperat(?:ed|ing|ion) (?:with|on|between)",
        "security_coordination",
        _V,
    ),
    # ("firms that deal with Israeli ports": to handle or trade with, not a deal struck)
    Trigger(
        r"signed|agreed|agreements?|memorand(?:um|a) of understanding|accords?|pact|deal(?! with\b)",
        "agreement",
        _V,
        weak=True,
    ),
    Trigger(
        r"(?:agreed|announced|declared|reached|signed|brokered|mediated|accepted) (?:to )?(?:an? |the )?"
        r"(?:\w+ )?(?:ceasefire|truce|cease-fire)|(?:ceasefire|truce|cease-fire) (?:took effect|came into "
        r"effect|went into effect|was agreed|was announced|was declared|was reached|collapsed|broke down|"
        r"(?:had|has|have) (?:taken|come into|gone into) effect)",
        "ceasefire",
        _V,
    ),
    # --- statements ------------------------------------------------------------------
    Trigger(
        r"claimed responsibility|claims? of responsibility|claiming responsibility|"
        r"claimed (?:the |an? |both |all |these |those |its |their |\w+day's |last \w+'s )?"
        r"(?:(?:deadly|latest|recent|twin|suicide|weekend|two|three|two separate) )?"
        # ("claimed the Solingen attack", "claimed the market bombing")
        r"(?:[\w'’-]+ )?"
        r"(?:attack|bombing|killing|killings|strike|"
        r"ambush|assault|kidnapping|abduction|operation|blast|raid)s?|"
        # "the attack was claimed the next day by ...", "an attack claimed by the group"
        # (the auxiliary is left out of the match: "has been" would open the gate
        # of the whole lexicon at every perfect passive)
        r"claimed(?= (?:[\w-]+ ){0,3}?by\b)|"
        r"claimed (?:through|via|in) (?:a |its )?[\w ]{0,30}?(?:that )?(?:its|the group's) (?:fighters|militants|members|forces)|"
        # ("Islamic State said through its Amaq news agency on Sunday that its fighters had
        # attacked ...": a group speaking through its own outlet claims the act)
        r"said (?:through|via) (?:a |its )?[\w ]{0,30}?(?:news agency|agency|channels?|outlet|"
        r"website|radio(?: station)?) (?:on \w+ )?(?:that )?(?:its|the group's) (?:fighters|militants|members)|"
        # ("claimed that the group's air defences had shot down a US drone": its own act)
        # ("claimed on Sunday that the group had shot down ...": the group's own act)
        r"claimed (?:on \w+ )?(?:that )?(?:(?:its|the group's) (?:fighters|militants|members|"
        r"forces|air defen[cs]es)|the group (?:had|has))|said it was behind|"
        # "JNIM claims to have destroyed 20 vehicles": the group's own act, claimed
        r"claim(?:s|ed)? to have (?:\w+ )?(?:killed|destroyed|shot down|downed|captured|seized|"
        r"attacked|struck|hit|ambushed|taken|overrun|overran|repelled|blown up|blew up)",
        "claim_of_responsibility",
        _V,
    ),
    Trigger(
        r"denied|denies|deny|denial|"
        r"(?:rejected|dismissed|refuted) (?:the |these |those |such |an? |all )?(?:[\w'’-]+ )?"
        r"(?:claims?|reports?|accusations?|allegations?|account|version|charges?)|"
        # "said its troops were not involved in the fighting": a denial of a part in it (the
        # auxiliary is looked behind, so that "was" and "had been" open no trigger search)
        r"not involved(?<=ere not involved|was not involved|een not involved)|"
        r"played no (?:part|role)|"
        # "called the reports fabricated", "branded the allegations baseless", "the reports
        # ... are fabricated lies": a report answered by calling it untrue
        r"(?:called|branded|described|termed|labell?ed) (?:the |these |those |such |all )?"
        r"(?:[\w'’-]+ )?(?:claims?|reports?|accusations?|allegations?) (?:as )?(?:fabricated|"
        r"false|baseless|unfounded|lies|fabrications|fake)|"
        # ('said the accusation was "a blatant lie"', "was an outright fabrication")
        r"(?:are|were|is|was) (?:[\"“]?an? )?(?:all |pure |mere |nothing but |outright |blatant |"
        r"complete |total )?(?:fabricated |baseless |false )?(?:lies?|fabrications?)\b|"
        # "the ministry said \"no civilian was targeted\"": the charge of targeting them
        # answered (an outcome, "no civilians were hurt", is a count of nobody instead)
        r"no (?:civilians?|civilian (?:areas?|sites?|targets?)|residential areas?|"
        r"non-combatants) (?:was|were|had been|has been|have been) (?:deliberately )?targeted",
        "denial",
        _V,
    ),
    Trigger(r"threatened|threatens|vowed|warned", "threat", _V, weak=True),
    # "X would pay a heavy price", "will pay dearly", "will not go unanswered": the stock
    # words of a threat (a quote may open inside them: would "pay a heavy price").
    Trigger(
        r"(?:would|will|shall) [\"“]?pay (?:a |the )?(?:heavy |high |steep |very heavy |"
        r"very high )price|(?:would|will|shall) [\"“]?pay dearly|"
        r"(?:will|would|shall) not go (?:unanswered|unpunished)",
        "threat",
        _V,
    ),
    # A blockade declared by an armed group is a threat to whoever uses the roads.
    # ("declared a ten-day lockdown": a separatist group's order to stay off the roads;
    # kept only with an armed group as its agent, see Extractor._sentence_events)
    Trigger(
        r"(?:announced|declared|imposed|proclaimed) (?:an? |the |its )?(?:[\w-]+ )?"
        r"(?:blockade|siege|lockdown)",
        "threat",
        _V,
    ),
    # ("artillery fire blamed on the RSF struck ...": the writer's word for whose act it
    # was, not someone's accusation)
    Trigger(r"accused|accuses|blamed(?! on\b)|blames|accusations?", "accusation", _V, weak=True),
    # ", accusing Israel of violating the ceasefire", ", blaming the RSF": a participle
    # clause after a report or an act, a speech act of the sentence's speaker (see
    # Extractor._participle_speaker). Not weak: it stands beside the act it follows.
    Trigger(r"accusing|blaming", "accusation", _V),
    Trigger(
        r"condemned|condemns|denounced|denounces|deplored|deplores|decried|"
        # (first person: "We condemn ...", "I urge all parties to ...")
        r"condemn|(?<=i )urge|(?<=we )urge|"
        # ("We are appalled by the bombing of a school": a first-person reaction, read as a
        # statement only where the first person is a speaker's, see Extractor)
        r"(?<=we )are (?:deeply |gravely )?(?:appalled|horrified|outraged|dismayed)|"
        # An appeal: "called on all parties to ...", "called for an investigation".
        r"(?:calls|called|call) (?:on|for|upon)|urged|urges|"
        # ("appealed to the youths to return home", "appealed for calm"; a police appeal
        # to the public for information or witnesses is routine, not news)
        r"appeal(?:ed|s) (?:to|for)(?! (?:the )?(?:public|anyone|witnesses|information|"
        r"members of the public))|"
        r"televised (?:speech|address)|welcomed|"
        # ("invites the population to remain calm", "asked residents not to share videos":
        # a public appeal, in the wording of francophone and Latin American communiques)
        r"(?:invit|ask)(?:ed|es|s) (?:the )?(?:population|public|residents|citizens|inhabitants|"
        r"people|communities|populations)(?: of [\w'’-]+(?: [\w'’-]+)?)? (?:not )?to|"
        # A reaction told as a feeling: "expressed deep concern".
        r"expressed (?:its |their |his |her )?(?:deep |grave |serious )?"
        r"(?:concern|alarm|outrage|condolences|regret)|"
        # A diplomatic protest is a statement, not a demonstration.
        r"(?:lodged|filed|registered|lodges|files) (?:an? |its |their )?"
        r"(?:strong |formal |official |diplomatic |strongly worded )*protests?|"
        r"rejected (?:the |an? )?(?:\w+ )?(?:sanctions|move|decision|measures?|proposal|plan|"
        r"resolution|ruling|report|statement|"
        # (Spanish and French copy: "rechazó el ataque", "a rejeté l'attaque": condemned it)
        r"attacks?|killings?|murders?|massacre|bombing|violence)",
        "statement",
        _V,
        weak=True,
    ),
    # "UNMISS said it was \"gravely concerned\" by the fighting": a reaction told as the
    # speaker's feeling (the report verb is part of the match: a feeling alone is no news).
    Trigger(
        r"(?:said|says|added) (?:on \w+ )?(?:that )?(?:it|he|she|they) (?:was|were|is|are) "
        r"[\"“]?(?:deeply |gravely |very |extremely |seriously )?(?:alarmed|concerned|appalled|"
        r"horrified|outraged|shocked|dismayed|saddened)",
        "statement",
        _V,
    ),
    # ", a charge the militias dismissed", "an allegation the ministry rejected as baseless":
    # a denial told after what it denies (kept only there, see Extractor._candidates).
    Trigger(r"rejected|dismissed|refuted", "denial", _V),
    # --- protests --------------------------------------------------------------------
    Trigger(
        # ("blocked the road for three hours, protesting the killing of ...": a protest told
        # by what the crowd did, its cause in the participle)
        r"protests?|protesters|demonstrations?|demonstrators|rall(?:y|ies)|sit-ins?|marched|protested|"
        r"protesting|jirga",
        "protest",
        _N,
    ),
    # "blocked the road with burning tyres", "erected barricades": a protest on the street
    # (a road blocked by gunmen, "blocked the highway with their vehicles", is not one)
    Trigger(r"burning (?:tyres|tires)|(?:erected|set up|put up) barricades", "protest", _N),
    Trigger(r"riots?|rioters|rioting", "riot", _N),
    # --- other ------------------------------------------------------------------------
    # A sentence handed down and captives set free are news of their own.
    Trigger(
        # ("a prisoner convicted of drug offences was executed": who the man was, said in
        # passing, not a verdict the story reports)
        r"(?:sentenced|convicted)(?<!prisoner sentenced)(?<!prisoner convicted)(?<!man sentenced)"
        r"(?<!man convicted)(?<!inmate sentenced)(?<!inmate convicted)|"
        r"regained (?:their|his|her) freedom|"
        # (the auxiliary is looked behind, so that "was" and "were" open no trigger search)
        r"(?:freed(?<=was freed|ere freed|een freed|ing freed)|"
        r"released(?<=was released|ere released|een released|ing released))"
        # ("the drivers were released unharmed": captives set free)
        # ("have been freed and reunited with their families", "were released, officials
        # said")
        r"(?= (?:in|on|after|from|by|following|unharmed|unhurt|safely|and reunited)\b|,)"
        r"(?! on (?:\w+ )?bail| from (?:custody|prison|jail|detention))|"
        r"(?:freed|released) (?:\w+ )?(?:hostages?|captives?|abductees?)",
        "other",
        _V,
    ),
    Trigger(
        r"criminal investigation|opened an investigation|dismantled|seized control of",
        "other",
        _V,
        weak=True,
    ),
    # A capture of ground and a sanction are acts in their own right: news, even beside
    # a word of violence ("seized a base after weeks of fighting").
    Trigger(
        r"(?:captured|seized|liberated|recaptured|retook|took control of|taken control of|"
        r"taken full control of|took full control of) (?:an? |the |its |their |the group's |"
        # ("a regime battalion base", "an enemy forward position": any two modifiers; the
        # place noun right after them is what makes it a capture of ground, not of people)
        r"the rebels' )?(?:[\w'’-]+ ){0,3}?"
        r"(?:villages?|towns?|city|settlement|positions?|base|hill|hills|district|strongholds?|"
        r"headquarters|region|area|territory|enclave|province|capital|airport|port|"
        r"border crossing|crossing|bridge|outposts?|garrison|camp)|"
        r"imposed (?:new |fresh |further |additional |targeted )?sanctions|"
        # Emergency rule and its measures are news of their own ("declared a state of
        # emergency", "extend martial law", "imposed a dusk-to-dawn curfew on the town").
        r"(?:declared|imposed|imposing|imposes|extended|extending|extends|introduced|"
        r"reimposed) (?:an? |the |its )?(?:new |total |full |partial |night-?time |"
        r"dusk-to-dawn |24-hour |\d+-hour |round-the-clock )?curfew|"
        r"(?:declared|declaring|declares|imposed|imposing|imposes|extended|extending|extend|"
        r"extends|proclaimed|announced) (?:an? |the )?(?:new |total |full |partial |"
        r"night-?time |dusk-to-dawn |24-hour |\d+-day |\d+-hour )?"
        r"(?:state of (?:emergency|exception|siege)|martial law)|"
        # A ban on movement and a communications shutdown ("banned the movement of
        # motorbikes", "suspended mobile internet service in two districts"): measures
        # of their own, as a curfew is
        r"(?:banned|bans|banning|prohibited) (?:the )?(?:movement|circulation|use) of (?:all )?"
        r"(?:motorcycles|motorbikes|motor-?bikes|tricycles|vehicles|okadas)|"
        r"(?:suspended|suspends|shut down|shuts down|cut off|cuts off|blocked) (?:all )?"
        r"(?:mobile |cellular |broadband )?(?:internet|data|telephone|phone|telecommunications?)"
        r"(?: and (?:mobile |phone |telephone )?(?:internet|data|phone) )? ?"
        r"(?:services?|access|networks?|connections?)|"
        # Flights stopped and captives or prisoners breaking free.
        r"flights (?:(?:at|to|from|in) (?:[\w'’-]+ ){1,4}?)?(?:were|was|have been|had been) "
        r"(?:suspended|halted|grounded|cancelled|canceled)|"
        r"suspended (?:all )?(?:\w+ )?flights|"
        r"managed to escape|jailbreak|prison ?break|"
        r"escaped from (?:the |a |their )?(?:\w+ )?(?:prison|jail|custody|captivity|captors)|"
        r"slapped (?:new |fresh )?sanctions",
        "other",
        _V,
    ),
]

# At one position the first listed alternative wins: statements of responsibility and
# "other" phrases ("captured a village") go before the single words they contain.
LEXICON.sort(key=lambda t: 0 if t.type in ("other", "claim_of_responsibility") else 1)
_ALTERNATION = "|".join(f"(?P<t{i}>{t.pattern})" for i, t in enumerate(LEXICON))
#: How many leading characters of each trigger the gate of :func:`trigger_regex` checks.
_GATE_CHARS = 6


def _gate() -> str:
    """A lookahead admitting only positions where some trigger can start.

    Most words of a sentence start no trigger; without the gate the engine tries every
    alternative of the lexicon at each of them. The gate is read off the lexicon's own
    patterns (the literal beginnings of their matches, see
    :func:`kb.extract.prefilter.literal_heads`), so it never rejects a real match; when an
    entry cannot be read that way there is no gate.
    """
    heads: set[str] = set()
    for trig in LEXICON:
        found = literal_heads(trig.pattern, _GATE_CHARS)
        if found is None:
            return ""
        heads |= found
    return f"(?={trie_regex(heads)})"


@functools.cache
def trigger_regex() -> re.Pattern[str]:
    """The lexicon as one compiled regex over lower-cased text (built on first use).

    Each entry is a named group ``t<index into LEXICON>``; at one position the first
    entry that matches wins, as in a plain alternation.
    """
    return re.compile(rf"(?<![\w-]){_gate()}(?:{_ALTERNATION})(?![\w-])")


#: The historical present of list items and headlines: "- Gunmen kill six people at a bar",
#: "Soldiers arrest 31 suspects in raids". Read only in such lines (see
#: :func:`find_present_triggers`): in running prose the same forms are habits or plans
#: ("militants attack convoys here", "vowed to kill").
PRESENT_LEXICON: list[Trigger] = [
    Trigger(
        r"kills|kill|shoot dead|shoots dead|behead|beheads|execute|executes",
        "killing",
        _V,
        outcome=True,
    ),
    Trigger(
        r"(?:attack|attacks|storm|storms|raid|raids|ambush|ambushes)"
        r"(?= (?:a|an|the|two|three|four|five|several|\d)\b)",
        "armed_assault",
        _V,
    ),
    Trigger(r"arrest|arrests|detain|detains", "arrest", _V),
    Trigger(r"abduct|abducts|kidnap|kidnaps", "abduction", _V),
]
_PRESENT_REGEX = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<p{i}>{t.pattern})" for i, t in enumerate(PRESENT_LEXICON))
    + r")(?![\w-])"
)
#: A subject right before a present-tense verb: a plural noun or a name ("Gunmen kill",
#: "ADF militants kill", "Soldiers arrest"), not "to kill" or "will attack".
_PRESENT_SUBJECT = re.compile(r"(?:\b(?:to|will|would|could|may|might|not|can)\s+)$")


def find_present_triggers(low: str) -> list[tuple[int, int, Trigger]]:
    """Present-tense act verbs of a list item or headline (lower-cased text).

    "- Jaish al-Adl militants attack a police station in Rask" reports a past attack in
    the present, as news digests and headlines do; "vowed to attack" does not.
    """
    out = []
    for m in _PRESENT_REGEX.finditer(low):
        if _PRESENT_SUBJECT.search(low, max(0, m.start() - 8), m.start()):
            continue
        out.append((m.start(), m.end(), PRESENT_LEXICON[int(m.lastgroup[1:])]))  # type: ignore[index]
    return out


def find_triggers(text: str, low: str | None = None) -> list[tuple[int, int, Trigger]]:
    """All trigger matches in a sentence (lower-cased match, original offsets).

    `low` is the sentence already lower-cased the same way (same length), when the
    caller has it.
    """
    if low is None:
        low = text.lower()
        if len(low) != len(text):
            low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    global _LAST
    last = _LAST
    if low == last[0]:
        # The same sentence again: a sentence read in two passes (the extractor's
        # "told apart" reading) and the rules that re-read its triggers. The answer
        # depends on the lower-cased text only; a copy, so callers may change theirs.
        return list(last[1])
    lexicon = LEXICON
    found = [
        (m.start(), m.end(), lexicon[int(m.lastgroup[1:])])  # type: ignore[index]
        for m in trigger_regex().finditer(low)
    ]
    _LAST = (low, found)  # one binding: a text and its answer are never mixed up
    return list(found)


#: The last sentence :func:`find_triggers` read (lower-cased) and what it found there.
_LAST: tuple[str | None, list[tuple[int, int, Trigger]]] = (None, [])
