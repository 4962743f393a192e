#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What recording costs the traced process. A loop of 2 M getppid calls and one of 200 k 4 KiB writes (bench/
# syscall_loop.c) run with no tracing, under a minimal probe (bench/min_probe.bpf.c: a 24-byte ring buffer record
# per sys_enter/sys_exit, no wake-up: the floor of any recording syscall tracer), under syscope-capture writing a
# capture file, and under `strace -f -o /dev/null` (with fewer iterations: it is ~50x slower). Each
# configuration runs REPEATS times, interleaved, and the median is kept. Prints ns per call (wall time, and the
# loop's own CPU time, which is where the probe programs run and which other load on the machine disturbs
# less), the slowdown ratios, the ns each tracer adds per call, drops, and the events per second syscope-capture
# sustained to disk. Goals (issue 7): syscope's added cost per getppid <= 1.5x the minimal probe's, <= 1.1x
# slowdown on 4 KiB writes, no drops.
#   bench/bench_overhead.sh [BUILD_DIR] [REPEATS]       (root: it loads BPF programs)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
repeats=${2:-3}
capture=$build/cli/syscope-capture
[ -x "$capture" ] || { echo "bench_overhead: $capture was not built" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "bench_overhead: needs root (BPF)" >&2; exit 1; }
command -v strace >/dev/null || { echo "bench_overhead: strace is not installed (apt-get install strace)" >&2; exit 1; }

work=$(mktemp -d /tmp/syscope-bench.XXXXXX)
cleanup() {
  for p in $(jobs -p); do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

N=2000000 M=200000   # getppid calls, 4 KiB writes
SN=50000 SM=20000    # the same under strace

# ---- build the workload and the minimal probe -------------------------------------------------------------------
cc -O2 -o "$work/loop" "$top/bench/syscall_loop.c"
bpftool btf dump file /sys/kernel/btf/vmlinux format c > "$work/vmlinux.h"
clang -g -O2 -target bpf -D__TARGET_ARCH_x86 -I"$work" -c "$top/bench/min_probe.bpf.c" -o "$work/min_probe.tmp.o"
bpftool gen object "$work/min_probe.bpf.o" "$work/min_probe.tmp.o"
bpftool gen skeleton "$work/min_probe.bpf.o" name min_probe > "$work/min_probe.skel.h"
cc -O2 -I"$work" -o "$work/min_probe" "$top/bench/min_probe.c" -lbpf

# ---- one run of each configuration; results appended to $work/<config> as "phase wall cpu" lines ---------------
loop() { "$work/loop" "$1" "$2" "$work/data"; }

run_baseline() { loop $N $M | awk '{print $1, $3, $4}' >> "$work/baseline"; }

run_minimal() {
  "$work/min_probe" > "$work/min.out" 2> "$work/min.err" &
  local pid=$!
  until grep -q ready "$work/min.err" 2>/dev/null; do sleep 0.05; done
  loop $N $M | awk '{print $1, $3, $4}' >> "$work/minimal"
  kill -INT $pid; wait $pid
  sed -n 's/.*drops=\([0-9]*\).*/\1/p' "$work/min.out" >> "$work/minimal.drops"
}

run_syscope() {
  rm -f "$work/ready"; mkfifo "$work/ready"
  "$capture" -w "$work/capture.scap" -q --stats-fd 3 --ready-fd 4 3> "$work/stats" 4> "$work/ready" &
  local pid=$!
  read -r _ < "$work/ready"
  local t0 t1
  t0=$(date +%s%N)
  loop $N $M | awk '{print $1, $3, $4}' >> "$work/syscope"
  t1=$(date +%s%N)
  kill -INT $pid; wait $pid
  # events written, drops, bytes, and the loop's wall time (the rate the capture kept up with)
  sed -n 's/.*events_written=\([0-9]*\).*drops=\([0-9]*\) drops_too_big=\([0-9]*\).*bytes=\([0-9]*\).*/\1 \2 \3 \4/p' \
    "$work/stats" | awk -v ns=$((t1 - t0)) '{print $1, $2 + $3, $4, ns}' >> "$work/syscope.stats"
}

run_strace() { strace -f -o /dev/null "$work/loop" $SN $SM "$work/data" | awk '{print $1, $3, $4}' >> "$work/strace"; }

for ((r = 1; r <= repeats; r++)); do
  echo "bench_overhead: round $r/$repeats" >&2
  run_baseline
  run_minimal
  run_syscope
  run_strace
done

# ---- report -------------------------------------------------------------------------------------------------------
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
get() { grep "^$2 " "$work/$1" | awk -v c="$3" '{print $c}' | median; }

printf '\nsyscall overhead, median of %d runs (%s, %s CPUs; load average %s)\n' "$repeats" "$(uname -r)" "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s | %-44s | %-44s\n' "" "getppid (ns/call)" "4 KiB write (ns/call)"
printf '%-10s | %9s %9s %8s %7s %7s | %9s %9s %8s %7s %7s\n' config wall cpu "+cpu" "x wall" "x cpu" wall cpu "+cpu" "x wall" "x cpu"
declare -A W C
for cfg in baseline minimal syscope strace; do
  for ph in getppid write4k; do
    W[$cfg.$ph]=$(get $cfg $ph 2)
    C[$cfg.$ph]=$(get $cfg $ph 3)
  done
done
for cfg in baseline minimal syscope strace; do
  line=$(printf '%-10s |' "$cfg")
  for ph in getppid write4k; do
    line+=$(awk -v w="${W[$cfg.$ph]}" -v c="${C[$cfg.$ph]}" -v bw="${W[baseline.$ph]}" -v bc="${C[baseline.$ph]}" \
      'BEGIN {printf " %9.1f %9.1f %8.1f %7.2f %7.2f |", w, c, c - bc, w / bw, c / bc}')
  done
  echo "${line% |}"
done

min_drops=$(median < "$work/minimal.drops")
read -r ev drops bytes loop_ns < <(sort -n "$work/syscope.stats" | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
max_drops=$(awk '{d = d > $2 ? d : $2} END {print d}' "$work/syscope.stats")
printf '\ndrops: minimal probe %s (median), syscope-capture %s (median run), %s (worst run)\n' "$min_drops" "$drops" "$max_drops"
awk -v ev="$ev" -v ns="$loop_ns" -v b="$bytes" 'BEGIN {
  printf "syscope-capture sustained %.0f events/s to disk (%.1f MB/s of capture) while the loops ran; %d events, %.1f MB in the file\n",
    ev / (ns / 1e9), b / (ns / 1e9) / 1e6, ev, b / 1e6 }'

echo
awk -v sa="${C[syscope.getppid]}" -v ma="${C[minimal.getppid]}" -v ba="${C[baseline.getppid]}" \
    -v sw="${C[syscope.write4k]}" -v bw="${C[baseline.write4k]}" -v mw="${C[minimal.write4k]}" -v d="$max_drops" 'BEGIN {
  r = (sa - ba) / (ma - ba)
  printf "goal: syscope added cost per getppid <= 1.5x the minimal probe: %.0f ns vs %.0f ns = %.2fx  %s\n",
    sa - ba, ma - ba, r, r <= 1.5 ? "MET" : "NOT MET"
  printf "goal: 4 KiB write slowdown <= 1.1x: %.2fx (the minimal probe alone: %.2fx)  %s\n",
    sw / bw, mw / bw, sw / bw <= 1.1 ? "MET" : "NOT MET"
  printf "goal: no drops at that pace: %d  %s\n", d, d == 0 ? "MET" : "NOT MET" }'
