"""Running the `dcn-report` binary as a child process: finding it, its errors, and Ctrl-C.

The child runs in a session of its own, so a Ctrl-C at the terminal reaches Python alone. Python
then sends the child one SIGINT, on which the engine ends its current epoch's recording, marks the
run `interrupted` and exits; Python waits for that and re-raises KeyboardInterrupt. A second Ctrl-C
while it waits, or `INTERRUPT_GRACE_SECONDS` without an exit, kills the child instead (its folder
then still says `running`, which a reader takes for an interrupted run: docs/recording-format.md).
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Callable, Optional

#: How long an interrupted engine may take to record `interrupted` and exit before it is killed.
INTERRUPT_GRACE_SECONDS = 60.0
#: How often `run_engine` calls its `on_tick` while the child runs.
TICK_SECONDS = 0.25


class EngineError(RuntimeError):
    """`dcn-report` is missing or ended with an error; the message is one line saying which."""


_BUILD_ADVICE = ("build it with `make install` in the dcn-report repository (PREFIX=~/.local needs no root) and set "
                 "DCN_REPORT_BIN to the installed binary, e.g. DCN_REPORT_BIN=~/.local/bin/dcn-report")


#: Where a platform wheel puts the engine (`make wheel`): inside the package rather than in the wheel's
#: scripts folder, because auditwheel can only give an executable inside a package an RPATH that
#: reaches the libraries it vendors (`dcn_report.libs/`). The templates sit at `../share/dcn-report/
#: templates` from it, a place the binary searches by itself; an sdist or pure wheel has neither.
BUNDLED_BINARY = Path(__file__).resolve().parent / "_bin" / "dcn-report"
#: The bundled binary's fontconfig configuration: the two DejaVu Sans faces the reports use, next to it.
#: The vendored fontconfig would otherwise read /etc/fonts, which a bare machine lacks (and Debian's
#: fallback looks in /usr/share/fonts only): it prints "Fontconfig error: Cannot load default config
#: file" and Cairo draws every label in its built-in stroke font, without bold and with other widths.
BUNDLED_FONTS_CONF = Path(__file__).resolve().parent / "_fonts" / "fonts.conf"


def engine_binary() -> str:
    """The `dcn-report` executable: `DCN_REPORT_BIN` when set, else the one this install bundles (a
    platform wheel), else `dcn-report` on PATH other than this package's own launcher script."""
    chosen = os.environ.get("DCN_REPORT_BIN")
    if chosen:
        if not (os.path.isfile(chosen) and os.access(chosen, os.X_OK)):
            raise EngineError(f"DCN_REPORT_BIN is {chosen}, which is not an executable file; {_BUILD_ADVICE}")
        return chosen
    if BUNDLED_BINARY.is_file() and os.access(BUNDLED_BINARY, os.X_OK):
        return str(BUNDLED_BINARY)
    found = _on_path()
    if found is None:
        raise EngineError("no dcn-report engine found: DCN_REPORT_BIN is not set, dcn-report is not on PATH, and this "
                          "install of dcn_report bundles no binary for this platform (RHEL 8/9 and Debian 11 have an older "
                          f"glibc than a prebuilt one needs); {_BUILD_ADVICE}")
    return found


def engine_environment(binary: str) -> Optional[dict[str, str]]:
    """The environment to run `binary` in: this process's, plus `FONTCONFIG_FILE` for the bundled binary
    (None: inherit unchanged). A binary from elsewhere uses the system's fontconfig, so it keeps the
    system's configuration."""
    if os.path.realpath(binary) != str(BUNDLED_BINARY):
        return None
    return dict(os.environ, FONTCONFIG_FILE=str(BUNDLED_FONTS_CONF))


def _on_path() -> Optional[str]:
    """`dcn-report` on PATH, skipping this package's console script (`_launcher`): pip installs one into
    every environment, also from the sdist, and running it as the engine would only come back here."""
    for folder in os.get_exec_path():
        candidate = os.path.join(folder or os.curdir, "dcn-report")
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK) and not _is_launcher(candidate):
            return candidate
    return None


def _is_launcher(path: str) -> bool:
    """Whether `path` is the script pip writes for our `dcn-report` entry point (it imports `_launcher`);
    the engine itself is an ELF binary, and a user's own wrapper script names no such module."""
    try:
        with open(path, "rb") as file:
            return b"dcn_report._launcher" in file.read(4096)
    except OSError:
        return False


def run_engine(arguments: list[str], on_tick: Optional[Callable[[], None]] = None) -> None:
    """Runs `dcn-report ARGUMENTS` to its end, calling `on_tick` every `TICK_SECONDS` meanwhile.

    Raises EngineError with the engine's last line of error output when it fails. On Ctrl-C (or any
    exception from `on_tick`) the child is interrupted as the module describes and the exception
    propagates once the child has gone.
    """
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as errors:
        binary = engine_binary()
        child = subprocess.Popen([binary, *arguments], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=errors, start_new_session=True, env=engine_environment(binary))
        try:
            _wait(child, on_tick)
        except BaseException:
            _interrupt(child)
            raise
        if child.returncode != 0:
            errors.seek(0)
            lines = [line.strip() for line in errors.read().splitlines() if line.strip()]
            raise EngineError(lines[-1] if lines else f"dcn-report exited with status {child.returncode}")


def _wait(child: subprocess.Popen[bytes], on_tick: Optional[Callable[[], None]]) -> None:
    """Waits for the child, ticking meanwhile."""
    while True:
        try:
            child.wait(timeout=TICK_SECONDS)
            return
        except subprocess.TimeoutExpired:
            if on_tick is not None:
                on_tick()


def _interrupt(child: subprocess.Popen[bytes]) -> None:
    """Sends the child one SIGINT and waits for it to exit; kills it on a second Ctrl-C or after the grace period."""
    if child.poll() is not None:
        return
    child.send_signal(signal.SIGINT)
    try:
        child.wait(timeout=INTERRUPT_GRACE_SECONDS)
    except (KeyboardInterrupt, subprocess.TimeoutExpired):
        child.kill()
        child.wait()
