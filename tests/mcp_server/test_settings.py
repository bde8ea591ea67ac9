from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from polytomic_mcp.settings import (
    DEFAULT_API_VERSION,
    DEFAULT_BASE_URL,
    AuthMode,
    ConfigError,
    HttpOptions,
    Settings,
    environment_help,
)
from tests.snapshots import assert_json_snapshot

KEY = "pk_live_0123456789abcdef"


def test_api_key_alone_gives_bearer_settings_with_documented_defaults() -> None:
    settings = Settings.from_env({"POLYTOMIC_API_KEY": KEY})
    assert settings.api_key == KEY and settings.basic_auth is None
    assert settings.base_url == DEFAULT_BASE_URL
    assert settings.api_version == DEFAULT_API_VERSION == "2025-09-18"
    assert settings.timeout == 30.0


def test_basic_auth_splits_at_the_first_colon() -> None:
    settings = Settings.from_env({"POLYTOMIC_BASIC_AUTH": "deploy:pa:ss", "POLYTOMIC_BASE_URL": "https://pt.example/"})
    assert settings.basic_auth == ("deploy", "pa:ss")
    assert settings.base_url == "https://pt.example"


def test_sandbox_needs_no_credentials_but_still_validates_version_and_timeout() -> None:
    assert Settings.from_env({}, sandbox=True).sandbox
    with pytest.raises(ConfigError, match="POLYTOMIC_TIMEOUT"):
        Settings.from_env({"POLYTOMIC_TIMEOUT": "soon"}, sandbox=True)


@pytest.mark.parametrize(
    ("environ", "names"),
    [
        ({}, "POLYTOMIC_API_KEY"),
        ({}, "--sandbox"),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASIC_AUTH": "a:b"}, "only one"),
        ({"POLYTOMIC_BASIC_AUTH": "nocolon"}, "user:password"),
        ({"POLYTOMIC_BASIC_AUTH": ":pw"}, "user:password"),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": "ftp://x"}, "POLYTOMIC_BASE_URL"),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": "https://u:p@x.example"}, "credentials"),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_API_VERSION": "latest"}, "POLYTOMIC_API_VERSION"),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_TIMEOUT": "0"}, "POLYTOMIC_TIMEOUT"),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_TIMEOUT": "-3"}, "POLYTOMIC_TIMEOUT"),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_TIMEOUT": "nan"}, "POLYTOMIC_TIMEOUT"),
    ],
)
def test_bad_environment_is_refused_naming_what_to_fix(environ: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigError, match=names.replace("-", r"\-")) as caught:
        Settings.from_env(environ)
    assert KEY not in str(caught.value)


def test_repr_never_shows_secrets() -> None:
    for settings in (
        Settings.from_env({"POLYTOMIC_API_KEY": KEY}),
        Settings.from_env({"POLYTOMIC_BASIC_AUTH": "u:" + KEY}),
    ):
        assert KEY not in repr(settings) and KEY not in str(settings)


def test_cache_deadline_and_size_limits_have_documented_defaults_and_read_from_the_environment() -> None:
    assert Settings.from_env({"POLYTOMIC_API_KEY": KEY}) == Settings(api_key=KEY)
    defaults = Settings(api_key=KEY)
    assert (defaults.cache_ttl, defaults.cache_max_mb, defaults.call_deadline, defaults.max_response_mb) == (
        60.0,
        128.0,
        20.0,
        64.0,
    )
    environ = {
        "POLYTOMIC_CACHE_TTL": "0",
        "POLYTOMIC_CACHE_MAX_MB": "16",
        "POLYTOMIC_CALL_DEADLINE": "5.5",
        "POLYTOMIC_MAX_RESPONSE_MB": "200",
    }
    settings = Settings.from_env(environ, sandbox=True)
    assert (settings.cache_ttl, settings.cache_max_mb, settings.call_deadline, settings.max_response_mb) == (
        0.0,
        16.0,
        5.5,
        200.0,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("POLYTOMIC_CACHE_TTL", "-1"),
        ("POLYTOMIC_CACHE_TTL", "a minute"),
        ("POLYTOMIC_CACHE_MAX_MB", "0"),
        ("POLYTOMIC_CALL_DEADLINE", "0"),
        ("POLYTOMIC_CALL_DEADLINE", "nan"),
        ("POLYTOMIC_CALL_DEADLINE", "601"),
        ("POLYTOMIC_MAX_RESPONSE_MB", "-3"),
        ("POLYTOMIC_MAX_RESPONSE_MB", "inf"),
    ],
)
def test_an_unusable_limit_is_refused_naming_its_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({"POLYTOMIC_API_KEY": KEY, name: value})


@pytest.mark.parametrize(("raw", "retries"), [("", 5), ("0", 0), ("20", 20)])
def test_max_retries_is_a_small_whole_number(raw: str, retries: int) -> None:
    assert Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_MAX_RETRIES": raw}).max_retries == retries


@pytest.mark.parametrize("raw", ["-1", "21", "1.5", "²", "many"])
def test_an_odd_max_retries_is_refused_naming_the_variable(raw: str) -> None:
    with pytest.raises(ConfigError, match="POLYTOMIC_MAX_RETRIES"):
        Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_MAX_RETRIES": raw})


@pytest.mark.parametrize(("value", "seconds"), [("2.5", 2.5), (" 600 ", 600.0), ("0.001", 0.001), ("", 30.0)])
def test_timeout_accepts_seconds_up_to_ten_minutes(value: str, seconds: float) -> None:
    assert Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_TIMEOUT": value}).timeout == seconds


@pytest.mark.parametrize("value", ["600.5", "inf"])
def test_timeout_above_ten_minutes_is_refused(value: str) -> None:
    with pytest.raises(ConfigError, match="at most 600 seconds"):
        Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_TIMEOUT": value})


@pytest.mark.parametrize(
    ("settings", "text"),
    [
        (
            Settings(api_key=KEY),
            "Settings(auth=api_key, base_url='https://app.polytomic.com', api_version='2025-09-18', timeout=30.0)",
        ),
        (
            Settings(basic_auth=("u", KEY), base_url="https://pt.example", timeout=5),
            "Settings(auth=basic_auth, base_url='https://pt.example', api_version='2025-09-18', timeout=5)",
        ),
        (
            Settings(),
            "Settings(auth=none, base_url='https://app.polytomic.com', api_version='2025-09-18', timeout=30.0)",
        ),
        (
            Settings.from_env({"POLYTOMIC_API_VERSION": "2024-02-08", "POLYTOMIC_TIMEOUT": "9"}, sandbox=True),
            "Settings(sandbox=True, api_version='2024-02-08', timeout=9.0)",
        ),
    ],
)
def test_repr_names_the_kind_of_credentials_and_the_rest_of_the_configuration(settings: Settings, text: str) -> None:
    assert repr(settings) == text


@pytest.mark.parametrize("url", ["http://localhost:8080", "https://pt.example/polytomic/", "https://PT.BOX/"])
def test_an_http_or_https_base_url_is_kept_without_its_trailing_slash(url: str) -> None:
    assert Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": url}).base_url == url.rstrip("/")


@pytest.mark.parametrize(
    "url",
    ["https://pt.example/API", "https://pt.example/v2/API/", "https://pt.example/apiX/", "https://pt.example/XX/apiXX",
     "https://pt.example/rapid/api-docs"],
)  # fmt: skip
def test_a_base_url_whose_path_only_looks_like_api_is_kept(url: str) -> None:
    assert Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": url}).base_url == url.rstrip("/")


@pytest.mark.parametrize(
    "url",
    ["https://user@pt.example", "https://:pw@pt.example", "https://pt.example/?a=1", "https://pt.example/#x",
     "https://pt.example/?", "https://pt.example/polytomic#", "https://pt.example/api ?"],
)  # fmt: skip
def test_a_base_url_with_any_credential_query_or_fragment_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="must not carry credentials, a query or a fragment"):
        Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": url})


def test_the_no_credentials_message_names_both_variables_and_the_sandbox() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({})
    assert str(caught.value) == (
        "No Polytomic credentials: set POLYTOMIC_API_KEY (an API key) or POLYTOMIC_BASIC_AUTH (user:password, the "
        "deployment key of an on-premises install), or run with --sandbox (or POLYTOMIC_SANDBOX=true) to use the "
        "built-in sandbox API."
    )


@pytest.mark.parametrize("value", ["true", "TRUE", " 1 ", "yes", "on"])
def test_polytomic_sandbox_true_is_the_sandbox_flag_for_clients_that_set_variables_not_arguments(value: str) -> None:
    assert Settings.from_env({"POLYTOMIC_SANDBOX": value}) == Settings.from_env({}, sandbox=True)
    with pytest.raises(ConfigError, match="POLYTOMIC_API_KEY is set, but the sandbox"):
        Settings.from_env({"POLYTOMIC_SANDBOX": value, "POLYTOMIC_API_KEY": KEY})


@pytest.mark.parametrize("value", ["false", "0", "no", "off", "", "  "])
def test_polytomic_sandbox_false_or_empty_leaves_it_to_the_flag(value: str) -> None:
    assert not Settings.from_env({"POLYTOMIC_SANDBOX": value, "POLYTOMIC_API_KEY": KEY}).sandbox
    assert Settings.from_env({"POLYTOMIC_SANDBOX": value}, sandbox=True).sandbox


def test_a_polytomic_sandbox_that_is_not_true_or_false_is_refused_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"^POLYTOMIC_SANDBOX must be true or false \(or unset for false\)\.$"):
        Settings.from_env({"POLYTOMIC_SANDBOX": "sandbox", "POLYTOMIC_API_KEY": KEY})


def test_a_short_basic_auth_user_is_not_scrubbed_as_a_secret_but_its_password_is() -> None:
    secrets = Settings(basic_auth=("ops", "deployment-password")).secrets
    assert "ops" not in secrets and "deployment-password" in secrets and "ops:deployment-password" in secrets


def test_an_unknown_auth_mode_is_refused_naming_the_modes() -> None:
    with pytest.raises(ConfigError, match="Unknown auth mode 'open'; use one of: none, shared, passthrough"):
        Settings.from_env({"POLYTOMIC_API_KEY": KEY}, auth_mode="open")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"host": " "}, "--host must not be empty"),
        ({"host": "127.0.0.1", "allowed_hosts": ["a b"]}, "--allowed-host 'a b' must be a Host header value"),
        ({"host": "127.0.0.1", "allowed_hosts": [""]}, "--allowed-host '' must be"),
        ({"host": "127.0.0.1", "allowed_origins": ["app.example.com"]}, "--allowed-origin 'app.example.com' must"),
    ],
)
def test_http_options_refuse_what_would_not_work(options: dict[str, object], message: str) -> None:
    from polytomic_mcp.settings import HttpOptions

    with pytest.raises(ConfigError, match=re.escape(message)):
        HttpOptions.checked(port=8000, auth_mode="none", **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("host", "loopback"), [("localhost", True), ("LOCALHOST", True), ("127.0.0.2", True), ("::1", True),
                           ("10.0.0.1", False), ("mcp.example.com", False), ("0.0.0.0", False)],
)  # fmt: skip
def test_only_addresses_reachable_from_this_machine_alone_count_as_loopback(host: str, loopback: bool) -> None:
    from polytomic_mcp.settings import is_loopback

    assert is_loopback(host) is loopback


TOKEN = "team-token-0123456789abcdef0123456789abcdef"
NO_AUTH_REFUSAL = (
    "Refusing to listen on {!r} without authentication: anyone who can reach it could use it. Pass --auth shared "
    "(callers present POLYTOMIC_MCP_TOKEN) or --auth passthrough (callers present their own Polytomic API key), "
    "or bind to 127.0.0.1."
)


@pytest.mark.parametrize(
    ("arguments", "options"),
    [
        ({"host": "127.0.0.1", "port": 8000, "auth_mode": "none"}, HttpOptions()),
        ({"host": " [::1] ", "port": 0, "auth_mode": "none"}, HttpOptions("::1", 0)),
        ({"host": "localhost", "port": 65535, "auth_mode": "none"}, HttpOptions("localhost", 65535)),
        ({"host": "0.0.0.0", "port": 1, "auth_mode": "shared"}, HttpOptions("0.0.0.0", 1)),
        ({"host": "[fd00::1]", "port": 8000, "auth_mode": "passthrough"}, HttpOptions("fd00::1", 8000)),
        (
            {
                "host": "mcp.example.com",
                "port": 443,
                "auth_mode": "shared",
                "allowed_hosts": ["mcp.example.com", "mcp.example.com:443", "[fd00::1]:8000"],
                "allowed_origins": [
                    "https://app.example.com/",
                    "http://localhost:5173",
                    "https://[fd00::1]:8443",
                    "https://INTRANET.BOX",
                ],
            },
            HttpOptions(
                "mcp.example.com",
                443,
                ("mcp.example.com", "mcp.example.com:443", "[fd00::1]:8000"),
                ("https://app.example.com", "http://localhost:5173", "https://[fd00::1]:8443", "https://INTRANET.BOX"),
            ),
        ),
    ],
)
def test_http_options_keep_what_they_are_given_once_checked(arguments: dict[str, Any], options: HttpOptions) -> None:
    assert HttpOptions.checked(**arguments) == options


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"host": "", "port": 8000, "auth_mode": "shared"}, "--host must not be empty."),
        ({"host": " [] ", "port": 8000, "auth_mode": "shared"}, "--host must not be empty."),
        ({"host": "127.0.0.1", "port": -1}, "--port must be between 0 and 65535 (0 picks a free port)."),
        ({"host": "127.0.0.1", "port": 65536}, "--port must be between 0 and 65535 (0 picks a free port)."),
        ({"host": "0.0.0.0", "port": 8000}, NO_AUTH_REFUSAL.format("0.0.0.0")),
        ({"host": "[::]", "port": 8000}, NO_AUTH_REFUSAL.format("::")),
        ({"host": " mcp.example.com", "port": 8000}, NO_AUTH_REFUSAL.format("mcp.example.com")),
        *[
            (
                {"host": "127.0.0.1", "port": 8000, "allowed_origins": ["https://ok.example", origin]},
                f"--allowed-origin {origin!r} must look like https://app.example.com[:port].",
            )
            for origin in ("app.example.com", "ftp://app.example.com", "https://", "https://app.example.com/x", "")
        ],
        *[
            (
                {"host": "127.0.0.1", "port": 8000, "allowed_hosts": ["ok.example", allowed]},
                f"--allowed-host {allowed!r} must be a Host header value such as mcp.example.com.",
            )
            for allowed in ("", "mcp.example.com/", "mcp example.com")
        ],
    ],
)
def test_http_options_refuse_what_would_not_work_with_the_whole_reason(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        HttpOptions.checked(**{"auth_mode": "none", **arguments})
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("environ", "auth_mode", "settings"),
    [
        (
            {"POLYTOMIC_API_KEY": f" {KEY} ", "POLYTOMIC_BASE_URL": " https://pt.example/ "},
            "none",
            Settings(api_key=KEY, base_url="https://pt.example"),
        ),
        (
            {"POLYTOMIC_BASIC_AUTH": " deploy:pw ", "POLYTOMIC_API_VERSION": " 2024-02-08 "},
            "none",
            Settings(basic_auth=("deploy", "pw"), api_version="2024-02-08"),
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_MCP_TOKEN": f" {TOKEN} "},
            "shared",
            Settings(api_key=KEY, auth_mode="shared", mcp_token=TOKEN),
        ),
        (
            {"POLYTOMIC_MCP_TOKEN": TOKEN, "POLYTOMIC_API_KEY": KEY, "POLYTOMIC_TIMEOUT": "7"},
            "shared",
            Settings(api_key=KEY, auth_mode="shared", mcp_token=TOKEN, timeout=7.0),
        ),
        (
            {"POLYTOMIC_BASE_URL": " https://pt.example/ ", "POLYTOMIC_CACHE_TTL": "0"},
            "passthrough",
            Settings(auth_mode="passthrough", base_url="https://pt.example", cache_ttl=0.0),
        ),
    ],
)
def test_each_auth_mode_reads_only_the_variables_it_uses(
    environ: dict[str, str], auth_mode: AuthMode, settings: Settings
) -> None:
    assert Settings.from_env(environ, auth_mode=auth_mode) == settings


def test_the_sandbox_ignores_credentials_and_the_base_url_but_keeps_the_auth_mode_and_limits() -> None:
    environ = {
        "POLYTOMIC_BASE_URL": "https://pt.example",
        "POLYTOMIC_MCP_TOKEN": TOKEN,
        "POLYTOMIC_API_VERSION": "2024-02-08",
        "POLYTOMIC_TIMEOUT": "9",
        "POLYTOMIC_CACHE_TTL": "5",
        "POLYTOMIC_CACHE_MAX_MB": "16",
        "POLYTOMIC_CALL_DEADLINE": "600",
        "POLYTOMIC_MAX_RETRIES": "2",
        "POLYTOMIC_MAX_RESPONSE_MB": "16384",
    }
    assert Settings.from_env(environ, sandbox=True, auth_mode="shared") == Settings(
        sandbox=True,
        auth_mode="shared",
        mcp_token=TOKEN,
        api_version="2024-02-08",
        timeout=9.0,
        cache_ttl=5.0,
        cache_max_mb=16.0,
        call_deadline=600.0,
        max_retries=2,
        max_response_mb=16384.0,
    )
    assert Settings.from_env({}, sandbox=True, auth_mode="passthrough") == Settings(
        sandbox=True, auth_mode="passthrough"
    )


@pytest.mark.parametrize(
    ("environ", "sandbox", "auth_mode", "message"),
    [
        ({"POLYTOMIC_API_KEY": KEY}, True, "none",
         "POLYTOMIC_API_KEY is set, but the sandbox (--sandbox or POLYTOMIC_SANDBOX) answers from the built-in "
         "sandbox API and never uses it: unset it, or turn the sandbox off to call Polytomic with it."),
        ({"POLYTOMIC_BASIC_AUTH": "a:b", "POLYTOMIC_MCP_TOKEN": TOKEN}, True, "shared",
         "POLYTOMIC_BASIC_AUTH is set, but the sandbox (--sandbox or POLYTOMIC_SANDBOX) answers from the built-in "
         "sandbox API and never uses it: unset it, or turn the sandbox off to call Polytomic with it."),
        ({"POLYTOMIC_API_KEY": KEY}, False, "passthrough",
         "POLYTOMIC_API_KEY is set, but --auth passthrough calls Polytomic with each caller's own key and never uses "
         "it: unset it, or use --auth shared to call Polytomic with it."),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_MCP_TOKEN": TOKEN}, False, "none",
         "POLYTOMIC_MCP_TOKEN is set, but only serve --transport http --auth shared asks callers for it (this server "
         "would not): pass --transport http --auth shared, or unset it."),
        ({"POLYTOMIC_MCP_TOKEN": TOKEN}, False, "passthrough",
         "POLYTOMIC_MCP_TOKEN is set, but only serve --transport http --auth shared asks callers for it (this server "
         "would not): pass --transport http --auth shared, or unset it."),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": "https://app.polytomic.com/api"}, False, "none",
         "POLYTOMIC_BASE_URL must stop before /api (every request path already starts with it): use "
         "https://app.polytomic.com."),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": "https://pt.example/polytomic/api/connections"}, False,
         "none", "POLYTOMIC_BASE_URL must stop before /api (every request path already starts with it): use "
                 "https://pt.example/polytomic."),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": "https://pt.example/api-gateway/api/"}, False, "none",
         "POLYTOMIC_BASE_URL must stop before /api (every request path already starts with it): use "
         "https://pt.example/api-gateway."),
        ({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": "https://pt.example/api/apiary/api"}, False, "none",
         "POLYTOMIC_BASE_URL must stop before /api (every request path already starts with it): use "
         "https://pt.example."),
    ],
)  # fmt: skip
def test_a_setting_this_way_of_serving_would_ignore_is_named_with_its_fix(
    environ: dict[str, str], sandbox: bool, auth_mode: AuthMode, message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(environ, sandbox=sandbox, auth_mode=auth_mode)
    assert str(caught.value) == message


NOT_ASCII = (
    "POLYTOMIC_MCP_TOKEN must be visible ASCII without spaces (letters, digits, punctuation), e.g. from `openssl "
    "rand -hex 32`: no caller could present any other character in an HTTP header."
)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({}, "--auth shared needs POLYTOMIC_MCP_TOKEN: the bearer token callers must present (at least 32 characters, "
             "e.g. from `openssl rand -hex 32`)."),
        ({"POLYTOMIC_MCP_TOKEN": "   "}, "--auth shared needs POLYTOMIC_MCP_TOKEN: the bearer token callers must "
                                         "present (at least 32 characters, e.g. from `openssl rand -hex 32`)."),
        ({"POLYTOMIC_MCP_TOKEN": TOKEN[:31]}, "POLYTOMIC_MCP_TOKEN must be at least 32 characters long."),
        ({"POLYTOMIC_MCP_TOKEN": "ö" * 32}, NOT_ASCII),
        ({"POLYTOMIC_MCP_TOKEN": TOKEN[:16] + " " + TOKEN[:16]}, NOT_ASCII),
        ({"POLYTOMIC_MCP_TOKEN": TOKEN[:31] + "\x7f"}, NOT_ASCII),
    ],
)  # fmt: skip
def test_shared_auth_needs_a_long_enough_token_that_a_header_can_carry(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(environ, sandbox=True, auth_mode="shared")
    assert str(caught.value) == message
    assert (
        Settings.from_env({"POLYTOMIC_MCP_TOKEN": TOKEN[:32]}, sandbox=True, auth_mode="shared").mcp_token
        == (TOKEN[:32])
    )


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASIC_AUTH": "a:b"},
            "Set only one of POLYTOMIC_API_KEY (bearer API key) and POLYTOMIC_BASIC_AUTH (user:password).",
        ),
        (
            {"POLYTOMIC_BASIC_AUTH": "deploy:"},
            "POLYTOMIC_BASIC_AUTH must be 'user:password' with both parts non-empty.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": "https:///nohost"},
            "POLYTOMIC_BASE_URL must be an http(s) URL such as https://app.polytomic.com.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": "pt.example"},
            "POLYTOMIC_BASE_URL must be an http(s) URL such as https://app.polytomic.com.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_API_VERSION": "2024-02-08x"},
            "POLYTOMIC_API_VERSION must be a date like 2025-09-18.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_TIMEOUT": "soon"},
            "POLYTOMIC_TIMEOUT must be a number of seconds, e.g. 30.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_TIMEOUT": "0"},
            "POLYTOMIC_TIMEOUT must be more than 0 and at most 600 seconds.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_MAX_RETRIES": "21"},
            "POLYTOMIC_MAX_RETRIES must be a whole number from 0 to 20, e.g. 5.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_CACHE_TTL": "a minute"},
            "POLYTOMIC_CACHE_TTL must be a number, e.g. 60.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_CACHE_TTL": "-0.5"},
            "POLYTOMIC_CACHE_TTL must be at least 0 and at most 86400.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_CACHE_TTL": "86400.5"},
            "POLYTOMIC_CACHE_TTL must be at least 0 and at most 86400.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_CACHE_TTL": "nan"},
            "POLYTOMIC_CACHE_TTL must be at least 0 and at most 86400.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_CACHE_MAX_MB": "0"},
            "POLYTOMIC_CACHE_MAX_MB must be more than 0 and at most 16384.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_CALL_DEADLINE": "600.5"},
            "POLYTOMIC_CALL_DEADLINE must be more than 0 and at most 600.",
        ),
        (
            {"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_MAX_RESPONSE_MB": "many"},
            "POLYTOMIC_MAX_RESPONSE_MB must be a number, e.g. 64.",
        ),
    ],
)
def test_a_bad_variable_is_refused_with_the_whole_reason(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(environ)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("name", "value", "field", "number"),
    [
        ("POLYTOMIC_CACHE_TTL", " 86400 ", "cache_ttl", 86400.0),
        ("POLYTOMIC_CACHE_TTL", "0", "cache_ttl", 0.0),
        ("POLYTOMIC_CACHE_TTL", "", "cache_ttl", 60.0),
        ("POLYTOMIC_CACHE_MAX_MB", "0.5", "cache_max_mb", 0.5),
        ("POLYTOMIC_CACHE_MAX_MB", "16384", "cache_max_mb", 16384.0),
        ("POLYTOMIC_CALL_DEADLINE", "600", "call_deadline", 600.0),
        ("POLYTOMIC_CALL_DEADLINE", " ", "call_deadline", 20.0),
        ("POLYTOMIC_MAX_RESPONSE_MB", "0.001", "max_response_mb", 0.001),
        ("POLYTOMIC_MAX_RETRIES", " 3 ", "max_retries", 3),
    ],
)
def test_a_limit_is_read_up_to_and_including_its_bounds(name: str, value: str, field: str, number: float) -> None:
    assert getattr(Settings.from_env({"POLYTOMIC_API_KEY": KEY, name: value}), field) == number


def test_repr_names_the_auth_mode_when_there_is_one() -> None:
    assert repr(Settings(auth_mode="passthrough", base_url="https://pt.example")) == (
        "Settings(auth=none, auth_mode='passthrough', base_url='https://pt.example', api_version='2025-09-18', "
        "timeout=30.0)"
    )
    assert repr(Settings(sandbox=True, auth_mode="shared", mcp_token=TOKEN)) == (
        "Settings(sandbox=True, auth_mode='shared', api_version='2025-09-18', timeout=30.0)"
    )


def test_every_variable_the_settings_read_is_in_the_one_table_help_and_readme_come_from() -> None:
    from polytomic_mcp import settings

    names = {value for key, value in vars(settings).items() if key.startswith("ENV_")}
    assert names == {variable.name for variable in settings.ENVIRONMENT}
    assert all(variable.name in settings.environment_help() for variable in settings.ENVIRONMENT)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = settings.environment_table()
    assert table in readme, f"README's Configuration table is not settings.ENVIRONMENT's; it should read:\n{table}"


def test_help_shows_each_variable_wrapped_without_markdown_and_with_its_default_as_reviewed() -> None:
    text = environment_help()
    assert text.startswith("configuration (environment variables):\n  POLYTOMIC_API_KEY  Polytomic API key")
    assert max(len(line) for line in text.splitlines()) <= 116 and "`" not in text and "—" not in text
    assert_json_snapshot("cli/environment", text.splitlines())


SCRAPER_TOKEN = "scraper-token-0123456789abcdef0123456789"


@pytest.mark.parametrize(
    ("auth_mode", "environ", "access", "token"),
    [
        ("shared", {}, "protected", None),
        ("passthrough", {}, "protected", None),  # served only with a token of its own (http.serves_metrics)
        ("none", {"POLYTOMIC_METRICS": " Public "}, "public", None),
        ("shared", {"POLYTOMIC_METRICS": "off"}, "off", None),
        ("passthrough", {"POLYTOMIC_METRICS": "protected", "POLYTOMIC_METRICS_TOKEN": SCRAPER_TOKEN}, "protected",
         SCRAPER_TOKEN),
    ],
)  # fmt: skip
def test_who_may_read_metrics_comes_from_the_environment(
    auth_mode: str, environ: dict[str, str], access: str, token: str | None
) -> None:
    options = HttpOptions.checked(host="127.0.0.1", port=0, auth_mode=auth_mode, environ=environ)  # type: ignore[arg-type]
    assert (options.metrics, options.metrics_token) == (access, token)
    assert SCRAPER_TOKEN not in repr(options)


@pytest.mark.parametrize(
    ("auth_mode", "environ", "message"),
    [
        ("shared", {"POLYTOMIC_METRICS": "yes"}, "POLYTOMIC_METRICS must be one of protected, public, off (or unset "
         "for protected)."),
        ("passthrough", {"POLYTOMIC_METRICS": "protected"}, "POLYTOMIC_METRICS=protected with --auth passthrough needs "
         "POLYTOMIC_METRICS_TOKEN: callers' tokens are their own Polytomic keys, which this server cannot check. Set "
         "it (32+ characters, e.g. from `openssl rand -hex 32`), or set POLYTOMIC_METRICS=public or off."),
        ("shared", {"POLYTOMIC_METRICS": "public", "POLYTOMIC_METRICS_TOKEN": SCRAPER_TOKEN}, "POLYTOMIC_METRICS_TOKEN "
         "is set, but POLYTOMIC_METRICS=public never asks for it: unset one of them."),
        ("none", {"POLYTOMIC_METRICS": " Off ", "POLYTOMIC_METRICS_TOKEN": SCRAPER_TOKEN}, "POLYTOMIC_METRICS_TOKEN "
         "is set, but POLYTOMIC_METRICS=off never asks for it: unset one of them."),
        ("shared", {"POLYTOMIC_METRICS_TOKEN": "short"}, "POLYTOMIC_METRICS_TOKEN must be at least 32 characters "
         "long."),
    ],
)  # fmt: skip
def test_a_metrics_setting_that_cannot_work_is_refused(auth_mode: str, environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        HttpOptions.checked(host="127.0.0.1", port=0, auth_mode=auth_mode, environ=environ)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_the_shared_caches_redis_url_is_read_trimmed_and_kept_out_of_repr() -> None:
    url = "rediss://:s3cret-pw@cache.internal:6380/0"
    settings = Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_CACHE_URL": f" {url} "})
    assert settings.cache_url == url and "s3cret" not in repr(settings)
    assert Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_CACHE_URL": " "}).cache_url is None
    for mode in ("none", "passthrough"):
        read = Settings.from_env({"POLYTOMIC_CACHE_URL": "REDIS://localhost"}, sandbox=True, auth_mode=mode)
        assert read.cache_url == "REDIS://localhost"


@pytest.mark.parametrize(
    "url",
    [
        "http://:s3cret-pw@cache.internal:6379/0",
        "cache.internal:6379",
        "unix:///run/redis.sock",
        "redis://",
        "redis://:s3cret-pw@cache.internal:port/0",
        "redis://:s3cret-pw@cache.internal:70000/0",
    ],
)
def test_a_shared_cache_url_that_is_not_redis_is_refused_naming_the_setting_and_never_quoting_it(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_CACHE_URL": url})
    assert str(caught.value) == (
        "POLYTOMIC_CACHE_URL must be a redis:// or rediss:// URL with a host, such as redis://cache.internal:6379/0."
    )


def test_a_shared_cache_with_caching_disabled_is_refused_as_a_setting_that_would_never_be_used() -> None:
    with pytest.raises(ConfigError, match="POLYTOMIC_CACHE_URL is set, but POLYTOMIC_CACHE_TTL=0 disables caching"):
        Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_CACHE_URL": "redis://c", "POLYTOMIC_CACHE_TTL": "0"})
