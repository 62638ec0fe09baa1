"""The public ``Encoding`` class: tiktoken's API, argument normalization in Python, the work in Swift."""

from __future__ import annotations

import bisect
import functools
from concurrent.futures import ThreadPoolExecutor
from array import array
from typing import TYPE_CHECKING, AbstractSet, Any, Collection, Iterable, Literal, NoReturn, Sequence, cast

from . import _core

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_NO_STRINGS: list[str] = []

# What the Swift core takes for special tokens: (allowed, allow all, disallowed, disallow all).
_SpecialArgs = tuple[list[str], bool, list[str], bool]

# Unicode White_Space (Rust's char::is_whitespace), for encode_with_unstable.
_WHITE_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                         "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def _fix_surrogates(text: str) -> str:
    # What tiktoken does with a str that is not valid UTF-8 (lone surrogates): U+FFFD.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


class Encoding:
    def __init__(
        self,
        name: str,
        *,
        pat_str: str,
        mergeable_ranks: dict[bytes, int],
        special_tokens: dict[str, int],
        explicit_n_vocab: int | None = None,
    ):
        """Creates an Encoding (the arguments of ``tiktoken.Encoding``)."""
        self.name = name
        self._pat_str = pat_str
        self._mergeable_ranks = mergeable_ranks
        self._special_tokens = special_tokens

        self.max_token_value = max(
            max(mergeable_ranks.values()), max(special_tokens.values(), default=0)
        )
        if explicit_n_vocab:
            assert len(mergeable_ranks) + len(special_tokens) == explicit_n_vocab
            assert self.max_token_value == explicit_n_vocab - 1

        self._special_token_values = set(special_tokens.values())
        # The table crosses into Swift as one bytes object and two int arrays (buffers, not
        # 50,000 separate bytes objects): all keys joined, each key's length, each rank.
        keys = mergeable_ranks.keys()
        data = b"".join(keys)
        lengths = list(map(len, keys))
        ranks = list(mergeable_ranks.values())
        self._core_bpe = _core.CoreBPE(token_data=data, token_lengths=lengths, token_ranks=ranks,
                                       special_tokens=special_tokens, pattern=pat_str)
        self._all_specials = list(special_tokens)

    def __repr__(self) -> str:
        return f"<Encoding {self.name!r}>"

    # ---------------------------------------------------------------- normalization

    def _special_args(
        self, allowed_special: Literal["all"] | AbstractSet[str],
        disallowed_special: Literal["all"] | Collection[str],
    ) -> _SpecialArgs:
        """(allowed list, allow all, disallowed list, disallow all) for the Swift core, with
        tiktoken's rules: "all" allows every special token; by default every special token
        that is not allowed is disallowed."""
        allow_all = allowed_special == "all"
        if allow_all:
            allowed = _NO_STRINGS
        else:
            allowed = allowed_special if isinstance(allowed_special, list) else list(allowed_special)
        if disallowed_special == "all":
            return allowed, allow_all, _NO_STRINGS, not allow_all
        if not disallowed_special:
            return allowed, allow_all, _NO_STRINGS, False
        return allowed, allow_all, list(disallowed_special), False

    # ---------------------------------------------------------------- encoding

    def encode_ordinary(self, text: str) -> list[int]:
        """Encodes a string into tokens, ignoring special tokens."""
        try:
            return self._core_bpe.encode_ordinary(text)
        except UnicodeEncodeError:
            return self._core_bpe.encode_ordinary(_fix_surrogates(text))

    def encode(
        self,
        text: str,
        *,
        allowed_special: Literal["all"] | AbstractSet[str] = set(),  # noqa: B006
        disallowed_special: Literal["all"] | Collection[str] = "all",
    ) -> list[int]:
        """Encodes a string into tokens, with tiktoken's special-token rules (a disallowed
        special token in the text raises ValueError)."""
        args = self._special_args(allowed_special, disallowed_special)
        try:
            return self._core_bpe.encode(text, *args)
        except _core.DisallowedSpecialToken as error:
            raise_disallowed_special_token(error.args[0])
        except UnicodeEncodeError:
            try:
                return self._core_bpe.encode(_fix_surrogates(text), *args)
            except _core.DisallowedSpecialToken as error:
                raise_disallowed_special_token(error.args[0])

    def encode_to_numpy(
        self,
        text: str,
        *,
        allowed_special: Literal["all"] | AbstractSet[str] = set(),  # noqa: B006
        disallowed_special: Literal["all"] | Collection[str] = "all",
    ) -> npt.NDArray[np.uint32]:
        """Encodes a string into tokens, as a NumPy uint32 array."""
        import numpy as np

        args = self._special_args(allowed_special, disallowed_special)
        try:
            tokens = self._core_bpe.encode_to_array(text, *args)
        except _core.DisallowedSpecialToken as error:
            raise_disallowed_special_token(error.args[0])
        except UnicodeEncodeError:
            return self.encode_to_numpy(_fix_surrogates(text), allowed_special=allowed_special,
                                        disallowed_special=disallowed_special)
        # `tokens` is a _core.UInt32Array that owns the Swift array and lends its memory: the
        # NumPy array views it without a copy (and keeps it alive). Read-only, as tiktoken's.
        # _core.UInt32Array's stub declares __buffer__ from 3.12 only (stubtest holds the stub to
        # the runtime), so a type checker for an older Python does not see a buffer here.
        array: npt.NDArray[np.uint32] = np.frombuffer(tokens, dtype=np.uint32)  # type: ignore[call-overload,unused-ignore]
        array.flags.writeable = False
        return array

    def encode_ordinary_batch(self, text: list[str], *, num_threads: int = 8) -> list[list[int]]:
        """Encodes a list of strings, on `num_threads` threads, ignoring special tokens."""
        texts = _batch(text)
        _check_threads(num_threads)
        return self._encode_batch(texts, (_NO_STRINGS, False, _NO_STRINGS, False), True, num_threads)

    def encode_batch(
        self,
        text: list[str],
        *,
        num_threads: int = 8,
        allowed_special: Literal["all"] | AbstractSet[str] = set(),  # noqa: B006
        disallowed_special: Literal["all"] | Collection[str] = "all",
    ) -> list[list[int]]:
        """Encodes a list of strings on `num_threads` threads (without the GIL)."""
        texts = _batch(text)
        _check_threads(num_threads)
        args = self._special_args(allowed_special, disallowed_special)
        try:
            return self._encode_batch(texts, args, False, num_threads)
        except _core.DisallowedSpecialToken as error:
            raise_disallowed_special_token(error.args[0])

    def _encode_batch(self, texts: list[str], args: _SpecialArgs, ordinary: bool, num_threads: int) -> list[list[int]]:
        """The batch on `num_threads` Python threads, each encoding a chunk in one Swift call.

        The Swift call releases the GIL while it encodes; turning its results into Python lists
        of ints (and the texts into Swift strings) needs the GIL, and is about a third of the
        time. With chunks, one thread converts while the others encode, as tiktoken's threads
        do; one Swift call for the whole batch on Swift threads would convert everything before
        and after the parallel part, which bounds 2 threads below 1.5 x one."""
        core = self._core_bpe
        if num_threads == 1 or len(texts) < 2:
            return core.encode_batch(texts, *args, ordinary, 1)
        threads = min(num_threads, len(texts))
        # a few chunks per thread: the last chunks overlap little, and documents differ in size
        size = -(-len(texts) // (4 * threads))
        chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
        with ThreadPoolExecutor(threads) as pool:
            # map raises the first chunk's error in input order; a chunk raises for its first document
            parts = list(pool.map(lambda chunk: core.encode_batch(chunk, *args, ordinary, 1), chunks))
        return [tokens for part in parts for tokens in part]

    def encode_with_unstable(
        self,
        text: str,
        *,
        allowed_special: Literal["all"] | AbstractSet[str] = set(),  # noqa: B006
        disallowed_special: Literal["all"] | Collection[str] = "all",
    ) -> tuple[list[int], list[list[int]]]:
        """Encodes a string into stable tokens and possible completion sequences (tiktoken's
        algorithm; the completions come in no particular order, as tiktoken's)."""
        allowed, allow_all, disallowed, disallow_all = self._special_args(allowed_special, disallowed_special)
        if disallowed or disallow_all:
            try:
                self._core_bpe.encode(text, allowed, allow_all, disallowed, disallow_all)
            except _core.DisallowedSpecialToken as error:
                raise_disallowed_special_token(error.args[0])
        tokens, last = self._core_bpe.encode_with_last_piece_length(text, allowed, allow_all)
        if last == 0:
            return tokens, []
        last = self._increase_last_piece_token_len(tokens, last)
        decoder = self._core_bpe.decode_single_token_bytes
        unstable = self._core_bpe.decode_bytes(tokens[-last:])
        del tokens[-last:]
        completions: set[tuple[int, ...]] = set()
        if not unstable:
            return tokens, []
        sorted_bytes = self._sorted_token_bytes
        point = bisect.bisect_left(sorted_bytes, unstable)
        while point < len(sorted_bytes) and sorted_bytes[point].startswith(unstable):
            completions.add((self._mergeable_ranks[sorted_bytes[point]],))
            point += 1
        for i in range(1, len(unstable)):
            prefix, suffix = unstable[:i], unstable[i:]
            point = bisect.bisect_left(sorted_bytes, suffix)
            while point < len(sorted_bytes) and sorted_bytes[point].startswith(suffix):
                possibility = prefix + sorted_bytes[point]
                try:
                    encoded = self._core_bpe.encode_ordinary(possibility.decode("utf-8"))
                except UnicodeDecodeError:
                    encoded = self._core_bpe.byte_pair_encode(possibility)
                seq, seq_len = [], 0
                for token in encoded:
                    seq.append(token)
                    seq_len += len(decoder(token))
                    if seq_len >= len(unstable):
                        break
                completions.add(tuple(seq))
                point += 1
        if len(unstable) > 1:
            # the last scalar of the unstable bytes, if they end with a whole one
            for width in range(1, min(4, len(unstable)) + 1):
                try:
                    last_char = unstable[-width:].decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if len(last_char) == 1:
                    if len(unstable) - width > 0 and last_char in _WHITE_SPACE:
                        reencoded = self._core_bpe.byte_pair_encode(unstable[:-width])
                        reencoded += self._core_bpe.byte_pair_encode(unstable[-width:])
                        completions.add(tuple(reencoded))
                    break
        return tokens, [list(seq) for seq in completions]

    def encode_single_token(self, text_or_bytes: str | bytes) -> int:
        """The token of exactly this text or these bytes (special tokens included); KeyError if none."""
        if isinstance(text_or_bytes, str):
            text_or_bytes = text_or_bytes.encode("utf-8")
        if not isinstance(text_or_bytes, bytes):
            raise TypeError(f"{type(text_or_bytes).__name__!r} object is not an instance of 'bytes'")
        try:
            return self._core_bpe.encode_single_token(text_or_bytes)
        except KeyError:
            raise KeyError(text_or_bytes) from None

    # ---------------------------------------------------------------- decoding

    def decode_bytes(self, tokens: Sequence[int]) -> bytes:
        """Decodes a list of tokens into bytes."""
        return self._core_bpe.decode_bytes(_tokens(tokens))

    def decode(self, tokens: Sequence[int], errors: str = "replace") -> str:
        """Decodes a list of tokens into a string (lossy by default: errors="replace")."""
        return self._core_bpe.decode_bytes(_tokens(tokens)).decode("utf-8", errors=errors)

    def decode_single_token_bytes(self, token: int) -> bytes:
        """The bytes of one token (special tokens included); KeyError if none."""
        return self._core_bpe.decode_single_token_bytes(token)

    def decode_tokens_bytes(self, tokens: Sequence[int]) -> list[bytes]:
        """The bytes of each token."""
        return self._core_bpe.decode_tokens_bytes(_tokens(tokens))

    def decode_with_offsets(self, tokens: Sequence[int]) -> tuple[str, list[int]]:
        """The text and the index in it where each token starts (tiktoken's rule for tokens that
        start inside a character)."""
        token_bytes = self.decode_tokens_bytes(tokens)
        text_len = 0
        offsets = []
        for token in token_bytes:
            offsets.append(max(0, text_len - (0x80 <= token[0] < 0xC0)))
            text_len += sum(1 for c in token if not 0x80 <= c < 0xC0)
        text = b"".join(token_bytes).decode("utf-8", errors="strict")
        return text, offsets

    def decode_batch(
        self, batch: Sequence[Sequence[int]], *, errors: str = "replace", num_threads: int = 8
    ) -> list[str]:
        """Decodes a batch (list of lists of tokens) into a list of strings."""
        decoded = self._core_bpe.decode_bytes_batch([_tokens(tokens) for tokens in batch])
        return [b.decode("utf-8", errors=errors) for b in decoded]

    def decode_bytes_batch(self, batch: Sequence[Sequence[int]], *, num_threads: int = 8) -> list[bytes]:
        """Decodes a batch (list of lists of tokens) into a list of bytes."""
        return self._core_bpe.decode_bytes_batch([_tokens(tokens) for tokens in batch])

    # ---------------------------------------------------------------- miscellaneous

    def token_byte_values(self) -> list[bytes]:
        """The bytes of every mergeable token, sorted."""
        return self._core_bpe.token_byte_values()

    @functools.cached_property
    def _sorted_token_bytes(self) -> list[bytes]:
        return self._core_bpe.token_byte_values()

    @property
    def eot_token(self) -> int:
        return self._special_tokens["<|endoftext|>"]

    @functools.cached_property
    def special_tokens_set(self) -> set[str]:
        return set(self._special_tokens.keys())

    def is_special_token(self, token: int) -> bool:
        assert isinstance(token, int)
        return token in self._special_token_values

    @property
    def n_vocab(self) -> int:
        """For backwards compatibility. Prefer to use `enc.max_token_value + 1`."""
        return self.max_token_value + 1

    # ---------------------------------------------------------------- private (tiktoken's too)

    def _encode_single_piece(self, text_or_bytes: str | bytes) -> list[int]:
        if isinstance(text_or_bytes, str):
            text_or_bytes = text_or_bytes.encode("utf-8")
        return self._core_bpe.encode_single_piece(text_or_bytes)

    def _encode_only_native_bpe(self, text: str) -> list[int]:
        import regex  # type: ignore[import-untyped]  # tiktoken's dependency; no stubs

        ret: list[int] = []
        for piece in regex.findall(regex.compile(self._pat_str), text):
            ret.extend(self._core_bpe.encode_single_piece(piece.encode("utf-8")))
        return ret

    def _encode_bytes(self, text: bytes) -> list[int]:
        """Encodes bytes that need not be UTF-8 (tiktoken's private ``_encode_bytes``): valid
        UTF-8 is ``encode_ordinary``'s; otherwise the valid prefix is encoded as text (special
        tokens as ordinary text), its last piece's tokens are taken back and their bytes, with
        everything from the first invalid byte on, become one piece (its token, or its merge)."""
        if not isinstance(text, bytes):
            raise TypeError(_not_bytes(text))
        core = self._core_bpe
        try:
            return core.encode_ordinary(text.decode("utf-8"))
        except UnicodeDecodeError as error:
            valid = error.start  # Rust's Utf8Error::valid_up_to: where the first invalid sequence starts
        tokens, last = core.encode_with_last_piece_length(text[:valid].decode("utf-8"), _NO_STRINGS, False)
        last = self._increase_last_piece_token_len(tokens, last)
        if tokens and last > 0:
            unstable = core.decode_bytes(tokens[-last:]) + text[valid:]
            del tokens[-last:]
        else:
            unstable = text[valid:]
        if unstable:
            tokens += core.encode_single_piece(unstable)
        return tokens

    def _increase_last_piece_token_len(self, tokens: list[int], last: int) -> int:
        """tiktoken's fix for unstable splits: a last piece that starts with a token of spaces,
        tabs and newlines takes the run of such tokens before it too."""
        decoder = self._core_bpe.decode_single_token_bytes

        def all_space(token: int) -> bool:
            return all(b in b" \n\t" for b in decoder(token))

        if last > 0 and all_space(tokens[-last]):
            while last < len(tokens) and all_space(tokens[-last - 1]):
                last += 1
        return last

    def __getstate__(self) -> object:
        from . import registry

        if self is registry.ENCODINGS.get(self.name):
            return self.name
        return {
            "name": self.name,
            "pat_str": self._pat_str,
            "mergeable_ranks": self._mergeable_ranks,
            "special_tokens": self._special_tokens,
        }

    def __setstate__(self, value: object) -> None:
        from . import registry

        if isinstance(value, str):
            self.__dict__ = registry.get_encoding(value).__dict__
            return
        # tiktoken's own call (a subclass's __init__ runs), which mypy calls unsound
        self.__init__(**cast("dict[str, Any]", value))  # type: ignore[misc]


def _batch(items: Iterable[str]) -> list[str]:
    return items if isinstance(items, list) else list(items)


def _check_threads(num_threads: int) -> None:
    # what tiktoken's ThreadPoolExecutor(num_threads) raises
    if num_threads <= 0:
        raise ValueError("max_workers must be greater than 0")


def _not_bytes(value: object) -> str:
    # pyo3's message for an argument that is not bytes (tiktoken's)
    if value is None:
        return "'None' is not an instance of 'bytes'"
    return f"{type(value).__name__!r} object is not an instance of 'bytes'"


def _tokens(tokens: Sequence[int]) -> list[int]:
    # the core takes a list or tuple of ints (its stub says list); tiktoken takes any sequence
    # (a NumPy array, a range)
    if isinstance(tokens, (list, tuple)):
        return cast("list[int]", tokens)
    if isinstance(tokens, (str, bytes)):
        raise TypeError(f"expected a sequence of ints, got {type(tokens).__name__}")
    return [int(t) for t in tokens]


def raise_disallowed_special_token(token: str) -> NoReturn:
    raise ValueError(
        f"Encountered text corresponding to disallowed special token {token!r}.\n"
        "If you want this text to be encoded as a special token, "
        f"pass it to `allowed_special`, e.g. `allowed_special={{{token!r}, ...}}`.\n"
        f"If you want this text to be encoded as normal text, disable the check for this token "
        f"by passing `disallowed_special=(enc.special_tokens_set - {{{token!r}}})`.\n"
        "To disable this check for all special tokens, pass `disallowed_special=()`.\n"
    ) from None
