#!/usr/bin/env python3
"""Trains dcn-report on one half of the benchmark, several runs at a time, resuming after an interruption.

Usage: run.py DATA_DIR RUNS_DIR --half dev|held-out [--seeds 1,2,3] [--bin BIN] [--jobs 2]
              [--only NAME,NAME] [--batch N] [-- EXTRA TRAIN FLAGS]

Every run is `BIN train --dataset NAME_X.npy --labels NAME_y.npy --seed S --out RUNS_DIR/NAME-sS --quiet`
plus the extra flags (none for the defaults). A run counts as done when its run.json says `complete` and
its `wall.json` (the process's wall time, written by this script) exists; anything else is trained again
from scratch, so Ctrl-C or a kill loses at most the runs in flight. Each process gets one OpenBLAS thread,
so `--jobs 2` keeps two cores busy without oversubscribing them; old and new binaries are timed the same
way. The data set list and halves come from manifest.tsv beside this script.
"""
import argparse
import concurrent.futures
import json
import math
import os
import shutil
import subprocess
import sys
import time

from manifest import rows_of


def pow2_at_least(value):
    """The smallest power of two at or above `value`."""
    return 1 << max(0, math.ceil(math.log2(max(value, 1))))


# Candidate default networks tried on the development half (docs/benchmark.md, "A network sized to the
# data"): each maps a set's rows N and features D to --hidden widths, shaped like the paper's w-w-4w.
WIDTH_RULES = {
    "paper": lambda n, d: (500, 500, 2000),
    "2d": lambda n, d: (lambda w: (w, w, 4 * w))(min(512, max(32, pow2_at_least(2 * d)))),
    "4d": lambda n, d: (lambda w: (w, w, 4 * w))(min(500, max(64, pow2_at_least(4 * d)))),
    "8d": lambda n, d: (lambda w: (w, w, 4 * w))(min(500, max(128, pow2_at_least(8 * d)))),
    "256": lambda n, d: (256, 256, 1024),
}


def is_done(out):
    """Whether `out` holds a complete run and its timing."""
    try:
        with open(os.path.join(out, "run", "run.json")) as handle:
            complete = json.load(handle).get("status") == "complete"
        return complete and os.path.exists(os.path.join(out, "wall.json"))
    except (OSError, ValueError):
        return False


def train(binary, data_dir, out, name, seed, extra):
    """Trains one run into `out` (emptied first) and writes its wall time and exit status to out/wall.json."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    command = [binary, "train", "--dataset", os.path.join(data_dir, f"{name}_X.npy"),
               "--labels", os.path.join(data_dir, f"{name}_y.npy"), "--seed", str(seed),
               "--out", out, "--quiet", *extra]
    environment = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    started = time.monotonic()
    result = subprocess.run(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - started
    message = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
    record = {"seconds": round(seconds, 3), "exit": result.returncode, "message": message, "command": command[1:]}
    with open(os.path.join(out, "wall.json"), "w") as handle:
        json.dump(record, handle, indent=1)
    return name, seed, seconds, result.returncode, message


def width_flags(rule, shape):
    """The --hidden flag of a width rule for a set of `shape` (rows, features), or none."""
    return ["--hidden", ",".join(map(str, WIDTH_RULES[rule](*shape)))] if rule else []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("runs_dir")
    parser.add_argument("--half", choices=["dev", "held-out", "all"], required=True)
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--bin", default=".build/release/dcn-report")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", default="")
    parser.add_argument("--batch", type=int, help="only the sets of this batch (manifest's batch column)")
    parser.add_argument("--width-rule", choices=sorted(WIDTH_RULES), help="an experiment: --hidden from N and D")
    split = sys.argv.index("--") if "--" in sys.argv else len(sys.argv)
    arguments, extra = parser.parse_args(sys.argv[1:split]), sys.argv[split + 1:]
    binary = os.path.abspath(arguments.bin)
    only = set(filter(None, arguments.only.split(",")))
    sets = [row for row in rows_of(arguments.half, arguments.batch) if not only or row["name"] in only]
    seeds = [int(s) for s in arguments.seeds.split(",")]
    # Largest sets first, so the last minutes are not spent on one long run with a core idle.
    sets.sort(key=lambda row: -int(row["rows"]) * int(row["features"]))
    shapes = {row["name"]: (int(row["rows"]), int(row["features"])) for row in sets}
    waiting = [(row["name"], seed) for row in sets for seed in seeds
               if not is_done(os.path.join(arguments.runs_dir, f"{row['name']}-s{seed}"))]
    print(f"{len(waiting)} of {len(sets) * len(seeds)} runs to train, {arguments.jobs} at a time", file=sys.stderr, flush=True)
    with concurrent.futures.ThreadPoolExecutor(arguments.jobs) as pool:
        futures = [pool.submit(train, binary, arguments.data_dir, os.path.join(arguments.runs_dir, f"{name}-s{seed}"),
                               name, seed, extra + width_flags(arguments.width_rule, shapes[name])) for name, seed in waiting]
        for finished, future in enumerate(concurrent.futures.as_completed(futures), 1):
            name, seed, seconds, code, message = future.result()
            status = "ok" if code == 0 else f"exit {code}: {message}"
            print(f"[{finished}/{len(waiting)}] {name} seed {seed}: {seconds:.1f} s {status}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
