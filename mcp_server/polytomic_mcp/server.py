"""Server assembly: build_server() wires the tools to one shared generated client."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from mcp.server import MCPServer
from mcp.server.auth.provider import TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError, UnexpectedToolError
from mcp.server.mcpserver.prompts import Prompt
from mcp.server.mcpserver.tools import Tool
from mcp.shared.exceptions import MCPError
from mcp.types import (
    INVALID_PARAMS,
    CallToolResult,
    CompleteRequestParams,
    CompleteResult,
    Completion,
    GetPromptResult,
    InputRequiredResult,
)
from pydantic import ValidationError

from . import __version__, errors, logs, metrics
from .prompts import PROMPT_NAME, PROMPT_TITLE, complete, plan_model_sync
from .settings import Settings
from .tools import TOOLS
from .upstream import Resolver, SingleCredential, client_address

if TYPE_CHECKING:
    import httpx

    from .clients import ApiClient

logger = logging.getLogger(__name__)

INSTRUCTIONS = (
    "Discover where a Polytomic model sync can write, in this order: list_connections (find the destination "
    "connection's id), list_sync_targets (its target objects and sync modes; mode filters them), then "
    "get_sync_target_fields (a target's fields: required ones, identity candidates, picklist values) or, for a "
    "new target, get_target_creation_values (the values its creation properties accept). Results are paged "
    "(cursor) and searchable (search)."
)


class PolytomicMCPServer(MCPServer[Resolver]):
    """MCPServer whose errors always say what to do next.

    Only the SDK's check of the caller's arguments is reported as an argument error (a pydantic error raised
    later, while shaping a result, is a crash, not the caller's mistake); a crash inside a tool becomes a generic
    tool error logged without its text at WARNING (traceback at DEBUG).
    """

    def __init__(self, *args: Any, tools: list[Tool], **kwargs: Any) -> None:
        super().__init__(*args, tools=tools, **kwargs)
        self._tools = {tool.name: tool for tool in tools}
        self.add_prompt(Prompt.from_function(plan_model_sync, name=PROMPT_NAME, title=PROMPT_TITLE))
        # The SDK's completion() decorator hands its function no request context, and completing needs the
        # lifespan's resolver and (passthrough) the caller's key: so the request handler the decorator would
        # register is registered here (registering it is also what declares the `completions` capability).
        self._lowlevel_server.add_request_handler("completion/complete", CompleteRequestParams, self._complete)

    async def get_prompt(
        self, name: str, arguments: dict[str, Any] | None = None, context: Context[Resolver, Any] | None = None
    ) -> GetPromptResult | InputRequiredResult:
        """The SDK answers an unknown prompt or a missing argument with "Internal server error"; here each is an
        invalid-params error that names what to send."""
        prompts = {prompt.name: prompt for prompt in await self.list_prompts()}
        prompt = prompts.get(name)
        if prompt is None:
            raise MCPError(INVALID_PARAMS, f"Unknown prompt; this server's prompts are: {', '.join(sorted(prompts))}.")
        given = {key for key, value in (arguments or {}).items() if isinstance(value, str) and value.strip()}
        missing = [a.name for a in prompt.arguments or [] if a.required and a.name not in given]
        if missing:
            raise MCPError(INVALID_PARAMS, f"Prompt {name} needs the argument(s): {', '.join(missing)}.")
        return await super().get_prompt(name, arguments, context)

    async def _complete(
        self, ctx: ServerRequestContext[Resolver, Any], params: CompleteRequestParams
    ) -> CompleteResult:
        try:
            up = ctx.lifespan_context.resolve(client_address(ctx.request))
        except ToolError:  # passthrough without a key, or one refused here: nothing of anyone's to offer
            return CompleteResult(completion=Completion(values=[]))
        return CompleteResult(completion=await complete(up, params.ref, params.argument, params.context))

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[Resolver, Any] | None = None
    ) -> CallToolResult | InputRequiredResult:
        tool = self._tools.get(name)
        if tool is None:
            raise ToolError(f"Unknown tool {shown(name)}; this server's tools are: {', '.join(sorted(self._tools))}.")
        valid = set(tool.parameters.get("properties", {}))
        unknown = sorted(set(arguments) - valid)
        if unknown:
            more = f" and {len(unknown) - MAX_NAMED} more" if len(unknown) > MAX_NAMED else ""
            raise ToolError(
                f"Unknown argument(s) {', '.join(map(shown, unknown[:MAX_NAMED]))}{more} for {name}; valid "
                f"arguments: {', '.join(sorted(valid))}. Nothing was sent to Polytomic."
            )
        # An optional argument sent as null means "omitted" (as its schema says); a required one is then missing.
        arguments = {key: value for key, value in arguments.items() if value is not None}
        try:
            return await super().call_tool(name, arguments, context)
        except UnexpectedToolError as exc:  # first: a crash, even one a pydantic error caused, is never the caller's
            metrics.failed("internal")
            logger.warning("Tool %s failed unexpectedly: %s", name, type(exc.__cause__).__name__)
            logger.debug("Tool %s failed unexpectedly", name, exc_info=exc.__cause__)
            raise ToolError(
                f"{name} failed inside this server while handling Polytomic's answer (an internal error, not a "
                "problem with the arguments). Retrying may not help; the server's log has the details."
            ) from None
        except ToolError as exc:
            if isinstance(exc.__cause__, ValidationError):  # the SDK's own check of the arguments, before the tool
                raise ToolError(describe_invalid_arguments(name, exc.__cause__)) from exc.__cause__
            if isinstance(exc.__cause__, errors.FailedCall):  # else the tool's own check of what was asked for
                metrics.failed(exc.__cause__.outcome)
            raise


class LogContext:
    """MCP middleware: every line logged while a message is handled names its request (a new id unless the HTTP layer
    set one), and during a tool call the tool and the connection id, read as plain names only (what does not look
    like one is left out, so that nothing a caller typed reaches a log line)."""

    async def __call__(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        params = ctx.params or {}
        arguments = params.get("arguments")
        tool = params.get("name") if ctx.method == "tools/call" else None
        connection = arguments.get("connection_id") if isinstance(arguments, dict) else None
        with logs.request(logs.current_request_id()):
            if isinstance(tool, str):
                with logs.tool_call(tool, connection):
                    return await call_next(ctx)
            return await call_next(ctx)


MAX_NAMED = 10  # unknown argument names quoted in an error; the rest are counted
MAX_SHOWN = 60  # characters of a name the caller made up, quoted back


def shown(text: str) -> str:
    """A name the caller sent, quoted back bounded: an error or log line never grows with what a caller sends."""
    return repr(text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…")


SDK_LOGGER = "mcp.server.mcpserver.server"
MAX_LOGGED = 300  # characters of one argument of a log line


class BoundedArguments(logging.Filter):
    """Cuts every text argument of a log record to MAX_LOGGED characters, so that a line never grows with what a
    caller sends (a 4 MB tool name is logged as its first 300 characters)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_bounded(arg) for arg in record.args)
        return True


def _bounded(arg: object) -> object:
    if isinstance(arg, str) and len(arg) > MAX_LOGGED:
        return arg[:MAX_LOGGED] + f"… ({len(arg) - MAX_LOGGED} more characters)"
    return arg


def describe_invalid_arguments(tool: str, error: ValidationError) -> str:
    """One problem per argument, named as the caller spelled it (the first of a union's branch errors)."""
    problems = []
    seen: set[str] = set()
    for item in error.errors(include_url=False, include_input=False):
        argument = str(item["loc"][0]) if item["loc"] else "arguments"
        if argument in seen:
            continue
        seen.add(argument)
        kind = item["type"]
        if kind == "missing":
            problem = "is required"
        elif kind.startswith("uuid"):
            problem = "must be a UUID such as 248df4b7-aa70-47b8-a036-33ac447e668d"
        else:
            problem = str(item["msg"]).removeprefix("Value error, ")
            problem = problem[0].lower() + problem[1:] if problem else "is invalid"
        problems.append(f"{argument!r} {problem}")
    return f"Invalid argument(s) for {tool}: {'; '.join(problems)}. Fix and call again; nothing was sent to Polytomic."


def make_resolver(
    settings: Settings,
    api: ApiClient | None = None,
    network: httpx.AsyncBaseTransport | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Resolver:
    """How each call reaches Polytomic: with the server's own credential (over `api` when given), or in passthrough
    mode with each caller's key; over `network` when given (the built-in sandbox's, say), else the real one. The
    cache (and passthrough's memory of refused keys) reads `clock`."""
    if settings.auth_mode == "passthrough":
        from .passthrough import CallerClients, caller_transport  # only HTTP servers in passthrough mode need it

        return CallerClients(settings, network or caller_transport(), clock=clock)
    return SingleCredential(settings, api, network, clock=clock)


def build_server(
    settings: Settings,
    api: ApiClient | None = None,
    *,
    network: httpx.AsyncBaseTransport | None = None,
    token_verifier: TokenVerifier | None = None,
    auth: AuthSettings | None = None,
    recorder: metrics.Recorder = metrics.NOTHING,
    clock: Callable[[], float] = time.monotonic,
) -> MCPServer[Resolver]:
    """An MCP server over one shared async client (built from settings unless `api` is given); in passthrough
    mode over one client per caller instead. Requests go over `network` (by default the real one: the CLI hands in
    the built-in sandbox's for --sandbox). `token_verifier` and `auth` (together) guard the HTTP transport;
    `recorder` counts what the server does (nothing by default); the cache reads `clock` (tests move it)."""
    # httpx logs every request URL at INFO; upstream URLs are not for log lines.
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger("httpx").getEffectiveLevel()))
    # The SDK logs each failed call with the tool name and error text the caller's input shaped: bounded here.
    sdk_logger = logging.getLogger(SDK_LOGGER)
    if not any(isinstance(f, BoundedArguments) for f in sdk_logger.filters):
        sdk_logger.addFilter(BoundedArguments())

    @asynccontextmanager
    async def lifespan(_: MCPServer[Resolver]) -> AsyncIterator[Resolver]:
        resolver = make_resolver(settings, api, network, clock)
        recorder.watch(resolver)
        try:  # one connection pool for the server's lifetime (opened by the first call)
            yield resolver
        finally:
            await resolver.aclose()

    server = PolytomicMCPServer(
        "polytomic",
        title="Polytomic sync targets",
        instructions=INSTRUCTIONS,
        version=__version__,
        lifespan=lifespan,
        tools=[spec.build() for spec in TOOLS],
        token_verifier=token_verifier,
        auth=auth,
        middleware=[LogContext(), metrics.Recording(recorder)],
    )
    return server
