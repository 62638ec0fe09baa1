"""Identical ids to tiktoken 0.14.0: the three public patterns, both rank tables, every corpus
document; encode_ordinary, encode (all special tokens allowed), encode_batch on 2 threads,
encode_to_numpy, and decoding back."""

import numpy as np
import pytest

PATTERNS = ["r50k", "cl100k", "o200k"]
RANKS = ["2k", "50k"]


@pytest.mark.parametrize("ranks_name", RANKS)
@pytest.mark.parametrize("pattern", PATTERNS)
def test_ids_identical_on_every_document(make_pair, corpora, pattern, ranks_name):
    ref, enc = make_pair(ranks_name, pattern)
    assert enc._core_bpe.uses_hand_written_splitter
    for name, docs in corpora.items():
        if name == "longword":
            continue
        want_all = [ref.encode(d, allowed_special="all") for d in docs]
        for d, want in zip(docs, want_all):
            assert enc.encode_ordinary(d) == ref.encode_ordinary(d), (name, d[:80])
            got = enc.encode(d, allowed_special="all")
            assert got == want, (name, d[:80])
            assert enc.decode_bytes(got) == d.encode("utf-8")
        assert enc.encode_batch(docs, num_threads=2, allowed_special="all") == want_all, name
        some = docs[:: max(1, len(docs) // 20)]
        for d in some:
            array = enc.encode_to_numpy(d, allowed_special="all")
            assert array.dtype == np.uint32 and array.tolist() == ref.encode(d, allowed_special="all")


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_one_megabyte_word(make_pair, corpora, pattern):
    # tiktoken takes about 0.5 s on the whole word: cl100k gets all of it, the others 256 KB
    ref, enc = make_pair("50k", pattern)
    (word,) = corpora["longword"]
    if pattern != "cl100k":
        word = word[:256_000]
    assert enc.encode_ordinary(word) == ref.encode_ordinary(word)
    assert enc.encode(word) == ref.encode(word)


def test_a_long_piece_of_each_merge_path(make_pair, corpora):
    # pieces around the thresholds of the merge paths (192 and 4096 bytes)
    ref, enc = make_pair("50k", "cl100k")
    (word,) = corpora["longword"]
    for n in (150, 192, 193, 1000, 4095, 4096, 4097, 30000):   # flat scan, heap, backtracking
        assert enc.encode_ordinary(word[:n]) == ref.encode_ordinary(word[:n]), n


def test_the_long_merge_paths_agree(make_pair, corpora):
    # the bucket merge (SWIFT_TIKTOKEN_LONG_MERGE=buckets) is the backtracking encoder's
    # fallback; a subprocess checks it gives tiktoken's ids on a long piece too
    import os
    import subprocess
    import sys
    ref, _ = make_pair("50k", "cl100k")
    (word,) = corpora["longword"]
    word = word[:20_000]
    code = ("import sys, json; sys.path.insert(0, sys.argv[1]); import tokdata, swift_tiktoken; "
            "enc = tokdata.make_encoding(swift_tiktoken, '50k', 'cl100k'); "
            "print(json.dumps(enc.encode_ordinary(sys.stdin.read())))")
    import tokdata
    env = dict(os.environ, SWIFT_TIKTOKEN_LONG_MERGE="buckets")
    result = subprocess.run([sys.executable, "-c", code, str(os.path.dirname(tokdata.__file__))], input=word,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    import json
    assert json.loads(result.stdout) == ref.encode_ordinary(word)
