from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.target_property_values_envelope import TargetPropertyValuesEnvelope
from ...types import Response


def _get_kwargs(
    id: UUID,
    property_: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/connections/{id}/modelsync/targetobjects/properties/{property_}".format(
            id=errors.path_segment("id", id),
            property_=errors.path_segment("property", property_),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | TargetPropertyValuesEnvelope | None:
    if response.status_code == 200:
        try:
            response_200 = TargetPropertyValuesEnvelope.from_dict(
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
) -> Response[ApiError | TargetPropertyValuesEnvelope]:
    return Response(
        status_code=errors.http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: UUID,
    property_: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiError | TargetPropertyValuesEnvelope]:
    """Get Target Creation Property Values

     Returns the valid values of one target-creation property (an id from
    `target_creation.properties[].id` of List Sync Targets, e.g. `account`). Meaningful for properties
    whose `enum` is true. The chosen `value` goes into the sync's `target.create` map. Answers 404 when
    the connection cannot create targets.

    Args:
        id (UUID):
        property_ (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TargetPropertyValuesEnvelope]
    """

    kwargs = _get_kwargs(
        id=id,
        property_=property_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    property_: str,
    *,
    client: AuthenticatedClient | Client,
) -> ApiError | TargetPropertyValuesEnvelope | None:
    """Get Target Creation Property Values

     Returns the valid values of one target-creation property (an id from
    `target_creation.properties[].id` of List Sync Targets, e.g. `account`). Meaningful for properties
    whose `enum` is true. The chosen `value` goes into the sync's `target.create` map. Answers 404 when
    the connection cannot create targets.

    Args:
        id (UUID):
        property_ (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TargetPropertyValuesEnvelope
    """

    return sync_detailed(
        id=id,
        property_=property_,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    property_: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiError | TargetPropertyValuesEnvelope]:
    """Get Target Creation Property Values

     Returns the valid values of one target-creation property (an id from
    `target_creation.properties[].id` of List Sync Targets, e.g. `account`). Meaningful for properties
    whose `enum` is true. The chosen `value` goes into the sync's `target.create` map. Answers 404 when
    the connection cannot create targets.

    Args:
        id (UUID):
        property_ (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TargetPropertyValuesEnvelope]
    """

    kwargs = _get_kwargs(
        id=id,
        property_=property_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return await errors.parse_off_loop(
        _build_response, client=client, response=response
    )


async def asyncio(
    id: UUID,
    property_: str,
    *,
    client: AuthenticatedClient | Client,
) -> ApiError | TargetPropertyValuesEnvelope | None:
    """Get Target Creation Property Values

     Returns the valid values of one target-creation property (an id from
    `target_creation.properties[].id` of List Sync Targets, e.g. `account`). Meaningful for properties
    whose `enum` is true. The chosen `value` goes into the sync's `target.create` map. Answers 404 when
    the connection cannot create targets.

    Args:
        id (UUID):
        property_ (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TargetPropertyValuesEnvelope
    """

    return (
        await asyncio_detailed(
            id=id,
            property_=property_,
            client=client,
        )
    ).parsed
