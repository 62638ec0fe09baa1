"""The manylinux policy tables embedded in swiftmod are auditwheel's own (x86_64 and aarch64).

With SWIFTMOD_RECORD=1 this test rewrites the Swift file from the installed auditwheel.
"""

import json
import os
from pathlib import Path

import auditwheel

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "Sources/SwiftmodPackaging/ManylinuxPolicy+Table.swift"
ARCHES = ("x86_64", "aarch64")


def swift_strings(items):
    return "[" + ", ".join(json.dumps(item) for item in items) + "]"


def render(policies, version):
    out = [
        "// swift-format-ignore-file",
        "// Generated from auditwheel " + version + "'s manylinux-policy.json, " + " and ".join(ARCHES) + ".",
        "// Do not edit: SWIFTMOD_RECORD=1 make e2e re-generates it (Tests/EndToEnd/test_policy_table.py).",
        "",
        "extension ManylinuxPolicy {",
    ]
    for arch in ARCHES:
        out += render_arch(policies, arch)
    out += ["}", ""]
    return "\n".join(out)


def render_arch(policies, arch):
    out = [
        f"    /// The manylinux policies for {arch}, most compatible (highest priority) first.",
        f"    public static let {arch}: [ManylinuxPolicy] = [",
    ]
    for policy in sorted(policies, key=lambda p: -p["priority"]):
        # A policy that names no symbol versions for an architecture does not exist there
        # (manylinux1 and manylinux2010 were x86 only).
        if policy["name"] == "linux" or arch not in policy["symbol_versions"]:
            continue
        versions = policy["symbol_versions"][arch]
        symbol_versions = ", ".join(
            json.dumps(family) + ": " + swift_strings(versions[family]) for family in sorted(versions)
        )
        blacklist = ", ".join(
            json.dumps(lib) + ": " + swift_strings(sorted(symbols))
            for lib, symbols in sorted(policy.get("blacklist", {}).items())
        )
        out += [
            "        ManylinuxPolicy(",
            "            name: " + json.dumps(policy["name"]) + ", aliases: " + swift_strings(policy["aliases"]) + ", priority: " + str(policy["priority"]) + ",",
            "            symbolVersions: [" + (symbol_versions or ":") + "],",
            "            libraryWhitelist: " + swift_strings(policy["lib_whitelist"]) + ",",
            "            blacklist: [" + (blacklist or ":") + "]",
            "        ),",
        ]
    out += ["    ]"]
    return out


def test_policy_table_matches_auditwheel():
    source = Path(auditwheel.__file__).parent / "policy" / "manylinux-policy.json"
    from importlib.metadata import version

    expected = render(json.loads(source.read_text()), version("auditwheel"))
    if os.environ.get("SWIFTMOD_RECORD") == "1":
        TABLE.write_text(expected)
    assert TABLE.read_text() == expected, "the embedded policy table differs from auditwheel's; re-record with SWIFTMOD_RECORD=1"
