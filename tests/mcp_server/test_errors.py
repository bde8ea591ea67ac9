from __future__ import annotations

import base64
import dataclasses
import logging
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
from mcp import Client

from polytomic_mcp import metrics
from polytomic_mcp.clients import make_api_client
from polytomic_mcp.errors import sanitize, status_error
from polytomic_mcp.retry_after import MAX_RETRY_AFTER, retry_after_seconds
from polytomic_mcp.sandbox import Sandbox
from polytomic_mcp.sandbox.dataset import FORBIDDEN, LINKEDIN_ADS, SALESFORCE, UNHEALTHY
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings
from tests.mcp_server.conftest import SETTINGS
from tests.mcp_server.support import call_error, call_ok
from tests.snapshots import assert_json_snapshot

pytestmark = pytest.mark.anyio

SECRET = "pk_live_SECRET_0123456789"


def test_sanitize_removes_secrets_urls_and_control_characters_and_bounds_length() -> None:
    text = sanitize(
        f"bad key {SECRET} for https://app.polytomic.com/api/x?k={SECRET}\x1b[31m\nend" + "x" * 500, [SECRET]
    )
    assert SECRET not in text and "https://" not in text and "\x1b" not in text and "\n" not in text
    assert len(text) <= 300


def test_sanitize_redacts_every_occurrence_of_every_secret_and_skips_empty_ones() -> None:
    text = sanitize(f"{SECRET} then {SECRET}; user deploy-user", ["", SECRET, "deploy-user"])
    assert text == "[redacted] then [redacted]; user [redacted]"


def test_sanitize_collapses_whitespace_and_cuts_long_text_with_an_ellipsis() -> None:
    # control characters go first (a secret or URL split by one is still found); tabs and newlines read as spaces
    assert sanitize("  a \t\t b\x00\x00c\x7fd  see https://x.example/a?b=c now") == "a bcd see [url] now"
    cut = sanitize("word " * 100)
    assert len(cut) == 300 and cut.endswith("word…")
    assert sanitize("x" * 298 + " yyyy") == "x" * 298 + "…"  # cut at a space: no space before the ellipsis
    assert sanitize("y" * 300) == "y" * 300  # exactly the limit: kept whole


NOW = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("30", 30),
        (" 7 ", 7),
        (None, None),
        ("", None),
        ("soon", None),
        ("-5", None),
        ("Sat, 28 Nov 2026 12:00:30 GMT", 30),
        ("Sat, 28 Nov 2026 12:01:00 +0000", 60),
        ("Sat, 28 Nov 2026 13:00:30 +0100", 30),
        ("Sat, 28 Nov 2026 12:00:30", 30),  # no timezone at all: read as UTC
        ("Sat, 28 Nov 2026 12:00:30 -0000", 30),  # RFC 2822's "-0000": a date without a known timezone, read as UTC
        ("Sat, 28 Nov 2026 11:59:00 GMT", 0),  # a date already past means: retry now, never a negative wait
    ],
)
def test_retry_after_reads_seconds_and_http_dates(header: str | None, seconds: int | None) -> None:
    assert retry_after_seconds(header, now=NOW) == seconds


def test_retry_after_measures_a_date_from_the_current_time_by_default() -> None:
    in_ninety_seconds = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    assert retry_after_seconds(in_ninety_seconds) in (89, 90)  # the header has whole seconds; a second may pass


async def test_forbidden_connection_says_permissions_not_arguments(mcp_client: Client) -> None:
    text = await call_error(mcp_client, "list_sync_targets", {"connection_id": FORBIDDEN})
    assert "HTTP 403" in text and "will not help" in text


async def test_unknown_connection_says_what_was_not_found(mcp_client: Client) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    text = await call_error(mcp_client, "list_sync_targets", {"connection_id": missing})
    assert f"No connection {missing}" in text


async def test_unhealthy_connection_passes_on_polytomic_s_sanitised_reason(mcp_client: Client) -> None:
    text = await call_error(mcp_client, "list_sync_targets", {"connection_id": UNHEALTHY})
    assert "HTTP 400" in text and "Polytomic said" in text and "unhealthy" in text.lower()


def _mock(handler: Callable[[httpx.Request], httpx.Response], settings: Settings) -> Client:
    """A server whose Polytomic is `handler`; the first answer counts (retries are test_transport.py's)."""
    settings = dataclasses.replace(settings, max_retries=0)
    api = make_api_client(settings, transport=httpx.MockTransport(handler))
    return Client(build_server(settings, api))


async def test_api_key_never_reaches_results_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(api_key=SECRET, base_url="https://polytomic.example")

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == f"Bearer {SECRET}"
        if "properties" in request.url.path:
            raise httpx.ConnectError(f"cannot connect with {SECRET}")
        body = {"status": 400, "message": f"key {SECRET} invalid, see https://x.example/?key={SECRET}"}
        return httpx.Response(400, json=body)

    caplog.set_level(logging.DEBUG)
    async with _mock(handler, settings) as client:
        texts = [
            await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE}),
            await call_error(client, "get_target_creation_values", {"connection_id": SALESFORCE, "property": "x"}),
        ]
    assert "Polytomic said" in texts[0] and "[redacted]" in texts[0] and "[url]" in texts[0]
    assert "Could not connect to the Polytomic API" in texts[1] and "POLYTOMIC_BASE_URL" in texts[1]
    for text in [*texts, caplog.text]:
        assert SECRET not in text


async def test_refused_connection_names_the_base_url_setting_but_not_the_url() -> None:
    with socket.socket() as sock:  # bound but not listening, and held for the whole test: connections are refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        settings = Settings(api_key=SECRET, base_url=f"http://127.0.0.1:{port}", max_retries=0)
        async with Client(build_server(settings)) as client:
            text = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert text.endswith(
        "Could not connect to the Polytomic API (connection refused, or its host name does not resolve). Retry "
        "shortly; if it keeps failing, the person running the server should check POLYTOMIC_BASE_URL."
    )
    assert "127.0.0.1" not in text


async def test_basic_auth_user_and_password_never_reach_results() -> None:
    user, password = "deploy-user", "deploy-password-0123"
    settings = Settings(basic_auth=(user, password), base_url="https://polytomic.example")

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        return httpx.Response(400, json={"status": 400, "message": f"user {user} with password {password} refused"})

    async with _mock(handler, settings) as client:
        text = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert "Polytomic said" in text and user not in text and password not in text
    assert text.count("[redacted]") == 2


@pytest.mark.parametrize("status", [201, 204])
async def test_a_success_status_without_the_documented_body_is_unreadable_not_success(status: int) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"data": []} if status != 204 else None)

    async with _mock(handler, SETTINGS) as client:
        text = await call_error(client, "list_sync_targets", {"connection_id": LINKEDIN_ADS})
    assert text == (
        "Error executing tool list_sync_targets: Polytomic answered with a response this server could not read (not "
        "the JSON the API documents: not the documented answer). This is usually a passing outage or proxy page: "
        "retry in a minute."
    )


async def test_the_configured_host_is_scrubbed_from_what_polytomic_said() -> None:
    settings = Settings(api_key=SECRET, base_url="https://polytomic.acme.example")
    said = "connection is broken; see polytomic.acme.example/api/connections/1 for details"
    async with _mock(_message(400, {"status": 400, "message": said}), settings) as client:
        text = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert 'Polytomic said: "connection is broken; see [url] for details".' in text
    assert "acme" not in text


async def test_an_unreadable_success_body_becomes_an_unreadable_response_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>maintenance</html>", headers={"Content-Type": "text/html"})

    async with _mock(handler, SETTINGS) as client:
        text = await call_error(client, "list_sync_targets", {"connection_id": LINKEDIN_ADS})
    assert "could not read" in text


async def test_polytomic_sandbox_answers_pass_through_ok(mcp_client: Client, sandbox: Sandbox) -> None:
    assert (await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1}))["total"] > 0
    assert len(sandbox.requests) == 1


# Failures a GET retries (429 without a long Retry-After, 502, 503, 504) are covered in test_transport.py.
FAULTS: list[tuple[str, dict[str, object], str]] = [
    ("status", {"status": 401}, "refused this server's API credentials"),
    ("status", {"status": 403}, "HTTP 403"),
    ("status", {"status": 404}, "No connection"),
    ("status", {"status": 400}, "rejected the request (HTTP 400)"),
    ("status", {"status": 429, "retry_after": 30}, "retry after 30 s"),
    ("status", {"status": 500}, "failed to answer (HTTP 500)"),
    ("status", {"status": 503}, "failed to answer (HTTP 503)"),
    ("status", {"status": 429, "retry_after": "Mon, 01 Jan 2001 00:00:00 GMT"}, "retry after 0 s"),
    ("status", {"status": 304}, "unexpected HTTP status 304"),
    ("status", {"status": 307}, "redirect (HTTP 307), which this server does not follow"),
    ("status", {"status": 418}, "rejected the request (HTTP 418)"),
    ("html", {"status": 502}, "HTTP 502"),
    ("malformed_json", {}, "could not read"),
    ("truncated", {}, "Could not reach"),
]


@pytest.mark.parametrize(("kind", "options", "expected"), FAULTS)
async def test_each_upstream_failure_becomes_a_message_with_a_next_step(
    sandbox: Sandbox, kind: str, options: dict[str, object], expected: str
) -> None:
    settings = dataclasses.replace(SETTINGS, max_retries=0)  # the first answer counts (retries: test_transport.py)
    sandbox.faults.inject("list_sync_targets", kind, **options)  # type: ignore[arg-type]
    async with Client(build_server(settings, make_api_client(settings, transport=sandbox.transport()))) as client:
        text = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
        assert expected in text
        assert "Traceback" not in text and "sandbox.polytomic.invalid" not in text
        assert (await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 1}))["total"] > 0


async def test_newer_enum_values_and_unknown_keys_are_tolerated_and_trimmed_away(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    sandbox.faults.inject("list_sync_targets", "unknown_values")
    page = await call_ok(mcp_client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 5})
    assert set(page) == {"targets", "total", "next_cursor"}  # no "meta"
    for target in page["targets"]:
        assert set(target) <= {"id", "name", "modes"}  # no "tags" or "sandbox_rank"
        assert target["modes"]["mirror"] == ["identity"]  # an unknown mode is passed on with its true flags only
        assert all(set(flags) <= {"identity", "per_field", "filters"} for flags in target["modes"].values())


async def test_an_oversized_answer_becomes_one_small_page_with_the_full_total(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    sandbox.faults.inject("list_sync_targets", "oversized")
    result = await mcp_client.call_tool("list_sync_targets", {"connection_id": SALESFORCE})
    page = result.structured_content or {}
    assert not result.is_error and len(page["targets"]) == 50 and page["next_cursor"]
    assert page["total"] >= 10_000
    text = result.content[0].text if result.content[0].type == "text" else ""
    assert len(text.encode()) < 20_000  # the upstream body was megabytes


async def test_a_slow_polytomic_over_a_real_port_times_out_with_a_retry_hint() -> None:
    from polytomic_mcp.sandbox.serve import running

    sandbox = Sandbox()
    sandbox.faults.inject("list_sync_targets", "delay", delay=3)
    with running(sandbox) as url:  # the read timeout ends the call (retrying it is test_transport.py's)
        settings = Settings(api_key=SETTINGS.api_key, base_url=url, timeout=0.3, max_retries=0)
        async with Client(build_server(settings)) as client:
            text = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert "did not answer in time" in text and "POLYTOMIC_TIMEOUT" in text


BASIC = Settings(basic_auth=("deploy-user", "s3cr3t-deployment-key"), base_url="https://polytomic.acme.example")


@pytest.mark.parametrize(
    "leak",
    [
        "deploy-user:s3cr3t-deployment-key",
        "Basic ZGVwbG95LXVzZXI6czNjcjN0LWRlcGxveW1lbnQta2V5",  # base64 of user:password, as the header carries it
        "password s3cr3t-deployment-key",
        "s3cr3t%2Ddeployment-key".replace("%2D", "-"),
        "user deploy-user",
        "twice s3cr3t-deployment-key and s3cr3t-deployment-key",
        "split by a NUL: s3cr3t-\x00deployment-key",
    ],
)
def test_every_form_of_a_basic_credential_is_scrubbed(leak: str) -> None:
    text = sanitize(f"denied: {leak}.", BASIC.secrets, BASIC.hosts)
    for part in ("deploy-user", "s3cr3t", "ZGVwbG95", "deployment-key"):
        assert part not in text, text
    assert "[redacted]" in text


def test_an_api_key_is_scrubbed_raw_percent_encoded_and_after_bearer_everywhere() -> None:
    settings = Settings(api_key="key/with+odd=chars", base_url="https://app.polytomic.com")
    text = sanitize("Bearer key/with+odd=chars, key%2Fwith%2Bodd%3Dchars, key/with+odd=chars", settings.secrets)
    assert "key" not in text.replace("[redacted]", ""), text
    assert text.count("[redacted]") == 3


@pytest.mark.parametrize(
    ("raw", "gone"),
    [
        ("see_https://app.polytomic.com/api/connections/x for details", "polytomic.com"),
        ("at https:\x00//app.polytomic.com/api/x now", "polytomic.com"),
        ("retry app.polytomic.com/api/connections/123 later", "polytomic.com"),
        ("retry APP.POLYTOMIC.COM/api later", "POLYTOMIC"),
        ("proxy http://10.0.0.7:8080/internal?token=abc failed", "10.0.0.7"),
        ("go to //internal.example/x", "internal.example"),
        ("ftp+ssh://host/x and s3://bucket/key", "bucket"),
    ],
)
def test_urls_and_the_configured_host_are_scrubbed_even_when_glued_or_split(raw: str, gone: str) -> None:
    text = sanitize(raw, (), ("app.polytomic.com",))
    assert gone not in text and "[url]" in text, text


def test_sanitize_keeps_ordinary_text_and_turns_line_breaks_into_spaces() -> None:
    assert sanitize("connection 'Legacy CRM' is unhealthy:\n\tError 1045 (28000)") == (
        "connection 'Legacy CRM' is unhealthy: Error 1045 (28000)"
    )


def test_sanitize_bounds_a_huge_message_before_looking_at_it() -> None:
    huge = "a" * 1_000_000 + " https://app.polytomic.com/x " + SECRET
    text = sanitize(huge, [SECRET])
    assert len(text) <= 300 and text.endswith("…")
    assert SECRET not in sanitize("x" * 1_000_000 + SECRET, [SECRET])


def test_the_sandbox_has_no_host_to_scrub_but_a_real_deployment_does() -> None:
    assert Settings(sandbox=True).hosts == ()
    assert BASIC.hosts == ("polytomic.acme.example",)


@pytest.mark.parametrize("auth", ["api_key", "basic_auth"])
async def test_no_log_line_at_any_level_carries_a_credential(caplog: pytest.LogCaptureFixture, auth: str) -> None:
    from polytomic_mcp.sandbox.serve import running

    key, user, password = "pk_live_LOGCHECK_0123456789", "deploy-logcheck", "pw-LOGCHECK-0123456789"
    sandbox = Sandbox(api_key=key, basic_auth=(user, password))
    leak = key if auth == "api_key" else f"{user}:{password}"
    sandbox.faults.inject("list_sync_targets", "status", status=400, message=f"bad credential {leak}")
    caplog.set_level(logging.DEBUG)  # the root logger, so httpx's and httpcore's own DEBUG lines too
    with running(sandbox) as url:
        settings = (
            Settings(api_key=key, base_url=url)
            if auth == "api_key"
            else Settings(basic_auth=(user, password), base_url=url)
        )
        async with Client(build_server(settings)) as client:
            rejected = await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
            await call_ok(client, "list_sync_targets", {"connection_id": SALESFORCE, "limit": 2})
            await call_ok(client, "get_target_creation_values", {"connection_id": LINKEDIN_ADS, "property": "account"})
    assert "[redacted]" in rejected
    assert any(record.name.startswith("httpcore") for record in caplog.records), "httpcore DEBUG lines were captured"
    secrets = [key, password, "ZGVwbG95LWxvZ2NoZWNr", "cGtfbGl2ZV9MT0dDSEVDSw"]
    for record in caplog.records:
        line = record.getMessage()
        assert not any(secret in line for secret in secrets), line


def _message(
    status: int, body: object, headers: dict[str, str] | None = None
) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, json=body, headers=headers)


def _raise(error: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return handler


ERROR_MESSAGES: dict[str, tuple[Callable[[httpx.Request], httpx.Response], str, dict[str, Any]]] = {
    "401": (_message(401, {"status": 401}), "list_sync_targets", {"connection_id": SALESFORCE}),
    "403": (_message(403, {"status": 403}), "list_sync_targets", {"connection_id": SALESFORCE}),
    "404_connection": (_message(404, {"status": 404}), "list_sync_targets", {"connection_id": SALESFORCE}),
    "404_property": (
        _message(404, {"status": 404}),
        "get_target_creation_values",
        {"connection_id": SALESFORCE, "property": "account"},
    ),
    "400_said": (_message(400, {"status": 400, "message": "Zürich: bad\nrequest"}), "list_sync_targets",
                 {"connection_id": SALESFORCE}),
    "400_silent": (_message(400, {"status": 400, "message": ""}), "list_sync_targets", {"connection_id": SALESFORCE}),
    "429_seconds": (_message(429, {"status": 429}, {"Retry-After": "12"}), "list_sync_targets",
                    {"connection_id": SALESFORCE}),
    "429_unknown": (_message(429, {"status": 429}), "list_sync_targets", {"connection_id": SALESFORCE}),
    "502": (_message(502, {"status": 502}), "list_sync_targets", {"connection_id": SALESFORCE}),
    "304": (_message(304, None), "list_sync_targets", {"connection_id": SALESFORCE}),
    "300": (_message(300, {"status": 300}), "list_sync_targets", {"connection_id": SALESFORCE}),
    "404_properties": (_message(404, {"status": 404}), "get_target_creation_values", {"connection_id": SALESFORCE}),
    "timeout": (_raise(httpx.ReadTimeout("slow")), "list_sync_targets", {"connection_id": SALESFORCE}),
    "network": (_raise(httpx.ConnectError("refused")), "list_sync_targets", {"connection_id": SALESFORCE}),
    "unreadable": (_message(200, ["not", "an", "envelope"]), "list_sync_targets", {"connection_id": SALESFORCE}),
}  # fmt: skip


async def test_every_upstream_error_message_matches_its_reviewed_snapshot() -> None:
    """The whole text of each message the model reads after an upstream failure, reviewed as one diff."""
    texts: dict[str, str] = {}
    for name, (handler, tool, arguments) in ERROR_MESSAGES.items():
        async with _mock(handler, SETTINGS) as client:
            texts[name] = await call_error(client, tool, arguments)
    assert_json_snapshot("outputs/error_messages", texts)


async def test_failures_are_logged_by_kind_without_their_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="polytomic_mcp.fetching")
    async with _mock(_raise(httpx.ConnectError(f"no route with {SECRET}")), SETTINGS) as client:
        await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
    async with _mock(_message(200, ["not", "an", "envelope"]), SETTINGS) as client:
        await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
    records = [r for r in caplog.records if r.name == "polytomic_mcp.fetching"]
    assert [(r.levelname, r.getMessage()) for r in records] == [
        ("WARNING", "Could not connect to Polytomic: check POLYTOMIC_BASE_URL"),
        ("WARNING", "Unreadable answer from Polytomic (HTTP 200, at $: expected object, got array)"),
    ]
    assert records[0].exc_info is None and records[1].exc_info is None  # expected failures: one line, no traceback
    assert SECRET not in caplog.text


LOGGED_FAILURES = {
    **ERROR_MESSAGES,
    "500": (_message(500, {"status": 500}), "list_sync_targets", {"connection_id": SALESFORCE}),
    "204": (lambda request: httpx.Response(204), "list_sync_targets", {"connection_id": SALESFORCE}),
}


async def test_each_failure_kind_logs_its_reviewed_lines_at_its_level(caplog: pytest.LogCaptureFixture) -> None:
    """What an operator reads per failure: 5xx, 429 and unreadable answers at WARNING, other statuses at INFO, one
    line each; the traceback of an unreadable answer only in a DEBUG line after it."""
    caplog.set_level(logging.DEBUG, logger="polytomic_mcp.fetching")
    lines: dict[str, list[str]] = {}
    for name, (handler, tool, arguments) in LOGGED_FAILURES.items():
        caplog.clear()
        async with _mock(handler, SETTINGS) as client:
            await call_error(client, tool, arguments)
        lines[name] = [
            f"{r.levelname} {r.getMessage()}{' [traceback]' if r.exc_info else ''}"
            for r in caplog.records
            if r.name == "polytomic_mcp.fetching"
        ]
    assert_json_snapshot("outputs/error_log_lines", lines)


@pytest.mark.parametrize("property", [None, "account"])
async def test_secrets_are_scrubbed_from_both_creation_values_calls(property: str | None) -> None:
    settings = Settings(api_key=SECRET, base_url="https://polytomic.example")
    arguments = {"connection_id": SALESFORCE, **({"property": property} if property else {})}
    async with _mock(_message(400, {"status": 400, "message": f"bad {SECRET}"}), settings) as client:
        text = await call_error(client, "get_target_creation_values", arguments)
    assert 'Polytomic said: "bad [redacted]"' in text


async def test_a_values_answer_without_the_property_id_is_named_after_the_requested_property() -> None:
    body = {"data": {"title": "Ad account", "values": [{"value": "act_1", "label": "Acme (act_1)"}]}}
    async with _mock(_message(200, body), SETTINGS) as client:
        page = await call_ok(client, "get_target_creation_values", {"connection_id": SALESFORCE, "property": "account"})
    assert page == {"property": "account", "title": "Ad account", "values": {"act_1": "Acme"}, "total": 1,
                    "next_cursor": None}  # fmt: skip


def test_a_configured_host_is_replaced_by_the_url_marker_and_the_rest_is_kept() -> None:
    assert sanitize("retry polytomic.acme.example/api/x later", (), ("polytomic.acme.example",)) == "retry [url] later"


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("0000000000005", 5), ("000000000000", 0), (" 42 ", 42), ("999999999", MAX_RETRY_AFTER)],
)
def test_leading_zeros_never_make_a_short_retry_after_look_absurd(header: str, seconds: int) -> None:
    assert retry_after_seconds(header) == seconds


def test_the_guidance_messages_name_the_next_step_whole() -> None:
    from polytomic_mcp.errors import no_new_target, unsupported_mode

    assert no_new_target("c-1") == (
        "Connection c-1 cannot create new targets (or does not exist), so properties cannot describe one. Pass "
        "target with an id from list_sync_targets instead (list_connections lists connection ids)."
    )
    assert str(unsupported_mode("c-1", "mirror", ["update", "create"])) == (
        "No target of connection c-1 supports sync mode 'mirror'; its targets support: create, update. Pass one of "
        "those as mode, or omit mode to list every target."
    )
    assert "its targets support: none." in str(unsupported_mode("c-1", "mirror", []))


def test_the_unsupported_mode_error_names_only_modes_one_could_pass_at_most_twenty_the_rest_counted() -> None:
    from polytomic_mcp.errors import unsupported_mode

    key = "sk_live_0123456789abcdef"
    hostile = ["update", "a\x1b[31mred", "bell\x07", "https://evil.example/x", key, f"x{key}y", "m" * 101, "", "9lives"]
    text = str(unsupported_mode("c-1", "mirror", hostile, secrets=[key]))
    assert text == (
        "No target of connection c-1 supports sync mode 'mirror'; its targets support: update and 8 more. Pass one "
        "of those as mode, or omit mode to list every target."
    )
    many = str(unsupported_mode("c-1", "mirror", [f"mode{n:05d}" for n in range(20_000)]))
    assert len(many) < 600 and "mode00019" in many and "mode00020" not in many and "and 19980 more" in many


@pytest.mark.parametrize(
    ("raw", "scrubbed"),
    [
        ("first http://a.example/x then https://b.example/y done", "first [url] then [url] done"),
        ("go to //internal.example/x", "go to [url]"),
        ("error at ://x now", "error at [url] now"),
        ("//cdn.example/a failed, see:", "[url] failed, see:"),
        ("see:https://a.example/x", "see:[url]"),
    ],
)
def test_each_url_is_replaced_where_it_stands_and_nothing_around_it_is_lost(raw: str, scrubbed: str) -> None:
    assert sanitize(raw) == scrubbed


def test_a_lone_double_slash_is_scrubbed_without_swallowing_the_next_word() -> None:
    assert sanitize("comment // not a link") == "comment [url] not a link"


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_every_redirect_is_reported_as_one_this_server_does_not_follow(status: int) -> None:
    from polytomic_mcp.errors import status_error

    text = str(status_error(status, None, None, "not found", "this connection"))
    assert text == (
        f"Polytomic answered with a redirect (HTTP {status}), which this server does not follow. Changing the "
        "arguments will not help: the person running the server should check POLYTOMIC_BASE_URL."
    )


def test_a_403_names_whose_key_was_refused() -> None:
    from polytomic_mcp.errors import status_error

    servers = str(status_error(403, None, None, "not found", "connection c-1"))
    callers = str(status_error(403, None, None, "not found", "connection c-1", caller_key=True))
    assert servers.startswith("Polytomic denied access (HTTP 403): this server's API key may not read connection c-1.")
    assert callers.startswith(
        "Polytomic denied access (HTTP 403): the API key this call was made with may not read connection c-1."
    )


def test_a_400_that_names_the_api_version_points_at_the_setting_no_argument_can_change() -> None:
    text = str(status_error(400, 'unsupported X-Polytomic-Version "2020-01-01"', None, "-", "this connection"))
    assert text == (
        "Polytomic rejected the request (HTTP 400). Polytomic said: "
        '"unsupported X-Polytomic-Version \\"2020-01-01\\"". No argument changes this: the person running the '
        "server should check POLYTOMIC_API_VERSION."
    )


class Outcomes(metrics.Recorder):
    """The outcome each finished tool call is counted under (the `outcome` label of /metrics' tool-call counter)."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def call_finished(self, tool: str, outcome: metrics.Outcome, seconds: float) -> None:
        self.seen.append(outcome)


@pytest.mark.parametrize(
    ("status", "outcome"),
    [(401, "upstream_4xx"), (403, "upstream_4xx"), (404, "upstream_4xx"), (429, "upstream_4xx"), (400, "upstream_4xx"),
     (502, "upstream_5xx"), (302, "upstream_invalid"), (300, "upstream_invalid")],
)  # fmt: skip
async def test_each_failing_status_is_counted_under_its_outcome_not_as_an_argument_error(
    status: int, outcome: str
) -> None:
    settings = dataclasses.replace(SETTINGS, max_retries=0)
    api = make_api_client(settings, transport=httpx.MockTransport(_message(status, {"status": status})))
    outcomes = Outcomes()
    async with Client(build_server(settings, api, recorder=outcomes)) as client:
        await call_error(client, "list_sync_targets", {"connection_id": SALESFORCE})
    assert outcomes.seen == [outcome]
