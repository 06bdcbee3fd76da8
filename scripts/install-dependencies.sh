#!/usr/bin/env bash
# Installs the Debian packages SIMSKit builds against: zlib (PNG, imzML, xlsx) and OpenBLAS + LAPACKE
# (dense linear algebra of SIMSMultivariate).
# Safe to run repeatedly; does nothing when everything is present.
set -euo pipefail
needed=()
for pkg in zlib1g-dev libopenblas-dev liblapacke-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || needed+=("$pkg")
done
if [ ${#needed[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${needed[@]}"
fi
