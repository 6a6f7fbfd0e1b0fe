"""Times the earlier implementation's kind of frame: a matplotlib/seaborn figure of two scatter panels
(predicted clusters, ground truth) of N points with a hue legend each, saved as a 1200 × 560 PNG.

Usage: python docs/seaborn-frame.py [POINTS] [REPETITIONS]; prints the median milliseconds per frame.
Run by docs/frame-vs-seaborn.sh beside dcn-bench's own frame timing, so the ratio is measured in one run.
"""

import sys
import tempfile
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import seaborn as sns  # noqa: E402

points = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 11
rng = np.random.default_rng(0)
truth = rng.integers(0, 4, points)
xy = rng.normal(size=(points, 2)) + np.array([[3, 0], [0, 3], [-3, 0], [0, -3]])[truth]
predicted = np.where(rng.random(points) < 0.95, truth, rng.integers(0, 4, points))

times = []
with tempfile.TemporaryDirectory() as folder:
    for repetition in range(repetitions):
        start = time.perf_counter()
        figure, axes = plt.subplots(1, 2, figsize=(12, 5.6), dpi=100)
        figure.suptitle("Epoch 12 of 50 · DCN training\nNMI 0.987 · ARI 0.981 · ACC 0.996")
        sns.scatterplot(x=xy[:, 0], y=xy[:, 1], hue=predicted, palette="tab10", s=10, linewidth=0, ax=axes[0])
        sns.scatterplot(x=xy[:, 0], y=xy[:, 1], hue=truth, palette="tab10", s=10, linewidth=0, ax=axes[1])
        axes[0].set_title("Predicted clusters")
        axes[1].set_title("Ground truth")
        figure.savefig(f"{folder}/frame.png")
        plt.close(figure)
        times.append(time.perf_counter() - start)
print(f"seaborn, {points:,} points: median {1000 * float(np.median(times[1:] or times)):.1f} ms per frame")
