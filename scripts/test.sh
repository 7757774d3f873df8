#!/usr/bin/env bash
# Set up, then run linters, the type checker and the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/forms-dir.sh  # before set-up: without the forms nothing else is worth installing
bash scripts/setup.sh
.venv/bin/ruff check docgen tests bench
.venv/bin/mypy
.venv/bin/python -m pytest -q "$@"
