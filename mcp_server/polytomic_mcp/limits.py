"""How long a text the server takes or gives: what each argument that names an upstream id accepts back (so which
upstream ids are usable at all: a longer one is left out and counted), and where long text is cut."""

import re

MAX_TEXT = 2_000  # no id, name or label an agent needs is longer; longer text is cut, not refused (ids: left out)
# The longest id each argument that takes one back accepts; a longer upstream id is left out and counted.
MAX_TARGET_ID = 500  # get_sync_target_fields' target
MAX_PROPERTY_ID = 200  # get_target_creation_values' property
MAX_VALUE = 1_000  # a value in get_sync_target_fields' properties
MAX_PROMPT_ARGUMENT = 200  # plan_model_sync's arguments, and so every value its completions offer
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # C0, DEL and C1


def fits_prompt_argument(value: str) -> bool:
    """Whether plan_model_sync takes `value` back: at most MAX_PROMPT_ARGUMENT characters once stripped, and no
    control characters. A completion offers only values that fit, so what it offers is never refused."""
    return len(value.strip()) <= MAX_PROMPT_ARGUMENT and not CONTROL_CHARACTERS.search(value)
