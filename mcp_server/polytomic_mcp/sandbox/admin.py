"""A small admin surface, for a sandbox served over a port: inject faults and read recorded requests.

    POST   /_sandbox/faults    {"route": ..., "kind": ..., "count": 1, "status": ..., "retry_after": ...,
                                "delay": ..., "message": ...}
    DELETE /_sandbox/faults    forget every pending fault
    GET    /_sandbox/requests  the recorded requests (method, path, query, route)
    DELETE /_sandbox/requests  forget them

Same credentials as the API. Admin calls are neither recorded nor delayed nor faulted.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .faults import FAULT_KINDS

if TYPE_CHECKING:
    from . import Sandbox


def _sandbox(request: Request) -> Sandbox:
    sandbox: Sandbox = request.app.state.sandbox
    return sandbox


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body), status, media_type="application/json")


async def inject_fault(request: Request) -> Response:
    try:
        spec = await request.json()
        if not isinstance(spec, dict):
            raise ValueError("the body must be a JSON object")
        allowed = {"count", "status", "retry_after", "delay", "message"}
        options = {k: v for k, v in spec.items() if k in allowed}
        kind = spec.get("kind")
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; kinds: {', '.join(FAULT_KINDS)}")
        _sandbox(request).faults.inject(str(spec.get("route")), kind, **options)
    except (ValueError, TypeError) as exc:
        return _json({"status": 400, "message": str(exc)}, 400)
    return _json({"status": 201, "message": "fault injected"}, 201)


async def clear_faults(request: Request) -> Response:
    _sandbox(request).faults.clear()
    return Response(status_code=204)


async def list_requests(request: Request) -> Response:
    recorded = [
        {"method": r.method, "path": r.path, "query": r.query, "route": r.route} for r in _sandbox(request).requests
    ]
    return _json({"data": recorded})


async def clear_requests(request: Request) -> Response:
    _sandbox(request).requests.clear()
    return Response(status_code=204)


ADMIN_ROUTES = [
    Route("/_sandbox/faults", inject_fault, methods=["POST"]),
    Route("/_sandbox/faults", clear_faults, methods=["DELETE"]),
    Route("/_sandbox/requests", list_requests, methods=["GET"]),
    Route("/_sandbox/requests", clear_requests, methods=["DELETE"]),
]
