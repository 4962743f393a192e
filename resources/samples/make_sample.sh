#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Records resources/samples/sample.scap (gzip-compressed, as -z writes it) with syscope's own probe: a loopback
# HTTP exchange (python3 -m http.server and a urllib client), file work, a few execs and some failing calls.
# Only the workload's processes are kept (a filter on the workload's pid and its descendants), so the sample
# does not depend on what else the machine was doing; the header still describes every process, as any
# capture's does. Needs root (or CAP_BPF+CAP_PERFMON) and a build that has syscope-capture.
#   resources/samples/make_sample.sh [BUILD_DIR]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
cli=$build/cli/syscope-cli
[ -x "$build/cli/syscope-capture" ] || { echo "make_sample: $build/cli/syscope-capture was not built" >&2; exit 1; }
out=$top/resources/samples/sample.scap
work=$(mktemp -d /tmp/syscope-sample.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/site"
printf '<html><body><h1>syscope sample</h1><p>served over loopback</p></body></html>\n' > "$work/site/index.html"
seq 1 2000 > "$work/site/numbers.txt"

cat > "$work/workload.sh" <<'EOF'
set -u
cd "$1"
/usr/bin/python3 -m http.server 18080 --bind 127.0.0.1 --directory site >/dev/null 2>&1 &
server=$!
for _ in $(seq 100); do
  /usr/bin/python3 -c 'import socket; socket.create_connection(("127.0.0.1", 18080), 0.1).close()' 2>/dev/null && break
  sleep 0.05
done
/usr/bin/python3 - <<'PY'
import urllib.request
for path in ("index.html", "numbers.txt", "missing.html"):
    try:
        with urllib.request.urlopen("http://127.0.0.1:18080/" + path) as r:
            print(path, len(r.read()))
    except Exception as e:
        print(path, e)
PY
cat /etc/hostname > copy.txt
wc -l site/numbers.txt >> copy.txt
ls -l site > /dev/null
cat /nonexistent/syscope-sample 2>/dev/null || true
mkdir -p made/deeper && rmdir made/deeper made
dd if=/dev/zero of=blob bs=4k count=32 status=none
sha256sum blob > /dev/null
rm -f blob copy.txt
kill "$server"
wait "$server" 2>/dev/null || true
EOF

# The workload waits on a fifo so that its pid is known (for the filter) before recording starts.
mkfifo "$work/go"
bash -c 'read -r _ < "$0"; exec bash "$1" "$2"' "$work/go" "$work/workload.sh" "$work" &
workload=$!
"$cli" -w "$out" -z "proc.pid=$workload or proc.apid=$workload" &
capture=$!
sleep 2
echo go > "$work/go"
wait "$workload" || true
sleep 0.5
kill -INT "$capture"
wait "$capture"
ls -l "$out"
echo "make_sample: $(TZ=UTC "$cli" -r "$out" | wc -l) events shown by syscope-cli"
if command -v sysdig >/dev/null; then
  echo "make_sample: $(TZ=UTC sysdig -r "$out" | wc -l) events shown by sysdig"
fi
