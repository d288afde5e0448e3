"""Check the twelfth held-out corpus and print its figures.

Run from the project root::

    .venv/bin/python tests/corpus_heldout12/check_heldout12.py

The checks are those of ``tests/corpus/check_blind.py``. Bodies range from a
53-word brief to a 1,270-word long read: 35-1,600 words.
The script exits with status 1 when anything is wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "corpus"))
import check_blind  # noqa: E402

sys.path.pop(0)

#: Body length bounds in words: the corpus has a brief and a long read.
MIN_WORDS, MAX_WORDS = 35, 1600


def check() -> tuple[list[str], dict]:
    """Check every article, gold file and the incident manifest; return errors and figures."""
    return check_blind.check(HERE, MIN_WORDS, MAX_WORDS)


if __name__ == "__main__":
    sys.exit(check_blind.main(HERE, MIN_WORDS, MAX_WORDS))
