#!/usr/bin/env python3
"""Prints what `DCN.fit` costs on top of the engine: its wall time against `dcn-report train` on the same data
and settings, measured in turn in one process (A B A B …), with the medians and the overhead against the
target (under 5 % + 0.5 s).

Usage: python benchmarks/fit_overhead.py [--rows 2000] [--features 20] [--repeats 5]
The engine is DCN_REPORT_BIN, else the bundled one, else dcn-report on PATH. A printed benchmark, not a
test: these machines are shared, so read the medians, and run it again when the spread is wide.
"""
import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from dcn_report import DCN
from dcn_report._engine import engine_binary


def blobs(rows: int, features: int, seed: int = 0) -> np.ndarray:
    """Four Gaussian clusters in `features` dimensions."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=4.0, size=(4, features))
    return centres[rng.integers(0, 4, size=rows)] + rng.normal(size=(rows, features))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    X = blobs(arguments.rows, arguments.features)
    settings = {"n_clusters": 4, "pretrain_epochs": 20, "epochs": 20, "random_state": 1}
    flags = ["--clusters", "4", "--pretrain-epochs", "20", "--epochs", "20", "--seed", "1"]
    engine, fits = [], []
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "X.npy"
        np.save(data, X)
        for repeat in range(arguments.repeats + 1):  # the first pair warms the caches and is not counted
            started = time.perf_counter()
            subprocess.run([engine_binary(), "train", "--dataset", str(data), *flags, "--quiet", "--force",
                            "--out", str(Path(scratch) / f"cli-{repeat}")], check=True, stdout=subprocess.DEVNULL)
            cli = time.perf_counter() - started
            started = time.perf_counter()
            DCN(**settings, verbose=False).fit(X)
            fit = time.perf_counter() - started
            if repeat:
                engine.append(cli)
                fits.append(fit)
    a, b = statistics.median(engine), statistics.median(fits)
    limit = 0.05 * a + 0.5
    print(f"{arguments.rows} × {arguments.features}, {settings['pretrain_epochs']} + {settings['epochs']} epochs, "
          f"{arguments.repeats} pairs")
    print(f"dcn-report train: median {a:.2f} s (min {min(engine):.2f}, max {max(engine):.2f})")
    print(f"DCN.fit:          median {b:.2f} s (min {min(fits):.2f}, max {max(fits):.2f})")
    print(f"overhead: {b - a:+.2f} s ({(b - a) / a:+.1%}); target under 5 % + 0.5 s = {limit:.2f} s: "
          f"{'met' if b - a < limit else 'MISSED'}")


if __name__ == "__main__":
    main()
