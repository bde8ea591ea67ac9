"""polytomic-mcp: an MCP server that lets AI assistants discover where data can be synced in Polytomic.

Its tools wrap the generated Polytomic client (`generated_client`) and answer with trimmed JSON: small,
paged and searchable, with errors that say what to do next. Build one with `polytomic_mcp.server.build_server`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("polytomic-mcp")
except PackageNotFoundError:  # pragma: no cover - only in a source tree that was never installed (uv installs it)
    __version__ = "0.0.0"
