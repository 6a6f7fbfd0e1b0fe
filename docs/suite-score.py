#!/usr/bin/env python3
"""Scores suite runs: for each run folder, the last recorded epoch's assignments.npy against the labels.

Usage: suite-score.py SUITE_DATA_DIR RUNS_DIR
RUNS_DIR holds NAME-sSEED/run folders written by docs/suite.sh. Prints one row per data set (mean over
seeds) beside scikit-learn's k-means from SUITE_DATA_DIR/kmeans.json, in Markdown.
"""
import collections
import json
import os
import sys

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score


def main():
    data_dir, runs_dir = sys.argv[1], sys.argv[2]
    kmeans = json.load(open(os.path.join(data_dir, "kmeans.json")))
    rows = collections.defaultdict(list)
    for entry in sorted(os.listdir(runs_dir)):
        run = os.path.join(runs_dir, entry, "run")
        if not os.path.exists(os.path.join(run, "run.json")):
            continue
        name, seed = entry.rsplit("-s", 1)
        manifest = json.load(open(os.path.join(run, "run.json")))
        if manifest.get("status") != "complete":
            continue
        labels = np.load(os.path.join(run, "labels.npy"))
        epochs = [e["epoch"] for e in manifest["epochs"]]
        last = np.load(os.path.join(run, "epochs", f"{epochs[-1]:04d}", "assignments.npy"))
        first = np.load(os.path.join(run, "epochs", "0000", "assignments.npy"))
        k = manifest["configuration"]["clusterCount"]
        sizes = np.bincount(last, minlength=k)
        ae = next((b["metrics"]["nmi"] for b in manifest.get("baselines", []) if b["id"] == "ae-kmeans"), float("nan"))
        outcome = manifest.get("outcome") or {}
        dcn_epoch = outcome.get("dcnEpoch", epochs[-1])
        dcn = np.load(os.path.join(run, "epochs", f"{dcn_epoch:04d}", "assignments.npy"))
        rows[name].append({
            "seed": int(seed), "nmi": normalized_mutual_info_score(labels, last), "ari": adjusted_rand_score(labels, last),
            "start": normalized_mutual_info_score(labels, first), "ae": ae, "smallest": sizes.min() / len(last),
            "start_kind": (manifest.get("start") or {}).get("partition", "?"), "scaling": manifest["dataset"].get("scaling"),
            "fallback": outcome.get("kept") not in (None, "dcn"), "dcn": normalized_mutual_info_score(labels, dcn),
            "refills": sum(1 for e in manifest["epochs"] if e.get("refilledClusters")),
        })
    print("| data set | k-means raw | k-means std | scaling | AE + k-means | DCN start | DCN's own last epoch | run's labelling NMI (per seed) | ARI | smallest cluster | refilled / kept start | line |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    passed = 0
    for name, runs in rows.items():
        km = kmeans.get(name, {})
        line = max(km.get("raw", 0), km.get("standardised", 0)) - 0.02
        mean = np.mean([r["nmi"] for r in runs])
        ok = mean >= line and min(r["smallest"] for r in runs) >= 0.01
        passed += ok
        per_seed = " ".join(f"{r['nmi']:.3f}" for r in runs)
        starts = "/".join(r["start_kind"][0] for r in runs)
        print(f"| {name} | {km.get('raw', float('nan')):.3f} | {km.get('standardised', float('nan')):.3f} | {runs[0]['scaling']} "
              f"| {np.mean([r['ae'] for r in runs]):.3f} | {np.mean([r['start'] for r in runs]):.3f} ({starts}) "
              f"| {np.mean([r['dcn'] for r in runs]):.3f} | **{mean:.3f}** ({per_seed}) | {np.mean([r['ari'] for r in runs]):.3f} "
              f"| {min(r['smallest'] for r in runs):.1%} | {sum(r['refills'] > 0 for r in runs)} / {sum(r['fallback'] for r in runs)} of {len(runs)} "
              f"| {'met' if ok else 'MISSED'} (≥ {line:.3f}) |")
    print(f"\n{passed} of {len(rows)} data sets at or above the k-means line (better of raw and standardised − 0.02) with no cluster under 1 %.")


if __name__ == "__main__":
    main()
