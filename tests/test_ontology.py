"""The ontology files, the event-type scheme and SHACL validation."""

from __future__ import annotations

import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kb import eventtypes
from kb.errors import UsageError
from kb.resources import ontology_file
from kb.validate import ValidationReport, validate_graph, validate_store

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "ontology" / "valid.trig"

# A plain Namespace: pytest probes module globals, and rdflib's closed XSD namespace warns.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
KB = Namespace("https://w3id.org/kb/ns#")
KBT = Namespace("https://w3id.org/kb/event-type/")
KBID = Namespace("https://w3id.org/kb/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
WGS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
TIME = Namespace("http://www.w3.org/2006/time#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
CAMEO = "https://w3id.org/kb/cameo/"
ACLED = "https://w3id.org/kb/acled/"

TOP_KEYS = {
    "air_or_drone_strike",
    "armed_clash",
    "attack",
    "arrest",
    "killing",
    "deployment_or_mobilization",
    "cooperation_or_agreement",
    "statement",
    "protest",
    "other",
}
REQUIRED_NARROWER = {
    "drone_strike": "air_or_drone_strike",
    "airstrike": "air_or_drone_strike",
    "bombing": "attack",
    "shelling": "attack",
    "armed_assault": "attack",
    "abduction": "attack",
    "assassination": "killing",
    "reinforcement": "deployment_or_mobilization",
    "security_coordination": "cooperation_or_agreement",
    "agreement": "cooperation_or_agreement",
    "denial": "statement",
    "claim_of_responsibility": "statement",
    "threat": "statement",
    "accusation": "statement",
}
ACLED_SUB_EVENTS = {
    "Battles": [
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ],
    "Explosions/Remote violence": [
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    ],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance", "Sexual violence"],
    "Protests": [
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ],
}


def _graph(name: str) -> Graph:
    g = Graph()
    g.parse(ontology_file(name), format="turtle")
    return g


@pytest.fixture(scope="module")
def kb_ttl() -> Graph:
    return _graph("kb.ttl")


@pytest.fixture(scope="module")
def scheme() -> Graph:
    return _graph("event-types.ttl")


def _fixture() -> Dataset:
    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    return ds


# --- the files -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["kb.ttl", "event-types.ttl", "shapes.ttl"])
def test_ontology_files_parse(name: str) -> None:
    g = _graph(name)
    assert len(g) > 100
    # Nothing may be fetched when the ontology is loaded.
    assert not list(g.triples((None, OWL.imports, None)))


def test_kb_ttl_declares_an_ontology_with_a_version(kb_ttl: Graph) -> None:
    onto = URIRef("https://w3id.org/kb/ns")
    assert (onto, RDF.type, OWL.Ontology) in kb_ttl
    assert kb_ttl.value(onto, OWL.versionInfo) is not None
    assert kb_ttl.value(onto, OWL.versionIRI) is not None


def test_every_kb_term_in_the_rdf_model_doc_is_declared(kb_ttl: Graph) -> None:
    doc = (ROOT / "docs" / "rdf-model.md").read_text(encoding="utf-8")
    terms = sorted(set(re.findall(r"(?<![\w/#])kb:([A-Za-z_]\w*)", doc)))
    assert len(terms) >= 38, terms  # 38 when this test was written
    missing = []
    for term in terms:
        iri = KB[term]
        if not (
            kb_ttl.value(iri, RDF.type)
            and kb_ttl.value(iri, RDFS.label)
            and kb_ttl.value(iri, RDFS.comment)
        ):
            missing.append(term)
    assert not missing, f"kb.ttl lacks a typed declaration with label and comment: {missing}"


def test_every_kb_term_in_kb_ttl_is_documented(kb_ttl: Graph) -> None:
    subjects = {s for s in kb_ttl.subjects() if str(s).startswith(str(KB))}
    assert KB.centroid in subjects
    for s in subjects:
        assert kb_ttl.value(s, RDFS.label), s
        assert kb_ttl.value(s, RDFS.comment), s
        assert kb_ttl.value(s, RDFS.isDefinedBy) == URIRef("https://w3id.org/kb/ns"), s


def test_kb_terms_hang_off_standard_vocabularies(kb_ttl: Graph) -> None:
    assert (KB.EventReport, RDFS.subClassOf, PROV.Entity) in kb_ttl
    assert (KB.Mention, RDFS.subClassOf, NIF.OffsetBasedString) in kb_ttl
    assert (KB.parentPlace, RDFS.subPropertyOf, GEO.sfWithin) in kb_ttl
    for role in (KB.agentRole, KB.targetRole, KB.participantRole):
        assert (role, RDF.type, SEM.RoleType) in kb_ttl
    # Standard terms are reused, not re-minted.
    for avoided in ("alias", "fatalities", "precision", "label", "lat", "long"):
        assert (KB[avoided], None, None) not in kb_ttl


# --- the event-type scheme -------------------------------------------------------------


def test_scheme_has_the_ten_top_concepts(scheme: Graph) -> None:
    tops = {str(c).removeprefix(str(KBT)) for c in scheme.objects(KBT[""], SKOS.hasTopConcept)}
    assert tops == TOP_KEYS
    declared = {str(c).removeprefix(str(KBT)) for c in scheme.subjects(SKOS.topConceptOf, KBT[""])}
    assert declared == TOP_KEYS
    assert {k for k, t in eventtypes.event_types().items() if t.broader is None} == TOP_KEYS


def test_every_concept_is_complete_and_reaches_a_top_concept(scheme: Graph) -> None:
    concepts = set(scheme.subjects(SKOS.inScheme, KBT[""]))
    assert len(concepts) >= 24
    for c in concepts:
        key = str(c).removeprefix(str(KBT))
        assert str(scheme.value(c, SKOS.notation)) == key
        assert scheme.value(c, SKOS.prefLabel).language == "en"
        assert scheme.value(c, SKOS.definition)
        seen = [c]
        while (c, SKOS.topConceptOf, KBT[""]) not in scheme:
            c = scheme.value(c, SKOS.broader)
            assert c is not None and c not in seen, f"{key} has no broader chain to the top"
            seen.append(c)
        assert str(c).removeprefix(str(KBT)) in TOP_KEYS


@pytest.mark.parametrize("key,broader", sorted(REQUIRED_NARROWER.items()))
def test_required_narrower_concepts(key: str, broader: str) -> None:
    assert eventtypes.event_types()[key].broader == broader
    assert eventtypes.lineage(key) == [key, broader]


def test_lineage_top_key_label_and_narrower() -> None:
    assert eventtypes.lineage("suicide_bombing") == ["suicide_bombing", "bombing", "attack"]
    assert eventtypes.top_key("suicide_bombing") == "attack"
    assert eventtypes.top_key("protest") == "protest"
    assert eventtypes.lineage("kbt:drone_strike")[-1] == "air_or_drone_strike"
    assert eventtypes.label("air_or_drone_strike") == "air or drone strike"
    below = eventtypes.narrower_keys("attack")
    assert below[0] == "attack" and {"bombing", "suicide_bombing", "shelling"} <= set(below)
    assert "drone_strike" not in below


def test_unknown_key_is_a_usage_error_listing_valid_keys() -> None:
    with pytest.raises(UsageError) as err:
        eventtypes.lineage("carpet_bombing")
    assert "carpet_bombing" in str(err.value)
    assert "air_or_drone_strike" in str(err.value) and "suicide_bombing" in str(err.value)
    with pytest.raises(UsageError):
        eventtypes.label("")


def test_mapped_codes_are_defined_in_their_schemes_and_mapped_once(scheme: Graph) -> None:
    claimed: dict[URIRef, URIRef] = {}
    for prop in (SKOS.exactMatch, SKOS.closeMatch):
        for concept, target in scheme.subject_objects(prop):
            assert target not in claimed, f"{target} mapped from {concept} and {claimed[target]}"
            claimed[target] = concept
            ns = CAMEO if str(target).startswith(CAMEO) else ACLED
            assert str(target).startswith(ns)
            assert (target, SKOS.inScheme, URIRef(ns)) in scheme
            assert scheme.value(target, SKOS.notation) and scheme.value(target, SKOS.prefLabel)
    # CAMEO's hierarchy is its code prefixes.
    for code_node, parent in scheme.subject_objects(SKOS.broader):
        if str(code_node).startswith(CAMEO):
            code, up = (
                str(scheme.value(code_node, SKOS.notation)),
                str(scheme.value(parent, SKOS.notation)),
            )
            assert code.startswith(up) and len(up) < len(code)


def test_every_acled_type_is_in_the_scheme_and_mapped() -> None:
    for event_type, subs in ACLED_SUB_EVENTS.items():
        if event_type != "Strategic developments":  # its catch-all really is "other"
            assert eventtypes.from_acled(event_type, None) != "other"
        for sub in subs:
            key = eventtypes.from_acled(event_type, sub)
            assert key in eventtypes.event_types()
    mapped = {a for t in eventtypes.event_types().values() for a in t.acled}
    expected = set(ACLED_SUB_EVENTS) | {s for subs in ACLED_SUB_EVENTS.values() for s in subs}
    assert expected <= mapped


@pytest.mark.parametrize(
    "code,expected",
    [
        ("195", {"air_or_drone_strike"}),
        ("1951", {"air_or_drone_strike"}),  # not mapped itself: its prefix 195 decides
        ("1831", {"suicide_bombing"}),
        ("183", {"bombing"}),
        ("1832", {"car_bombing", "bombing"}),
        ("193", {"armed_clash"}),
        ("194", {"shelling"}),
        ("186", {"assassination"}),
        ("181", {"abduction"}),
        ("173", {"arrest"}),
        ("154", {"reinforcement", "deployment_or_mobilization"}),
        ("1384", {"threat"}),
        ("112", {"accusation"}),
        ("1124", {"accusation"}),
        ("057", {"agreement"}),
        ("062", {"security_coordination"}),
        ("0871", {"ceasefire"}),
        ("141", {"protest"}),
        ("145", {"riot"}),
        ("015", {"claim_of_responsibility"}),
        ("202", {"mass_killing"}),
        (" 190 ", {"armed_clash"}),
        ("16", {"other"}),
        ("999", {"other"}),
        ("", {"other"}),
        ("19x", {"other"}),
    ],
)
def test_from_cameo(code: str, expected: set[str]) -> None:
    assert eventtypes.from_cameo(code) in expected


@pytest.mark.parametrize(
    "event_type,sub,expected",
    [
        ("Explosions/Remote violence", "Air/drone strike", "air_or_drone_strike"),
        ("Explosions/Remote violence", "Suicide bomb", "suicide_bombing"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelling"),
        ("Explosions/Remote violence", None, "attack"),
        ("explosions/remote   VIOLENCE", "air/drone strike", "air_or_drone_strike"),
        ("Battles", "Armed clash", "armed_clash"),
        ("Battles", None, "armed_clash"),
        ("Battle-No change of territory", None, "armed_clash"),  # pre-2019 label
        ("Remote violence", None, "attack"),
        ("Violence against civilians", "Abduction/forced disappearance", "abduction"),
        ("Strategic developments", "Arrests", "arrest"),
        ("Strategic developments", "Agreement", "agreement"),
        ("Strategic developments", "Other", "other"),
        ("Riots", "Violent demonstration", "riot"),
        ("Protests", "Peaceful protest", "protest"),
        ("Something new", "Never seen", "other"),
        ("Battles", "Never seen", "armed_clash"),
    ],
)
def test_from_acled(event_type: str, sub: str | None, expected: str) -> None:
    assert eventtypes.from_acled(event_type, sub) == expected


def test_event_type_record_carries_the_mappings() -> None:
    t = eventtypes.event_types()["air_or_drone_strike"]
    assert t.label == "air or drone strike" and t.broader is None and t.definition
    assert "195" in t.cameo and "Air/drone strike" in t.acled
    assert eventtypes.event_types()["suicide_bombing"].cameo == ("1831",)


def test_scheme_loads_fast() -> None:
    eventtypes._scheme.cache_clear()
    # CPU time of this process: what other processes on a busy host take is not counted.
    start = time.process_time()
    types = eventtypes.event_types()
    elapsed = time.process_time() - start
    assert len(types) >= 24
    assert elapsed < 0.25, f"parsing the scheme took {elapsed * 1000:.0f} ms"
    start = time.process_time()
    for _ in range(1000):
        eventtypes.from_cameo("1831")
    assert time.process_time() - start < 0.05


# --- validation ------------------------------------------------------------------------


def test_valid_fixture_conforms() -> None:
    ds = _fixture()
    before = len(list(ds.quads((None, None, None, None))))
    report = validate_graph(ds)
    assert report.conforms, report.text()
    assert report.violations == []
    assert report.checked_triples == len({q[:3] for q in ds.quads((None, None, None, None))})
    assert report.checked_triples > 100
    assert report.text().startswith("Conforms")
    # The caller's data is left alone.
    assert len(list(ds.quads((None, None, None, None)))) == before


def test_plain_graph_and_typed_strings_are_accepted() -> None:
    g = Graph()
    for s, p, o, _ in _fixture().quads((None, None, None, None)):
        g.add((s, p, o))
    report_ = KBID["report/a1/1"]
    g.set((report_, KB.certainty, Literal("hedged", datatype=XSD.string)))
    assert validate_graph(g).conforms


REPORT = KBID["report/a1/1"]
EVENT = KBID["event/e1"]
MENTION = KBID["mention/a1/53-207"]
TIKRIT = KBID["place/geonames/8000001"]
REGION = KBID["place/iso3166-2/IQ-SD"]
POLICE = KBID["actor/iraqi-police"]
ARTICLE = KBID["article/a1"]
TIME_NODE = KBID["report/a1/1/time"]
ROLE = KBID["report/a1/1/role/1"]


def _set(ds: Dataset, s: URIRef, p: URIRef, o: object) -> None:
    """Replace s's values of p (None removes them) in whichever graph holds them."""
    for g in ds.graphs():
        if (s, None, None) in g:
            g.remove((s, p, None))
            if o is not None:
                g.add((s, p, o))  # type: ignore[arg-type]
            return
    raise AssertionError(f"{s} is not in the fixture")


# (name, subject, predicate, new object or None, focus, shape, path)
BROKEN = [
    ("missing incident label", EVENT, RDFS.label, None, EVENT, "IncidentShape", "rdfs:label"),
    ("missing actor label", POLICE, SKOS.prefLabel, None, POLICE, "ActorShape", "skos:prefLabel"),
    (
        "earliest after latest",
        REPORT,
        SEM.hasEarliestBeginTimeStamp,
        Literal("2024-03-20", datatype=XSD.date),
        REPORT,
        "EventReportShape",
        "sem:hasEarliestBeginTimeStamp",
    ),
    (
        "bad certainty",
        REPORT,
        KB.certainty,
        Literal("likely"),
        REPORT,
        "EventReportShape",
        "kb:certainty",
    ),
    (
        "latitude 200",
        TIKRIT,
        WGS.lat,
        Literal(Decimal("200")),
        TIKRIT,
        "PlaceShape",
        "wgs:lat",
    ),
    ("latitude as double", TIKRIT, WGS.lat, Literal(34.6), TIKRIT, "PlaceShape", "wgs:lat"),
    ("latitude alone", TIKRIT, WGS.long, None, TIKRIT, "CoordinatesShape", "wgs:lat"),
    (
        "offsets reversed",
        MENTION,
        NIF.beginIndex,
        Literal(300, datatype=XSD.nonNegativeInteger),
        MENTION,
        "MentionShape",
        "nif:beginIndex",
    ),
    (
        "event type from another scheme",
        REPORT,
        SEM.eventType,
        URIRef(CAMEO + "195"),
        REPORT,
        "EventReportShape",
        "sem:eventType",
    ),
    (
        "unknown event type",
        EVENT,
        SEM.eventType,
        KBT["carpet_bombing"],
        EVENT,
        "IncidentShape",
        "sem:eventType",
    ),
    (
        "type key mismatch",
        EVENT,
        KB.typeKey,
        Literal("bombing"),
        EVENT,
        "TypeKeyShape",
        "kb:typeKey",
    ),
    ("no mention", REPORT, GAF.denotedBy, None, REPORT, "EventReportShape", "gaf:denotedBy"),
    ("no reports", EVENT, KB.hasReport, None, EVENT, "IncidentSourceShape", "kb:hasReport"),
    (
        "role actor not listed",
        REPORT,
        SEM.hasActor,
        KBID["actor/unidentified/a1/1/0"],
        REPORT,
        "RoleActorsListedShape",
        "sem:hasActor",
    ),
    ("bad role type", ROLE, SEM.roleType, KB.victimRole, ROLE, "RoleShape", "sem:roleType"),
    (
        "unknown actor kind",
        POLICE,
        KB.actorKind,
        Literal("police"),
        POLICE,
        "ActorShape",
        "kb:actorKind",
    ),
    (
        "date less precise than its unit",
        TIME_NODE,
        KB.dateValue,
        Literal("2024-03"),
        TIME_NODE,
        "DatePrecisionShape",
        "kb:dateValue",
    ),
    (
        "parent not an ancestor",
        TIKRIT,
        KB.parentPlace,
        KBID["place/geonames/99237"],
        TIKRIT,
        "ContainmentShape",
        "kb:parentPlace",
    ),
    (
        "hash not sha1",
        ARTICLE,
        KB.contentHash,
        Literal("abc"),
        ARTICLE,
        "ArticleShape",
        "kb:contentHash",
    ),
    ("negative toll", REPORT, KB.killed, Literal(-2), REPORT, "EventReportShape", "kb:killed"),
]


@pytest.mark.parametrize("name,s,p,o,focus,shape,path", BROKEN, ids=[case[0] for case in BROKEN])
def test_broken_variants_fail_naming_shape_and_focus(
    name: str, s: URIRef, p: URIRef, o: object, focus: URIRef, shape: str, path: str
) -> None:
    ds = _fixture()
    if name == "parent not an ancestor":
        # Iraq stays the parent but is dropped from the ancestors.
        _set(ds, s, GEO.sfWithin, REGION)
    _set(ds, s, p, o)
    report = validate_graph(ds)
    assert not report.conforms
    hits = [
        v
        for v in report.violations
        if v.focus == str(focus) and v.shape_iri == f"kbsh:{shape}" and v.path == path
    ]
    assert hits, report.text()
    assert all(v.severity == "Violation" for v in hits)
    text = report.text()
    assert text.startswith("Does not conform")
    assert str(focus) in text and hits[0].shape in text and hits[0].message in text
    # Exactly the broken thing is reported, not a cascade over the whole graph.
    assert {v.focus for v in report.violations} <= {str(focus), str(KBID["event/e1"])}


def test_messages_are_readable() -> None:
    ds = _fixture()
    _set(ds, TIKRIT, WGS.lat, Literal(Decimal("200")))
    (v,) = validate_graph(ds).violations
    assert v.shape == "Place" and v.value == "200"
    assert "-90" in v.message and "90" in v.message


def test_bulk_sparql_checks_match_pyshacl_as_written() -> None:
    """validate_graph runs SPARQL constraints in bulk and un-nests property shapes;
    pySHACL on shapes.ttl as written must find the same problems."""
    import pyshacl

    from kb.validate import _shape_labels, _shapes, _vocabulary

    ds = _fixture()
    _set(ds, EVENT, KB.typeKey, Literal("bombing"))
    _set(ds, TIME_NODE, KB.dateValue, Literal("2024"))
    _set(ds, REPORT, SEM.hasActor, POLICE)
    _set(ds, TIKRIT, WGS.long, None)
    _set(ds, REPORT, KB.certainty, Literal("maybe"))
    _set(ds, REGION, KB.parentPlace, TIKRIT)
    ours = {(v.focus, v.shape_iri) for v in validate_graph(ds).violations}

    data = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        data.add((s, p, o))
    for t in _vocabulary():
        data.add(t)
    conforms, results, _ = pyshacl.validate(data, shacl_graph=_shapes(), inference="none")
    assert not conforms
    labels = _shape_labels()
    theirs = {
        (str(results.value(r, SH.focusNode)), labels[results.value(r, SH.sourceShape)][1])
        for rep in results.subjects(RDF.type, SH.ValidationReport)
        for r in results.objects(rep, SH.result)
    }
    assert ours == theirs
    assert len(ours) >= 6


def test_validate_store(tmp_path: Path) -> None:
    from kb.store.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path / "store")
    try:
        with FIXTURE.open("rb") as f:
            store.load(f, "trig")
        report = validate_store(store)
        assert isinstance(report, ValidationReport)
        assert report.conforms, report.text()
        assert report.checked_triples == store.triple_count()
        store.add(
            URIRef("https://w3id.org/kb/graph/canonical"),
            [(TIKRIT, WGS.lat, Literal(Decimal("-95.5")))],
        )
        broken = validate_store(store)
        assert not broken.conforms
        assert {(v.focus, v.path) for v in broken.violations} == {(str(TIKRIT), "wgs:lat")}
    finally:
        store.close()


def test_actor_registry_conforms() -> None:
    path = ROOT / "ontology" / "actors.ttl"
    if not path.exists():
        pytest.skip("ontology/actors.ttl is not written yet")
    g = Graph()
    g.parse(path, format="turtle")
    assert len(set(g.subjects(RDF.type, SEM.Actor))) > 0
    report = validate_graph(g)
    assert report.conforms, report.text()


def test_actor_registry_uses_only_declared_kb_terms(kb_ttl: Graph) -> None:
    path = ROOT / "ontology" / "actors.ttl"
    if not path.exists():
        pytest.skip("ontology/actors.ttl is not written yet")
    g = Graph()
    g.parse(path, format="turtle")
    used = {p for p in g.predicates() if str(p).startswith(str(KB))}
    assert used, "the registry should use kb: properties"
    undeclared = [p for p in used if kb_ttl.value(p, RDFS.label) is None]
    assert not undeclared


def test_time_vocabulary_is_owl_time() -> None:
    # The shapes accept exactly OWL-Time's units for a date's precision.
    shapes = _graph("shapes.ttl")
    units = {
        o
        for s in shapes.subjects(SH.path, TIME.unitType)
        for lst in shapes.objects(s, SH["in"])
        for o in shapes.items(lst)
    }
    assert units == {TIME.unitDay, TIME.unitMonth, TIME.unitYear}
