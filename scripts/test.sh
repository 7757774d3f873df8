#!/usr/bin/env bash
# Set up, then run linters, the type checker and the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DOCGEN_FORMS_DIR="${DOCGEN_FORMS_DIR:-$(cd .. && pwd)/shared/forms}"
.venv/bin/ruff check docgen tests bench
.venv/bin/mypy
.venv/bin/python -m pytest -q "$@"
