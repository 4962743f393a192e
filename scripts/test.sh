#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Quick start: installs what is missing, builds, and runs the whole test suite (ends with ctest's summary).
# SYSCOPE_SANITIZE=1 runs it under AddressSanitizer + UndefinedBehaviorSanitizer instead.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bash "$top/scripts/deps.sh"
dir=$(bash "$top/scripts/build.sh" | tail -n 1)
cd "$dir"
export TZ=UTC QT_QPA_PLATFORM=offscreen
exec ctest --output-on-failure --timeout 1200 -j "$(nproc)"
