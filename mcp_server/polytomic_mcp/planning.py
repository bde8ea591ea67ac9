"""What the plan_model_sync prompt and its completions do once asked: look up the connection, target and mode (through
the tools' cached fetches), then render the plan or rank the candidates. Imported by the first request for either.

A person picks the prompt in their assistant (connection, and optionally target and mode); it starts the agent on
the connections -> targets -> fields workflow with the facts already known written in, so the agent's first call is
the next useful one. Lookups go through the same cached fetches as the tools (and, in passthrough mode, with the
caller's own key), so completing as one types costs one upstream answer per listing and TTL, and one organization
never completes another's connections. A lookup that fails never fails the prompt: it says what to call instead.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import (
    Completion,
    CompletionContext,
)

from polytomic_sync_client import models

from .limits import CONTROL_CHARACTERS, fits_prompt_argument
from .paging import matches, remembered
from .reading import adds_information, items, text
from .results import ConnectionSummary, ModeFlag, Target
from .tools.connections_handler import connection_summaries, fetch_connections
from .tools.targets_handler import fetch_targets, target_id, target_modes, target_summary
from .upstream import Upstream

COMPLETION_CAP = 100  # the most values a completion may carry (MCP specification)
MAX_NAMED = 20  # modes named in a note; the rest are counted
_CAPABILITY_WORDS: dict[ModeFlag, str] = {
    "identity": "needs an identity mapping (a match key)",
    "per_field": "supports per-field sync modes",
    "filters": "supports target filters",
}


@dataclass
class Plan:
    """What the prompt's arguments resolve to, and what could not be resolved (said to the agent as such)."""

    connection: ConnectionSummary | None = None
    target: Target | None = None
    mode: str | None = None
    mode_refused: bool = False  # checked against what the connection offers, and not offered
    notes: list[str] = field(default_factory=list)


async def plan(up: Upstream, connection: str, target: str | None, mode: str | None) -> str:
    """The prompt's text for these (checked) arguments."""
    return _render(await _resolve(up, connection, target, mode), connection, target, mode)


async def _resolve(up: Upstream, connection: str, target: str | None, mode: str | None) -> Plan:
    plan = Plan()
    try:
        summaries = connection_summaries(await fetch_connections(up), secrets=up.secrets).items
    except ToolError as exc:
        plan.notes.append(f"Looking up the connection failed: {exc}")
        return plan
    plan.connection, problem = _pick_connection(summaries, connection)
    if plan.connection is None:
        plan.notes.append(problem)
        return plan
    if target is None and mode is None:
        return plan
    try:
        envelope = await fetch_targets(up, uuid.UUID(plan.connection.id), with_creation_values=False)
    except (ToolError, ValueError) as exc:
        plan.notes.append(f"Looking up the targets failed: {exc}")
        return plan
    listed = items(envelope.data, models.TargetObject)
    if target is not None:
        found = _pick(target, [(t, target_id(t) or "", text(t.name)) for t in listed if target_id(t)])
        if found is None:
            plan.notes.append(f"No single target of this connection is named {_literal(target)}.")
        else:
            plan.target = target_summary(found)
    if mode is not None:
        offered = set(plan.target.modes) if plan.target else connection_modes(envelope)
        if mode in offered:
            plan.mode = mode
        else:
            plan.mode_refused = True
            where = f"target {_plain(plan.target.id)}" if plan.target else "any target of this connection"
            shown = sorted(offered)[:MAX_NAMED]
            more = f" and {len(offered) - len(shown)} more" if len(offered) > len(shown) else ""
            offer = (_plain(", ".join(shown)) or "none") + more
            plan.notes.append(f"Sync mode {_literal(mode)} is not offered by {where} (offered: {offer}).")
    return plan


def _pick_connection(summaries: list[ConnectionSummary], wanted: str) -> tuple[ConnectionSummary | None, str]:
    found = _pick(wanted, [(c, c.id, c.name) for c in summaries])
    if found is not None:
        return found, ""
    close = [c for c in summaries if matches(wanted, c.id, c.name, c.type)][:5]
    hint = f" Close matches: {', '.join(_label(c) for c in close)}." if close else ""
    return None, f"No single connection of this organization is named {_literal(wanted)}.{hint}"


def _pick(wanted: str, candidates: list[tuple[Any, str, str | None]]) -> Any:
    """The one candidate whose id is `wanted`; else the one whose id or name equals it ignoring case; else the one
    whose id or name contains it. None when there is none or more than one."""
    folded = wanted.casefold()
    for rule in (
        lambda id_, name: id_ == wanted,
        lambda id_, name: folded in (id_.casefold(), (name or "").casefold()),
        lambda id_, name: matches(wanted, id_, name),
    ):
        hits = [item for item, id_, name in candidates if rule(id_, name)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    return None


def _label(connection: ConnectionSummary) -> str:
    kind = f", {_plain(connection.type)}" if connection.type else ""
    return f"{_plain(connection.name or connection.id)} ({connection.id}{kind})"


def _plain(value: str) -> str:
    """Upstream or typed text on one line of the prompt: control characters (newlines included) become spaces."""
    return CONTROL_CHARACTERS.sub(" ", value)


def _literal(value: str) -> str:
    """A string argument as the agent should pass it: a JSON string, so quotes in it stay inside."""
    return json.dumps(value, ensure_ascii=False)


def _render(plan: Plan, connection: str, target: str | None, mode: str | None) -> str:
    known: list[str] = []
    steps: list[str] = []
    conn = plan.connection
    if conn is None:
        steps.append(f"list_connections(search={_literal(connection)}): find the destination connection with me.")
    else:
        status = f" — it is {conn.status}: {conn.error or 'see list_connections'}" if conn.status else ""
        known.append(f"Destination connection: {_label(conn)}{status}.")
    chosen = plan.target
    if chosen is None:
        search = f", search={_literal(target)}" if target else ""
        # a mode that could not be checked (the connection or its targets unknown) is passed on as given; one
        # that was checked and is not offered would only list nothing
        listed_mode = plan.mode or (None if plan.mode_refused else mode)
        mode_argument = f", mode={_literal(listed_mode)}" if listed_mode else ""
        where = f"connection_id={_literal(conn.id)}" if conn else "connection_id=<its id>"
        steps.append(
            f"list_sync_targets({where}{mode_argument}{search}): choose the target object with me (a connection "
            "that can create new targets says so in target_creation; get_target_creation_values then gives the "
            "values a new one needs)."
        )
    else:
        name = f" ({_plain(chosen.name)})" if chosen.name and adds_information(chosen.name, chosen.id) else ""
        known.append(f"Target: {_plain(chosen.id)}{name}.")
        if plan.mode is None:
            offered = "; ".join(f"{_plain(m)}: {_capabilities(f)}" for m, f in chosen.modes.items()) or "none"
            known.append(f"Its sync modes: {offered}.")
    if plan.mode is not None:
        flags = chosen.modes.get(plan.mode, []) if chosen else None
        said = f" — {_capabilities(flags)}" if flags is not None else ""
        known.append(f"Sync mode: {_plain(plan.mode)}{said}.")
    elif chosen is not None:
        steps.append("Choose the sync mode with me from the modes above.")
    where = f"connection_id={_literal(conn.id)}" if conn else "connection_id=<its id>"
    target_argument = f"target={_literal(chosen.id)}" if chosen else "target=<its id>"
    steps.append(
        f"get_sync_target_fields({where}, {target_argument}, required_only=true): the fields every record must fill."
    )
    identity = chosen is not None and plan.mode is not None and "identity" in chosen.modes.get(plan.mode, [])
    steps.append(
        f"get_sync_target_fields({where}, {target_argument}): every field (page with cursor); "
        + (
            "pick the identity field (one that lists identity functions) with me."
            if identity
            else "a field that lists identity functions can be the match key, if the mode needs one."
        )
    )
    steps.append("Propose the mapping: source field -> target field for the identity and required fields first.")
    lines = ["Help me plan a Polytomic model sync with this server's tools. Ask me before choosing anything these "
             "facts do not settle; never guess ids."]  # fmt: skip
    if known:
        lines += ["", "Known so far:", *(f"- {fact}" for fact in known)]
    if plan.notes:
        lines += ["", "Not settled:", *(f"- {note}" for note in plan.notes)]
    lines += ["", "Next steps:", *(f"{n}. {step}" for n, step in enumerate(steps, 1))]
    return "\n".join(lines)


def _capabilities(flags: list[ModeFlag]) -> str:
    return ", ".join(_CAPABILITY_WORDS[f] for f in flags) or "no identity mapping, per-field modes or filters"


async def complete(up: Upstream, name: str, typed: str, context: CompletionContext | None) -> Completion:
    """Values for the argument `name` of plan_model_sync matching `typed` (see prompts.complete)."""
    chosen = dict(context.arguments or {}) if context is not None else {}
    try:
        values = await _candidates(up, name, chosen)
    except ToolError:
        return Completion(values=[])
    found = _ranked(typed, values)
    return Completion(values=found[:COMPLETION_CAP], total=len(found), has_more=len(found) > COMPLETION_CAP)


async def _candidates(up: Upstream, name: str, chosen: dict[str, str]) -> list[tuple[str, str | None]]:
    """(value, text that also matches) for the argument `name`, given the arguments already chosen."""
    if name not in ("connection", "target", "mode"):
        return []
    summaries = connection_summaries(await fetch_connections(up), secrets=up.secrets).items
    if name == "connection":  # a name that names one connection (and the prompt takes back), else the id
        names = Counter((c.name or "").casefold() for c in summaries)
        return [(c.name if c.name and names[c.name.casefold()] == 1 and fits_prompt_argument(c.name) else c.id, c.id)
                for c in summaries]  # fmt: skip
    conn, _ = _pick_connection(summaries, (chosen.get("connection") or "").strip())
    if conn is None:
        return []
    envelope = await fetch_targets(up, uuid.UUID(conn.id), with_creation_values=False)
    summaries_of = remembered(envelope, "summaries", lambda: [target_summary(t) for t in target_list(envelope)])
    if name == "target":  # ids the prompt would refuse are left out: there is no other name to offer for them
        return [(t.id, t.name) for t in summaries_of if fits_prompt_argument(t.id)]
    wanted = (chosen.get("target") or "").strip()
    if wanted:
        found = _pick(wanted, [(t, t.id, t.name) for t in summaries_of])
        modes = list(found.modes) if found is not None else []
    else:
        modes = sorted(connection_modes(envelope))
    return [(m, None) for m in modes if fits_prompt_argument(m)]


def target_list(envelope: models.TargetObjectsResponseEnvelope) -> list[models.TargetObject]:
    return [t for t in items(envelope.data, models.TargetObject) if target_id(t)]


def connection_modes(envelope: models.TargetObjectsResponseEnvelope) -> set[str]:
    """Every mode some target of the connection offers, worked out once per cached answer (as the tool does)."""
    return remembered(envelope, "modes", lambda: target_modes(envelope))


def _ranked(typed: str, candidates: list[tuple[str, str | None]]) -> list[str]:
    folded = typed.casefold()
    seen: set[str] = set()
    starts: list[str] = []
    contains: list[str] = []
    for value, other in candidates:
        if value in seen or not matches(typed, value, other):
            continue
        seen.add(value)
        prefix = value.casefold().startswith(folded) or (other or "").casefold().startswith(folded)
        (starts if prefix else contains).append(value)
    return sorted(starts, key=str.casefold) + sorted(contains, key=str.casefold)
