import pytest

import hello


def test_word_count():
    assert hello.word_count("the quick brown fox") == 4
    assert hello.word_count("a bb ccc", min_length=2) == 2


def test_greet():
    assert hello.greet("Python") == "Hello, Python!"


def test_parse_ratio():
    assert hello.parse_ratio("3/4") == 0.75


def test_parse_ratio_error():
    with pytest.raises(hello.RatioError, match="denominator is zero"):
        hello.parse_ratio("1/0")
