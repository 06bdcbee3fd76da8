#!/usr/bin/env bash
# Installs the Debian packages SIMSKit builds against: zlib (imzML, xlsx), OpenBLAS + LAPACKE (dense linear
# algebra of SIMSMultivariate), cairo + Pango + libpng with the DejaVu fonts (figures: PNG, PDF), and
# poppler-utils (pdffonts/pdftotext, used by the figure tests).
# Safe to run repeatedly; does nothing when everything is present.
set -euo pipefail
needed=()
for pkg in zlib1g-dev libopenblas-dev liblapacke-dev libcairo2-dev libpango1.0-dev libpng-dev fonts-dejavu-core poppler-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || needed+=("$pkg")
done
if [ ${#needed[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${needed[@]}"
fi
