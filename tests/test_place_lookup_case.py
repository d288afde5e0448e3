"""`--place` takes names as users type them: lower case, any hyphenation."""

from __future__ import annotations

import pytest

from kb.errors import NotFoundError
from kb.resolve import place_for


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("iraq-syria border", "Iraq-Syria border"),
        ("lebanon-syria border", "Lebanon-Syria border"),
        ("northern syria", "Northern Syria"),
        ("the red sea", "the Red Sea"),
    ],
)
def test_lower_case_names_find_what_capitalised_ones_do(typed: str, written: str) -> None:
    assert place_for(typed)[0] == place_for(written)[0]


def test_an_unknown_name_is_still_an_error() -> None:
    with pytest.raises(NotFoundError, match="no place named"):
        place_for("atlantis of the north")
