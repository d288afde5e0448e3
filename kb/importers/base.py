"""What the GDELT and ACLED importers share: rows, files, RDF text, canonical nodes.

A row that joins an article's incident is written as an :class:`ImportedReport`: the
same things an article's event report has (type, actors in roles, canonical places, a
dated time span, quantities, the article it comes from and a mention), plus the
dataset's own ID. It is written as N-Quads text, which pyoxigraph's parser turns into
quads much faster than Python can build term objects one by one (about 8x), and read
back as a :class:`~kb.link.same.ReportInfo` for linking without a store query. Rows that
join nothing are written far more compactly (:mod:`kb.importers.compact`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import hashlib
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rdflib import BNode, Literal, URIRef

from kb.errors import InputError
from kb.link.incidents import summarize_places
from kb.link.same import ReportInfo
from kb.model import Place, PlaceRef
from kb.namespaces import (
    CANONICAL_GRAPH,
    GAF,
    KB,
    KBG,
    KBID,
    NIF,
    SCHEMA,
    SEM,
    TIME,
    actor_iri,
    article_iri,
    place_iri,
    segment,
    type_iri,
)

# --- rows --------------------------------------------------------------------------------


@dataclass(slots=True)
class ActorIn:
    """An actor as it takes part in one imported event."""

    iri: str
    label: str
    role: str  # agent | target | participant
    text: str | None = None  # the name as the dataset wrote it
    unidentified: bool = False


@dataclass(slots=True)
class ArticleIn:
    """The source an imported event comes from (a news URL or a dataset record)."""

    id: str
    url: str | None = None
    outlet: str | None = None
    publishers: tuple[str, ...] = ()  # canonical actor keys of the outlets
    published: dt.date | None = None
    title: str | None = None
    body_hash: str = hashlib.sha1(b"").hexdigest()  # we never see the body: hash of ""


@dataclass(slots=True)
class ImportedReport:
    """One dataset row as an event report (see docs/rdf-model.md, "Event report")."""

    dataset: str
    dataset_id: str
    iri: str
    type: str
    top: str
    trigger: str
    article: ArticleIn
    mention_iri: str
    mention_text: str
    mention_start: int = 0
    mention_end: int = 0
    actors: list[ActorIn] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    centroid: bool = False
    date_value: str | None = None
    precision: str | None = None
    earliest: dt.date | None = None
    latest: dt.date | None = None
    date_text: str | None = None
    basis: str = "explicit"
    quantities: dict[str, int] = field(default_factory=dict)
    line: int = 0
    place_iris: list[str] = field(default_factory=list)  # places known only by IRI
    linked: ReportInfo | None = None  # set when the report copies a stored one

    def info(self) -> ReportInfo:
        """The report as the linker sees it (what :func:`kb.link.incidents.load_reports`
        would read back from the store)."""
        if self.linked is not None:
            return self.linked
        places, chain, specific, labels = summarize_places(self.places)
        roles: dict[str, set[str]] = {"agent": set(), "target": set(), "participant": set()}
        unidentified = False
        for a in self.actors:
            if a.unidentified:
                if a.role == "agent":
                    unidentified = True
                    labels["unidentified"] = a.label
                continue
            labels[a.iri] = a.label
            roles[a.role].add(a.iri)
        from kb.eventtypes import lineage

        return ReportInfo(
            iri=self.iri,
            article=self.article.id,
            type=self.type,
            top=self.top,
            types=tuple(lineage(self.type)),
            earliest=self.earliest,
            latest=self.latest,
            precision=self.precision,
            basis=self.basis,
            date_value=self.date_value,
            date_text=self.date_text,
            published=self.article.published,
            outlet=self.article.outlet,
            agents=frozenset(roles["agent"]),
            targets=frozenset(roles["target"]),
            participants=frozenset(roles["participant"]),
            unidentified_agent=unidentified,
            places=frozenset(places),
            place_chain=frozenset(chain),
            specific_places=frozenset(specific),
            quantities=dict(self.quantities),
            labels=labels,
            mention=self.mention_iri,
        )


class RowError(ValueError):
    """A row that cannot be imported; the message says why (file and line are added)."""


# --- IRIs ---------------------------------------------------------------------------------


def dataset_graph(dataset: str, file_id: str) -> str:
    """The named graph of one imported file: ``.../graph/dataset/<name>/<file-id>``."""
    return str(KBG["dataset/" + dataset + "/" + segment(file_id)])


def file_id(path: str | Path) -> str:
    """A file's id in its graph IRI: its name without compression and CSV suffixes."""
    name = Path(path).name
    for suffix in (".zip", ".gz", ".csv", ".tsv", ".txt"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name or "file"


def report_iri(dataset: str, dataset_id: str, sub: str | None = None) -> str:
    """``kbid:report/<dataset>/<id>`` (``/m/<hash>`` for a further article's mention)."""
    base = str(KBID["report/" + dataset + "/" + segment(dataset_id)])
    return base + "/m/" + sub if sub else base


def mention_iri(dataset: str, dataset_id: str, sub: str | None = None) -> str:
    """``kbid:mention/<dataset>/<id>``: one mention node per imported report."""
    base = str(KBID["mention/" + dataset + "/" + segment(dataset_id)])
    return base + "/m/" + sub if sub else base


def url_article_id(url: str, prefix: str) -> str:
    """An article id derived from a URL: ``<prefix>-u-`` and 16 hex digits of its SHA-1.

    The prefix keeps an imported source apart from the same article ingested with its
    text (``u-...``), whose content hash would otherwise clash with ours.
    """
    from kb.readers.base import _normalise_url

    return f"{prefix}-u-" + hashlib.sha1(_normalise_url(url).encode("utf-8")).hexdigest()[:16]


def short_hash(text: str) -> str:
    """12 hex digits of a SHA-1, for IRIs of things keyed by a URL."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(*parts: str) -> str:
    """A lowercase ASCII slug of some names joined by hyphens."""
    import unicodedata

    text = " ".join(p for p in parts if p)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-") or "x"


# --- files --------------------------------------------------------------------------------

#: Extensions of the data member looked for in a zip archive, best first.
_DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".json")
_ZIP_MAGIC = b"PK\x03\x04"
_GZIP_MAGIC = b"\x1f\x8b"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 workbooks (.xls)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as Windows-1252, one byte at a time.

    Excel's plain "CSV" export writes the machine's code page (Windows-1252 in the West),
    so a name such as "Côte d'Ivoire" arrives as one byte that is no UTF-8; read that way
    it stays the name instead of becoming a replacement character. Bytes undefined in
    1252 become U+FFFD.
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.start + 1]
    return bad.decode("cp1252", errors="replace"), exc.start + 1


codecs.register_error("kb-cp1252", _cp1252_fallback)


def open_text(path: str, *, encoding: str = "utf-8-sig") -> IO[str]:
    """Open a plain, zipped (its data member) or gzipped text file for reading.

    What a file is comes from its first bytes as well as its name: a zip or gzip file
    without the suffix is opened as one, an Excel workbook is refused with what to do.
    Text is UTF-8 (a byte-order mark is dropped); bytes that are not UTF-8 are read as
    Windows-1252 (:func:`_cp1252_fallback`).

    Raises:
        InputError: the file is missing, unreadable, a broken archive or a workbook.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file; check the path")
    if p.is_dir():
        raise InputError(f"{path}: is a directory; pass the data files themselves")
    try:
        with open(p, "rb") as fh:
            magic = fh.read(8)
        lower = p.name.lower()
        if magic.startswith(_OLE_MAGIC) or lower.endswith(".xls"):
            raise InputError(
                f"{path}: an Excel workbook (.xls), not a text export; open it and save "
                "it as CSV (UTF-8), then import the CSV file"
            )
        if magic.startswith(_ZIP_MAGIC) or lower.endswith(".zip"):
            archive = zipfile.ZipFile(p)
            raw: IO[bytes] = archive.open(_data_member(path, archive))
        elif magic.startswith(_GZIP_MAGIC) or lower.endswith(".gz"):
            raw = gzip.open(p, "rb")  # type: ignore[assignment]  # noqa: SIM115
            raw.peek(1)  # type: ignore[attr-defined]  # a bad gzip header fails here, not later
        else:
            raw = open(p, "rb")  # noqa: SIM115 - handed to the caller
    except InputError:
        raise
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        raise InputError(f"{path}: cannot read the file ({_reason(exc)})") from None
    return io.TextIOWrapper(raw, encoding=encoding, errors="kb-cp1252", newline="")


def _data_member(path: str, archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    """The member of a zip archive that holds the data.

    GDELT zips hold one file named like the archive ("20240305.export.CSV" in
    "20240305.export.CSV.zip"); hand-made archives may add a README or macOS metadata.
    The member named like the archive wins, then the largest CSV (TSV, TXT, JSON) file.
    """
    names = archive.namelist()
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        raise InputError(
            f"{path}: an Excel workbook (.xlsx), not a text export; open it and save it "
            "as CSV (UTF-8), then import the CSV file"
        )
    members = [
        i
        for i in archive.infolist()
        if not i.is_dir()
        and not i.filename.startswith("__MACOSX/")
        and not Path(i.filename).name.startswith(".")
    ]
    if not members:
        raise InputError(f"{path}: the zip archive is empty")
    inner = Path(path).name
    inner = inner[: -len(".zip")] if inner.lower().endswith(".zip") else inner
    for i in members:
        if Path(i.filename).name.lower() == inner.lower():
            return i
    for suffix in _DATA_SUFFIXES:
        data = [i for i in members if i.filename.lower().endswith(suffix)]
        if data:
            return max(data, key=lambda i: (i.file_size, i.filename))
    if len(members) == 1:
        return members[0]
    listed = ", ".join(sorted(i.filename for i in members)[:5])
    raise InputError(
        f"{path}: the zip archive holds no CSV file ({listed}); extract the data file and import it"
    )


def sniff(path: str, sample: str) -> str | None:
    """What a text file that is not the expected export looks like, for error messages."""
    head = sample.lstrip("\ufeff \t\r\n")[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head")):
        return "an HTML or XML page (a failed download?)"
    if head.startswith(("{", "[")):
        return "JSON"
    return None


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


# --- values -------------------------------------------------------------------------------


def parse_float(text: str, what: str, low: float, high: float) -> float | None:
    """A coordinate: None when empty; RowError when not a number in [low, high]."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        # Excel in a European locale writes "33,4206".
        if text.count(",") != 1:
            raise RowError(f"{what} {text!r} is not a number") from None
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise RowError(f"{what} {text!r} is not a number") from None
    if math.isnan(value) or not low <= value <= high:
        raise RowError(f"{what} {text!r} is out of range")
    return value


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def far_from(place: Place, lat: float | None, lon: float | None, radius_km: float) -> bool:
    """True when both have coordinates more than `radius_km` apart (a namesake elsewhere)."""
    if lat is None or lon is None or place.lat is None or place.lon is None:
        return False
    return distance_km((lat, lon), (place.lat, place.lon)) > radius_km


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


_ISO2_OF_ISO3: dict[str, str | None] = {}
_ISO2_OF_NUM: dict[str, str | None] = {}


def iso2_from_alpha3(code: str) -> str | None:
    """ISO alpha-2 of an alpha-3 code (CAMEO country codes are alpha-3); None if unknown."""
    code = code.strip().upper()
    if code not in _ISO2_OF_ISO3:
        cc = None
        if len(code) == 3:
            import pycountry

            country = pycountry.countries.get(alpha_3=code)
            cc = country.alpha_2 if country else {"XKX": "XK", "KSV": "XK"}.get(code)
        _ISO2_OF_ISO3[code] = cc
    return _ISO2_OF_ISO3[code]


def iso2_from_numeric(code: str) -> str | None:
    """ISO alpha-2 of a numeric ISO 3166 code (ACLED's ``iso`` column)."""
    code = code.strip()
    if code not in _ISO2_OF_NUM:
        cc = None
        if code.isdigit():
            import pycountry

            country = pycountry.countries.get(numeric=code.zfill(3))
            cc = country.alpha_2 if country else {"0": "XK"}.get(code)
        _ISO2_OF_NUM[code] = cc
    return _ISO2_OF_NUM[code]


def minted_place(
    place_id: str,
    name: str,
    level: str,
    country: Place | None,
    region: Place | None,
    lat: float | None,
    lon: float | None,
) -> Place:
    """A place the gazetteer lacks (a village, a dataset's own region), inside its parents."""
    within: list[PlaceRef] = []
    if region is not None:
        within.append(PlaceRef(region.id, region.name))
        within += [PlaceRef(w.id, w.name) for w in region.within]
    if country is not None and all(w.id != country.id for w in within):
        within.append(PlaceRef(country.id, country.name))
    return Place(
        id=place_id,
        name=name,
        level=level,
        country=country.country if country else None,
        lat=lat,
        lon=lon,
        within=within,
    )


# --- N-Quads text ---------------------------------------------------------------------------

# NUL is escaped too: kb.importers.compact uses it as a placeholder in N-Quads text.
_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\x00": "\\u0000"})
XSD = "http://www.w3.org/2001/XMLSchema#"


def n_iri(value: str) -> str:
    """An IRI in N-Quads syntax (the IRI must already be safe: kb mints them so)."""
    return "<" + value + ">"


def escape(value: str) -> str:
    """`value` with the characters N-Quads and Turtle strings escape escaped.

    Most values have none: five substring tests (about 0.1 us) spare a translate (about
    2 us a label), which a bulk import does for every label and source URL.
    """
    if '"' in value or "\\" in value or "\n" in value or "\r" in value or "\x00" in value:
        return value.translate(_ESC)
    return value


def n_str(value: str) -> str:
    """A plain string literal in N-Quads syntax."""
    return '"' + escape(value) + '"'


def n_typed(value: str, datatype: str) -> str:
    """A typed literal in N-Quads syntax."""
    return '"' + escape(value) + '"^^<' + datatype + ">"


def n_term(term: Any) -> str:
    """An rdflib term (from :mod:`kb.rdfmap` or the linker) in N-Quads syntax."""
    if isinstance(term, URIRef):
        return "<" + str(term) + ">"
    if isinstance(term, Literal):
        text = '"' + escape(str(term)) + '"'
        if term.language:
            return text + "@" + term.language
        if term.datatype is not None and str(term.datatype) != XSD + "string":
            return text + "^^<" + str(term.datatype) + ">"
        return text
    if isinstance(term, BNode):
        return "_:" + str(term)
    raise TypeError(f"cannot write {term!r} as N-Quads")


class P:
    """Predicates and classes as N-Quads IRIs, built once."""

    TYPE = n_iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    VALUE = n_iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#value")
    REPORT = n_iri(str(KB.EventReport))
    MENTION = n_iri(str(KB.Mention))
    ARTICLE = n_iri(str(SCHEMA.NewsArticle))
    ENTITY = n_iri("http://www.w3.org/ns/prov#Entity")
    ACTOR = n_iri(str(SEM.Actor))
    ROLE = n_iri(str(SEM.Role))
    TIME_C = n_iri(str(SEM.Time))
    GDTD = n_iri(str(TIME.GeneralDateTimeDescription))
    EVENT_TYPE = n_iri(str(SEM.eventType))
    TYPE_KEY = n_iri(str(KB.typeKey))
    TRIGGER = n_iri(str(KB.trigger))
    CERTAINTY = n_iri(str(KB.certainty))
    NEGATED = n_iri(str(KB.negated))
    DENOTED = n_iri(str(GAF.denotedBy))
    DERIVED = n_iri("http://www.w3.org/ns/prov#wasDerivedFrom")
    ATTRIBUTED = n_iri("http://www.w3.org/ns/prov#wasAttributedTo")
    REF_CONTEXT = n_iri(str(NIF.referenceContext))
    BEGIN = n_iri(str(NIF.beginIndex))
    END = n_iri(str(NIF.endIndex))
    ANCHOR = n_iri(str(NIF.anchorOf))
    HAS_ACTOR = n_iri(str(SEM.hasActor))
    HAS_ROLE = n_iri(str(KB.hasRole))
    ROLE_TYPE = n_iri(str(SEM.roleType))
    SURFACE = n_iri(str(KB.surfaceText))
    HAS_PLACE = n_iri(str(SEM.hasPlace))
    HAS_TIME = n_iri(str(SEM.hasTime))
    BASIS = n_iri(str(KB.dateBasis))
    DATE_TEXT = n_iri(str(KB.dateText))
    DATE_VALUE = n_iri(str(KB.dateValue))
    UNIT = n_iri(str(TIME.unitType))
    EARLIEST = n_iri(str(SEM.hasEarliestBeginTimeStamp))
    LATEST = n_iri(str(SEM.hasLatestEndTimeStamp))
    CENTROID = n_iri(str(KB.centroid))
    DATASET = n_iri(str(KB.dataset))
    DATASET_ID = n_iri(str(KB.datasetId))
    ARTICLE_ID = n_iri(str(KB.articleId))
    HASH = n_iri(str(KB.contentHash))
    HEADLINE = n_iri(str(SCHEMA.headline))
    URL = n_iri(str(SCHEMA.url))
    PUBLISHED = n_iri(str(SCHEMA.datePublished))
    PUBLISHER = n_iri(str(SCHEMA.publisher))
    OUTLET = n_iri(str(KB.outletName))
    PREF = n_iri("http://www.w3.org/2004/02/skos/core#prefLabel")
    KIND = n_iri(str(KB.actorKind))
    EVENT = n_iri(str(SEM.Event))
    LABEL = n_iri("http://www.w3.org/2000/01/rdf-schema#label")
    COMMENT = n_iri("http://www.w3.org/2000/01/rdf-schema#comment")
    IDENTIFIER = n_iri("http://purl.org/dc/terms/identifier")
    SOURCE_COUNT = n_iri(str(KB.sourceCount))
    ASSERTED = n_str("asserted")
    FALSE = n_typed("false", XSD + "boolean")
    TRUE = n_typed("true", XSD + "boolean")
    UNIT_OF = {
        "day": n_iri(str(TIME.unitDay)),
        "month": n_iri(str(TIME.unitMonth)),
        "year": n_iri(str(TIME.unitYear)),
    }
    ROLE_OF = {
        "agent": n_iri(str(KB.agentRole)),
        "target": n_iri(str(KB.targetRole)),
        "participant": n_iri(str(KB.participantRole)),
    }


def _date(d: dt.date) -> str:
    return '"' + d.isoformat() + '"^^<' + XSD + "date>"


def _int(n: int, datatype: str = "integer") -> str:
    return '"' + str(int(n)) + '"^^<' + XSD + datatype + ">"


def report_lines(r: ImportedReport, graph: str, out: list[str]) -> None:
    """Append the N-Quads of a report, its time, roles and mention (as rdfmap writes them)."""
    g = " <" + graph + "> .\n"
    s = "<" + r.iri + "> "
    m = "<" + r.mention_iri + ">"
    art = "<" + str(article_iri(r.article.id)) + ">"
    t = "<" + r.iri + "/time>"
    out += [
        s + P.TYPE + " " + P.REPORT + g,
        s + P.EVENT_TYPE + " <" + str(type_iri(r.type)) + ">" + g,
        s + P.TYPE_KEY + " " + n_str(r.type) + g,
        s + P.TRIGGER + " " + n_str(r.trigger) + g,
        s + P.CERTAINTY + " " + P.ASSERTED + g,
        s + P.NEGATED + " " + P.FALSE + g,
        s + P.DENOTED + " " + m + g,
        s + P.DERIVED + " " + art + g,
        s + P.DATASET + " " + n_str(r.dataset) + g,
        s + P.DATASET_ID + " " + n_str(r.dataset_id) + g,
        m + " " + P.TYPE + " " + P.MENTION + g,
        m + " " + P.REF_CONTEXT + " " + art + g,
        m + " " + P.BEGIN + " " + _int(r.mention_start, "nonNegativeInteger") + g,
        m + " " + P.END + " " + _int(r.mention_end, "nonNegativeInteger") + g,
        m + " " + P.ANCHOR + " " + n_str(r.mention_text) + g,
        s + P.HAS_TIME + " " + t + g,
        t + " " + P.TYPE + " " + P.TIME_C + g,
        t + " " + P.TYPE + " " + P.GDTD + g,
        t + " " + P.BASIS + " " + n_str(r.basis) + g,
    ]
    if r.centroid:
        out.append(s + P.CENTROID + " " + P.TRUE + g)
    if r.date_text:
        out.append(t + " " + P.DATE_TEXT + " " + n_str(r.date_text) + g)
    if r.date_value:
        v = n_str(r.date_value)
        out += [t + " " + P.DATE_VALUE + " " + v + g, s + P.DATE_VALUE + " " + v + g]
    if r.precision in P.UNIT_OF:
        u = P.UNIT_OF[r.precision]
        out += [t + " " + P.UNIT + " " + u + g, s + P.UNIT + " " + u + g]
    if r.earliest:
        out.append(s + P.EARLIEST + " " + _date(r.earliest) + g)
    if r.latest:
        out.append(s + P.LATEST + " " + _date(r.latest) + g)
    for i, a in enumerate(r.actors):
        role = "<" + r.iri + "/role/" + str(i) + ">"
        node = "<" + a.iri + ">"
        out += [
            s + P.HAS_ACTOR + " " + node + g,
            s + P.HAS_ROLE + " " + role + g,
            role + " " + P.TYPE + " " + P.ROLE + g,
            role + " " + P.VALUE + " " + node + g,
            role + " " + P.ROLE_TYPE + " " + P.ROLE_OF[a.role] + g,
        ]
        if a.text:
            out.append(role + " " + P.SURFACE + " " + n_str(a.text) + g)
        if a.unidentified:
            # Unidentified actors are per report and described where the report lives.
            out += [
                node + " " + P.TYPE + " " + P.ACTOR + g,
                node + " " + P.PREF + " " + n_str(a.label) + g,
                node + " " + P.KIND + " " + n_str("unidentified") + g,
            ]
    for p in r.places:
        out.append(s + P.HAS_PLACE + " <" + str(place_iri(p.id)) + ">" + g)
    for iri in r.place_iris:
        out.append(s + P.HAS_PLACE + " <" + iri + ">" + g)
    for k, v in sorted(r.quantities.items()):
        out.append(s + "<" + str(KB[k]) + "> " + _int(v) + g)


def article_lines(a: ArticleIn, graph: str, out: list[str]) -> None:
    """Append the N-Quads of a source article node."""
    g = " <" + graph + "> .\n"
    s = "<" + str(article_iri(a.id)) + "> "
    out += [
        s + P.TYPE + " " + P.ARTICLE + g,
        s + P.TYPE + " " + P.ENTITY + g,
        s + P.ARTICLE_ID + " " + n_str(a.id) + g,
        s + P.HASH + " " + n_str(a.body_hash) + g,
    ]
    if a.url:
        out.append(s + P.URL + " " + n_typed(a.url, XSD + "anyURI") + g)
    if a.title:
        out.append(s + P.HEADLINE + " " + n_str(a.title) + g)
    if a.published:
        out.append(s + P.PUBLISHED + " " + _date(a.published) + g)
    if a.outlet:
        out.append(s + P.OUTLET + " " + n_str(a.outlet) + g)
    for i, key in enumerate(a.publishers):
        o = "<" + str(actor_iri(key)) + ">"
        if i == 0:  # schema:publisher is one outlet; every outlet is credited by PROV
            out.append(s + P.PUBLISHER + " " + o + g)
        out.append(s + P.ATTRIBUTED + " " + o + g)


def triple_lines(triples: Iterable[tuple[Any, Any, Any]], graph: str, out: list[str]) -> None:
    """Append rdflib triples (from :mod:`kb.rdfmap` or the linker) as N-Quads."""
    g = " <" + graph + "> .\n"
    for s, p, o in triples:
        out.append(n_term(s) + " " + n_term(p) + " " + n_term(o) + g)


def ox_triple_lines(triples: Iterable[tuple[Any, Any, Any]], graph: str, out: list[str]) -> None:
    """Append pyoxigraph triples (from the ``*_ox`` builders of :mod:`kb.rdfmap`) as N-Quads.

    A pyoxigraph term prints as N-Triples, escapes included: no rdflib terms in between.
    """
    g = " <" + graph + "> .\n"
    for s, p, o in triples:
        out.append(f"{s} {p} {o}{g}")


# --- canonical nodes ---------------------------------------------------------------------------


class Canonical:
    """Canonical actor and place descriptions written once per import run."""

    def __init__(self, gazetteer: Any, registry: Any = None) -> None:
        self.gazetteer = gazetteer
        self.registry = registry
        self._actors: set[str] = set()
        self._places: set[str] = set()
        #: Places minted by an importer (not in the gazetteer), by id, so that a town
        #: minted inside a minted region gets that region described too.
        self.minted: dict[str, Place] = {}
        #: Every place described in the run, by IRI (to read imported incidents back).
        self.by_iri: dict[str, Place] = {}
        #: The label of every actor described in the run, by IRI (likewise).
        self.labels: dict[str, str] = {}
        self.graph = str(CANONICAL_GRAPH)

    def actor(self, actor: Any, out: list[str]) -> None:
        """Describe a canonical actor (kb.actors.CanonicalActor) unless done already."""
        if actor.key in self._actors:
            return
        self._actors.add(actor.key)
        self.labels[str(actor_iri(actor.key))] = actor.label
        from kb.rdfmap import actor_triples_ox

        ox_triple_lines(actor_triples_ox(actor), self.graph, out)
        parent = getattr(actor, "parent", None)
        if parent and self.registry is not None:
            # kb:parentOrganization must name a described actor (kbsh:ActorShape).
            found = self.registry.get(parent)
            if found is not None:
                self.actor(found, out)

    def place(self, place: Place, out: list[str]) -> None:
        """Describe a place and its containment chain unless done already."""
        if place.id in self._places:
            return
        self._places.add(place.id)
        self.by_iri[str(place_iri(place.id))] = place
        from kb.rdfmap import place_triples_ox

        # The place alone, then each ancestor once (place_triples with a gazetteer would
        # describe Iraq again for every town in it).
        ox_triple_lines(place_triples_ox(place, None), self.graph, out)
        for parent in place.within:
            if parent.id in self._places:
                continue
            full = self.minted.get(parent.id)
            if full is None and self.gazetteer is not None:
                full = self.gazetteer.get(parent.id)
            if full is not None and full.id != place.id:
                self.place(full, out)


class Names:
    """``registry.resolve`` remembered by (name, event family).

    Resolving an unknown name (lookups, a scan, a fuzzy match, minting) takes most of a
    millisecond, and a dataset repeats its names endlessly. The family only matters
    when the name denotes a country's body ("Iraq" is its military in a clash, its
    government in a statement), so an answer that is no state body holds for both.
    """

    _STATE_KINDS = ("state_military", "government", "security_service")

    def __init__(self, registry: Any) -> None:
        self.registry = registry
        self._found: dict[tuple[str, str | None], Any] = {}

    def resolve(self, name: str, family: str | None) -> Any:
        """What ``registry.resolve(name, event_family=family)`` returns."""
        found = self._found.get((name, family))
        if found is None:
            found = self._found[(name, family)] = self.registry.resolve(name, event_family=family)
            if found.kind not in self._STATE_KINDS:
                for other in ("military", "political", None):
                    self._found.setdefault((name, other), found)
        return found


def lines_of(lines: Iterable[str]) -> Iterator[str]:
    """Physical lines without their line ends."""
    for line in lines:
        yield line.rstrip("\r\n")
