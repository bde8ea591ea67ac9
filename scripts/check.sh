#!/usr/bin/env bash
# Everything CI checks, in the order CI checks it: lock, format, lint, types, generated-code drift, tests with
# branch coverage. Run it before you push: `scripts/check.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

# --compile-bytecode: the installed packages are compiled once here, not by every process the checks start (each
# pytest worker, each server the tests spawn) on machines that set PYTHONDONTWRITEBYTECODE, as CI images often do.
uv sync --locked --compile-bytecode
uv run ruff format --check .
uv run ruff check .
uv run mypy
uv run python -m scripts.regenerate --check
# The suite, once: the README's test command, exactly as a person runs it. It measures branch coverage of
# polytomic_mcp without the sandbox, child processes included (pyproject.toml [tool.coverage], pytest-cov); the gate
# sits just under what the suite reaches (see the README's Development section): raise it when tests are added,
# never lower it.
uv run coverage erase
uv run pytest
uv run coverage report --fail-under=99
# The benchmark, as a benchmark (its numbers are not checked: CI machines are small and busy), in its smallest
# configuration, so that it keeps running.
uv run python -m scripts.bench --runs 1 --calls 1 --seconds 0.2 --clients 1 --output /dev/null > /dev/null
