#!/usr/bin/env python3
"""Scores benchmark runs against scikit-learn's baselines, or two sets of runs against each other.

Usage: score.py DATA_DIR RUNS_DIR --half dev|held-out [--batch N] [--against OTHER_RUNS_DIR]

Each run (RUNS_DIR/NAME-sSEED/run, written by run.py) is scored on its labelling: the assignments of its
last recorded epoch. Prints a Markdown table, one row per data set (means over seeds), beside k-means on
the raw and the standardised input, a Gaussian mixture and AE + k-means, then the issue's checks:
- the line: mean NMI at or above the better k-means minus 0.02;
- no run below half its set's k-means line, grouped (when DATA_DIR/chance.json exists) by whether that
  k-means NMI is more than chance by chance.py's permutation test;
- no run ending with a cluster under 1 % of the samples unless the set has a class that small;
and the median wall time. With --against, it prints each set's mean NMI in both folders, the
difference, and which sets win or lose by more than 0.02, with the median wall-time ratio.
"""
import argparse
import json
import os
import statistics

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from manifest import rows_of

MARGIN = 0.02
SMALL_CLUSTER = 0.01
CHANCE_P = 0.01  # k-means finds more than chance on a set when its permutation p (chance.py) is below this
CHANCE_GROUPS = (
    ("beyond", f"on sets where k-means finds more than chance (permutation p < {CHANCE_P})"),
    ("within", f"on sets where k-means' NMI is not distinguishable from chance (p ≥ {CHANCE_P})"),
    ("untested", "on sets chance.json does not hold (run chance.py again)"),
)


def load_run(folder, labels):
    """One run's figures, or None when it is missing or did not complete."""
    try:
        with open(os.path.join(folder, "wall.json")) as handle:
            wall = json.load(handle)
        with open(os.path.join(folder, "run", "run.json")) as handle:
            manifest = json.load(handle)
    except (OSError, ValueError):
        return None
    if manifest.get("status") != "complete":
        return {"failed": wall.get("message") or manifest.get("status"), "seconds": wall["seconds"]}
    last = manifest["epochs"][-1]["path"]
    labelling = np.load(os.path.join(folder, "run", last, "assignments.npy"))
    k = manifest["configuration"]["clusterCount"]
    outcome = manifest.get("outcome") or {}
    return {
        "nmi": normalized_mutual_info_score(labels, labelling),
        "ari": adjusted_rand_score(labels, labelling),
        "smallest": np.bincount(labelling, minlength=k).min() / len(labelling),
        "start": (manifest.get("start") or {}).get("partition", "kmeans"),
        "judged": outcome.get("kept") not in (None, "dcn"),
        "seconds": wall["seconds"],
        "scaling": manifest["dataset"].get("scaling", "?"),
        "network": "-".join(str(w) for w in manifest["configuration"]["hiddenLayers"]),
    }


def collect(data_dir, runs_dir, rows):
    """{set name: [run figures per seed]} for every set of `rows` with at least one run in `runs_dir`."""
    found = {}
    for row in rows:
        labels = np.load(os.path.join(data_dir, f"{row['name']}_y.npy"))
        runs = []
        for entry in sorted(os.listdir(runs_dir)) if os.path.isdir(runs_dir) else []:
            if entry.rsplit("-s", 1)[0] == row["name"]:
                run = load_run(os.path.join(runs_dir, entry), labels)
                if run is not None:
                    runs.append(run)
        if runs:
            found[row["name"]] = runs
    return found


def smallest_class(data_dir, name):
    labels = np.load(os.path.join(data_dir, f"{name}_y.npy"))
    return np.bincount(labels).min() / len(labels)


def score_table(data_dir, runs_dir, rows):
    baselines = json.load(open(os.path.join(data_dir, "baselines.json")))
    chance = load_chance(data_dir)
    found = collect(data_dir, runs_dir, rows)
    print("| data set | kind | N × D, k | k-means raw / std | GMM | AE + k-means | NMI (per seed) | ARI | smallest cluster (class) | start | judge kept start | network, scaling | wall s | line |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    met, low_runs, small_runs, walls, failed = 0, [], [], [], []
    for row in rows:
        name, runs = row["name"], found.get(row["name"])
        if not runs:
            continue
        done = [r for r in runs if "failed" not in r]
        failed += [f"{name}: {r['failed']}" for r in runs if "failed" in r]
        walls += [r["seconds"] for r in runs]
        if not done:
            print(f"| {name} | {row['kind']} | {row['rows']} × {row['features']}, {row['k']} | every run failed |||||||||| MISSED |")
            continue
        base = baselines[name]
        kmeans = max(base["kmeans_raw"]["nmi"], base["kmeans_std"]["nmi"])
        line = kmeans - MARGIN
        mean = statistics.mean(r["nmi"] for r in done) if len(done) == len(runs) else float("nan")
        ok = mean >= line
        met += ok
        low_runs += [(f"{name} ({r['nmi']:.3f} < {kmeans / 2:.3f})", chance_group(chance, name))
                     for r in done if r["nmi"] < kmeans / 2]
        tiny_class = smallest_class(data_dir, name)
        small_runs += [f"{name} ({r['smallest']:.1%})" for r in done
                       if r["smallest"] < SMALL_CLUSTER and tiny_class >= SMALL_CLUSTER]
        gmm = (base.get("gmm") or {}).get("nmi")
        gmm_text = f"{gmm:.3f}" if gmm is not None else "–"
        per_seed = " ".join(f"{r['nmi']:.3f}" for r in done)
        starts = "/".join(r["start"] for r in done)
        print(f"| {name} | {row['kind']} | {row['rows']} × {row['features']}, {row['k']} "
              f"| {base['kmeans_raw']['nmi']:.3f} / {base['kmeans_std']['nmi']:.3f} | {gmm_text} "
              f"| {mean_ae(runs_dir, name)} | **{mean:.3f}** ({per_seed}) "
              f"| {statistics.mean(r['ari'] for r in done):.3f} | {min(r['smallest'] for r in done):.1%} ({tiny_class:.1%}) "
              f"| {starts} | {sum(r['judged'] for r in done)} of {len(done)} | {done[0]['network']}, {done[0]['scaling']} "
              f"| {statistics.median(r['seconds'] for r in runs):.1f} | {'met' if ok else 'MISSED'} (≥ {line:.3f}) |")
    total = len(found)
    print()
    print(f"- {met} of {total} sets ({met / max(total, 1):.0%}) at or above the line (better k-means − {MARGIN}).")
    print(f"- Runs below half their set's k-means line: {len(low_runs)}"
          + (f": {', '.join(text for text, _ in low_runs)}" if low_runs else "") + ".")
    if chance is None:
        print("  (run chance.py on the data folder to group them by whether k-means finds more than chance there)")
    elif low_runs:
        for group, description in CHANCE_GROUPS:
            runs = [text for text, its_group in low_runs if its_group == group]
            if runs or group != "untested":
                print(f"  - {description}: {len(runs)}" + (f": {', '.join(runs)}" if runs else "") + ".")
    print(f"- Runs ending with a cluster under 1 % on a set without such a class: {len(small_runs)}"
          f"{': ' + ', '.join(small_runs) if small_runs else ''}.")
    if failed:
        print(f"- Runs that failed: {len(failed)}: {'; '.join(failed)}.")
    if walls:
        print(f"- Median wall time of a run: {statistics.median(walls):.1f} s over {len(walls)} runs "
              f"(total {sum(walls) / 60:.1f} min of run time).")


def load_chance(data_dir):
    """chance.py's permutation tests ({set name: {"p": …}}), or None when it has not been run."""
    path = os.path.join(data_dir, "chance.json")
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return json.load(handle)


def chance_group(chance, name):
    """Which of CHANCE_GROUPS a set's runs below half their line belong to ("beyond", "within", "untested")."""
    if chance is None or name not in chance:
        return "untested"
    return "beyond" if chance[name]["p"] < CHANCE_P else "within"


def mean_ae(runs_dir, name):
    """Mean NMI of AE + k-means (k-means on the pretrained codes, as each run records it) over the seeds."""
    values = []
    for entry in sorted(os.listdir(runs_dir)):
        if entry.rsplit("-s", 1)[0] != name:
            continue
        try:
            with open(os.path.join(runs_dir, entry, "run", "run.json")) as handle:
                baselines = json.load(handle).get("baselines", [])
        except (OSError, ValueError):
            continue
        values += [b["metrics"]["nmi"] for b in baselines if b["id"] == "ae-kmeans"]
    return f"{statistics.mean(values):.3f}" if values else "–"


def compare(data_dir, runs_dir, other_dir, rows):
    """Per set: mean NMI here and in `other_dir`, the difference, and the sets won and lost by over MARGIN."""
    here, there = collect(data_dir, runs_dir, rows), collect(data_dir, other_dir, rows)
    print(f"| data set | {os.path.basename(os.path.normpath(runs_dir))} | {os.path.basename(os.path.normpath(other_dir))} | difference |")
    print("|---|---|---|---|")
    wins, losses, ratios = [], [], []
    for row in rows:
        name = row["name"]
        if name not in here or name not in there:
            continue
        a = [r for r in here[name] if "failed" not in r]
        b = [r for r in there[name] if "failed" not in r]
        if not a or not b:
            continue
        mean_a, mean_b = statistics.mean(r["nmi"] for r in a), statistics.mean(r["nmi"] for r in b)
        difference = mean_a - mean_b
        if difference > MARGIN:
            wins.append(f"{name} (+{difference:.3f})")
        elif difference < -MARGIN:
            losses.append(f"{name} ({difference:.3f})")
        ratios.append(statistics.median(r["seconds"] for r in here[name]) / statistics.median(r["seconds"] for r in there[name]))
        print(f"| {name} | {mean_a:.3f} | {mean_b:.3f} | {difference:+.3f} |")
    print()
    print(f"- Better by more than {MARGIN}: {len(wins)}{': ' + ', '.join(wins) if wins else ''}.")
    print(f"- Worse by more than {MARGIN}: {len(losses)}{': ' + ', '.join(losses) if losses else ''}.")
    if ratios:
        print(f"- Median over sets of the wall-time ratio (first / second): {statistics.median(ratios):.2f}.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("runs_dir")
    parser.add_argument("--half", choices=["dev", "held-out", "all"], required=True)
    parser.add_argument("--against")
    parser.add_argument("--batch", type=int, help="only the sets of this batch (manifest's batch column)")
    arguments = parser.parse_args()
    rows = rows_of(arguments.half, arguments.batch)
    if arguments.against:
        compare(arguments.data_dir, arguments.runs_dir, arguments.against, rows)
    else:
        score_table(arguments.data_dir, arguments.runs_dir, rows)


if __name__ == "__main__":
    main()
