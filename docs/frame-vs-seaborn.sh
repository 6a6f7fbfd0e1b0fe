#!/bin/sh
# One frame of 10,000 points, dcn-report's (dcn-bench) beside a matplotlib/seaborn two-panel frame of
# the earlier implementation's kind, measured in the same run; prints both and the ratio.
# Needs a Python with numpy, matplotlib and seaborn: PYTHON=path/to/python (default python3).
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
swift build -c release --product dcn-bench > /dev/null
ours=$(.build/release/dcn-bench --only render | sed -n 's/^10,000 points: median \([0-9.]*\) ms.*/\1/p')
theirs=$("$PYTHON" docs/seaborn-frame.py 10000 11 | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
echo "dcn-report, 10,000 points: median $ours ms per frame"
echo "seaborn,    10,000 points: median $theirs ms per frame"
awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "dcn-report is %.1fx faster\n", a / b }'
