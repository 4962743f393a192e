#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Reading speed against sysdig, same machine, same run: sysdig's default output of a >= 1.4 M-event capture
# (bencer-k8s-capture.scap repeated 10 times with shifted timestamps) to /dev/null, then syscope-cli's; prints
# events/s of each, the ratio, and what the index costs (bytes/event, peak RSS).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SYSCOPE_SHARED_DIR:-$top/../shared}
build=${1:-$top/build}
big=${SYSCOPE_BENCH_CAPTURE:-/tmp/syscope-k8s-x10.scap}
[ -s "$big" ] || python3 "$shared/tools/scapgen.py" "$shared/captures/bencer-k8s-capture.scap" --repeat 10 --out "$big" -q
events=$(TZ=UTC "$build/cli/syscope-cli" -r "$big" | wc -l)
best() { # best of 3 wall-clock seconds
  local b=999999 s e t
  for _ in 1 2 3; do
    s=$(date +%s%N); TZ=UTC "$@" >/dev/null; e=$(date +%s%N)
    t=$(( (e - s) / 1000000 )); [ "$t" -lt "$b" ] && b=$t
  done
  echo "$b"
}
ms_sysdig=$(best sysdig -r "$big")
ms_ours=$(best "$build/cli/syscope-cli" -r "$big")
rss_ours=$( { /usr/bin/time -f %M "$build/cli/syscope-cli" -r "$big" >/dev/null; } 2>&1 | tail -1)
printf 'capture: %s (%s printed lines)\n' "$big" "$events"
printf 'sysdig -r      %6d ms  %10.0f events/s\n' "$ms_sysdig" "$(echo "$events * 1000 / $ms_sysdig" | bc -l)"
printf 'syscope-cli -r %6d ms  %10.0f events/s  (peak RSS %d MiB)\n' "$ms_ours" \
  "$(echo "$events * 1000 / $ms_ours" | bc -l)" "$((rss_ours / 1024))"
printf 'ratio: %.1fx (goal >= 10x)\n' "$(echo "$ms_sysdig / $ms_ours" | bc -l)"
echo "index (as the GUI builds it):"
"$build/bench/index_stats" "$big" | sed 's/^/  /'
