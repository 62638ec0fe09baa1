"""MinHash and LSH: Examples/minhash (Swift, built by swiftmod) against rensa 0.5.0, datasketch
and a pure-Python reference, on one deterministic workload in one run.

Builds Examples/minhash with `swiftmod compile --release` into a temporary directory and imports
its `minhash` module (if that fails, or the module has no RMinHash yet, the arm is reported as not
available and the others still run). Then, in interleaved rounds, for each implementation:

  (a) build N MinHashes of 200 word-like tokens each at num_perm=128, seed 42: a per-object loop
      (`RMinHash(128, 42)` + `update(doc)`), and the bulk constructor where there is one;
  (b) LSH: insert all N sketches and query all N (RMinHashLSH with 16 bands of 8 rows, candidates
      at Jaccard ≈ 0.5; datasketch's MinHashLSH with the same banding, params=(16, 8)), as a
      per-key loop and, for rensa and minhash, as insert_many + query_all;
and once, untimed, on a quality corpus:
  (c) mean absolute error of the Jaccard estimate against the exact Jaccard over ~500 sampled
      pairs (planted near-duplicates spanning 0.05 … 1, plus unrelated pairs);
  (d) recall of the planted near-duplicates with exact Jaccard ≥ 0.8 through the LSH.

Medians over the rounds, then the ratios beside the targets of the minhash issue: building
≥ 1.0 × rensa's throughput (stretch 1.5 ×), LSH insert + query ≥ 1.0 × rensa and ≥ 10 ×
datasketch, MAE no worse than rensa's + 0.005. datasketch and the pure-Python reference are
timed on a prefix of the corpus (N/10 and N/50 documents) and scaled to N; the output says so.
RAYON_NUM_THREADS defaults to 1 (rensa single-threaded, as the Swift code is), unless set.

Usage: python3 Benchmarks/minhash.py [--quick] [--swiftmod PATH] [--rounds N] [--n N]
                                     [--prebuilt DIR]   (a directory that already holds minhash/)
"""

import argparse
import gc
import importlib
import itertools
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if "--matrix-worker" not in sys.argv:  # a matrix worker gets its setting from the driver
    os.environ.setdefault("RAYON_NUM_THREADS", "1")  # before rensa is imported

from common import DEFAULT_SWIFTMOD, REPO, machine, median  # noqa: E402

NUM_PERM, SEED, BANDS, TOKENS_PER_DOC, VOCABULARY = 128, 42, 16, 200, 50_000
RECALL_THRESHOLD = 0.8
TARGETS = {"build": 1.0, "build stretch": 1.5, "lsh": 1.0, "lsh vs datasketch": 10.0, "mae slack": 0.005}


# MARK: - the pure-Python reference: spec §4 (ALGORITHM_VERSION 2), written for clarity

MASK, FULL, PHI = (1 << 64) - 1, 0xFFFFFFFF, 0x9E3779B97F4A7C15


def mix(x):  # SplitMix64, S(x)
    x = (x + PHI) & MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


def fold(x, y):  # M(x, y): the 128-bit product, low word XOR high word
    p = x * y
    return (p ^ (p >> 64)) & MASK


def rotl(x, n):
    return ((x << n) | (x >> (64 - n))) & MASK


def token_hash(t: bytes) -> int:  # H(t)
    n, s0, s1, le = len(t), 0x243F6A8885A308D3, 0x13198A2E03707344, int.from_bytes
    if 8 <= n <= 16:
        s0, s1 = s0 ^ le(t[:8], "little"), s1 ^ le(t[-8:], "little")
    elif 4 <= n < 8:
        s0, s1 = s0 ^ le(t[:4], "little"), s1 ^ le(t[-4:], "little")
    elif 1 <= n < 4:
        s0, s1 = s0 ^ t[0], s1 ^ (t[n - 1] * 256 + t[n // 2])
    elif n > 16:
        for o in range(0, n - 16, 16):
            s0, s1 = s1, fold(s0 ^ le(t[o:o + 8], "little"), 0xA4093822299F31D0 ^ le(t[o + 8:o + 16], "little"))
        s0, s1 = s0 ^ le(t[n - 16:n - 8], "little"), s1 ^ le(t[n - 8:], "little")
    return rotl(((fold(s0, s1) ^ n) * 0xF1357AEA2E62A9C5) & MASK, 26)


_PERMUTATIONS = {}


def permutations(k, seed):  # (a_i, b_i) from xoshiro256++ seeded by SplitMix64
    if (k, seed) not in _PERMUTATIONS:
        w = [mix((seed + i * PHI) & MASK) for i in range(4)]

        def step():
            result = (rotl((w[0] + w[3]) & MASK, 23) + w[0]) & MASK
            u = (w[1] << 17) & MASK
            w[2] ^= w[0]
            w[3] ^= w[1]
            w[1] ^= w[2]
            w[0] ^= w[3]
            w[2] ^= u
            w[3] = rotl(w[3], 45)
            return result

        pairs = [(step() | 1, step()) for _ in range(k)]
        _PERMUTATIONS[k, seed] = [a for a, _ in pairs], [b for _, b in pairs]
    return _PERMUTATIONS[k, seed]


def reference_digest(tokens, k=NUM_PERM, seed=SEED):
    """R-MinHash of a token set: three bucket rounds per token, then the fallback for empty slots."""
    a, b = permutations(k, seed)
    hashes = {token_hash(t.encode() if isinstance(t, str) else bytes(t)) for t in tokens}
    digest, reject = [FULL] * k, (1 << 32) % k
    for h in hashes:
        for r in range(3):
            x = y = mix(h ^ b[0] ^ 0x6A09E667F3BCC909 ^ ((r * 0x3C6EF372FE94F82B) & MASK))
            while ((y & FULL) * k) & FULL < reject:  # Lemire reduction with rejection
                y = mix(y)
            slot, value = ((y & FULL) * k) >> 32, (r << 30) + (x >> 34)
            if value < digest[slot]:
                digest[slot] = value
    fallback = [mix(h ^ a[0] ^ 0xBB67AE8584CAA73B) for h in hashes]
    for i in range(k):
        if digest[i] >= 3 << 30:
            digest[i] = min([digest[i]] + [(3 << 30) + (((a[i] * f + b[i]) & MASK) >> 34) for f in fallback])
    return digest


class ReferenceLSH:
    """Banding on the digest values: band j is positions j·r … (j+1)·r − 1."""

    def __init__(self, num_perm=NUM_PERM, num_bands=BANDS):
        self.rows, self.tables = num_perm // num_bands, [{} for _ in range(num_bands)]

    def bands(self, digest):
        return [tuple(digest[j * self.rows:(j + 1) * self.rows]) for j in range(len(self.tables))]

    def insert(self, key, digest):
        for table, band in zip(self.tables, self.bands(digest)):
            table.setdefault(band, []).append(key)

    def query(self, digest):
        found = {}
        for table, band in zip(self.tables, self.bands(digest)):
            for key in table.get(band, ()):
                found.setdefault(key, None)
        return list(found)


def reference_jaccard(left, right):
    return sum(x == y for x, y in zip(left, right)) / len(left)


# MARK: - the workload


def make_workload(n: int, seed: int = 20240601):
    """N documents of 200 distinct word-like tokens from a fixed 50,000-word vocabulary; every
    tenth document is a planted near-duplicate of an earlier one. Returns (documents, pairs), pairs
    being (i, j, exact Jaccard) for the MAE sample, about 500 of them."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = list({"".join(rng.choices(letters, k=rng.randint(2, 14))) for _ in range(VOCABULARY * 11 // 10)})
    vocabulary.sort()
    rng.shuffle(vocabulary)
    vocabulary = vocabulary[:VOCABULARY]
    documents, planted = [], []
    for i in range(n):
        if i % 10 == 9:
            base = rng.randrange(max(0, i - 200), i)  # near in the list, so prefixes hold pairs too
            # Half the planted pairs at Jaccard ≥ 0.8, half spread below.
            target = rng.uniform(0.8, 1.0) if rng.random() < 0.5 else rng.uniform(0.05, 0.8)
            keep = round(2 * TOKENS_PER_DOC * target / (1 + target))
            kept = rng.sample(documents[base], keep)
            fresh = set(kept)
            while len(fresh) < TOKENS_PER_DOC:
                fresh.add(rng.choice(vocabulary))
            document = list(fresh)
            rng.shuffle(document)
            planted.append((base, i))
        else:
            document = rng.sample(vocabulary, TOKENS_PER_DOC)
        documents.append(document)
    sample = rng.sample(planted, min(len(planted), 450))
    while len(sample) < len(planted[:450]) + 50:  # and 50 unrelated pairs
        sample.append(tuple(rng.sample(range(n), 2)))
    pairs = []
    for i, j in sample:
        a, b = set(documents[i]), set(documents[j])
        pairs.append((i, j, len(a & b) / len(a | b)))
    return documents, pairs


# MARK: - the arms


class Arm:
    """One implementation: how to build sketches, an index, and compare two sketches."""

    name = "?"
    scale = 1  # timed on N // scale documents
    has_bulk_build = has_bulk_lsh = False

    def build(self, documents):
        raise NotImplementedError

    def build_bulk(self, documents):
        raise NotImplementedError

    def lsh_loop(self, sketches):
        """Insert every sketch under its position, then query each; returns the candidate lists."""
        raise NotImplementedError

    def lsh_bulk(self, sketches):
        raise NotImplementedError

    def jaccard(self, left, right):
        raise NotImplementedError


class RensaLike(Arm):
    """rensa, or this example: the same API."""

    has_bulk_build = has_bulk_lsh = True

    def __init__(self, name, module):
        self.name, self.module = name, module
        self.R, self.L = module.RMinHash, module.RMinHashLSH

    def build(self, documents):
        R, out = self.R, []
        for document in documents:
            m = R(NUM_PERM, SEED)
            m.update(document)
            out.append(m)
        return out

    def build_bulk(self, documents):
        return self.R.from_token_sets(documents, NUM_PERM, SEED)

    def lsh_loop(self, sketches):
        index = self.L(0.5, NUM_PERM, BANDS)
        for key, m in enumerate(sketches):
            index.insert(key, m)
        return [index.query(m) for m in sketches]

    def lsh_bulk(self, sketches):
        index = self.L(0.5, NUM_PERM, BANDS)
        index.insert_many(sketches)
        return index.query_all(sketches)

    def jaccard(self, left, right):
        return left.jaccard(right)

    def digest(self, sketch):
        return sketch.digest()


class Datasketch(Arm):
    name, scale, has_bulk_build = "datasketch", 10, True

    def __init__(self, module):
        self.module = module
        # One shared permutation table, as an informed user passes it (otherwise every MinHash
        # draws its own 128 permutations).
        template = module.MinHash(num_perm=NUM_PERM, seed=SEED)
        self.permutations, self.scheme = template.permutations, template.scheme

    def build(self, documents):
        MinHash, permutations, scheme, out = self.module.MinHash, self.permutations, self.scheme, []
        for document in documents:
            m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=permutations, scheme=scheme)
            m.update_batch([t.encode() for t in document])
            out.append(m)
        return out

    def build_bulk(self, documents):
        return self.module.MinHash.bulk([[t.encode() for t in d] for d in documents], num_perm=NUM_PERM, seed=SEED)

    def lsh_loop(self, sketches):
        index = self.module.MinHashLSH(threshold=0.5, num_perm=NUM_PERM, params=(BANDS, NUM_PERM // BANDS))
        for key, m in enumerate(sketches):
            index.insert(key, m)
        return [index.query(m) for m in sketches]

    def jaccard(self, left, right):
        return left.jaccard(right)


class Reference(Arm):
    name, scale = "pure Python", 50

    def build(self, documents):
        return [reference_digest(d) for d in documents]

    def lsh_loop(self, sketches):
        index = ReferenceLSH()
        for key, digest in enumerate(sketches):
            index.insert(key, digest)
        return [index.query(d) for d in sketches]

    def jaccard(self, left, right):
        return reference_jaccard(left, right)


def build_minhash(swiftmod: Path, out: Path, prebuilt: Path | None):
    """This example's module, or (None, reason). Compiles Examples/minhash unless `prebuilt`."""
    directory = prebuilt or out
    if prebuilt is None:
        command = [str(swiftmod), "compile", "--release", "--out", str(out), "--interpreter", sys.executable]
        try:
            result = subprocess.run(command, cwd=REPO / "Examples" / "minhash", capture_output=True, text=True)
        except OSError as error:
            return None, f"cannot run {swiftmod}: {error}"
        if result.returncode != 0:
            # The example is part of the repository: a build that fails is a failure, not a gap.
            sys.exit(f"`swiftmod compile --release` of Examples/minhash failed:\n{result.stdout}{result.stderr}")
    # This script is itself importable as `minhash` (by run_all); keep that module aside while
    # importing the extension package of the same name.
    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if name == "minhash" or name.startswith("minhash.")}
    sys.path.insert(0, str(directory))
    try:
        module = importlib.import_module("minhash")
    except ImportError as error:
        return None, f"import failed: {error}"
    finally:
        sys.path.remove(str(directory))
        for name in [n for n in sys.modules if n == "minhash" or n.startswith("minhash.")]:
            sys.modules.pop(name)
        sys.modules.update(saved)
    missing = [name for name in ("RMinHash", "RMinHashLSH") if not hasattr(module, name)]
    if missing:
        return None, f"the module has no {', '.join(missing)} (swiftmod support not in yet?)"
    return module, None


def extension_size(directory: Path) -> int | None:
    sizes = [p.stat().st_size for p in directory.glob("minhash/*.so")]
    return sum(sizes) if sizes else None


# MARK: - measuring


def timed(function, *arguments):
    gc.collect()
    start = time.perf_counter()
    result = function(*arguments)
    return time.perf_counter() - start, result


def measure(swiftmod: Path, rounds: int, n: int, prebuilt: Path | None = None) -> dict:
    """Everything the report prints: {"arms": [...], "times": {arm: {measure: [s per N docs]}},
    "quality": {arm: (mae, recall)}, "unavailable": {arm: reason}, ...}."""
    documents, pairs = make_workload(n)
    results = {"n": n, "rounds": rounds, "pairs": len(pairs), "unavailable": {}, "times": {}, "quality": {},
               "scale": {}, "checks": [], "extension bytes": None}
    arms = []
    with tempfile.TemporaryDirectory() as temp:
        module, reason = build_minhash(swiftmod, Path(temp), prebuilt)
        if module is None:
            results["unavailable"]["minhash (swiftmod)"] = reason
        else:
            arms.append(RensaLike("minhash (swiftmod)", module))
            results["extension bytes"] = extension_size(prebuilt or Path(temp))
        for name, make in (("rensa", lambda m: RensaLike("rensa", m)), ("datasketch", Datasketch)):
            try:
                arms.append(make(importlib.import_module(name)))
            except ImportError as error:
                results["unavailable"][name] = f"not importable: {error}"
        arms.append(Reference())
        results["arms"] = [arm.name for arm in arms]

        # Correctness first: the reference is the spec's algorithm, so it must agree with rensa and
        # minhash digest for digest, and the two compiled modules must find the same candidates.
        probe = documents[:5]
        expected = [reference_digest(d) for d in probe]
        for arm in arms:
            if isinstance(arm, RensaLike):
                same = [m.digest() for m in arm.build(probe)] == expected
                results["checks"].append(f"{arm.name}: digests equal to the pure-Python reference (spec §4): "
                                         f"{'yes' if same else 'NO'}")

        for arm in arms:
            results["scale"][arm.name] = arm.scale
            results["times"][arm.name] = {key: [] for key in ("build", "build bulk", "lsh", "lsh bulk")}
        candidates = {}
        for round_ in range(rounds):  # interleaved: each round runs every arm once, in a rotating order
            for arm in arms[round_ % len(arms):] + arms[:round_ % len(arms)]:
                subset = documents[: max(100, n // arm.scale)]
                factor = n / len(subset)
                times = results["times"][arm.name]
                seconds, sketches = timed(arm.build, subset)
                times["build"].append(seconds * factor)
                if arm.has_bulk_build:
                    seconds, _ = timed(arm.build_bulk, subset)
                    times["build bulk"].append(seconds * factor)
                seconds, found = timed(arm.lsh_loop, sketches)
                times["lsh"].append(seconds * factor)
                candidates[arm.name] = found
                if arm.has_bulk_lsh:
                    seconds, found_bulk = timed(arm.lsh_bulk, sketches)
                    times["lsh bulk"].append(seconds * factor)
                    assert found_bulk == found, arm.name
                del sketches
        compiled = [arm.name for arm in arms if isinstance(arm, RensaLike)]
        if len(compiled) == 2:
            same = candidates[compiled[0]] == candidates[compiled[1]]
            results["checks"].append(f"minhash and rensa: identical LSH candidates for all {n} queries: "
                                     f"{'yes' if same else 'NO'}")

        # Quality, untimed, on the documents of the sampled pairs.
        involved = sorted({i for i, _, _ in pairs} | {j for _, j, _ in pairs})
        position = {doc: k for k, doc in enumerate(involved)}
        corpus = [documents[i] for i in involved]
        for arm in arms:
            sketches = arm.build(corpus)
            errors = [abs(arm.jaccard(sketches[position[i]], sketches[position[j]]) - exact) for i, j, exact in pairs]
            found = arm.lsh_loop(sketches)
            near = [(i, j) for i, j, exact in pairs if exact >= RECALL_THRESHOLD]
            hits = sum(position[i] in found[position[j]] for i, j in near)
            results["quality"][arm.name] = (sum(errors) / len(errors), hits / len(near) if near else float("nan"), len(near))
    return results


# MARK: - reporting


def report(results) -> None:
    n, rounds = results["n"], results["rounds"]
    print(f"minhash: N = {n:,} documents × {TOKENS_PER_DOC} tokens, num_perm {NUM_PERM}, LSH {BANDS} bands × "
          f"{NUM_PERM // BANDS} rows; medians of {rounds} interleaved rounds; RAYON_NUM_THREADS="
          f"{os.environ.get('RAYON_NUM_THREADS')}")
    for name, reason in results["unavailable"].items():
        print(f"{name}: not available: {reason}")
    for line in results["checks"]:
        print(f"  check: {line}")
    scaled = [f"{name} on {max(100, n // s):,} docs" for name, s in results["scale"].items() if s != 1]
    if scaled:
        print(f"  timed on a prefix and scaled to N: {', '.join(scaled)}")
    if results["extension bytes"]:
        print(f"  swiftmod extension (minhash/*.so): {results['extension bytes'] / 1e6:.2f} MB")

    labels = {"build": "build, per-object loop", "build bulk": "build, from_token_sets / bulk",
              "lsh": "LSH insert+query, per-key loop", "lsh bulk": "LSH insert_many+query_all"}
    arms = results["arms"]
    print(f"\n  {'ms for N docs (median)':32s}" + "".join(f"{name:>20s}" for name in arms))
    for key, label in labels.items():
        cells = []
        for name in arms:
            values = results["times"][name][key]
            cells.append(f"{median(values) * 1000:20,.1f}" if values else f"{'—':>20s}")
        print(f"  {label:32s}" + "".join(cells))
    print(f"  {'MAE of the Jaccard estimate':32s}" + "".join(f"{results['quality'][a][0]:20.4f}" for a in arms)
          + f"   ({results['pairs']} pairs)")
    print(f"  {'recall, planted J ≥ 0.8':32s}" + "".join(f"{results['quality'][a][1]:20.3f}" for a in arms)
          + f"   ({results['quality'][arms[-1]][2]} pairs)")

    print("\n  ratios (throughput, higher is better) against the issue's targets")
    for row in summary_rows(results):
        label, value, target, met = row
        verdict = "" if met is None else ("met" if met else "NOT met")
        print(f"  {label:52s} {value:>10s} {target:>16s} {verdict:>8s}")


def summary_rows(results) -> list[tuple[str, str, str, bool | None]]:
    """(measure, figure, target, met) for each target of the issue; `met` is None when an arm the
    row needs did not run."""
    times, quality = results["times"], results["quality"]
    us, rensa, ds = "minhash (swiftmod)", "rensa", "datasketch"

    def best(arm, *keys):
        values = [median(times[arm][k]) for k in keys if arm in times and times[arm][k]]
        return min(values) if values else None

    def ratio(label, ours, theirs, target, stretch=None):
        if ours is None or theirs is None:
            return [(label, "n/a", f"≥ {target:.1f}×", None)]
        value = theirs / ours
        rows = [(label, f"{value:.2f}×", f"≥ {target:.1f}×", value >= target)]
        if stretch:
            rows.append((f"{label} (stretch)", f"{value:.2f}×", f"≥ {stretch:.1f}×", value >= stretch))
        return rows

    rows = []
    rows += ratio("build, per-object loop: minhash / rensa", best(us, "build"), best(rensa, "build"),
                  TARGETS["build"], TARGETS["build stretch"])
    rows += ratio("build, from_token_sets: minhash / rensa", best(us, "build bulk"), best(rensa, "build bulk"),
                  TARGETS["build"], TARGETS["build stretch"])
    rows += ratio("LSH insert+query, loop: minhash / rensa", best(us, "lsh"), best(rensa, "lsh"), TARGETS["lsh"])
    rows += ratio("LSH insert+query, bulk: minhash / rensa", best(us, "lsh bulk"), best(rensa, "lsh bulk"),
                  TARGETS["lsh"])
    rows += ratio("LSH insert+query: minhash / datasketch", best(us, "lsh", "lsh bulk"), best(ds, "lsh"),
                  TARGETS["lsh vs datasketch"])
    if us in quality and rensa in quality:
        ours, theirs = quality[us][0], quality[rensa][0]
        rows.append(("MAE: minhash vs rensa + 0.005", f"{ours:.4f}", f"≤ {theirs + TARGETS['mae slack']:.4f}",
                     ours <= theirs + TARGETS["mae slack"]))
    else:
        rows.append(("MAE: minhash vs rensa + 0.005", "n/a", "≤ rensa + 0.005", None))
    return rows


# MARK: - the matrix (issue 31): token distributions × document sizes × per-object / bulk

MATRIX_DISTRIBUTIONS = ("zipf words", "random 8-byte", "60-byte urls", "char 3-grams", "mixed str/bytes")
MATRIX_SIZES = (20, 200, 2_000)
MATRIX_MODES = ("per-object", "from_token_sets", "digests_from_token_sets", "hash_token_sets")
MATRIX_TOKENS = 200_000  # tokens per cell: N = MATRIX_TOKENS // document size


def matrix_documents(distribution: str, size: int, total: int) -> list:
    """total // size documents of `size` tokens each, deterministic per (distribution, size)."""
    rng = random.Random(f"{distribution}/{size}")
    n = max(1, total // size)
    if distribution in ("zipf words", "mixed str/bytes"):
        words = matrix_vocabulary()
        weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(words))))
        documents = [rng.choices(words, cum_weights=weights, k=size) for _ in range(n)]
        if distribution == "mixed str/bytes":
            documents = [[t.encode() if k % 2 else t for k, t in enumerate(d)] for d in documents]
        return documents
    if distribution == "random 8-byte":
        return [[rng.randbytes(8) for _ in range(size)] for _ in range(n)]
    if distribution == "60-byte urls":
        hosts = [f"www.{''.join(rng.choices('abcdefghijklmnopqrstuvwxyz', k=rng.randint(5, 12)))}.com"
                 for _ in range(500)]

        def url():
            path = "/".join("".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=rng.randint(4, 9)))
                            for _ in range(3))
            return f"https://{rng.choice(hosts)}/{path}?id={rng.randrange(10**6)}"

        return [[url() for _ in range(size)] for _ in range(n)]
    if distribution == "char 3-grams":
        words = matrix_vocabulary()[:5_000]
        documents = []
        for _ in range(n):
            text = ""
            while len(text) < size + 2:
                text += " ".join(rng.choices(words, k=40)) + ". "
            text = text[: size + 2]
            documents.append([text[i:i + 3] for i in range(size)])
        return documents
    raise ValueError(distribution)


_VOCABULARY = []


def matrix_vocabulary() -> list:
    """20,000 distinct lowercase words of 2–12 letters, in Zipf rank order."""
    if not _VOCABULARY:
        rng = random.Random(31)
        seen = set()
        while len(seen) < 20_000:
            seen.add("".join(rng.choices("etaoinshrdlucmfwypvbgkjqxz", k=max(2, min(12, int(rng.gauss(6, 2.5)))))))
        words = sorted(seen)
        rng.shuffle(words)
        _VOCABULARY.extend(words)
    return _VOCABULARY


def matrix_call(module, mode: str, documents):
    R = module.RMinHash
    if mode == "per-object":
        out = []
        for document in documents:
            m = R(NUM_PERM, SEED)
            m.update(document)
            out.append(m)
        return out
    if mode == "from_token_sets":
        return R.from_token_sets(documents, NUM_PERM, SEED)
    if mode == "digests_from_token_sets":
        return R.digests_from_token_sets(documents, NUM_PERM, SEED)
    if mode == "hash_token_sets":
        return R.hash_token_sets(documents)
    if mode == "insert_many+query_all":
        index = module.RMinHashLSH(0.5, NUM_PERM, BANDS)
        index.insert_many(documents)
        return index.query_all(documents)
    raise ValueError(mode)


def matrix_worker(prebuilt: Path | None) -> None:
    """`--matrix-worker`: reads one JSON request a line from stdin ({"arm", "distribution",
    "size", "mode"}), times that call once and answers {"seconds", "fingerprint"} on stdout.
    Runs in its own process so that RAYON_NUM_THREADS (read at rensa's pool start) is per process."""
    import hashlib
    import json
    modules = {"rensa": importlib.import_module("rensa")}
    if prebuilt is not None:
        sys.path.insert(0, str(prebuilt))
        sys.modules.pop("minhash", None)
        modules["minhash"] = importlib.import_module("minhash")
    cache = {}
    for line in sys.stdin:
        request = json.loads(line)
        module = modules[request["arm"]]
        key = (request["distribution"], request["size"], request["tokens"])
        if key not in cache:
            cache.clear()
            cache[key] = matrix_documents(*key)
        documents = cache[key]
        mode = request["mode"]
        if mode == "insert_many+query_all":  # sketches made outside the timing, by the same module
            documents = module.RMinHash.from_token_sets(documents, NUM_PERM, SEED)
        seconds, result = timed(matrix_call, module, mode, documents)
        if mode in ("per-object", "from_token_sets"):
            result = [m.digest() for m in result]
        fingerprint = hashlib.sha256(repr(result).encode()).hexdigest()
        print(json.dumps({"seconds": seconds, "fingerprint": fingerprint}), flush=True)


class MatrixWorker:
    def __init__(self, prebuilt: Path | None, rayon_threads: str | None):
        env = dict(os.environ)
        env.pop("RAYON_NUM_THREADS", None)
        if rayon_threads is not None:
            env["RAYON_NUM_THREADS"] = rayon_threads
        command = [sys.executable, str(Path(__file__).resolve()), "--matrix-worker"]
        if prebuilt is not None:
            command += ["--prebuilt", str(prebuilt)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
                                        cwd=Path(__file__).resolve().parent)

    def time(self, arm, distribution, size, mode, tokens):
        import json
        self.process.stdin.write(json.dumps({"arm": arm, "distribution": distribution, "size": size,
                                             "mode": mode, "tokens": tokens}) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            sys.exit(f"matrix worker died on {arm} {distribution} {size} {mode}")
        answer = json.loads(answer)
        return answer["seconds"], answer["fingerprint"]

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def measure_matrix(swiftmod: Path, rounds: int, prebuilt: Path | None = None, tokens=MATRIX_TOKENS, baseline: Path | None = None, sizes=MATRIX_SIZES,
                   distributions=MATRIX_DISTRIBUTIONS, modes=MATRIX_MODES) -> dict:
    """{(distribution, size, mode): {"minhash": s, "rensa": s, "rensa 1 thread": s, "same": bool}}:
    medians of `rounds` interleaved rounds. minhash and rensa with RAYON_NUM_THREADS=1 run in one
    worker process, rensa with its default threads in another; one call at a time."""
    with tempfile.TemporaryDirectory() as temp:
        if prebuilt is None:
            module, reason = build_minhash(swiftmod, Path(temp), None)
            if module is None:
                sys.exit(f"matrix: minhash not available: {reason}")
        directory = prebuilt or Path(temp)
        single, default = MatrixWorker(directory, "1"), MatrixWorker(directory, None)
        arms = (("minhash", single, "minhash"), ("rensa", default, "rensa"), ("rensa 1 thread", single, "rensa"))
        before = None
        if baseline is not None:  # another build of minhash (an earlier commit), in its own process
            before = MatrixWorker(baseline, "1")
            arms += (("minhash before", before, "minhash"),)
        cells = {}
        try:
            for distribution in distributions:
                for size in sizes:
                    for mode in modes + ("insert_many+query_all",) * (distribution == distributions[0]):
                        times = {name: [] for name, _, _ in arms}
                        prints = set()
                        for round_ in range(rounds):
                            order = arms[round_ % len(arms):] + arms[:round_ % len(arms)]
                            for name, worker, arm in order:
                                seconds, fingerprint = worker.time(arm, distribution, size, mode, tokens)
                                times[name].append(seconds)
                                prints.add(fingerprint)
                        cells[distribution, size, mode] = {name: median(v) for name, v in times.items()}
                        cells[distribution, size, mode]["same"] = len(prints) == 1
        finally:
            for worker in (single, default, before):
                if worker is not None:
                    worker.close()
    return {"rounds": rounds, "cells": cells, "tokens": tokens, "baseline": baseline is not None}


def report_matrix(results) -> None:
    cells = results["cells"]
    print(f"\nminhash matrix: {results['tokens']:,} tokens per cell (N = tokens / size), num_perm {NUM_PERM}; "
          f"medians of {results['rounds']} interleaved rounds; ratio = rensa's time / minhash's time "
          f"(higher is better; target ≥ 1.20); rensa with its default threads | with RAYON_NUM_THREADS=1")
    print(f"  {'distribution':18s}{'size':>6s}  {'mode':26s}{'minhash ms':>11s}{'rensa ms':>10s}"
          f"{'× rensa':>9s}{'× rensa(1)':>11s}" + (f"{'× before':>9s}{'before × rensa':>15s}" if results["baseline"] else "")
          + "  same")
    short = 0
    for (distribution, size, mode), cell in cells.items():
        ratio, single = cell["rensa"] / cell["minhash"], cell["rensa 1 thread"] / cell["minhash"]
        short += ratio < 1.2 and mode != "hash_token_sets"
        print(f"  {distribution:18s}{size:6d}  {mode:26s}{cell['minhash'] * 1e3:11.1f}{cell['rensa'] * 1e3:10.1f}"
              f"{ratio:9.2f}{single:11.2f}"
              + (f"{cell['minhash before'] / cell['minhash']:9.2f}{cell['rensa'] / cell['minhash before']:15.2f}"
                 if results["baseline"] else "")
              + f"  {'yes' if cell['same'] else 'NO'}")
    print(f"  build cells below 1.2 × rensa (default threads): {short}")


def matrix_summary_rows(results) -> list[tuple[str, str, str, bool]]:
    """(measure, figure, target, met): the matrix's worst build cell and its LSH cells against
    rensa with its default threads, and whether every cell gave identical results."""
    cells = results["cells"]
    build = {key: cell["rensa"] / cell["minhash"] for key, cell in cells.items()
             if key[2] in ("per-object", "from_token_sets", "digests_from_token_sets")}
    lsh = {key: cell["rensa"] / cell["minhash"] for key, cell in cells.items() if key[2] == "insert_many+query_all"}
    worst = min(build, key=build.get)
    rows = [(f"matrix: worst build cell ({worst[0]}, {worst[1]}, {worst[2]}) / rensa", f"{build[worst]:.2f}×",
             "≥ 1.2×", build[worst] >= 1.2),
            ("matrix: build cells ≥ 1.2 × rensa", f"{sum(v >= 1.2 for v in build.values())}/{len(build)}",
             f"{len(build)}/{len(build)}", all(v >= 1.2 for v in build.values()))]
    if lsh:
        rows.append(("matrix: worst LSH bulk cell / rensa", f"{min(lsh.values()):.2f}×", "≥ 2.0×", min(lsh.values()) >= 2.0))
    rows.append(("matrix: identical results in every cell", "yes" if all(c["same"] for c in cells.values()) else "NO",
                 "yes", all(c["same"] for c in cells.values())))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", default=DEFAULT_SWIFTMOD, type=Path)
    parser.add_argument("--quick", action="store_true", help="N = 2,000 and 3 rounds, a smaller matrix: a smoke run")
    parser.add_argument("--rounds", type=int, help="interleaved rounds (default 7, or 3 with --quick)")
    parser.add_argument("--n", type=int, help="documents (default 10,000, or 2,000 with --quick)")
    parser.add_argument("--prebuilt", type=Path, help="import minhash from this directory instead of compiling")
    parser.add_argument("--matrix", action="store_true", help="only the matrix (distributions × sizes × modes)")
    parser.add_argument("--no-matrix", action="store_true", help="only the single-workload section")
    parser.add_argument("--baseline", type=Path, help="matrix: also time the minhash/ in this directory (say, an "
                        "earlier commit's `swiftmod compile --out DIR`) as `before`")
    parser.add_argument("--matrix-worker", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    prebuilt = options.prebuilt and options.prebuilt.resolve()
    if options.matrix_worker:
        matrix_worker(prebuilt)
        return
    n = options.n or (2_000 if options.quick else 10_000)
    rounds = options.rounds or (3 if options.quick else 7)
    print(machine())
    if not options.matrix:
        report(measure(options.swiftmod.resolve(), rounds, n, prebuilt))
    if not options.no_matrix:
        report_matrix(measure_matrix(options.swiftmod.resolve(), options.rounds or (3 if options.quick else 5),
                                     prebuilt, 40_000 if options.quick else MATRIX_TOKENS,
                                     options.baseline and options.baseline.resolve()))

if __name__ == "__main__":
    main()
