"""The console script ends the process itself after a command (kb.cli._exit_now).

It skips the interpreter's teardown, so these tests check in a real process that nothing
written is lost on the way out: a long output through a pipe and into a file, and that
errors keep their exit codes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kb.extract.pipeline import Extractor
from kb.readers import read_paths

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "corpus" / "articles"


def _kb(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kb", *args], capture_output=True, text=True, timeout=300
    )


def _expected_events() -> int:
    extractor = Extractor()
    return sum(len(extractor.extract(a)) for a in read_paths([str(ARTICLES)]))


def test_long_output_arrives_whole_through_a_pipe_and_into_a_file(tmp_path) -> None:
    expected = _expected_events()
    assert expected > 200
    piped = _kb("extract", str(ARTICLES), "--format", "jsonl")
    assert piped.returncode == 0, piped.stderr
    lines = piped.stdout.splitlines()
    assert len(lines) == expected
    assert all(json.loads(line)["type"] for line in lines)
    out = tmp_path / "events.jsonl"
    written = _kb("extract", str(ARTICLES), "--format", "jsonl", "-o", str(out))
    assert written.returncode == 0, written.stderr
    assert out.read_text(encoding="utf-8").splitlines() == lines


def test_errors_keep_their_exit_code_and_message(tmp_path) -> None:
    missing = _kb("extract", str(tmp_path / "nope.txt"))
    assert missing.returncode != 0
    assert missing.stderr.startswith("Error: ")
    assert "Traceback" not in missing.stderr
    store = tmp_path / "store"
    absent = _kb("related", "e-0000000000000000", "--store", str(store))
    assert absent.returncode != 0
    assert absent.stderr.startswith("Error: ")
