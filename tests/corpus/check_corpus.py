"""Check the annotated development corpus and print its figures.

Run from the project root::

    .venv/bin/python tests/corpus/check_corpus.py

Every ``gold/NN-slug.json`` must name an article in ``articles/``; each event's
evidence must be an exact (and unique) substring of the article body, its
trigger must lie inside the evidence, its type must be a known key and its date
well formed. ``incidents.json`` lists the near misses, which must point at gold
events. The script exits with status 1 when anything is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD = HERE / "gold"
INCIDENTS = HERE / "incidents.json"

#: Event type keys; each narrower key maps to its broader one.
TYPES: dict[str, str | None] = {
    "air_or_drone_strike": None,
    "drone_strike": "air_or_drone_strike",
    "airstrike": "air_or_drone_strike",
    "armed_clash": None,
    "attack": None,
    "bombing": "attack",
    "shelling": "attack",
    "armed_assault": "attack",
    "abduction": "attack",
    "arrest": None,
    "killing": None,
    "assassination": "killing",
    "deployment_or_mobilization": None,
    "reinforcement": "deployment_or_mobilization",
    "cooperation_or_agreement": None,
    "security_coordination": "cooperation_or_agreement",
    "agreement": "cooperation_or_agreement",
    "statement": None,
    "denial": "statement",
    "claim_of_responsibility": "statement",
    "threat": "statement",
    "accusation": "statement",
    "protest": None,
    "other": None,
}
QUANTITY_KEYS = {"killed", "injured", "arrested", "abducted", "deployed"}
HEADER_KEYS = {"title", "url", "published", "outlet", "id"}
DATE_FORMATS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
EVENT_KEYS = {
    "evidence",
    "type",
    "trigger",
    "agents",
    "targets",
    "places",
    "date",
    "negated",
    "certainty",
    "quantities",
    "reported_by",
    "citing",
    "incident",
}
_HEADER_LINE = re.compile(r"^([A-Za-z_]+):\s?(.*)$")


def split_article(text: str) -> tuple[dict[str, str], str]:
    """Split an article file into its header fields and its body.

    A header is a block of ``key: value`` lines closed by a ``---`` line. A file
    without one has its title on the first line and the body after the first
    blank line; the title is then returned as the ``title`` field.
    """
    lines = text.split("\n")
    if "---" in lines[:20]:
        end = lines.index("---")
        fields = [_HEADER_LINE.match(line) for line in lines[:end]]
        if end > 0 and all(fields):
            meta = {m.group(1): m.group(2).strip() for m in fields if m}
            return meta, "\n".join(lines[end + 1 :])
    title, _, body = text.partition("\n\n")
    return {"title": title.strip()}, body


def _check_date(date: object, where: str, published: dt.date | None, errors: list[str]) -> None:
    if date is None:
        return
    if not isinstance(date, dict) or set(date) != {"value", "precision"}:
        errors.append(f"{where}: date must be null or {{value, precision}}, got {date!r}")
        return
    value, precision = date["value"], date["precision"]
    pattern = DATE_FORMATS.get(precision)
    if pattern is None or not isinstance(value, str) or not re.fullmatch(pattern, value):
        errors.append(f"{where}: date {value!r} does not match precision {precision!r}")
        return
    parts = [int(p) for p in value.split("-")]
    try:
        start = dt.date(
            parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
        )
    except ValueError:
        errors.append(f"{where}: date {value!r} is not a calendar date")
        return
    # An event cannot start after the article reporting it was published.
    if published and start > published:
        errors.append(f"{where}: date {value} is after publication {published}")


def check_event(
    event: dict, where: str, body: str, published: dt.date | None, errors: list[str]
) -> None:
    """Append to `errors` what is wrong with one gold event."""
    missing = EVENT_KEYS - set(event)
    extra = set(event) - EVENT_KEYS
    if missing:
        errors.append(f"{where}: missing keys {sorted(missing)}")
    if extra:
        errors.append(f"{where}: unknown keys {sorted(extra)}")
    evidence = event.get("evidence", "")
    if not evidence or evidence not in body:
        errors.append(f"{where}: evidence is not a substring of the body: {evidence!r}")
    elif body.count(evidence) > 1:
        errors.append(f"{where}: evidence occurs more than once in the body: {evidence!r}")
    trigger = event.get("trigger", "")
    if not trigger or trigger not in evidence:
        errors.append(f"{where}: trigger {trigger!r} is not inside the evidence")
    if event.get("type") not in TYPES:
        errors.append(f"{where}: unknown type {event.get('type')!r}")
    for key in ("agents", "targets", "places"):
        value = event.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            errors.append(f"{where}: {key} must be a list of non-empty strings")
    _check_date(event.get("date"), where, published, errors)
    if not isinstance(event.get("negated"), bool):
        errors.append(f"{where}: negated must be true or false")
    if event.get("certainty") not in ("asserted", "hedged"):
        errors.append(f"{where}: certainty must be 'asserted' or 'hedged'")
    quantities = event.get("quantities")
    if not isinstance(quantities, dict):
        errors.append(f"{where}: quantities must be an object")
    else:
        for name, number in quantities.items():
            if name not in QUANTITY_KEYS or not isinstance(number, int) or number < 0:
                errors.append(f"{where}: bad quantity {name}={number!r}")
    for key in ("reported_by", "citing"):
        if event.get(key) is not None and not isinstance(event.get(key), str):
            errors.append(f"{where}: {key} must be a string or null")
    incident = event.get("incident")
    if not isinstance(incident, str) or not incident.startswith("inc-"):
        errors.append(f"{where}: incident must be a string starting with 'inc-'")


def check_corpus() -> tuple[list[str], dict]:
    """Check every article and gold file; return the errors and the corpus figures."""
    errors: list[str] = []
    articles = sorted(ARTICLES.glob("*.txt"))
    golds = sorted(GOLD.glob("*.json"))
    gold_names = {g.stem for g in golds}
    for art in articles:
        if art.stem not in gold_names:
            errors.append(f"{art.name}: no gold file")

    type_counts: Counter[str] = Counter()
    reports: dict[str, set[str]] = defaultdict(set)
    events_by_key: dict[tuple[str, str], str] = {}
    n_events = 0
    headerless = unknown_dates = 0
    outlets: set[str] = set()
    for gold_path in golds:
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            errors.append(f"{gold_path.name}: invalid JSON ({exc})")
            continue
        art_path = ARTICLES / str(gold.get("article", ""))
        if gold.get("article") != f"{gold_path.stem}.txt" or not art_path.is_file():
            errors.append(f"{gold_path.name}: article {gold.get('article')!r} missing or misnamed")
            continue
        meta, body = split_article(art_path.read_text(encoding="utf-8"))
        published = None
        if "id" not in meta:
            headerless += 1
        else:
            if set(meta) != HEADER_KEYS:
                errors.append(
                    f"{art_path.name}: header keys {sorted(meta)} != {sorted(HEADER_KEYS)}"
                )
            outlets.add(meta.get("outlet", ""))
            if meta.get("published") == "unknown":
                unknown_dates += 1
            else:
                try:
                    published = dt.date.fromisoformat(meta.get("published", ""))
                except ValueError:
                    errors.append(
                        f"{art_path.name}: published {meta.get('published')!r} is not a date"
                    )
        words = len(body.split())
        if not 150 <= words <= 600:
            errors.append(f"{art_path.name}: body has {words} words, expected 150-600")
        seen_incidents: set[str] = set()
        for i, event in enumerate(gold.get("events", [])):
            where = f"{gold_path.name} event {i}"
            check_event(event, where, body, published, errors)
            # One gold event per reported event: a repeat mention is not annotated again.
            if event.get("incident") in seen_incidents:
                errors.append(f"{where}: incident {event.get('incident')} annotated twice")
            seen_incidents.add(event.get("incident", ""))
            n_events += 1
            type_counts[event.get("type", "?")] += 1
            reports[event.get("incident", "?")].add(gold_path.stem)
            events_by_key[(gold["article"], event.get("evidence", ""))] = event.get("incident", "")

    near_misses = []
    if INCIDENTS.is_file():
        manifest = json.loads(INCIDENTS.read_text(encoding="utf-8"))
        near_misses = manifest.get("near_misses", [])
        for nm in near_misses:
            key = (nm.get("article"), nm.get("evidence"))
            if events_by_key.get(key) != nm.get("incident"):
                errors.append(
                    f"incidents.json: near miss {key} is not a gold event of that incident"
                )
            if nm.get("near_miss_of") not in reports or nm.get("near_miss_of") == nm.get(
                "incident"
            ):
                errors.append(
                    f"incidents.json: near miss of unknown incident {nm.get('near_miss_of')!r}"
                )
        for inc_id in manifest.get("groups", {}):
            if len(reports.get(inc_id, ())) < 2:
                errors.append(f"incidents.json: group {inc_id} has fewer than 2 reporting articles")
    else:
        errors.append("incidents.json is missing")

    multi = {k: len(v) for k, v in reports.items() if len(v) > 1}
    figures = {
        "articles": len(articles),
        "articles_without_header": headerless,
        "articles_published_unknown": unknown_dates,
        "outlets": len(outlets),
        "events": n_events,
        "incidents": len(reports),
        "incidents_with_several_reports": len(multi),
        "incidents_with_3_or_more_reports": sum(1 for n in multi.values() if n >= 3),
        "near_misses": len(near_misses),
        "events_per_type": dict(sorted(type_counts.items())),
    }
    return errors, figures


def main() -> int:
    """Print the errors (if any) and the corpus figures; return the exit status."""
    errors, figures = check_corpus()
    for line in errors:
        print(f"ERROR {line}")
    print(json.dumps(figures, indent=2))
    print("FAILED" if errors else "OK")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
