from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.connection_list_response_envelope import ConnectionListResponseEnvelope
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/connections",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | ConnectionListResponseEnvelope | None:
    if response.status_code == 200:
        try:
            response_200 = ConnectionListResponseEnvelope.from_dict(
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
) -> Response[ApiError | ConnectionListResponseEnvelope]:
    return Response(
        status_code=errors.http_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiError | ConnectionListResponseEnvelope]:
    """List Connections

     Returns every connection in the caller's organization (no paging), secrets redacted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ConnectionListResponseEnvelope]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ApiError | ConnectionListResponseEnvelope | None:
    """List Connections

     Returns every connection in the caller's organization (no paging), secrets redacted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ConnectionListResponseEnvelope
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiError | ConnectionListResponseEnvelope]:
    """List Connections

     Returns every connection in the caller's organization (no paging), secrets redacted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ConnectionListResponseEnvelope]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return await errors.parse_off_loop(
        _build_response, client=client, response=response
    )


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ApiError | ConnectionListResponseEnvelope | None:
    """List Connections

     Returns every connection in the caller's organization (no paging), secrets redacted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        errors.UnexpectedPayload: If a 2xx response body is not JSON or does not fit its schema.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ConnectionListResponseEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
