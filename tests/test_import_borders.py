"""An imported row at a border town joins an article's incident told "on the border".

News names one incident by the border ("a strike on the Iraq-Syria border") and a
dataset by the town nearest it (ACLED's location "Al Qaim"): the linker's border rule
(kb.link.same.border_meets) must reach the pair in an import as it does in an ingest.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import GivenEvents

from kb.importers import import_files
from kb.store import open_store

R = "https://w3id.org/kb/id/report/"
HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
    "source,source_scale,notes,fatalities,tags,timestamp"
)


def _row(event_id: str, day: str, location: str, admin2: str, lat: float, lon: float) -> str:
    return (
        f"{event_id},{day},2024,1,Political violence,Explosions/Remote violence,"
        "Air/drone strike,Unidentified Military Forces,,External/Other forces,"
        "Islamic State (Iraq),,Rebel group,38,,368,Middle East,Iraq,Al Anbar,"
        f"{admin2},,{location},{lat},{lon},1,Local media,National,"
        f'"A drone struck a car carrying two IS commanders near {location}.",2,,1710000000'
    )


def _border_strike(store, day: dt.date) -> None:
    """Ingest an article: a drone strike on IS commanders on the Iraq-Syria border."""
    from kb.gazetteer import Gazetteer
    from kb.ingest import ingest_articles
    from kb.model import ActorRef, Article, Event, Mention, TimeSpan

    text = "A drone struck a car carrying two Islamic State commanders on the Iraq-Syria border."
    art = Article(id="wire-b", text=text, title="Border", published=day + dt.timedelta(days=1))
    event = Event(
        id="wire-b-0",
        article=art,
        type="drone_strike",
        types=["drone_strike", "air_or_drone_strike"],
        trigger="struck",
        mention=Mention(text, 0, len(text)),
        actors=[ActorRef(id="islamic-state", name="Islamic State", role="target")],
        places=[Gazetteer.default().border("IQ", "SY")],
        date=TimeSpan(
            text="on Monday",
            value=day.isoformat(),
            precision="day",
            earliest=day,
            latest=day,
            basis="explicit",
        ),  # fmt: skip
    )
    ingest_articles(store, [art], extractor=GivenEvents([event]))


def _incident_of(store, report: str) -> str | None:
    from rdflib import URIRef

    rows = store.select_values("SELECT ?e WHERE { ?e kb:hasReport ?r }", {"r": URIRef(report)})
    return str(rows[0]["e"]) if rows else None


@pytest.fixture
def store(tmp_path: Path):
    st = open_store(str(tmp_path / "store"))
    yield st
    st.close()


def test_a_row_at_a_border_town_joins_the_border_strike(store, tmp_path):
    _border_strike(store, dt.date(2024, 3, 11))
    data = tmp_path / "acled.csv"
    rows = [
        _row("IRQ8001", "2024-03-11", "Al Qaim", "Al-Qaim", 34.3719, 41.0947),  # on the border
        _row("IRQ8002", "2024-03-11", "Ramadi", "Ramadi", 33.4206, 43.3078),  # far inland
    ]
    data.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    summary = import_files(store, "acled", [str(data)])
    assert summary.merged == 1
    incident = _incident_of(store, R + "wire-b/0")
    assert incident is not None
    assert _incident_of(store, R + "acled/IRQ8001") == incident
    assert _incident_of(store, R + "acled/IRQ8002") is None  # a compact incident of its own
