"""polytomic-mcp: an MCP server that lets AI assistants discover where data can be synced in Polytomic.

Its tools wrap the generated Polytomic client (`generated_client`) and answer with trimmed JSON: small,
paged and searchable, with errors that say what to do next. Build one with `polytomic_mcp.server.build_server`.
"""

# The project's version, spelled here too (a test keeps it equal to the installed metadata): reading the metadata
# at start-up would import importlib.metadata, about 30 ms of a 0.6 s cold start.
__version__ = "0.1.0"
