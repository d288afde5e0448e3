"""A synthetic corpus of wire-style conflict articles (3-4 KB each) for ingest benchmarks.

Each article has a header block (title, url, published, outlet, id), a dateline, a
lead sentence with the main incident, follow-up paragraphs (attribution, casualties,
a quote, a second incident, background) drawn from templates and filled with real
actor names from the registry and real place names from the gazetteer, so the
extractor does the work it does on real news. Deterministic for a seed; no network.

Usage::

    python bench/articles.py --count 1000 --out bench/out/articles
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: (actor label as written, country where it mostly acts); names the registry knows.
AGENTS = [
    ("Islamic State", "IQ"), ("Islamic State", "SY"), ("Iraqi security forces", "IQ"),
    ("the Syrian army", "SY"), ("the Israel Defense Forces", "LB"), ("the Houthis", "YE"),
    ("Russian forces", "UA"), ("Ukrainian forces", "UA"), ("the Taliban", "AF"),
    ("al-Shabaab", "SO"), ("Hezbollah", "LB"), ("Hamas", "PS"),
    ("the Rapid Support Forces", "SD"), ("the Sudanese Armed Forces", "SD"),
    ("Boko Haram", "NG"), ("JNIM", "ML"), ("the Pakistan Army", "PK"),
    ("Turkish forces", "SY"), ("the Syrian Democratic Forces", "SY"),
    ("the Popular Mobilization Forces", "IQ"), ("the Nigerian Army", "NG"),
    ("Somali National Army troops", "SO"), ("Kataib Hezbollah", "IQ"),
    ("the Libyan National Army", "LY"), ("the Malian army", "ML"),
    ("Tehrik-i-Taliban Pakistan", "PK"), ("US forces", "SY"), ("the Peshmerga", "IQ"),
]  # fmt: skip
TARGETS = [
    "a military checkpoint", "an army patrol", "a police station", "a convoy of fuel trucks",
    "a border post", "a market", "positions of government forces", "a village",
    "a camp for displaced people", "a weapons depot", "a training camp",
]  # fmt: skip
PLACES = {
    "IQ": ["Anbar", "Mosul", "Kirkuk", "Ramadi", "Fallujah", "Tikrit", "Baghdad", "Diyala",
           "Samarra", "Basra", "Erbil", "Sinjar", "al-Qaim", "Haditha"],
    "SY": ["Deir ez-Zor", "Raqqa", "Idlib", "Aleppo", "Homs", "Hama", "Daraa", "al-Bukamal",
           "Palmyra", "Hasakah", "Qamishli", "Manbij"],
    "UA": ["Kharkiv", "Donetsk", "Zaporizhzhia", "Kherson", "Odesa", "Bakhmut", "Sumy",
           "Dnipro"],
    "AF": ["Kandahar", "Helmand", "Kunduz", "Nangarhar", "Jalalabad", "Herat", "Ghazni"],
    "YE": ["Marib", "Hodeidah", "Taiz", "Sanaa", "Aden", "Saada"],
    "SO": ["Mogadishu", "Kismayo", "Baidoa", "Beledweyne", "Lower Shabelle"],
    "LB": ["Tyre", "Nabatieh", "Baalbek", "Sidon", "Marjayoun"],
    "PS": ["Gaza City", "Khan Younis", "Rafah", "Jenin", "Nablus"],
    "SD": ["El Fasher", "Khartoum", "Omdurman", "Nyala", "Wad Madani"],
    "NG": ["Maiduguri", "Borno", "Zamfara", "Kaduna", "Yobe"],
    "ML": ["Gao", "Timbuktu", "Mopti", "Kidal", "Menaka"],
    "PK": ["Peshawar", "Quetta", "North Waziristan", "Bannu", "Dera Ismail Khan"],
    "LY": ["Tripoli", "Benghazi", "Sirte", "Derna", "Sabha"],
}  # fmt: skip
COUNTRY = {
    "IQ": "Iraq", "SY": "Syria", "UA": "Ukraine", "AF": "Afghanistan", "YE": "Yemen",
    "SO": "Somalia", "LB": "Lebanon", "PS": "Gaza", "SD": "Sudan", "NG": "Nigeria",
    "ML": "Mali", "PK": "Pakistan", "LY": "Libya",
}  # fmt: skip
OUTLETS = [
    "Reuters", "Associated Press", "Agence France-Presse", "Al Jazeera", "Anadolu Agency",
    "Shafaq News", "Rudaw", "Kyiv Independent", "Xinhua", "Tigris Wire", "Desert Dispatch",
]  # fmt: skip
SOURCES = [
    "a security source", "a local official", "a military spokesman", "two medical sources",
    "residents", "the provincial governor's office", "a police officer who asked not to be named",
]  # fmt: skip
LEADS = [
    "{Agent} attacked {target} in {place} {when}, killing {n} people and wounding {m} others, "
    "{source} said.",
    "A drone strike by {agent} hit {target} near {place} {when}, killing {n} fighters, "
    "{source} told {outlet}.",
    "{Agent} shelled {target} on the outskirts of {place} {when}, {source} said, adding that "
    "{n} civilians were killed.",
    "Gunmen ambushed {target} in {place} {when}, killing {n} soldiers, according to {source}.",
    "{Agent} arrested {n} suspected members of {group} in raids across {place} {when}, "
    "{source} said.",
    "A roadside bomb struck {target} in {place} {when}, killing {n} people, {source} said. "
    "No group immediately claimed responsibility.",
    "{Agent} clashed with {group} near {place} {when} in fighting that left {n} dead on both "
    "sides, {source} said.",
]
FOLLOW = [
    "The attack was the deadliest in {place} since {month_before}, when {group} fighters "
    "stormed a checkpoint and killed {k} members of the security forces.",
    '"We heard several explosions and then heavy gunfire that lasted for almost an hour," '
    "a resident of {place}, who gave only his first name, told {outlet} by telephone.",
    "Hospital officials in {city2} said they had received {m} wounded, several of them in a "
    "critical condition, and that the death toll could rise.",
    "{Group} said in a statement on its channels that it was behind the attack, but the "
    "claim could not be independently verified.",
    "In a separate incident {when2}, {agent} said its forces had killed {k} militants in an "
    "operation near {city2}, a claim {source2} did not confirm.",
    "Officials in {country} have repeatedly warned that armed groups remain active in the "
    "area despite years of military operations, and that remote districts are poorly "
    "protected.",
    "The United Nations called for restraint and said humanitarian workers needed safe "
    "access to the area to help families displaced by the fighting.",
    "Security forces closed the main road between {place} and {city2} and imposed a curfew "
    "on several neighbourhoods while they searched for the attackers.",
    "{Agent} has not commented on the reports. Its spokesman said last week that operations "
    "against its enemies in {country} would continue.",
    "Analysts say the violence reflects a wider struggle for control of smuggling routes "
    "and farmland, which has displaced tens of thousands of people over the past decade.",
    "Two days earlier, {agent2} said it had detained a local commander of {group} who was "
    "wanted for planning attacks on markets and mosques in {city2}.",
    "The governor of the province visited the scene later in the day and promised "
    "compensation for the families of the victims, local television reported.",
    "Aid groups working in {country} say the number of people forced from their homes has "
    "grown sharply this year as fighting spread to districts that had been calm.",
    "A spokesman for the provincial health department said ambulances had struggled to "
    "reach the area because of the damage to roads and bridges.",
    "Residents said electricity and mobile phone networks were cut for several hours, and "
    "that shops in the main market stayed closed the following morning.",
    "{Agent} said in a statement that it would respond to what it called provocations, "
    "without giving details of any planned operation.",
    "Diplomats in the region said talks on a wider truce had stalled over the release of "
    "prisoners and the withdrawal of fighters from frontline positions.",
    "The area around {place} has changed hands several times, and both sides have accused "
    "each other of using civilians as shields.",
    "Human rights groups have documented abuses by several parties to the conflict, "
    "including arbitrary detention and the recruitment of children.",
    "A local elder said the community had asked for more troops to be deployed after "
    "attacks on farmers during the harvest season.",
]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "10", "12", "15"]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def article_text(i: int, rng: random.Random, start: dt.date) -> tuple[str, str]:
    """(file name, file text) of article number `i`."""
    agent, cc = rng.choice(AGENTS)
    local = [a for a in AGENTS if a[1] == cc and a[0] != agent] or AGENTS
    agent2, _ = rng.choice(local)
    group, _ = rng.choice([a for a in local if a[0] != agent2] or AGENTS)
    places = PLACES.get(cc) or PLACES["IQ"]
    place, city2 = rng.sample(places, 2)
    outlet = rng.choice(OUTLETS)
    published = start + dt.timedelta(days=rng.randrange(3650))
    event_day = published - dt.timedelta(days=rng.choice((0, 1, 1, 2)))
    when = (
        "on " + WEEKDAYS[event_day.weekday()]
        if rng.random() < 0.6
        else f"on {MONTHS[event_day.month - 1]} {event_day.day}"
    )
    earlier = event_day - dt.timedelta(days=rng.randrange(20, 200))
    fill = {
        "agent": agent,
        "Agent": _cap(agent),
        "agent2": agent2,
        "group": group,
        "Group": _cap(group),
        "target": rng.choice(TARGETS),
        "place": place,
        "city2": city2,
        "country": COUNTRY.get(cc, "Iraq"),
        "when": when,
        "when2": "on " + WEEKDAYS[(event_day.weekday() - 1) % 7],
        "n": rng.choice(NUMBERS),
        "m": rng.choice(NUMBERS),
        "k": rng.choice(NUMBERS),
        "source": rng.choice(SOURCES),
        "source2": rng.choice(SOURCES),
        "outlet": outlet,
        "month_before": f"{MONTHS[earlier.month - 1]} {earlier.year}",
    }
    lead = rng.choice(LEADS).format(**fill)
    paragraphs = [lead]
    follow = FOLLOW[:]
    rng.shuffle(follow)
    body_len = len(lead)
    wanted = rng.randrange(2900, 3600)  # plus header and dateline: 3-4 KB files
    for tpl in follow:
        if body_len > wanted:
            break
        p = tpl.format(**fill)
        paragraphs.append(p)
        body_len += len(p) + 2
    dateline = f"{place.upper()}, {COUNTRY.get(cc, 'Iraq')}, {MONTHS[published.month - 1]} {published.day} ({outlet}) - "
    paragraphs[0] = dateline + paragraphs[0]
    paragraphs.append(f"(Reporting by {outlet} staff; Editing by the regional desk)")
    title = _cap(lead.split(",")[0])[:120]
    art_id = f"bench-{i:06d}"
    header = (
        f"title: {title}\n"
        f"url: https://news.example.org/{published.isoformat()}/{art_id}\n"
        f"published: {published.isoformat()}\n"
        f"outlet: {outlet}\n"
        f"id: {art_id}\n"
        "---\n"
    )
    return f"{art_id}.txt", header + "\n\n".join(paragraphs) + "\n"


def write_corpus(out_dir: Path, count: int, seed: int = 7, first: int = 0) -> list[Path]:
    """Write `count` articles into `out_dir` (created); returns the files.

    Args:
        first: the number of the first article (ids ``bench-<number>``): a second corpus
            with another seed and ``first`` past the first corpus is new to a store that
            holds the first.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    start = dt.date(2016, 1, 1)
    files = []
    for i in range(first, first + count):
        name, text = article_text(i, rng, start)
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    ap = argparse.ArgumentParser(description="Write a synthetic article corpus.")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent / "out" / "articles"
    )
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--first", type=int, default=0, help="number of the first article's id")
    args = ap.parse_args(argv)
    files = write_corpus(args.out, args.count, args.seed, args.first)
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} articles, {size / len(files):.0f} bytes on average, in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
