#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages syscope needs to build, test and run, when any is missing.
# sysdig is the reference the golden tests compare against; its recommended DKMS module cannot build in
# containers, hence --no-install-recommends everywhere.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates python3
  qt6-base-dev libqcustomplot-dev libluajit-5.1-dev libbpf-dev bpftool clang clang-format
  libzstd-dev zlib1g-dev strace
  sysdig xvfb xauth fonts-dejavu-core
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "syscope: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
