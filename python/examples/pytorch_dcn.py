"""A DCN-like PyTorch training loop, recorded with dcn_report and rendered by dcn-report.

Autoencoder pretraining, k-means on the codes, then DCN's alternating updates (Yang et al., 2017):
each minibatch is assigned to its nearest centre with the current network, the network takes a step
on reconstruction + λ/2 · ‖f(x) − M s‖², and each centre moves to the running mean of its members.
`record_epoch` records the latent space after pretraining and after every epoch.

    pip install './python[torch]'
    python python/examples/pytorch_dcn.py --out runs/pytorch-dcn
    # → runs/pytorch-dcn/index.html (rendered by `dcn-report render runs/pytorch-dcn/run`)

Data: the paper's synthetic example by default (four clusters in 2-D, lifted non-linearly into 100-D),
or your own `--data X.npy --labels y.npy` (for MNIST-like pixels in [0, 1]: `--scaling none --image-shape 28x28`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import time

import numpy as np
import torch
from torch import nn

from dcn_report import RunWriter, kmeans
from dcn_report.torch import record_epoch


def synthetic(samples: int, seed: int):
    """Four Gaussian clusters in 2-D mapped into 100-D through σ(U σ(W x)), as in the DCN paper."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 4, samples)
    means = np.array([[-3.0, -3.0], [3.0, 3.0], [-3.0, 3.0], [3.0, -3.0]])
    points = means[labels] + rng.normal(size=(samples, 2))
    sigmoid = lambda v: 1 / (1 + np.exp(-v))
    lifted = sigmoid(sigmoid(points @ rng.normal(size=(2, 10))) @ rng.normal(size=(10, 100)))
    return lifted, labels


def mlp(widths):
    layers = []
    for index, (inputs, outputs) in enumerate(zip(widths, widths[1:])):
        layers.append(nn.Linear(inputs, outputs))
        if index < len(widths) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="runs/pytorch-dcn", help="report folder; the recording goes to OUT/run")
    parser.add_argument("--data", help="an (N, D) .npy file (default: the synthetic example)")
    parser.add_argument("--labels", help="an (N,) .npy file of class ids, for the scores")
    parser.add_argument("--scaling", choices=["standardize", "none"], default="standardize",
                        help="standardise each feature (default) or keep the inputs as they are (e.g. pixels in [0, 1])")
    parser.add_argument("--image-shape", help="HxW when each row is an image (e.g. 28x28), to draw decoded centres as images")
    parser.add_argument("--samples", type=int, default=4000, help="synthetic samples")
    parser.add_argument("--clusters", type=int, default=4)
    parser.add_argument("--hidden", default="100,50,10")
    parser.add_argument("--latent-dim", type=int, default=2)
    parser.add_argument("--lambda", dest="lam", type=float, default=1.0,
                        help="weight of the clustering term against the relative reconstruction error")
    parser.add_argument("--pretrain-epochs", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    if args.data:
        loaded = np.load(args.data)
        x_raw = loaded.reshape(len(loaded), -1).astype(np.float64)
        labels = np.load(args.labels) if args.labels else None
    else:
        x_raw, labels = synthetic(args.samples, args.seed)
    if args.scaling == "standardize":  # then V = D, and the relative error is the per-element MSE
        x_np = (x_raw - x_raw.mean(0)) / np.where(x_raw.std(0) > 0, x_raw.std(0), 1)
    else:
        x_np = x_raw
    variance = float(x_np.var(0).sum())
    torch.manual_seed(args.seed)
    x = torch.tensor(x_np, dtype=torch.float32)
    hidden = [int(w) for w in args.hidden.split(",")]
    encoder = mlp([x.shape[1], *hidden, args.latent_dim])
    decoder = mlp([args.latent_dim, *reversed(hidden), x.shape[1]])
    optimizer = torch.optim.Adam([*encoder.parameters(), *decoder.parameters()], lr=args.lr)
    generator = torch.Generator().manual_seed(args.seed)

    def relative_error(batch, reconstruction):  # ‖x − g(f(x))‖²/V per sample, batch mean
        return ((reconstruction - batch) ** 2).sum(1).mean() / variance

    config = {"n_clusters": args.clusters, "lambda": args.lam, "hidden": hidden, "latent_dim": args.latent_dim,
              "lr": args.lr, "batch_size": args.batch_size, "pretrain_epochs": args.pretrain_epochs,
              "epochs": args.epochs, "seed": args.seed, "optimizer": "Adam",
              "assignment": "nearest centre with the current network, before each step"}
    run = os.path.join(args.out, "run")
    with RunWriter(run, labels=labels, config=config, dataset=os.path.basename(args.data or "synthetic"),
                   description="PyTorch DCN example (python/examples/pytorch_dcn.py)", input_dim=x.shape[1],
                   image_shape=[int(side) for side in args.image_shape.split("x")] if args.image_shape else None,
                   inputs=x_raw,  # for the report's galleries (images) or per-cluster feature means
                   scaling=args.scaling) as writer:
        for epoch in range(1, args.pretrain_epochs + 1):
            started, total = time.perf_counter(), 0.0
            for batch in torch.randperm(len(x), generator=generator).split(args.batch_size):
                loss = relative_error(x[batch], decoder(encoder(x[batch])))
                optimizer.zero_grad(); loss.backward(); optimizer.step()
                total += loss.item() * len(batch)
            writer.pretraining_epoch(epoch, total / len(x), seconds=time.perf_counter() - started)

        with torch.no_grad():
            _, centres = kmeans(encoder(x).numpy(), args.clusters, seed=args.seed)
        centres = torch.tensor(centres)
        counts = torch.full((args.clusters,), 100.0)  # DCN's centre step sizes start at 1/100
        entry = record_epoch(writer, encoder, x, centres, decode=decoder)
        print(f"epoch 0 (autoencoder + k-means): {entry.get('metrics', '')}")

        for epoch in range(1, args.epochs + 1):
            started = time.perf_counter()
            for batch in torch.randperm(len(x), generator=generator).split(args.batch_size):
                z = encoder(x[batch])
                nearest = torch.cdist(z.detach(), centres).argmin(1)
                loss = relative_error(x[batch], decoder(z)) + args.lam / 2 * ((z - centres[nearest]) ** 2).sum(1).mean()
                optimizer.zero_grad(); loss.backward(); optimizer.step()
                with torch.no_grad():  # running mean of each centre's members
                    z = encoder(x[batch])
                    nearest = torch.cdist(z, centres).argmin(1)
                    for k in nearest.unique():
                        members = z[nearest == k]
                        centres[k] = (counts[k] * centres[k] + members.sum(0)) / (counts[k] + len(members))
                        counts[k] += len(members)
            entry = record_epoch(writer, encoder, x, centres, decode=decoder, seconds=time.perf_counter() - started)
            print(f"epoch {epoch}: {entry.get('metrics', '')}")

    dcn_report = os.environ.get("DCN_REPORT") or shutil.which("dcn-report")
    if dcn_report is None:
        print(f"recorded {run}; render it with: dcn-report render {run}")
        return
    subprocess.run([dcn_report, "render", run], check=True)


if __name__ == "__main__":
    main()
