from __future__ import annotations

import base64
import re

import pytest

from polytomic_mcp.paging import CursorError, decode_cursor, encode_cursor, listing_scope, matches, ordered, paginate

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
    from polytomic_mcp.paging import Ordered, ordered, remembered

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
    from polytomic_mcp.paging import ordered

    listing = ordered(["a", "b", "c", "d"], str)
    first = paginate(listing, limit=2, after=None, scope="s")
    second = paginate(listing, limit=2, after="b", scope="s")
    assert first.items == ["a", "b"] and first.next_cursor is not None
    assert second.items == ["c", "d"] and second.next_cursor is None and second.total == 4


@pytest.mark.parametrize(("count", "limit", "pages"), [(4, 2, [2, 2]), (5, 2, [2, 2, 1]), (2, 2, [2]), (1, 5, [1])])
def test_a_listing_that_ends_on_a_page_boundary_has_no_empty_last_page(
    count: int, limit: int, pages: list[int]
) -> None:
    scope = listing_scope("t")
    items = [f"k{i}" for i in range(count)]
    sizes: list[int] = []
    after: str | None = None
    for _ in range(len(pages)):  # no more pages than expected, even when the cursor does not advance
        page = paginate(items, key=str, keep=lambda _: True, limit=limit, after=after, scope=scope)
        sizes.append(len(page.items))
        if page.next_cursor is None:
            break
        after = decode_cursor(page.next_cursor, scope)
    assert sizes == pages and page.next_cursor is None


def test_an_empty_listing_is_one_empty_page_without_a_cursor() -> None:
    page = paginate(list[str](), key=str, keep=lambda _: True, limit=3, after=None, scope=listing_scope("t"))
    assert page.items == [] and page.total == 0 and page.next_cursor is None


def test_keep_filters_before_counting_and_the_cursor_names_the_last_key_in_its_scope() -> None:
    scope = listing_scope("values", "conn", "prop", None)
    page = paginate(ITEMS, key=str, keep=lambda k: k != "b", limit=2, after=None, scope=scope)
    assert page.items == ["a", "c"] and page.total == 4
    assert page.next_cursor and decode_cursor(page.next_cursor, scope) == "c"


def test_the_scope_changes_with_each_part_and_with_where_a_part_ends() -> None:
    scopes = {
        listing_scope("targets", "c1", None),
        listing_scope("targets", "c1", "a"),
        listing_scope("targets", "c2", None),
        listing_scope("values", "c1", None),
        listing_scope("targets", "c1a", None),
        listing_scope("targets", "c", "1a"),
    }
    assert len(scopes) == 6 and all(len(scope) == 8 for scope in scopes)


def test_a_cursor_is_url_safe_unpadded_text_that_round_trips_any_key() -> None:
    for key in ("", "a", "Account_Plan__c", "ünïcode/ключ", "x" * 100, *(f"key {n}" for n in range(300))):
        cursor = encode_cursor(key, "scope")
        assert "=" not in cursor and re.fullmatch(r"[A-Za-z0-9_-]*", cursor)
        assert decode_cursor(cursor, "scope") == key


@pytest.mark.parametrize(
    "payload", [b"[1]", b'{"a": 1, "s": "t"}', b'{"a": "x"}', b'{"s": "t"}', b'{"a": "x", "s": 1}', b"\xff\xfe"]
)
def test_cursors_that_decode_to_the_wrong_shape_are_refused(payload: bytes) -> None:
    cursor = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    with pytest.raises(CursorError) as refused:
        decode_cursor(cursor, "t")
    assert str(refused.value) == "is not a cursor returned by this tool"


def test_a_cursor_from_another_listing_says_so() -> None:
    with pytest.raises(CursorError) as refused:
        decode_cursor(encode_cursor("a", "other"), "t")
    assert str(refused.value) == "belongs to a different listing (another connection, property or search)"


def test_paginate_needs_an_ordered_listing_or_a_key() -> None:
    with pytest.raises(TypeError, match="an Ordered listing or a key"):
        paginate(["a"], limit=1, after=None, scope="s")


def test_a_memo_goes_with_the_answer_it_was_computed_from() -> None:
    import gc

    from polytomic_mcp.paging import _REMEMBERED, remembered

    class Answer:
        pass

    answer = Answer()
    assert remembered(answer, "n", lambda: [1, 2]) == [1, 2]
    assert remembered(answer, "n", lambda: [3]) == [1, 2]  # computed once per answer and name
    key = id(answer)
    assert key in _REMEMBERED
    del answer
    gc.collect()
    assert key not in _REMEMBERED


def test_paginate_without_an_ordered_listing_or_a_key_is_a_programming_error() -> None:
    with pytest.raises(TypeError) as refused:
        paginate([1, 2], limit=1, after=None, scope="s")
    assert str(refused.value) == "paginate needs an Ordered listing or a key"


def test_ordered_items_count_distinct_keys_once_sorted_and_skip_the_unnamed() -> None:
    found = ordered([("b", 1), ("", 2), ("a", 3), ("b", 4), (None, 5), ("c", 6)], lambda x: x[0])
    assert found.keys == ["a", "b", "c"] and found.items == [("a", 3), ("b", 1), ("c", 6)]
    assert found.skipped == 2
