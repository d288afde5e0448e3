"""Seas, gulfs, straits and lakes as places (kb.gazetteer.seas).

Attacks on shipping happen at sea; without these places "in the Red Sea" was read as
Sudan's Red Sea State and "the Gulf of Aden" as the city of Aden.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.evaluate import _Matcher
from kb.extract.pipeline import Extractor
from kb.gazetteer import Gazetteer
from kb.gazetteer.seas import SEAS
from kb.model import PLACE_LEVELS, Article


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def found(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(p.id, p.text or "") for _, _, p in gaz.find(text)]


@pytest.mark.parametrize(
    ("text", "sea", "span"),
    [
        ("Missiles hit a bulk carrier in the Red Sea on Sunday.", "sea:red-sea", "Red Sea"),
        ("The tanker was struck in the southern Red Sea.", "sea:red-sea", "southern Red Sea"),
        ("Pirates boarded a dhow in the Gulf of Aden.", "sea:gulf-of-aden", "Gulf of Aden"),
        ("A naval drone hit a patrol ship in the Black Sea.", "sea:black-sea", "Black Sea"),
        ("Iran seized a tanker in the Strait of Hormuz.", "sea:strait-of-hormuz", None),
        ("Dozens of migrants drowned in the Mediterranean.", "sea:mediterranean-sea", None),
        ("Fighters attacked fishermen on Lake Chad.", "sea:lake-chad", "Lake Chad"),
        ("Ships avoid the Bab el-Mandeb Strait.", "sea:bab-el-mandeb", None),
    ],
)
def test_water_bodies_are_found_as_seas(gaz, text, sea, span) -> None:
    places = found(gaz, text)
    ids = [pid for pid, _ in places]
    assert sea in ids, places
    assert not any(pid.startswith(("iso3166-2:SD-RS", "iso3166-2:ER-")) for pid in ids)
    if span:
        assert (sea, span) in places


@pytest.mark.parametrize(
    ("text", "land"),
    [
        ("Fighting spread to Sudan's Red Sea State.", "iso3166-2:SD-RS"),
        ("Eritrea's Southern Red Sea region was hit.", "iso3166-2:ER-DK"),
    ],
)
def test_land_places_named_after_a_sea_stay_on_land(gaz, text, land) -> None:
    ids = [pid for pid, _ in found(gaz, text)]
    assert land in ids and not any(pid.startswith("sea:") for pid in ids)


def test_a_sea_name_used_of_a_port_is_not_the_sea(gaz) -> None:
    ids = [pid for pid, _ in found(gaz, "Drones struck the Red Sea port of Port Sudan.")]
    assert not any(pid.startswith("sea:") for pid in ids)
    assert "geonames:377039" in ids  # Port Sudan


def test_a_sea_is_in_no_country_and_has_a_point(gaz) -> None:
    sea = gaz.get("sea:gulf-of-aden")
    assert sea is not None and sea.level == "sea" and sea.level in PLACE_LEVELS
    assert sea.country is None and sea.within == []
    assert 10 < sea.lat < 15 and 43 < sea.lon < 52
    assert gaz.get("sea:no-such-sea") is None
    # Lookups by name: the sea, unless a country off its shores or a land level is asked.
    assert gaz.lookup("Red Sea").id == "sea:red-sea"
    assert gaz.lookup("the Red Sea", "YE").id == "sea:red-sea"
    assert gaz.lookup("Red Sea", "SD", level="region").id == "iso3166-2:SD-RS"
    assert gaz.lookup("Red Sea", "IQ") is None or gaz.lookup("Red Sea", "IQ").id != "sea:red-sea"


def test_every_sea_has_a_unique_id_and_real_shore_countries(gaz) -> None:
    assert len({s.id for s in SEAS}) == len(SEAS)
    for sea in SEAS:
        assert -90 <= sea.lat <= 90 and -180 <= sea.lon <= 180
        for cc in sea.shores:
            assert gaz.country(cc) is not None, (sea.name, cc)


def test_extracted_attacks_at_sea_carry_the_sea() -> None:
    text = (
        "Houthi forces fired two anti-ship missiles at a Greek-owned bulk carrier in the "
        "Red Sea on Sunday, damaging the vessel, a maritime security agency said.\n\n"
        "Russia launched 40 Iranian-made drones at Ukrainian ports on the Black Sea "
        "overnight."
    )
    events = Extractor().extract(Article(id="sea-1", text=text, published=dt.date(2025, 3, 4)))
    by_type = {ev.type: ev for ev in events}
    assert {"shelling", "drone_strike"} <= set(by_type), [(e.type, e.trigger) for e in events]
    assert [p.id for p in by_type["shelling"].places] == ["sea:red-sea"]
    assert "Sudan" not in {p.name for ev in events for p in ev.places}


def test_a_sea_event_is_stored_valid_and_found_by_its_place(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "title: Tanker hit\npublished: 2025-03-04\nid: sea-1\n---\n"
        "Houthi forces attacked an oil tanker in the Gulf of Aden on Monday, "
        "setting it on fire, the ship's operator said.\n",
        encoding="utf-8",
    )
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(article), "--store", store]).exit_code == 0
    check = runner.invoke(app, ["validate", "--store", store])
    assert check.exit_code == 0, check.output
    out = runner.invoke(
        app, ["timeline", "--place", "Gulf of Aden", "--store", store, "--format", "json"]
    )
    assert out.exit_code == 0, out.output
    timeline = json.loads(out.stdout)
    assert timeline["count"] == 1 and len(timeline["entries"]) == 1
    entry = timeline["entries"][0]
    assert entry["date"]["value"] == "2025-03-03"
    assert [p["name"] for p in entry["places"]] == ["Gulf of Aden"]


def test_the_evaluator_reads_a_gold_sea_beside_a_country() -> None:
    assert _Matcher().place_ids("Red Sea", frozenset({"YE"}), strict=True) == {"sea:red-sea"}


def test_a_sea_and_a_shore_town_tell_one_incident_but_a_sea_does_not_join_two_towns() -> None:
    one = (
        "A Panama-flagged tanker was hit by a missile in the Red Sea on Wednesday, a "
        "maritime security agency said.\n\n"
        "The missile hit the tanker about 70 nautical miles west of Hodeidah on Wednesday "
        "afternoon, the agency said."
    )
    events = Extractor().extract(Article(id="sea-2", text=one, published=dt.date(2025, 3, 6)))
    acts = [ev for ev in events if ev.type != "statement"]
    assert len(acts) == 1, [(e.type, e.trigger, [p.name for p in e.places]) for e in acts]
    assert "sea:red-sea" in {p.id for p in acts[0].places}
    two = (
        "A drone hit the power station in the Sudanese city of Atbara on Wednesday, the "
        "electricity company said.\n\n"
        "In Port Sudan, on the Red Sea coast, drones struck a fuel depot on Wednesday."
    )
    events = Extractor().extract(Article(id="sea-3", text=two, published=dt.date(2025, 3, 6)))
    assert len(events) == 2, [(e.type, e.trigger, [p.name for p in e.places]) for e in events]
    assert not any(p.level == "sea" for ev in events for p in ev.places)
