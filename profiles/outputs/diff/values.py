"""Values as the report shows them: YAML-like flow style, and long texts cut to the part that changed."""

from __future__ import annotations

from typing import Any

from ...facts.present import yaml_text as fmt  # a value as an editor would write it in YAML (flow style)

__all__ = ["excerpts", "fmt", "short"]
CONTEXT = 12  # characters kept on each side of a change inside a long text
LONG = 60  # texts longer than this are shown as the changed part only
NAME = 30  # an entity's name in a report line (a role's "name" is its whole sentence)


def short(text: str, n: int = NAME) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def excerpts(old: Any, new: Any) -> tuple[str, str]:
    """Both values as text; two long texts cut to what differs, with a little context and “…”."""
    a, b = fmt(old), fmt(new)
    if not (isinstance(old, str) and isinstance(new, str)) or max(len(a), len(b)) <= LONG:
        return a, b
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    start = max(0, p - CONTEXT)

    def cut(t: str) -> str:
        end = min(len(t), len(t) - s + CONTEXT)
        return ("…" if start > 0 else "") + t[start:end] + ("…" if end < len(t) else "")

    return cut(a), cut(b)
