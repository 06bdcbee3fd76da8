#!/usr/bin/env bash
# Regenerates docs/man/sims.1 from the commands' help text with swift-argument-parser's generate-manual
# plugin (one page, every subcommand). Run after changing a command's options; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
swift package --allow-writing-to-directory "$out" generate-manual --output-directory "$out" \
  --date "$(date -u +%Y-%m-%d)" --section 1 --authors "The SIMSKit authors"
mkdir -p docs/man
cp "$out/sims.1" docs/man/sims.1
rm -rf "$out"
echo "wrote docs/man/sims.1"
