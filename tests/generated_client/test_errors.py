"""The generated client's contract for bodies it cannot use (`generated_client/errors.py`), on the wire.

- A 2xx body that is not JSON, too deep, or does not fit its schema raises `UnexpectedPayload` with the status, the
  JSON path of the first bad value, the expected and the received JSON type, and never any text of the body.
- A declared error status whose body is unreadable gives `Response(status_code, parsed=None)`.
- Every decoded string is free of lone surrogates.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import uuid
from typing import Any

import attrs
import httpx
import pytest

from polytomic_sync_client import Client
from polytomic_sync_client.api.model_sync_targets import list_sync_targets
from polytomic_sync_client.errors import MAX_JSON_DEPTH, UnexpectedPayload
from polytomic_sync_client.models import ConnectionResponseEnvelope, TargetObjectsResponseEnvelope
from polytomic_sync_client.types import Response
from tests.generated_client.test_parsing import BASE_URL, CONNECTION_ID, ERROR_STATUSES, OPERATIONS, SPEC, resolve

SECRET = "s3cr3t-body-text"  # planted in bad values: must never reach an error's text


def client_answering(status: int, content: bytes, headers: dict[str, str] | None = None) -> Client:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=content, headers=headers))
    return Client(base_url=BASE_URL, httpx_args={"transport": transport})


def parse_raw(operation_id: str, content: bytes, status: int = 200, headers: dict[str, str] | None = None) -> Any:
    with client_answering(status, content, headers) as client:
        return OPERATIONS[operation_id].call(client)


def parse(operation_id: str, body: Any) -> Any:
    response = parse_raw(operation_id, json.dumps(body).encode())
    assert response.status_code == 200
    return response.parsed


def payload_error(operation_id: str, body: Any) -> UnexpectedPayload:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    with pytest.raises(UnexpectedPayload) as raised:
        parse_raw(operation_id, content)
    return raised.value


def nested(depth: int) -> bytes:
    """A JSON array `depth` levels deep."""
    return b"[" * depth + b"]" * depth


# --- null, missing and unknown ---


RESPONSE_SCHEMAS = sorted(
    name
    for name, schema in SPEC["components"]["schemas"].items()
    if "properties" in schema and name != "ApiError"
    for module in [__import__("polytomic_sync_client.models", fromlist=[name])]
    if hasattr(module, name)
)


@pytest.mark.parametrize("name", [*RESPONSE_SCHEMAS, "ApiError"])
def test_every_response_model_reads_null_at_every_field_as_none(name: str):
    model = getattr(__import__("polytomic_sync_client.models", fromlist=[name]), name)
    properties = SPEC["components"]["schemas"][name]["properties"]

    parsed = model.from_dict(dict.fromkeys(properties))

    values = {field.name: getattr(parsed, field.name) for field in attrs.fields(model)}
    assert values.pop("additional_properties") == {}
    assert set(values.values()) == {None}, values
    assert parsed.to_dict() == dict.fromkeys(properties)


@pytest.mark.parametrize("name", RESPONSE_SCHEMAS)
def test_every_response_property_is_nullable_in_the_spec(name: str):
    for prop, schema in SPEC["components"]["schemas"][name]["properties"].items():
        kinds = schema.get("type", [])
        branches = [resolve(branch).get("type") for branch in schema.get("anyOf", [])]
        assert "null" in kinds or "null" in branches, f"{name}.{prop}"


def test_a_deep_list_of_nulls_missing_fields_and_unknown_fields_parses():
    body = {
        "data": [
            {"id": None, "name": None, "modes": None},
            {"modes": [{"id": "brandNewMode", "requires_identity": None, "x_new": {"a": [1]}}]},
            {},
        ],
        "target_creation": {"supported": None, "properties": [{"values": None}, {"values": [{"label": None}]}]},
        "x_new_top_level": None,
    }

    parsed = parse("list_sync_targets", body)

    assert isinstance(parsed, TargetObjectsResponseEnvelope)
    assert parsed.to_dict() == body


# --- values that fit no branch ---

BAD_VALUES = [
    pytest.param({"data": [{"modes": {}}]}, "$.data[0].modes", "array or null", "object", id="modes-object"),
    pytest.param({"data": [{"modes": SECRET}]}, "$.data[0].modes", "array or null", "string", id="modes-string"),
    pytest.param({"data": SECRET}, "$.data", "array or null", "string", id="data-string"),
    pytest.param({"data": True}, "$.data", "array or null", "boolean", id="data-true"),
    pytest.param({"data": 5}, "$.data", "array or null", "integer", id="data-5"),
    pytest.param({"data": {"k": SECRET}}, "$.data", "array or null", "object", id="data-object"),
    pytest.param({"data": [None]}, "$.data[0]", "object", "null", id="null-item"),
    pytest.param({"data": [{}, {}, {}, {"modes": [None]}]}, "$.data[3].modes[0]", "object", "null", id="null-mode"),
    pytest.param({"data": [{"id": {"a": SECRET}}]}, "$.data[0].id", "string or null", "object", id="id-object"),
    pytest.param({"data": [{"name": [SECRET]}]}, "$.data[0].name", "string or null", "array", id="name-array"),
    pytest.param(
        {"data": [{"modes": [{"requires_identity": SECRET}]}]},
        "$.data[0].modes[0].requires_identity",
        "boolean or null",
        "string",
        id="bool-as-string",
    ),
    pytest.param({"target_creation": []}, "$.target_creation", "object or null", "array", id="creator-array"),
    pytest.param(
        {"target_creation": {"properties": [{"values": [{"value": {}}]}]}},
        "$.target_creation.properties[0].values[0].value",
        "string or null",
        "object",
        id="deep-value",
    ),
    pytest.param([{"data": []}], "$", "object", "array", id="body-array"),
    pytest.param(None, "$", "object", "null", id="body-null"),
]


@pytest.mark.parametrize(("body", "path", "expected", "got"), BAD_VALUES)
def test_a_value_that_fits_no_branch_raises_unexpected_payload_naming_where_and_what(
    body: Any, path: str, expected: str, got: str
):
    error = payload_error("list_sync_targets", body)

    assert (error.status_code, error.path, error.expected, error.got) == (200, path, expected, got)
    assert str(error) == f"HTTP 200: unexpected payload at {path}: expected {expected}, got {got}"
    assert SECRET not in str(error) and SECRET not in repr(error)


def test_unexpected_payload_is_not_a_value_or_type_error():
    assert not issubclass(UnexpectedPayload, (ValueError, TypeError, KeyError))
    assert issubclass(UnexpectedPayload, Exception)


def test_a_bad_value_is_reported_with_its_status_from_every_entry_point():
    body = json.dumps({"data": [{"modes": {}}]}).encode()
    client = client_answering(200, body)

    async def from_async() -> list[UnexpectedPayload]:
        found = []
        for call in (list_sync_targets.asyncio_detailed, list_sync_targets.asyncio):
            with pytest.raises(UnexpectedPayload) as raised:
                await call(CONNECTION_ID, client=client)
            found.append(raised.value)
        return found

    errors = []
    for call in (list_sync_targets.sync_detailed, list_sync_targets.sync):
        with pytest.raises(UnexpectedPayload) as raised:
            call(CONNECTION_ID, client=client)
        errors.append(raised.value)
    errors += asyncio.run(from_async())

    assert [(e.status_code, e.path) for e in errors] == [(200, "$.data[0].modes")] * 4


def test_a_key_of_a_free_form_map_shows_as_a_star_in_the_path():
    error = payload_error("get_sync_target_metadata", {"data": {"configuration": {SECRET: [1]}}})

    assert (error.path, error.expected, error.got) == ("$.data.configuration.*", "object", "array")
    assert SECRET not in str(error)


def test_a_malformed_uuid_or_timestamp_raises_unexpected_payload():
    bad_id = payload_error("get_connection", {"data": {"id": SECRET}})
    bad_time = payload_error("get_connection", {"data": {"created_at": SECRET}})

    assert (bad_id.path, bad_id.expected, bad_id.got) == ("$.data.id", "UUID string", "string")
    assert (bad_time.path, bad_time.expected) == ("$.data.created_at", "date-time string")
    assert SECRET not in str(bad_id) + str(bad_time)


# --- lossless leniency for scalars ---


@pytest.mark.parametrize(("sent", "read"), [(5, "5"), (True, "true"), (False, "false"), (1.5, "1.5"), ("x", "x")])
def test_a_number_or_boolean_where_a_string_is_expected_reads_as_its_json_text(sent: Any, read: str):
    parsed = parse("list_sync_targets", {"data": [{"name": sent, "id": sent}]})

    assert (parsed.data[0].name, parsed.data[0].id) == (read, read)


def test_an_open_enum_reads_a_number_as_an_unknown_string():
    parsed = parse("list_sync_targets", {"data": [{"modes": [{"id": 7}, {"id": "create"}]}]})

    assert [mode.id for mode in parsed.data[0].modes] == ["7", "create"]


@pytest.mark.parametrize(("sent", "read"), [(5, 5), (5.0, 5), (None, None)])
def test_an_integer_field_takes_integers_and_whole_numbers(sent: Any, read: Any):
    parsed = parse("get_connection", {"data": {"api_calls_last_24_hours": sent}})

    assert isinstance(parsed, ConnectionResponseEnvelope)
    assert parsed.data.api_calls_last_24_hours == read  # type: ignore[union-attr]


@pytest.mark.parametrize(("sent", "got"), [("5", "string"), (5.5, "number"), (True, "boolean")])
def test_an_integer_field_refuses_strings_fractions_and_booleans(sent: Any, got: str):
    error = payload_error("get_connection", {"data": {"api_calls_last_24_hours": sent}})

    assert (error.path, error.expected, error.got) == ("$.data.api_calls_last_24_hours", "integer or null", got)


# --- bodies that are not JSON ---

UNREADABLE = [
    pytest.param(b"<html><body>502 Bad Gateway " + SECRET.encode() + b"</body></html>", "a body that is not JSON", id="html"),
    pytest.param(b"upstream timed out " + SECRET.encode(), "a body that is not JSON", id="text"),
    pytest.param(b"", "empty body", id="empty"),
    pytest.param(b"  \n", "empty body", id="blank"),
    pytest.param(b'{"data": [{"id": "' + SECRET.encode(), "a body that is not JSON", id="truncated"),
    pytest.param(b"\xff\xfe\x00garbage", "a body that is not JSON", id="not-utf8"),
    pytest.param(nested(1_000), "deeper nesting", id="1000-deep"),
    pytest.param(nested(100_000), "deeper nesting", id="100000-deep"),
    pytest.param(b'{"data": [], "x": ' + nested(1_000) + b"}", "deeper nesting", id="deep-in-unknown-field"),
]


@pytest.mark.parametrize(("content", "got"), UNREADABLE)
@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_an_unreadable_success_body_raises_unexpected_payload_at_the_root(operation_id: str, content: bytes, got: str):
    error = payload_error(operation_id, content)

    expected = "JSON nested at most 64 levels" if got == "deeper nesting" else "JSON"
    assert (error.status_code, error.path, error.expected, error.got) == (200, "$", expected, got)
    assert str(error) == f"HTTP 200: unexpected payload at $: expected {expected}, got {got}"


@pytest.mark.parametrize("content", [param.values[0] for param in UNREADABLE] + [b"[]", b'{"status": "teapot"}'])
@pytest.mark.parametrize("status", ERROR_STATUSES)
def test_an_unreadable_error_body_keeps_the_status_and_headers_with_nothing_parsed(status: int, content: Any):
    response = parse_raw("list_sync_targets", content, status, headers={"Retry-After": "30"})

    assert isinstance(response, Response)
    assert (response.status_code, response.parsed) == (status, None)
    assert response.headers["Retry-After"] == "30"


def test_an_unreadable_error_body_is_none_from_the_async_client_too():
    async def call() -> Response[Any]:
        async with client_answering(429, b"<html>slow down</html>", {"Retry-After": "7"}) as client:
            return await list_sync_targets.asyncio_detailed(CONNECTION_ID, client=client)

    response = asyncio.run(call())

    assert (response.status_code, response.parsed, response.headers["Retry-After"]) == (429, None, "7")


def free_form_depth(levels: int) -> bytes:
    """A list_sync_targets body whose total nesting is `levels`: the envelope is level 1, an unknown field the rest."""
    return b'{"data": [], "x": ' + nested(levels - 1) + b"}"


def test_nesting_up_to_the_limit_is_accepted_and_one_level_more_is_refused():
    accepted = parse_raw("list_sync_targets", free_form_depth(MAX_JSON_DEPTH))
    assert isinstance(accepted.parsed, TargetObjectsResponseEnvelope)

    error = payload_error("list_sync_targets", free_form_depth(MAX_JSON_DEPTH + 1))
    assert (error.path, error.expected, error.got) == ("$", "JSON nested at most 64 levels", "deeper nesting")


# --- lone surrogates ---


def test_lone_surrogates_are_replaced_in_values_and_keys_and_pairs_are_kept():
    body = rb'{"data": [{"id": "\ud800", "name": "a\udc00b\ud83d\ude00", "\udbff\u00e9": ["\ud800"]}]}'

    parsed = parse_raw("list_sync_targets", body).parsed
    target = parsed.data[0]

    assert (target.id, target.name) == ("\ufffd", "a\ufffdb\U0001f600")
    assert target.additional_properties == {"\ufffd\u00e9": ["\ufffd"]}
    json.dumps(parsed.to_dict(), ensure_ascii=False).encode("utf-8")  # encodable: no surrogate left


def test_surrogates_encoded_as_raw_bytes_are_replaced_too():
    body = b'{"data": [{"id": "\xed\xa0\x80x"}]}'  # a surrogate written as (invalid) UTF-8 bytes

    target = parse_raw("list_sync_targets", body).parsed.data[0]

    assert "\ud800" not in target.id and target.id.endswith("x")


def test_an_error_body_is_decoded_the_same_way():
    body = rb'{"message": "bad \ud800 input", "metadata": {"\udfff": 1}}'

    parsed = parse_raw("get_connection", body, 400).parsed

    assert parsed.message == "bad \ufffd input"
    assert parsed.metadata.additional_properties == {"\ufffd": 1}



@pytest.mark.parametrize("status", [520, 299, 499, 599])
def test_a_status_http_status_does_not_name_still_reaches_the_caller(status: int) -> None:
    from polytomic_sync_client import Client
    from polytomic_sync_client.api.connections import list_connections

    transport = httpx.MockTransport(lambda request: httpx.Response(status, text="<html>edge error</html>"))
    with Client(base_url="https://polytomic.example", httpx_args={"transport": transport}) as client:
        response = list_connections.sync_detailed(client=client)
    assert response.status_code == status and response.parsed is None


# --- readers the templates emit for schema kinds this spec does not use (yet) ---
# The model templates call pop_required for required properties, as_date / as_float / is_number for date and number
# properties and as_none for null-only ones; the spec has none of these today, so no generated model calls them, and
# they are checked here directly.


def refusal(read: Any, value: Any) -> tuple[str, str, str]:
    with pytest.raises(UnexpectedPayload) as raised:
        read(value)
    error = raised.value
    return error.expected, error.got, str(error)


def test_a_required_property_is_popped_and_a_missing_one_is_refused() -> None:
    from polytomic_sync_client.errors import pop_required

    body: dict[str, Any] = {"id": "a", "name": None, "rest": 1}
    assert pop_required(body, "id") == "a"
    assert pop_required(body, "name") is None  # present but null: not missing
    assert body == {"rest": 1}

    assert refusal(lambda d: pop_required(d, "id"), body) == (
        "a value",
        "missing",
        "unexpected payload at $: expected a value, got missing",
    )
    assert body == {"rest": 1}


def test_a_date_reads_iso_text_and_refuses_anything_else() -> None:
    from polytomic_sync_client.errors import as_date

    assert as_date("2026-11-05") == datetime.date(2026, 11, 5)
    assert refusal(as_date, SECRET) == (
        "date string",
        "string",
        "unexpected payload at $: expected date string, got string",
    )
    assert refusal(as_date, 20261105) == (
        "date string",
        "integer",
        "unexpected payload at $: expected date string, got integer",
    )


def test_a_uuid_reads_its_text_and_refuses_anything_else() -> None:
    from polytomic_sync_client.errors import as_uuid

    assert as_uuid("8f2f4f5e-3c1e-4c52-9c55-9ad3c1b2f001") == uuid.UUID("8f2f4f5e-3c1e-4c52-9c55-9ad3c1b2f001")
    assert refusal(as_uuid, SECRET) == (
        "UUID string",
        "string",
        "unexpected payload at $: expected UUID string, got string",
    )
    assert refusal(as_uuid, 5) == (
        "UUID string",
        "integer",
        "unexpected payload at $: expected UUID string, got integer",
    )


@pytest.mark.parametrize(("sent", "read"), [(5, 5.0), (1.5, 1.5), (-0.25, -0.25)])
def test_a_number_reads_integers_and_fractions_as_a_float(sent: Any, read: float) -> None:
    from polytomic_sync_client.errors import as_float, is_number

    assert is_number(sent) is True
    value = as_float(sent)
    assert value == read and type(value) is float


@pytest.mark.parametrize(("sent", "got"), [(True, "boolean"), (False, "boolean"), ("1", "string"), (None, "null")])
def test_a_number_refuses_booleans_text_and_null(sent: Any, got: str) -> None:
    from polytomic_sync_client.errors import as_float, is_number

    assert is_number(sent) is False
    assert refusal(as_float, sent) == ("number", got, f"unexpected payload at $: expected number, got {got}")


@pytest.mark.parametrize(("sent", "got"), [(0, "integer"), (False, "boolean"), ("", "string"), ([], "array")])
def test_a_null_only_value_reads_null_and_refuses_every_falsy_other(sent: Any, got: str) -> None:
    from polytomic_sync_client.errors import as_none

    as_none(None)  # no error
    assert refusal(as_none, sent) == ("null", got, f"unexpected payload at $: expected null, got {got}")


def test_an_unexpected_status_keeps_its_code_and_body_and_drops_undecodable_bytes() -> None:
    from polytomic_sync_client.errors import UnexpectedStatus

    error = UnexpectedStatus(418, b"short \xff and stout")

    assert (error.status_code, error.content) == (418, b"short \xff and stout")
    assert str(error) == "Unexpected status code: 418\n\nResponse content:\nshort  and stout"


def test_an_integer_reads_integers_and_whole_numbers_and_refuses_anything_else() -> None:
    from polytomic_sync_client.errors import as_int

    assert as_int(5) == 5 and as_int(-3) == -3
    assert as_int(5.0) == 5 and type(as_int(5.0)) is int
    assert refusal(as_int, "5") == ("integer", "string", "unexpected payload at $: expected integer, got string")
    assert refusal(as_int, True)[:2] == ("integer", "boolean")
    assert refusal(as_int, 5.5)[:2] == ("integer", "number")


def test_a_timestamp_reads_iso_text_and_refuses_anything_else() -> None:
    from polytomic_sync_client.errors import as_datetime

    assert as_datetime("2026-11-29T08:00:00+00:00") == datetime.datetime(2026, 11, 29, 8, tzinfo=datetime.UTC)
    assert refusal(as_datetime, SECRET) == (
        "date-time string",
        "string",
        "unexpected payload at $: expected date-time string, got string",
    )
    assert refusal(as_datetime, 1764403200) == (
        "date-time string",
        "integer",
        "unexpected payload at $: expected date-time string, got integer",
    )


def test_an_unexpected_payload_keeps_what_it_was_built_with_and_survives_pickling() -> None:
    import pickle

    error = UnexpectedPayload("integer", "string", status_code=502)
    assert (error.expected, error.got, error.status_code, error.args) == ("integer", "string", 502, ("integer", "string"))
    copy = pickle.loads(pickle.dumps(error))  # e.g. handed from a worker process
    assert (copy.expected, copy.got) == ("integer", "string")


def test_a_value_no_json_type_names_is_missing_when_unset_and_named_by_its_class_otherwise() -> None:
    from polytomic_sync_client.errors import json_type
    from polytomic_sync_client.types import UNSET

    class Odd:
        pass

    assert json_type(UNSET) == "missing"
    assert (json_type(Odd()), json_type(b"x"), json_type((1,))) == ("Odd", "bytes", "tuple")


def test_an_enum_reads_its_values_and_refuses_others_by_the_enum_s_name() -> None:
    from enum import Enum

    from polytomic_sync_client.errors import as_enum

    class Color(Enum):
        RED = "red"

    assert as_enum(Color, "red") is Color.RED
    assert refusal(lambda v: as_enum(Color, v), "blue") == (
        "a known Color",
        "string",
        "unexpected payload at $: expected a known Color, got string",
    )
    assert refusal(lambda v: as_enum(Color, v), [1])[:2] == ("a known Color", "array")


def test_a_boolean_reads_true_and_false_and_refuses_their_text_and_numbers() -> None:
    from polytomic_sync_client.errors import as_bool

    assert as_bool(True) is True and as_bool(False) is False
    assert refusal(as_bool, "true") == ("boolean", "string", "unexpected payload at $: expected boolean, got string")
    assert refusal(as_bool, 1)[:2] == ("boolean", "integer")


def test_an_array_reads_lists_and_refuses_objects_and_text() -> None:
    from polytomic_sync_client.errors import as_list

    items = [1, "a"]
    assert as_list(items) is items
    assert refusal(as_list, {"a": 1}) == ("array", "object", "unexpected payload at $: expected array, got object")
    assert refusal(as_list, "[]")[:2] == ("array", "string")


def test_a_string_reads_text_numbers_and_booleans_and_refuses_containers_and_null() -> None:
    from polytomic_sync_client.errors import as_str

    assert (as_str("x"), as_str(5), as_str(1.5), as_str(True), as_str(False)) == ("x", "5", "1.5", "true", "false")
    assert refusal(as_str, ["x"]) == ("string", "array", "unexpected payload at $: expected string, got array")
    assert refusal(as_str, None)[:2] == ("string", "null")


def test_a_status_http_status_names_is_its_member_and_any_other_stays_the_number() -> None:
    from http import HTTPStatus

    from polytomic_sync_client.errors import http_status

    assert http_status(404) is HTTPStatus.NOT_FOUND
    assert http_status(520) == 520 and type(http_status(520)) is int


@pytest.mark.anyio
async def test_a_body_is_parsed_inline_below_the_threshold_and_in_a_worker_thread_from_it_on() -> None:
    import threading

    from polytomic_sync_client.errors import PARSE_OFF_LOOP_BYTES, parse_off_loop

    def build(*, client: Any, response: httpx.Response) -> int:
        return threading.get_ident()

    here = threading.get_ident()
    for size, inline in ((PARSE_OFF_LOOP_BYTES - 1, True), (PARSE_OFF_LOOP_BYTES, False)):
        response = httpx.Response(200, content=b" " * size)
        assert (await parse_off_loop(build, client=None, response=response) == here) is inline


@pytest.mark.anyio
async def test_a_cancelled_wait_for_a_parse_in_a_worker_thread_ends_at_once_and_leaves_the_thread_to_finish() -> None:
    import threading

    import anyio

    from polytomic_sync_client.errors import PARSE_OFF_LOOP_BYTES, parse_off_loop

    release, finished = threading.Event(), threading.Event()

    def build(*, client: Any, response: httpx.Response) -> None:
        release.wait(10)
        finished.set()

    large = httpx.Response(200, content=b" " * PARSE_OFF_LOOP_BYTES)
    try:
        with anyio.move_on_after(0.05) as scope:  # a cancelled caller, as the SDK cancels a request
            await parse_off_loop(build, client=None, response=large)
        assert scope.cancelled_caught and not finished.is_set()  # it stopped waiting while the parse was blocked
    finally:
        release.set()
    await anyio.to_thread.run_sync(finished.wait, 10)
    assert finished.is_set()  # the thread ran to its end on its own
