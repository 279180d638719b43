"""Keys derived from inputs: the SHA-256 of a value's canonical encoding. The one way the build names
what it has made: `rendering.run` keys each output by its view's digest, and `Cache.memo`/`Cache.keep`
key a value by the digest of the inputs it is made from, so no key is written by hand."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel


def _stale(value: Any) -> Any:
    """A stale translation of the English edition (profiles.model.localized: a str whose `state` is "stale") as what
    it is: json would encode it as the plain English, the same as before it went stale, so the views showing its
    mark would not change. Looked for in a view's fields and in the tuples and lists they hold; a model's are
    noted (`Digests.note`)."""
    if type(value) is str or value is None:
        return value
    if isinstance(value, str):
        return {"L": str(value), "z": value.zh} if getattr(value, "state", None) == "stale" else value
    if isinstance(value, (tuple, list)) and any(isinstance(v, str) and type(v) is not str for v in value):
        return [_stale(v) for v in value]
    return value


class Digests:
    """SHA-256 of a view's canonical encoding: equal for equal views in any process (no `hash()`, no
    set order), different for different ones. The encoding is JSON (C-fast for the dicts, lists and
    strings views are mostly made of), with dataclasses tagged by their class and fields, and pydantic
    models (the data) by the digest of their JSON, remembered by identity for the run, so a district
    shown by five outputs is dumped once."""

    MODELS = 50_000  # models remembered at most (a resident process meets new ones at every edit)

    def __init__(self) -> None:
        self._models: dict[int, tuple[Any, str]] = {}
        self._notes: dict[int, tuple[Any, str]] = {}  # id -> (model, what its JSON does not say)
        self._fields: dict[type, tuple[str, ...]] = {}  # dataclass -> its fields' names (dataclasses.fields is slow)

    def note(self, model: BaseModel, extra: str) -> None:
        """Something a model shows that its JSON does not hold, to be part of its digest: the English edition's
        stale translations (a text's state rides on the str, profiles.model.localized), noted before any view
        holding the model is digested."""
        if len(self._notes) >= self.MODELS:
            self._notes.clear()
        self._notes[id(model)] = (model, extra)
        self._models.pop(id(model), None)

    def of(self, view: Any) -> bytes:
        text = json.dumps(view, ensure_ascii=False, separators=(",", ":"), default=self._plain)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()

    def _plain(self, obj: Any) -> Any:
        """What json cannot encode, as what it can (called by json.dumps, recursively)."""
        if isinstance(obj, BaseModel):
            known = self._models.get(id(obj))
            if known is None or known[0] is not obj:
                if len(self._models) >= self.MODELS:
                    self._models.clear()
                dump = type(obj).__name__ + obj.model_dump_json()
                noted = self._notes.get(id(obj))
                if noted is not None and noted[0] is obj:
                    dump += "\0" + noted[1]
                known = (obj, hashlib.sha256(dump.encode("utf-8", "surrogatepass")).hexdigest())
                self._models[id(obj)] = known
            return {"M": known[1]}
        names = self._fields.get(type(obj))
        if names is None and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            names = self._fields[type(obj)] = tuple(f.name for f in dataclasses.fields(obj))
        if names is not None:
            return {"D": type(obj).__qualname__, "f": [_stale(getattr(obj, name)) for name in names]}
        if isinstance(obj, enum.Enum):
            return {"E": type(obj).__name__, "v": obj.value}
        if isinstance(obj, (set, frozenset)):
            return {"S": sorted(json.dumps(item, default=self._plain, ensure_ascii=False) for item in obj)}
        if isinstance(obj, (datetime.date, datetime.datetime)):
            return {"d": obj.isoformat()}
        if isinstance(obj, bytes):
            return {"b": hashlib.sha256(obj).hexdigest()}
        if isinstance(obj, Mapping):
            return {"m": list(obj.items())}
        raise TypeError(f"a view holds plain values only, not {type(obj).__name__}")
