from __future__ import annotations

import pytest

from mcp_server.paging import CursorError, decode_cursor, encode_cursor, listing_scope, matches, paginate

ITEMS = ["b", "a", "d", "c", "a", "e"]


def test_pages_are_sorted_deduplicated_and_resume_after_the_last_key() -> None:
    scope = listing_scope("t", "conn")
    first = paginate(ITEMS, key=str, keep=lambda _: True, limit=2, after=None, scope=scope)
    assert first.items == ["a", "b"] and first.total == 5 and first.next_cursor
    second = paginate(
        ITEMS, key=str, keep=lambda _: True, limit=2, after=decode_cursor(first.next_cursor, scope), scope=scope
    )
    assert second.items == ["c", "d"]
    third = paginate(
        ITEMS, key=str, keep=lambda _: True, limit=2, after=decode_cursor(second.next_cursor or "", scope), scope=scope
    )
    assert third.items == ["e"] and third.next_cursor is None


def test_a_key_removed_between_pages_neither_repeats_nor_hides_the_rest() -> None:
    scope = listing_scope("t")
    first = paginate(ITEMS, key=str, keep=lambda _: True, limit=2, after=None, scope=scope)
    shrunk = [i for i in ITEMS if i != "b"]
    rest = paginate(
        shrunk, key=str, keep=lambda _: True, limit=10, after=decode_cursor(first.next_cursor or "", scope), scope=scope
    )
    assert rest.items == ["c", "d", "e"]


@pytest.mark.parametrize("cursor", ["!!!", "bm90IGpzb24", encode_cursor("a", "other")])
def test_foreign_or_garbled_cursors_are_refused(cursor: str) -> None:
    with pytest.raises(CursorError):
        decode_cursor(cursor, listing_scope("t"))


def test_search_is_a_case_insensitive_substring_of_any_text() -> None:
    assert matches("ACC", "Account_Plan__c", None)
    assert matches("plan", "x", "Account Plan")
    assert not matches("zz", "Account", "Plan")
    assert matches(None, "x")


def test_a_listing_is_ordered_once_per_cached_answer_and_anew_for_another() -> None:
    from mcp_server.paging import Ordered, ordered, remembered

    class Answer:  # stands for a parsed upstream answer: unhashable, like the generated models
        __hash__ = None  # type: ignore[assignment]

    builds: list[int] = []

    def build() -> Ordered[str]:
        builds.append(1)
        return ordered(["b", "a"], str)

    first, second = Answer(), Answer()
    assert remembered(first, "x", build).keys == ["a", "b"]
    assert remembered(first, "x", build) is remembered(first, "x", build)
    assert len(builds) == 1
    remembered(first, "y", build)
    remembered(second, "x", build)
    assert len(builds) == 3


def test_a_page_of_an_exact_multiple_of_the_limit_ends_without_an_empty_page() -> None:
    from mcp_server.paging import ordered

    listing = ordered(["a", "b", "c", "d"], str)
    first = paginate(listing, limit=2, after=None, scope="s")
    second = paginate(listing, limit=2, after="b", scope="s")
    assert first.items == ["a", "b"] and first.next_cursor is not None
    assert second.items == ["c", "d"] and second.next_cursor is None and second.total == 4
