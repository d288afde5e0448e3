"""`kb eval`: score extraction (and incident linking) against an annotated corpus.

Corpus layout: ``DIR/articles/*.txt`` (or other readable files) and
``DIR/gold/<same stem>.json`` with ``{"article": ..., "events": [...]}``; each gold
event has ``evidence`` (an exact substring of the body), ``type``, ``agents``,
``targets``, ``places``, ``date`` ({value, precision} or null), ``negated``,
``certainty`` and ``incident`` (the same id across articles for one incident).

Matching: a predicted event matches a gold event when its mention contains the
gold evidence's start and their types share the top concept; each prediction
matches at most one gold event (most specific type first). Attribute scores are
computed over matched pairs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.errors import InputError

UNIDENTIFIED = "unidentified"
#: A name ending in a subdivision word names a state or province, never a country.
_SUBDIVISION = re.compile(
    r"\s(?:State|Province|Region|Governorate|Oblast|Department|District|County)$", re.I
)


@dataclass
class PRF:
    """Counts for precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class EvalReport:
    """Scores of one evaluation run."""

    articles: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    events: PRF = field(default_factory=PRF)
    accuracy: dict[str, list[int]] = field(default_factory=dict)  # name -> [correct, total]
    roles: dict[str, PRF] = field(default_factory=dict)
    per_type: dict[str, PRF] = field(default_factory=dict)
    linking: PRF | None = None
    errors: list[str] = field(default_factory=list)

    def acc(self, name: str, ok: bool) -> None:
        c = self.accuracy.setdefault(name, [0, 0])
        c[0] += int(ok)
        c[1] += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "events": self.events.as_dict(),
            "accuracy": {
                k: round(c / t, 3) if t else None for k, (c, t) in sorted(self.accuracy.items())
            },
            "arguments": {k: v.as_dict() for k, v in sorted(self.roles.items())},
            "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
            "linking": self.linking.as_dict() if self.linking else None,
        }

    def text(self) -> str:
        """A readable report."""
        lines = [
            f"articles {self.articles}  gold events {self.gold_events}  "
            f"predicted {self.predicted_events}",
            f"events     P {self.events.precision:.3f}  R {self.events.recall:.3f}  "
            f"F1 {self.events.f1:.3f}",
        ]
        for k, (c, t) in sorted(self.accuracy.items()):
            lines.append(f"{k:<18} accuracy {c / t if t else 0:.3f}  ({c}/{t} matched events)")
        for k, v in sorted(self.roles.items()):
            lines.append(f"{k:<18} P {v.precision:.3f}  R {v.recall:.3f}  F1 {v.f1:.3f}")
        lines.append("")
        lines.append(f"{'type':<28}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}")
        for k, v in sorted(self.per_type.items()):
            lines.append(
                f"{k:<28}{v.tp + v.fn:>6}{v.tp + v.fp:>6}{v.precision:>8.3f}"
                f"{v.recall:>8.3f}{v.f1:>8.3f}"
            )
        if self.linking is not None:
            lines.append("")
            lines.append(
                f"same-incident pairs  P {self.linking.precision:.3f}  "
                f"R {self.linking.recall:.3f}  F1 {self.linking.f1:.3f}  "
                f"(tp {self.linking.tp}, fp {self.linking.fp}, fn {self.linking.fn})"
            )
        return "\n".join(lines)


def pooled(reports: Sequence[EvalReport]) -> EvalReport:
    """Several corpora's reports as one: counts added up (micro-averaged figures)."""
    out = EvalReport()
    for r in reports:
        out.articles += r.articles
        out.gold_events += r.gold_events
        out.predicted_events += r.predicted_events
        _add(out.events, r.events)
        for k, (c, t) in r.accuracy.items():
            acc = out.accuracy.setdefault(k, [0, 0])
            acc[0] += c
            acc[1] += t
        for k, v in r.roles.items():
            _add(out.roles.setdefault(k, PRF()), v)
        for k, v in r.per_type.items():
            _add(out.per_type.setdefault(k, PRF()), v)
        if r.linking is not None:
            out.linking = out.linking or PRF()
            _add(out.linking, r.linking)
        out.errors.extend(r.errors)
    return out


def _add(into: PRF, more: PRF) -> None:
    into.tp += more.tp
    into.fp += more.fp
    into.fn += more.fn


def summary_text(named: Sequence[tuple[str, EvalReport]]) -> str:
    """One line per corpus and a last line for all of them together (counts added up)."""
    head = (
        f"{'corpus':<22}{'articles':>9}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}"
        f"{'agents F1':>11}{'places F1':>11}{'pairs F1':>10}"
    )
    lines = [head, "-" * len(head)]
    rows = [*named, ("all (pooled)", pooled([r for _, r in named]))]
    for i, (name, r) in enumerate(rows):
        if i == len(rows) - 1:
            lines.append("-" * len(head))
        agents, places = r.roles.get("agents"), r.roles.get("places")
        pairs = (
            f"{r.linking.f1:>10.3f}" if r.linking and r.linking.tp + r.linking.fn else f"{'-':>10}"
        )
        lines.append(
            f"{name:<22}{r.articles:>9}{r.gold_events:>6}{r.predicted_events:>6}"
            f"{r.events.precision:>7.3f}{r.events.recall:>7.3f}{r.events.f1:>7.3f}"
            f"{agents.f1 if agents else 0:>11.3f}{places.f1 if places else 0:>11.3f}{pairs}"
        )
    return "\n".join(lines)


def load_corpus(directory: Path) -> list[tuple[Any, dict[str, Any]]]:
    """(article, gold) pairs of a corpus directory."""
    from kb.readers import read_paths

    gold_dir = directory / "gold"
    art_dir = directory / "articles"
    if not gold_dir.is_dir() or not art_dir.is_dir():
        raise InputError(f"{directory}: expected folders articles/ and gold/ inside it")
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{gold_path}: not valid JSON ({exc})") from None
        art_path = art_dir / gold.get("article", gold_path.stem + ".txt")
        articles = list(read_paths([str(art_path)]))
        if not articles:
            raise InputError(f"{art_path}: no article read")
        pairs.append((articles[0], gold))
    return pairs


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("-", " ").split())


class _Matcher:
    def __init__(self) -> None:
        from kb.actors import ActorRegistry
        from kb.gazetteer import Gazetteer

        self.actors = ActorRegistry.default()
        self.gaz = Gazetteer.default()

    def actor_matches(self, gold_name: str, pred: Any) -> bool:
        if gold_name.lower() == UNIDENTIFIED:
            return bool(pred.unidentified)
        if pred.unidentified:
            return False
        from rapidfuzz import fuzz

        key = self.actors.resolve(gold_name).key
        if key == pred.id:
            return True
        names = [pred.name, pred.text or ""]
        if any(fuzz.token_set_ratio(_norm(gold_name), _norm(n)) >= 85 for n in names if n):
            return True
        return bool(pred.affiliation and self.actors.resolve(gold_name).key == pred.affiliation)

    def place_ids(
        self, name: str, countries: frozenset[str] = frozenset(), strict: bool = False
    ) -> set[str]:
        """The gazetteer ids a gold place name stands for.

        `countries` are the countries the gold names for the event (or its article):
        a name is read among their places first, as the annotator read it ("Tawila" in
        a report on Sudan is not At Tawilah in Yemen). With `strict` (the event names its
        country), a name the gazetteer knows only in other countries is a place it lacks,
        which no prediction can match; otherwise the name keeps its usual reading.
        """
        place = self.gaz.lookup(name)
        if place is None:
            return {p.id for _, _, p in self.gaz.find(name, sorted(countries))}
        if place.level == "country" and _SUBDIVISION.search(name):
            # "Niger State" is the Nigerian state, never the country its first word names
            for cc in sorted(countries):
                local = self.gaz.lookup(name, cc)
                if local is not None and local.level != "country":
                    return {local.id}
        if not countries or place.level == "country" or place.country in countries:
            return {place.id}
        for cc in sorted(countries):
            local = self.gaz.lookup(name, cc)
            if local is not None:
                return {local.id}
        return set() if strict else {place.id}

    def countries(self, names: list[str]) -> frozenset[str]:
        """The countries some gold place names name (a border names both sides)."""
        out: set[str] = set()
        for name in names:
            place = self.gaz.lookup(name)
            if place is not None and place.level == "country" and _SUBDIVISION.search(name):
                continue  # "Niger State": a state of another country, not a country
            if place is not None and place.level == "country" and place.country:
                out.add(place.country)
            elif place is None:
                for _, _, p in self.gaz.find(name):
                    if p.level == "border":
                        out |= {c for r in p.within if (c := self.gaz.country_code_of(r.id))}
        return frozenset(out)


def _place_readings(places: list[Any]) -> list[set[str]]:
    """The predicted places as sets of ids, a town and its namesake province counted once.

    "Homs", "Kirkuk", "Kaduna" name a town and the province around it; an extractor that
    lists both has named one place, which a gold "Homs" (resolved to one of the two)
    matches either way.
    """
    groups: list[tuple[set[str], list[Any]]] = []
    for place in places:
        for ids, members in groups:
            if any(_same_name_nested(place, m) for m in members):
                ids.add(place.id)
                members.append(place)
                break
        else:
            groups.append(({place.id}, [place]))
    return [ids for ids, _ in groups]


def _same_name_nested(a: Any, b: Any) -> bool:
    """Whether two places share a name and country and one lies within the other."""
    if _norm(a.name) != _norm(b.name) or a.country != b.country:
        return False
    return any(r.id == b.id for r in a.within) or any(r.id == a.id for r in b.within)


def _set_prf(prf: PRF, gold: list[str], pred: list[Any], match) -> None:
    used: set[int] = set()
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if i not in used and match(g, p)), None)
        if hit is None:
            prf.fn += 1
        else:
            used.add(hit)
            prf.tp += 1
    prf.fp += len(pred) - len(used)


def evaluate(directory: Path, *, linking: bool = True) -> EvalReport:
    """Score the extractor (and the linker) on a corpus directory.

    The corpus is read by an extractor of its own, with a registry fresh from the
    registry file: names met in an earlier corpus of the same process (the registry
    mints actors as it meets them) do not change this one's figures.
    """
    from kb.actors import ActorRegistry
    from kb.eventtypes import lineage, top_key
    from kb.extract.pipeline import Extractor

    pairs = load_corpus(directory)
    extractor = Extractor(actors=ActorRegistry.load())
    matcher = _Matcher()
    report = EvalReport(articles=len(pairs))
    matched_pairs: list[tuple[str, str, Any]] = []  # (incident label, article id, predicted event)
    all_events = []
    for article, gold in pairs:
        preds = extractor.extract(article)
        all_events.append((article, preds))
        report.predicted_events += len(preds)
        used: set[int] = set()
        golds = gold.get("events", [])
        report.gold_events += len(golds)
        # The countries the article's gold names: an event naming none is read in them.
        article_countries = matcher.countries([n for g in golds for n in g.get("places", [])])
        for g in golds:
            start = article.text.find(g["evidence"])
            if start < 0:
                report.errors.append(
                    f"{gold.get('article')}: evidence not in body: {g['evidence'][:40]!r}"
                )
            gtop = top_key(g["type"])
            cands = [
                (i, p)
                for i, p in enumerate(preds)
                if i not in used
                and any(m.start <= max(start, 0) < m.end for m in p.all_mentions)
                and top_key(p.type) == gtop
            ]
            cands.sort(key=lambda c: (c[1].type != g["type"], g["type"] not in lineage(c[1].type)))
            stats = report.per_type.setdefault(gtop, PRF())
            if not cands:
                report.events.fn += 1
                stats.fn += 1
                continue
            i, p = cands[0]
            used.add(i)
            report.events.tp += 1
            stats.tp += 1
            report.acc("type (exact)", p.type == g["type"])
            report.acc("negated", p.negated == bool(g.get("negated")))
            report.acc("certainty", p.certainty == g.get("certainty", "asserted"))
            gd = g.get("date")
            if gd:
                report.acc(
                    "date",
                    p.date.value == gd.get("value") and p.date.precision == gd.get("precision"),
                )
            else:
                report.acc("date", p.date.value is None)
            gq = g.get("quantities") or {}
            if gq:
                report.acc("quantities", all(p.quantities.get(k) == v for k, v in gq.items()))
            _set_prf(
                report.roles.setdefault("agents", PRF()),
                g.get("agents", []),
                p.agents,
                matcher.actor_matches,
            )
            _set_prf(
                report.roles.setdefault("targets", PRF()),
                g.get("targets", []),
                p.targets,
                matcher.actor_matches,
            )
            gold_places: list[str] = []
            own = matcher.countries(g.get("places", []))
            for name in g.get("places", []):
                ids = matcher.place_ids(name, own or article_countries, strict=bool(own))
                gold_places.append(sorted(ids)[0] if ids else "unknown:" + name)
            _set_prf(
                report.roles.setdefault("places", PRF()),
                gold_places,
                _place_readings(p.places),
                lambda gid, ids: gid in ids,
            )
            if g.get("incident"):
                matched_pairs.append((g["incident"], article.id, i))
        for i, p in enumerate(preds):
            if i not in used:
                report.events.fp += 1
                report.per_type.setdefault(top_key(p.type), PRF()).fp += 1
    if linking and matched_pairs:
        report.linking = _linking_scores(all_events, matched_pairs)
    return report


def _linking_scores(all_events, matched_pairs) -> PRF:
    """Pairwise same-incident precision and recall over matched gold events."""
    import tempfile

    from kb.ingest import ingest_articles
    from kb.namespaces import report_iri
    from kb.store import open_store

    prf = PRF()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(tmp + "/store")
        try:
            ingest_articles(store, [a for a, _ in all_events])
            rows = store.select("SELECT ?ev ?r WHERE { ?ev a sem:Event ; kb:hasReport ?r }").rows
            incident_of = {str(r["r"]): str(r["ev"]) for r in rows}
        finally:
            store.close()
    labelled = []
    for label, article_id, n in matched_pairs:
        r = str(report_iri(article_id, n))
        labelled.append((label, incident_of.get(r, "none:" + r)))
    for i in range(len(labelled)):
        for j in range(i + 1, len(labelled)):
            gold_same = labelled[i][0] == labelled[j][0]
            pred_same = labelled[i][1] == labelled[j][1]
            if gold_same and pred_same:
                prf.tp += 1
            elif pred_same:
                prf.fp += 1
            elif gold_same:
                prf.fn += 1
    return prf
