"""The `polytomic-mcp` command: serve the MCP server, inspect or call its tools, run the sandbox API.

Exit codes: 0 success, 1 a tool answered with an error (`call`), 2 bad usage or configuration.
Logs go to stderr only; stdout belongs to the MCP protocol (`serve`) or to the printed result.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import anyio

from . import __version__, logs

if TYPE_CHECKING:
    import httpx
from .logs import LOG_FORMATS
from .settings import (
    AUTH_MODES,
    DEFAULT_HTTP_HOST,
    DEFAULT_HTTP_PORT,
    ENV_BASE_URL,
    ENV_LOG_FORMAT,
    ENV_LOG_LEVEL,
    ConfigError,
    HttpOptions,
    Settings,
    environment_help,
    is_loopback,
)

logger = logging.getLogger("polytomic_mcp")
SANDBOX_NOTE = "Using the built-in sandbox Polytomic API (no account needed; data is synthetic)."

CONFIG_HELP = (
    environment_help()
    + """

With --sandbox (or POLYTOMIC_SANDBOX=true) no credentials are needed: a built-in sandbox Polytomic API with
realistic, deterministic data answers instead of the real one.
"""
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="polytomic-mcp",
        description="MCP server that lets AI assistants discover where data can be synced in Polytomic.",
        epilog=CONFIG_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"polytomic-mcp {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the MCP server over stdio (the default) or HTTP")
    serve.add_argument("--sandbox", action="store_true", help="answer from the built-in sandbox API")
    serve.add_argument("--transport", choices=("stdio", "http"), default="stdio", help="default: stdio")
    serve.add_argument("--host", default=DEFAULT_HTTP_HOST, help="HTTP: address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_HTTP_PORT, help="HTTP: port (default 8000; 0 picks one)")
    serve.add_argument(
        "--auth",
        choices=AUTH_MODES,
        default="none",
        help="HTTP: shared (callers present POLYTOMIC_MCP_TOKEN), passthrough (callers present their own "
        "Polytomic API key) or none (loopback only; the default)",
    )
    serve.add_argument(
        "--allowed-host", action="append", default=[], metavar="HOST", help="HTTP: also accept this Host header"
    )
    serve.add_argument(
        "--allowed-origin", action="append", default=[], metavar="ORIGIN", help="HTTP: also accept this Origin"
    )

    tools = commands.add_parser("tools", help="list the tools and their schemas")
    tools.add_argument("--json", action="store_true", help="print the full tools/list answer as JSON")

    call = commands.add_parser("call", help="call one tool and print its result")
    call.add_argument("tool", help="tool name, e.g. list_sync_targets")
    call.add_argument("arguments", nargs="?", default="{}", help="tool arguments as a JSON object")
    call.add_argument("--sandbox", action="store_true", help="answer from the built-in sandbox API")

    sandbox = commands.add_parser("sandbox-api", help="serve the sandbox Polytomic API over HTTP")
    sandbox.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    sandbox.add_argument("--port", type=int, default=8765, help="port to bind (default 8765; 0 picks a free one)")
    sandbox.add_argument("--api-key", help="bearer key the sandbox accepts (default: built-in key)")
    sandbox.add_argument("--second-api-key", help="bearer key of the second organization (default: built-in key)")
    sandbox.add_argument("--latency", type=float, default=0.0, help="seconds to add to every response")
    return parser


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def configure_logging(default: str) -> None:
    """Logging to stderr at POLYTOMIC_LOG_LEVEL (`default` when unset) in POLYTOMIC_LOG_FORMAT; a ConfigError for a
    level or format that is not one."""
    level = os.environ.get(ENV_LOG_LEVEL, "").strip().upper() or default
    if level not in LOG_LEVELS:
        raise ConfigError(f"{ENV_LOG_LEVEL} must be one of {', '.join(LOG_LEVELS)} (or unset for {default}).")
    log_format = os.environ.get(ENV_LOG_FORMAT, "").strip().lower() or "text"
    if log_format not in LOG_FORMATS:
        raise ConfigError(f"{ENV_LOG_FORMAT} must be text or json (or unset for text).")
    logging.basicConfig(level=level, handlers=[logs.handler(log_format)])


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "serve"
    try:
        configure_logging("INFO" if command in ("serve", "sandbox-api") else "WARNING")
        if command == "sandbox-api":
            return run_sandbox_api(args)
        if command == "tools":
            return anyio.run(print_tools, args.json)
        if command == "serve" and getattr(args, "transport", "stdio") == "http":
            return serve_over_http(args)
        if command == "serve" and getattr(args, "auth", "none") != "none":
            raise ConfigError("--auth applies to --transport http only (over stdio the caller is the local user).")
        if command == "serve":
            http_only(args)
        settings = Settings.from_env(os.environ, sandbox=getattr(args, "sandbox", False))
        if command == "call":
            return anyio.run(call_tool, settings, args.tool, parse_arguments(args.arguments))
        return serve(settings)
    except ConfigError as exc:
        print(f"polytomic-mcp: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def http_only(args: argparse.Namespace) -> None:
    """Options that only serving over HTTP reads are a mistake over stdio, not something to pass over."""
    given = [
        flag
        for flag, value, default in (
            ("--host", "host", DEFAULT_HTTP_HOST),
            ("--port", "port", DEFAULT_HTTP_PORT),
            ("--allowed-host", "allowed_host", []),
            ("--allowed-origin", "allowed_origin", []),
        )
        if getattr(args, value, default) != default  # `polytomic-mcp` alone serves, with none of these given
    ]
    if given:
        raise ConfigError(f"{', '.join(given)} applies to --transport http only: add --transport http, or drop it.")


def warn_on_clear_text(settings: Settings) -> None:
    """A key sent over plain HTTP to another machine can be read on the way: say so once, naming the setting."""
    parts = urlsplit(settings.base_url)
    if not settings.sandbox and parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        logger.warning(
            "%s is a plain http:// URL for another host: Polytomic credentials will cross the network unencrypted. "
            "Use https:// unless this network is private.",
            ENV_BASE_URL,
        )


def connect(settings: Settings) -> tuple[Settings, httpx.AsyncBaseTransport | None]:
    """The settings and network the server calls Polytomic with: as configured over the real network, or for
    --sandbox the built-in sandbox API's (the one place the product meets its stand-in)."""
    if not settings.sandbox:
        return settings, None
    from .sandbox import wired

    return wired(settings)


def serve(settings: Settings) -> int:
    from .server import build_server
    from .tracing import configure as configure_tracing

    configure_tracing(os.environ)  # imports the OpenTelemetry SDK only when OTEL_* variables ask for traces
    logger.info("Serving over stdio: %r", settings)
    warn_on_clear_text(settings)
    settings, network = connect(settings)
    if network is not None:
        logger.info(SANDBOX_NOTE)
    build_server(settings, network=network).run()
    return 0


def serve_over_http(args: argparse.Namespace) -> int:
    options = HttpOptions.checked(
        host=args.host,
        port=args.port,
        auth_mode=args.auth,
        allowed_hosts=args.allowed_host,
        allowed_origins=args.allowed_origin,
        environ=os.environ,
    )
    settings = Settings.from_env(os.environ, sandbox=args.sandbox, auth_mode=args.auth)
    from .http import serve_http
    from .tracing import configure as configure_tracing

    configure_tracing(os.environ)
    logger.info("Serving over HTTP: %r", settings)
    warn_on_clear_text(settings)
    settings, network = connect(settings)
    if network is not None:
        logger.info(SANDBOX_NOTE)
    serve_http(settings, options, network)
    return 0


def parse_arguments(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"tool arguments must be a JSON object: {exc.msg} at position {exc.pos}") from None
    if not isinstance(value, dict):
        raise ConfigError('tool arguments must be a JSON object, e.g. \'{"connection_id": "..."}\'')
    return value


async def call_tool(settings: Settings, tool: str, arguments: dict[str, Any]) -> int:
    from mcp import Client

    from .server import build_server

    settings, network = connect(settings)
    async with Client(build_server(settings, network=network)) as client:
        result = await client.call_tool(tool, arguments)
    text = "\n".join(block.text for block in result.content if block.type == "text")
    if result.is_error:
        print(text, file=sys.stderr)
        return 1
    print(text)
    return 0


async def print_tools(as_json: bool) -> int:
    from mcp import Client

    from .server import build_server

    async with Client(build_server(Settings())) as client:  # listing tools never calls Polytomic
        listed = await client.list_tools()
    if as_json:
        print(json.dumps(listed.model_dump(mode="json", by_alias=True, exclude_none=True), indent=2))
        return 0
    for tool in listed.tools:
        params = tool.input_schema.get("properties", {})
        required = set(tool.input_schema.get("required", []))
        signature = ", ".join(name if name in required else f"[{name}]" for name in params)
        first_line = tool.description.splitlines()[0] if tool.description else ""
        print(f"{tool.name}({signature})\n    {first_line}")
    return 0


def run_sandbox_api(args: argparse.Namespace) -> int:
    from .sandbox import DEFAULT_API_KEY, SECOND_API_KEY
    from .sandbox.serve import serve as serve_sandbox

    if not 0 <= args.port <= 65535:
        raise ConfigError("--port must be between 0 and 65535")
    if args.latency < 0:
        raise ConfigError("--latency must not be negative")
    api_key, second = args.api_key or DEFAULT_API_KEY, args.second_api_key or SECOND_API_KEY
    if api_key == second:
        raise ConfigError("--api-key and --second-api-key must differ (they select the organization)")
    serve_sandbox(host=args.host, port=args.port, api_key=api_key, latency=args.latency, second_api_key=second)
    return 0


if __name__ == "__main__":
    sys.exit(main())
