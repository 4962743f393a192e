#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Chisel speed against sysdig, same machine, same run: `-c topscalls` and `-c topfiles_bytes` over a >= 1.4 M-event
# capture (bencer-k8s-capture.scap repeated 10 times with shifted timestamps), sysdig's then syscope-cli's,
# best of 3 each; prints events/s of each and the ratio, and checks that both printed the same table.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SYSCOPE_SHARED_DIR:-$top/../shared}
build=${1:-$top/build}
big=${SYSCOPE_BENCH_CAPTURE:-/tmp/syscope-k8s-x10.scap}
cli="$build/cli/syscope-cli"
[ -x "$cli" ] || { echo "no $cli: build the syscope-cli target first" >&2; exit 1; }
[ -s "$big" ] || python3 "$shared/tools/scapgen.py" "$shared/captures/bencer-k8s-capture.scap" --repeat 10 --out "$big" -q
# Only the stock chisels, whatever the current directory holds.
export SYSDIG_CHISEL_DIR=
cd "$(mktemp -d)"
events=$(sysdig -r "$big" -q -v 2>&1 | sed -n 's/.*Captured Events: \([0-9]*\).*/\1/p')
best() { # best of 3 wall-clock milliseconds
  local b=999999 s e t
  for _ in 1 2 3; do
    s=$(date +%s%N); TZ=UTC "$@" >/dev/null; e=$(date +%s%N)
    t=$(( (e - s) / 1000000 )); [ "$t" -lt "$b" ] && b=$t
  done
  echo "$b"
}
printf 'capture: %s (%s events)\n' "$big" "$events"
for chisel in topscalls topfiles_bytes; do
  TZ=UTC sysdig -r "$big" -c "$chisel" >sysdig.out
  TZ=UTC "$cli" -r "$big" -c "$chisel" >ours.out
  same=$(python3 "$shared/tools/chisel_equiv.py" ours.out sysdig.out || true)
  ms_sysdig=$(best sysdig -r "$big" -c "$chisel")
  ms_ours=$(best "$cli" -r "$big" -c "$chisel")
  printf '%-15s sysdig %6d ms %10.0f events/s | syscope-cli %6d ms %10.0f events/s | ratio %.1fx (goal >= 5x) | output: %s\n' \
    "$chisel" "$ms_sysdig" "$(echo "$events * 1000 / $ms_sysdig" | bc -l)" \
    "$ms_ours" "$(echo "$events * 1000 / $ms_ours" | bc -l)" "$(echo "$ms_sysdig / $ms_ours" | bc -l)" "$same"
done
