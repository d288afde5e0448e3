"""Check the second held-out corpus and print its figures.

Run from the project root::

    .venv/bin/python tests/corpus_heldout2/check_heldout2.py

Unlike ``tests/corpus``, this corpus holds an HTML page and a JSON Lines file
besides the ``.txt`` articles, so every article is read with :mod:`kb.readers`
(as ``kb eval`` reads it) and the gold evidence is checked against the body the
reader returns. Each event is checked with the development corpus' own rules
(``tests/corpus/check_corpus.py``). The script exits with status 1 when anything
is wrong.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD = HERE / "gold"
sys.path.insert(0, str(HERE.parent / "corpus"))
import check_corpus as cc  # noqa: E402

sys.path.pop(0)


def check() -> tuple[list[str], dict]:
    """Check every article and gold file; return the errors and the figures."""
    from kb.readers import read_paths

    errors: list[str] = []
    articles = sorted(p for p in ARTICLES.iterdir() if p.is_file())
    golds = sorted(GOLD.glob("*.json"))
    gold_stems = {g.stem for g in golds}
    for art in articles:
        if art.name.rsplit(".", 1)[0] not in gold_stems:
            errors.append(f"{art.name}: no gold file")
    types: Counter[str] = Counter()
    formats: Counter[str] = Counter()
    n_events = 0
    incidents: set[str] = set()
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        art_path = ARTICLES / str(gold.get("article", ""))
        if art_path.name.rsplit(".", 1)[0] != gold_path.stem or not art_path.is_file():
            errors.append(f"{gold_path.name}: article {gold.get('article')!r} missing or misnamed")
            continue
        read = list(read_paths([str(art_path)]))
        if len(read) != 1:
            errors.append(f"{art_path.name}: expected one article, read {len(read)}")
            continue
        article = read[0]
        formats[art_path.suffix] += 1
        if article.published is None:
            errors.append(f"{art_path.name}: no publication date")
        words = len(article.text.split())
        if not 150 <= words <= 600:
            errors.append(f"{art_path.name}: body has {words} words, expected 150-600")
        for i, event in enumerate(gold.get("events", [])):
            where = f"{gold_path.name} event {i}"
            cc.check_event(event, where, article.text, article.published, errors)
            if event.get("incident") in incidents:
                errors.append(f"{where}: incident {event.get('incident')} used twice")
            incidents.add(event.get("incident", ""))
            types[event.get("type", "?")] += 1
            n_events += 1
    figures = {
        "articles": len(articles),
        "formats": dict(sorted(formats.items())),
        "events": n_events,
        "events_per_type": dict(sorted(types.items())),
    }
    return errors, figures


def main() -> int:
    errors, figures = check()
    for error in errors:
        print("ERROR", error)
    print(json.dumps(figures, indent=1))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
