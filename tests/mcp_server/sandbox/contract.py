"""The spec, loaded once, and validation of response bodies against its response schemas."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS31Validator

from polytomic_mcp.sandbox import dataset

SPEC_PATH = Path(__file__).resolve().parents[3] / "spec" / "polytomic.yaml"
NAMES = {
    dataset.SALESFORCE: "salesforce",
    dataset.HUBSPOT: "hubspot",
    dataset.WAREHOUSE: "warehouse",
    dataset.LINKEDIN_ADS: "linkedin_ads",
    dataset.FACEBOOK_ADS: "facebook_ads",
    dataset.DOCS_EXAMPLE: "docs_example",
    dataset.NULL_TARGETS: "null_targets",
    dataset.FORBIDDEN: "forbidden",
    dataset.UNHEALTHY: "unhealthy",
}


@functools.cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


def operation(operation_id: str) -> dict[str, Any]:
    for item in spec()["paths"].values():
        for op in item.values():
            if op.get("operationId") == operation_id:
                return dict(op)
    raise KeyError(operation_id)


def operation_ids() -> list[str]:
    return [op["operationId"] for item in spec()["paths"].values() for op in item.values()]


def _response(operation_id: str, status: int) -> dict[str, Any]:
    response: dict[str, Any] = operation(operation_id)["responses"][str(status)]
    if "$ref" in response:
        response = spec()["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return response


@functools.cache
def _validator(operation_id: str, status: int) -> OAS31Validator:
    schema = dict(_response(operation_id, status)["content"]["application/json"]["schema"])
    schema["components"] = spec()["components"]  # so that "#/components/..." refs resolve
    return OAS31Validator(schema, format_checker=OAS31Validator.FORMAT_CHECKER)


def validate(operation_id: str, status: int, body: Any) -> None:
    """Raise jsonschema.ValidationError unless `body` matches the spec's schema for this answer."""
    _validator(operation_id, status).validate(body)


def example(operation_id: str, status: int = 200) -> Any:
    """The spec's example (a copy: the spec is loaded once, and callers may edit what they get)."""
    return copy.deepcopy(_response(operation_id, status)["content"]["application/json"]["example"])
