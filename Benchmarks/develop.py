"""`swiftmod develop` timings on the scaffolded project (DESIGN §11: first ≤ 5 s, no-op ≤ 0.5 s,
one-line edit ≤ 1.0 s). Each figure is the median of several runs of the real binary.

    python3 Benchmarks/develop.py --swiftmod .build/debug/swiftmod [--rounds 5]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path


def timed(args, cwd, env) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{result.stdout}{result.stderr}")
    return elapsed, result.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", required=True, type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    swiftmod = args.swiftmod.resolve()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env_dir = tmp / "env"
        venv.EnvBuilder(with_pip=False).create(env_dir)
        env = dict(os.environ, VIRTUAL_ENV=str(env_dir))

        first, noop, edit = [], [], []
        stages = {}
        for round_ in range(max(3, args.rounds // 2)):
            project = tmp / f"bench{round_}"
            subprocess.run([swiftmod, "new", project], check=True, capture_output=True)
            seconds, log = timed([swiftmod, "develop"], project, env)
            first.append(seconds)
            stages.setdefault("first", log)
            shutil.rmtree(project / ".build", ignore_errors=True)
        project = tmp / "bench0"
        timed([swiftmod, "develop"], project, env)
        source = project / "Sources/Bench0/Bench0.swift"
        text = source.read_text()
        for round_ in range(args.rounds):
            seconds, _ = timed([swiftmod, "develop"], project, env)
            noop.append(seconds)
            # A one-line edit in a function body.
            text = text.replace(f'"Hello{round_ - 1 if round_ else ""}, ', f'"Hello{round_}, ')
            source.write_text(text)
            seconds, log = timed([swiftmod, "develop"], project, env)
            edit.append(seconds)
            stages.setdefault("edit", log)
        check = subprocess.run([env_dir / "bin/python", "-c", "import bench0; print(bench0.greet('x'))"], capture_output=True, text=True)
        assert check.stdout.strip() == f"Hello{args.rounds - 1}, x!", check.stdout + check.stderr

    def row(name, values, target):
        median = statistics.median(values)
        print(f"{name:<16} {median:7.2f} s   (target ≤ {target:.1f} s; runs: {', '.join(f'{v:.2f}' for v in values)})")

    print(f"swiftmod develop on the scaffolded project, {os.cpu_count()} cores, medians:")
    row("first build", first, 5.0)
    row("no-op", noop, 0.5)
    row("one-line edit", edit, 1.0)
    for name, log in stages.items():
        print(f"stages ({name}): " + "; ".join(line for line in log.splitlines() if line.endswith("s)")))


if __name__ == "__main__":
    main()
