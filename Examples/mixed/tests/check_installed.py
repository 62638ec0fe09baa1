"""Checks an installed mixed-demo, run by that environment's Python (no pytest needed):
after `swiftmod develop`, after installing the wheel, and after `pip install` of the sdist."""

import inspect
import os
import subprocess
import sys
from pathlib import Path

import mixed_demo
import mixed_demo._native as native

BIN = Path(sys.prefix) / "bin"

# The Swift core, and its stubs beside it.
assert native.words("The cat, the HAT!") == ["the", "cat", "the", "hat"]
assert native.word_frequencies("a b a", ignoring={"b"}) == {"a": 2}
assert str(inspect.signature(native.top_words)) == "(text, /, count=3, ignoring=Ellipsis)"
assert Path(native.__file__).parent == Path(mixed_demo.__file__).parent
assert (Path(native.__file__).parent / "_native.pyi").is_file()
assert (Path(mixed_demo.__file__).parent / "py.typed").is_file()

# The Python wrapper and the package data file it reads.
assert "the" in mixed_demo.STOPWORDS
assert mixed_demo.top_words("the swift core and the python wrapper and the swift core", count=2) == ["core", "swift"]
assert mixed_demo.summarize("... !!!") == "(no words)"
try:
    mixed_demo._native.top_words("...")
except mixed_demo.SummaryError as error:
    assert str(error) == "the text has no words to count"
    # Named for the module it lives in, so repr and pickle find it.
    assert type(error).__module__ == "mixed_demo._native" and type(error).__qualname__ == "SummaryError"
    import pickle
    assert type(pickle.loads(pickle.dumps(error))) is mixed_demo.SummaryError
else:
    raise AssertionError("SummaryError not raised")

# The console script from [project.scripts].
script = BIN / "mixed-demo-top"
assert os.access(script, os.X_OK), script
top = subprocess.run([str(script), "the", "swift", "swift", "core"], capture_output=True, text=True, check=True)
assert top.stdout.strip() == "swift, core", top.stdout

# The .data directory: a script (its #!python rewritten) and a data file under the prefix.
hello = subprocess.run([str(BIN / "mixed-demo-hello")], capture_output=True, text=True, check=True)
assert hello.stdout.strip() == "hello core, swift, python", hello.stdout
greeting = Path(sys.prefix) / "share" / "mixed-demo" / "greeting.txt"
assert greeting.read_text() == "Hello from the mixed demo data directory.\n"

print("mixed-demo: all checks passed")
