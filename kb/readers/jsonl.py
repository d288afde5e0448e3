"""JSON Lines: one article object per line.

Fields: ``id``, ``url``, ``title``, ``published``, ``outlet`` (or ``source``),
``lang`` and ``text`` (or ``body`` / ``content``); other scalar fields go to
`Article.metadata`. A bad line is skipped with a warning naming the line; the
file is an error only when no line is usable.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from kb.errors import EncodingError, InputError
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

_FIELDS = {
    "id": ("id",),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "pubdate"),
    "outlet": ("outlet", "source", "publisher"),
    "lang": ("lang", "language"),
    "text": ("text", "body", "content"),
}
_USED = {name for names in _FIELDS.values() for name in names}


def _scalar(value: Any) -> str | None:
    """A field value as a string; objects with a ``name`` give the name."""
    if isinstance(value, dict):
        value = value.get("name")
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip() or None


def _pick(obj: dict[str, Any], field: str) -> Any:
    for name in _FIELDS[field]:
        if obj.get(name) is not None:
            return obj[name]
    return None


class JsonlReader(Reader):
    """Reads ``.jsonl`` and ``.ndjson`` files (one article per line)."""

    name = "jsonl"

    def _lines(
        self, data: bytes, path: str, options: ReadOptions, warn: Warn
    ) -> Iterator[tuple[int, str | None]]:
        """(line number, decoded line or None when the line is not valid UTF-8)."""
        if options.encoding or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            text = decode_bytes(data, path, encoding=options.encoding, warn=warn)
            for number, line in enumerate(text.split("\n"), 1):
                yield number, line
            return
        # JSON is UTF-8 by definition: decode line by line so that one corrupt
        # line does not condemn the file.
        data = data.removeprefix(b"\xef\xbb\xbf")
        for number, raw in enumerate(data.split(b"\n"), 1):
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, None

    def read(
        self, data: bytes, path: str, options: ReadOptions, *, warn: Warn = log_warning
    ) -> Iterator[Article]:
        """Yield one article per usable line.

        Raises:
            kb.errors.InputError: No line of a non-empty file is usable.
            kb.errors.EncodingError: No line is valid UTF-8.
        """
        good = bad = undecodable = 0
        first_problem = ""
        for number, line in self._lines(data, path, options, warn):
            problem = None
            obj: Any = None
            if line is None:
                undecodable += 1
                problem = "not valid UTF-8"
            elif not line.strip():
                continue
            else:
                try:
                    obj = json.loads(line)
                except RecursionError:
                    problem = "JSON nested too deeply"
                except ValueError as e:
                    problem = f"invalid JSON ({e.args[0] if e.args else e})"
                else:
                    if not isinstance(obj, dict):
                        problem = f"expected a JSON object, got {type(obj).__name__}"
                    elif not isinstance(_pick(obj, "text"), str):
                        problem = 'no "text" string'
            if problem is not None:
                bad += 1
                first_problem = first_problem or f"line {number}: {problem}"
                warn(f"{path}:{number}: {problem}, line skipped")
                continue
            good += 1
            text = normalise_newlines(_pick(obj, "text"))
            if not text.strip():
                warn(f"{path}:{number}: empty article (no text), skipped")
                continue
            published = None
            raw_date = _pick(obj, "published")
            if raw_date is not None:
                try:
                    published = parse_date_value(_scalar(raw_date))
                except InputError as e:
                    warn(f"{path}:{number}: published date ignored: {e}")
            metadata = {
                key: value
                for key, value in ((k, _scalar(v)) for k, v in obj.items() if k not in _USED)
                if value is not None
            }
            title = _scalar(_pick(obj, "title"))
            yield Article(
                id=_scalar(_pick(obj, "id")) or "",
                text=text,
                title=" ".join(title.split()) if title else None,
                url=_scalar(_pick(obj, "url")),
                published=published,
                outlet=_scalar(_pick(obj, "outlet")),
                path=path,
                lang=normalise_lang(_scalar(_pick(obj, "lang"))),
                metadata=metadata,
            )
        if not good and bad:
            if undecodable == bad:
                raise EncodingError(
                    f"{path}: not valid UTF-8 on any line; pass --encoding latin-1 "
                    "(or the file's real encoding)"
                )
            raise InputError(
                f"{path}: no usable article line ({first_problem}); expected one JSON object "
                'with a "text" field per line'
            )
