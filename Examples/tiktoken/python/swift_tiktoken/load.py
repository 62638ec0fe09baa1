"""Reading and writing rank tables in tiktoken's ``.tiktoken`` format (base64 token, space, rank)."""

from __future__ import annotations

import base64
import os


def load_tiktoken_bpe(path: str | os.PathLike[str], expected_hash: str | None = None) -> dict[bytes, int]:
    """The ranks of a local ``.tiktoken`` file (no cache, no download). ``expected_hash`` is the
    file's SHA-256, checked when given (ValueError on a mismatch)."""
    with open(path, "rb") as fh:
        contents = fh.read()
    if expected_hash is not None:
        import hashlib

        actual = hashlib.sha256(contents).hexdigest()
        if actual != expected_hash:
            raise ValueError(f"{path}: hash {actual} is not the expected {expected_hash}")
    ranks: dict[bytes, int] = {}
    for number, line in enumerate(contents.splitlines(), 1):
        if not line.strip():
            continue
        try:
            token, rank = line.split()
            ranks[base64.b64decode(token, validate=True)] = int(rank)
        except Exception as exc:
            raise ValueError(f"{path}:{number}: not a '<base64 token> <rank>' line: {line[:60]!r}") from exc
    return ranks


def dump_tiktoken_bpe(bpe_ranks: dict[bytes, int], path: str | os.PathLike[str]) -> None:
    """Writes ranks in tiktoken's format, by rank."""
    with open(path, "wb") as fh:
        for token, rank in sorted(bpe_ranks.items(), key=lambda item: item[1]):
            fh.write(base64.b64encode(token) + b" " + str(rank).encode() + b"\n")
