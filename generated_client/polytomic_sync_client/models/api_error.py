from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import errors
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.api_error_metadata import ApiErrorMetadata


T = TypeVar("T", bound="ApiError")


@_attrs_define
class ApiError:
    """The error body of every non-2xx answer.

    Attributes:
        status (int | None | Unset): The HTTP status.
        message (None | str | Unset): What went wrong, for people.
        key (None | str | Unset): A machine-readable error key (values not documented).
        metadata (ApiErrorMetadata | None | Unset): Error details.
    """

    status: int | None | Unset = UNSET
    message: None | str | Unset = UNSET
    key: None | str | Unset = UNSET
    metadata: ApiErrorMetadata | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.api_error_metadata import ApiErrorMetadata

        status: int | None | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, ApiErrorMetadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if message is not UNSET:
            field_dict["message"] = message
        if key is not UNSET:
            field_dict["key"] = key
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.api_error_metadata import ApiErrorMetadata

        d = dict(src_dict)
        with errors.at("status"):

            def _parse_status(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_integer(data):
                    status_type_0 = errors.as_int(data)

                    return status_type_0
                raise errors.UnexpectedPayload.of("integer or null", data)

            status = _parse_status(d.pop("status", UNSET))

        with errors.at("message"):

            def _parse_message(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    message_type_0 = errors.as_str(data)

                    return message_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            message = _parse_message(d.pop("message", UNSET))

        with errors.at("key"):

            def _parse_key(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if errors.is_text(data):
                    key_type_0 = errors.as_str(data)

                    return key_type_0
                raise errors.UnexpectedPayload.of("string or null", data)

            key = _parse_key(d.pop("key", UNSET))

        with errors.at("metadata"):

            def _parse_metadata(data: object) -> ApiErrorMetadata | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, dict):
                    metadata_type_0 = ApiErrorMetadata.from_dict(errors.as_object(data))

                    return metadata_type_0
                raise errors.UnexpectedPayload.of("object or null", data)

            metadata = _parse_metadata(d.pop("metadata", UNSET))

        _instance = cls(
            status=status,
            message=message,
            key=key,
            metadata=metadata,
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
