"""Keras: a callback that records the latent space after each epoch (needs the `keras` extra).

Works with Keras 3 (any backend) and with `tf.keras` models such as the earlier DCN implementation's
`DCN` class, whose `encoder`, `decoder`, `centers` and `get_assignment` it uses when present.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Dict, Optional

import numpy as np

try:
    import keras
except ImportError:  # TensorFlow with its bundled Keras only
    from tensorflow import keras

from ._arrays import real_matrix, to_numpy, whole_number
from ._recording import record_codes
from .latent import total_variance
from .writer import RunWriter

#: Model attributes that may hold the cluster centres, in the order they are tried.
CENTRE_ATTRIBUTES = ("centers", "cluster_centers", "cluster_centers_", "centroids")


class RecordLatentSpace(keras.callbacks.Callback):
    """Records the codes, assignments and centres of `data` when training starts and after each epoch.

    The state before the first epoch (after pretraining) is epoch 0; Keras's epochs follow as 1, 2, …
    (continuing the numbering when `fit` is called again with the same writer).

    Example, with the earlier implementation's `DCN` class (see python/examples/keras_dcn.py):
        >>> with RunWriter("out/run", labels=y, config={"n_clusters": 4, "lambda": 200}) as writer:
        ...     dcn_model.pretrain(X, epochs=50, batch_size=64)
        ...     dcn_model.fit(X, X, batch_size=64, epochs=50, callbacks=[RecordLatentSpace(writer, X)])
    """

    def __init__(
        self,
        writer: RunWriter,
        data: Any,
        encoder: Optional[Callable[[Any], Any]] = None,
        assign: Optional[Callable[[np.ndarray], Any]] = None,
        *,
        decoder: Optional[Callable[[Any], Any]] = None,
        centers: Any = None,
        every: int = 1,
        record_start: bool = True,
        batch_size: int = 1024,
        seed: int = 0,
    ) -> None:
        """Creates the callback.

        Args:
            writer: The run's writer.
            data: The samples to record, (N, D) or images (N, H, W[, C]), in the order of the writer's labels.
            encoder: The map from inputs to codes; default: the model's `encoder`.
            assign: A function from codes (N, d) to cluster ids; default: the model's `get_assignment`
                when it has centres, else each code's nearest centre.
            decoder: The map from codes to inputs, for the reconstruction loss and decoded centres;
                default: the model's `decoder`.
            centers: The centres (k, d), or a function of the model returning them; default: the
                model's `centers` (or `cluster_centers`, `cluster_centers_`, `centroids`). Until the
                model has centres, k-means on the codes provides them.
            every: Record every this many epochs (the last epoch of `fit` is always recorded, also when
                training stops early).
            record_start: Record epoch 0 when training starts, if the writer has no epoch yet.
            batch_size: Samples per forward pass when encoding `data`.
            seed: Seeds the k-means used while the model has no centres.
        """
        super().__init__()
        self.writer = writer
        self.inputs = np.asarray(to_numpy(data))
        if self.inputs.ndim < 2:
            raise ValueError(f"data: expected one row per sample (N, D) or images (N, H, W[, C]), got shape {self.inputs.shape}")
        self.data = real_matrix("data", self.inputs.reshape(self.inputs.shape[0], -1), dtype="<f8")
        self.encoder = encoder
        self.assign = assign
        self.decoder = decoder
        self.centers = centers
        if isinstance(every, bool) or not isinstance(every, int) or every < 1:
            raise ValueError(f"every: expected a whole number of epochs, 1 or more, got {every!r}")
        self.every = every
        self.record_start = record_start
        self.batch_size = whole_number("batch_size", batch_size, minimum=1)
        self.seed = seed
        self._variance = total_variance(self.data)
        self._first_epoch = 0
        self._last_finished: Optional[int] = None
        self._epochs_planned: Optional[int] = None
        self._started = time.perf_counter()

    # MARK: Keras hooks

    def on_train_begin(self, logs: Optional[Dict[str, Any]] = None) -> None:
        self._epochs_planned = (self.params or {}).get("epochs")
        if self.record_start and self.writer.last_epoch is None:
            self.record(epoch=0)
        self._first_epoch = self.writer.last_epoch or 0

    def on_epoch_begin(self, epoch: int, logs: Optional[Dict[str, Any]] = None) -> None:
        self._started = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs: Optional[Dict[str, Any]] = None) -> None:
        self._last_finished = self._first_epoch + epoch + 1
        last = self._epochs_planned is not None and epoch + 1 == self._epochs_planned
        if (epoch + 1) % self.every == 0 or last:
            self.record(epoch=self._last_finished, seconds=time.perf_counter() - self._started)

    def on_train_end(self, logs: Optional[Dict[str, Any]] = None) -> None:
        # Training stopped early (EarlyStopping, stop_training) between two recorded epochs.
        if self._last_finished is not None and (self.writer.last_epoch or 0) < self._last_finished:
            self.record(epoch=self._last_finished)

    # MARK: recording

    def record(self, epoch: Optional[int] = None, seconds: Optional[float] = None) -> Dict[str, Any]:
        """Encodes `data` now and records it as `epoch` (default: the writer's next epoch)."""
        encoder = self._part("encoder", self.encoder)
        decoder = self.decoder if self.decoder is not None else getattr(self.model, "decoder", None)
        latent = self._apply(encoder, self.inputs)
        centers = self._centers()
        assign = self.assign
        if assign is None and centers is not None and hasattr(self.model, "get_assignment"):
            assign = self.model.get_assignment
        reconstruction = decoded = None
        if decoder is not None:
            outputs = self._apply(decoder, latent).reshape(self.data.shape[0], -1)
            reconstruction = float(((outputs.astype(np.float64) - self.data) ** 2).sum(axis=1).mean() / self._variance)
            if centers is not None:
                decoded = self._apply(decoder, real_matrix("centers", to_numpy(centers))).reshape(len(centers), -1)
        else:
            raise ValueError("decoder: the model has no `decoder`; pass decoder= (a function from codes to inputs) "
                             "so that the reconstruction loss can be recorded")
        return record_codes(
            self.writer, latent, centers=centers, assign=assign, reconstruction=reconstruction,
            decoded_centers=decoded, epoch=epoch, seconds=seconds, seed=self.seed,
            cluster_count=getattr(self.model, "n_clusters", None),
        )

    def _part(self, name: str, given: Any) -> Callable[[Any], Any]:
        part = given if given is not None else getattr(self.model, name, None)
        if part is None:
            raise ValueError(f"{name}: the model has no `{name}` attribute; pass {name}= to RecordLatentSpace")
        return part

    def _centers(self) -> Optional[np.ndarray]:
        source = self.centers
        if callable(source):
            source = source(self.model)
        if source is None:
            for attribute in CENTRE_ATTRIBUTES:
                source = getattr(self.model, attribute, None)
                if source is not None:
                    break
        return None if source is None else to_numpy(source)

    def _apply(self, function: Callable[[Any], Any], inputs: np.ndarray) -> np.ndarray:
        """`function` on `inputs` in batches, in inference mode, as a float numpy array."""
        if hasattr(function, "predict"):
            return np.asarray(to_numpy(function.predict(inputs, batch_size=self.batch_size, verbose=0)), dtype=np.float64)
        parts = [to_numpy(function(inputs[start : start + self.batch_size]))
                 for start in range(0, inputs.shape[0], self.batch_size)]
        return np.concatenate(parts).astype(np.float64)
