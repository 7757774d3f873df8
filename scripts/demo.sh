#!/usr/bin/env bash
# Set up, then run the demo on the bundled samples; outputs go to ./out/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/forms-dir.sh  # before set-up: without the forms nothing else is worth installing
bash scripts/setup.sh
.venv/bin/docgen demo --out-dir out "$@"
