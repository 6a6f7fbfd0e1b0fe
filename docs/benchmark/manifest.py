"""Reads the benchmark's manifest.tsv (one row per data set: name, half, source, rows, features, k, ...)."""
import csv
import os

MANIFEST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "manifest.tsv")


def read_manifest(path=MANIFEST):
    """The manifest's rows as dictionaries keyed by its header, in file order."""
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def rows_of(half, batch=None, path=MANIFEST):
    """The manifest's rows of one half ('dev', 'held-out' or 'all'), optionally of one batch only."""
    return [row for row in read_manifest(path)
            if half in ("all", row["half"]) and batch in (None, int(row["batch"]))]
