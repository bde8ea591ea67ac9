from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConnectionResponseSchemaRateLimit")


@_attrs_define
class ConnectionResponseSchemaRateLimit:
    """Observed rate limiting by the connected system (not by Polytomic).

    Attributes:
        currently_limited (bool | Unset):
        limited_since (datetime.datetime | None | Unset):
        expires_at (datetime.datetime | None | Unset):
    """

    currently_limited: bool | Unset = UNSET
    limited_since: datetime.datetime | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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
        currently_limited = d.pop("currently_limited", UNSET)

        def _parse_limited_since(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                limited_since_type_0 = datetime.datetime.fromisoformat(data)

                return limited_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        limited_since = _parse_limited_since(d.pop("limited_since", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        connection_response_schema_rate_limit = cls(
            currently_limited=currently_limited,
            limited_since=limited_since,
            expires_at=expires_at,
        )

        connection_response_schema_rate_limit.additional_properties = d
        return connection_response_schema_rate_limit

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
