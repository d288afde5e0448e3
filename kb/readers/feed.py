"""RSS and Atom feeds: one article per entry, the outlet being the feed's title.

feedparser is handed the bytes in a stream, never a string: given a string it
would try it as a URL or a file name.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from typing import Any

from kb.errors import InputError
from kb.model import Article
from kb.readers.base import (
    Reader,
    ReadOptions,
    Warn,
    decode_bytes,
    log_warning,
    normalise_lang,
    normalise_newlines,
    parse_date_value,
)
from kb.readers.htmlpage import declared_charset, html_to_text

_FEED_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,300}\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]{0,1000}>\s*"
    rb"|<\?[^>]{0,300}\?>\s*)*<(?:rss|feed|rdf:RDF)\b",
    re.S,
)


_HTTP = re.compile(r"https?://\S+$", re.I)


def looks_like_feed(data: bytes) -> bool:
    """True when the document element (after the XML prolog) is rss, feed or rdf:RDF."""
    return bool(_FEED_START.match(data[:8192]))


def _entry_text(entry: Any) -> str:
    """The longest of the entry's contents, else its summary, as plain text."""
    details = [c for c in entry.get("content") or [] if c.get("value")]
    if not details and entry.get("summary"):
        details = [entry.get("summary_detail") or {"value": entry["summary"], "type": "text/html"}]
    if not details:
        return ""
    best = max(details, key=lambda c: len(c.get("value") or ""))
    value = best.get("value") or ""
    if (best.get("type") or "").lower() == "text/plain":
        return normalise_newlines(value).strip()
    return html_to_text(value)


def _plain(detail: Any, value: str | None) -> str | None:
    if not value:
        return None
    if detail and "html" in (detail.get("type") or "") and ("<" in value or "&" in value):
        value = html_to_text(value)
    return " ".join(value.split()) or None


def _entry_date(entry: Any, path: str, warn: Warn) -> Any:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        # The date as written; feedparser's *_parsed values are converted to
        # UTC and would move late-evening items to the next day.
        try:
            return parse_date_value(raw)
        except InputError:
            parsed = entry.get(f"{key}_parsed")
            if parsed:
                return parse_date_value(time.strftime("%Y-%m-%d", parsed))
            warn(f"{path}: entry {entry.get('title', '')!r}: published date {raw!r} ignored")
    return None


class FeedReader(Reader):
    """Reads RSS 0.9x/1.0/2.0 and Atom feeds."""

    name = "feed"

    def read(
        self, data: bytes, path: str, options: ReadOptions, *, warn: Warn = log_warning
    ) -> Iterator[Article]:
        """Yield one article per feed entry.

        Raises:
            kb.errors.InputError: The file is not an RSS or Atom feed.
        """
        text = decode_bytes(
            data, path, encoding=options.encoding, declared=declared_charset(data), warn=warn
        )
        # Decoding is done: re-encode as UTF-8 and say so in a header, which
        # feedparser lets override the XML declaration.
        import feedparser

        try:
            parsed = feedparser.parse(
                io.BytesIO(text.encode("utf-8")),
                response_headers={"content-type": "application/xml; charset=utf-8"},
                resolve_relative_uris=False,
            )
        except Exception as e:  # noqa: BLE001 - third-party parser on untrusted input
            raise InputError(f"{path}: cannot parse the feed ({type(e).__name__}: {e})") from None
        if not parsed.get("version") and not parsed.entries:
            problem = parsed.get("bozo_exception")
            detail = f" ({problem})" if problem else ""
            raise InputError(f"{path}: not an RSS or Atom feed{detail}")
        feed = parsed.get("feed") or {}
        outlet = _plain(feed.get("title_detail"), feed.get("title"))
        feed_lang = feed.get("language")
        if not parsed.entries:
            warn(f"{path}: feed has no entries")
        for entry in parsed.entries:
            metadata: dict[str, str] = {}
            guid = entry.get("id")
            if guid:
                metadata["guid"] = str(guid)
            if entry.get("author"):
                metadata["author"] = str(entry["author"])
            tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
            if tags:
                metadata["categories"] = ", ".join(tags)
            # feedparser may fill `link` from a non-URL guid (tag:, urn:).
            candidates = (str(v).strip() for v in (entry.get("link"), guid) if v)
            link = next((v for v in candidates if _HTTP.match(v)), None)
            yield Article(
                id="",
                text=_entry_text(entry),
                title=_plain(entry.get("title_detail"), entry.get("title")),
                url=link,
                published=_entry_date(entry, path, warn),
                outlet=outlet,
                path=path,
                lang=normalise_lang(entry.get("language") or feed_lang),
                metadata=metadata,
            )
