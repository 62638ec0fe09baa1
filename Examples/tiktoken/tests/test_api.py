"""The rest of tiktoken's Encoding API, side by side with tiktoken, and bad input (the same
exception types as tiktoken)."""

import pickle

import numpy as np
import pytest
import tiktoken

import swift_tiktoken

TEXT = "hello world <|endoftext|> it's 123 ünïcode 👍🏽\n\n  end"


@pytest.fixture(params=["r50k", "cl100k", "o200k"])
def pair(request, make_pair):
    return make_pair("50k", request.param)


def test_properties(pair):
    ref, enc = pair
    assert enc.name == ref.name and repr(enc) == repr(ref)
    assert enc.n_vocab == ref.n_vocab
    assert enc.max_token_value == ref.max_token_value
    assert enc.eot_token == ref.eot_token
    assert enc.special_tokens_set == ref.special_tokens_set
    for token in (0, ref.eot_token, ref.max_token_value, ref.n_vocab):
        assert enc.is_special_token(token) == ref.is_special_token(token)
    assert enc.token_byte_values() == ref.token_byte_values()


def test_special_token_rules(pair):
    ref, enc = pair
    for kwargs in [dict(allowed_special="all"), dict(disallowed_special=()),
                   dict(allowed_special={"<|endoftext|>"}), dict(allowed_special=frozenset({"<|endoftext|>"})),
                   dict(allowed_special="all", disallowed_special=()),
                   dict(allowed_special=set(), disallowed_special=["<|endofprompt|>"]),
                   dict(allowed_special={"<|endoftext|>"}, disallowed_special="all")]:
        assert enc.encode(TEXT, **kwargs) == ref.encode(TEXT, **kwargs), kwargs
        assert enc.encode_batch([TEXT, "x"], **kwargs) == ref.encode_batch([TEXT, "x"], **kwargs), kwargs
        assert enc.encode_to_numpy(TEXT, **kwargs).tolist() == ref.encode(TEXT, **kwargs)
    for kwargs in [dict(), dict(disallowed_special={"world"}), dict(allowed_special={"x"})]:
        with pytest.raises(ValueError) as want:
            ref.encode(TEXT, **kwargs)
        with pytest.raises(ValueError) as got:
            enc.encode(TEXT, **kwargs)
        assert str(got.value) == str(want.value)
        with pytest.raises(ValueError):
            enc.encode_batch(["fine", TEXT], **kwargs)
        with pytest.raises(ValueError):
            enc.encode_to_numpy(TEXT, **kwargs)
        with pytest.raises(ValueError):
            enc.encode_with_unstable(TEXT, **kwargs)


def test_batches(pair):
    ref, enc = pair
    docs = [TEXT * k for k in range(50)]
    for threads in (1, 2, 8):
        assert enc.encode_ordinary_batch(docs, num_threads=threads) == ref.encode_ordinary_batch(docs)
        assert enc.encode_batch(docs, num_threads=threads, allowed_special="all") == ref.encode_batch(
            docs, allowed_special="all")
    tokens = ref.encode_batch(docs, allowed_special="all")
    assert enc.decode_batch(tokens) == ref.decode_batch(tokens)
    assert enc.decode_bytes_batch(tokens) == ref.decode_bytes_batch(tokens)
    assert enc.encode_batch([]) == []
    assert enc.encode_batch(docs[:3], num_threads=1000, allowed_special="all") == ref.encode_batch(docs[:3], allowed_special="all")
    for bad in (0, -1):
        with pytest.raises(ValueError):
            ref.encode_batch(docs[:2], num_threads=bad)
        with pytest.raises(ValueError):
            enc.encode_batch(docs[:2], num_threads=bad)


def test_a_batch_raises_for_its_first_document_with_a_disallowed_special_token(pair):
    ref, enc = pair
    # the batch runs in chunks on several threads; the error is the first document's in input order
    docs = ["plain text"] * 60
    docs[7] = "x <|endofprompt|>" if "<|endofprompt|>" in ref.special_tokens_set else "x <|endoftext|>"
    docs[45] = "y <|endoftext|>"
    for threads in (1, 2, 8):
        with pytest.raises(ValueError) as want:
            ref.encode_batch(docs, num_threads=threads)
        with pytest.raises(ValueError) as got:
            enc.encode_batch(docs, num_threads=threads)
        assert str(got.value) == str(want.value)


def test_single_tokens(pair):
    ref, enc = pair
    for text in ["a", b"a", " the", "<|endoftext|>", b"<|endoftext|>"]:
        try:
            want = ref.encode_single_token(text)
        except KeyError:
            with pytest.raises(KeyError):
                enc.encode_single_token(text)
        else:
            assert enc.encode_single_token(text) == want
    for token in [0, 255, 1000, ref.eot_token]:
        assert enc.decode_single_token_bytes(token) == ref.decode_single_token_bytes(token)
    tokens = ref.encode(TEXT, allowed_special="all")
    assert enc.decode_tokens_bytes(tokens) == ref.decode_tokens_bytes(tokens)
    assert enc.decode_with_offsets(tokens) == ref.decode_with_offsets(tokens)
    assert enc._encode_single_piece("hellohello") == ref._encode_single_piece("hellohello")


def test_decode_takes_any_sequence(pair):
    ref, enc = pair
    tokens = ref.encode(TEXT, allowed_special="all")
    for sequence in (tuple(tokens), np.array(tokens, dtype=np.uint32), range(100, 110)):
        assert enc.decode(sequence) == ref.decode(sequence)
        assert enc.decode_bytes(sequence) == ref.decode_bytes(sequence)


def test_encode_to_numpy(pair):
    ref, enc = pair
    array = enc.encode_to_numpy(TEXT, allowed_special="all")
    want = ref.encode_to_numpy(TEXT, allowed_special="all")
    assert isinstance(array, np.ndarray) and array.dtype == want.dtype == np.uint32
    assert array.tolist() == want.tolist()
    assert array.shape == want.shape and array.flags.c_contiguous
    # read-only, as tiktoken's
    assert not array.flags.writeable and not want.flags.writeable
    with pytest.raises(ValueError):
        array[0] = 1
    empty = enc.encode_to_numpy("")
    assert empty.tolist() == [] and empty.dtype == np.uint32 and empty.shape == (0,)


def test_encode_to_numpy_views_the_swift_array_without_a_copy(pair):
    _, enc = pair
    array = enc.encode_to_numpy(TEXT * 50, allowed_special="all")
    # The array's memory is the Swift array's: NumPy's base is the core's array object, whose
    # buffer starts at the same address (no copy on the way).
    owner = array.base.obj if isinstance(array.base, memoryview) else array.base
    assert type(owner).__name__ == "UInt32Array" and type(owner).__module__.startswith("swift_tiktoken")
    assert np.asarray(owner).__array_interface__["data"][0] == array.__array_interface__["data"][0]
    assert len(owner) == len(array) and owner[len(owner) - 1] == array[-1]
    del owner
    copy = array.copy()
    import gc
    gc.collect()
    assert array.tolist() == copy.tolist()   # the view keeps the Swift array alive


@pytest.mark.parametrize("text", ["hello wor", "hello world ", "x = 1\n\n", "it'", "日本", "a   ", "\n", "fanta"])
def test_encode_with_unstable(pair, text):
    ref, enc = pair
    want_tokens, want_completions = ref.encode_with_unstable(text)
    tokens, completions = enc.encode_with_unstable(text)
    assert tokens == want_tokens
    assert sorted(map(tuple, completions)) == sorted(map(tuple, want_completions))


ENCODE_BYTES_CASES = [b"", b"hello world", b"hello \xff world", b"\xff", b"\xe4\xbd", "日本".encode()[:-1],
                      b"x = 1\n\n\xc3", b"a   \xff\xfe", b"it'\x80s", b"<|endoftext|>\xff", "é".encode() + b"\xed\xa0\x80",
                      b"\n \n\t\xf0\x9f", b"123456\xc0\xaf", b"\xff" * 300, b"ab" * 3000 + b"\xfe"]


@pytest.mark.parametrize("data", ENCODE_BYTES_CASES)
def test_encode_bytes(pair, data):
    ref, enc = pair
    assert enc._encode_bytes(data) == ref._encode_bytes(data)


def test_encode_bytes_takes_bytes_only(pair):
    ref, enc = pair
    for value in (bytearray(b"ab"), memoryview(b"ab"), "ab", None, 1):
        with pytest.raises(TypeError) as want:
            ref._encode_bytes(value)
        with pytest.raises(TypeError) as got:
            enc._encode_bytes(value)
        assert str(got.value) == str(want.value)


def test_surrogates_are_replaced_as_tiktoken_does(pair):
    ref, enc = pair
    text = "a\ud800b"
    assert enc.encode(text) == ref.encode(text)
    assert enc.encode_ordinary(text) == ref.encode_ordinary(text)


def test_pickle(pair):
    _, enc = pair
    copy = pickle.loads(pickle.dumps(enc))
    assert copy.name == enc.name and copy.encode(TEXT, allowed_special="all") == enc.encode(TEXT, allowed_special="all")


def test_registry_and_loader(tmp_path, small_table):
    path = tmp_path / "small.tiktoken"
    swift_tiktoken.dump_tiktoken_bpe(small_table, path)
    assert swift_tiktoken.load_tiktoken_bpe(path) == small_table
    name = f"test-small-{id(path)}"
    swift_tiktoken.register_encoding(name, path=path, pat_str=r"\w+|\s+|[^\w\s]+",
                                     special_tokens={"<|endoftext|>": 1000})
    assert name in swift_tiktoken.list_encoding_names()
    enc = swift_tiktoken.get_encoding(name)
    assert swift_tiktoken.get_encoding(name) is enc
    assert enc.decode(enc.encode("hello world")) == "hello world"
    assert pickle.loads(pickle.dumps(enc))._core_bpe is enc._core_bpe   # registered: pickled by name
    with pytest.raises(ValueError):
        swift_tiktoken.register_encoding(name, path=path, pat_str="x")
    with pytest.raises(ValueError):
        swift_tiktoken.get_encoding("no-such-encoding")
    with pytest.raises(ValueError):
        swift_tiktoken.load_tiktoken_bpe(path, expected_hash="0" * 64)


def test_a_general_pattern(small_table):
    pattern = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
    ref = tiktoken.Encoding("general", pat_str=pattern, mergeable_ranks=small_table, special_tokens={"<|endoftext|>": 999})
    enc = swift_tiktoken.Encoding("general", pat_str=pattern, mergeable_ranks=small_table,
                                  special_tokens={"<|endoftext|>": 999})
    assert not enc._core_bpe.uses_hand_written_splitter
    for text in ["hello world", "it's  \n\n abab  hello<|endoftext|>x", "ünï  123 !?", ""]:
        assert enc.encode(text, allowed_special="all") == ref.encode(text, allowed_special="all")


# ------------------------------------------------------------------ bad input


def both(small_table, **kwargs):
    args = dict(pat_str=r"\w+|\s+|[^\w\s]+", mergeable_ranks=small_table, special_tokens={"<|endoftext|>": 1000})
    args.update(kwargs)
    return tiktoken.Encoding("bad", **args), swift_tiktoken.Encoding("bad", **args)


def same_error(fn_ref, fn_enc):
    try:
        fn_ref()
    except Exception as error:
        with pytest.raises(type(error)):
            fn_enc()
    else:
        raise AssertionError("tiktoken did not raise")


def test_bad_arguments_raise_what_tiktoken_raises(small_table):
    ref, enc = both(small_table)
    same_error(lambda: ref.encode(5), lambda: enc.encode(5))
    same_error(lambda: ref.encode_ordinary(b"x"), lambda: enc.encode_ordinary(b"x"))
    same_error(lambda: ref.decode([10**6]), lambda: enc.decode([10**6]))
    same_error(lambda: ref.decode([-1]), lambda: enc.decode([-1]))
    same_error(lambda: ref.decode([2**40]), lambda: enc.decode([2**40]))
    same_error(lambda: ref.decode(["a"]), lambda: enc.decode(["a"]))
    same_error(lambda: ref.decode_single_token_bytes(10**6), lambda: enc.decode_single_token_bytes(10**6))
    same_error(lambda: ref.decode_single_token_bytes(-1), lambda: enc.decode_single_token_bytes(-1))
    same_error(lambda: ref.encode_single_token("qqqqzz"), lambda: enc.encode_single_token("qqqqzz"))
    same_error(lambda: ref.encode_single_token(5), lambda: enc.encode_single_token(5))
    same_error(lambda: ref.encode("<|endoftext|>"), lambda: enc.encode("<|endoftext|>"))
    same_error(lambda: ref.eot_token if ref._special_tokens.pop("<|endoftext|>", 0) else ref.eot_token,
               lambda: enc.eot_token if enc._special_tokens.pop("<|endoftext|>", 0) else enc.eot_token)
    with pytest.raises(KeyError) as error:
        enc.decode([10**6])
    assert str(error.value) == "'Invalid token for decoding: 1000000'"
    with pytest.raises(KeyError) as error:
        enc.encode_single_token("qqqqzz")
    assert error.value.args == (b"qqqqzz",)


def test_bad_tables_raise_one_value_error(small_table):
    with pytest.raises(ValueError):
        both(small_table, pat_str="(")[1]
    with pytest.raises(ValueError):   # tiktoken panics (PanicException) on a duplicate rank
        swift_tiktoken.Encoding("dup", pat_str="x", mergeable_ranks={b"a": 0, b"b": 0}, special_tokens={})
    with pytest.raises(ValueError):
        swift_tiktoken.Encoding("neg", pat_str="x", mergeable_ranks={b"a": -1}, special_tokens={})
    with pytest.raises(ValueError):
        swift_tiktoken.Encoding("empty", pat_str="x", mergeable_ranks={b"": 0, b"a": 1}, special_tokens={})
    with pytest.raises(AssertionError):
        swift_tiktoken.Encoding("n", pat_str="x", mergeable_ranks=small_table, special_tokens={}, explicit_n_vocab=5)
    # a table without some single bytes: encoding text that needs them is a ValueError, not a crash
    enc = swift_tiktoken.Encoding("partial", pat_str=r"\w+", mergeable_ranks={b"a": 0, b"b": 1, b"ab": 2},
                                  special_tokens={})
    assert enc.encode("abab") == [2, 2]
    with pytest.raises(ValueError):
        enc.encode("abc")
    # ranks that are not a merge order: no crash, no hang (tiktoken's merge rule still applies)
    odd = {bytes([b]): b + 10 for b in range(256)}
    odd.update({b"ab": 0, b"abab": 1, b"ba": 2})
    ref, enc = both(odd)
    text = "abababab " * 50 + "ab" * 3000
    assert enc.encode_ordinary(text) == ref.encode_ordinary(text)


def test_a_long_input_runs_in_linear_time(make_pair):
    import time
    _, enc = make_pair("50k", "cl100k")
    unit = "The quick brown fox, 123 times!\n  "

    def best_of_three(text):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            tokens = enc.encode_ordinary(text)
            times.append(time.perf_counter() - start)
        return min(times), tokens

    t_small, _ = best_of_three(unit * 10_000)
    t_big, tokens = best_of_three(unit * 100_000)
    assert enc.decode(tokens) == unit * 100_000
    # 10 x the text: 10 x the time if linear (100 x if quadratic); generous for a loaded machine
    assert t_big < 30 * t_small, (t_small, t_big)
    spaces = " " * 1_000_000 + "x"
    assert enc.decode(enc.encode_ordinary(spaces)) == spaces
