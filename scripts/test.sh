#!/usr/bin/env bash
# Set up, then run linters, the type checker and the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/forms-dir.sh  # before set-up: without the forms nothing else is worth installing
bash scripts/setup.sh
.venv/bin/ruff check docgen tests bench samples
.venv/bin/mypy
# Two workers: the machine has two cores and much of the suite waits on LibreOffice, tesseract and the browser.
.venv/bin/python -m pytest -q -n "${DOCGEN_TEST_WORKERS:-2}" "$@"
