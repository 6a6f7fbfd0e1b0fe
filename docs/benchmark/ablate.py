#!/usr/bin/env python3
"""Switches one special case of the defaults off on the development half and trains only the runs it can change.

Usage: ablate.py DATA_DIR DEFAULT_RUNS ABLATION_RUNS --switch NAME [--seeds 1,2,3] [--bin BIN] [--jobs 2]
                 [--width-rule RULE] [--only NAME,NAME]

Each switch is a flag of `dcn-report train` and a test of a default run's recording that says whether the
flag can change that run at all. A run the flag cannot change is the default run, so it is linked, not
trained again (the recording would be the same: the same inputs, flags that change no decision, the same
seed); the rest are trained with the flag. Then `score.py DATA ABLATION_RUNS --against DEFAULT_RUNS`
prints the sets the special case wins and loses.

- `end-judge`: `--no-keep-better` changes only a run whose end judge kept its start.
- `refill`: `--no-refill` changes only a run in which a cluster was refilled.
- `start-kmeans`, `start-merged`, `start-joint`, `start-input`: `--start X` changes only a run whose
  `auto` start was not X, or was X after an input check (which `--start merged` skips) — every run but
  one `auto` started from X without any judge other than the one X itself takes.
- `scaling-standardize`, `scaling-none`, `scaling-shared`: `--scaling X` changes only a run whose
  automatic scaling was not X.
"""
import argparse
import concurrent.futures
import json
import os
import sys

from manifest import read_manifest
from run import WIDTH_RULES, is_done, train, width_flags


def recording(folder):
    with open(os.path.join(folder, "run", "run.json")) as handle:
        return json.load(handle)


def start_of(run):
    return (run.get("start") or {}).get("partition", "kmeans")


SWITCHES = {
    "end-judge": (["--no-keep-better"], lambda run: (run.get("outcome") or {}).get("kept") not in (None, "dcn")),
    "refill": (["--no-refill"], lambda run: any(e.get("refilledClusters") for e in run["epochs"])),
    "start-kmeans": (["--start", "kmeans"], lambda run: start_of(run) != "kmeans"),
    "start-merged": (["--start", "merged"], lambda run: start_of(run) != "merged"),
    "start-joint": (["--start", "joint"], lambda run: True),
    "start-input": (["--start", "input"], lambda run: True),
    "scaling-standardize": (["--scaling", "standardize"], lambda run: run["dataset"].get("scaling") != "standardize"),
    "scaling-none": (["--scaling", "none"], lambda run: run["dataset"].get("scaling") != "none"),
    "scaling-shared": (["--scaling", "shared"], lambda run: run["dataset"].get("scaling") != "shared"),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("default_runs")
    parser.add_argument("ablation_runs")
    parser.add_argument("--switch", choices=sorted(SWITCHES), required=True)
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--bin", default=".build/release/dcn-report")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--width-rule", choices=sorted(WIDTH_RULES))
    parser.add_argument("--only", default="")
    arguments = parser.parse_args()
    flags, can_change = SWITCHES[arguments.switch]
    only = set(filter(None, arguments.only.split(",")))
    rows = [row for row in read_manifest() if row["half"] == "dev" and (not only or row["name"] in only)]
    os.makedirs(arguments.ablation_runs, exist_ok=True)
    work, linked = [], 0
    for row in rows:
        for seed in map(int, arguments.seeds.split(",")):
            entry = f"{row['name']}-s{seed}"
            default, ablated = os.path.join(arguments.default_runs, entry), os.path.join(arguments.ablation_runs, entry)
            if not is_done(default) or is_done(ablated):
                continue
            if can_change(recording(default)):
                shape = (int(row["rows"]), int(row["features"]))
                work.append((row["name"], seed, ablated, flags + width_flags(arguments.width_rule, shape)))
            elif not os.path.lexists(ablated):
                os.symlink(os.path.relpath(default, arguments.ablation_runs), ablated)
                linked += 1
    print(f"{arguments.switch}: {len(work)} runs to train, {linked} linked to the default runs", file=sys.stderr, flush=True)
    binary = os.path.abspath(arguments.bin)
    with concurrent.futures.ThreadPoolExecutor(arguments.jobs) as pool:
        futures = [pool.submit(train, binary, arguments.data_dir, out, name, seed, extra) for name, seed, out, extra in work]
        for finished, future in enumerate(concurrent.futures.as_completed(futures), 1):
            name, seed, seconds, code, message = future.result()
            print(f"[{finished}/{len(work)}] {name} seed {seed}: {seconds:.1f} s {'ok' if code == 0 else message}",
                  file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
