"""Serving the MCP server over streamable HTTP: stateless with JSON responses (any replica answers any request),
bearer authentication through the SDK's token verification, Host/Origin checks through its transport security.

    shared       callers present POLYTOMIC_MCP_TOKEN; the server calls Polytomic with its own credential
    passthrough  each caller's bearer token is their own Polytomic API key, used for their calls only
    none         loopback only: nobody is authenticated
"""

from __future__ import annotations

import hmac
import logging
import re
import sys

import uvicorn
from mcp.server import MCPServer
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.transport_security import TransportSecuritySettings
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .server import build_server
from .settings import HttpOptions, Settings, is_loopback
from .sockets import bind, url_of
from .fingerprints import credential_fingerprint
from .upstream import Resolver

logger = logging.getLogger("polytomic_mcp")

MCP_PATH = "/mcp"
HEALTH_PATH = "/healthz"
GRACEFUL_SHUTDOWN_SECONDS = 30
LOOPBACK_HOSTS = ("127.0.0.1:*", "localhost:*", "[::1]:*", "127.0.0.1", "localhost", "[::1]")
LOOPBACK_ORIGINS = ("http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*")
_PLAUSIBLE_KEY = re.compile(r"^[\x21-\x7e]{8,512}$")  # printable ASCII without spaces, bounded


class SharedTokenVerifier(TokenVerifier):
    """Accepts exactly the one shared token (compared in constant time)."""

    def __init__(self, token: str) -> None:
        self._token = token.encode()

    async def verify_token(self, token: str) -> AccessToken | None:
        if hmac.compare_digest(token.encode(), self._token):
            return AccessToken(token=token, client_id="shared", scopes=[])
        return None


class PassthroughTokenVerifier(TokenVerifier):
    """Accepts any plausible Polytomic API key; Polytomic itself decides what that key may see."""

    async def verify_token(self, token: str) -> AccessToken | None:
        if not _PLAUSIBLE_KEY.match(token):
            return None
        # The client id names the credential without revealing it (a per-process keyed hash).
        return AccessToken(token=token, client_id=f"key-{credential_fingerprint(token)[:16]}", scopes=[])


def token_verifier(settings: Settings) -> TokenVerifier | None:
    if settings.auth_mode == "shared":
        if not settings.mcp_token:
            raise ValueError("shared auth needs settings.mcp_token")
        return SharedTokenVerifier(settings.mcp_token)
    if settings.auth_mode == "passthrough":
        return PassthroughTokenVerifier()
    return None


def transport_security(options: HttpOptions) -> TransportSecuritySettings:
    """DNS-rebinding protection on every bind address (the SDK enables it by itself only on loopback): loopback
    Host and Origin values, the bound address itself when it is a concrete one, and whatever was configured."""
    hosts = list(LOOPBACK_HOSTS)
    if not is_loopback(options.host) and options.host not in ("0.0.0.0", "::"):
        literal = f"[{options.host}]" if ":" in options.host else options.host
        hosts += [literal, f"{literal}:*"]
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[*hosts, *options.allowed_hosts],
        allowed_origins=[*LOOPBACK_ORIGINS, *options.allowed_origins],
    )


async def healthz(_: Request) -> Response:
    """For load balancers: the process is up and serving (it calls nothing upstream)."""
    return JSONResponse({"status": "ok"})


def build_http_server(settings: Settings) -> MCPServer[Resolver]:
    verifier = token_verifier(settings)
    auth = None
    if verifier is not None:
        # Resource-server-only bearer checks: no authorization server, no protected-resource metadata route
        # (resource_server_url=None). The issuer is where the tokens come from: Polytomic for passthrough.
        issuer = settings.base_url if settings.auth_mode == "passthrough" else "https://polytomic-mcp.invalid"
        auth = AuthSettings(issuer_url=issuer, resource_server_url=None)  # type: ignore[arg-type]
    server = build_server(settings, token_verifier=verifier, auth=auth)
    server.custom_route(HEALTH_PATH, methods=["GET"], include_in_schema=False)(healthz)
    return server


def build_app(settings: Settings, options: HttpOptions) -> Starlette:
    """The ASGI app: POST /mcp (stateless, JSON responses) and GET /healthz."""
    return build_http_server(settings).streamable_http_app(
        streamable_http_path=MCP_PATH,
        stateless_http=True,
        json_response=True,
        transport_security=transport_security(options),
    )


def serve_http(settings: Settings, options: HttpOptions) -> None:
    """Serve until SIGINT/SIGTERM; then stop accepting, let in-flight calls finish, and exit.

    Prints `MCP over HTTP on <url>/mcp` to stderr once listening (with the bound port when --port 0)."""
    app = build_app(settings, options)
    sock = bind(options.host, options.port)
    config = uvicorn.Config(
        app,
        log_config=None,  # our stderr logging; access lines carry method, path and status only
        lifespan="on",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        proxy_headers=False,
        server_header=False,
    )
    server = uvicorn.Server(config)
    security = transport_security(options)  # never empty: the loopback names are always accepted
    with sock:
        print(f"MCP over HTTP on {url_of(options.host, sock)}{MCP_PATH} (auth: {settings.auth_mode})",
              file=sys.stderr, flush=True)  # fmt: skip
        logger.info("Accepting Host %s and Origin %s", ", ".join(security.allowed_hosts),
                    ", ".join(security.allowed_origins))  # fmt: skip
        server.run(sockets=[sock])
