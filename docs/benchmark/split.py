#!/usr/bin/env python3
"""Splits the benchmark's sets into a dev half and a held-out half; writes the `half` column of manifest.tsv.

Usage: split.py            (rewrites manifest.tsv beside this file in place; needs numpy)

The draw is made once, with the recorded seed SEED, and is the same on every run:
1. The sets the current defaults were already tuned on go to dev, whatever the draw (FORCED_DEV, with
   the reason); they must not be scored as held-out.
2. Every other set is drawn within its kind (the manifest's `kind` column), so that each kind lands in
   both halves as evenly as possible: the kind's sets, sorted by name, are shuffled by a generator
   seeded with SEED and the kind's name (adding a set to one kind leaves the other kinds' draws alone);
   then each in turn goes to the half that holds fewer sets of its kind so far (forced ones counted),
   on a tie to dev. Once a kind is even, this alternates dev and held-out; a kind with an odd count
   leaves its extra set in dev, which keeps the held-out half near 22 sets (each held-out evaluation,
   every set times 3 seeds of a training run, has to fit in about an hour on 2 cores).
3. Sets added later come in numbered batches (the manifest's `batch` column; the first 49 sets are
   batch 1). A later batch never moves an earlier set: its sets are drawn within their kind by a generator
   seeded with SEED, the batch number and the kind's name, and go in turn to the half that holds fewer
   sets of their kind so far, every earlier batch counted, on a tie to dev.
Prints each kind's split and the totals.
"""
import csv
from pathlib import Path

import numpy as np

MANIFEST = Path(__file__).resolve().parent / "manifest.tsv"
SEED = 38
KINDS = ("table-one-unit", "table-mixed-units", "integer-counts", "percentages", "high-dim-few-samples",
         "images", "signals", "mixture", "noise-features", "ratings")
FORCED_DEV = {
    "iris": "scikit-learn table the defaults (input scaling, k-means start) were tuned on",
    "wine": "scikit-learn table the defaults were tuned on (the case for standardising)",
    "breast-cancer": "scikit-learn table the defaults were tuned on",
    "digits": "the 8 x 8 digits the defaults and the image presets were tuned on",
    "touching-50d": "docs/suite-data.py set, part of the suite the defaults were checked on",
    "imbalanced-8d": "docs/suite-data.py set, part of the suite the defaults were checked on",
    "classification-scaled": "docs/suite-data.py set, part of the suite the defaults were checked on",
    "signals-1d": "docs/suite-data.py set, part of the suite the defaults were checked on",
    "signals-hard": "docs/suite-data.py set, part of the suite the defaults were checked on",
    "mnist-5k": "the development MNIST subset (mnist_5k.csv.gz) the mnist preset was tuned on",
}


def read():
    with open(MANIFEST, newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return reader.fieldnames, list(reader)


def write(fields, rows):
    lines = ["\t".join(fields)] + ["\t".join(row[f] for f in fields) for row in rows]
    MANIFEST.write_text("\n".join(lines) + "\n")


def kind_generator(kind, batch):
    """Batch 1's draws keep the generator they were made with; a later batch adds its number to the seed."""
    return np.random.default_rng([SEED, *kind.encode()] if batch == 1 else [SEED, batch, *kind.encode()])


def draw(rows):
    """{name: 'dev' or 'held-out'} for every row."""
    unknown = sorted({row["kind"] for row in rows} - set(KINDS))
    if unknown:
        raise SystemExit(f"kinds outside the vocabulary: {', '.join(unknown)}")
    half = {row["name"]: "dev" for row in rows if row["name"] in FORCED_DEV}
    batches = sorted({int(row["batch"]) for row in rows})
    for kind in KINDS:
        count = {"dev": sum(1 for r in rows if r["kind"] == kind and r["name"] in FORCED_DEV), "held-out": 0}
        for batch in batches:
            names = sorted(row["name"] for row in rows if row["kind"] == kind and int(row["batch"]) == batch)
            free = [names[i] for i in kind_generator(kind, batch).permutation(len(names)) if names[i] not in FORCED_DEV]
            for name in free:
                chosen = min(("dev", "held-out"), key=lambda h: count[h])  # min keeps the first on a tie: dev
                half[name] = chosen
                count[chosen] += 1
    return half


def main():
    fields, rows = read()
    half = draw(rows)
    changed = sum(row["half"] != half[row["name"]] for row in rows)
    for row in rows:
        row["half"] = half[row["name"]]
    write(fields, rows)
    for kind in KINDS:
        for side in ("dev", "held-out"):
            names = [r["name"] + ("*" if r["name"] in FORCED_DEV else "") for r in rows if r["kind"] == kind and r["half"] == side]
            print(f"{kind:22s} {side:9s} {len(names):2d}  {' '.join(names)}")
    print(f"dev {sum(h == 'dev' for h in half.values())}, held-out {sum(h == 'held-out' for h in half.values())} "
          f"(* forced to dev); seed {SEED}; {changed} rows of manifest.tsv changed")


if __name__ == "__main__":
    main()
