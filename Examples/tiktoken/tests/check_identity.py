"""A compact identity check of swift_tiktoken against tiktoken, for interpreters where tiktoken
cannot be installed (`Tests/EndToEnd/test_tiktoken.py` runs it on every CPython it tests).

    python check_identity.py --write expected.json   # with tiktoken: its results on the texts below
    python check_identity.py expected.json           # with swift_tiktoken: the same results, or exit 1

Both modes read the yardstick's 50k rank table ($SWIFT_TIKTOKEN_YARDSTICK, or ../shared/tokenizer
beside the repository) with its own parser; the patterns and special tokens travel in the JSON
(reading them needs tiktoken_ext). Each pattern runs its hand-written splitter, the short, heap
and backtracking merges (a 20 KB word), special tokens, batches on threads, encode_to_numpy,
decoding, `_encode_bytes`, and the exception types of bad input.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def texts() -> list[str]:
    rng = random.Random(29)
    word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(20_000))
    return [
        "",
        "hello world",
        "Hello, World! It's 2026; we'll see: 12345678 apples & 3.14159 pies.\n\n",
        "def f(x):\n    return x ** 2  # square\r\n\tpass\n   \n",
        "日本語のテキスト、中文文本，한국어 텍스트 — Ελληνικά, русский, עברית، العربية",
        "emoji 👍🏽👨‍👩‍👧 and combining e\u0301 a\u0308 \u200d\u200c",
        "I'M HERE, YOU'RE THERE, THEY'VE GONE. ſ's 'S 'll 'Ll",
        " " * 300 + "x" + "\n" * 50 + "y\r\n\r\n",
        "ʕ U+0295 and new letters \U0001E5D0 \u0870 in text",
        word,
        "a<|endoftext|>b <|endoftext|><|endoftext|> end",
        "<|endoftext|>",
    ]


def yardstick() -> Path:
    env = os.environ.get("SWIFT_TIKTOKEN_YARDSTICK")
    path = Path(env) if env else HERE.parents[2].parent / "shared" / "tokenizer"
    if not (path / "data" / "ranks-50k.tiktoken").is_file():
        sys.exit(f"no tokenizer yardstick at {path}")
    return path


def results(module, encodings: dict) -> dict:
    """Every result the check compares, per pattern, from `module` (tiktoken or swift_tiktoken)."""
    sys.path.insert(0, str(yardstick()))
    import tokdata

    ranks = tokdata.load_ranks("50k")
    out = {}
    for short, info in encodings.items():
        enc = module.Encoding(name=f"check_{short}", pat_str=info["pat_str"], mergeable_ranks=ranks,
                              special_tokens=info["special_tokens"])
        all_texts = texts()
        ordinary = [enc.encode_ordinary(t) for t in all_texts]
        with_specials = [enc.encode(t, allowed_special="all") for t in all_texts]
        flat = [token for tokens in with_specials for token in tokens]
        errors = []
        for call in (lambda: enc.encode("x <|endoftext|>"), lambda: enc.decode_bytes([len(ranks) + 1000]),
                     lambda: enc.encode_single_token("not one token at all"), lambda: enc.decode([-1])):
            try:
                call()
                errors.append("no error")
            except Exception as error:
                # the built-in type (swift_tiktoken's TokenNotFound is a KeyError, as tiktoken's)
                errors.append(next(t.__name__ for t in type(error).__mro__ if t.__module__ == "builtins"))
        out[short] = {
            "encode_ordinary": ordinary,
            "encode": with_specials,
            "encode_batch": enc.encode_batch(all_texts, allowed_special="all", num_threads=2),
            "encode_to_numpy": [enc.encode_to_numpy(t, allowed_special="all").tolist() for t in all_texts],
            "decode_bytes": enc.decode_bytes(flat).hex(),
            "decode": [enc.decode(tokens) for tokens in ordinary],
            "single_token": [enc.decode_single_token_bytes(t).hex() for t in flat[:200]],
            "errors": errors,
            "n_vocab": enc.n_vocab,
            # bytes cut inside a character, with invalid bytes after
            "encode_bytes": [enc._encode_bytes(data[:-1]) + enc._encode_bytes(data[:len(data) // 2 + 1] + b"\xff\xfe")
                             for data in (t.encode("utf-8") for t in all_texts)],
        }
    return out


def main() -> int:
    if sys.argv[1:2] == ["--write"]:
        import tiktoken

        sys.path.insert(0, str(yardstick()))
        import tokdata

        encodings = {short: {"pat_str": info["pat_str"],
                             "special_tokens": tokdata.special_tokens_for(short, 50_000)}
                     for short, info in tokdata.openai_encodings().items()}
        expected = {"encodings": encodings, "results": results(tiktoken, encodings)}
        Path(sys.argv[2]).write_text(json.dumps(expected))
        return 0
    import swift_tiktoken

    expected = json.loads(Path(sys.argv[1]).read_text())
    got = results(swift_tiktoken, expected["encodings"])
    failures = [f"{short}.{key}" for short, want in expected["results"].items()
                for key, value in want.items() if got[short][key] != value]
    version = ".".join(map(str, sys.version_info[:3]))
    if failures:
        print(f"Python {version}: differs from tiktoken in {', '.join(failures)}")
        return 1
    print(f"Python {version}: identical to tiktoken ({len(expected['results'])} patterns, {len(texts())} texts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
