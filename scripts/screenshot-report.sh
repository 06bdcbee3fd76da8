#!/usr/bin/env bash
# Takes a headless-Chromium screenshot of a SIMSKit report.html (checks that the page renders offline).
#
#   scripts/screenshot-report.sh OUT_DIR/report.html report.png [WIDTH] [HEIGHT] [SCALE]
#
# WIDTH × HEIGHT is the browser window in CSS pixels (default 1400 × 2400); SCALE (default 1) is the device
# scale factor, e.g. 0.6 for the small PNGs committed under docs/.
# Installs Chromium from the Debian packages (apt-get install -y chromium) when no Chromium/Chrome is found.
# Exit codes: 0 screenshot written, 1 failure, 2 usage, 3 Chromium missing and not installable.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH] [HEIGHT] [SCALE]" >&2
  exit 2
fi
report="$1"; out="$2"; width="${3:-1400}"; height="${4:-2400}"; scale="${5:-1}"
[ -f "$report" ] || { echo "error: $report not found" >&2; exit 1; }

find_chromium() {
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}

if ! chrome="$(find_chromium)"; then
  echo "Chromium not found; installing the Debian package 'chromium' ..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium; } >&2; then
    echo "error: cannot install Chromium (apt-get failed)" >&2
    exit 3
  fi
  chrome="$(find_chromium)" || { echo "error: Chromium still not found after installation" >&2; exit 3; }
fi

abs="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
out_abs="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# --no-sandbox: needed when running as root (CI containers); the page is a local file without scripts.
"$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="$profile" --window-size="${width},${height}" --force-device-scale-factor="$scale" \
  --screenshot="$out_abs" "file://$abs" >/dev/null 2>&1 || true
if [ ! -s "$out_abs" ]; then
  echo "error: Chromium did not write $out_abs" >&2
  exit 1
fi
echo "wrote $out_abs"
