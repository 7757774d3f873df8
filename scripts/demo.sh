#!/usr/bin/env bash
# Set up, then run the demo on the bundled samples; outputs go to ./out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DOCGEN_FORMS_DIR="${DOCGEN_FORMS_DIR:-$(cd .. && pwd)/shared/forms}"
.venv/bin/docgen demo --out-dir out "$@"
