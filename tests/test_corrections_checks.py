"""Actor corrections check their arguments: a bad call says why and writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.corrections import add_alias, merge, split
from kb.errors import NotFoundError, UsageError
from kb.namespaces import actor_iri
from kb.store import open_store

ROOT = Path(__file__).resolve().parent.parent
GDELT_FIXTURE = ROOT / "tests" / "fixtures" / "gdelt" / "20240415.export.CSV"

SAHEL = """title: Militants raid an army camp in central Mali
url: https://example.org/sahel/2025/03/04/camp-raid
published: 2025-03-04
outlet: Sahel Monitor
id: corr-check-1
---
Bamako - Sahel Monitor

JNIM fighters attacked an army camp near Mopti in central Mali on Monday, killing four
soldiers, a military source said.
"""

LEVANT = """title: Rockets fired at a town in northern Israel
url: https://example.org/levant/2025/03/05/rockets
published: 2025-03-05
outlet: Levant Desk
id: corr-check-2
---
Beirut - Levant Desk

Hezbollah fired a barrage of rockets at the Israeli town of Kiryat Shmona on Wednesday,
the Israeli military said. No one was hurt.
"""


def _rebel_row(tmp: Path) -> Path:
    """A GDELT events file whose one row names a rebel group without a country.

    The row is the fixture's row of a clash with its Actor1 fields blanked but the name
    and type: the importer mints ``x-rebel`` (an armed group) for it.
    """
    row = next(
        line
        for line in GDELT_FIXTURE.read_text(encoding="utf-8").splitlines()
        if "\tREBEL\t" in line
    )
    fields = row.split("\t")
    fields[0] = "1150000999"
    fields[5], fields[6], fields[7] = "REB", "REBEL", ""
    out = tmp / "20240415.rebel.export.CSV"
    out.write_text("\t".join(fields) + "\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("corr")
    articles = tmp / "articles"
    articles.mkdir()
    (articles / "sahel.txt").write_text(SAHEL, encoding="utf-8")
    (articles / "levant.txt").write_text(LEVANT, encoding="utf-8")
    store = tmp / "store"
    runner = CliRunner()
    r = runner.invoke(app, ["ingest", str(articles), "--store", str(store)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["import", "gdelt", str(_rebel_row(tmp)), "--store", str(store)])
    assert r.exit_code == 0, r.output
    return store


@pytest.fixture
def store_dir(base_store: Path, tmp_path: Path) -> str:
    """A fresh copy of the base store for one test (corrections write to it)."""
    copy = tmp_path / "store"
    shutil.copytree(base_store, copy)
    return str(copy)


def _quads(location: str) -> set[str]:
    with open_store(location, read_only=True) as st:
        return {" ".join(t.n3() for t in q) for q in st.quads()}


def _actor_quads(location: str, key: str) -> set[str]:
    return {q for q in _quads(location) if f"/actor/{key}>" in q.split(" ", 1)[0]}


# --- the library ---------------------------------------------------------------------------
BAD_CALLS = [
    # (function, args, error class, words the message must hold)
    (split, ("JNIM", "hezbollah"), UsageError, ["'JNIM' is not a name of actor hezbollah", "jnim"]),
    (split, ("JNIM", "No Such Group"), NotFoundError, ["'No Such Group'", "kb actors --search"]),
    (split, ("  ", "hezbollah"), UsageError, ["must not be empty"]),
    (add_alias, ("Foo", "NoSuchActor"), NotFoundError, ["'NoSuchActor'", "kb actors --search"]),
    (add_alias, ("", "jnim"), UsageError, ["must not be empty"]),
    (merge, ("A", "B"), NotFoundError, ["no actors 'A' and 'B'", "nothing merged"]),
    (merge, ("A", "hezbollah"), NotFoundError, ["no actor 'A' ", "nothing merged"]),
    (merge, ("hezbollah", "Zzyzx Brigade"), NotFoundError, ["'Zzyzx Brigade'"]),
    (merge, ("Hizbollah", "hezbollah"), UsageError, ["already the same actor (hezbollah)"]),
    (merge, ("unidentified", "hezbollah"), NotFoundError, ["'unidentified'"]),
]


@pytest.mark.parametrize(("fn", "args", "error", "words"), BAD_CALLS)
def test_bad_correction_raises_and_writes_nothing(store_dir, fn, args, error, words) -> None:
    before = _quads(store_dir)
    with open_store(store_dir) as st, pytest.raises(error) as caught:
        fn(st, *args)
    for word in words:
        assert word in str(caught.value)
    assert _quads(store_dir) == before


def test_merge_back_into_the_merged_actor_is_refused(store_dir) -> None:
    with open_store(store_dir) as st:
        assert merge(st, "x-levant-desk", "hezbollah") == ("x-levant-desk", "hezbollah")
    before = _quads(store_dir)
    with open_store(store_dir) as st, pytest.raises(UsageError, match="already the same actor"):
        merge(st, "hezbollah", "x-levant-desk")
    assert _quads(store_dir) == before


# --- the command line ----------------------------------------------------------------------
BAD_COMMANDS = [
    (["actor", "split", "JNIM", "--from", "hezbollah"], 2, "'JNIM' is not a name of actor"),
    (["actor", "split", "Rebel", "--from", "nobody-at-all"], 1, "no actor 'nobody-at-all'"),
    (["actor", "alias", "Foo", "NoSuchActor"], 1, "no actor 'NoSuchActor'"),
    (["actor", "merge", "A", "B"], 1, "no actors 'A' and 'B'"),
    (["actor", "merge", "jnim", "JNIM"], 2, "already the same actor (jnim)"),
]


@pytest.mark.parametrize(("argv", "code", "words"), BAD_COMMANDS)
def test_bad_correction_command_is_one_error_line(store_dir, argv, code, words) -> None:
    before = _quads(store_dir)
    r = CliRunner().invoke(app, [*argv, "--store", store_dir])
    assert r.exit_code == code != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and words in lines[0]
    assert "Traceback" not in r.output + r.stderr and r.stdout == ""
    assert _quads(store_dir) == before


# --- good calls ----------------------------------------------------------------------------
def _timeline_keys(location: str, actor: str) -> list[str]:
    from kb.resolve import actor_keys

    with open_store(location, read_only=True) as st:
        return actor_keys(st, actor)


def test_good_corrections_still_work(store_dir) -> None:
    with open_store(store_dir) as st:
        # a curated actor by a name in another case; a stored (minted) actor by its key
        assert add_alias(st, "Nusrat militants", "jnim") == "jnim"
        assert add_alias(st, "the rebels", "x-rebel") == "x-rebel"
        assert merge(st, "x-levant-desk", "Hizbollah") == ("x-levant-desk", "hezbollah")
        # a user alias, written otherwise than it was stored
        assert split(st, "NUSRAT MILITANTS", "JNIM") == "x-nusrat-militant"
        # a curated alias, without its apostrophe
        assert split(st, "Jamaat Nusrat al-Islam wal Muslimin", "jnim").startswith("x-")
    assert _timeline_keys(store_dir, "the rebels") == ["x-rebel"]
    assert "x-levant-desk" in _timeline_keys(store_dir, "hezbollah")


def test_split_of_a_mention_text_moves_the_mention(store_dir) -> None:
    """A name resolved wrongly in a stored mention: it is a name of that actor."""
    with open_store(store_dir) as st:
        texts = st.select_values(
            "SELECT ?t WHERE { ?r kb:surfaceText ?t ; rdf:value ?a }",
            {"a": actor_iri("hezbollah")},
        )
        assert texts, "the article's Hezbollah mention is stored"
        text = str(texts[0]["t"])
        new = split(st, text.upper(), "hezbollah")
        moved = st.select_values(
            "SELECT ?r WHERE { ?r kb:surfaceText ?t ; rdf:value ?a }",
            {"a": actor_iri(new)},
        )
    assert moved


def test_alias_then_split_of_an_imported_name_validates(store_dir) -> None:
    """The split reuses the imported actor x-rebel as described: one kb:actorKind."""
    from kb.validate import validate_store

    runner = CliRunner()
    kinds_before = [q for q in _actor_quads(store_dir, "x-rebel") if "actorKind" in q]
    assert len(kinds_before) == 1 and '"armed_group"' in kinds_before[0]
    r = runner.invoke(app, ["actor", "alias", "Rebel", "JNIM", "--store", store_dir])
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "'Rebel' now resolves to jnim"
    r = runner.invoke(app, ["actor", "split", "Rebel", "--from", "jnim", "--store", store_dir])
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "'Rebel' is now actor x-rebel"
    assert [q for q in _actor_quads(store_dir, "x-rebel") if "actorKind" in q] == kinds_before
    with open_store(store_dir, read_only=True) as st:
        report = validate_store(st)
    assert report.conforms, report.text()
    r = runner.invoke(app, ["validate", "--store", store_dir])
    assert r.exit_code == 0, r.output


def test_every_correction_leaves_a_valid_store(store_dir) -> None:
    from kb.validate import validate_store

    with open_store(store_dir) as st:
        add_alias(st, "Nusrat militants", "jnim")
        split(st, "Nusrat militants", "jnim")
        split(st, "Party of God", "hezbollah")  # never stored: a new actor, one kind
        merge(st, "x-rebel", "jnim")
        add_alias(st, "Sahel rebels", "x-rebel")
        report = validate_store(st)
    assert report.conforms, report.text()
    kinds = [q for q in _actor_quads(store_dir, "x-party-of-god") if "actorKind" in q]
    assert len(kinds) == 1
