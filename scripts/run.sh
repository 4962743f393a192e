#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Quick start: installs what is missing, builds, and opens syscope on FILE (default: the bundled sample capture).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bash "$top/scripts/deps.sh"
dir=$(bash "$top/scripts/build.sh" | tail -n 1)
file=${1:-}
if [ -z "$file" ]; then
  for f in "$top"/resources/samples/*.scap; do [ -e "$f" ] && file=$f && break; done
fi
exec "$dir/gui/syscope" ${file:+"$file"}
