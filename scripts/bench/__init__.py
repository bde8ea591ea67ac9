"""The benchmark: what this server costs an agent and a machine, measured against the alternatives.

    uv run python -m scripts.bench [--quick] [--output FILE]   # side by side: raw API, a generic bridge, ours
    uv run python -m scripts.bench tokens                      # what an agent reads: raw answer vs our text
    uv run python -m scripts.bench cache                       # walking targets, cache disabled vs enabled
    uv run python -m scripts.bench memory                      # a hostile answer, body size cap off vs on
    uv run python -m scripts.bench sandbox [--runs 5]          # how long the sandbox takes to build its data

Modules: `scenarios` (the one scenario table), `tokens` (the one way of counting), `sizes` (the token tables),
`side_by_side` with its sections `latency`, `cold_start` and `throughput` (sharing `context`, speaking JSON-RPC
through `peers` to the processes of `servers`) and its Markdown `report`; `cache`, `memory` and `sandbox` are the
other subcommands. Process plumbing shared with the soak and load tests is in `scripts.processes`.
"""
