"""hatchling build hook: a platform wheel with the engine binary inside, when one is handed over.

`make wheel` (python/wheel/build-wheel.sh) stages the release binary, its templates, the fonts and
the licence texts in a folder laid out like the package (`_bin/dcn-report`, `share/dcn-report/
templates/`, `_fonts/`, `_licenses/`) and names it in DCN_REPORT_BUNDLE. This hook copies that folder
into `dcn_report/` and tags the wheel for this platform (`linux_x86_64`); `auditwheel repair` then
vendors the binary's shared libraries and turns the tag into the manylinux one (python/wheel-tag.txt).

Without DCN_REPORT_BUNDLE (`pip install ./python`, `python -m build`, an sdist install) the wheel
stays pure Python, which records runs anywhere and finds the engine through DCN_REPORT_BIN or PATH.
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BundleEngineHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        bundle = os.environ.get("DCN_REPORT_BUNDLE")
        # An editable install links the source tree; it never carries a binary.
        if not bundle or self.target_name != "wheel" or version == "editable":
            return
        folder = Path(bundle).resolve()
        binary = folder / "_bin" / "dcn-report"
        # A bundle without its binary is a broken build, not a pure wheel: say so rather than ship one.
        if not (binary.is_file() and os.access(binary, os.X_OK)):
            raise RuntimeError(f"DCN_REPORT_BUNDLE is {bundle}, which has no executable _bin/dcn-report")
        build_data["force_include"][str(folder)] = "dcn_report"
        build_data["pure_python"] = False
        # Any Python 3 (the binary is a separate process: no CPython ABI), this machine's platform;
        # auditwheel replaces `linux_x86_64` with the manylinux tag it proves.
        build_data["tag"] = "py3-none-" + sysconfig.get_platform().replace("-", "_").replace(".", "_")
