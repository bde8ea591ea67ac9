"""The plan_model_sync prompt, and the completion of its arguments from what the organization really has.

A person picks the prompt in their assistant (connection, and optionally target and mode); it starts the agent on
the connections -> targets -> fields workflow with the facts already known written in, so the agent's first call is
the next useful one. Lookups go through the same cached fetches as the tools (and, in passthrough mode, with the
caller's own key), so completing as one types costs one upstream answer per listing and TTL, and one organization
never completes another's connections. A lookup that fails never fails the prompt: it says what to call instead.

The prompt's surface (arguments and their checks, description); what it does once asked is in planning, which the
first request imports.
"""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, Completion, CompletionArgument, CompletionContext, PromptReference
from mcp.types import ResourceTemplateReference as TemplateReference
from pydantic import Field

from .limits import MAX_PROMPT_ARGUMENT, fits_prompt_argument
from .upstream import Resolver, Upstream, upstream

PROMPT_NAME = "plan_model_sync"
PROMPT_TITLE = "Plan a model sync"


async def plan_model_sync(
    ctx: Context[Resolver, Any],
    connection: Annotated[str, Field(description="Destination connection: its name or id.")],
    target: Annotated[str | None, Field(description="Target object id or name, e.g. Contact.")] = None,
    mode: Annotated[str | None, Field(description="Sync mode, e.g. updateOrCreate.")] = None,
) -> str:
    """Plan a Polytomic model sync into a destination: which target, which mode, which fields to map."""
    chosen = {"connection": connection, "target": target, "mode": mode}
    connection_text, target_text, mode_text = (_argument(name, value) for name, value in chosen.items())
    assert connection_text is not None  # the server refuses a call without it before rendering (get_prompt)
    from . import planning  # the one seam: loaded (generated client and all) by the first request

    return await planning.plan(upstream(ctx), connection_text, target_text, mode_text)


def _argument(name: str, value: str | None) -> str | None:
    """A prompt argument (the protocol makes it text): blank means not given; over-long or control characters are
    refused."""
    if value is None:
        return None
    if not fits_prompt_argument(value):
        raise MCPError(
            INVALID_PARAMS,
            f"Argument {name!r} must be at most {MAX_PROMPT_ARGUMENT} characters, without control characters.",
        )
    return value.strip() or None


async def complete(
    up: Upstream, ref: PromptReference | TemplateReference, argument: CompletionArgument,
    context: CompletionContext | None,
) -> Completion:  # fmt: skip
    """Values for one argument of plan_model_sync, matching what was typed (prefix matches first), at most 100.

    An unknown prompt or argument, an unresolvable earlier argument or a failed lookup completes to nothing: a
    completion is a hint while typing, never an error.
    """
    if not isinstance(ref, PromptReference) or ref.name != PROMPT_NAME:
        return Completion(values=[])
    from . import planning

    return await planning.complete(up, argument.name, argument.value[:MAX_PROMPT_ARGUMENT], context)
