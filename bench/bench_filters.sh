#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Filter and output-format speed against sysdig, same machine, same run, on a >= 1.4 M-event capture
# (bencer-k8s-capture.scap repeated 10 times with shifted timestamps, built on first use). For each case it runs
# sysdig and syscope-cli (best of 3, output to /dev/null, TZ=UTC) and prints events/s of both and the ratio:
#   selective  fd.name contains /etc and evt.dir=<      (few events printed: the cost is the filter)
#   broad      evt.type in (read,write)                  (many events printed)
#   -p 4       -p "%evt.num %proc.name %evt.type %fd.name"
#   -j         JSON output of every event
# Goal (issue 4): syscope >= 10x sysdig on each.
#   bench/bench_filters.sh [BUILD_DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SYSCOPE_SHARED_DIR:-$top/../shared}
build=${1:-$top/build}
cli=$build/cli/syscope-cli
big=${SYSCOPE_BENCH_CAPTURE:-/tmp/syscope-k8s-x10.scap}
[ -x "$cli" ] || { echo "bench_filters: $cli was not built" >&2; exit 1; }
command -v sysdig >/dev/null || { echo "bench_filters: sysdig is not installed" >&2; exit 1; }
[ -s "$big" ] || python3 "$shared/tools/scapgen.py" "$shared/captures/bencer-k8s-capture.scap" --repeat 10 --out "$big" -q
export TZ=UTC

# Events a reader goes through: what sysdig numbers (the last evt.num it prints).
events=$("$cli" -r "$big" -p '%evt.num' | tail -1)

best() { # best of 3 wall-clock milliseconds
  local b=999999999 s e t
  for _ in 1 2 3; do
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
    t=$(( (e - s) / 1000000 )); [ "$t" -lt "$b" ] && b=$t
  done
  echo "$b"
}

printf 'capture: %s (%s events)\n' "$big" "$events"
printf '%-10s %12s %14s %12s %14s %8s\n' case "sysdig ms" "sysdig ev/s" "syscope ms" "syscope ev/s" ratio
run_case() { # name, then the arguments after -r FILE
  local name=$1; shift
  local ms_s ms_o
  ms_s=$(best sysdig -r "$big" "$@")
  ms_o=$(best "$cli" -r "$big" "$@")
  [ "$ms_o" -gt 0 ] || ms_o=1
  printf '%-10s %12d %14.0f %12d %14.0f %7.1fx\n' "$name" "$ms_s" "$(echo "$events * 1000 / $ms_s" | bc -l)" \
    "$ms_o" "$(echo "$events * 1000 / $ms_o" | bc -l)" "$(echo "$ms_s / $ms_o" | bc -l)"
}
run_case selective 'fd.name contains /etc and evt.dir=<'
run_case broad 'evt.type in (read,write)'
run_case '-p 4' -p '%evt.num %proc.name %evt.type %fd.name'
run_case '-j' -j
echo "goal: >= 10x on each case"
