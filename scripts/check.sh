#!/usr/bin/env bash
# Everything CI checks, in the order CI checks it: lock, format, lint, types, generated-code drift, tests.
# Run it before you push: `scripts/check.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

uv sync --locked
uv run ruff format --check .
uv run ruff check .
uv run mypy
uv run python scripts/regenerate.py --check
uv run pytest
