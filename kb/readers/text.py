"""Plain-text and Markdown articles, with an optional header block or front matter.

Two header styles are understood::

    title: Drone strike near the border        ---
    published: 2024-03-05                      title: Drone strike near the border
    outlet: Example News                       published: 2024-03-05
    ---                                        ---
    Body text...                               Body text...

Without a header, a short first line followed by a blank line is the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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

#: Header keys with a meaning; ``source`` and ``date`` are accepted aliases.
KNOWN_KEYS = {
    "title",
    "url",
    "published",
    "outlet",
    "source",
    "id",
    "lang",
    "date",
    "language",
    "link",
    "encoding",
    "charset",
    "author",
}
_ALIASES = {"source": "outlet", "date": "published", "language": "lang", "link": "url"}
_KEY_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_.-]{0,63})[ \t]*:(?:[ \t]+(.*)|[ \t]*)$")
_RULE = re.compile(r"-{3,}[ \t]*$")
#: A header longer than this is not a header (keeps scanning of big files cheap).
MAX_HEADER_LINES = 200
#: A first line longer than this is a paragraph, not a title.
MAX_TITLE_CHARS = 250
_ENCODING_LINE = re.compile(rb"(?:encoding|charset)[ \t]*:[ \t]*['\"]?([A-Za-z0-9._:-]+)", re.I)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _parse_block(lines: list[str], yaml: bool) -> dict[str, str] | None:
    """Parse `key: value` lines; None when a line fits no header syntax.

    YAML front matter may also hold indented continuation lines, list items
    (joined with ", ") and comments.
    """
    fields: dict[str, str] = {}
    last: str | None = None
    for line in lines:
        if not line.strip():
            continue
        if yaml and line.lstrip().startswith("#"):
            continue
        m = _KEY_LINE.match(line)
        if m and not line[0].isspace():
            last = m[1].lower().replace("-", "_")
            value = (m[2] or "").strip()
            if value in ("|", "|-", "|+", ">", ">-", ">+"):
                value = ""
            fields.setdefault(last, _unquote(value))
            continue
        if yaml and last is not None and line[0].isspace():
            item = line.strip()
            sep = " "
            if item.startswith("- "):
                item, sep = item[2:], ", "
            if fields[last]:
                fields[last] = f"{fields[last]}{sep}{_unquote(item)}"
            else:
                fields[last] = _unquote(item)
            continue
        return None
    return fields


def split_header(text: str) -> tuple[dict[str, str], str, bool]:
    """Split a header block or front matter from the body.

    Returns:
        (fields with lowercase keys, body, whether a header was found).
    """
    lines = text.split("\n", MAX_HEADER_LINES + 2)
    if lines and _RULE.match(lines[0]):
        # Front matter: the header sits between two rule lines.
        for i in range(1, min(len(lines), MAX_HEADER_LINES + 2)):
            if _RULE.match(lines[i]) or lines[i].rstrip() == "...":
                fields = _parse_block(lines[1:i], yaml=True)
                if fields is not None and (fields or i == 1):
                    return fields, "\n".join(lines[i + 1 :]), True
                break
        return {}, text, False
    for i in range(min(len(lines), MAX_HEADER_LINES + 1)):
        if _RULE.match(lines[i]):
            if i == 0:
                break
            fields = _parse_block(lines[:i], yaml=False)
            # A known key is required: otherwise a line such as "Breaking: ..."
            # above a Markdown rule would pass for a header.
            if fields and KNOWN_KEYS.intersection(fields):
                return fields, "\n".join(lines[i + 1 :]), True
            break
        if lines[i].strip() and not _KEY_LINE.match(lines[i]):
            break
    return {}, text, False


def _declared_encoding(data: bytes) -> str | None:
    """The `encoding:` (or `charset:`) key of a header, read from the raw bytes."""
    lines = data[:16384].split(b"\n", MAX_HEADER_LINES + 1)[:MAX_HEADER_LINES]
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(b"---"):
            if i == 0:
                continue
            break
        m = _ENCODING_LINE.match(stripped)
        if m:
            return m[1].decode("ascii")
    return None


def _strip_blank_lines(body: str) -> str:
    """Drop blank lines before the first text and whitespace after the last."""
    m = re.match(r"(?:[ \t]*\n)*", body)
    return body[m.end() :].rstrip() if m else body.rstrip()


def _title_from_first_line(body: str) -> tuple[str | None, str]:
    """Take a short first line followed by a blank line as the title."""
    first, sep, rest = body.partition("\n")
    if not sep:
        return None, body
    second, _, remainder = rest.partition("\n")
    candidate = first.strip()
    if second.strip() or not candidate or len(candidate) > MAX_TITLE_CHARS:
        return None, body
    # A line ending in a full stop is a one-sentence lead paragraph, not a
    # headline; keeping it in the body loses nothing.
    if candidate.endswith(".") and not candidate.endswith("..."):
        return None, body
    title = re.sub(r"^#{1,6}\s+", "", candidate).strip() or None
    return title, remainder


class TextReader(Reader):
    """Reads ``.txt`` and ``.md`` articles (one article per file)."""

    name = "text"

    def read(
        self, data: bytes, path: str, options: ReadOptions, *, warn: Warn = log_warning
    ) -> Iterator[Article]:
        """Yield the one article in the file; see the module docstring for the layout."""
        text = decode_bytes(
            data,
            path,
            encoding=options.encoding,
            declared=_declared_encoding(data),
            warn=warn,
        )
        text = normalise_newlines(text)
        fields, body, _has_header = split_header(text)
        body = _strip_blank_lines(body)
        title = fields.get("title") or None
        if title is None:
            title, body = _title_from_first_line(body)
            body = _strip_blank_lines(body)
        values = dict(fields)
        for alias, key in _ALIASES.items():
            if alias in values:
                value = values.pop(alias)
                values.setdefault(key, value)
        published = None
        if values.get("published"):
            try:
                published = parse_date_value(values["published"])
            except InputError as e:
                warn(f"{path}: published date ignored: {e}")
        known = {"title", "url", "published", "outlet", "id", "lang", "encoding", "charset"}
        metadata = {k: v for k, v in values.items() if k not in known}
        yield Article(
            id=values.get("id", ""),
            text=body,
            title=title,
            url=values.get("url") or None,
            published=published,
            outlet=values.get("outlet") or None,
            path=path,
            lang=normalise_lang(values.get("lang")),
            metadata=metadata,
        )
