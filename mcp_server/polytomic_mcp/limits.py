"""How long a text the server takes or gives: what each argument that names an upstream id accepts back (so which
upstream ids are usable at all: a longer one is left out and counted), and where long text is cut."""

MAX_TEXT = 2_000  # no id, name or label an agent needs is longer; longer text is cut, not refused (ids: left out)
# The longest id each argument that takes one back accepts; a longer upstream id is left out and counted.
MAX_TARGET_ID = 500  # get_sync_target_fields' target
MAX_PROPERTY_ID = 200  # get_target_creation_values' property
MAX_VALUE = 1_000  # a value in get_sync_target_fields' properties
