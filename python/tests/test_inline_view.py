"""In Jupyter, a fitted DCN, a loaded run and `show(path)` display the run's final frame, a small animation
and the scores, as images embedded in the HTML (never an iframe or a localhost address)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from conftest import REPOSITORY, blobs

from dcn_report import DCN, RunView, load_run, show
from dcn_report import inline_view

VALID = REPOSITORY / "Tests" / "Fixtures" / "corrupt-runs" / "valid" / "run"
SMALL = dict(hidden=(8,), latent_dim=2, pretrain_epochs=2, epochs=4, random_state=0, verbose=False)


@pytest.fixture(autouse=True)
def engine(dcn_report, monkeypatch):
    monkeypatch.setenv("DCN_REPORT_BIN", dcn_report)


def embedded_images(view: str) -> list[str]:
    return re.findall(r'<img src="data:(image/(?:png|gif));base64,[A-Za-z0-9+/=]+"', view)


def assert_self_contained(view: str) -> None:
    assert "<iframe" not in view and "localhost" not in view and "127.0.0.1" not in view and "file:" not in view
    assert len(view.encode("utf-8")) <= inline_view.HTML_BUDGET


def test_a_fitted_dcn_shows_its_run(tmp_path):
    points, truth, _ = blobs(samples_per_class=30, classes=3, dimensions=5)
    model = DCN(n_clusters=3, **SMALL).fit(points, truth)
    view = model._repr_html_()
    assert view is not None
    assert embedded_images(view) == ["image/png", "image/gif"]
    assert "<table" in view and "<th>NMI</th>" in view
    # The run's labelling is its last recorded epoch: epoch 4, or 5 when the end judge kept the start.
    last = re.search(r"epochs 0–(\d+)", view)
    assert last is not None and f"DCN, epoch {last.group(1)} (the run&#x27;s labelling)" in view
    assert_self_contained(view)
    bundle = model._repr_mimebundle_()
    assert bundle["text/html"].startswith('<div class="dcn-report-run">') and bundle["text/plain"].startswith("DCN(")


def test_an_unfitted_dcn_has_no_run_to_show():
    model = DCN(n_clusters=3)
    assert model._repr_html_() is None
    assert "dcn-report-run" not in model._repr_mimebundle_().get("text/html", "")


def test_show_and_load_run_display_any_run_folder():
    view = show(VALID)
    assert isinstance(view, RunView) and repr(view).endswith(": complete, epochs 0–3)")
    html = view._repr_html_()
    assert embedded_images(html) == ["image/png", "image/gif"] and "k-means on raw input" in html
    assert_self_contained(html)
    assert embedded_images(load_run(VALID)._repr_html_()) == ["image/png", "image/gif"]


def test_an_animation_beyond_the_budget_is_left_out_with_a_note(monkeypatch):
    monkeypatch.setattr(inline_view, "HTML_BUDGET", 60_000)
    html = show(VALID)._repr_html_()
    assert embedded_images(html) == ["image/png"] and "The animation (" in html and "is left out" in html


def test_a_run_without_labels_says_it_has_no_scores():
    points, _, _ = blobs(samples_per_class=20, classes=2, dimensions=3)
    model = DCN(n_clusters=2, **SMALL).fit(points)
    view = model._repr_html_()
    assert view is not None and "No ground truth, so no scores" in view and len(embedded_images(view)) == 2
    assert np.array_equal(load_run(model.run_dir_).labels, model.labels_)
