"""`swiftmod develop` timings on the scaffolded project (docs/design/performance.md#develop-targets: first ≤ 4 s, no-op ≤ 0.1 s,
one-line edit ≤ 0.6 s), after adding a public function to Examples/shapes (≤ 3 s), and the cost
of the rebuild-on-import hook on an import when nothing changed. Each figure is the median of
several runs of the real binary; the edit and the API change also show where the time went,
from the stages `develop` reports (each `swift build` divided into SwiftPM's own work,
compiling and linking; scanning the symbol graph; generating; installing).

    python3 Benchmarks/develop.py [--swiftmod .build/debug/swiftmod] [--rounds 5]
"""

import argparse
import os
import re
import shutil
import tempfile
import venv
from pathlib import Path

from common import DEFAULT_SWIFTMOD, REPO, median, run, runs, timed

# A stage line of `develop`'s progress: `compiling (1.20s: SwiftPM 0.40, compile 0.55, link 0.25)`.
STAGE = re.compile(r"^(?P<name>[a-z][^(]*?) \((?P<seconds>[0-9.]+)s(?:: (?P<parts>[^)]*))?\)$")
PARTS = ["swift build runs", "SwiftPM", "compile", "link", "scan", "generate", "install", "other"]


def breakdown(seconds: float, stderr: str) -> dict[str, float]:
    """Where one `develop` run's `seconds` went, from the stage lines on its stderr: SwiftPM's own
    work (start-up, manifests, planning), compiling and linking summed over its `swift build`
    runs; scanning the symbol graph; rendering the glue; installing; and the rest (start-up,
    probing the interpreter, the develop stamp)."""
    parts = dict.fromkeys(PARTS, 0.0)
    for line in stderr.splitlines():
        match = STAGE.match(line.strip())
        if not match:
            continue
        name = match["name"]
        if name.startswith("installing into"):
            parts["install"] += float(match["seconds"])
            continue
        if name.startswith("compiling"):
            parts["swift build runs"] += 1
        for part in (match["parts"] or "").split(", "):
            key, _, value = part.rpartition(" ")
            if key in parts:
                parts[key] += float(value)
    parts["other"] = seconds - sum(value for key, value in parts.items() if key not in ("swift build runs", "other"))
    return parts


def describe(breakdowns: list[dict[str, float]]) -> str:
    """The medians of each part, in one line."""
    medians = {key: median([b[key] for b in breakdowns]) for key in PARTS}
    builds = f"{medians['swift build runs']:.0f} swift build" + ("" if medians["swift build runs"] == 1 else "s")
    return builds + ": " + ", ".join(f"{key} {medians[key]:.2f}" for key in PARTS[1:])


def measure_api_change(swiftmod: Path, env_dir: Path, env: dict, rounds: int, tmp: Path) -> tuple[list[float], list[dict]]:
    """`develop` of a copy of Examples/shapes after adding a public function, once per round (each
    round adds another), after a first develop that is not timed."""
    project = tmp / "shapes"
    shutil.copytree(REPO / "Examples/shapes", project, ignore=shutil.ignore_patterns(".build", ".venv", "__pycache__", "dist", "build"))
    run([swiftmod, "develop"], project, env)
    source = project / "Sources/Shapes/Algorithms.swift"
    seconds, breakdowns = [], []
    for round_ in range(rounds):
        with source.open("a") as file:
            file.write(f"\n/// Added by the develop benchmark.\npublic func benchAdded{round_}(_ value: Int) -> Int {{ value + {round_} }}\n")
        elapsed, stderr = timed([swiftmod, "develop"], project, env)
        assert "compiling the new bindings" in stderr or "compiling the bindings" in stderr, stderr
        seconds.append(elapsed)
        breakdowns.append(breakdown(elapsed, stderr))
    check = run([env_dir / "bin/python", "-c", f"import shapes; print(shapes.bench_added{rounds - 1}(1))"])
    assert check.stdout.strip() == str(rounds), check.stdout + check.stderr
    return seconds, breakdowns


# Where the time of the edit and the API change went, a breakdown per run (see `breakdown`).
BREAKDOWNS: dict[str, list[dict[str, float]]] = {}


def measure(swiftmod: Path, rounds: int) -> dict[str, list[float]]:
    """Seconds of each `swiftmod develop` run: {"first": [...], "no-op": [...], "edit": [...],
    "api": [...], "hook": [difference]}; the breakdowns of "edit" and "api" go to BREAKDOWNS."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env_dir = tmp / "env"
        venv.EnvBuilder(with_pip=False).create(env_dir)
        env = dict(os.environ, VIRTUAL_ENV=str(env_dir))

        first, noop, edit, edit_breakdowns = [], [], [], []
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
            seconds, stderr = timed([swiftmod, "develop"], project, env)
            edit.append(seconds)
            edit_breakdowns.append(breakdown(seconds, stderr))
        check = run([env_dir / "bin/python", "-c", "import bench0; print(bench0.greet('x'))"])
        assert check.stdout.strip() == f"Hello{rounds - 1}, x!", check.stdout + check.stderr
        hook = measure_hook(swiftmod, project, env_dir, env, max(10, rounds * 6))
        api, api_breakdowns = measure_api_change(swiftmod, env_dir, env, rounds, tmp)
    BREAKDOWNS.update({"edit": edit_breakdowns, "api": api_breakdowns})
    return {"first": first, "no-op": noop, "edit": edit, "api": api, "hook": hook}


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


TARGETS = {
    "first": ("first build", 4.0), "no-op": ("no-op", 0.1), "edit": ("one-line edit", 0.6),
    "api": ("new public function, shapes", 3.0), "hook": ("rebuild-on-import hook, no-change import", 0.005),
}


def report(results) -> None:
    print(f"swiftmod develop on the scaffolded project (the new function: on Examples/shapes), {os.cpu_count()} cores, medians:")
    for key, values in results.items():
        name, target = TARGETS[key]
        if key == "hook":
            print(f"  {name:<28} {median(values) * 1000:7.2f} ms  (target ≤ {target * 1000:.0f} ms: the import of a process with the hook against one without)")
            continue
        print(f"  {name:<28} {median(values):7.2f} s   (target ≤ {target:.1f} s; runs: {runs(values)})")
        if BREAKDOWNS.get(key):
            print(f"  {'':<28} where: {describe(BREAKDOWNS[key])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", default=DEFAULT_SWIFTMOD, type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    report(measure(args.swiftmod.resolve(), args.rounds))


if __name__ == "__main__":
    main()
