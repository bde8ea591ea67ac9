from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionResponseSchemaRateLimit")


@_attrs_define
class ConnectionResponseSchemaRateLimit:
    """Observed rate limiting by the connected system (not by Polytomic).

    Attributes:
        currently_limited (bool | None | Unset):
        limited_since (datetime.datetime | None | Unset):
        expires_at (datetime.datetime | None | Unset):
    """

    currently_limited: bool | None | Unset = UNSET
    limited_since: datetime.datetime | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currently_limited: bool | None | Unset
        if isinstance(self.currently_limited, Unset):
            currently_limited = UNSET
        else:
            currently_limited = self.currently_limited

        limited_since: None | str | Unset
        if isinstance(self.limited_since, Unset):
            limited_since = UNSET
        elif isinstance(self.limited_since, datetime.datetime):
            limited_since = self.limited_since.isoformat()
        else:
            limited_since = self.limited_since

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if currently_limited is not UNSET:
            field_dict["currently_limited"] = currently_limited
        if limited_since is not UNSET:
            field_dict["limited_since"] = limited_since
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        with errors.at("currently_limited"):

            def _parse_currently_limited(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    currently_limited_type_0 = errors.as_bool(data)

                    return currently_limited_type_0
                raise errors.UnexpectedPayload.of("boolean or null", data)

            currently_limited = _parse_currently_limited(
                d.pop("currently_limited", UNSET)
            )

        with errors.at("limited_since"):

            def _parse_limited_since(data: object) -> datetime.datetime | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    limited_since_type_0 = errors.as_datetime(data)

                    return limited_since_type_0
                raise errors.UnexpectedPayload.of("date-time string or null", data)

            limited_since = _parse_limited_since(d.pop("limited_since", UNSET))

        with errors.at("expires_at"):

            def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    expires_at_type_0 = errors.as_datetime(data)

                    return expires_at_type_0
                raise errors.UnexpectedPayload.of("date-time string or null", data)

            expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        _instance = cls(
            currently_limited=currently_limited,
            limited_since=limited_since,
            expires_at=expires_at,
        )

        _instance.additional_properties = d
        return _instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
