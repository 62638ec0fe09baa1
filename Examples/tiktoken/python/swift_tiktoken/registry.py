"""Encodings by name, registered locally (nothing is downloaded).

``register_encoding(name, constructor)`` takes a function returning the keyword arguments of
``Encoding`` (as tiktoken's ``ENCODING_CONSTRUCTORS`` plugins do), or ``register_encoding(name,
path=..., pat_str=..., special_tokens=...)`` reads the ranks from a ``.tiktoken`` file when the
encoding is first asked for. ``get_encoding(name)`` builds an encoding once and caches it;
pickling a registered encoding stores its name only.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Callable

from .core import Encoding
from .load import load_tiktoken_bpe

ENCODINGS: dict[str, Encoding] = {}
ENCODING_CONSTRUCTORS: dict[str, Callable[[], dict[str, Any]]] = {}
_lock = threading.RLock()


def register_encoding(name: str, constructor: Callable[[], dict[str, Any]] | None = None, *,
                      path: str | os.PathLike[str] | None = None, pat_str: str | None = None,
                      special_tokens: dict[str, int] | None = None,
                      explicit_n_vocab: int | None = None) -> None:
    if (constructor is None) == (path is None):
        raise TypeError("register_encoding takes a constructor or path=, not both")
    if path is not None:  # then constructor is None
        if pat_str is None:
            raise TypeError("register_encoding(path=...) needs pat_str=")
        file, pattern, specials = os.fspath(path), pat_str, dict(special_tokens or {})

        def constructor() -> dict[str, Any]:
            return {"name": name, "pat_str": pattern, "mergeable_ranks": load_tiktoken_bpe(file),
                    "special_tokens": specials, "explicit_n_vocab": explicit_n_vocab}
    assert constructor is not None  # exactly one of constructor and path, checked above
    with _lock:
        if name in ENCODING_CONSTRUCTORS:
            raise ValueError(f"Duplicate encoding name {name}")
        ENCODING_CONSTRUCTORS[name] = constructor


def get_encoding(encoding_name: str) -> Encoding:
    if not isinstance(encoding_name, str):
        raise ValueError(f"Expected a string in get_encoding, got {type(encoding_name)}")
    with _lock:
        if encoding_name in ENCODINGS:
            return ENCODINGS[encoding_name]
        if encoding_name not in ENCODING_CONSTRUCTORS:
            raise ValueError(f"Unknown encoding {encoding_name}.\n"
                             f"Registered encodings: {', '.join(sorted(ENCODING_CONSTRUCTORS)) or '(none)'}")
        kwargs = dict(ENCODING_CONSTRUCTORS[encoding_name]())
        kwargs.setdefault("name", encoding_name)
        enc = Encoding(**kwargs)
        ENCODINGS[encoding_name] = enc
        return enc


def list_encoding_names() -> list[str]:
    with _lock:
        return sorted(ENCODING_CONSTRUCTORS)
