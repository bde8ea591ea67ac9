"""Mutation testing: `run.sh` runs mutmut 3 (configured in pyproject.toml [tool.mutmut]) and prints the kill rate
and the survivors, `table.py` the per-module table of the last run; `equivalents.md` lists the mutants left alive on
purpose, and why."""
