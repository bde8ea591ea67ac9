"""Contains all the data models used in inputs/outputs"""

from .api_error import ApiError
from .api_error_metadata import ApiErrorMetadata
from .configuration_value import ConfigurationValue
from .connection_list_response_envelope import ConnectionListResponseEnvelope
from .connection_meta import ConnectionMeta
from .connection_meta_response import ConnectionMetaResponse
from .connection_meta_response_configuration import ConnectionMetaResponseConfiguration
from .connection_meta_response_items import ConnectionMetaResponseItems
from .connection_response_envelope import ConnectionResponseEnvelope
from .connection_response_schema import ConnectionResponseSchema
from .connection_response_schema_configuration_type_0 import (
    ConnectionResponseSchemaConfigurationType0,
)
from .connection_response_schema_rate_limit import ConnectionResponseSchemaRateLimit
from .connection_type_schema import ConnectionTypeSchema
from .get_connection_meta_envelope import GetConnectionMetaEnvelope
from .get_sync_target_fields_properties import GetSyncTargetFieldsProperties
from .identity_function import IdentityFunction
from .known_filter_function import KnownFilterFunction
from .known_sync_target_mode import KnownSyncTargetMode
from .mode import Mode
from .output_actor import OutputActor
from .pick_value import PickValue
from .pick_value_depends_on import PickValueDependsOn
from .supported_filter_function import SupportedFilterFunction
from .supported_mode import SupportedMode
from .sync_destination_properties import SyncDestinationProperties
from .target_creator import TargetCreator
from .target_field import TargetField
from .target_object import TargetObject
from .target_objects_response_envelope import TargetObjectsResponseEnvelope
from .target_property_values import TargetPropertyValues
from .target_property_values_envelope import TargetPropertyValuesEnvelope
from .target_response import TargetResponse
from .target_response_envelope import TargetResponseEnvelope
from .util_enum_value import UtilEnumValue

__all__ = (
    "ApiError",
    "ApiErrorMetadata",
    "ConfigurationValue",
    "ConnectionListResponseEnvelope",
    "ConnectionMeta",
    "ConnectionMetaResponse",
    "ConnectionMetaResponseConfiguration",
    "ConnectionMetaResponseItems",
    "ConnectionResponseEnvelope",
    "ConnectionResponseSchema",
    "ConnectionResponseSchemaConfigurationType0",
    "ConnectionResponseSchemaRateLimit",
    "ConnectionTypeSchema",
    "GetConnectionMetaEnvelope",
    "GetSyncTargetFieldsProperties",
    "IdentityFunction",
    "KnownFilterFunction",
    "KnownSyncTargetMode",
    "Mode",
    "OutputActor",
    "PickValue",
    "PickValueDependsOn",
    "SupportedFilterFunction",
    "SupportedMode",
    "SyncDestinationProperties",
    "TargetCreator",
    "TargetField",
    "TargetObject",
    "TargetObjectsResponseEnvelope",
    "TargetPropertyValues",
    "TargetPropertyValuesEnvelope",
    "TargetResponse",
    "TargetResponseEnvelope",
    "UtilEnumValue",
)
