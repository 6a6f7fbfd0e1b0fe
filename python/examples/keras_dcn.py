"""A Keras DCN recorded with `dcn_report.keras.RecordLatentSpace`, then rendered by dcn-report.

The model has the attribute shape of the earlier Keras DCN implementation (`encoder`, `decoder`,
`centers`, `n_clusters`, `get_assignment`, `pretrain`, and a `train_step` for `fit`), so the callback
is used exactly as it would be with that class:

    dcn_model.pretrain(X, epochs=…, batch_size=…)
    dcn_model.fit(X, X, epochs=…, batch_size=…, callbacks=[RecordLatentSpace(writer, X)])

Needs TensorFlow (Keras's default backend; the training step uses tf.GradientTape):

    pip install ./python tensorflow-cpu
    python python/examples/keras_dcn.py --out runs/keras-dcn
    # → runs/keras-dcn/index.html (rendered by `dcn-report render runs/keras-dcn/run`)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from dcn_report import RunWriter, kmeans, nearest_centers  # noqa: E402
from dcn_report.keras import RecordLatentSpace  # noqa: E402


class DCN(keras.Model):
    """Autoencoder plus k-means centres, trained jointly (Yang et al., 2017, Algorithm 1)."""

    def __init__(self, input_dim: int, latent_dim: int, n_clusters: int, lam: float, hidden=(100, 50, 10), variance=1.0):
        super().__init__()
        self.encoder = keras.Sequential([keras.Input((input_dim,))] + [keras.layers.Dense(w, activation="relu") for w in hidden]
                                        + [keras.layers.Dense(latent_dim)])
        self.decoder = keras.Sequential([keras.Input((latent_dim,))] + [keras.layers.Dense(w, activation="relu") for w in reversed(hidden)]
                                        + [keras.layers.Dense(input_dim)])
        self.n_clusters, self.lam, self.variance = n_clusters, lam, variance
        self.centers = None  # set by init_centers after pretraining
        self.counts = None

    def relative_error(self, x, reconstruction):
        """‖x − g(f(x))‖²/V per sample, batch mean (V: the data's total variance)."""
        return tf.reduce_mean(tf.reduce_sum(tf.square(reconstruction - x), axis=1)) / self.variance

    def pretrain(self, data, epochs: int, batch_size: int, writer: RunWriter = None, seed: int = 0):
        """Autoencoder only; each epoch's loss goes to the writer's pretraining curve."""
        rng = np.random.default_rng(seed)
        for epoch in range(1, epochs + 1):
            started, total = time.perf_counter(), 0.0
            for batch in np.array_split(rng.permutation(len(data)), max(1, len(data) // batch_size)):
                x = tf.constant(data[batch], tf.float32)
                with tf.GradientTape() as tape:
                    loss = self.relative_error(x, self.decoder(self.encoder(x, training=True), training=True))
                variables = self.encoder.trainable_variables + self.decoder.trainable_variables
                self.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
                total += float(loss) * len(batch)
            if writer is not None:
                writer.pretraining_epoch(epoch, total / len(data), seconds=time.perf_counter() - started)

    def init_centers(self, data, seed: int = 0):
        _, centers = kmeans(self.encoder.predict(data, verbose=0), self.n_clusters, seed=seed)
        self.centers = tf.Variable(centers, trainable=False)
        self.counts = tf.Variable(tf.fill([self.n_clusters], 100.0), trainable=False)  # step sizes start at 1/100

    def get_assignment(self, latent):
        return nearest_centers(latent, self.centers.numpy())

    def nearest(self, z):
        distances = tf.reduce_sum(tf.square(z[:, None, :] - self.centers[None, :, :]), axis=2)
        return tf.argmin(distances, axis=1)

    def train_step(self, data):
        x, _ = data
        s = self.nearest(self.encoder(x, training=False))  # assign with the current network first
        with tf.GradientTape() as tape:
            z = self.encoder(x, training=True)
            reconstruction = self.relative_error(x, self.decoder(z, training=True))
            clustering = tf.reduce_mean(tf.reduce_sum(tf.square(z - tf.gather(self.centers, s)), axis=1))
            loss = reconstruction + self.lam / 2 * clustering
        variables = self.encoder.trainable_variables + self.decoder.trainable_variables
        self.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        # Each centre moves to the running mean of its members (DCN's per-cluster step 1/count).
        z = self.encoder(x, training=False)
        s = self.nearest(z)
        sums = tf.math.unsorted_segment_sum(z, s, self.n_clusters)
        sizes = tf.math.unsorted_segment_sum(tf.ones_like(s, tf.float32), s, self.n_clusters)
        self.centers.assign((self.counts[:, None] * self.centers + sums) / (self.counts + sizes)[:, None])
        self.counts.assign_add(sizes)
        return {"loss": loss, "reconstruction": reconstruction, "clustering": clustering}


def synthetic(samples: int, seed: int):
    """Four Gaussian clusters in 2-D mapped into 100-D through σ(U σ(W x)), as in the DCN paper."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 4, samples)
    means = np.array([[-3.0, -3.0], [3.0, 3.0], [-3.0, 3.0], [3.0, -3.0]])
    points = means[labels] + rng.normal(size=(samples, 2))
    sigmoid = lambda v: 1 / (1 + np.exp(-v))
    return sigmoid(sigmoid(points @ rng.normal(size=(2, 10))) @ rng.normal(size=(10, 100))), labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="runs/keras-dcn", help="report folder; the recording goes to OUT/run")
    parser.add_argument("--samples", type=int, default=4000)
    parser.add_argument("--lambda", dest="lam", type=float, default=1.0)
    parser.add_argument("--pretrain-epochs", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    keras.utils.set_random_seed(args.seed)
    raw, labels = synthetic(args.samples, args.seed)
    X = ((raw - raw.mean(0)) / raw.std(0)).astype(np.float32)  # standardised: V = D
    dcn_model = DCN(input_dim=X.shape[1], latent_dim=2, n_clusters=4, lam=args.lam, variance=float(X.var(0).sum()))
    dcn_model.compile(optimizer=keras.optimizers.Adam(learning_rate=args.lr))
    config = {"n_clusters": 4, "lambda": args.lam, "hidden": [100, 50, 10], "latent_dim": 2, "lr": args.lr,
              "batch_size": args.batch_size, "pretrain_epochs": args.pretrain_epochs, "epochs": args.epochs,
              "seed": args.seed, "framework": f"Keras {keras.__version__} ({keras.backend.backend()})"}
    run = os.path.join(args.out, "run")
    with RunWriter(run, labels=labels, config=config, dataset="synthetic", inputs=raw, scaling="standardize",
                   description="Keras DCN example (python/examples/keras_dcn.py)") as writer:
        dcn_model.pretrain(X, epochs=args.pretrain_epochs, batch_size=args.batch_size, writer=writer, seed=args.seed)
        dcn_model.init_centers(X, seed=args.seed)
        dcn_model.fit(X, X, shuffle=True, batch_size=args.batch_size, epochs=args.epochs, verbose=2,
                      callbacks=[RecordLatentSpace(writer, X)])
        print("final:", writer.last_epoch, json_metrics(run))

    dcn_report = os.environ.get("DCN_REPORT") or shutil.which("dcn-report")
    if dcn_report is None:
        print(f"recorded {run}; render it with: dcn-report render {run}")
        return
    subprocess.run([dcn_report, "render", run], check=True)


def json_metrics(run: str):
    import json
    with open(os.path.join(run, "run.json")) as file:
        return json.load(file)["epochs"][-1].get("metrics")


if __name__ == "__main__":
    main()
