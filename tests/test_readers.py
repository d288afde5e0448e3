"""Tests for kb.readers: text, HTML, JSONL and feed readers, decoding, limits and ids."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kb.readers as readers
from kb.errors import EncodingError, InputError, KbError, UsageError
from kb.model import Article
from kb.readers import ReadOptions, choose_reader, read_article_bytes, read_paths
from kb.readers.base import make_article_id, safe_id

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def read_all(*paths: str | Path, options: ReadOptions | None = None, stdin=None):
    """Articles and warnings from read_paths."""
    warnings: list[str] = []
    articles = list(read_paths([str(p) for p in paths], options, stdin=stdin, warn=warnings.append))
    return articles, warnings


def read_one(data: bytes, path: str, options: ReadOptions | None = None):
    warnings: list[str] = []
    articles = read_article_bytes(data, path, options, warn=warnings.append)
    return articles, warnings


# ----------------------------------------------------------------------------- text


def test_text_header_block():
    (a,), warnings = read_all(FIXTURES / "header.txt")
    assert warnings == []
    assert a.title == "Militants attack checkpoint in northern province"
    assert a.url == "https://news.example.com/2024/03/checkpoint-attack"
    assert a.published == dt.date(2024, 3, 5)
    assert a.outlet == "Example Wire"  # from the `source` alias
    assert a.lang == "en"
    assert a.metadata == {"author": "Staff Reporter"}
    assert a.text.startswith("Militants attacked a police checkpoint")
    assert a.text.endswith("near the scene.")
    assert "title:" not in a.text and "---" not in a.text
    assert a.path == str(FIXTURES / "header.txt")


def test_text_front_matter():
    (a,), _ = read_all(FIXTURES / "frontmatter.md")
    assert a.title == "Ceasefire talks resume in the capital"
    assert a.published is None  # "unknown"
    assert a.outlet == "The Example Times"
    assert a.id == "talks%2F2024%20%231"
    assert a.metadata == {"tags": "diplomacy, ceasefire"}
    # The body is verbatim after the front matter, Markdown heading included.
    assert a.text.startswith("# Ceasefire talks resume in the capital\n\nDelegations")


def test_text_without_header_first_line_is_title_and_crlf_normalised():
    (a,), _ = read_all(FIXTURES / "plain.txt")
    assert a.title == "Flooding displaces thousands in river delta"
    assert a.text == (
        "Heavy rain caused the river to burst its banks on Sunday, officials said.\n\n"
        "Aid agencies warned of shortages."
    )
    assert "\r" not in a.text


def test_text_without_title():
    body = "Two soldiers were wounded in a clash on Friday.\n\nThe army said it was investigating."
    (a,), _ = read_one(body.encode(), "x.txt")
    # A first line ending in a full stop is a lead paragraph, not a title.
    assert a.title is None
    assert a.text == body
    (b,), _ = read_one(b"One line only, no blank line after it", "y.txt")
    assert b.title is None and b.text == "One line only, no blank line after it"


def test_text_rule_after_ordinary_line_is_not_a_header():
    data = b"Breaking: strike reported\n---\nMore text follows here."
    (a,), _ = read_one(data, "x.md")
    assert a.title is None
    assert a.text == data.decode()


def test_text_bad_published_warns():
    data = b"title: T\npublished: March 2024\n---\nShots were fired near the market."
    (a,), warnings = read_one(data, "x.txt")
    assert a.published is None
    assert len(warnings) == 1 and warnings[0].startswith("x.txt: published date ignored")


def test_overrides_win_over_file_values():
    options = ReadOptions(published=dt.date(2020, 1, 2), outlet="Override Post")
    articles, _ = read_all(
        FIXTURES / "header.txt", FIXTURES / "page.html", FIXTURES / "rss.xml", options=options
    )
    assert len(articles) == 4
    assert {a.published for a in articles} == {dt.date(2020, 1, 2)}
    assert {a.outlet for a in articles} == {"Override Post"}


def test_bom_stripped_and_utf16_read():
    (a,), _ = read_one(b"\xef\xbb\xbfTitle here\n\nBody text.", "x.txt")
    assert a.title == "Title here" and a.text == "Body text."
    (b,), _ = read_one("Titre\r\n\r\nLe corps du texte.".encode("utf-16"), "y.txt")
    assert b.title == "Titre" and b.text == "Le corps du texte."


# ----------------------------------------------------------------------------- html


def test_html_boilerplate_removed_and_meta_read():
    (a,), warnings = read_all(FIXTURES / "page.html")
    assert warnings == []
    assert a.text == (
        "An explosion tore through a fuel depot outside the port city late on Saturday, "
        "sending a column of smoke over the harbour, witnesses said.\n\n"
        "Firefighters battled the blaze for several hours.\nNo casualties were reported.\n\n"
        "The cause of the blast was not immediately clear, the port authority said in a "
        "statement."
    )
    for junk in (
        "cookies",
        "Home",
        "Share",
        "Advertisement",
        "football",
        "Copyright",
        "newsletter",
    ):
        assert junk not in a.text
    assert a.title == "Explosion hits fuel depot outside port city"
    assert a.outlet == "Coastal Herald"
    # The date as written, not converted to UTC (which would give the 11th).
    assert a.published == dt.date(2024, 2, 10)
    assert a.url == "https://coastal-herald.example/news/depot-explosion"
    assert a.id.startswith("u-")
    assert a.lang == "fr"
    assert a.metadata["author"] == "A. Correspondent"


def test_html_without_article_element_uses_json_ld_and_paragraph_density():
    (a,), _ = read_all(FIXTURES / "page_jsonld.htm")
    assert a.text.split("\n\n") == [
        "Border guards from the two countries exchanged fire for about an hour on Sunday "
        "morning, a regional official said.",
        "One guard was wounded and taken to hospital, the official added.",
        "Both governments accused each other of starting the incident.",
    ]
    assert a.title == "Border guards exchange fire"
    assert a.published == dt.date(2023, 8, 14)
    assert a.outlet == "Mountain Post"
    assert a.lang == "en"


def test_html_title_tag_suffix_removed():
    html = (
        b"<html><head><title>Dam breached after shelling | River News</title>"
        b'<meta property="og:site_name" content="River News">'
        b'<meta name="date" content="2022-06-01">'
        b"</head><body><div>Water flooded three villages after the dam was hit.<br><br>"
        b"Rescue teams arrived by boat.<br>\nMore rain is forecast.</div></body></html>"
    )
    (a,), _ = read_one(html, "p.html")
    assert a.title == "Dam breached after shelling"
    assert a.published == dt.date(2022, 6, 1)
    assert a.text == (
        "Water flooded three villages after the dam was hit.\n\n"
        "Rescue teams arrived by boat.\nMore rain is forecast."
    )


def test_deeply_nested_html_is_handled_quickly():
    n = 100_000
    html = "<html><body>" + "<div>" * n + "<p>Deep text survives.</p>" + "</div>" * n
    start = time.process_time()  # CPU time: a busy host's other processes do not count
    (a,), _ = read_one(html.encode(), "deep.html")
    assert a.text == "Deep text survives."
    unclosed = "<section><span><b>" * n + "Still readable."
    (b,), _ = read_one(unclosed.encode(), "deep2.html")
    assert b.text == "Still readable."
    assert time.process_time() - start < 5


# ---------------------------------------------------------------------------- jsonl


def test_jsonl_reads_good_lines_and_warns_on_bad_ones():
    path = FIXTURES / "articles.jsonl"
    articles, warnings = read_all(path)
    assert [a.title for a in articles] == [
        "Rocket fire reported near airport",
        "Hostages freed",
        None,
    ]
    first, second, third = articles
    assert first.id == "wire-001"
    assert first.published == dt.date(2024, 1, 20)
    assert first.outlet == "Example Wire"
    assert first.metadata == {"section": "world", "priority": "2"}
    assert second.outlet == "Other Agency"  # "source": {"name": ...}
    assert second.published is None
    assert second.text.endswith("a mediator said.\nThey were reported to be in good health.")
    assert third.published == dt.date(2024, 1, 24) and third.lang == "en"
    assert third.id.startswith("a-")
    assert [w.split(":")[1] for w in warnings] == ["3", "4", "5", "7"]
    assert all(w.startswith(f"{path}:") for w in warnings)
    assert "invalid JSON" in warnings[0] and "empty article" in warnings[3]


def test_jsonl_unusable_file_is_an_error():
    with pytest.raises(InputError, match=r"^bad\.jsonl: no usable article line \(line 1: "):
        read_one(b"not json\n[1, 2]\n", "bad.jsonl")
    with pytest.raises(EncodingError, match="--encoding"):
        read_one(b'{"text": "caf\xe9"}\n', "latin.jsonl")
    arts, _ = read_one(
        b'{"text": "caf\xe9 bomb"}\n', "latin.jsonl", ReadOptions(encoding="latin-1")
    )
    assert arts[0].text == "café bomb"


# ---------------------------------------------------------------------------- feeds


def test_rss_feed():
    articles, warnings = read_all(FIXTURES / "rss.xml")
    assert [a.title for a in articles] == [
        "Landmine kills two farmers",
        "Aid convoy reaches besieged town",
    ]
    mine, convoy = articles
    assert mine.outlet == "Frontier Gazette"
    assert mine.url == "https://frontier.example/news/landmine"
    assert mine.published == dt.date(2024, 3, 5)
    assert mine.text == (
        "A landmine exploded under a tractor on Tuesday, killing two farmers, a village elder "
        "said.\n\nThe area had been cleared last year."
    )
    assert mine.metadata["guid"] == "frontier-7781"
    assert mine.lang == "en"
    assert convoy.published == dt.date(2024, 3, 6)
    assert len(warnings) == 1 and "empty article 'Headline only'" in warnings[0]


def test_atom_feed():
    (intercept, curfew), _ = read_all(FIXTURES / "atom.atom")
    assert intercept.outlet == curfew.outlet == "Harbor Bulletin"
    assert intercept.title == "Navy intercepts smuggling boat"
    assert intercept.published == dt.date(2024, 4, 1)
    assert intercept.text == (
        "The navy intercepted a boat carrying weapons off the coast on Monday, a spokesman "
        "said.\n\nIts crew of four was detained."
    )
    assert intercept.url == "https://harbor.example/2024/04/intercept"
    assert curfew.url is None  # a tag: id is not a URL
    assert curfew.published == dt.date(2024, 4, 2)
    assert curfew.text == (
        "Authorities lifted the night curfew in the old town on Tuesday.\n"
        "Shops reopened in the evening."
    )


def test_feed_sniffed_from_content():
    data = (FIXTURES / "rss.xml").read_bytes()
    assert choose_reader("news.txt", data) == "feed"
    assert choose_reader("-", data) == "feed"
    assert choose_reader("news.txt", b"<p>hi</p>") == "text"
    articles, _ = read_one(data, "download.dat")
    assert len(articles) == 2


def test_xml_that_is_not_a_feed(tmp_path):
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url>x</url></urlset>')
    with pytest.raises(InputError, match="sitemap.xml: not an RSS or Atom feed"):
        read_all(tmp_path / "sitemap.xml")
    articles, warnings = read_all(tmp_path)
    assert articles == [] and "not an RSS or Atom feed, skipped" in warnings[0]


# ------------------------------------------------------------------------ encodings


LATIN1_BODY = (
    "L'armée a annoncé jeudi qu'une frappe aérienne près de la frontière avait touché un "
    "dépôt. Les autorités régionales n'ont pas confirmé le bilan des victimes."
)


def test_latin1_with_declared_charset():
    data = ("encoding: latin-1\ntitle: Frappe près de la frontière\n---\n" + LATIN1_BODY).encode(
        "latin-1"
    )
    (a,), warnings = read_one(data, "fr.txt")
    assert a.title == "Frappe près de la frontière" and a.text == LATIN1_BODY
    assert "encoding" not in a.metadata and warnings == []
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        f"</head><body><article><p>{LATIN1_BODY}</p></article></body></html>"
    ).encode("latin-1")
    (b,), warnings = read_one(html, "fr.html")
    assert b.text == LATIN1_BODY and warnings == []


def test_latin1_without_declared_charset_is_detected_with_warning():
    (a,), warnings = read_one(LATIN1_BODY.encode("latin-1"), "articles/fr.txt")
    assert a.text == LATIN1_BODY
    assert warnings == [
        "articles/fr.txt: not UTF-8 and no charset declared; decoded as cp1252 (a guess)"
    ]
    # charset-normalizer alone reads this as windows-1250 ("citt\u0155 \u010d sotto").
    quoted = "Il portavoce ha detto che la citt\u00e0 \u00e8 sotto controllo, luned\u00ec."
    (b,), _ = read_one(quoted.encode("cp1252"), "q.txt")
    assert b.text == quoted


def test_undetectable_encoding_is_an_error_naming_the_option():
    data = b"Title\n\n" + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 3 + b" text"
    with pytest.raises(EncodingError) as info:
        read_one(data, "articles/x.txt")
    message = str(info.value)
    assert message.startswith("articles/x.txt: not valid UTF-8")
    assert "no charset declared" in message and "--encoding latin-1" in message


def test_explicit_encoding_wins():
    cyrillic = "Армия сообщила об ударе по складу.".encode("cp1251")
    data = b"encoding: latin-1\n---\n" + cyrillic
    (a,), _ = read_one(data, "ru.txt", ReadOptions(encoding="cp1251"))
    assert a.text == "Армия сообщила об ударе по складу."
    with pytest.raises(UsageError, match="unknown encoding 'klingon'"):
        read_one(b"x", "x.txt", ReadOptions(encoding="klingon"))
    with pytest.raises(EncodingError, match="not valid utf-8"):
        read_one(b"caf\xe9", "x.txt", ReadOptions(encoding="utf-8"))


# ----------------------------------------------------------------- binary, empty, gz


def test_binary_files_skipped_with_warning(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "blob.txt").write_bytes(b"abc\x00def" * 10)
    articles, warnings = read_all(tmp_path / "photo.png", tmp_path / "blob.txt")
    assert articles == []
    assert warnings == [
        f"{tmp_path / 'photo.png'}: binary file (PNG image), skipped",
        f"{tmp_path / 'blob.txt'}: binary file (binary data), skipped",
    ]


def test_empty_articles_warn(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "header-only.txt").write_text("title: Nothing yet\npublished: 2024-01-01\n---\n\n")
    articles, warnings = read_all(tmp_path / "empty.txt", tmp_path / "header-only.txt")
    assert articles == []
    assert len(warnings) == 2 and all("empty article" in w for w in warnings)
    assert "'Nothing yet'" in warnings[1]


def test_gzip_article_read(tmp_path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress((FIXTURES / "header.txt").read_bytes()))
    (a,), _ = read_all(path)
    (plain,), _ = read_all(FIXTURES / "header.txt")
    assert (a.text, a.title, a.id) == (plain.text, plain.title, plain.id)
    assert a.path == str(path)
    # Found in a directory too, as its inner extension is known.
    assert len(read_all(tmp_path)[0]) == 1


def test_gzip_bomb_and_corrupt_gzip_rejected(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_DECOMPRESSED_BYTES", 1024 * 1024)
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"A" * (8 * 1024 * 1024)))
    assert bomb.stat().st_size < 20_000
    with pytest.raises(InputError, match="bomb.txt.gz: decompresses to more than 1 MB"):
        read_all(bomb)
    with pytest.raises(InputError, match="not a valid gzip file"):
        read_one(b"plain text, not gzip", "x.txt.gz")
    with pytest.raises(InputError, match="truncated gzip file"):
        read_one(gzip.compress(b"some text " * 100)[:-30], "x.txt.gz")


def test_file_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    with pytest.raises(InputError, match=r"big.txt: file is .* over the 0 MB limit"):
        read_all(big)


# ---------------------------------------------------------------------- paths, ids


def test_missing_path_fails_before_reading():
    with pytest.raises(InputError) as info:
        read_all(FIXTURES / "header.txt", "nope/missing.txt")
    assert str(info.value) == "nope/missing.txt: no such file or directory"


def test_directory_walk_sorted_skips_hidden_and_unknown(tmp_path):
    articles, warnings = read_all(FIXTURES / "dir")
    rel = [Path(a.path).relative_to(FIXTURES / "dir").as_posix() for a in articles]
    assert rel == ["b.txt", "sub/a.md", "sub/feed.rss", "sub/feed.rss"]
    assert len(warnings) == 1  # the feed's empty entry; docx, readme, hidden: silent
    # An unknown extension named explicitly is read as text.
    (a,), _ = read_all(FIXTURES / "dir" / "sub" / "readme")
    assert a.text == "ignored"


def test_an_unusable_file_found_in_a_folder_is_skipped_but_named_alone_fails(tmp_path):
    """One broken export in a folder must not cost the folder's other articles."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    story = "Gunmen attacked a police post in Kirkuk on Monday, killing two officers."
    (folder / "a.txt").write_text(story, encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    (folder / "z.txt").write_text(story.replace("Kirkuk", "Mosul"), encoding="utf-8")
    articles, warnings = read_all(folder)
    assert [Path(a.path).name for a in articles] == ["a.txt", "z.txt"]
    assert any(
        w.startswith(str(folder / "broken.jsonl") + ": no usable article line")
        and w.endswith("file skipped")
        for w in warnings
    )
    # Named on its own (or beside the folder), the same file is an error.
    with pytest.raises(InputError, match="no usable article line"):
        read_all(folder / "broken.jsonl")


def test_directory_walk_leaves_out_files_about_the_folder(tmp_path):
    """A README, LICENSE or CHANGELOG beside the articles is no article (with a warning)."""
    folder = tmp_path / "articles"
    (folder / "2025").mkdir(parents=True)
    story = "Gunmen attacked a police post in Kirkuk on Monday, killing two officers."
    (folder / "2025" / "kirkuk.txt").write_text(story, encoding="utf-8")
    (folder / "readme-first-draft.txt").write_text(story, encoding="utf-8")
    table = "| File | What happens |\n| a.txt | Gunmen kill two officers in Kirkuk |\n"
    for name in ("README.md", "2025/readme.txt", "LICENSE", "LICENSE.txt", "CHANGELOG.md"):
        (folder / name).write_text(table, encoding="utf-8")
    articles, warnings = read_all(folder)
    rel = [Path(a.path).relative_to(folder).as_posix() for a in articles]
    assert rel == ["2025/kirkuk.txt", "readme-first-draft.txt"]
    # LICENSE has no known extension: silent, like any such file; the others are named.
    skipped = sorted(w.split(":", 1)[0] for w in warnings)
    expected = ["2025/readme.txt", "CHANGELOG.md", "LICENSE.txt", "README.md"]
    assert skipped == sorted(str(folder / n) for n in expected)
    assert all(
        "describes the folder (README, LICENSE ...), not an article: skipped" in w for w in warnings
    )
    # Named explicitly, a README is read like any file.
    (a,), _ = read_all(folder / "README.md")
    assert "Gunmen kill two officers" in a.text


def test_stable_ids(tmp_path):
    shutil.copy(FIXTURES / "plain.txt", tmp_path / "copy.md")
    (a,), _ = read_all(FIXTURES / "plain.txt")
    (b,), _ = read_all(tmp_path / "copy.md")
    assert a.id == b.id and re.fullmatch(r"a-[0-9a-f]{16}", a.id)
    # Whitespace differences do not change a text id; the text does.
    spaced = Article(id="", text="  Heavy rain caused   the river\n to burst. ")
    assert make_article_id(spaced) == make_article_id(
        Article(id="", text="Heavy rain caused the river to burst.")
    )
    assert make_article_id(spaced) != make_article_id(Article(id="", text="Heavy rain."))
    # URL ids ignore the fragment and host case.
    one = Article(id="", text="x", url="https://News.Example/a?id=1#top")
    two = Article(id="", text="y", url="https://news.example/a?id=1")
    assert make_article_id(one) == make_article_id(two)
    # Given ids are made IRI-safe without collisions.
    assert safe_id("AB-12_x.y") == "AB-12_x.y"
    assert safe_id("a b/é") == "a%20b%2F%C3%A9"
    assert safe_id("..") == "%2E%2E"
    assert safe_id("a/b") != safe_id("a_b")


def test_long_text_ids_are_chunk_safe():
    long_text = ("word " * 300_000).strip()
    other = long_text.replace(" ", "\n  ")
    assert make_article_id(Article(id="", text=long_text)) == make_article_id(
        Article(id="", text=other)
    )


def test_stdin():
    articles, _ = read_all("-", stdin=io.BytesIO((FIXTURES / "header.txt").read_bytes()))
    assert len(articles) == 1 and articles[0].path == "-"
    assert articles[0].title == "Militants attack checkpoint in northern province"
    html = (FIXTURES / "page.html").read_bytes()
    (page,), _ = read_all("-", stdin=io.BytesIO(html))
    assert page.outlet == "Coastal Herald"
    jsonl = (FIXTURES / "articles.jsonl").read_bytes()
    assert len(read_all("-", stdin=io.BytesIO(jsonl))[0]) == 3


# ------------------------------------------------------------------------ property


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=2000).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(
                [
                    b"<div>",
                    b"</p>",
                    b"<rss>",
                    b"<item>",
                    b"---\n",
                    b"title: x\n",
                    b'{"text":',
                    b"\n",
                    b"\xe9",
                    b"\x00",
                    b"<?xml version='1.0'?>",
                    b"<feed>",
                    b"&amp;",
                    b"]]>",
                ]
            ),
            max_size=60,
        ).map(b"".join),
    ),
    ext=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".xml", ".atom", ".gz", ".bin", ""]),
)
def test_arbitrary_bytes_raise_only_kb_errors(data, ext):
    for path in ("input" + ext, "-"):
        try:
            articles = read_article_bytes(data, path, warn=lambda _m: None)
        except KbError:
            continue
        for a in articles:
            assert isinstance(a.text, str) and a.text.strip()
            assert re.fullmatch(r"[A-Za-z0-9._%-]+", a.id)
