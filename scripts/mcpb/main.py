"""The MCP Bundle's entry point: the `polytomic-mcp` command of the installed distribution.

uv runs it in the environment it makes from the bundle's pyproject.toml (the project's own wheels, shipped in
wheels/, and their dependencies from PyPI). The command is looked up by its name, not by a module path, so this
file does not change when the package it lives in does.
"""

import sys
from importlib.metadata import entry_points

(command,) = entry_points(group="console_scripts", name="polytomic-mcp")
sys.exit(command.load()(sys.argv[1:]))
