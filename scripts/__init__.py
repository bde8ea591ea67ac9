"""The project's scripts. Each runs from the repository root as a module, `uv run python -m scripts.<name>`
(the benchmark is the package `scripts.bench`); `check.sh` and `mutation/run.sh` are shell scripts."""
