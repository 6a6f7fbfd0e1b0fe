"""A run drawn inline in Jupyter: the final frame, a small animation and the scores table.

The engine draws the pictures (`dcn-report render` into a scratch folder); they are embedded in the
HTML as base64 data URIs, so a saved notebook keeps them and needs no server, iframe or file beside
it. The frames are drawn small (`RENDER_OPTIONS`) to keep a view under `HTML_BUDGET` bytes; an
animation that would exceed it is left out, with a note saying so.
"""

from __future__ import annotations

import base64
import html
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from ._engine import run_engine

if TYPE_CHECKING:
    from .recorded_run import RecordedRun

#: Small frames (720 × 320 layout units at one pixel each), at most 16 of them for the animation, PNG
#: only, codes wider than 2-D by PCA (t-SNE takes seconds), at most 3,000 points per panel.
RENDER_OPTIONS = ["--frame-size", "720x320", "--max-frames", "16", "--formats", "png", "--projection", "pca",
                  "--point-cap", "3000", "--quiet"]
#: The largest view embedded in a notebook, in bytes of HTML.
HTML_BUDGET = 1_500_000
#: The scores shown, in run.json's names.
_METRICS = ("nmi", "ari", "acc")


@dataclass(frozen=True)
class RunView:
    """Any run folder, shown by Jupyter as its final frame, animation and scores (`show(path)`)."""

    run: "RecordedRun"

    def _repr_html_(self) -> str:
        return run_html(self.run)

    def __repr__(self) -> str:
        return f"RunView({str(self.run.path)!r}: {self.run.status}, epochs {self.run.epochs[0]}–{self.run.epochs[-1]})"


def show(path: Union[str, Path]) -> RunView:
    """A run folder (checked by `load_run`) for Jupyter to display inline; its repr names it elsewhere."""
    from .recorded_run import load_run
    return RunView(load_run(path))


def run_html(run: "RecordedRun") -> str:
    """The inline view of `run` as one HTML fragment with its images embedded."""
    with tempfile.TemporaryDirectory(prefix="dcn-view-") as scratch:
        out = Path(scratch)
        run_engine(["render", str(run.path), "--out", str(out), *RENDER_OPTIONS])
        final = _data_uri(out / "figures" / "latent-final.png", "image/png")
        animation = _data_uri(out / "animation.gif", "image/gif")
    parts = [_heading(run), _image(final, "the run's final frame: predicted clusters and ground truth")]
    table = _scores_table(run)
    if animation is not None:
        if len(animation) + sum(len(part) for part in parts) + len(table) <= HTML_BUDGET:
            parts.append(_image(animation, "the run's epochs, animated"))
        else:
            parts.append(f"<p><i>The animation ({len(animation) // 1000} kB) is left out to keep the notebook small: "
                         f"<code>dcn-report render {html.escape(str(run.path))}</code> writes it.</i></p>")
    parts.append(table)
    return '<div class="dcn-report-run">' + "\n".join(parts) + "</div>"


def _data_uri(path: Path, media_type: str) -> Optional[str]:
    if not path.exists():
        return None
    return f"data:{media_type};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _image(uri: Optional[str], description: str) -> str:
    if uri is None:
        return ""
    return f'<img src="{uri}" alt="{html.escape(description)}" style="max-width:100%;width:720px">'


def _heading(run: "RecordedRun") -> str:
    dataset = run.manifest["dataset"]
    k = run.configuration["clusterCount"]
    kept = (run.outcome or {}).get("kept")
    kept_text = {"start": "; DCN ended worse than its start's own partition, which the run kept"}.get(str(kept), "")
    return (f"<p><b>{html.escape(str(run.manifest['name']))}</b> — {html.escape(run.status)}: "
            f"{dataset['samples']} samples in {k} clusters, epochs {run.epochs[0]}–{run.epochs[-1]}{kept_text}. "
            f"<small>{html.escape(str(run.path))}</small></p>")


def _scores_table(run: "RecordedRun") -> str:
    """NMI, ARI and ACC of the run's labelling and of each baseline, or a note when there are no labels."""
    rows: list[tuple[str, dict[str, Any]]] = [(str(b.get("title", b.get("id"))), b.get("metrics") or {}) for b in run.baselines]
    last = run.scores.get(run.epochs[-1])
    if last:
        rows.insert(0, (f"DCN, epoch {run.epochs[-1]} (the run's labelling)", last))
    if not rows:
        return "<p><i>No ground truth, so no scores: fit(X, y) or --labels scores the run.</i></p>"
    head = "".join(f"<th>{name.upper()}</th>" for name in _METRICS)
    body = "".join(f"<tr><td>{html.escape(title)}</td>" + "".join(_cell(metrics.get(name)) for name in _METRICS) + "</tr>"
                   for title, metrics in rows)
    return f'<table class="dcn-report-scores"><tr><th>clustering</th>{head}</tr>{body}</table>'


def _cell(value: Any) -> str:
    return f"<td>{value:.3f}</td>" if isinstance(value, (int, float)) else "<td>–</td>"
