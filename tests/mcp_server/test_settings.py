from __future__ import annotations

import re

import pytest

from mcp_server.settings import DEFAULT_API_VERSION, DEFAULT_BASE_URL, ConfigError, Settings

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


@pytest.mark.parametrize("url", ["http://localhost:8080", "https://pt.example/api/"])
def test_an_http_or_https_base_url_is_kept_without_its_trailing_slash(url: str) -> None:
    assert Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": url}).base_url == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["https://user@pt.example", "https://:pw@pt.example", "https://pt.example/?a=1", "https://pt.example/#x"]
)
def test_a_base_url_with_any_credential_query_or_fragment_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="must not carry credentials, a query or a fragment"):
        Settings.from_env({"POLYTOMIC_API_KEY": KEY, "POLYTOMIC_BASE_URL": url})


def test_the_no_credentials_message_names_both_variables_and_the_sandbox() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({})
    assert str(caught.value) == (
        "No Polytomic credentials: set POLYTOMIC_API_KEY (an API key) or POLYTOMIC_BASIC_AUTH (user:password, the "
        "deployment key of an on-premises install), or run with --sandbox to use the built-in sandbox API."
    )


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
    from mcp_server.settings import HttpOptions

    with pytest.raises(ConfigError, match=re.escape(message)):
        HttpOptions.checked(port=8000, auth_mode="none", **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("host", "loopback"), [("localhost", True), ("LOCALHOST", True), ("127.0.0.2", True), ("::1", True),
                           ("10.0.0.1", False), ("mcp.example.com", False), ("0.0.0.0", False)],
)  # fmt: skip
def test_only_addresses_reachable_from_this_machine_alone_count_as_loopback(host: str, loopback: bool) -> None:
    from mcp_server.settings import is_loopback

    assert is_loopback(host) is loopback
