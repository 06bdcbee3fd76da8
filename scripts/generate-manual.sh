#!/usr/bin/env bash
# Regenerates docs/man/sims.1 from the commands' help text with swift-argument-parser's generate-manual tool
# (one page, every subcommand). Run after changing a command's options; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product sims
swift build --product generate-manual
mkdir -p docs/man
.build/debug/generate-manual .build/debug/sims --date "$(date -u +%Y-%m-%d)" --section 1 \
  --authors "The SIMSKit authors" --output-directory docs/man
echo "wrote docs/man/sims.1"
