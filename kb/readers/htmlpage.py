"""HTML pages: the article body without page furniture, plus title, date and outlet.

The page is parsed with selectolax (lexbor, an HTML5 parser written in C). The
body is taken from ``<article>``, ``<main>`` or the element holding the most
paragraph text, after navigation, headers, footers, asides, scripts, forms and
cookie or sharing widgets are removed. Paragraphs come out separated by blank
lines. (The module is not called ``html`` so that it does not shadow the
standard library.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from kb.errors import InputError
from kb.model import Article
from kb.readers.base import (
    Reader,
    ReadOptions,
    Warn,
    decode_bytes,
    log_warning,
    normalise_lang,
    parse_date_value,
)

#: Elements nested deeper than this are dropped before parsing. HTML5 tree
#: building is quadratic in nesting depth (100,000 nested divs take minutes);
#: real pages stay far below this (browsers cap the DOM depth at 512).
MAX_DEPTH = 256


def _names(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


_VOID = _names(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param source "
    "track wbr"
)
# Elements that close their open sibling implicitly; counting them would make
# an old page with thousands of unclosed <p> look deeply nested.
_AUTO_CLOSED = _names("p li dt dd option optgroup tr td th rb rt rp rtc tbody thead tfoot")
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|textarea|title|xmp)\b[^<>]{0,4096}>.*?(?:</\1\s*>|\Z)"
    # Quoted attribute values may hold < and >; every repetition consumes a
    # character or a whole quoted value, so a failed match cannot backtrack far.
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]{0,64})"
    r"(?:[^<>\"']|\"[^\"]{0,4096}\"|'[^']{0,4096}'){0,4096}?(/?)>",
    re.S | re.I,
)

_BLOCK = "\ue000"  # private-use characters: markers between blocks and lines
_LINE = "\ue001"
_BLOCK_TAGS = sorted(
    _names(
        "address article aside blockquote caption center dd details dialog div dl dt fieldset "
        "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre "
        "section summary table tbody thead tfoot tr ul"
    )
)
# Removed with their content wherever they are.
_HARD_BOILERPLATE = sorted(
    _names(
        "script style noscript template iframe svg canvas object embed button select textarea "
        "input head figure"
    )
)
# Removed unless they hold the article (some sites wrap the page in a <form>).
_SOFT_BOILERPLATE = ("nav", "header", "footer", "aside", "form", "menu", "dialog")
_BOILERPLATE_ROLES = _names("navigation banner contentinfo complementary search dialog alertdialog")
# class or id words of cookie banners, sharing bars, ads and the like.
_BOILERPLATE_WORDS = _names(
    "cookie cookies consent gdpr newsletter subscribe subscription paywall share sharing "
    "social related recommended recirculation promo advert advertisement ad ads adslot "
    "sponsor sponsored breadcrumb breadcrumbs comment comments sidebar popup modal outbrain "
    "taboola skiplink"
)
_WORD_SPLIT = re.compile(r"[\s_-]+")
# A CSS pre-filter, so that Python only looks at elements that may be furniture.
_BOILERPLATE_SELECTOR = ",".join(
    ["[role]", "[aria-hidden]", "[hidden]", '[style*="none" i]', '[style*="hidden" i]']
    + [f'[class*="{w}" i],[id*="{w}" i]' for w in sorted(_BOILERPLATE_WORDS)]
)

_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)

_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "dcterms.title")
_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article.published",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "sailthru.date",
    "parsely-pub-date",
)
_OUTLET_KEYS = ("og:site_name", "dc.publisher", "dcterms.publisher", "application-name")
_ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "blogposting", "report")
_MAX_JSON_LD = 1_000_000


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KB."""
    head = data[:4096]
    m = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return m[1].decode("ascii") if m else None


def limit_nesting(html: str, max_depth: int = MAX_DEPTH) -> str:
    """Drop start and end tags nested deeper than `max_depth`, keeping their text.

    A cheap tag scan, not a parser: it only bounds the work of the real parser.
    """
    if html.count("<") <= max_depth:
        return html
    depth = 0
    drops: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(html):
        name = m.group(3)
        if name is None:
            continue  # comment or raw-text element
        name = name.lower()
        if name in _VOID or name in _AUTO_CLOSED:
            continue
        if m.group(2):
            if depth > max_depth:
                drops.append(m.span())
            depth = max(depth - 1, 0)
        elif not m.group(4):
            depth += 1
            if depth > max_depth:
                drops.append(m.span())
    if not drops:
        return html
    parts: list[str] = []
    pos = 0
    for start, end in drops:
        parts.append(html[pos:start])
        pos = end
    parts.append(html[pos:])
    return "".join(parts)


def _parse(html: str) -> LexborHTMLParser:
    # The markers must not occur in the page itself.
    html = html.replace(_BLOCK, "").replace(_LINE, "")
    return LexborHTMLParser(limit_nesting(html))


# ------------------------------------------------------------------------ metadata


def _meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    metas: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or ""
        key = key.strip().lower()
        content = (attrs.get("content") or "").strip()
        if key and content and key not in metas:
            metas[key] = content
        equiv = (attrs.get("http-equiv") or "").strip().lower()
        if equiv == "content-language" and content:
            metas.setdefault("content-language", content)
    return metas


def _json_ld(tree: LexborHTMLParser) -> dict[str, Any]:
    """The first article-like JSON-LD object of the page (empty when none)."""
    fallback: dict[str, Any] = {}
    for script in tree.css("script"):
        if (script.attributes.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text(deep=True)
        if not raw or len(raw) > _MAX_JSON_LD:
            continue
        try:
            stack: list[Any] = [json.loads(raw)]
        except (ValueError, RecursionError):
            continue
        steps = 0
        while stack and steps < 10_000:
            steps += 1
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                names = {str(t).lower() for t in types if t}
                if names.intersection(_ARTICLE_TYPES):
                    return item
                if "datePublished" in item and not fallback:
                    fallback = item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))
    return fallback


def _ld_name(value: Any) -> str | None:
    """A name from a JSON-LD value: a string, an object with ``name``, or a list of them."""
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value[:10] if not isinstance(v, list)) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _ld_str(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _first_attr(tree: LexborHTMLParser, selector: str, *attrs: str) -> str | None:
    for node in tree.css(selector):
        for attr in attrs:
            value = (node.attributes.get(attr) or "").strip()
            if value:
                return value
    return None


def _http_url(value: str | None) -> str | None:
    if value and re.match(r"https?://\S+$", value.strip(), re.I):
        return value.strip()
    return None


def _clean_title(title: str | None, outlet: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(title.split())
    if outlet:
        # <title> often reads "Headline | Outlet" or "Headline - Outlet".
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            suffix = sep + outlet
            if title.lower().endswith(suffix.lower()) and len(title) > len(suffix):
                title = title[: -len(suffix)].rstrip()
                break
    return title or None


def read_metadata(tree: LexborHTMLParser) -> dict[str, Any]:
    """Title, published date candidates, outlet, URL, language and extras of a page."""
    metas = _meta_tags(tree)
    ld = _json_ld(tree)
    title_node = tree.css_first("title")
    h1 = tree.css_first("h1")
    outlet = next((metas[k] for k in _OUTLET_KEYS if k in metas), None)
    outlet = outlet or _ld_name(ld.get("publisher"))
    title = next((metas[k] for k in _TITLE_KEYS if k in metas), None)
    title = title or _ld_str(ld.get("headline"))
    if not title and title_node is not None:
        title = _clean_title(title_node.text(), outlet)
    if not title and h1 is not None:
        title = h1.text()
    dates = [metas[k] for k in _DATE_KEYS if k in metas]
    if isinstance(ld.get("datePublished"), str):
        dates.append(ld["datePublished"])
    itemprop = _first_attr(tree, "[itemprop=datePublished]", "datetime", "content")
    if itemprop:
        dates.append(itemprop)
    pubdate = _first_attr(tree, "time[pubdate]", "datetime")
    if pubdate:
        dates.append(pubdate)
    url = _http_url(_first_attr(tree, "link[rel=canonical]", "href"))
    url = url or _http_url(metas.get("og:url")) or _http_url(_ld_str(ld.get("url")))
    lang = _first_attr(tree, "html", "lang", "xml:lang") or metas.get("content-language")
    lang = lang or metas.get("og:locale") or _ld_str(ld.get("inLanguage"))
    extra: dict[str, str] = {}
    author = metas.get("author") or metas.get("article:author") or _ld_name(ld.get("author"))
    if author:
        extra["author"] = author
    description = metas.get("description") or metas.get("og:description")
    if description:
        extra["description"] = description
    if metas.get("article:section"):
        extra["section"] = metas["article:section"]
    return {
        "title": _clean_title(title, None),
        "dates": dates,
        "outlet": outlet,
        "url": url,
        "lang": normalise_lang(lang),
        "metadata": extra,
    }


# ---------------------------------------------------------------------------- body


def _p_len(node: LexborNode) -> int:
    return sum(len(p.text(deep=True).strip()) for p in node.css("p"))


def _is_boilerplate(node: LexborNode) -> bool:
    attrs = node.attributes
    if attrs.get("role", "") and attrs["role"].strip().lower() in _BOILERPLATE_ROLES:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true" or "hidden" in attrs:
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    words = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    return bool(_BOILERPLATE_WORDS.intersection(_WORD_SPLIT.split(words)))


def _remove_boilerplate(root: LexborNode) -> None:
    root.strip_tags(_HARD_BOILERPLATE, recursive=True)
    total = _p_len(root)
    candidates: list[LexborNode] = list(root.css(",".join(_SOFT_BOILERPLATE)))
    candidates += [
        n
        for n in root.css(_BOILERPLATE_SELECTOR)
        if n.tag not in ("html", "body", "main", "article") and _is_boilerplate(n)
    ]
    chosen: dict[int, LexborNode] = {}
    for node in candidates:
        if node.mem_id in chosen or node.tag in ("html", "body"):
            continue
        # Never remove what holds the article: a page-wide <form>, or a wrapper
        # whose class happens to say "sidebar".
        if node.css_first("article, main") is not None:
            continue
        if total and _p_len(node) > 0.5 * total:
            continue
        chosen[node.mem_id] = node
    outermost = []
    for node in chosen.values():
        parent = node.parent
        while parent is not None and parent.mem_id not in chosen:
            parent = parent.parent
        if parent is None:
            outermost.append(node)
    for node in outermost:
        node.decompose()


def _choose_container(root: LexborNode) -> LexborNode:
    total = _p_len(root)
    for selector in ("article", "main, [role=main]"):
        nodes = root.css(selector)
        if not nodes:
            continue
        best = max(nodes, key=_p_len)
        size = _p_len(best)
        if (total and size >= 0.3 * total) or (not total and best.text().strip()):
            return best
    if not total:
        return root
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for p in root.css("p"):
        size = len(p.text(deep=True).strip())
        parent = p.parent
        if parent is None or not size:
            continue
        scores[parent.mem_id] = scores.get(parent.mem_id, 0) + size
        nodes[parent.mem_id] = parent
        grand = parent.parent
        if grand is not None:
            scores[grand.mem_id] = scores.get(grand.mem_id, 0) + size / 2
            nodes[grand.mem_id] = grand
    if not scores:
        return root
    return nodes[max(scores, key=lambda k: scores[k])]


def _blocks_text(container: LexborNode) -> str:
    """The text of `container`, one paragraph per block element, blank lines between."""
    for node in container.css(",".join(_BLOCK_TAGS)):
        node.insert_before(_BLOCK)
        node.insert_after(_BLOCK)
    for node in container.css("br"):
        node.insert_after(_LINE)
    for node in container.css("td, th"):
        node.insert_after(" ")
    raw = container.text(deep=True)
    blocks: list[str] = []
    for chunk in raw.split(_BLOCK):
        lines: list[str] = []
        for line in chunk.split(_LINE):
            line = " ".join(line.split())
            if line:
                lines.append(line)
            elif lines:
                # <br><br>: pages without <p> separate paragraphs this way.
                blocks.append("\n".join(lines))
                lines = []
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): blocks, no scripts.

    Args:
        html: HTML markup, possibly a fragment without ``<html>`` or ``<body>``.

    Returns:
        Paragraphs separated by blank lines.
    """
    if "<" not in html and "&" not in html:
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", html) if p.strip())
    tree = _parse(html)
    root = tree.body or tree.root
    if root is None:
        return ""
    root.strip_tags(["script", "style", "noscript", "template", "iframe", "svg"], recursive=True)
    return _blocks_text(root)


def page_article(html: str) -> tuple[dict[str, Any], str]:
    """Split an HTML page into its metadata (see :func:`read_metadata`) and body text."""
    tree = _parse(html)
    meta = read_metadata(tree)
    root = tree.body or tree.root
    if root is None:
        return meta, ""
    _remove_boilerplate(root)
    text = _blocks_text(_choose_container(root))
    title = meta["title"]
    if title and text:
        first, sep, rest = text.partition("\n\n")
        if " ".join(first.split()).lower() == title.lower():
            text = rest if sep else ""
    return meta, text


class HtmlReader(Reader):
    """Reads ``.html`` and ``.htm`` pages (one article per page)."""

    name = "html"

    def read(
        self, data: bytes, path: str, options: ReadOptions, *, warn: Warn = log_warning
    ) -> Iterator[Article]:
        """Yield the page's article with title, date, outlet and URL from its meta tags."""
        html = decode_bytes(
            data, path, encoding=options.encoding, declared=declared_charset(data), warn=warn
        )
        meta, text = page_article(html)
        published = None
        for value in meta["dates"]:
            try:
                published = parse_date_value(value)
            except InputError:
                continue
            if published:
                break
        yield Article(
            id="",
            text=text,
            title=meta["title"],
            url=meta["url"],
            published=published,
            outlet=meta["outlet"],
            path=path,
            lang=meta["lang"],
            metadata=meta["metadata"],
        )
