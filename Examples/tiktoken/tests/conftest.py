"""Fixtures for the swift-tiktoken suite: every check compares swift_tiktoken with the installed
tiktoken (0.14.0) on the same rank tables, patterns and texts.

The rank tables and the corpus generator come from the tokenizer yardstick
(`../shared/tokenizer` beside the repository, or $SWIFT_TIKTOKEN_YARDSTICK). The corpora are
generated at test time into a temporary directory, smaller than the benchmark's
(SWIFT_TIKTOKEN_CORPUS_MB, default 0.25 MB of prose, code and multilingual; the adversarial
corpus at 0.5 MB; the 1 MB single word as is). Without the yardstick the tests that need it
skip, unless SWIFT_TIKTOKEN_REQUIRE=1 (set by the end-to-end tests), which makes that a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def yardstick_dir() -> Path | None:
    env = os.environ.get("SWIFT_TIKTOKEN_YARDSTICK")
    candidates = [Path(env)] if env else [HERE.parents[2].parent / "shared" / "tokenizer"]
    for path in candidates:
        if (path / "tokdata.py").is_file() and (path / "data" / "ranks-50k.tiktoken").is_file():
            return path
    return None


def _require_or_skip(message: str):
    if os.environ.get("SWIFT_TIKTOKEN_REQUIRE") == "1":
        pytest.fail(f"{message}, but SWIFT_TIKTOKEN_REQUIRE=1")
    pytest.skip(message)


@pytest.fixture(scope="session")
def tokdata():
    path = yardstick_dir()
    if path is None:
        _require_or_skip("the tokenizer yardstick (../shared/tokenizer) is not there")
    sys.path.insert(0, str(path))
    import tokdata as module
    return module


@pytest.fixture(scope="session")
def ranks(tokdata):
    return {name: tokdata.load_ranks(name) for name in ("2k", "50k")}


@pytest.fixture(scope="session")
def corpora(tokdata, tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    mb = os.environ.get("SWIFT_TIKTOKEN_CORPUS_MB", "0.25")
    result = subprocess.run(
        [sys.executable, str(Path(tokdata.__file__).parent / "make_corpus.py"), "--out", str(out),
         "--mb", mb, "--adversarial-mb", "0.5"],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return {name: tokdata.read_corpus(name, out) for name in tokdata.CORPORA}


_cache: dict = {}


@pytest.fixture(scope="session")
def make_pair(tokdata, ranks):
    """(tiktoken Encoding, swift_tiktoken Encoding) for a rank table and a pattern, cached."""
    import tiktoken
    import swift_tiktoken

    def make(ranks_name: str, pattern: str):
        key = (ranks_name, pattern)
        if key not in _cache:
            table = ranks[ranks_name]
            _cache[key] = (tokdata.make_encoding(tiktoken, ranks_name, pattern, table),
                           tokdata.make_encoding(swift_tiktoken, ranks_name, pattern, table))
        return _cache[key]

    return make


@pytest.fixture(scope="session")
def small_table():
    """A rank table of the 256 bytes plus some merges (no yardstick needed)."""
    ranks = {bytes([b]): b for b in range(256)}
    for word in [b"he", b"ll", b"hell", b"hello", b" w", b"or", b" wor", b" world", b"  ", b"\n\n", b"ab", b"abab"]:
        ranks[word] = len(ranks)
    return ranks
