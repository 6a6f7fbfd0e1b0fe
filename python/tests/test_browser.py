"""A report rendered from a Python-written run opens from disk in headless Chromium without errors."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from test_writer import write_run

PROBLEMS = ("Uncaught", "Refused to", "Failed to load resource", "net::ERR_")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.fail("chromium is not installed; `make test` installs it")


def test_the_report_of_a_python_run_loads_with_no_console_errors(tmp_path, render):
    write_run(tmp_path / "run")
    render(tmp_path / "run")
    page = (tmp_path / "report" / "index.html").as_uri()
    result = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr",
                             "--v=0", "--virtual-time-budget=4000", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page],
                            capture_output=True, text=True, timeout=120)
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line and "Error" in line or any(p in line for p in PROBLEMS)]
    assert console == []
    assert "Recorded by" in result.stdout and 'src="frames/epoch_0004.png"' in result.stdout
