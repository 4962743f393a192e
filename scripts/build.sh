#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures and builds syscope into build/ (or build-asan/ with SYSCOPE_SANITIZE=1).
# CI=true turns warnings into errors.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir="$top/build"
args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${SYSCOPE_SANITIZE:-0}" = 1 ]; then
  dir="$top/build-asan"
  args+=(-DSYSCOPE_SANITIZE=ON)
fi
[ "${CI:-}" = true ] && args+=(-DSYSCOPE_WERROR=ON)
cmake -S "$top" -B "$dir" "${args[@]}" >/dev/null
cmake --build "$dir" --parallel "$(nproc)"
echo "$dir"
