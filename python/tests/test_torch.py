"""The PyTorch helper records a hand-written loop (runs only where PyTorch is importable)."""

from __future__ import annotations

import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from conftest import blobs  # noqa: E402
from dcn_report import RunWriter, reconstruction_error  # noqa: E402
from dcn_report.torch import record_epoch  # noqa: E402


def tiny_autoencoder():
    torch.manual_seed(0)
    encoder = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(), torch.nn.BatchNorm1d(16), torch.nn.Linear(16, 2))
    decoder = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.ReLU(), torch.nn.Linear(16, 8))
    return encoder, decoder


def test_a_pytorch_loop_is_recorded_epoch_by_epoch_and_renders(tmp_path, render):
    points, truth, _ = blobs(samples_per_class=50, classes=3, dimensions=8)
    x = torch.tensor(points, dtype=torch.float32)
    encoder, decoder = tiny_autoencoder()
    optimizer = torch.optim.Adam([*encoder.parameters(), *decoder.parameters()], lr=1e-2)
    run = tmp_path / "run"
    with RunWriter(run, labels=truth, config={"n_clusters": 3, "lambda": 0.1, "epochs": 3}, input_dim=8) as writer:
        for epoch in range(1, 6):
            loss = ((decoder(encoder(x)) - x) ** 2).mean()
            optimizer.zero_grad(); loss.backward(); optimizer.step()
            writer.pretraining_epoch(epoch, loss.item())
        first = record_epoch(writer, encoder, x, None, decode=decoder)  # no centres yet: k-means provides them
        centers = torch.tensor(np.load(run / "epochs/0000/centers.npy"))
        for _ in range(3):
            z = encoder(x)
            s = torch.cdist(z.detach(), centers).argmin(1)
            loss = ((decoder(z) - x) ** 2).mean() + 0.05 * ((z - centers[s]) ** 2).sum(1).mean()
            optimizer.zero_grad(); loss.backward(); optimizer.step()
            record_epoch(writer, encoder, x, centers, decode=decoder)
    assert encoder.training and decoder.training  # put back in training mode
    manifest = json.loads((run / "run.json").read_text())
    assert [e["epoch"] for e in manifest["epochs"]] == [0, 1, 2, 3]
    assert first["phase"] == "pretrain" and sum(first["clusterSizes"]) == 150
    # The recorded reconstruction loss is the relative error of the network in eval mode.
    encoder.eval(); decoder.eval()
    with torch.no_grad():
        expected = reconstruction_error(points, decoder(encoder(x)).numpy())
        decoded = decoder(centers).numpy()
    assert manifest["epochs"][-1]["losses"]["reconstruction"] == pytest.approx(expected, rel=1e-5)
    assert np.allclose(np.load(run / "epochs/0003/decoded_centers.npy"), decoded, atol=1e-6)
    assert "Assignments at epoch 3" in render(run)


def test_a_data_loader_gives_the_same_recording_as_a_tensor(tmp_path):
    points, truth, centers = blobs(samples_per_class=30, classes=3, dimensions=8)
    encoder, _ = tiny_autoencoder()
    x = torch.tensor(points, dtype=torch.float32)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, torch.tensor(truth)), batch_size=7, shuffle=False)
    folders = []
    for name, data in (("tensor", x), ("loader", loader)):
        with RunWriter(tmp_path / name, labels=truth) as writer:
            record_epoch(writer, encoder, data, np.zeros((3, 2)), losses={"reconstruction": 0.5})
        folders.append(tmp_path / name / "epochs/0000")
    # Batches of 7 and of 1024 round differently in the last bit; the codes agree, the assignments exactly.
    assert np.allclose(np.load(folders[0] / "latent.npy"), np.load(folders[1] / "latent.npy"), atol=1e-5)
    assert np.array_equal(np.load(folders[0] / "assignments.npy"), np.load(folders[1] / "assignments.npy"))


def test_without_a_decoder_the_reconstruction_loss_must_be_given(tmp_path):
    points, truth, centers = blobs(dimensions=8)
    encoder, _ = tiny_autoencoder()
    with RunWriter(tmp_path / "run", labels=truth) as writer:
        with pytest.raises(ValueError, match=r"^losses: needs 'reconstruction'"):
            record_epoch(writer, encoder, torch.tensor(points, dtype=torch.float32), np.zeros((3, 2)))


def test_bfloat16_codes_and_bad_batch_sizes(tmp_path):
    points, truth, _ = blobs(dimensions=8)
    encoder, _ = tiny_autoencoder()
    x = torch.tensor(points, dtype=torch.float32)
    with RunWriter(tmp_path / "run", labels=truth) as writer:
        entry = record_epoch(writer, lambda batch: encoder(batch).to(torch.bfloat16), x, np.zeros((3, 2)),
                             losses={"reconstruction": 0.5})
        assert sum(entry["clusterSizes"]) == len(points)
        with pytest.raises(ValueError, match=r"^batch_size: must be at least 1"):
            record_epoch(writer, encoder, x, np.zeros((3, 2)), losses={"reconstruction": 0.5}, batch_size=0)
