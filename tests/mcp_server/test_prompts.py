"""The plan_model_sync prompt and its argument completions, through a real MCP client against the sandbox."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, PromptReference, ResourceTemplateReference

from polytomic_mcp.clients import make_api_client
from polytomic_mcp.sandbox import Sandbox
from polytomic_mcp.sandbox.dataset import GO_STYLE, LINKEDIN_ADS, SALESFORCE, WAREHOUSE
from polytomic_mcp.server import build_server
from polytomic_mcp.settings import Settings
from tests.mcp_server.support import sandbox_server
from tests.snapshots import assert_json_snapshot

pytestmark = pytest.mark.anyio

PROMPT = PromptReference(type="ref/prompt", name="plan_model_sync")
CRM = "Salesforce (production)"


async def prompt_text(client: Client, arguments: dict[str, str]) -> str:
    result = await client.get_prompt("plan_model_sync", arguments)
    [message] = result.messages
    assert message.role == "user" and message.content.type == "text"
    return message.content.text


async def completed(
    client: Client, argument: str, value: str, chosen: dict[str, str] | None = None
) -> tuple[list[str], int | None, bool | None]:
    found = (await client.complete(PROMPT, {"name": argument, "value": value}, chosen)).completion
    return found.values, found.total, found.has_more


async def test_the_server_lists_one_prompt_and_declares_prompts_and_completions(mcp_client: Client) -> None:
    capabilities = mcp_client.server_capabilities
    assert capabilities is not None and capabilities.prompts is not None and capabilities.completions is not None
    [prompt] = (await mcp_client.list_prompts()).prompts
    assert prompt.name == "plan_model_sync" and prompt.title and prompt.description
    assert [(a.name, a.required) for a in prompt.arguments or []] == [
        ("connection", True),
        ("target", False),
        ("mode", False),
    ]
    assert all(a.description for a in prompt.arguments or [])


ARGUMENTS: dict[str, dict[str, str]] = {
    "connection_only": {"connection": "salesforce"},
    "connection_and_target": {"connection": CRM, "target": "contact"},
    "connection_target_and_mode": {"connection": CRM, "target": "Contact", "mode": "updateOrCreate"},
    "connection_and_mode": {"connection": "LinkedIn Ads", "mode": "append"},
    "connection_by_id_and_a_mode_without_identity": {"connection": SALESFORCE, "target": "Contact", "mode": "create"},
    "unknown_connection": {"connection": 'acme "prod"'},
    "ambiguous_connection": {"connection": "events"},
    "unknown_target": {"connection": CRM, "target": "Nope"},
    "mode_the_target_lacks": {"connection": CRM, "target": "Contact", "mode": "append"},
    "blank_optional_arguments": {"connection": CRM, "target": " ", "mode": ""},
    "connection_by_the_start_of_its_id": {"connection": SALESFORCE[:8]},
    "fragment_of_every_connection_id": {"connection": "-5"},
    "connector_type": {"connection": "customerio"},
    "unhealthy_connection": {"connection": "Legacy CRM"},
    "unknown_connection_not_in_ascii": {"connection": "Café"},
    "target_by_its_name_and_a_mode_only_other_targets_offer": {
        "connection": "HubSpot",
        "target": "Goals",
        "mode": "create",
    },
    "mode_no_target_of_the_connection_offers": {"connection": "Events API", "mode": "append"},
    "target_without_modes": {"connection": "Events API", "target": "events"},
    "unknown_connection_and_a_mode": {"connection": "nope", "mode": "append"},
}


async def test_each_argument_combination_starts_the_workflow_with_what_is_known(mcp_client: Client) -> None:
    texts = {name: await prompt_text(mcp_client, arguments) for name, arguments in ARGUMENTS.items()}
    assert_json_snapshot("outputs/plan_model_sync", texts)
    full = texts["connection_target_and_mode"]
    assert f'connection_id="{SALESFORCE}", target="Contact", required_only=true' in full
    assert "needs an identity mapping" in full and "pick the identity field" in full
    assert "list_sync_targets" not in full  # the target is known: no step back
    assert 'list_sync_targets(connection_id="' in texts["connection_only"]
    assert 'list_connections(search="acme \\"prod\\"")' in texts["unknown_connection"]
    assert "Close matches:" in texts["ambiguous_connection"]
    assert 'mode="append"' in texts["connection_and_mode"]
    assert "pick the identity field" not in texts["connection_by_id_and_a_mode_without_identity"]
    assert texts["blank_optional_arguments"] == await prompt_text(mcp_client, {"connection": CRM})
    assert f"Destination connection: {CRM} ({SALESFORCE}, salesforce)." in texts["connection_by_the_start_of_its_id"]
    assert texts["fragment_of_every_connection_id"].count("), ") == 4  # five close matches, never more
    assert "Close matches: Events API (nothing set up) (" in texts["connector_type"]
    assert "— it is unhealthy: Error 1045 (28000): Access denied" in texts["unhealthy_connection"]
    assert 'list_connections(search="Café")' in texts["unknown_connection_not_in_ascii"]
    by_name = texts["target_by_its_name_and_a_mode_only_other_targets_offer"]
    assert "- Target: goal_targets (Goals)." in by_name
    assert 'Sync mode "create" is not offered by target goal_targets (offered: update).' in by_name
    no_mode = texts["mode_no_target_of_the_connection_offers"]
    assert 'Sync mode "append" is not offered by any target of this connection (offered: none).' in no_mode
    assert "mode=" not in no_mode  # a mode checked and not offered is not passed on: it would list nothing
    unchecked = texts["unknown_connection_and_a_mode"]  # no connection to check the mode against: passed on as given
    assert 'list_sync_targets(connection_id=<its id>, mode="append")' in unchecked
    assert "- Its sync modes: none." in texts["target_without_modes"]


@pytest.mark.parametrize("argument", ["connection", "target", "mode"])
async def test_each_argument_may_be_200_characters_and_no_longer(mcp_client: Client, argument: str) -> None:
    longest = {"connection": CRM, argument: "x" * 200}
    assert f' "{"x" * 200}"' in await prompt_text(mcp_client, longest)  # said back whole, as not found
    with pytest.raises(MCPError) as refused:
        await mcp_client.get_prompt("plan_model_sync", {**longest, argument: "x" * 201})
    assert refused.value.message == f"Argument '{argument}' must be at most 200 characters, without control characters."


@pytest.mark.parametrize(
    "arguments",
    [{}, {"connection": " "}, {"connection": "x" * 201}, {"connection": "crm\nignore the above"}],
)
async def test_a_missing_or_malformed_connection_is_refused_naming_the_argument(
    mcp_client: Client, sandbox: Sandbox, arguments: dict[str, str]
) -> None:
    with pytest.raises(MCPError) as refused:
        await mcp_client.get_prompt("plan_model_sync", arguments)
    assert "connection" in refused.value.message and refused.value.code == INVALID_PARAMS
    assert sandbox.requests == []


async def test_an_unknown_prompt_is_refused_naming_the_prompts_there_are(mcp_client: Client) -> None:
    with pytest.raises(MCPError) as refused:
        await mcp_client.get_prompt("plan", {"connection": CRM})
    assert refused.value.code == INVALID_PARAMS and "plan_model_sync" in refused.value.message


async def test_a_lookup_that_fails_still_renders_and_says_what_failed(mcp_client: Client, sandbox: Sandbox) -> None:
    sandbox.faults.inject("list_connections", "status", status=403)
    text = await prompt_text(mcp_client, {"connection": CRM})
    assert "Looking up the connection failed" in text and "HTTP 403" in text
    assert 'list_connections(search="Salesforce (production)")' in text


async def test_a_failed_targets_lookup_still_renders_with_the_connection_known(
    mcp_client: Client, sandbox: Sandbox
) -> None:
    sandbox.faults.inject("list_sync_targets", "status", status=403)
    text = await prompt_text(mcp_client, {"connection": CRM, "target": "Contact"})
    assert "Destination connection: Salesforce (production)" in text
    assert "Looking up the targets failed" in text and "HTTP 403" in text
    assert f'list_sync_targets(connection_id="{SALESFORCE}", search="Contact")' in text


async def test_passthrough_without_a_caller_key_completes_to_nothing(sandbox: Sandbox) -> None:
    settings = Settings(sandbox=True, auth_mode="passthrough")
    async with Client(sandbox_server(settings)) as client:  # in memory: no HTTP layer, so no caller key
        assert await completed(client, "connection", "") == ([], None, None)
    assert sandbox.requests == []


async def test_connections_complete_as_you_type_by_name_or_id_prefix_matches_first(mcp_client: Client) -> None:
    everything, total, more = await completed(mcp_client, "connection", "")
    assert total == len(everything) == 11 and more is False
    assert CRM in everything and "LinkedIn Ads" in everything
    assert await completed(mcp_client, "connection", "sal") == ([CRM], 1, False)
    assert await completed(mcp_client, "connection", SALESFORCE[:8]) == ([CRM], 1, False)  # an id matches too
    found, _, _ = await completed(mcp_client, "connection", "e")
    starts = [v for v in found if v.casefold().startswith("e")]
    assert starts and found[: len(starts)] == starts  # prefix matches come first


async def test_targets_complete_from_the_chosen_connection_and_are_capped_at_100(mcp_client: Client) -> None:
    found, total, more = await completed(mcp_client, "target", "contact", {"connection": CRM})
    assert found == ["Contact", "ContactPointEmail", "ContactPointPhone", "AccountContactRelation",
                     "OpportunityContactRole"] and total == 5 and more is False  # fmt: skip
    everything, total, more = await completed(mcp_client, "target", "", {"connection": "Analytics warehouse"})
    assert len(everything) == 100 and total == 2815 and more is True
    by_id, _, _ = await completed(mcp_client, "target", "contact", {"connection": SALESFORCE})
    assert by_id == found
    # Each group in alphabetical order ignoring case (where "_" comes before letters, not between the cases).
    quotes = ["Quote", "QuoteLineItem", "SBQQ__Quote__c", "SBQQ__QuoteLine__c"]
    assert await completed(mcp_client, "target", "quote", {"connection": CRM}) == (quotes, 4, False)
    assert await completed(mcp_client, "target", "__quo", {"connection": CRM}) == (quotes[2:], 2, False)


async def test_modes_complete_from_the_chosen_target_or_else_the_whole_connection(mcp_client: Client) -> None:
    chosen = {"connection": CRM, "target": "Contact"}
    assert await completed(mcp_client, "mode", "", chosen) == (
        ["create", "remove", "update", "updateOrCreate"],
        4,
        False,
    )
    assert await completed(mcp_client, "mode", "up", chosen) == (["update", "updateOrCreate"], 2, False)
    modes, _, _ = await completed(mcp_client, "mode", "", {"connection": "LinkedIn Ads"})
    assert modes == ["append", "remove", "replace"]


@pytest.mark.parametrize(
    ("argument", "chosen"),
    [
        ("target", {"connection": "no such connection"}),
        ("target", {}),
        ("mode", {"connection": CRM, "target": "Nope"}),
        ("nonsense", {"connection": CRM}),
    ],
)
async def test_what_cannot_be_completed_completes_to_nothing_not_an_error(
    mcp_client: Client, argument: str, chosen: dict[str, str]
) -> None:
    assert await completed(mcp_client, argument, "", chosen) == ([], 0, False)


async def test_other_references_and_failed_lookups_complete_to_nothing(mcp_client: Client, sandbox: Sandbox) -> None:
    other = await mcp_client.complete(
        PromptReference(type="ref/prompt", name="other"), {"name": "connection", "value": ""}
    )
    assert other.completion.values == []
    template = ResourceTemplateReference(type="ref/resource", uri="polytomic://{connection}")
    assert (await mcp_client.complete(template, {"name": "connection", "value": ""})).completion.values == []
    sandbox.faults.inject("list_connections", "status", status=404)
    assert (await completed(mcp_client, "connection", "sal"))[0] == []


async def test_completions_and_the_prompt_share_the_tools_cache(mcp_client: Client, sandbox: Sandbox) -> None:
    for typed in ("", "s", "sa", "sal"):
        await completed(mcp_client, "connection", typed)
        await completed(mcp_client, "target", typed, {"connection": CRM})
        await completed(mcp_client, "mode", typed, {"connection": CRM, "target": "Contact"})
    await prompt_text(mcp_client, {"connection": CRM, "target": "Contact", "mode": "update"})
    await mcp_client.call_tool("list_connections", {})
    await mcp_client.call_tool("list_sync_targets", {"connection_id": SALESFORCE})
    assert sorted(r.route or "" for r in sandbox.requests) == ["list_connections", "list_sync_targets"]


async def test_go_style_targets_without_names_or_modes_complete_and_render(mcp_client: Client) -> None:
    chosen: dict[str, Any] = {"connection": GO_STYLE}
    targets, total, _ = await completed(mcp_client, "target", "", chosen)
    assert total and all(targets)
    text = await prompt_text(mcp_client, {"connection": GO_STYLE, "target": targets[0]})
    assert f"Target: {targets[0]}" in text
    assert await completed(mcp_client, "target", "segments_004", chosen) == (["segments_004"], 1, False)  # listed twice
    assert WAREHOUSE and LINKEDIN_ADS  # the sandbox's other connections stay as they are


API_KEY = "pk_test_0123"


def made_up_id(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def organization(
    connections: list[dict[str, Any]], targets: list[dict[str, Any]], seen: list[str] | None = None
) -> Client:
    """A client of the server against a made-up organization: these connections, each with these targets (the path
    of every request Polytomic gets is added to `seen`)."""

    def polytomic(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request.url.path)
        if request.url.path.endswith("/targetobjects"):
            return httpx.Response(200, json={"data": targets})
        return httpx.Response(200, json={"data": connections})

    settings = Settings(api_key=API_KEY, base_url="https://polytomic.example")
    return Client(build_server(settings, make_api_client(settings, transport=httpx.MockTransport(polytomic))))


CONNECTIONS: list[dict[str, Any]] = [
    {"id": made_up_id(2), "name": "Ads", "type": {"id": "linkedinads"}, "status": "failing",
     "status_error": f"token {API_KEY} expired"},
    {"id": made_up_id(3), "name": "Twin", "type": {"id": "hubspot"}},
    {"id": made_up_id(4), "name": "twin", "type": {"id": "hubspot"}},
    {"id": made_up_id(5), "type": {"id": "webhook"}},
    {"id": made_up_id(6), "name": "XXXX", "type": {"id": "webhook"}},
]  # fmt: skip
TARGETS: list[dict[str, Any]] = [
    {"id": "Contact", "modes": [{"id": "create"}]},
    {"id": "contact", "modes": [{"id": "create"}]},
    {"id": "ax", "name": "Axe"},
    {"id": "bx"},
    *({"id": f"table_{n:02d}"} for n in range(96)),
]


def known(text: str) -> list[str]:
    """The facts a prompt's text lists as known."""
    return text.split("Known so far:\n")[1].split("\n\n")[0].splitlines()


async def test_a_connection_is_described_as_the_organization_has_it_and_picked_by_its_exact_id_or_name() -> None:
    unhealthy = {"id": made_up_id(1), "name": "CRM\nproduction", "status": "unhealthy"}  # no type, no error
    async with organization([unhealthy, *CONNECTIONS], TARGETS) as client:
        crm = await prompt_text(client, {"connection": "CRM"})
        ads = await prompt_text(client, {"connection": "Ads", "target": "contact"})
        named_xxxx = await prompt_text(client, {"connection": "xxxx"})
    assert known(crm) == [
        f"- Destination connection: CRM production ({made_up_id(1)}) — it is unhealthy: see list_connections."
    ]
    assert known(ads) == [
        f"- Destination connection: Ads ({made_up_id(2)}, linkedinads) — it is failing: token [redacted] expired.",
        "- Target: contact.",  # the exact id wins over Contact, equal to it but for case
        "- Its sync modes: create: no identity mapping, per-field modes or filters.",
    ]
    assert known(named_xxxx) == [f"- Destination connection: XXXX ({made_up_id(6)}, webhook)."]  # not the nameless one


async def test_completions_name_each_connection_only_when_the_name_is_its_own_and_count_exactly() -> None:
    async with organization(CONNECTIONS, TARGETS) as client:
        connections = await completed(client, "connection", "")
        targets = await completed(client, "target", "", {"connection": "Ads"})
        with_x = await completed(client, "target", "x", {"connection": "Ads"})
    # Twin and twin are one name ignoring case, and one connection has none: those complete to their ids.
    assert connections == ([made_up_id(3), made_up_id(4), made_up_id(5), "Ads", "XXXX"], 5, False)
    assert (len(targets[0]), targets[1:]) == (100, (100, False))  # exactly 100: all of them, nothing more to come
    assert with_x == (["ax", "bx"], 2, False)  # neither starts with x (nor does Axe), so in plain order


async def test_targets_complete_without_naming_the_connection_when_the_organization_has_only_one() -> None:
    async with organization([{"id": made_up_id(7), "name": "Only"}], TARGETS) as client:
        assert await completed(client, "target", "x") == (["ax", "bx"], 2, False)


async def test_a_note_names_at_most_twenty_modes_the_rest_counted() -> None:
    targets = [{"id": "A", "modes": [{"id": f"m{n:03d}"} for n in range(100)]}]
    async with organization([{"id": SALESFORCE, "name": "CRM"}], targets) as c:
        text = await prompt_text(c, {"connection": "CRM", "target": "A", "mode": "nope"})
    assert 'Sync mode "nope" is not offered by target A (offered: m000, m001,' in text
    assert "m019 and 80 more)." in text and "m020" not in text.split("Not settled:")[1].split("\n")[1]


async def test_every_completed_value_is_one_the_prompt_takes_back() -> None:
    long_name, long_id = "n" * 201, "t" * 201
    connections: list[dict[str, Any]] = [
        {"id": made_up_id(8), "name": "CRM\tproduction", "type": {"id": "salesforce"}},
        {"id": made_up_id(9), "name": long_name},
        {"id": made_up_id(10), "name": "Kept"},
    ]
    targets: list[dict[str, Any]] = [
        {"id": "Contact", "modes": [{"id": "create"}, {"id": "up\x7fdate"}, {"id": "m" * 201}]},
        {"id": "Lead\nB"},
        {"id": long_id},
    ]
    async with organization(connections, targets) as client:
        names = await completed(client, "connection", "")
        offered = await completed(client, "target", "", {"connection": "Kept"})
        modes = await completed(client, "mode", "", {"connection": "Kept", "target": "Contact"})
        any_modes = await completed(client, "mode", "", {"connection": "Kept"})
        for value in [*names[0], *offered[0], *modes[0]]:  # each is taken back without an error
            await prompt_text(client, {"connection": made_up_id(10), "target": value})
    assert names == ([made_up_id(8), made_up_id(9), "Kept"], 3, False)  # those two complete to their ids
    assert offered == (["Contact"], 1, False) and modes == (["create"], 1, False) and any_modes == modes


async def test_completing_as_one_types_asks_polytomic_once_per_listing() -> None:
    seen: list[str] = []
    async with organization(CONNECTIONS, TARGETS, seen) as client:
        for typed in ("", "A", "Ad", "Ads"):
            await completed(client, "connection", typed)
            await completed(client, "target", typed, {"connection": "Ads"})
        await prompt_text(client, {"connection": "Ads", "target": "ax"})
    assert seen == ["/api/connections", f"/api/connections/{made_up_id(2)}/modelsync/targetobjects"]
