"""Article readers: files, directories and standard input to :class:`kb.model.Article`.

Formats: plain text and Markdown (optional header or front matter), HTML pages,
JSON Lines, RSS/Atom feeds, and any of these gzip-compressed (``.gz``). The
reader is chosen from the extension and, for ``-`` and unknown extensions, by
sniffing the content. Readers are registered in :data:`READERS` and imported
only when first used.

Typical use::

    for article in read_paths(["articles/"], ReadOptions(outlet="Example News")):
        ...
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from kb.errors import InputError
from kb.model import Article
from kb.readers.base import Reader, ReadOptions, Warn, log_warning, make_article_id

__all__ = [
    "MAX_DECOMPRESSED_BYTES",
    "MAX_FILE_BYTES",
    "READERS",
    "ReadOptions",
    "Reader",
    "choose_reader",
    "get_reader",
    "read_article_bytes",
    "read_paths",
]

#: Files larger than this are refused (a 50 MB article still reads).
MAX_FILE_BYTES = 100 * 1024 * 1024
#: A ``.gz`` input may decompress to at most this many bytes.
MAX_DECOMPRESSED_BYTES = 200 * 1024 * 1024

#: Reader name -> ``module:Class``, imported on first use.
READERS: dict[str, str] = {
    "text": "kb.readers.text:TextReader",
    "html": "kb.readers.htmlpage:HtmlReader",
    "jsonl": "kb.readers.jsonl:JsonlReader",
    "feed": "kb.readers.feed:FeedReader",
}

#: Extension -> reader name; only these are read when walking a directory.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}

_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"RIFF", "RIFF media"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])",
    re.I | re.S,
)

_instances: dict[str, Reader] = {}


def get_reader(name: str) -> Reader:
    """The reader registered under `name`, imported on first use.

    Raises:
        KeyError: No reader has that name.
    """
    reader = _instances.get(name)
    if reader is None:
        module_name, _, class_name = READERS[name].partition(":")
        reader = getattr(importlib.import_module(module_name), class_name)()
        _instances[name] = reader
    return reader


def _extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _is_gzip_path(path: str) -> bool:
    return path.lower().endswith(".gz")


def _binary_kind(data: bytes) -> str | None:
    """What kind of binary file `data` is, or None for text."""
    if data.startswith(_TEXT_BOMS):
        return None  # UTF-16 text has NUL bytes but says so in its BOM
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            # Short signatures that could begin a text are confirmed further on.
            if kind == "bzip2 data" and not re.match(rb"BZh[1-9]1AY&SY", data):
                continue
            if kind == "MP3 audio" and not (len(data) > 3 and data[3] < 5):
                continue
            if kind == "RIFF media" and data[8:12] not in (b"WAVE", b"AVI ", b"WEBP"):
                continue
            return kind
    if b"\x00" in data[:8192]:
        return "binary data"
    return None


def _sniff(data: bytes) -> str:
    """Reader for content whose extension says nothing (stdin, unknown extensions)."""
    from kb.readers.feed import looks_like_feed

    if looks_like_feed(data):
        return "feed"
    if _HTML_START.match(data[:8192]):
        return "html"
    head = data[:65536].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{"):
        first = head.split(b"\n", 1)[0]
        if b'"text"' in first or b'"body"' in first or b'"content"' in first:
            return "jsonl"
    return "text"


def choose_reader(path: str, data: bytes) -> str:
    """Name of the reader for `data` read from `path` (without any ``.gz`` suffix).

    The extension decides, except that text and unknown files that start like an
    RSS/Atom feed are feeds, and stdin (``-``) and unknown extensions are sniffed.
    """
    name = EXTENSIONS.get(_extension(path)) if path != "-" else None
    if name in ("html", "jsonl", "feed"):
        return name
    if name == "text":
        from kb.readers.feed import looks_like_feed

        return "feed" if looks_like_feed(data) else "text"
    return _sniff(data)


def _gunzip(data: bytes, path: str) -> bytes:
    """Decompress gzip `data`, refusing output larger than MAX_DECOMPRESSED_BYTES."""
    limit = MAX_DECOMPRESSED_BYTES
    out: list[bytes] = []
    size = 0
    rest = data
    try:
        while rest:
            # One decompressor per gzip member (files may be concatenated).
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            chunk = d.decompress(rest, limit - size + 1)
            while True:
                size += len(chunk)
                if size > limit:
                    raise InputError(
                        f"{path}: decompresses to more than {limit // (1024 * 1024)} MB "
                        "(a compression bomb?); refusing to read it"
                    )
                out.append(chunk)
                if not d.unconsumed_tail:
                    break
                chunk = d.decompress(d.unconsumed_tail, limit - size + 1)
            if not d.eof:
                raise InputError(f"{path}: truncated gzip file")
            rest = d.unused_data.lstrip(b"\x00")
    except zlib.error as e:
        raise InputError(f"{path}: not a valid gzip file ({e})") from None
    return b"".join(out)


def _finish(article: Article, path: str, options: ReadOptions, warn: Warn) -> Article | None:
    """Apply overrides, derive the id, and drop empty articles with a warning."""
    article.path = path
    if options.published is not None:
        article.published = options.published
    if options.outlet is not None:
        article.outlet = options.outlet
    if not article.text.strip():
        label = f" {article.title!r}" if article.title else ""
        warn(f"{path}: empty article{label} (no text after the header), skipped")
        return None
    article.id = make_article_id(article)
    return article


def _read_bytes(
    data: bytes, path: str, options: ReadOptions, warn: Warn, explicit: bool
) -> Iterator[Article]:
    choice_path = path
    if _is_gzip_path(path):
        data = _gunzip(data, path)
        choice_path = path[:-3]
    kind = _binary_kind(data)
    if kind is not None:
        warn(f"{path}: binary file ({kind}), skipped")
        return
    name = choose_reader(choice_path, data)
    if name == "feed" and not explicit:
        from kb.readers.feed import looks_like_feed

        if not looks_like_feed(data):
            # Sitemaps and other XML found while walking a directory are not news.
            warn(f"{path}: XML but not an RSS or Atom feed, skipped")
            return
    count = 0
    try:
        for article in get_reader(name).read(data, path, options, warn=warn):
            finished = _finish(article, path, options, warn)
            if finished is not None:
                count += 1
                yield finished
    except InputError as e:
        if explicit:
            raise
        # A file found while walking a folder is skipped like a binary or a sitemap:
        # one broken export must not cost the folder's other articles.
        warn(f"{e}; file skipped")
        return
    if not count and name in ("jsonl", "feed") and data.strip():
        warn(f"{path}: no articles")


def read_article_bytes(
    data: bytes, path: str, options: ReadOptions | None = None, *, warn: Warn | None = None
) -> list[Article]:
    """Read the articles held in `data` as if it were the file `path`.

    Args:
        data: Raw bytes of the file (gzip-compressed when `path` ends in ``.gz``).
        path: Path used to choose the reader, in messages and as `Article.path`;
            ``-`` means standard input (the content is sniffed).
        options: Encoding and overrides.
        warn: Receives one-line warnings (binary or empty input, bad lines);
            defaults to the ``kb.readers`` logger.

    Returns:
        The articles, empty when the input is binary or holds no text.

    Raises:
        kb.errors.InputError: The input is unusable (its subclass EncodingError
            when it cannot be decoded).
    """
    return list(_read_bytes(data, path, options or ReadOptions(), warn or log_warning, True))


def _read_file(path: str) -> bytes:
    limit = MAX_FILE_BYTES
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise InputError(
                    f"{path}: file is {size / 1024 / 1024:.0f} MB, over the "
                    f"{limit // (1024 * 1024)} MB limit; split it into smaller files"
                )
            data = f.read(limit + 1)
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    if len(data) > limit:
        raise InputError(f"{path}: over the {limit // (1024 * 1024)} MB limit")
    return data


def _wanted(name: str) -> bool:
    """Whether a file met while walking a directory is an article file."""
    if name.startswith("."):
        return False
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return _extension(lower) in EXTENSIONS


#: Names (before the first dot, any case) of the files a folder of articles often holds
#: about the folder itself: a README describing the collection is no news article, and
#: its table of contents read as one made events out of the article summaries. Read
#: only when named explicitly.
NOT_ARTICLES = frozenset(
    {"readme", "license", "licence", "changelog", "changes", "contributing", "copying", "notice"}
)


def _about_the_folder(name: str) -> bool:
    return name.split(".", 1)[0].lower() in NOT_ARTICLES


def _walk(directory: str) -> tuple[list[str], list[str]]:
    """Article files under `directory`, recursively, in sorted order, hidden ones skipped.

    Returns:
        (the article files, the files left out as being about the folder: READMEs ...).
    """
    found: list[tuple[tuple[str, ...], str]] = []
    left: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(root, directory)
        parts = () if rel == os.curdir else tuple(rel.split(os.sep))
        for name in files:
            full = os.path.join(root, name)
            if _wanted(name) and os.path.isfile(full):
                (left if _about_the_folder(name) else found).append(((*parts, name), full))
    return [full for _, full in sorted(found)], [full for _, full in sorted(left)]


def read_paths(
    paths: Sequence[str],
    options: ReadOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    warn: Callable[[str], None] | None = None,
) -> Iterator[Article]:
    """Read articles from files, directories (recursively) and ``-`` (standard input).

    All paths are checked before the first article is read, so a typo fails
    fast. Inside directories only known extensions are read; hidden files and files
    about the folder itself (README, LICENSE, CHANGELOG ...: :data:`NOT_ARTICLES`) are
    skipped, the latter with a warning. A file named explicitly is read whatever its
    name and extension.

    Args:
        paths: Paths as the user gave them.
        options: Encoding and overrides.
        stdin: Stream read for ``-`` (default: ``sys.stdin.buffer``).
        warn: Receives one-line warnings such as
            ``articles/photo.png: binary file (PNG image), skipped``.

    Yields:
        Articles in input order, directory contents in sorted order.

    Raises:
        kb.errors.InputError: A path does not exist or a file is unusable.
    """
    options = options or ReadOptions()
    warn = warn or log_warning
    items: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            items.append((path, True))
            continue
        if not os.path.exists(path):
            raise InputError(f"{path}: no such file or directory")
        if os.path.isdir(path):
            files, left = _walk(path)
            for f in left:
                warn(
                    f"{f}: describes the folder (README, LICENSE ...), not an article: "
                    "skipped; name the file itself to read it"
                )
            if not files:
                warn(f"{path}: no article files in this directory")
            new = [(f, False) for f in files if os.path.realpath(f) not in seen]
            seen.update(os.path.realpath(f) for f, _ in new)
            items.extend(new)
        elif os.path.realpath(path) not in seen:
            seen.add(os.path.realpath(path))
            items.append((path, True))
    for path, explicit in items:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise InputError(
                    f"-: standard input is over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit; "
                    "split it into smaller files"
                )
        else:
            data = _read_file(path)
        yield from _read_bytes(data, path, options, warn, explicit)
