"""Which engine the package runs (`_engine.engine_binary`) and the `dcn-report` console script (`_launcher`).

A platform wheel bundles the binary at `_engine.BUNDLED_BINARY`; these tests put a stand-in there (a
shell script printing its arguments and FONTCONFIG_FILE) instead of building one. The wheel itself is
tested by `make wheel-libraries-test` and `make test-wheel` (python/tests/wheel/).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dcn_report import _engine
from dcn_report._engine import EngineError, engine_binary, engine_environment


def stand_in(path: Path) -> Path:
    """An executable that prints its arguments and the FONTCONFIG_FILE it was given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('#!/bin/sh\necho "args: $*"\necho "fontconfig: ${FONTCONFIG_FILE:-unset}"\n')
    path.chmod(0o755)
    return path


@pytest.fixture
def bundled(tmp_path, monkeypatch):
    """A stand-in at the bundled binary's place, as in an installed platform wheel."""
    binary = stand_in(tmp_path / "dcn_report/_bin/dcn-report")
    monkeypatch.setattr(_engine, "BUNDLED_BINARY", binary)
    monkeypatch.setattr(_engine, "BUNDLED_FONTS_CONF", tmp_path / "dcn_report/_fonts/fonts.conf")
    monkeypatch.delenv("DCN_REPORT_BIN", raising=False)
    return binary


def test_the_bundled_binary_comes_before_path_and_gets_the_bundled_fonts(bundled, tmp_path, monkeypatch):
    stand_in(tmp_path / "elsewhere/dcn-report")
    monkeypatch.setenv("PATH", str(tmp_path / "elsewhere"))
    assert engine_binary() == str(bundled)
    environment = engine_environment(str(bundled))
    assert environment is not None and environment["FONTCONFIG_FILE"] == str(tmp_path / "dcn_report/_fonts/fonts.conf")
    # A binary from elsewhere keeps the system's fontconfig configuration: the environment is inherited.
    assert engine_environment(str(tmp_path / "elsewhere/dcn-report")) is None


def test_dcn_report_bin_comes_before_the_bundled_binary(bundled, tmp_path, monkeypatch):
    chosen = stand_in(tmp_path / "chosen/dcn-report")
    monkeypatch.setenv("DCN_REPORT_BIN", str(chosen))
    assert engine_binary() == str(chosen)


def test_path_is_searched_past_the_console_script(tmp_path, monkeypatch):
    """pip writes a `dcn-report` script for the entry point, also from the sdist; it is not an engine."""
    monkeypatch.setattr(_engine, "BUNDLED_BINARY", tmp_path / "absent/dcn-report")
    monkeypatch.delenv("DCN_REPORT_BIN", raising=False)
    launcher = tmp_path / "venv-bin/dcn-report"
    launcher.parent.mkdir()
    launcher.write_text(f"#!{sys.executable}\nimport sys\nfrom dcn_report._launcher import main\nsys.exit(main())\n")
    launcher.chmod(0o755)
    engine = stand_in(tmp_path / "local-bin/dcn-report")
    monkeypatch.setenv("PATH", f"{launcher.parent}{os.pathsep}{engine.parent}")
    assert engine_binary() == str(engine)
    monkeypatch.setenv("PATH", str(launcher.parent))
    with pytest.raises(EngineError, match="^no dcn-report engine found"):
        engine_binary()


def test_the_console_script_execs_the_engine_with_its_arguments(tmp_path):
    engine = stand_in(tmp_path / "engine/dcn-report")
    environment = dict(os.environ, DCN_REPORT_BIN=str(engine))
    environment.pop("FONTCONFIG_FILE", None)
    result = subprocess.run([sys.executable, "-m", "dcn_report._launcher", "render", "run dir", "--quiet"],
                            env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["args: render run dir --quiet", "fontconfig: unset"]


def test_the_console_script_without_an_engine_says_what_to_do(tmp_path):
    environment = dict(os.environ, PATH=str(tmp_path))
    environment.pop("DCN_REPORT_BIN", None)
    result = subprocess.run([sys.executable, "-m", "dcn_report._launcher", "--help"], env=environment,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("dcn-report: no dcn-report engine found"), result.stderr
    assert "make install" in lines[0] and "DCN_REPORT_BIN" in lines[0]
