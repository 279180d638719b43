"""A change that flips a goal's computed verdict (达成 ↔ 未达成, or a result appearing or going): the review
says so, because the page's verdict changes though nobody typed it."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import ValidationError

from ...facts import results
from ...model import Figure, Goal
from .entities import Entities, Entity


def _outcome(side: Entities, goal: Entity | None) -> str | None:
    if goal is None or not goal.data.get("indicator"):
        return None
    try:
        g = Goal.model_validate(goal.data)
        figures = [
            Figure.model_validate(e.data) for e in side.entities.values() if e.kind == "figure" and e.file == goal.file
        ]
    except ValidationError:  # a side that does not validate is reported by the loader, not here
        return None
    r = results.result(g, figures)
    if r is None:
        return "无结果"
    return r.verdict or f"差 {r.difference:+g}"


def verdict_changes(base: Entities, head: Entities) -> Iterator[tuple[Entity, str, str]]:
    """(goal, before, after) for every goal whose computed outcome differs between the two sides (`before` is None
    where the goal had no indicator or did not exist)."""
    for key, goal in head.entities.items():
        if goal.kind != "goal":
            continue
        before, after = _outcome(base, base.entities.get(key)), _outcome(head, goal)
        if after is not None and before != after:  # a verdict that changes, or one that appears
            yield goal, before, after
