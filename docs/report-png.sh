#!/usr/bin/env bash
# Makes docs/report.png, the README's picture of the HTML report: the matmul sample at 1 and
# 2 threads, rendered by lanes and photographed by headless Chromium (the top of the page).
# Usage: docs/report-png.sh   (needs chromium: apt-get install -y chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./lanes run samples/matmul.yaml --threads 1,2 --quiet -o "$work/report.html"
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-quic \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size=1400,1500 --screenshot="$work/report.png" "file://$work/report.html" 2>/dev/null
mv "$work/report.png" docs/report.png
echo "wrote docs/report.png"
