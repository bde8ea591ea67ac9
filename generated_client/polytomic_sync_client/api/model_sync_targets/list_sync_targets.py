from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.target_objects_response_envelope import TargetObjectsResponseEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: UUID,
    *,
    include_target_creation_values: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["include_target_creation_values"] = include_target_creation_values

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/connections/{id}/modelsync/targetobjects".format(
            id=errors.path_segment("id", id),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | TargetObjectsResponseEnvelope | None:
    if response.status_code == 200:
        try:
            response_200 = TargetObjectsResponseEnvelope.from_dict(
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
) -> Response[ApiError | TargetObjectsResponseEnvelope]:
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
    include_target_creation_values: bool | Unset = False,
) -> Response[ApiError | TargetObjectsResponseEnvelope]:
    """List Sync Targets

     Returns every target object the destination connection offers (no paging, no filtering), the sync
    modes each supports, and whether and how a new target can be created on the connection
    (`target_creation`). With `include_target_creation_values=true`, each enum creation property
    carries its valid values inline, saving calls to the property-values endpoint.

    Args:
        id (UUID):
        include_target_creation_values (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TargetObjectsResponseEnvelope]
    """

    kwargs = _get_kwargs(
        id=id,
        include_target_creation_values=include_target_creation_values,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    include_target_creation_values: bool | Unset = False,
) -> ApiError | TargetObjectsResponseEnvelope | None:
    """List Sync Targets

     Returns every target object the destination connection offers (no paging, no filtering), the sync
    modes each supports, and whether and how a new target can be created on the connection
    (`target_creation`). With `include_target_creation_values=true`, each enum creation property
    carries its valid values inline, saving calls to the property-values endpoint.

    Args:
        id (UUID):
        include_target_creation_values (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TargetObjectsResponseEnvelope
    """

    return sync_detailed(
        id=id,
        client=client,
        include_target_creation_values=include_target_creation_values,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    include_target_creation_values: bool | Unset = False,
) -> Response[ApiError | TargetObjectsResponseEnvelope]:
    """List Sync Targets

     Returns every target object the destination connection offers (no paging, no filtering), the sync
    modes each supports, and whether and how a new target can be created on the connection
    (`target_creation`). With `include_target_creation_values=true`, each enum creation property
    carries its valid values inline, saving calls to the property-values endpoint.

    Args:
        id (UUID):
        include_target_creation_values (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TargetObjectsResponseEnvelope]
    """

    kwargs = _get_kwargs(
        id=id,
        include_target_creation_values=include_target_creation_values,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return await errors.parse_off_loop(
        _build_response, client=client, response=response
    )


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
    include_target_creation_values: bool | Unset = False,
) -> ApiError | TargetObjectsResponseEnvelope | None:
    """List Sync Targets

     Returns every target object the destination connection offers (no paging, no filtering), the sync
    modes each supports, and whether and how a new target can be created on the connection
    (`target_creation`). With `include_target_creation_values=true`, each enum creation property
    carries its valid values inline, saving calls to the property-values endpoint.

    Args:
        id (UUID):
        include_target_creation_values (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TargetObjectsResponseEnvelope
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            include_target_creation_values=include_target_creation_values,
        )
    ).parsed
