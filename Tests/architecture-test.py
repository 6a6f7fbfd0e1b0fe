#!/usr/bin/env python3
"""The module graph stays one-way: what reads and renders a recording never links the trainer.

Reads `swift package describe --type json` and checks every target's transitive dependencies."""
import json
import subprocess
import sys

root = __file__.rsplit("/Tests/", 1)[0]
description = json.loads(subprocess.run(["swift", "package", "describe", "--type", "json"], cwd=root,
                                        check=True, capture_output=True, text=True).stdout)
targets = {t["name"]: t for t in description["targets"]}


def closure(name):
    seen, stack = set(), [name]
    while stack:
        for dependency in targets[stack.pop()].get("target_dependencies", []):
            if dependency not in seen:
                seen.add(dependency)
                stack.append(dependency)
    return seen


trainer = {"Training", "Network", "DCNMath", "CBLAS", "CKernels", "Datasets", "Clustering", "Recording"}
rules = {
    # Renders any run folder, including ones written by Python: the format, the figures, nothing else.
    "Report": trainer,
    "Plotting": trainer | {"RunFormat"},
    # The format at the bottom: no C library at all.
    "RunFormat": trainer | {"CCairo", "CGIF", "CZlib"},
    "DCNCore": set(targets) - {"DCNCore"},
    "Scoring": set(targets) - {"Scoring"},
}
failures = []
for target, forbidden in rules.items():
    bad = closure(target) & forbidden
    if bad:
        failures.append(f"{target} depends on {', '.join(sorted(bad))}")
if failures:
    print("architecture test: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
    sys.exit(1)
print("architecture test: passed (" + "; ".join(f"{t}: {', '.join(sorted(closure(t))) or 'nothing'}" for t in rules) + ")")
