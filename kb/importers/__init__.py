"""Import events from GDELT and ACLED files as event reports linked into incidents.

>>> from kb.importers import import_files                        # doctest: +SKIP
>>> summary = import_files(store, "gdelt", ["20240305.export.CSV.zip"])  # doctest: +SKIP
>>> print(summary.text())                                         # doctest: +SKIP

Imported rows become ``kb:EventReport`` nodes in the graph
``https://w3id.org/kb/graph/dataset/<dataset>/<file-id>``, with the same event types,
canonical actors and places as extracted events, and join incidents by the same rules
(:mod:`kb.link.same`). See :mod:`kb.importers.gdelt` and :mod:`kb.importers.acled` for
the formats and :mod:`kb.importers.linking` for how linking keeps up with 100,000 rows.
"""

from __future__ import annotations

from kb.importers.pipeline import BATCH, DATASETS, ImportSummary, import_files

__all__ = ["BATCH", "DATASETS", "ImportSummary", "import_files"]
