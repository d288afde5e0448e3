"""Extraction cases: one folder per case, ``article.txt`` + ``expected.json``.

An expected event lists only what it asserts; the extracted events must contain a
match for each expected event (same type), and ``count`` pins the number of events.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.extract.pipeline import Extractor
from kb.readers import read_paths

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


def test_cases_collected():
    assert len(CASES) == 9


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def _matches(ev, exp: dict) -> list[str]:
    problems = []
    if "agents" in exp and sorted(a.id for a in ev.agents) != sorted(exp["agents"]):
        problems.append(f"agents {[a.id for a in ev.agents]}")
    if exp.get("agent_unidentified") and not any(a.unidentified for a in ev.agents):
        problems.append("no unidentified agent")
    for part in exp.get("target_names_contain", []):
        if not any(part in t.name for t in ev.targets):
            problems.append(f"no target containing {part!r}: {[t.name for t in ev.targets]}")
    for key in exp.get("participants_include", []):
        if key not in {a.id for a in ev.actors}:
            problems.append(f"no participant {key}")
    ids = [p.id for p in ev.places]
    for pid in exp.get("places", []):
        if pid not in ids:
            problems.append(f"no place {pid} in {ids}")
    for name in exp.get("places_include_name", []):
        if name not in [p.name for p in ev.places]:
            problems.append(f"no place named {name}")
    for key, value in (exp.get("date") or {}).items():
        got = getattr(ev.date, key)
        got = got.isoformat() if hasattr(got, "isoformat") else got
        if got != value:
            problems.append(f"date.{key} {got!r} != {value!r}")
    if "reported_by_contains" in exp and exp["reported_by_contains"] not in (
        ev.attribution.reported_by or ""
    ):
        problems.append(f"reported_by {ev.attribution.reported_by!r}")
    if "citing_contains" in exp and exp["citing_contains"] not in (ev.attribution.citing or ""):
        problems.append(f"citing {ev.attribution.citing!r}")
    for key in ("certainty", "negated"):
        if key in exp and getattr(ev, key) != exp[key]:
            problems.append(f"{key} {getattr(ev, key)!r}")
    for key, value in (exp.get("quantities") or {}).items():
        if ev.quantities.get(key) != value:
            problems.append(f"quantity {key} {ev.quantities.get(key)!r} != {value}")
    return problems


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, extractor):
    expected = json.loads((case / "expected.json").read_text())
    [article] = list(read_paths([str(case / "article.txt")]))
    events = extractor.extract(article)
    for exp in expected["events"]:
        candidates = [e for e in events if e.type == exp["type"]]
        assert candidates, f"no {exp['type']} event in {[e.type for e in events]}"
        reports = [_matches(e, exp) for e in candidates]
        assert any(not r for r in reports), f"{exp['type']}: {reports}"
    if "count" in expected:
        assert len(events) == expected["count"], [e.type for e in events]
    if "count_at_least" in expected:
        assert len(events) >= expected["count_at_least"]
    for ev in events:
        # Every mention points at its text in the body.
        for m in ev.all_mentions:
            assert article.text[m.start : m.end] == m.text


# --- fast paths agree with what they replace -----------------------------------------------
# The extractor's speed comes from prefilters, lower-cased matching and narrowed searches;
# each must give exactly what the plain pattern gives. Sentences of our own, written the
# way wire copy is, plus every sentence of the evaluation corpus.

import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kb.extract import pipeline as P  # noqa: E402
from kb.extract import prefilter, triggers  # noqa: E402
from kb.extract.sentences import split_sentences  # noqa: E402
from kb.gazetteer.normalize import norm_token, token_arrays, tokenize  # noqa: E402

_OWN_SENTENCES = [
    "Gunmen reportedly killed 12 villagers in an attack on a market near the town, "
    "two residents told the agency.",
    "The army said it had arrested five suspects; police officers were wounded while "
    "clearing the area, according to a security source.",
    "A senior commander of the militia's armed wing was killed, the group's spokesman said.",
    "Officials denied that troops had carried out the strike, citing a local official.",
    "Dozens of Palestinians were injured when security forces opened fire on protesters.",
    "The attack, which came after weeks of clashes, may have been carried out by unknown "
    "assailants, it is unclear who was behind it.",
    "Three tribal elders and a former opposition commander were detained at a checkpoint.",
    "U.S.-led coalition aircraft struck positions of the group's fighters overnight.",
    "Iraq's interior ministry said the death toll rose to at least 30.",
    "Residents said the blast went off while worshippers were leaving the mosque.",
    "They will deploy additional troops and plan to launch further operations, he warned.",
    "The deadly ambush, the latest in a series of attacks, killed two soldiers and a "
    "policeman; İstanbul-based monitors reported it.",
]
_CORPUS = Path(__file__).parent / "corpus" / "articles"


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    out = list(_OWN_SENTENCES)
    for article in read_paths([str(_CORPUS)]):
        out += [s.text for s in split_sentences(article.text)]
        if article.title:
            out.append(article.title)
    variants = []
    for s in out:
        variants += [s, s.upper(), s.title()]
    return variants


def test_trigger_gate_never_hides_a_match(sentences):
    plain = re.compile(rf"(?<![\w-])(?:{triggers._ALTERNATION})(?![\w-])")
    assert triggers._gate(), "the lexicon should yield a gate"
    for s in sentences:
        low = s.lower()
        gated = [(m.span(), m.lastgroup) for m in triggers.trigger_regex().finditer(low)]
        assert gated == [(m.span(), m.lastgroup) for m in plain.finditer(low)], s


def test_literal_heads_reads_beginnings_off_a_pattern():
    assert prefilter.literal_heads(r"\b(?:foo|bar)s?\b") == {"foo", "foos", "bar", "bars"}
    assert prefilter.literal_heads(r"(?:a|an)\s+\w+", k=8) == {"a", "an"}  # \s stops reading
    assert prefilter.literal_heads(r"long(?:er)?", k=4) == {"long"}
    assert prefilter.literal_heads(re.compile("foo", re.I)) is None  # case-blind: unknown
    assert prefilter.literal_heads(r"\w+ed") is None  # may begin with anything


def test_prefiltered_patterns_answer_as_the_plain_ones(sentences):
    wrapped = {n: v for n, v in vars(P).items() if isinstance(v, prefilter.Prefiltered)}
    assert len(wrapped) >= 10
    for s in sentences:
        low = P._lower(s)
        for name, rx in wrapped.items():
            plain = rx.pattern
            assert bool(rx.search(low)) == bool(plain.search(low)), (name, s)
            assert [m.span() for m in rx.finditer(low)] == [
                m.span() for m in plain.finditer(low)
            ], (name, s)
            # In a window, as the cue rules use them.
            assert bool(rx.search(low, 5, 60)) == bool(plain.search(low, 5, 60)), (name, s)


def test_clause_and_noun_phrase_shortcuts(sentences):
    for s in sentences:
        for m in re.finditer(r"\w+", s):
            assert P._clause(s, m.start(), m.end()) == P._clause_slow(s, m.start(), m.end())
        low = P._lower(s)
        for h in P._GENERIC_HEAD.finditer(low):
            window = low[s.rfind(" ", 0, max(0, h.start() - 50)) + 1 : h.end()]
            fast, slow = P._noun_phrase(window), P._GENERIC_NP.search(window)
            assert (fast and fast.span(1)) == (slow and slow.span(1)), s


# token_arrays reads an ASCII stand-in of the text; this is the Unicode pattern it replaces.
_APOS = "'’ʼ‘`´ʻʿʾ′"
_UNICODE_TOKENS = re.compile(
    rf"((?:[^\W\d_]\.){{2,}}|[^\W\d_]+(?:[{_APOS}](?![sS]\b)[^\W\d_]+)*)([{_APOS}][sS]\b)?"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aAsS'`’ʼ.- _0İéß²٣\u0301\n,", max_size=30))
def test_place_tokens_match_the_unicode_pattern(text):
    found = list(_UNICODE_TOKENS.finditer(text))
    raws = [m.group(1) for m in found]
    assert token_arrays(text) == (
        [m.start() for m in found],
        [m.end(1) for m in found],
        raws,
        [norm_token(r) for r in raws],
        [m.group(2) is not None for m in found],
    )


def test_place_tokens_of_plain_text_are_the_tokenizer_s():
    text = "Iraq's U.S.-backed forces shelled Dar'a and al-Qaim on Monday, officials said."
    assert [(t.start, t.end, t.raw, t.norm, t.possessive) for t in tokenize(text)] == list(
        zip(*token_arrays(text), strict=True)
    )


def test_scanner_import_builds_nothing():
    """The CLI imports the actor scanner on start-up: its tables wait for the first scan."""
    code = (
        "import kb.actors.scanner as s, kb.extract.dates as d; "
        "assert s._AFTER_ACTOR is None and s._ORG is None; "
        "assert 'search' not in vars(d._RX); print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def _place_names(text: str) -> list[str]:
    from kb.gazetteer import Gazetteer

    return [p.name for _, _, p in Gazetteer.default().find(text)]


def test_weapon_and_actor_words_are_not_places():
    assert "Iskandar" not in _place_names("The town was hit by an Iskander missile on Monday.")
    names = _place_names("A US-backed force raided a house in eastern Syria.")
    assert "United States" not in names and "Syria" in names


def test_namesake_outside_the_named_region_is_dropped():
    names = _place_names("Fighters clashed near Mahas in the Hiraan region on Tuesday.")
    assert all(n != "Mahis" for n in names)


def test_held_adjective_cues_a_small_town():
    assert "Vasylivka" in _place_names("Drones hit a depot in Russian-occupied Vasylivka.")


def test_claim_and_the_area_take_the_place_told_before(extractor):
    import datetime as dt

    from kb.model import Article

    text = (
        "Gunmen attacked a police checkpoint in Bannu on Monday, killing two policemen, "
        "officials said.\n\nThe Pakistani Taliban claimed responsibility for the attack.\n\n"
        "A comment on the economy followed."
    )
    art = Article(id="t-inherit", text=text, published=dt.date(2025, 3, 4))
    events = extractor.extract(art)
    claims = [e for e in events if e.type == "claim_of_responsibility"]
    assert claims and any(p.name == "Bannu" for p in claims[0].places)
