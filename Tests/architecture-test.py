#!/usr/bin/env python3
"""The module graph stays one-way, and every module's imports are what Package.swift declares.

Reads `swift package describe --type json`, checks every target's transitive dependencies against the
rules below (what reads and renders a recording never links the trainer), then each Swift target's
`import` lines against its declared dependencies: none missing (a module that builds only because
another brought it in), none unused (a declared edge the code never takes)."""
import json
import os
import re
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


trainer = {"Training", "NeuralNetwork", "DCNMath", "CBLAS", "CKernels", "Datasets", "Clustering", "Recording"}
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

# Modules of the platform, not of this package or its dependencies.
PLATFORM = {"Foundation", "FoundationEssentials", "Glibc", "Synchronization", "Testing", "XCTest", "Dispatch", "Darwin",
            "FoundationXML"}
IMPORT = re.compile(r"^(?:@testable\s+|@_implementationOnly\s+|public\s+|package\s+|internal\s+)*import\s+(\w+)", re.M)
for name, target in sorted(targets.items()):
    if target["module_type"] != "SwiftTarget":
        continue
    imported = set()
    for source in target["sources"]:
        with open(os.path.join(root, target["path"], source), encoding="utf-8") as f:
            imported |= set(IMPORT.findall(f.read()))
    imported -= PLATFORM | {target["c99name"]}
    declared = set(target.get("target_dependencies", [])) | set(target.get("product_dependencies", []))
    if imported - declared:
        failures.append(f"{name} imports {', '.join(sorted(imported - declared))} without declaring it in Package.swift")
    if declared - imported:
        failures.append(f"{name} declares {', '.join(sorted(declared - imported))} but never imports it")
# The start and end decision stays in its folder: outside Sources/Training/Decision/ no Swift file builds a
# judge, a start candidate or a policy, or names the tuning constants (the recorded types and the one rule,
# JudgeRule, live in Sources/DCNCore/Decision/ because the report reads them).
DECISION = "Sources/Training/Decision/"
DECISION_NAMES = re.compile(r"\b(PartitionJudge|NeighbourGraph|BoundaryMerge|JointSpace|MixtureFit|LabellingJudge|StartPolicy|EndPolicy|"
                            r"StartCandidate|StartContext|DecisionTuning|HoldRelease)\b")
for folder, _, names in os.walk(os.path.join(root, "Sources")):
    for source in names:
        path = os.path.join(folder, source)
        relative = os.path.relpath(path, root)
        if not source.endswith(".swift") or relative.startswith(DECISION) or relative.startswith("Sources/Clustering/"):
            continue
        with open(path, encoding="utf-8") as f:
            text = re.sub(r"//.*", "", f.read())
        used = sorted(set(DECISION_NAMES.findall(text)))
        if used:
            failures.append(f"{relative} uses {', '.join(used)}: the decision belongs in {DECISION}")
if failures:
    print("architecture test: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
    sys.exit(1)
print("architecture test: passed (" + "; ".join(f"{t}: {', '.join(sorted(closure(t))) or 'nothing'}" for t in rules) + ")")
