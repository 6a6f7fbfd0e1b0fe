#!/bin/sh
# The whole `dcn-report render` of a 26-frame recording of 10,000 points (every point drawn, default frame
# size: frames, GIF, APNG, every figure in PNG/SVG/PDF, the report), wall time of the process divided by
# 26, beside the earlier implementation's seaborn frame (docs/seaborn-frame.py) timed in the same run;
# prints both and the ratio, then dcn-bench's render profile by stage.
# Needs a Python with numpy, matplotlib and seaborn 0.13: PYTHON=path/to/python (default python3).
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
WORK=${WORK:-.build/frame-vs-seaborn}
swift build -c release --product dcn-report > /dev/null
swift build -c release --product dcn-bench > /dev/null
rm -rf "$WORK" && mkdir -p "$WORK"
# 4 clusters × 2,500 points, 10 pretraining epochs, 25 DCN epochs: epochs 0–25, 26 frames.
.build/release/dcn-report train --points-per-cluster 2500 --pretrain-epochs 10 --epochs 25 --seed 1 \
    --out "$WORK/recording" --quiet > /dev/null
frames=$(ls "$WORK/recording/run/epochs" | wc -l)
times=""
for attempt in 1 2 3; do
    rm -rf "$WORK/report"
    start=$(date +%s.%N)
    .build/release/dcn-report render "$WORK/recording" --out "$WORK/report" --quiet > /dev/null
    end=$(date +%s.%N)
    times="$times $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) * 1000 }')"
done
median=$(echo $times | tr ' ' '\n' | sort -n | sed -n 2p)
ours=$(awk -v t="$median" -v n="$frames" 'BEGIN { printf "%.1f", t / n }')
theirs=$("$PYTHON" docs/seaborn-frame.py 10000 11 | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
echo "dcn-report render, $frames frames of 10,000 points: $times ms (median $median ms) → $ours ms per frame"
echo "seaborn frame (median of 10):                      $theirs ms"
awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "dcn-report is %.1fx faster per frame\n", a / b }'
.build/release/dcn-bench --only render-stages --run "$WORK/recording"
