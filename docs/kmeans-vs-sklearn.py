"""scikit-learn's k-means on the pixels `dcn-bench --only kmeans --write-npy FILE` wrote (same float32
values), k = 10, n_init = 10, k-means++ (its defaults otherwise: lloyd, tol 1e-4). Prints time and
inertia per seed in the format of dcn-bench. Run by docs/kmeans-vs-sklearn.sh."""
import sys, time
import numpy as np
from sklearn.cluster import KMeans

x = np.load(sys.argv[1])
print(f"== scikit-learn KMeans on {x.shape[0]} × {x.shape[1]} float32, k = 10, n_init = 10")
for seed in (0, 1, 2):
    start = time.perf_counter()
    km = KMeans(n_clusters=10, n_init=10, random_state=seed).fit(x)
    seconds = time.perf_counter() - start
    inertia = float(((x.astype(np.float64) - km.cluster_centers_[km.labels_]) ** 2).sum())
    print(f"seed {seed}: {seconds:.2f} s  inertia {inertia:.1f}  iterations {km.n_iter_}")
