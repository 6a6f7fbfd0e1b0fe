"""The `dcn-report` console script: replaces this Python process with the engine binary.

A platform wheel bundles the binary inside the package (`_engine.BUNDLED_BINARY`), where pip does not
put it on PATH; this entry point does. It picks the binary as `DCN`'s engine calls do (`DCN_REPORT_BIN`,
the bundled one, another `dcn-report` on PATH), sets the bundled one's `FONTCONFIG_FILE`, and execs it,
so signals (Ctrl-C), the exit status and the terminal go to the engine with no Python in between.
"""

from __future__ import annotations

import os
import sys

from ._engine import EngineError, engine_binary, engine_environment


def main() -> None:
    try:
        binary = engine_binary()
    except EngineError as error:
        sys.exit(f"dcn-report: {error}")
    # The full path as argv[0], as run_engine passes it: the binary finds its templates from
    # /proc/self/exe, and from argv[0] where that is unreadable (a chroot without /proc).
    os.execve(binary, [binary, *sys.argv[1:]], engine_environment(binary) or os.environ)


if __name__ == "__main__":
    main()
