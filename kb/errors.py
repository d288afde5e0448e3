"""Errors kb reports to its users: each becomes one line ``Error: ...`` in the CLI."""

from __future__ import annotations


class KbError(Exception):
    """Base of every error kb reports to a user."""

    exit_code = 1


class UsageError(KbError):
    """The command was called with options that do not fit together."""

    exit_code = 2


class InputError(KbError):
    """An input file or value cannot be read or understood."""


class EncodingError(InputError):
    """A text file is not UTF-8 and no charset was declared or detected."""


class StoreError(KbError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock."""


class EndpointError(StoreError):
    """A remote SPARQL endpoint is unreachable or answered with an error."""


class QueryError(KbError):
    """A SPARQL query or update is malformed or failed."""


class ValidationError(KbError):
    """The store does not conform to the SHACL shapes."""


class NotFoundError(KbError):
    """A named thing (query, event, actor, article) does not exist."""
