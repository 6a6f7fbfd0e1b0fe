"""Checks dcn-report's t-SNE view against scikit-learn's on the same latent codes.

    dcn-bench --only tsne --run RUN_DIR --write-npy /tmp/tsne-check
    python docs/tsne-vs-sklearn.py /tmp/tsne-check        # needs numpy and scikit-learn

Prints scikit-learn's trustworthiness(k=10) of our t-SNE view, of our PCA view and of scikit-learn's own
t-SNE (perplexity 30, PCA start, same points), so our view is measured against a reference embedding, and
our trustworthiness implementation against scikit-learn's.
"""
import sys
import time

import numpy as np
from sklearn.manifold import TSNE, trustworthiness

folder = sys.argv[1]
codes = np.load(folder + "/codes.npy").astype(np.float64)
ours = np.load(folder + "/tsne.npy").astype(np.float64)
pca = np.load(folder + "/pca.npy").astype(np.float64)
start = time.time()
reference = TSNE(perplexity=30, init="pca", random_state=0).fit_transform(codes)
seconds = time.time() - start
print(f"{len(codes)} codes of {codes.shape[1]} dimensions")
print(f"trustworthiness(10), scikit-learn's function: PCA {trustworthiness(codes, pca, n_neighbors=10):.3f}, "
      f"dcn-report t-SNE {trustworthiness(codes, ours, n_neighbors=10):.3f}, "
      f"scikit-learn t-SNE {trustworthiness(codes, reference, n_neighbors=10):.3f} ({seconds:.1f} s)")
