#!/usr/bin/env bash
# `make install` into a temporary prefix, then the installed binary writes a report from `/`:
# it must find its templates in PREFIX/share/dcn-report/templates and need no Swift runtime.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
prefix=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$prefix" "$out"' EXIT
fail() { echo "install test: FAILED: $*" >&2; exit 1; }

make -C "$repo" --no-print-directory install PREFIX="$prefix" >/dev/null
binary="$prefix/bin/dcn-report"
[ -x "$binary" ] || fail "$binary was not installed"
[ -f "$prefix/share/dcn-report/templates/report.mustache" ] || fail "templates were not installed"
if ldd "$binary" | grep -Eiq 'swift|Foundation|dispatch'; then
    ldd "$binary" >&2
    fail "the binary needs the Swift runtime"
fi

# From /, with no repository around; once by path and once through PATH (via a symlink).
(cd / && "$binary" generate --pretrain-epochs 3 --epochs 2 --out "$out/by-path" --quiet) >/dev/null
[ -s "$out/by-path/index.html" ] || fail "generate from / wrote no report"
mkdir "$out/bin" && ln -s "$binary" "$out/bin/dcn-report"
(cd / && PATH="$out/bin:$PATH" dcn-report render "$out/by-path" --out "$out/via-path" --quiet) >/dev/null
[ -s "$out/via-path/index.html" ] || fail "render through PATH wrote no report"

make -C "$repo" --no-print-directory uninstall PREFIX="$prefix" >/dev/null
[ ! -e "$binary" ] && [ ! -e "$prefix/share/dcn-report" ] || fail "uninstall left files behind"
echo "install test: passed (make install, generate from /, render through PATH, uninstall)"
