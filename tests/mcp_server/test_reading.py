"""Reading Polytomic's answers liberally (reading.py)."""

from __future__ import annotations

import pytest

from polytomic_mcp.reading import adds_information, items, short_label, text
from polytomic_sync_client.types import UNSET


@pytest.mark.parametrize(
    ("name", "id_", "adds"),
    [
        ("Account Plan", "Account_Plan__c", False),
        ("users", "public.users", False),
        ("New Account Details", "Account_Detail__c", True),
        (None, "x", False),
        ("", "x", False),
    ],
)
def test_a_name_is_kept_only_when_it_says_more_than_the_id(name: str | None, id_: str, adds: bool) -> None:
    assert adds_information(name, id_) is adds


@pytest.mark.parametrize(
    ("value", "label", "short"),
    [
        ("urn:li:sponsoredAccount:5071", "Acme EMEA (5071)", "Acme EMEA"),
        ("act_1234567", "Acme (act_1234567)", "Acme"),
        ("act_1", "Acme (EMEA)", "Acme (EMEA)"),
        ("public", "public", None),
        ("x", None, None),
        ("5071", "Acme (EU) (5071)", "Acme (EU)"),  # only the last parentheses are the restated id
        ("x5071", "5071)", "5071)"),  # a closing parenthesis without an opening one cuts nothing
        ("5071", "Acme (x5071)", "Acme (x5071)"),  # all of the parentheses' content must be in the value
    ],
)
def test_a_label_drops_what_only_restates_the_value(value: str, label: str | None, short: str | None) -> None:
    assert short_label(value, label) == short


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("Account", "Account"),
        (5, "5"),
        (1.5, "1.5"),
        (True, "true"),
        (False, "false"),
        (None, None),
        ({"a": 1}, None),
        (["a"], None),
        (float("nan"), None),
        (float("inf"), None),
        ("\ud800x", "\ufffdx"),
        ("a\udfffb\ud83d", "a\ufffdb\ufffd"),
        ("😀", "😀"),  # a real pair is kept
        ("x" * 5000, "x" * 2000),
        ("y" * 2000, "y" * 2000),  # exactly the bound: kept whole
    ],
)
def test_upstream_text_reads_as_a_clean_bounded_string_or_as_absent(raw: object, read: str | None) -> None:
    assert text(raw) == read


def test_an_upstream_list_reads_null_and_odd_elements_as_absent() -> None:
    assert items(None, str) == [] and items(UNSET, str) == [] and items({"a": 1}, str) == []
    assert items(["a", 1, None, "b"], str) == ["a", "b"]


@pytest.mark.parametrize(
    ("value", "label", "short"),
    [
        ("v", " " * 20_000 + "x", " " * 20_000 + "x"),
        ("v", "a" + " " * 20_000 + "(1", "a" + " " * 20_000 + "(1"),
        ("5071", "Acme   (5071)   ", "Acme"),
        ("5071", "(5071)", None),
        ("a(b)", "x (a(b))", "x (a(b))"),  # nested parentheses are not one trailing id
        ("v", "(" * 100_000 + ")", "(" * 100_000 + ")"),
    ],
)
def test_short_label_handles_long_and_odd_labels(value: str, label: str, short: str | None) -> None:
    assert short_label(value, label) == short
