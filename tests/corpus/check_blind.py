"""The checks of a blind held-out corpus (``tests/corpus_heldout3``, ``corpus_heldout4``).

Every article is read with :mod:`kb.readers` (as ``kb eval`` reads it) and each gold
event is checked against the body the reader returns with the development corpus'
own rules (``check_corpus.py``: evidence an exact unique substring, trigger inside it,
known type, well-formed date not after publication, known quantity keys). On top of
those: one gold file per article and the reverse, header ids unique, incident ids used
once per article, ``incidents.json`` groups and near misses pointing at real gold
events, and each body's length within the corpus' bounds.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import check_corpus as cc


def check(corpus: Path, min_words: int, max_words: int) -> tuple[list[str], dict]:
    """Check every article, gold file and the incident manifest; return errors and figures.

    Args:
        corpus: the corpus directory (``articles/``, ``gold/``, ``incidents.json``).
        min_words, max_words: bounds on each article body's length in words.
    """
    from kb.readers import read_paths

    articles_dir, gold_dir = corpus / "articles", corpus / "gold"

    errors: list[str] = []
    articles = sorted(p for p in articles_dir.iterdir() if p.is_file())
    golds = sorted(gold_dir.glob("*.json"))
    gold_stems = {g.stem for g in golds}
    art_stems = {a.stem for a in articles}
    errors += [f"{a.name}: no gold file" for a in articles if a.stem not in gold_stems]
    errors += [f"{g.name}: no article" for g in golds if g.stem not in art_stems]
    types: Counter[str] = Counter()
    reports: dict[str, set[str]] = defaultdict(set)
    events_by_key: dict[tuple[str, str], str] = {}
    ids: Counter[str] = Counter()
    words_per_article: dict[str, int] = {}
    n_events = 0
    for gold_path in golds:
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except ValueError as exc:
            errors.append(f"{gold_path.name}: invalid JSON ({exc})")
            continue
        art_path = articles_dir / str(gold.get("article", ""))
        if art_path.stem != gold_path.stem or not art_path.is_file():
            errors.append(f"{gold_path.name}: article {gold.get('article')!r} missing or misnamed")
            continue
        read = list(read_paths([str(art_path)]))
        if len(read) != 1:
            errors.append(f"{art_path.name}: expected one article, read {len(read)}")
            continue
        article = read[0]
        ids[article.id] += 1
        if article.published is None:
            errors.append(f"{art_path.name}: no publication date")
        words = len(article.text.split())
        words_per_article[art_path.name] = words
        if not min_words <= words <= max_words:
            errors.append(f"{art_path.name}: body has {words} words")
        seen: set[str] = set()
        for i, event in enumerate(gold.get("events", [])):
            where = f"{gold_path.name} event {i}"
            cc.check_event(event, where, article.text, article.published, errors)
            inc = event.get("incident", "")
            if inc in seen:
                errors.append(f"{where}: incident {inc} annotated twice in one article")
            seen.add(inc)
            reports[inc].add(art_path.name)
            events_by_key[(art_path.name, event.get("evidence", ""))] = inc
            types[event.get("type", "?")] += 1
            n_events += 1
    errors += [f"article id {i!r} used {n} times" for i, n in ids.items() if n > 1]
    manifest = json.loads((corpus / "incidents.json").read_text(encoding="utf-8"))
    groups = manifest.get("groups", {})
    for inc, group in groups.items():
        if len(reports.get(inc, ())) < 2:
            errors.append(f"incidents.json: group {inc} has fewer than 2 reporting articles")
        for rep in group.get("reports", []):
            if events_by_key.get((rep.get("article"), rep.get("evidence"))) != inc:
                errors.append(f"incidents.json: {inc} report {rep.get('article')} not in gold")
    shared = {inc for inc, arts in reports.items() if len(arts) > 1}
    if shared != set(groups):
        errors.append(f"incidents.json groups differ from the gold: {sorted(shared ^ set(groups))}")
    for nm in manifest.get("near_misses", []):
        if events_by_key.get((nm.get("article"), nm.get("evidence"))) != nm.get("incident"):
            errors.append(f"incidents.json: near miss {nm.get('evidence')!r} is not a gold event")
        if nm.get("near_miss_of") not in groups:
            errors.append(f"incidents.json: near miss of unknown group {nm.get('near_miss_of')!r}")
    figures = {
        "articles": len(articles),
        "events": n_events,
        "incidents": len(reports),
        "incident_groups": len(groups),
        "groups_with_3_or_more_reports": sum(1 for i in groups if len(reports[i]) >= 3),
        "near_misses": len(manifest.get("near_misses", [])),
        "longest_body_words": max(words_per_article.values(), default=0),
        "shortest_body_words": min(words_per_article.values(), default=0),
        "events_per_type": dict(sorted(types.items())),
    }
    return errors, figures


def main(corpus: Path, min_words: int, max_words: int) -> int:
    """Print the errors (if any) and the figures; return the exit status."""
    errors, figures = check(corpus, min_words, max_words)
    for error in errors:
        print("ERROR", error)
    print(json.dumps(figures, indent=1))
    return 1 if errors else 0
