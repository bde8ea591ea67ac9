#!/usr/bin/env bash
# Everything CI checks, in the order CI checks it: lock, format, lint, types, generated-code drift, tests with
# branch coverage. Run it before you push: `scripts/check.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

uv sync --locked
uv run ruff format --check .
uv run ruff check .
uv run mypy
uv run python scripts/regenerate.py --check
# The tests, measured: mcp_server without the sandbox, branches included, child processes included (pyproject.toml
# [tool.coverage]). The gate is the coverage the suite reaches; raise it when tests are added, never lower it.
uv run coverage erase
uv run coverage run -m pytest
uv run coverage combine --quiet
uv run coverage report --fail-under=100
