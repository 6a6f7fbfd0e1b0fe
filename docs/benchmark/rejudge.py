#!/usr/bin/env python3
"""Re-judges recorded runs' ends under another end rule, without training (docs/benchmark.md, *The end judge*).

Usage: rejudge.py DATA_DIR RUNS_DIR --half dev|held-out [--rule v1|partition-cut|partition-cut-fit]

A run's end judge draws from a random stream of its own and judges numbers every run records
(`run.json` `outcome`: the normalised cuts and mixture fits of DCN's last labelling, of the start's
nearest-centre labelling and of a held start's own partition). So what a run would have kept under
another rule follows from its recording alone: DCN's last epoch (`outcome.dcnEpoch`), or the start,
whose own partition is epoch 0's labelling. Rules:
- v1: method version 1 — the start's nearest-centre labelling challenges, with the fit's veto (the run's
  start is then epoch `dcnEpoch` + 1 when the recording kept it);
- partition-cut: method version 2 — the start's own partition challenges, the cut alone decides;
- partition-cut-fit: the start's own partition challenges, with version 1's fit veto.
Prints each set's mean NMI as recorded and under the rule, the line (better k-means − 0.02), and how many
sets meet it either way.
"""
import argparse
import json
import os

import numpy as np
from sklearn.metrics import normalized_mutual_info_score

from manifest import read_manifest

MARGIN = 0.02


def challenger_wins(challenger_cut, challenger_fit, dcn_cut, dcn_fit, margin, fit_veto):
    """The end rule: a lower cut by the margin; with the veto, a worse fit keeps DCN (a missing fit lets the cut decide)."""
    if not challenger_cut + margin < dcn_cut:
        return False
    if not fit_veto or challenger_fit is None or dcn_fit is None:
        return True
    return challenger_fit > dcn_fit


def labelling_under(rule, run_folder):
    """The assignments the run would end with under `rule`."""
    with open(os.path.join(run_folder, "run.json")) as handle:
        manifest = json.load(handle)
    outcome = manifest.get("outcome") or {}
    epochs = {entry["epoch"]: entry["path"] for entry in manifest["epochs"]}
    dcn_epoch = outcome.get("dcnEpoch", max(epochs))
    chosen = dcn_epoch
    if outcome and outcome.get("keepBetter", True):
        if rule == "v1":
            cut, fit = outcome["startScore"], outcome.get("startFit")
            start_epoch = dcn_epoch + 1 if dcn_epoch + 1 in epochs else None
        else:
            cut = outcome.get("startPartitionScore", outcome["startScore"])
            fit = outcome.get("startPartitionFit", outcome.get("startFit"))
            # A k-means start's partition is its nearest-centre cells, epoch 0's labelling too.
            start_epoch = 0
        veto = rule in ("v1", "partition-cut-fit")
        if start_epoch is not None and challenger_wins(cut, fit, outcome["dcnScore"], outcome.get("dcnFit"), outcome["margin"], veto):
            chosen = start_epoch
    return np.load(os.path.join(run_folder, epochs[chosen], "assignments.npy"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("runs")
    parser.add_argument("--half", required=True, choices=["dev", "held-out"])
    parser.add_argument("--rule", default="partition-cut", choices=["v1", "partition-cut", "partition-cut-fit"])
    arguments = parser.parse_args()
    with open(os.path.join(arguments.data, "baselines.json")) as handle:
        baselines = json.load(handle)
    print(f"| data set | line | recorded | {arguments.rule} | changed runs |\n|---|---|---|---|---|")
    met_recorded = met_rule = counted = 0
    for row in read_manifest():
        if row["half"] != arguments.half:
            continue
        name = row["name"]
        truth = np.load(os.path.join(arguments.data, f"{name}_y.npy"))
        folders = sorted(f for f in os.listdir(arguments.runs) if f.rsplit("-s", 1)[0] == name)
        recorded, judged, changed = [], [], 0
        for folder in folders:
            run = os.path.join(arguments.runs, folder, "run")
            if not os.path.exists(os.path.join(run, "run.json")):
                continue
            with open(os.path.join(run, "run.json")) as handle:
                manifest = json.load(handle)
            if manifest.get("status") != "complete":
                continue
            last = np.load(os.path.join(run, manifest["epochs"][-1]["path"], "assignments.npy"))
            under_rule = labelling_under(arguments.rule, run)
            recorded.append(normalized_mutual_info_score(truth, last))
            judged.append(normalized_mutual_info_score(truth, under_rule))
            changed += int(not np.array_equal(last, under_rule))
        if not recorded:
            continue
        base = baselines[name]
        line = max(base["kmeans_raw"]["nmi"], base["kmeans_std"]["nmi"]) - MARGIN
        before, after = float(np.mean(recorded)), float(np.mean(judged))
        counted += 1
        met_recorded += before >= line
        met_rule += after >= line
        mark = lambda value: f"{value:.3f}" + ("" if value >= line else " ✗")
        print(f"| {name} | {line:.3f} | {mark(before)} | {mark(after)} | {changed} of {len(recorded)} |")
    print(f"\nAt the line: {met_recorded} of {counted} sets as recorded, {met_rule} of {counted} under {arguments.rule}.")


if __name__ == "__main__":
    main()
