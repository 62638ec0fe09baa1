"""`swiftmod develop` timings on the scaffolded project (docs/design/performance.md#develop-targets: first ≤ 4 s, no-op ≤ 0.1 s,
one-line edit ≤ 0.6 s), and the cost of the rebuild-on-import hook on an import when nothing
changed. Each figure is the median of several runs of the real binary.

    python3 Benchmarks/develop.py [--swiftmod .build/debug/swiftmod] [--rounds 5]
"""

import argparse
import os
import shutil
import tempfile
import venv
from pathlib import Path

from common import DEFAULT_SWIFTMOD, median, run, runs, timed


def measure(swiftmod: Path, rounds: int) -> dict[str, list[float]]:
    """Seconds of each `swiftmod develop` run: {"first": [...], "no-op": [...], "edit": [...]}."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env_dir = tmp / "env"
        venv.EnvBuilder(with_pip=False).create(env_dir)
        env = dict(os.environ, VIRTUAL_ENV=str(env_dir))

        first, noop, edit = [], [], []
        for round_ in range(max(3, rounds // 2)):
            project = tmp / f"bench{round_}"
            run([swiftmod, "new", project])
            first.append(timed([swiftmod, "develop"], project, env)[0])
            shutil.rmtree(project / ".build", ignore_errors=True)
        project = tmp / "bench0"
        timed([swiftmod, "develop"], project, env)
        source = project / "Sources/Bench0/Bench0.swift"
        text = source.read_text()
        for round_ in range(rounds):
            noop.append(timed([swiftmod, "develop"], project, env)[0])
            # A one-line edit in a function body.
            text = text.replace(f'"Hello{round_ - 1 if round_ else ""}, ', f'"Hello{round_}, ')
            source.write_text(text)
            edit.append(timed([swiftmod, "develop"], project, env)[0])
        check = run([env_dir / "bin/python", "-c", "import bench0; print(bench0.greet('x'))"])
        assert check.stdout.strip() == f"Hello{rounds - 1}, x!", check.stdout + check.stderr
        hook = measure_hook(swiftmod, project, env_dir, env, max(10, rounds * 6))
    return {"first": first, "no-op": noop, "edit": edit, "hook": hook}


def measure_hook(swiftmod: Path, project: Path, env_dir: Path, env: dict, runs: int) -> list[float]:
    """What the rebuild-on-import hook adds to a Python process that imports the module when
    nothing changed: `python -c "import bench0"` in a second venv developed with the hook,
    against the first one without it, interleaved; the difference of the medians, in seconds."""
    hooked_env_dir = env_dir.parent / "env-hook"
    venv.EnvBuilder(with_pip=False).create(hooked_env_dir)
    hooked_env = dict(env, VIRTUAL_ENV=str(hooked_env_dir))
    timed([swiftmod, "develop", "--rebuild-on-import"], project, hooked_env)
    plain, hooked = [], []
    for _ in range(runs):
        plain.append(timed([env_dir / "bin/python", "-c", "import bench0"], project, env)[0])
        seconds, stderr = timed([hooked_env_dir / "bin/python", "-c", "import bench0"], project, hooked_env)
        assert "compiling" not in stderr, stderr  # nothing changed: the hook must not rebuild
        hooked.append(seconds)
    return [median(hooked) - median(plain)]


TARGETS = {"first": ("first build", 4.0), "no-op": ("no-op", 0.1), "edit": ("one-line edit", 0.6), "hook": ("rebuild-on-import hook, no-change import", 0.005)}


def report(results) -> None:
    print(f"swiftmod develop on the scaffolded project, {os.cpu_count()} cores, medians:")
    for key, values in results.items():
        name, target = TARGETS[key]
        if key == "hook":
            print(f"  {name:<16} {median(values) * 1000:7.2f} ms  (target ≤ {target * 1000:.0f} ms: the import of a process with the hook against one without)")
            continue
        print(f"  {name:<16} {median(values):7.2f} s   (target ≤ {target:.1f} s; runs: {runs(values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", default=DEFAULT_SWIFTMOD, type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    report(measure(args.swiftmod.resolve(), args.rounds))


if __name__ == "__main__":
    main()
