"""Configuration, read once from the environment and validated before the server starts."""

from __future__ import annotations

import base64
import ipaddress
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal
from urllib.parse import quote, urlsplit

DEFAULT_BASE_URL = "https://app.polytomic.com"
DEFAULT_API_VERSION = "2025-09-18"
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 600.0
DEFAULT_CACHE_TTL = 60.0
MAX_CACHE_TTL = 86_400.0
DEFAULT_CACHE_MAX_MB = 128.0
DEFAULT_CALL_DEADLINE = 20.0
DEFAULT_MAX_RETRIES = 5
MAX_RETRIES = 20
DEFAULT_MAX_RESPONSE_MB = 64.0
MAX_MEGABYTES = 16_384.0
MEGABYTE = 1024 * 1024  # bytes

ENV_API_KEY = "POLYTOMIC_API_KEY"
ENV_BASIC_AUTH = "POLYTOMIC_BASIC_AUTH"
ENV_BASE_URL = "POLYTOMIC_BASE_URL"
ENV_API_VERSION = "POLYTOMIC_API_VERSION"
ENV_TIMEOUT = "POLYTOMIC_TIMEOUT"
ENV_MCP_TOKEN = "POLYTOMIC_MCP_TOKEN"
ENV_SANDBOX = "POLYTOMIC_SANDBOX"

AuthMode = Literal["none", "shared", "passthrough"]
AUTH_MODES: tuple[AuthMode, ...] = ("none", "shared", "passthrough")
MIN_MCP_TOKEN_LENGTH = 32
_BEARER_TOKEN = re.compile(r"^[\x21-\x7e]+$")
DEFAULT_HTTP_HOST = "127.0.0.1"
DEFAULT_HTTP_PORT = 8000
LOOPBACK_NAMES = ("localhost",)
ENV_CACHE_TTL = "POLYTOMIC_CACHE_TTL"
ENV_CACHE_MAX_MB = "POLYTOMIC_CACHE_MAX_MB"
ENV_CALL_DEADLINE = "POLYTOMIC_CALL_DEADLINE"
ENV_MAX_RETRIES = "POLYTOMIC_MAX_RETRIES"
ENV_MAX_RESPONSE_MB = "POLYTOMIC_MAX_RESPONSE_MB"
ENV_CACHE_URL = "POLYTOMIC_CACHE_URL"
CACHE_URL_SCHEMES = ("redis", "rediss")
# Over HTTP: how many connections at once, and how long the server waits for a client that is slow to send.
DEFAULT_HTTP_MAX_CONNECTIONS = 1000
MAX_HTTP_CONNECTIONS = 100_000
DEFAULT_HTTP_IDLE_TIMEOUT = 5.0
DEFAULT_HTTP_HEADER_TIMEOUT = 10.0
DEFAULT_HTTP_BODY_TIMEOUT = 30.0
ENV_HTTP_MAX_CONNECTIONS = "POLYTOMIC_HTTP_MAX_CONNECTIONS"
ENV_HTTP_IDLE_TIMEOUT = "POLYTOMIC_HTTP_IDLE_TIMEOUT"
ENV_HTTP_HEADER_TIMEOUT = "POLYTOMIC_HTTP_HEADER_TIMEOUT"
ENV_HTTP_BODY_TIMEOUT = "POLYTOMIC_HTTP_BODY_TIMEOUT"
# Over HTTP: who may read /metrics.
ENV_METRICS = "POLYTOMIC_METRICS"
ENV_METRICS_TOKEN = "POLYTOMIC_METRICS_TOKEN"
MetricsAccess = Literal["protected", "public", "off"]
METRICS_ACCESS: tuple[MetricsAccess, ...] = ("protected", "public", "off")

ENV_LOG_LEVEL = "POLYTOMIC_LOG_LEVEL"
ENV_LOG_FORMAT = "POLYTOMIC_LOG_FORMAT"


@dataclass(frozen=True)
class Variable:
    """One environment variable the server reads: the one table `--help` and the README's Configuration come from."""

    name: str
    meaning: str
    default: str = "—"


def _shown(number: float) -> str:
    return f"{number:g}"


ENVIRONMENT: tuple[Variable, ...] = (
    Variable(ENV_API_KEY, "Polytomic API key (Settings → API keys), sent as `Authorization: Bearer …`"),
    Variable(ENV_BASIC_AUTH, "`user:password` for on-premises deployments (HTTP Basic), instead of the API key"),
    Variable(ENV_BASE_URL, "API base URL, without `/api` (your own host on-premises)", f"`{DEFAULT_BASE_URL}`"),
    Variable(ENV_API_VERSION, "`X-Polytomic-Version` sent on every request", f"`{DEFAULT_API_VERSION}`"),
    Variable(
        ENV_SANDBOX,
        "`true` answers from the built-in sandbox API, as `--sandbox` does (for clients that set variables, not "
        "arguments); `false` leaves it to the flag",
        "`false`",
    ),
    Variable(ENV_TIMEOUT, "Seconds to wait for Polytomic (0 < t ≤ 600)", f"`{_shown(DEFAULT_TIMEOUT)}`"),
    Variable(
        ENV_CALL_DEADLINE,
        "Seconds one tool call may take in all: retries, waits and reading the answer (0 < t ≤ 600)",
        f"`{_shown(DEFAULT_CALL_DEADLINE)}`",
    ),
    Variable(
        ENV_MAX_RETRIES,
        "Retries of a GET that met 429, 502, 503, 504 or a network error (0-20; `0` disables), within the deadline",
        f"`{DEFAULT_MAX_RETRIES}`",
    ),
    Variable(
        ENV_CACHE_TTL,
        "Seconds an answer from Polytomic is reused for the same request; `0` disables the cache",
        f"`{_shown(DEFAULT_CACHE_TTL)}`",
    ),
    Variable(
        ENV_CACHE_MAX_MB,
        "Memory the cache may hold, counted as what the parsed answers hold; least recently used goes first",
        f"`{_shown(DEFAULT_CACHE_MAX_MB)}`",
    ),
    Variable(
        ENV_CACHE_URL,
        "`redis://…` or `rediss://…`: replicas share Polytomic's answers through this Redis for the cache TTL "
        "(see Run several replicas); unset, each process caches alone",
    ),
    Variable(
        ENV_MAX_RESPONSE_MB,
        "Largest answer accepted, counted after decompression; larger ones are refused",
        f"`{_shown(DEFAULT_MAX_RESPONSE_MB)}`",
    ),
    Variable(ENV_LOG_LEVEL, "`DEBUG`, `INFO`, `WARNING`, `ERROR`; logs go to stderr only", "`INFO` for `serve`"),
    Variable(
        ENV_LOG_FORMAT,
        "`text`, or `json` for one JSON object per line; either way each line names its request id, and the tool "
        "and connection of the call",
        "`text`",
    ),
    Variable(ENV_MCP_TOKEN, "`serve --transport http --auth shared`: the bearer token callers must present"),
    Variable(
        ENV_HTTP_MAX_CONNECTIONS,
        "Over HTTP: connections held at once (1-100000), lowered at start-up to fit the open-files limit; beyond "
        "it the one waiting longest for its client is closed, or a new one gets 503 if none is",
        f"`{DEFAULT_HTTP_MAX_CONNECTIONS}`",
    ),
    Variable(
        ENV_HTTP_IDLE_TIMEOUT,
        "Over HTTP: seconds a connection may send nothing of its next request, new or kept alive (0 < t ≤ 600)",
        f"`{_shown(DEFAULT_HTTP_IDLE_TIMEOUT)}`",
    ),
    Variable(
        ENV_HTTP_HEADER_TIMEOUT,
        "Over HTTP: seconds from a request's first byte to its last header (0 < t ≤ 600)",
        f"`{_shown(DEFAULT_HTTP_HEADER_TIMEOUT)}`",
    ),
    Variable(
        ENV_HTTP_BODY_TIMEOUT,
        "Over HTTP: seconds from a request's headers to the end of its body, and that an answer may sit unread "
        "(0 < t ≤ 600)",
        f"`{_shown(DEFAULT_HTTP_BODY_TIMEOUT)}`",
    ),
    Variable(
        ENV_METRICS,
        "Over HTTP: `/metrics` (Prometheus) is `protected` (the bearer token of `/mcp`, or `POLYTOMIC_METRICS_TOKEN`; "
        "with `--auth passthrough` only the latter, and without it not served), `public`, or `off`",
        "`protected`",
    ),
    Variable(
        ENV_METRICS_TOKEN,
        "Over HTTP: the bearer token `/metrics` asks for instead (32+ characters), e.g. a scraper's own",
    ),
)


def environment_table() -> str:
    """ENVIRONMENT as the README's Markdown table."""
    rows = [f"| `{v.name}` | {v.meaning} | {v.default} |" for v in ENVIRONMENT]
    return "\n".join(["| Variable | Meaning | Default |", "|---|---|---|", *rows])


def environment_help(width: int = 116) -> str:
    """ENVIRONMENT as `--help` shows it: one wrapped entry per variable, without Markdown."""
    import textwrap

    lines = ["configuration (environment variables):"]
    for v in ENVIRONMENT:
        plain = v.meaning.replace("`", "")
        default = "" if v.default == "—" else f" (default {v.default.replace('`', '')})"
        lines += textwrap.wrap(
            f"{v.name}  {plain}{default}", width=width, initial_indent="  ", subsequent_indent="      "
        )
    return "\n".join(lines)


_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ConfigError(Exception):
    """The environment does not describe a usable configuration; the message says how to fix it."""


@dataclass(frozen=True)
class Settings:
    """How to reach Polytomic. Secrets are kept out of repr() so they never reach a log line."""

    api_key: str | None = field(default=None, repr=False)
    basic_auth: tuple[str, str] | None = field(default=None, repr=False)
    base_url: str = DEFAULT_BASE_URL
    api_version: str = DEFAULT_API_VERSION
    timeout: float = DEFAULT_TIMEOUT
    sandbox: bool = False
    # Over HTTP: "shared" callers present `mcp_token`; "passthrough" callers present their own Polytomic API key,
    # and the server holds none. "none" (stdio, or loopback HTTP) authenticates nobody.
    auth_mode: AuthMode = "none"
    mcp_token: str | None = field(default=None, repr=False)
    cache_ttl: float = DEFAULT_CACHE_TTL  # seconds; 0 disables the cache
    cache_max_mb: float = DEFAULT_CACHE_MAX_MB
    call_deadline: float = DEFAULT_CALL_DEADLINE  # seconds per tool call, retries and waits included
    max_retries: int = DEFAULT_MAX_RETRIES  # GET retries per request (0: none); the deadline still bounds them
    max_response_mb: float | None = DEFAULT_MAX_RESPONSE_MB  # decoded body cap; None (not from env) = no cap
    cache_url: str | None = field(default=None, repr=False)  # Redis shared by replicas; may carry a password

    def __repr__(self) -> str:
        mode = "" if self.auth_mode == "none" else f", auth_mode={self.auth_mode!r}"
        if self.sandbox:
            return f"Settings(sandbox=True{mode}, api_version={self.api_version!r}, timeout={self.timeout})"
        auth = "api_key" if self.api_key else "basic_auth" if self.basic_auth else "none"
        return (
            f"Settings(auth={auth}{mode}, base_url={self.base_url!r}, api_version={self.api_version!r}, "
            f"timeout={self.timeout})"
        )

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret value in every form it travels in, so that text can be scrubbed of them.

        Raw, percent-encoded, and for Basic auth `user:password` and its base64 (what the Authorization
        header carries). Longest first, so that a form containing another is replaced whole.
        """
        values: set[str] = set()
        if self.api_key:
            values.add(self.api_key)
        if self.basic_auth:
            user, password = self.basic_auth
            pair = f"{user}:{password}"
            values.update({pair, base64.b64encode(pair.encode()).decode(), password})
            if len(user) >= 4:  # a short user name would scrub ordinary words
                values.add(user)
        if self.mcp_token:
            values.add(self.mcp_token)
        values.update({quote(value, safe="") for value in values})
        return tuple(sorted(values, key=lambda v: (-len(v), v)))

    @property
    def hosts(self) -> tuple[str, ...]:
        """The API host names, scrubbed from upstream text with whatever path follows them."""
        host = urlsplit(self.base_url).hostname
        return (host,) if host and not self.sandbox else ()

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, sandbox: bool = False, auth_mode: AuthMode = "none") -> Settings:
        """Build settings from environment variables; raise ConfigError naming the variable to fix.

        In sandbox mode (`sandbox`, or POLYTOMIC_SANDBOX=true) credentials and the base URL are not needed (the
        built-in sandbox API is used), but the version and timeout still apply and are still validated. In
        passthrough mode the server holds no Polytomic credential (each caller brings theirs); in shared mode it also
        needs POLYTOMIC_MCP_TOKEN.
        """
        sandbox = _switch(environ, ENV_SANDBOX) or sandbox
        api_version = _api_version(environ.get(ENV_API_VERSION, "").strip() or DEFAULT_API_VERSION)
        timeout = _timeout(environ.get(ENV_TIMEOUT, "").strip())
        if auth_mode not in AUTH_MODES:
            raise ConfigError(f"Unknown auth mode {auth_mode!r}; use one of: {', '.join(AUTH_MODES)}.")
        mcp_token = _mcp_token(environ.get(ENV_MCP_TOKEN, "").strip()) if auth_mode == "shared" else None
        limits = cls(
            api_version=api_version,
            timeout=timeout,
            auth_mode=auth_mode,
            mcp_token=mcp_token,
            cache_ttl=_number(environ, ENV_CACHE_TTL, DEFAULT_CACHE_TTL, MAX_CACHE_TTL, zero_ok=True),
            cache_max_mb=_number(environ, ENV_CACHE_MAX_MB, DEFAULT_CACHE_MAX_MB, MAX_MEGABYTES),
            call_deadline=_number(environ, ENV_CALL_DEADLINE, DEFAULT_CALL_DEADLINE, MAX_TIMEOUT),
            max_retries=_count(environ, ENV_MAX_RETRIES, DEFAULT_MAX_RETRIES, MAX_RETRIES),
            max_response_mb=_number(environ, ENV_MAX_RESPONSE_MB, DEFAULT_MAX_RESPONSE_MB, MAX_MEGABYTES),
        )
        limits = replace(limits, cache_url=_cache_url(environ.get(ENV_CACHE_URL, "").strip(), limits.cache_ttl))
        api_key = environ.get(ENV_API_KEY, "").strip() or None
        basic = environ.get(ENV_BASIC_AUTH, "").strip() or None
        _unused(environ, auth_mode, sandbox=sandbox)
        if sandbox:
            return replace(limits, sandbox=True)
        if auth_mode == "passthrough":
            return replace(limits, base_url=_base_url(environ.get(ENV_BASE_URL, "").strip() or DEFAULT_BASE_URL))

        if api_key and basic:
            raise ConfigError(f"Set only one of {ENV_API_KEY} (bearer API key) and {ENV_BASIC_AUTH} (user:password).")
        if not api_key and not basic:
            raise ConfigError(
                f"No Polytomic credentials: set {ENV_API_KEY} (an API key) or {ENV_BASIC_AUTH} "
                f"(user:password, the deployment key of an on-premises install), or run with --sandbox (or "
                f"{ENV_SANDBOX}=true) to use the built-in sandbox API."
            )
        return replace(
            limits,
            api_key=api_key,
            basic_auth=_basic_auth(basic) if basic else None,
            base_url=_base_url(environ.get(ENV_BASE_URL, "").strip() or DEFAULT_BASE_URL),
        )


@dataclass(frozen=True)
class HttpOptions:
    """Where and how the HTTP transport listens, which Host and Origin headers it accepts, how many connections it
    holds at once and how long it waits for a client's request (seconds; see `polytomic_mcp.http.GuardedProtocol`)."""

    host: str = DEFAULT_HTTP_HOST
    port: int = DEFAULT_HTTP_PORT
    allowed_hosts: tuple[str, ...] = ()
    allowed_origins: tuple[str, ...] = ()
    max_connections: int = DEFAULT_HTTP_MAX_CONNECTIONS
    idle_timeout: float = DEFAULT_HTTP_IDLE_TIMEOUT  # nothing of the next request yet (new or kept-alive connection)
    header_timeout: float = DEFAULT_HTTP_HEADER_TIMEOUT  # from a request's first byte to its last header
    body_timeout: float = DEFAULT_HTTP_BODY_TIMEOUT  # from a request's headers to the end of its body
    metrics: MetricsAccess = "protected"  # who may read /metrics (see polytomic_mcp.http.MetricsDoor)
    metrics_token: str | None = field(default=None, repr=False)  # the bearer /metrics asks for instead of /mcp's

    @classmethod
    def checked(
        cls,
        *,
        host: str,
        port: int,
        auth_mode: AuthMode,
        allowed_hosts: Sequence[str] = (),
        allowed_origins: Sequence[str] = (),
        environ: Mapping[str, str] | None = None,
    ) -> HttpOptions:
        """Validate the binding rules (loopback by default; any other address only behind an auth mode), and read
        the connection limits from `environ` (POLYTOMIC_HTTP_*; the defaults without it)."""
        host = host.strip().removeprefix("[").removesuffix("]")
        if not host:
            raise ConfigError("--host must not be empty.")
        if not 0 <= port <= 65535:
            raise ConfigError("--port must be between 0 and 65535 (0 picks a free port).")
        if not is_loopback(host) and auth_mode == "none":
            raise ConfigError(
                f"Refusing to listen on {host!r} without authentication: anyone who can reach it could use it. "
                "Pass --auth shared (callers present POLYTOMIC_MCP_TOKEN) or --auth passthrough (callers present "
                "their own Polytomic API key), or bind to 127.0.0.1."
            )
        for origin in allowed_origins:
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
                raise ConfigError(f"--allowed-origin {origin!r} must look like https://app.example.com[:port].")
        for allowed in allowed_hosts:
            if not allowed or "/" in allowed or " " in allowed:
                raise ConfigError(f"--allowed-host {allowed!r} must be a Host header value such as mcp.example.com.")
        env = environ or {}
        metrics, metrics_token = _metrics_access(env, auth_mode)
        return cls(
            host,
            port,
            tuple(allowed_hosts),
            tuple(o.rstrip("/") for o in allowed_origins),
            max_connections=_count(
                env, ENV_HTTP_MAX_CONNECTIONS, DEFAULT_HTTP_MAX_CONNECTIONS, MAX_HTTP_CONNECTIONS, least=1
            ),
            idle_timeout=_number(env, ENV_HTTP_IDLE_TIMEOUT, DEFAULT_HTTP_IDLE_TIMEOUT, MAX_TIMEOUT),
            header_timeout=_number(env, ENV_HTTP_HEADER_TIMEOUT, DEFAULT_HTTP_HEADER_TIMEOUT, MAX_TIMEOUT),
            body_timeout=_number(env, ENV_HTTP_BODY_TIMEOUT, DEFAULT_HTTP_BODY_TIMEOUT, MAX_TIMEOUT),
            metrics=metrics,
            metrics_token=metrics_token,
        )


def _metrics_access(environ: Mapping[str, str], auth_mode: AuthMode) -> tuple[MetricsAccess, str | None]:
    """Who may read /metrics. Protected (the default) means the bearer token /mcp asks for, or POLYTOMIC_METRICS_TOKEN
    when set; in passthrough mode callers' tokens are their own Polytomic keys, which this server cannot check, so
    there only POLYTOMIC_METRICS_TOKEN opens it: without it /metrics is not served (`mcp_server.http.serves_metrics`),
    and asking for `protected` explicitly is an error."""
    given = environ.get(ENV_METRICS, "").strip().lower()
    if given and given not in METRICS_ACCESS:
        raise ConfigError(f"{ENV_METRICS} must be one of {', '.join(METRICS_ACCESS)} (or unset for protected).")
    token = environ.get(ENV_METRICS_TOKEN, "").strip() or None
    if token is not None:
        _bearer(ENV_METRICS_TOKEN, token)
        if given in ("public", "off"):
            raise ConfigError(
                f"{ENV_METRICS_TOKEN} is set, but {ENV_METRICS}={given} never asks for it: unset one of them."
            )
    if given == "protected" and auth_mode == "passthrough" and token is None:
        raise ConfigError(
            f"{ENV_METRICS}=protected with --auth passthrough needs {ENV_METRICS_TOKEN}: callers' tokens are their "
            "own Polytomic keys, which this server cannot check. Set it (32+ characters, e.g. from `openssl rand -hex "
            f"32`), or set {ENV_METRICS}=public or off."
        )
    return next(known for known in METRICS_ACCESS if known == (given or "protected")), token


def is_loopback(host: str) -> bool:
    """Whether an address to bind is reachable only from this machine."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _unused(environ: Mapping[str, str], auth_mode: AuthMode, *, sandbox: bool) -> None:
    """A setting that this way of serving would silently ignore is a mistake to name, not to pass over."""
    credential = next((name for name in (ENV_API_KEY, ENV_BASIC_AUTH) if environ.get(name, "").strip()), None)
    if credential and sandbox:
        raise ConfigError(
            f"{credential} is set, but the sandbox (--sandbox or {ENV_SANDBOX}) answers from the built-in sandbox API "
            f"and never uses it: unset it, or turn the sandbox off to call Polytomic with it."
        )
    if credential and auth_mode == "passthrough":
        raise ConfigError(
            f"{credential} is set, but --auth passthrough calls Polytomic with each caller's own key and never uses "
            "it: unset it, or use --auth shared to call Polytomic with it."
        )
    if environ.get(ENV_MCP_TOKEN, "").strip() and auth_mode != "shared":
        raise ConfigError(
            f"{ENV_MCP_TOKEN} is set, but only serve --transport http --auth shared asks callers for it (this server "
            "would not): pass --transport http --auth shared, or unset it."
        )


def _mcp_token(value: str) -> str:
    if not value:
        raise ConfigError(
            f"--auth shared needs {ENV_MCP_TOKEN}: the bearer token callers must present (at least "
            f"{MIN_MCP_TOKEN_LENGTH} characters, e.g. from `openssl rand -hex 32`)."
        )
    return _bearer(ENV_MCP_TOKEN, value)


def _bearer(name: str, value: str) -> str:
    """A bearer token from variable `name`, checked: long enough, and something a caller can send."""
    if len(value) < MIN_MCP_TOKEN_LENGTH:
        raise ConfigError(f"{name} must be at least {MIN_MCP_TOKEN_LENGTH} characters long.")
    if not _BEARER_TOKEN.match(value):
        # An HTTP header carries only visible ASCII (a client sends anything else as UTF-8 bytes or refuses it),
        # so any other character makes a token that no caller can ever present.
        raise ConfigError(
            f"{name} must be visible ASCII without spaces (letters, digits, punctuation), e.g. from "
            "`openssl rand -hex 32`: no caller could present any other character in an HTTP header."
        )
    return value


def _basic_auth(value: str) -> tuple[str, str]:
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ConfigError(f"{ENV_BASIC_AUTH} must be 'user:password' with both parts non-empty.")
    return user, password


def _base_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{ENV_BASE_URL} must be an http(s) URL such as {DEFAULT_BASE_URL}.")
    # "?" and "#" are refused even with nothing after them: urlsplit reports an empty query or fragment then,
    # but every request path would still be appended after them.
    if parts.username or parts.password or "?" in value or "#" in value:
        raise ConfigError(f"{ENV_BASE_URL} must not carry credentials, a query or a fragment.")
    path = f"{parts.path.rstrip('/')}/"
    if "/api/" in path:  # an /api segment anywhere: the suggestion stops before the first one
        origin = f"{parts.scheme}://{parts.netloc}{path[: path.index('/api/')]}"
        raise ConfigError(
            f"{ENV_BASE_URL} must stop before /api (every request path already starts with it): use {origin}."
        )
    return value.rstrip("/")


def _cache_url(value: str, ttl: float) -> str | None:
    """The shared cache's Redis URL, checked without ever quoting it (it may carry a password)."""
    if not value:
        return None
    try:
        parts = urlsplit(value)
        _ = parts.port  # raises ValueError for a port that is not a number in range
    except ValueError:
        parts = urlsplit("")
    if parts.scheme.lower() not in CACHE_URL_SCHEMES or not parts.hostname:
        raise ConfigError(
            f"{ENV_CACHE_URL} must be a redis:// or rediss:// URL with a host, such as redis://cache.internal:6379/0."
        )
    if ttl == 0:
        raise ConfigError(
            f"{ENV_CACHE_URL} is set, but {ENV_CACHE_TTL}=0 disables caching, so it would never be used: unset one."
        )
    return value


def _api_version(value: str) -> str:
    if not _VERSION.match(value):
        raise ConfigError(f"{ENV_API_VERSION} must be a date like {DEFAULT_API_VERSION}.")
    return value


def _timeout(value: str) -> float:
    if not value:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise ConfigError(f"{ENV_TIMEOUT} must be a number of seconds, e.g. 30.") from None
    if not 0 < seconds <= MAX_TIMEOUT:
        raise ConfigError(f"{ENV_TIMEOUT} must be more than 0 and at most {MAX_TIMEOUT:g} seconds.")
    return seconds


_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off", "")


def _switch(environ: Mapping[str, str], name: str) -> bool:
    """An on/off variable: true, 1, yes, on or false, 0, no, off (any case); unset or empty is off."""
    value = environ.get(name, "").strip().lower()
    if value not in _TRUE + _FALSE:
        raise ConfigError(f"{name} must be true or false (or unset for false).")
    return value in _TRUE


def _count(environ: Mapping[str, str], name: str, default: int, most: int, *, least: int = 0) -> int:
    value = environ.get(name, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or not least <= int(value) <= most:
        raise ConfigError(f"{name} must be a whole number from {least} to {most}, e.g. {default}.")
    return int(value)


def _number(environ: Mapping[str, str], name: str, default: float, most: float, *, zero_ok: bool = False) -> float:
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number, e.g. {default:g}.") from None
    least = "at least 0" if zero_ok else "more than 0"
    if not (0 <= number <= most if zero_ok else 0 < number <= most):  # also refuses nan
        raise ConfigError(f"{name} must be {least} and at most {most:g}.")
    return number
