"""Times the earlier implementation's frame, as issue 22 specifies it: seaborn 0.13 with `sns.set_theme()`,
`plt.subplots(1, 2, figsize=(15, 9))`, two `sns.scatterplot(x=…, y=…, hue=labels)` of the same N points
(predicted and true), the centres as cyan `x` markers, a title each, `fig.savefig(png)` at the default
100 dpi (1500 × 900 pixels).

Usage: python docs/seaborn-frame.py [POINTS] [REPETITIONS]; prints the median milliseconds per frame
(the first frame, which imports fonts and warms caches, is left out when there are more than one).
Run by docs/frame-vs-seaborn.sh beside dcn-report's own render, so the ratio is measured in one run.
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
offsets = np.array([[3, 0], [0, 3], [-3, 0], [0, -3]])
xy = rng.normal(size=(points, 2)) + offsets[truth]
predicted = np.where(rng.random(points) < 0.95, truth, rng.integers(0, 4, points))
centres = offsets + rng.normal(scale=0.1, size=offsets.shape)

sns.set_theme()
times = []
with tempfile.TemporaryDirectory() as folder:
    for repetition in range(repetitions):
        start = time.perf_counter()
        figure, axes = plt.subplots(1, 2, figsize=(15, 9))
        for axis, labels, title in [(axes[0], predicted, "Predicted clusters"), (axes[1], truth, "Ground truth")]:
            sns.scatterplot(x=xy[:, 0], y=xy[:, 1], hue=labels, ax=axis)
            axis.scatter(centres[:, 0], centres[:, 1], c="cyan", marker="x")
            axis.set_title(title)
        figure.savefig(f"{folder}/frame.png")
        plt.close(figure)
        times.append(time.perf_counter() - start)
print(f"seaborn, {points:,} points: median {1000 * float(np.median(times[1:] or times)):.1f} ms per frame")
