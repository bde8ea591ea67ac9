from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import replace
from typing import Any, cast

import anyio
import httpx
import pytest
from mcp import Client
from mcp.server.mcpserver.exceptions import ToolError

from polytomic_mcp.cache import ResponseCache
from polytomic_mcp.clients import make_api_client
from polytomic_mcp.fetching import answer, fetch
from polytomic_mcp.sandbox.dataset import SALESFORCE
from polytomic_mcp.server import build_server
from polytomic_mcp.upstream import Upstream
from polytomic_sync_client.errors import UnsafeParameterError
from polytomic_sync_client.models import ApiError, TargetObjectsResponseEnvelope
from polytomic_sync_client.types import Response
from tests.mcp_server.conftest import SETTINGS
from tests.mcp_server.support import call_error, call_ok

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
        await fetch(up, ("op",), lambda: None, dict, not_found="-")  # type: ignore[arg-type,return-value]


def _big_targets(count: int) -> bytes:
    """A warehouse-like answer: `count` tables (40,000 make about 6.7 MB, parsed in about a second here)."""
    modes = [{"id": "create"}, {"id": "updateOrCreate", "requires_identity": True, "supports_per_field_mode": True}]
    data = [{"id": f"schema.table_{n:06d}", "name": f"Table {n}", "modes": modes} for n in range(count)]
    return json.dumps({"data": data}).encode()


def _serving(big: bytes, served: asyncio.Event, deadline: float = 60) -> Client:
    def polytomic(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/targetobjects"):
            served.set()
            return httpx.Response(200, content=big, headers={"Content-Type": "application/json"})
        return httpx.Response(200, json={"data": [{"id": SALESFORCE, "name": "CRM"}]})

    settings = replace(SETTINGS, call_deadline=deadline)
    return Client(build_server(settings, make_api_client(settings, transport=httpx.MockTransport(polytomic))))


async def test_other_calls_are_answered_while_a_large_answer_is_parsed_in_a_worker_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsing, parsed = threading.Event(), threading.Event()
    parsed_in: list[int] = []
    from_dict = TargetObjectsResponseEnvelope.from_dict.__func__  # type: ignore[attr-defined]

    def watched(cls: type[TargetObjectsResponseEnvelope], src: Any) -> TargetObjectsResponseEnvelope:
        parsed_in.append(threading.get_ident())
        parsing.set()
        try:
            return cast(TargetObjectsResponseEnvelope, from_dict(cls, src))
        finally:
            parsed.set()

    monkeypatch.setattr(TargetObjectsResponseEnvelope, "from_dict", classmethod(watched))
    small_during_parse: list[bool] = []
    async with _serving(_big_targets(40_000), asyncio.Event()) as client:
        await call_ok(client, "list_connections", {})  # cached: answering it again needs only the event loop
        async with anyio.create_task_group() as group:
            group.start_soon(call_ok, client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
            await anyio.to_thread.run_sync(parsing.wait)
            await call_ok(client, "list_connections", {})
            small_during_parse.append(not parsed.is_set())
    assert parsed_in and parsed_in[0] != threading.get_ident()  # not on the event loop's thread
    assert small_during_parse == [True]  # parsed inline, the loop could not have answered until it was done


async def test_a_call_whose_answer_takes_longer_to_parse_than_its_deadline_ends_with_the_deadline_error() -> None:
    served = asyncio.Event()
    async with _serving(_big_targets(40_000), served, deadline=0.2) as client:
        with anyio.fail_after(60):  # a guard against a hang, not a measure
            text = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1})
        assert text.endswith(
            "did not finish answering within this call's deadline (0.2 s; POLYTOMIC_CALL_DEADLINE). This is usually "
            "transient: retry in a minute."
        )
        assert (await call_ok(client, "list_connections", {}))["total"] == 1  # and the server goes on answering


async def test_the_generated_client_s_own_parameter_guard_becomes_an_argument_error() -> None:
    async def refused() -> Response[Any]:
        raise UnsafeParameterError("property", "..", "a path parameter cannot be empty, '.' or '..'")

    with pytest.raises(ToolError, match=r"Invalid argument 'property': it must not be empty"):
        await answer(refused(), ApiError, not_found="-", forbidden_what="-", caller_key=False, secrets=(), hosts=())
