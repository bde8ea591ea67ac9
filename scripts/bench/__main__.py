"""`python -m scripts.bench`: the side-by-side benchmark, or one of the other measurements as a subcommand.

uv run python -m scripts.bench                      # the full side-by-side run (BENCHMARKS.md holds its table)
uv run python -m scripts.bench --quick              # a short run (well under 3 minutes on 2 cores)
uv run python -m scripts.bench tokens|cache|memory|sandbox
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import anyio

from scripts.bench import cache, memory, sandbox, side_by_side, sizes
from scripts.bench.context import Config


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench",
        description="Side by side: the raw Polytomic API, a generic OpenAPI-to-MCP bridge, and our server "
        "(without a subcommand); or one of the other measurements.",
    )
    parser.add_argument("--quick", action="store_true", help="a short run: fewer samples, shorter load")
    parser.add_argument("--latency", type=float, default=0.005, help="seconds the sandbox adds to every answer")
    parser.add_argument("--runs", type=int, default=0, help="cold-start runs per server (default 12; quick 5)")
    parser.add_argument("--calls", type=int, default=0, help="latency samples per case (default 200; quick 30)")
    parser.add_argument("--seconds", type=float, default=0, help="load per concurrency level (default 8; quick 2)")
    parser.add_argument("--clients", default="1,10,50", help="concurrency levels for throughput")
    parser.add_argument(
        "--sections", default=",".join(side_by_side.SECTIONS), help="which sections to run (comma-separated)"
    )
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    commands = parser.add_subparsers(dest="command", metavar="{tokens,cache,memory,sandbox}")
    commands.add_parser("tokens", help="tokens an agent reads: the raw answer against the text of ours")
    commands.add_parser("cache", help="per-page latency of walking targets, cache disabled and enabled")
    commands.add_parser("memory", help="peak memory reading a hostile answer, body size cap disabled and enabled")
    timing = commands.add_parser("sandbox", help="how long the sandbox takes to build its data")
    timing.add_argument("--runs", type=int, default=5, help="fresh interpreters to time (default 5)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "tokens":
        print(sizes.reads_table(anyio.run(sizes.reads)))
        return 0
    if args.command == "cache":
        return cache.main()
    if args.command == "memory":
        return memory.main()
    if args.command == "sandbox":
        return sandbox.main(args.runs)
    config = Config.from_args(args)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    for noisy in ("httpx", "httpx2", "fastmcp", "mcp", "FastMCP"):  # per-request INFO lines, with URLs
        logging.getLogger(noisy).setLevel(logging.WARNING)
    started = time.monotonic()
    report = side_by_side.run(config)
    text = report.markdown(elapsed=time.monotonic() - started)
    print(text, end="")
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
