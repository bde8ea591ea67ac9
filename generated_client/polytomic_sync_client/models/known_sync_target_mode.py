from enum import StrEnum


class KnownSyncTargetMode(StrEnum):
    APPEND = "append"
    CREATE = "create"
    REMOVE = "remove"
    REPLACE = "replace"
    SNAPSHOT = "snapshot"
    UPDATE = "update"
    UPDATEORCREATE = "updateOrCreate"

    def __str__(self) -> str:
        return str(self.value)
