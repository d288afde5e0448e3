"""Shared pieces of the article readers: options, the reader base class, decoding and ids.

Every reader turns the bytes of one input into :class:`kb.model.Article` objects.
Decoding, date parsing and id derivation live here so that every format behaves
the same way.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import logging
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from kb.errors import EncodingError, InputError, UsageError
from kb.extract.dates import parse_published
from kb.model import Article

__all__ = [
    "ReadOptions",
    "Reader",
    "Warn",
    "decode_bytes",
    "log_warning",
    "make_article_id",
    "normalise_lang",
    "normalise_newlines",
    "parse_date_value",
    "safe_id",
]

#: A callback receiving one-line warning messages (``path: what happened``).
Warn = Callable[[str], None]

_log = logging.getLogger("kb.readers")


def log_warning(message: str) -> None:
    """Default warning sink: the ``kb.readers`` logger."""
    _log.warning(message)


@dataclass
class ReadOptions:
    """Choices the user made on the command line that change how articles are read.

    Attributes:
        encoding: Decode every input with this codec instead of detecting one.
        published: Publication date to set on every article (overrides the files).
        outlet: Outlet name to set on every article (overrides the files).
    """

    encoding: str | None = None
    published: dt.date | None = None
    outlet: str | None = None


class Reader(ABC):
    """Turns the bytes of one input into articles.

    Readers fill `Article.id` only when the input names an id; an empty id is
    derived later (from the URL or the text) by the caller, so that every format
    derives ids the same way.
    """

    #: Registry name of the reader (``text``, ``html``, ``jsonl``, ``feed``).
    name: str = ""

    @abstractmethod
    def read(
        self, data: bytes, path: str, options: ReadOptions, *, warn: Warn = log_warning
    ) -> Iterator[Article]:
        """Yield the articles held in `data`.

        Args:
            data: The raw bytes (already decompressed).
            path: The path to name in messages and to store in `Article.path`.
            options: The user's reading options.
            warn: Receives one-line warnings about recoverable problems.

        Raises:
            kb.errors.InputError: The input cannot be used at all.
        """


# --------------------------------------------------------------------------- text


def normalise_newlines(text: str) -> str:
    """Return `text` with CRLF and CR line endings as LF and without a leading BOM."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def normalise_lang(value: str | None) -> str | None:
    """Reduce a language tag (``en-GB``, ``en_US``, ``EN``) to its lowercase primary subtag."""
    if not value:
        return None
    primary = re.split(r"[-_\s]", value.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,8}", primary) else None


# ----------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels that in practice mean windows-1252, as the WHATWG encoding standard says:
# pages declaring latin-1 use its curly quotes and dashes in 0x80-0x9F.
_WINDOWS_1252_LABELS = {"latin1", "iso8859-1", "iso8859_1", "l1", "ascii", "us-ascii", "cp819"}
#: How many bytes the charset detector looks at (it is slow on large inputs).
_DETECT_SAMPLE = 256 * 1024


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip()).name
    except (LookupError, ValueError):
        return None


def _bad_byte(data: bytes, error: UnicodeDecodeError) -> str:
    return f"byte 0x{data[error.start]:02x} at offset {error.start}"


def _looks_western(text: str) -> bool:
    """True when windows-1252 text reads like a Latin-script language.

    Latin-script prose has few non-ASCII letters, each between ASCII letters;
    Cyrillic or Greek text decoded as windows-1252 is mostly accented letters.
    """
    letters = ascii_letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if ch.isascii():
                ascii_letters += 1
        elif unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f":
            return False
    return letters > 0 and (letters - ascii_letters) <= 0.15 * letters


def _detect(data: bytes) -> str | None:
    """Guess the codec of non-UTF-8 bytes, or None when no guess is trustworthy."""
    sample = data[:_DETECT_SAMPLE]
    # charset-normalizer ranks windows-1250 or Baltic code pages above
    # windows-1252 for Western text (their letters coincide); windows-1252 is by
    # far the most common legacy encoding of news text, so try it first.
    try:
        if _looks_western(sample.decode("cp1252")):
            return "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:  # noqa: BLE001 - the detector is a heuristic; never fail on it
        return None
    # Trust the guess only when the decoded text is clean and reads like a language.
    if best is None or best.chaos > 0.1 or best.coherence < 0.3:
        return None
    return _codec_name(best.encoding)


def decode_bytes(
    data: bytes,
    path: str,
    *,
    encoding: str | None = None,
    declared: str | None = None,
    warn: Warn = log_warning,
) -> str:
    """Decode the bytes of a text input.

    Order: the explicit `encoding`; a byte-order mark; UTF-8; the `declared`
    charset; a detected charset when the detector is confident.

    Args:
        data: Raw bytes.
        path: Path to name in errors.
        encoding: The user's ``--encoding``; wins over everything else.
        declared: A charset the file declares (meta tag, XML declaration, header).
        warn: Told when a charset had to be guessed.

    Returns:
        The text with a leading BOM removed (line endings untouched).

    Raises:
        kb.errors.UsageError: `encoding` is not a known codec.
        kb.errors.EncodingError: The bytes cannot be decoded.
    """
    if encoding:
        codec = _codec_name(encoding)
        if codec is None:
            raise UsageError(f"unknown encoding {encoding!r} given with --encoding")
        if codec == "utf-8":
            codec = "utf-8-sig"
        try:
            return data.decode(codec)
        except UnicodeDecodeError as e:
            raise EncodingError(
                f"{path}: not valid {encoding} ({_bad_byte(data, e)}); check --encoding"
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).removeprefix("\ufeff")
            except UnicodeDecodeError as e:
                raise EncodingError(
                    f"{path}: starts with a {codec} byte-order mark but is not valid {codec} "
                    f"({_bad_byte(data, e)}); pass --encoding"
                ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    if declared:
        codec = _codec_name(declared)
        if codec and codec not in ("utf-8", "utf-16", "utf-32"):
            candidates = [codec]
            if declared.strip().lower() in _WINDOWS_1252_LABELS or codec in ("latin-1", "ascii"):
                candidates = ["cp1252", "latin-1"]
            for candidate in candidates:
                try:
                    return data.decode(candidate)
                except UnicodeDecodeError:
                    continue
    guess = _detect(data)
    if guess:
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            pass
        else:
            warn(f"{path}: not UTF-8 and no charset declared; decoded as {guess} (a guess)")
            return text
    how = f"declares {declared!r} but is not valid in it" if declared else "no charset declared"
    raise EncodingError(
        f"{path}: not valid UTF-8 ({_bad_byte(data, utf8_error)}) and {how}; "
        "pass --encoding latin-1 (or the file's real encoding)"
    )


# -------------------------------------------------------------------------- dates


def parse_date_value(value: object) -> dt.date | None:
    """Parse a publication date taken from an input (header, meta tag, JSON field).

    Args:
        value: A string such as ``2024-03-05``, ``2024-03-05T10:00:00Z`` or an
            RFC 2822 date; ``unknown`` and empty values mean missing.

    Returns:
        The date, or None when the value says the date is unknown.

    Raises:
        kb.errors.InputError: The value is not a date (the message names only the value).
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if len(text) > 200:
        raise InputError(f"{text[:40]!r}... is not a date")
    try:
        return parse_published(text)
    except InputError:
        raise
    except (ValueError, TypeError, OverflowError) as e:
        raise InputError(f"{text!r} is not a date ({e})") from None


# ---------------------------------------------------------------------------- ids

_SAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9._-]")


def safe_id(value: str) -> str:
    """Make an id usable as one IRI path segment.

    ``[A-Za-z0-9._-]`` are kept; every other character is percent-encoded (its
    UTF-8 bytes), so distinct ids stay distinct. ``.`` and ``..`` are encoded too.
    """
    value = unicodedata.normalize("NFC", value.strip())
    encoded = _SAFE_ID_CHARS.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), value
    )
    if encoded in (".", ".."):
        encoded = encoded.replace(".", "%2E")
    return encoded


def _normalise_url(url: str) -> str:
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    # Scheme and host are case-insensitive and the fragment never names another
    # document; path and query are kept as they are.
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


_HASH_CHUNK = 1 << 20


def _text_digest(text: str) -> str:
    """SHA-1 of `text` in NFC with whitespace runs collapsed to one space, ends stripped.

    Hashed chunk by chunk: collapsing whitespace in one go would build millions
    of word objects for a 50 MB article.
    """
    digest = hashlib.sha1()
    started = False
    prev_ends_space = True
    for i in range(0, len(text), _HASH_CHUNK):
        chunk = text[i : i + _HASH_CHUNK]
        words = chunk.split()
        if not words:
            prev_ends_space = True
            continue
        # A word cut by the chunk boundary continues without a space.
        if started and (prev_ends_space or chunk[0].isspace()):
            digest.update(b" ")
        digest.update(unicodedata.normalize("NFC", " ".join(words)).encode("utf-8"))
        started = True
        prev_ends_space = chunk[-1].isspace()
    return digest.hexdigest()


def make_article_id(article: Article) -> str:
    """The id an article gets: its own id, else one derived from its URL, else its text.

    Derived ids are ``u-`` or ``a-`` followed by the first 16 hex digits of the
    SHA-1 of the normalised URL or the whitespace-normalised text, so re-reading
    the same article from another path gives the same id.
    """
    if article.id and article.id.strip():
        given = safe_id(article.id)
        if given:
            return given
    if article.url and article.url.strip():
        digest = hashlib.sha1(_normalise_url(article.url).encode("utf-8")).hexdigest()
        return "u-" + digest[:16]
    return "a-" + _text_digest(article.text)[:16]
