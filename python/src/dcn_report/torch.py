"""PyTorch: record one epoch of a hand-written training loop (needs the `torch` extra)."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, Mapping, Optional

import numpy as np
import torch

from ._arrays import real_matrix, to_numpy, whole_number
from ._recording import record_codes
from .latent import total_variance
from .writer import RunWriter


def record_epoch(
    writer: RunWriter,
    encode: Callable[[torch.Tensor], torch.Tensor],
    data: Any,
    centers: Any = None,
    *,
    decode: Optional[Callable[[torch.Tensor], torch.Tensor]] = None,
    assignments: Any = None,
    losses: Optional[Mapping[str, float]] = None,
    epoch: Optional[int] = None,
    phase: Optional[str] = None,
    batch_size: int = 1024,
    seed: int = 0,
    seconds: Optional[float] = None,
) -> Dict[str, Any]:
    """Encodes every sample and records the epoch with `writer.epoch`.

    Modules are switched to `eval()` for the pass (batch norm and dropout in inference mode) and back
    afterwards; no gradients are kept.

    Args:
        writer: The run's writer.
        encode: The encoder f (an `nn.Module` or any function of a batch).
        data: The samples, in the order of the writer's labels: a tensor or array (N, D), or an
            iterable of batches (a `DataLoader` with `shuffle=False`) yielding `x` or `(x, y, …)`.
        centers: The cluster centres (k, d); None runs k-means on the codes (k from the writer's config),
            which then also gives the assignments.
        decode: The decoder g; with it the reconstruction loss ‖x − g(f(x))‖²/V is recorded, and with
            `centers` also the decoded centres g(m_k).
        assignments: Each sample's cluster; default: its nearest centre (or k-means's, see `centers`).
        losses: Losses to record as given (see `RunWriter.epoch`); `reconstruction` is required when
            there is no `decode`.
        epoch: Default: 0 for the first recorded epoch, then one more than the last.
        phase: Default: `pretrain` for epoch 0, else `train`.
        batch_size: Samples per forward pass when `data` is a tensor or array.
        seed: Seeds the k-means used when `centers` is None.
        seconds: The epoch's wall-clock seconds, for `timing.json`.

    Returns:
        The epoch's `run.json` entry (with `metrics` when the writer has labels).
    """
    batch_size = whole_number("batch_size", batch_size, minimum=1)
    modules = [m for m in (encode, decode) if isinstance(m, torch.nn.Module)]
    modes = [m.training for m in modules]
    device = _device(encode)
    codes, squared_errors, inputs = [], [], []
    try:
        for m in modules:
            m.eval()
        with torch.no_grad():
            for batch in _batches(data, batch_size):
                x = batch.to(device=device, dtype=torch.float32) if device is not None else batch.float()
                z = encode(x)
                codes.append(to_numpy(z))
                inputs.append(to_numpy(x))
                if decode is not None:
                    squared_errors.append(to_numpy(((decode(z) - x) ** 2).flatten(1).sum(dim=1)).astype(np.float64))
            decoded = None
            if decode is not None and centers is not None:
                c = torch.as_tensor(np.asarray(to_numpy(centers), dtype=np.float32), device=device)
                decoded = to_numpy(decode(c)).reshape(c.shape[0], -1)
    finally:
        for m, mode in zip(modules, modes):
            m.train(mode)
    latent = np.concatenate([c.reshape(c.shape[0], -1) for c in codes])
    reconstruction = None
    if decode is not None:
        x = np.concatenate([i.reshape(i.shape[0], -1) for i in inputs])
        reconstruction = float(np.concatenate(squared_errors).mean() / total_variance(x))
    return record_codes(
        writer, real_matrix("latent", latent), centers=centers, assignments=assignments,
        reconstruction=reconstruction, decoded_centers=decoded, losses=losses, epoch=epoch, phase=phase,
        seed=seed, seconds=seconds,
    )


def _device(module: Any) -> Optional[torch.device]:
    if isinstance(module, torch.nn.Module):
        for parameter in module.parameters():
            return parameter.device
    return None


def _batches(data: Any, batch_size: int) -> Iterator[torch.Tensor]:
    if isinstance(data, (torch.Tensor, np.ndarray)):
        tensor = torch.as_tensor(np.asarray(data)) if isinstance(data, np.ndarray) else data
        for start in range(0, tensor.shape[0], batch_size):
            yield tensor[start : start + batch_size]
        return
    for batch in data:
        x = batch[0] if isinstance(batch, (tuple, list)) else batch
        yield torch.as_tensor(x)
