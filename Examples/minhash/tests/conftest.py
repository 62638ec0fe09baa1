"""Fixtures for the minhash API suite: every test runs once per implementation of the spec
(/work/shared/minhash-API.md), so this example and rensa 0.5.0 cannot drift apart.

- `impl` is parametrized over `rensa` (the PyPI wheel, when importable) and `minhash` (this
  example built by swiftmod, when importable). A missing module skips its half of the suite.
  Set MINHASH_REQUIRE=minhash (or "rensa,minhash") to turn such a skip into a failure, e.g. in
  a venv where the module is supposed to be built.
- `both` gives the two implementations together (for the cross-module checks), or skips.
"""

import importlib
import os
from dataclasses import dataclass
from types import ModuleType

import pytest

IMPLEMENTATIONS = ("rensa", "minhash")


@dataclass(frozen=True)
class Impl:
    """One implementation of the spec: its module and its two classes."""

    name: str
    module: ModuleType
    RMinHash: type
    RMinHashLSH: type

    def __repr__(self) -> str:
        return f"Impl({self.name})"


def required() -> set[str]:
    return {name.strip() for name in os.environ.get("MINHASH_REQUIRE", "").split(",") if name.strip()}


def load(name: str) -> Impl | None:
    """The implementation, or None if its module is not installed. A module that imports but lacks
    the classes is an error, not a skip."""
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        return None
    missing = [cls for cls in ("RMinHash", "RMinHashLSH") if not hasattr(module, cls)]
    if missing:
        raise ImportError(f"module {name!r} ({getattr(module, '__file__', '?')}) has no {', '.join(missing)}")
    return Impl(name, module, module.RMinHash, module.RMinHashLSH)


def impl_or_skip(name: str) -> Impl:
    found = load(name)
    if found is None:
        message = f"{name} is not importable"
        if name in required():
            pytest.fail(f"{message}, but MINHASH_REQUIRE names it")
        pytest.skip(message)
    return found


@pytest.fixture(params=IMPLEMENTATIONS, scope="session")
def impl(request) -> Impl:
    return impl_or_skip(request.param)


@pytest.fixture(scope="session")
def both() -> tuple[Impl, Impl]:
    """(rensa, minhash), for checks that compare the two."""
    return impl_or_skip("rensa"), impl_or_skip("minhash")
