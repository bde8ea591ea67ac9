from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest
from mcp.server.mcpserver.exceptions import ToolError

from mcp_server.cache import ResponseCache
from mcp_server.upstream import Upstream, upstream

pytestmark = pytest.mark.anyio


async def test_a_cached_answer_of_another_model_is_reported_as_unreadable_not_returned() -> None:
    cache = ResponseCache(ttl=60)

    async def other() -> tuple[object, int]:
        return "not a model", 1

    await cache.get_or_fetch(("fp", "op"), other)
    up = Upstream(client=cast(Any, None), fingerprint="fp", cache=cache)
    with pytest.raises(
        ToolError, match=r"could not read \(not the JSON the API documents: not the documented answer\)"
    ):
        await up.fetch(("op",), lambda: None, dict, not_found="-")  # type: ignore[arg-type,return-value]


def test_passthrough_without_a_bearer_token_says_what_to_send() -> None:
    base = Upstream(client=cast(Any, None), callers=cast(Any, object()))
    ctx = SimpleNamespace(request_context=SimpleNamespace(lifespan_context=base, request=None))
    with pytest.raises(ToolError) as raised:
        upstream(cast(Any, ctx))
    assert str(raised.value) == (
        "This server acts with each caller's own Polytomic API key: send it as the bearer token."
    )
