"""Import events from GDELT and ACLED files as incidents, at bulk-loading speed.

>>> from kb.importers import import_files                        # doctest: +SKIP
>>> summary = import_files(store, "gdelt", ["20240305.export.CSV.zip"])  # doctest: +SKIP
>>> print(summary.text())                                         # doctest: +SKIP

The rows of a file that are one incident by the linking rule (:mod:`kb.link.same`; GDELT
repeats an event for every article that reports it) become one ``sem:Event``, whatever
their order (:mod:`kb.importers.fileunion`), in the graph
``https://w3id.org/kb/graph/dataset/<dataset>/<file-id>``, with the same event types,
canonical actors and places as extracted events (:mod:`kb.importers.compact`). Where
the store holds article events, an imported event that is one of them joins its
incident by the same rules (:mod:`kb.link.same`), as event reports; an article ingested
later joins an imported incident once :func:`kb.importers.promote.promote_matching` has
rewritten it as reports. Imports link with each other the same way: an ACLED event and
the GDELT rows of the same incident (or two GDELT days coding it) become one incident,
whichever was imported first. Every imported incident carries its month buckets
(:mod:`kb.index`). See :mod:`kb.importers.gdelt` and :mod:`kb.importers.acled` for the
formats and :mod:`kb.importers.pipeline` for streaming, batching and memory.
"""

from __future__ import annotations

from kb.importers.pipeline import BATCH, DATASETS, ImportSummary, import_files

__all__ = ["BATCH", "DATASETS", "ImportSummary", "import_files"]
