#!/usr/bin/env bash
# Builds the fuzz targets (Tests/Fuzz, libFuzzer + AddressSanitizer) and runs them.
#
#   Tests/Fuzz/run.sh fuzz [SECONDS] [TARGET…]   each target SECONDS (default 600), two at a time; new
#                                                inputs go to .build/fuzz/corpus/TARGET (seeded from corpus/)
#   Tests/Fuzz/run.sh replay [TARGET…]           each target once over its committed corpus (CI)
#
# Prints one line per target: executions, edge coverage (cov) and features (ft) at the end, and
# whether it found a crash (its input is kept in .build/fuzz/artifacts/TARGET/). Exit 1 on any crash.
# Leak detection is off: Foundation's FileManager.contents keeps a 4 KB buffer that LeakSanitizer reports;
# memory that grows per input is still caught by -rss_limit_mb and -malloc_limit_mb.
set -uo pipefail
export ASAN_OPTIONS=detect_leaks=0
cd "$(dirname "$0")"
mode=${1:-fuzz}; shift || true
seconds=600
if [ "$mode" = fuzz ] && [[ "${1:-}" =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzNPY FuzzIDX FuzzCSV FuzzGzip FuzzConfig FuzzModel FuzzCheckpoint FuzzRunFolder FuzzSweepManifest FuzzRequestGate)

# lld: gold fails on this toolchain's fuzzer objects; the sanitizer flags stay inside this package.
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld 2>&1 | grep -E "error|warning: var|Compiling Fuzz|Build" >&2
[ "${PIPESTATUS[0]}" = 0 ] || { echo "fuzz targets did not build" >&2; exit 1; }

work=../../.build/fuzz
mkdir -p "$work/logs"
run_one() {
    local target=$1 log="$work/logs/$1.log"
    mkdir -p "$work/corpus/$target" "$work/artifacts/$target"
    if [ "$mode" = replay ]; then
        .build/release/"$target" -runs=0 -timeout=20 -rss_limit_mb=2048 \
            -artifact_prefix="$work/artifacts/$target/" "corpus/$target" >"$log" 2>&1
    else
        .build/release/"$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
            -artifact_prefix="$work/artifacts/$target/" "$work/corpus/$target" "corpus/$target" >"$log" 2>&1
    fi
    local status=$?
    local last; last=$(grep -E "^#[0-9]+" "$log" | tail -1)
    local execs; execs=$(grep -E "stat::number_of_executed_units" "$log" | awk '{print $2}')
    local result="ok"; [ $status = 0 ] || result="CRASH (exit $status, see $log)"
    printf '%-15s %s  execs %s  %s\n' "$target" "$mode" "${execs:-$(echo "$last" | sed -E 's/^#([0-9]+).*/\1/')}" \
        "$(echo "$last" | grep -oE 'cov: [0-9]+ ft: [0-9]+') $result"
    return $status
}
failed=0
if [ "$mode" = replay ]; then
    for t in "${targets[@]}"; do run_one "$t" || failed=1; done
else
    # Two at a time (this machine has two cores).
    for ((i = 0; i < ${#targets[@]}; i += 2)); do
        run_one "${targets[i]}" & a=$!
        b=""; if [ $((i + 1)) -lt ${#targets[@]} ]; then run_one "${targets[i + 1]}" & b=$!; fi
        wait $a || failed=1
        [ -z "$b" ] || wait $b || failed=1
    done
fi
exit $failed
