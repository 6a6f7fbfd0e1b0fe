#!/bin/sh
# make wheel-libraries-test (part of make test; no root, no network, seconds):
#   python/tests/wheel/libraries-test.sh WHEEL
# Installs the platform wheel into a temporary venv (numpy from the system Python, as make python-test
# does, so nothing is downloaded) and checks
# that the bundled binary, as the dynamic loader resolves it with LD_LIBRARY_PATH unset, loads every
# library from inside the installed wheel except the ones python/wheel/system-libraries.txt allows
# (glibc, libgcc_s, libstdc++, libexpat: the manylinux policy's, see that file), that no RPATH or
# RUNPATH leaves the wheel, and that the console script runs the bundled binary.
set -u
wheel=$(realpath "$1")
repository=$(cd "$(dirname "$0")/../../.." && pwd)
allowed=$(grep -v '^#' "$repository/python/wheel/system-libraries.txt" | grep .)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAILED: $1"; }

python3 -m venv --system-site-packages "$scratch/venv"
OMP_NUM_THREADS=1 "$scratch/venv/bin/python" -m pip install --quiet --no-deps "$wheel"
package=$("$scratch/venv/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['platlib'])")/dcn_report
binary=$package/_bin/dcn-report
site=$(realpath "$(dirname "$package")")

# ldd prints "name => path (address)" for every library the binary loads, "name => not found" for a
# missing one; the paths, reached through the binary's RPATH $ORIGIN/../../dcn_report.libs, are made canonical.
resolved=$(env -u LD_LIBRARY_PATH ldd "$binary" | awk '$2 == "=>" { print $1, $3 }' | while read -r name path; do
	echo "$name $(realpath -m "$path")"
done)
outside=$(echo "$resolved" | while read -r name path; do
	case "$path" in "$site"/*) continue ;; esac
	echo "$allowed" | grep -qx "$name" || echo "$name => $path"
done)
if [ -n "$resolved" ] && [ -z "$outside" ]; then
	pass "every library the binary loads is inside the wheel or in system-libraries.txt"
else
	fail "libraries resolved outside the wheel: $(echo "$outside" | tr '\n' ' ')"
fi
# The families the issue names: each loaded, and only from the wheel (auditwheel's copies carry a hash:
# libcairo-207b61c5.so.2..., and OpenBLAS its file's name, libopenblasp-r0-....so).
for library in libcairo libpixman-1 libpng16 libgif libopenblas libgfortran libfontconfig libfreetype libX11 libXext \
	libXrender libxcb libz; do
	found=$(echo "$resolved" | grep "^$library")
	if [ -n "$found" ] && ! echo "$found" | grep -qv " $site/dcn_report.libs/"; then
		pass "$library comes from dcn_report.libs"
	else
		fail "$library is not loaded from dcn_report.libs: ${found:-not loaded}"
	fi
done

bad_paths=""
for file in "$binary" "$site"/dcn_report.libs/*; do
	for entry in $(readelf -d "$file" | sed -n 's/.*(R\(UN\)\{0,1\}PATH).*\[\(.*\)\]/\2/p' | tr ':' ' '); do
		case "$entry" in '$ORIGIN'*) ;; *) bad_paths="$bad_paths ${file##*/}:$entry" ;; esac
	done
done
if [ -z "$bad_paths" ]; then pass "every RPATH/RUNPATH in the wheel is under \$ORIGIN"; else fail "RPATH outside the wheel:$bad_paths"; fi

if "$scratch/venv/bin/dcn-report" --help 2>&1 | grep -q "generate"; then
	pass "the console script runs the bundled binary"
else
	fail "dcn-report --help from the console script: $("$scratch/venv/bin/dcn-report" --help 2>&1 | tail -n 1)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
