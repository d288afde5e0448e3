"""Check the thirteenth held-out corpus and print its figures.

Run from the project root::

    .venv/bin/python tests/corpus_heldout13/check_heldout13.py

The checks are those of ``tests/corpus/check_blind.py``; on top of them the corpus must
hold a brief (a body under ``BRIEF_WORDS`` words) and a long read (a body of at least
``LONG_READ_WORDS`` words). Bodies range over 35-1,600 words.
The script exits with status 1 when anything is wrong.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "corpus"))
import check_blind  # noqa: E402

sys.path.pop(0)

#: Body length bounds in words: the corpus has a brief and a long read.
MIN_WORDS, MAX_WORDS = 35, 1600
#: A brief is shorter than this; a long read at least the other.
BRIEF_WORDS, LONG_READ_WORDS = 100, 1200


def check() -> tuple[list[str], dict]:
    """Check every article, gold file and the incident manifest; return errors and figures."""
    errors, figures = check_blind.check(HERE, MIN_WORDS, MAX_WORDS)
    if figures["shortest_body_words"] >= BRIEF_WORDS:
        errors.append(f"no brief: shortest body has {figures['shortest_body_words']} words")
    if figures["longest_body_words"] < LONG_READ_WORDS:
        errors.append(f"no long read: longest body has {figures['longest_body_words']} words")
    return errors, figures


def main() -> int:
    """Print the errors (if any) and the figures; return the exit status."""
    errors, figures = check()
    for error in errors:
        print("ERROR", error)
    print(json.dumps(figures, indent=1))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
