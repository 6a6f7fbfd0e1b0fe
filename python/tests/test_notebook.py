"""The example notebook (examples/dcn_example.ipynb) runs headless and shows its scores and the inline view."""

from __future__ import annotations

from pathlib import Path

import pytest

nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install nbclient nbformat ipykernel)")
nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install nbclient nbformat ipykernel)")
pytest.importorskip("ipykernel", reason="ipykernel is not installed (pip install nbclient nbformat ipykernel)")

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "dcn_example.ipynb"


def outputs_text(notebook) -> tuple[str, str]:
    """The printed text and the HTML that the executed notebook's code cells show."""
    printed, shown = [], []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                printed.append(output["text"])
            elif output.get("output_type") in ("execute_result", "display_data"):
                shown.append(output.get("data", {}).get("text/html", ""))
    return "".join(printed), "".join(shown)


def test_the_example_notebook_runs_and_shows_the_run(dcn_report, monkeypatch, tmp_path):
    monkeypatch.setenv("DCN_REPORT_BIN", dcn_report)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed, shown = outputs_text(notebook)
    assert "NMI " in printed and "ARI " in printed and "new points: NMI" in printed
    nmi = float(printed.split("NMI ")[1].split()[0])
    assert nmi > 0.9, printed
    assert '<img src="data:image/png;base64,' in shown and '<img src="data:image/gif;base64,' in shown
    assert "<th>NMI</th>" in shown and "<iframe" not in shown
