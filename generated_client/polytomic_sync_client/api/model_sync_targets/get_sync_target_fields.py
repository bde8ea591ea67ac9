from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.get_sync_target_fields_properties import GetSyncTargetFieldsProperties
from ...models.target_response_envelope import TargetResponseEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: UUID,
    *,
    target: str | Unset = UNSET,
    refresh: bool | Unset = UNSET,
    properties: GetSyncTargetFieldsProperties | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["target"] = target

    params["refresh"] = refresh

    json_properties: dict[str, Any] | Unset = UNSET
    if not isinstance(properties, Unset):
        json_properties = properties.to_dict()
    if not isinstance(json_properties, Unset):
        params.update(errors.deep_object("properties", json_properties))

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/connections/{id}/modelsync/target/fields".format(
            id=errors.path_segment("id", id),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | TargetResponseEnvelope | None:
    if response.status_code == 200:
        try:
            response_200 = TargetResponseEnvelope.from_dict(
                errors.as_object(errors.decode_json(response))
            )

        except errors.UnexpectedPayload as error:
            error.status_code = response.status_code
            raise
        return response_200

    if response.status_code == 400:
        try:
            response_400 = ApiError.from_dict(
                errors.as_object(errors.decode_json(response))
            )

        except errors.UnexpectedPayload:
            return None
        return response_400

    if response.status_code == 401:
        try:
            response_401 = ApiError.from_dict(
                errors.as_object(errors.decode_json(response))
            )

        except errors.UnexpectedPayload:
            return None
        return response_401

    if response.status_code == 403:
        try:
            response_403 = ApiError.from_dict(
                errors.as_object(errors.decode_json(response))
            )

        except errors.UnexpectedPayload:
            return None
        return response_403

    if response.status_code == 404:
        try:
            response_404 = ApiError.from_dict(
                errors.as_object(errors.decode_json(response))
            )

        except errors.UnexpectedPayload:
            return None
        return response_404

    if response.status_code == 429:
        try:
            response_429 = ApiError.from_dict(
                errors.as_object(errors.decode_json(response))
            )

        except errors.UnexpectedPayload:
            return None
        return response_429

    if response.status_code == 500:
        try:
            response_500 = ApiError.from_dict(
                errors.as_object(errors.decode_json(response))
            )

        except errors.UnexpectedPayload:
            return None
        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | TargetResponseEnvelope]:
    return Response(
        status_code=errors.http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    target: str | Unset = UNSET,
    refresh: bool | Unset = UNSET,
    properties: GetSyncTargetFieldsProperties | Unset = UNSET,
) -> Response[ApiError | TargetResponseEnvelope]:
    """Get Sync Target Fields

     Returns the mappable fields, sync modes and capability flags of one target. Give exactly one of
    `target` (an existing target's id from List Sync Targets) or `properties` (the creation properties
    of a target that does not exist yet); the server answers 400 for both or neither. Fields reflect
    Polytomic's cached schema: pass `refresh=true` to refresh it first. For a new target on a backend
    with user-defined columns (SQL databases) `fields` is empty: columns are defined at mapping time.

    Args:
        id (UUID):
        target (str | Unset):
        refresh (bool | Unset):
        properties (GetSyncTargetFieldsProperties | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TargetResponseEnvelope]
    """

    kwargs = _get_kwargs(
        id=id,
        target=target,
        refresh=refresh,
        properties=properties,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    target: str | Unset = UNSET,
    refresh: bool | Unset = UNSET,
    properties: GetSyncTargetFieldsProperties | Unset = UNSET,
) -> ApiError | TargetResponseEnvelope | None:
    """Get Sync Target Fields

     Returns the mappable fields, sync modes and capability flags of one target. Give exactly one of
    `target` (an existing target's id from List Sync Targets) or `properties` (the creation properties
    of a target that does not exist yet); the server answers 400 for both or neither. Fields reflect
    Polytomic's cached schema: pass `refresh=true` to refresh it first. For a new target on a backend
    with user-defined columns (SQL databases) `fields` is empty: columns are defined at mapping time.

    Args:
        id (UUID):
        target (str | Unset):
        refresh (bool | Unset):
        properties (GetSyncTargetFieldsProperties | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TargetResponseEnvelope
    """

    return sync_detailed(
        id=id,
        client=client,
        target=target,
        refresh=refresh,
        properties=properties,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    target: str | Unset = UNSET,
    refresh: bool | Unset = UNSET,
    properties: GetSyncTargetFieldsProperties | Unset = UNSET,
) -> Response[ApiError | TargetResponseEnvelope]:
    """Get Sync Target Fields

     Returns the mappable fields, sync modes and capability flags of one target. Give exactly one of
    `target` (an existing target's id from List Sync Targets) or `properties` (the creation properties
    of a target that does not exist yet); the server answers 400 for both or neither. Fields reflect
    Polytomic's cached schema: pass `refresh=true` to refresh it first. For a new target on a backend
    with user-defined columns (SQL databases) `fields` is empty: columns are defined at mapping time.

    Args:
        id (UUID):
        target (str | Unset):
        refresh (bool | Unset):
        properties (GetSyncTargetFieldsProperties | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TargetResponseEnvelope]
    """

    kwargs = _get_kwargs(
        id=id,
        target=target,
        refresh=refresh,
        properties=properties,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return await errors.parse_off_loop(
        _build_response, client=client, response=response
    )


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    target: str | Unset = UNSET,
    refresh: bool | Unset = UNSET,
    properties: GetSyncTargetFieldsProperties | Unset = UNSET,
) -> ApiError | TargetResponseEnvelope | None:
    """Get Sync Target Fields

     Returns the mappable fields, sync modes and capability flags of one target. Give exactly one of
    `target` (an existing target's id from List Sync Targets) or `properties` (the creation properties
    of a target that does not exist yet); the server answers 400 for both or neither. Fields reflect
    Polytomic's cached schema: pass `refresh=true` to refresh it first. For a new target on a backend
    with user-defined columns (SQL databases) `fields` is empty: columns are defined at mapping time.

    Args:
        id (UUID):
        target (str | Unset):
        refresh (bool | Unset):
        properties (GetSyncTargetFieldsProperties | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TargetResponseEnvelope
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            target=target,
            refresh=refresh,
            properties=properties,
        )
    ).parsed
