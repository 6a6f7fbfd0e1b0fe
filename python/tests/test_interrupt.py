"""Ctrl-C during `DCN.fit`: Python sends the engine one SIGINT, waits for it, and raises
KeyboardInterrupt; the run folder is left `interrupted` and renders."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

#: A fit long enough to be interrupted: 4,000 points in 50-D through a 256-256 network (tens of
#: milliseconds an epoch), 3,000 DCN epochs.
SCRIPT = """
import signal
import sys
import numpy as np
from dcn_report import DCN

# As at a terminal, SIGINT raises KeyboardInterrupt (a process started in the background ignores it).
signal.signal(signal.SIGINT, signal.default_int_handler)

rng = np.random.default_rng(0)
centres = rng.normal(scale=5, size=(4, 50))
points = centres[np.repeat(np.arange(4), 1000)] + rng.normal(size=(4000, 50))
try:
    DCN(n_clusters=4, hidden=(256, 256), latent_dim=2, pretrain_epochs=2, epochs=3000, random_state=0, run_dir=sys.argv[1],
        verbose=False).fit(points)
except KeyboardInterrupt as interrupt:
    print("KeyboardInterrupt:", interrupt, flush=True)
    sys.exit(130)
print("not interrupted", flush=True)
"""


def _recorded_epochs(run: Path) -> int:
    try:
        return len(json.loads((run / "run.json").read_text())["epochs"])
    except (OSError, ValueError, KeyError):
        return 0


def _is_running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie or a reused pid of another program counts as gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"dcn-report" in command and "\nState:\tZ" not in status


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to see that the engine has gone")
def test_ctrl_c_interrupts_the_engine_and_leaves_a_renderable_run(dcn_report, tmp_path):
    script = tmp_path / "fit.py"
    script.write_text(SCRIPT)
    run = tmp_path / "out" / "run"
    environment = dict(os.environ, DCN_REPORT_BIN=dcn_report, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    python = subprocess.Popen([sys.executable, str(script), str(tmp_path / "out")], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=environment)
    try:
        deadline = time.monotonic() + 120
        while _recorded_epochs(run) < 2 and python.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _recorded_epochs(run) >= 2, "no DCN epoch was recorded in time"
        engine = json.loads((run / "process.json").read_text())["pid"]
        assert _is_running(engine)
        os.kill(python.pid, signal.SIGINT)  # Python alone, as a terminal's Ctrl-C reaches it: the engine has its own session
        out, err = python.communicate(timeout=90)
    finally:
        if python.poll() is None:
            python.kill()
    assert python.returncode == 130, err
    assert out.startswith("KeyboardInterrupt: training interrupted;") and str(run) in out
    assert not _is_running(engine), "the engine outlived the interrupted fit"
    manifest = json.loads((run / "run.json").read_text())
    assert manifest["status"] == "interrupted", manifest.get("statusMessage")
    rendered = subprocess.run([dcn_report, "render", str(run), "--out", str(tmp_path / "report"), "--quiet",
                               "--formats", "png", "--frame-size", "400x200", "--max-frames", "4"],
                              capture_output=True, text=True, timeout=300)
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "report" / "index.html").exists()
