#!/usr/bin/env python3
"""Compares two run folders for docs/identity-check.sh: same files, byte-identical arrays and model weights,
and run.json and the model's header identical once normalised. Prints each difference; exits 1 when there is one."""
import json
import os
import sys

IGNORED_FILES = {"timing.json", "process.json"}
RETIRED_KEYS = ("holdMargin", "freshOptimizer")  # experiments retired in 0.2.0, always false before


def files(root):
    found = set()
    for folder, _, names in os.walk(root):
        for name in names:
            if name not in IGNORED_FILES:
                found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def drop_retired(configuration):
    for key in RETIRED_KEYS:
        if configuration.get(key) is False:
            configuration.pop(key)


def normalised(path):
    run = json.load(open(path))
    run.pop("name", None)
    run.pop("method", None)
    run.get("tool", {}).pop("version", None)
    drop_retired(run.get("configuration", {}))
    return run


def model(path):
    """model.dcn: magic, version, header length, JSON header (holds the configuration), float32 weights."""
    data = open(path, "rb").read()
    length = int.from_bytes(data[12:16], "little")
    header = json.loads(data[16:16 + length])
    drop_retired(header.get("configuration", {}))
    return data[:12], header, data[16 + length:]


def main(a, b):
    problems = []
    left, right = files(a), files(b)
    problems += [f"only in {a}: {f}" for f in sorted(left - right)]
    problems += [f"only in {b}: {f}" for f in sorted(right - left)]
    for name in sorted(left & right):
        if name == "run.json":
            if normalised(os.path.join(a, name)) != normalised(os.path.join(b, name)):
                problems.append("run.json differs after normalising")
        elif name == "model.dcn":
            if model(os.path.join(a, name)) != model(os.path.join(b, name)):
                problems.append("model.dcn differs (weights, or header after normalising)")
        elif open(os.path.join(a, name), "rb").read() != open(os.path.join(b, name), "rb").read():
            problems.append(f"{name} differs")
    for problem in problems:
        print("   ", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
