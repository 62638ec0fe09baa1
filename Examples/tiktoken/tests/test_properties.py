"""Hypothesis: arbitrary text with special tokens and their near misses, all three patterns."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PATTERNS = ["r50k", "cl100k", "o200k"]
SPECIAL_BITS = ["<|endoftext|>", "<|endofprompt|>", "<|fim_prefix|>", "<|", "|>", "<|endof", "endoftext"]
PIECES = [" ", "  ", "\n", "\r\n", "\t", "'s", "'S", "'ll", "'ſ", "ſ", "123", "١٢٣", "A", "Ab", "aB", "é", "e\u0301",
          "👍🏽", "日本", "/", "//", "!?", "Ǆ", "ǅ", "\u00a0", "\u3000", "\u200b", "\ufeff"]

texts = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(SPECIAL_BITS), st.sampled_from(PIECES)),
                 max_size=24).map("".join)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_arbitrary_text(make_pair, pattern):
    ref, enc = make_pair("2k", pattern)

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(texts)
    def check(text):
        assert enc.encode_ordinary(text) == ref.encode_ordinary(text)
        assert enc.encode(text, allowed_special="all") == ref.encode(text, allowed_special="all")
        assert enc.encode(text, disallowed_special=()) == ref.encode(text, disallowed_special=())
        some = {"<|endoftext|>"}
        try:
            want = ref.encode(text, allowed_special=some)
        except ValueError as error:
            with pytest.raises(ValueError) as raised:
                enc.encode(text, allowed_special=some)
            assert str(raised.value) == str(error)
        else:
            assert enc.encode(text, allowed_special=some) == want
        tokens = ref.encode(text, allowed_special="all")
        assert enc.decode(tokens) == ref.decode(tokens)
        assert enc.decode_with_offsets(tokens) == ref.decode_with_offsets(tokens)

    check()


@pytest.mark.parametrize("pattern", PATTERNS)
def test_arbitrary_bytes_decode(make_pair, pattern):
    ref, enc = make_pair("2k", pattern)

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.integers(min_value=0, max_value=ref.n_vocab - 1), max_size=40))
    def check(tokens):
        try:
            want = ref.decode_bytes(tokens)
        except KeyError:
            with pytest.raises(KeyError):
                enc.decode_bytes(tokens)
        else:
            assert enc.decode_bytes(tokens) == want
            assert enc.decode(tokens) == ref.decode(tokens)

    check()


@pytest.mark.parametrize("pattern", PATTERNS)
def test_arbitrary_bytes_encode(make_pair, pattern):
    """_encode_bytes on text cut anywhere, with arbitrary bytes around it (mostly not UTF-8)."""
    ref, enc = make_pair("2k", pattern)

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(texts, st.integers(min_value=0, max_value=200), st.binary(max_size=8))
    def check(text, cut, tail):
        data = text.encode("utf-8", "replace")
        data = data[:cut] + tail + data[cut:cut + 5]
        assert enc._encode_bytes(data) == ref._encode_bytes(data)

    check()
