"""The Keras callback records a model's latent space (runs only where Keras is importable)."""

from __future__ import annotations

import json

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from conftest import blobs  # noqa: E402
from dcn_report import RunWriter, nearest_centers  # noqa: E402
from dcn_report.keras import RecordLatentSpace  # noqa: E402


class AutoencoderWithCentres(keras.Model):
    """The attribute shape of the earlier Keras DCN class: `encoder`, `decoder`, `centers`, `get_assignment`."""

    def __init__(self, n_clusters=3):
        super().__init__()
        self.encoder = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(2)])
        self.decoder = keras.Sequential([keras.Input((2,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(8)])
        self.n_clusters = n_clusters
        self.centers = None
        self.assignments_asked = 0

    def call(self, x):
        return self.decoder(self.encoder(x))

    def get_assignment(self, latent):
        self.assignments_asked += 1
        return nearest_centers(latent, self.centers)


class SetCentresAfterFirstEpoch(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        self.model.centers = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])


def test_the_callback_records_epoch_0_and_every_epoch_after_it(tmp_path, render):
    points, truth, _ = blobs(samples_per_class=40, classes=3, dimensions=8)
    keras.utils.set_random_seed(0)
    model = AutoencoderWithCentres()
    model.compile(optimizer="adam", loss="mse")
    run = tmp_path / "run"
    with RunWriter(run, labels=truth, config={"epochs": 3}) as writer:
        # The centres callback runs first, so epochs 1–3 see the model's centres; epoch 0 uses k-means.
        model.fit(points, points, epochs=3, batch_size=32, verbose=0,
                  callbacks=[SetCentresAfterFirstEpoch(), RecordLatentSpace(writer, points)])
    manifest = json.loads((run / "run.json").read_text())
    assert [e["epoch"] for e in manifest["epochs"]] == [0, 1, 2, 3]
    assert manifest["configuration"]["clusterCount"] == 3  # from the model's n_clusters, for k-means at epoch 0
    assert model.assignments_asked == 3
    z = np.load(run / "epochs/0003/latent.npy")
    assert np.array_equal(np.load(run / "epochs/0003/assignments.npy"), nearest_centers(z, model.centers))
    assert np.allclose(z, model.encoder.predict(points, verbose=0), atol=1e-5)
    assert np.load(run / "epochs/0003/decoded_centers.npy").shape == (3, 8)
    assert all(e["losses"]["reconstruction"] > 0 for e in manifest["epochs"])
    render(run)


def test_every_n_epochs_and_continued_fits_number_epochs_on(tmp_path):
    points, truth, _ = blobs(samples_per_class=20, classes=3, dimensions=8)
    model = AutoencoderWithCentres()
    model.compile(optimizer="adam", loss="mse")
    with RunWriter(tmp_path / "run", labels=truth) as writer:
        model.fit(points, points, epochs=5, verbose=0, callbacks=[RecordLatentSpace(writer, points, every=2)])
        model.fit(points, points, epochs=2, verbose=0, callbacks=[RecordLatentSpace(writer, points)])
    manifest = json.loads((tmp_path / "run" / "run.json").read_text())
    assert [e["epoch"] for e in manifest["epochs"]] == [0, 2, 4, 5, 6, 7]


def test_a_fit_stopped_early_still_records_its_last_epoch(tmp_path):
    points, truth, _ = blobs(samples_per_class=20, classes=3, dimensions=8)
    model = AutoencoderWithCentres()
    model.compile(optimizer="adam", loss="mse")

    class StopAfterFour(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            self.model.stop_training = epoch == 3

    with RunWriter(tmp_path / "run", labels=truth) as writer:
        model.fit(points, points, epochs=10, verbose=0, callbacks=[StopAfterFour(), RecordLatentSpace(writer, points, every=3)])
    manifest = json.loads((tmp_path / "run" / "run.json").read_text())
    assert [e["epoch"] for e in manifest["epochs"]] == [0, 3, 4]


def test_a_model_without_a_decoder_is_told_to_pass_one(tmp_path):
    points, truth, _ = blobs(dimensions=8)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(2)])
    model.compile(optimizer="adam", loss="mse")
    with RunWriter(tmp_path / "run", labels=truth, config={"k": 3}) as writer:
        with pytest.raises(ValueError, match=r"^encoder: the model has no `encoder`"):
            model.fit(points, points[:, :2], epochs=1, verbose=0, callbacks=[RecordLatentSpace(writer, points)])
        with pytest.raises(ValueError, match=r"^decoder: the model has no `decoder`"):
            model.fit(points, points[:, :2], epochs=1, verbose=0, callbacks=[RecordLatentSpace(writer, points, encoder=model)])
