"""mixed-demo: word statistics with a Swift core and a Python wrapper.

The counting is Swift (`mixed_demo._native`, from Sources/MixedCore); the stopword list is a
data file of this package, read by Python.
"""

from importlib.resources import files

from ._native import SummaryError, word_frequencies, words
from ._native import top_words as _top_words

__all__ = ["SummaryError", "STOPWORDS", "summarize", "top_words", "word_frequencies", "words"]

#: English stopwords, from the package data file stopwords.txt.
STOPWORDS = frozenset(files(__name__).joinpath("stopwords.txt").read_text(encoding="utf-8").split())


def top_words(text: str, count: int = 3) -> list[str]:
    """The `count` most frequent words of `text` that are not stopwords."""
    return _top_words(text, count=count, ignoring=set(STOPWORDS))


def summarize(text: str) -> str:
    """A one-line summary: the top words, or a note when there are none."""
    try:
        return ", ".join(top_words(text))
    except SummaryError:
        return "(no words)"
