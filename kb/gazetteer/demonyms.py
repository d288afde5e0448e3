"""Demonyms ("Iraqi", "Lebanese") derived from country names.

pycountry has no demonyms, so the build script derives them: a country listed in
:data:`kb.gazetteer.tables.IRREGULAR_DEMONYMS` takes those forms; any other country
takes the regular English forms of its names (:func:`regular_demonyms`):

* "-stan" -> "-stani" (Pakistan -> Pakistani);
* "-ia" -> "-ian" (Syria -> Syrian, Nigeria -> Nigerian);
* "-a" -> "-an" (Kenya -> Kenyan, America -> American, Sri Lanka -> Sri Lankan).

Names ending otherwise have no regular demonym and need the irregular table.
"""

from __future__ import annotations

from kb.gazetteer.tables import IRREGULAR_DEMONYMS


def regular_demonyms(name: str) -> list[str]:
    """The regular English demonym of one country name, if the name has one."""
    name = name.strip()
    if not name or not name[-1].isalpha() or "," in name or " of " in name:
        return []
    if name.endswith("stan"):
        return [name + "i"]
    if name.endswith("a"):
        return [name + "n"]
    return []


def country_demonyms(code: str, names: list[str]) -> list[str]:
    """All demonyms of the country `code` with English names `names`."""
    if code in IRREGULAR_DEMONYMS:
        return list(IRREGULAR_DEMONYMS[code])
    out: list[str] = []
    for name in names:
        out += regular_demonyms(name)
    return list(dict.fromkeys(out))
