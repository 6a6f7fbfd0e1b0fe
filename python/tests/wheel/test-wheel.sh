#!/bin/sh
# make test-wheel: the platform wheel on a bare machine.
#   python/tests/wheel/test-wheel.sh WHEEL
# The machine is a Debian root made with `debootstrap --variant=minbase` plus python3 and python3-venv
# and nothing else (no Cairo, OpenBLAS, fonts, X11 or Swift), from the mirror and suite apt uses here,
# cached in .build/wheel/root (delete it to start over). In a venv there the wheel is installed with pip
# (numpy from PyPI) and used as a user would: `dcn-report generate` from the console script, DCN from
# Python. Then, from outside: readelf shows no RPATH or RUNPATH leaving the installed package, and
# `auditwheel show` proves the tag python/wheel-tag.txt pins.
#
# Needs root (debootstrap, chroot, mount) and the network (the Debian mirror once, PyPI each run).
# Every command in the root runs in a mount namespace of its own (unshare), so its /proc mount goes
# away with it however it ends, and `rm -rf .build` can never reach into a mounted /proc.
set -u
wheel=$(realpath "$1")
repository=$(cd "$(dirname "$0")/../../.." && pwd)
root=$repository/.build/wheel/root
venv=/opt/dcn-venv
tag=$(grep -v '^#' "$repository/python/wheel-tag.txt" | head -n 1)
started=$(date +%s)
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAILED: $1"; }

# Runs a shell command in the root as a login-less user would have it: an empty environment, /proc
# mounted, one BLAS thread and low priority (this machine's cores are shared).
in_root() {
	nice -n 10 unshare --mount --propagation private sh -c '
		mount -t proc proc "$1/proc" && exec chroot "$1" /usr/bin/env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 \
			OMP_NUM_THREADS=1 /bin/sh -c "$2"' sh "$root" "$1"
}

# The mirror and suite of apt's first Debian source that is not the security archive: deb822
# (/etc/apt/sources.list.d/*.sources) or one-line (/etc/apt/sources.list) format.
apt_source() {
	for file in /etc/apt/sources.list.d/*.sources; do
		[ -f "$file" ] && awk '
			/^[ \t]*$/ { if (uri && suite && uri !~ /security/) { print uri, suite; exit } uri = ""; suite = "" }
			/^URIs:/ { uri = $2 } /^Suites:/ { suite = $2 }
			END { if (uri && suite && uri !~ /security/) print uri, suite }' "$file"
	done
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		awk '$1 == "deb" && $2 !~ /security/ { if ($2 ~ /^\[/) print $3, $4; else print $2, $3 }'
}

if [ ! -e "$root/.complete" ]; then
	if ! command -v debootstrap >/dev/null 2>&1; then
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap || exit 1
	fi
	set -- $(apt_source | head -n 1)
	mirror=${1:?no Debian source found in /etc/apt}
	suite=${2:?no Debian suite found in /etc/apt}
	echo "debootstrap --variant=minbase --include=python3,python3-venv $suite $root $mirror"
	bootstrap_started=$(date +%s)
	rm -rf "$root"
	nice -n 10 debootstrap --variant=minbase --include=python3,python3-venv "$suite" "$root" "$mirror" >"$root.log" 2>&1 || {
		tail -n 20 "$root.log"
		echo "test-wheel: debootstrap failed (log: $root.log)"
		exit 1
	}
	touch "$root/.complete"
	echo "made the root in $(($(date +%s) - bootstrap_started)) s"
fi
# pip inside needs DNS; the root has no resolver configuration of its own.
cp /etc/resolv.conf "$root/etc/resolv.conf"

# The root is bare: none of what the binary links, no fonts, no Swift.
present=$(cd "$root" && ls -d usr/lib/x86_64-linux-gnu/libcairo* usr/lib/x86_64-linux-gnu/libopenblas* \
	usr/lib/x86_64-linux-gnu/libX11* usr/lib/x86_64-linux-gnu/libfontconfig* usr/lib/x86_64-linux-gnu/libpng* \
	usr/lib/x86_64-linux-gnu/libgif* usr/share/fonts usr/bin/swift 2>/dev/null)
if [ -z "$present" ]; then pass "the root has no Cairo, OpenBLAS, X11, fontconfig, PNG, GIF, fonts or Swift"; else fail "the root is not bare: $present"; fi

rm -rf "$root/tmp/wheel-test"
mkdir -p "$root/tmp/wheel-test"
cp "$wheel" "$repository/python/tests/wheel/dcn_in_root.py" "$root/tmp/wheel-test/"
name=$(basename "$wheel")
# pip trusts its own CA bundle (certifi), not the system's; where the network re-signs HTTPS with a
# local CA (this machine's does), hand it this machine's bundle for the install. Only pip sees it.
pip_cert=""
if [ -f "${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}" ]; then
	cp "${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}" "$root/tmp/wheel-test/ca-certificates.crt"
	pip_cert="--cert /tmp/wheel-test/ca-certificates.crt"
fi
if in_root "rm -rf $venv /root/.cache/fontconfig && python3 -m venv $venv &&
	$venv/bin/pip install --quiet --disable-pip-version-check $pip_cert /tmp/wheel-test/$name"; then
	pass "pip installs $name into a venv in the root"
else
	fail "pip install $name in the root"
fi
site=$(in_root "$venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()[\"platlib\"])'")
binary=$site/dcn_report/_bin/dcn-report

libraries=$(in_root "ldd $binary 2>&1")
if [ $? -eq 0 ] && ! echo "$libraries" | grep -q "not found"; then
	pass "ldd in the root finds all $(echo "$libraries" | grep -c "=>") libraries of the bundled binary"
else
	fail "ldd in the root: $(echo "$libraries" | grep -v "=> /")"
fi

output=$(in_root "cd /tmp && rm -rf /tmp/x && $venv/bin/dcn-report generate --dataset synthetic --points-per-cluster 100 \
	--pretrain-epochs 3 --epochs 3 --out /tmp/x 2>&1")
status=$?
if [ $status -eq 0 ] && [ -f "$root/tmp/x/index.html" ] && [ -n "$(find "$root/tmp/x" -name '*.png' | head -n 1)" ]; then
	pass "dcn-report generate writes index.html and PNG frames ($(find "$root/tmp/x" -name '*.png' | wc -l) PNGs)"
else
	fail "dcn-report generate (exit $status): $(echo "$output" | tail -n 5)"
fi
# fontconfig read the bundled fonts.conf: it scanned dcn_report/_fonts and cached it in the user's cache folder.
if [ -n "$(ls "$root"/root/.cache/fontconfig/*.cache-* 2>/dev/null)" ] && ! echo "$output" | grep -qi fontconfig; then
	pass "fontconfig found the bundled fonts (cache in ~/.cache/fontconfig, no warnings)"
else
	fail "fontconfig: no cache written or warnings: $(echo "$output" | grep -i fontconfig | head -n 3)"
fi

output=$(in_root "cd /tmp && $venv/bin/python /tmp/wheel-test/dcn_in_root.py 2>&1")
if [ $? -eq 0 ]; then pass "DCN from Python: $(echo "$output" | tail -n 1)"; else fail "DCN from Python: $(echo "$output" | tail -n 5)"; fi

output=$(in_root "DCN_REPORT_BIN=/nonexistent $venv/bin/dcn-report --help 2>&1")
if [ $? -ne 0 ] && echo "$output" | grep -q "DCN_REPORT_BIN is /nonexistent, which is not an executable file"; then
	pass "DCN_REPORT_BIN overrides the bundled binary"
else
	fail "DCN_REPORT_BIN=/nonexistent dcn-report: $output"
fi

bad_paths=""
for file in "$root$binary" "$root$site"/dcn_report.libs/*; do
	[ -f "$file" ] || continue
	for entry in $(readelf -d "$file" | sed -n 's/.*(R\(UN\)\{0,1\}PATH).*\[\(.*\)\]/\2/p' | tr ':' ' '); do
		case "$entry" in '$ORIGIN'*) ;; *) bad_paths="$bad_paths ${file##*/}:$entry" ;; esac
	done
done
if ! [ -f "$root$binary" ] || ! [ -d "$root$site/dcn_report.libs" ]; then
	fail "readelf: the installed binary or dcn_report.libs is missing"
elif [ -z "$bad_paths" ]; then
	pass "readelf: every RPATH/RUNPATH of the installed binary and its $(ls "$root$site"/dcn_report.libs | wc -l) libraries is under \$ORIGIN"
else
	fail "RPATH outside \$ORIGIN:$bad_paths"
fi

shown=$("$repository/.build/wheel/venv/bin/auditwheel" show --json "$wheel" |
	python3 -c 'import json, sys; print(json.load(sys.stdin)["overall_tag"])')
case "$name" in
*-"$tag".whl) [ "py3-none-$shown" = "$tag" ] && pass "auditwheel show proves $shown, as pinned" ||
	fail "auditwheel show proves $shown; python/wheel-tag.txt pins $tag" ;;
*) fail "$name is not tagged $tag (python/wheel-tag.txt)" ;;
esac

echo "test-wheel took $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
