"""The data model: what an editor may write in `data/`.

Every field's `description` is the documentation editors read (CONTRIBUTING.md and the JSON Schema are
generated from it), so descriptions are written for journalists, in Chinese first, English after " / ".
Unknown keys are forbidden everywhere: a typo must be an error, never silently ignored.

| module | models |
| --- | --- |
| `base.py` | ids and partial dates as written, `Strict` (every model's base), `Name`, `Quote`, `Sourced` |
| `quantities.py` | `Quantity`, `Target`, `Area` |
| `places.py` | `Location`, `Enterprise`, `Park`, `Project` |
| `goals.py` | `Statement`, `IndustrialSystem`, `Goal`, `Figure`, `Indicator` |
| `district.py`, `city.py`, `sources.py`, `registry.py` | the files' roots: `District`; `City`, `CityLayout`, `CityGroup`; `Source`, `Sources`; `Registry` (and its `Entry`, `CITY_SLUG`) |

Import from the package (`from profiles.model import District`): every model, type and the enums the
fields use are here.
"""

from __future__ import annotations

from pydantic import BaseModel

from .base import ID_PATTERN, PARTIAL_DATE_PATTERN, Id, Name, PartialDate, Quote, Sourced, SourceIds, Strict
from .city import City, CityGroup, CityLayout
from .district import District
from .enums import (
    Comparator,
    FigureStatus,
    GoalStatus,
    IndicatorKey,
    Measure,
    ParkKind,
    Period,
    Precision,
    ProjectCategory,
    ProjectStatus,
    SourceKind,
)
from .goals import Figure, Goal, Indicator, IndustrialSystem, Statement
from .places import Enterprise, Location, Park, Project
from .quantities import COMPARATOR_DOC, Area, Quantity, Target
from .registry import CITY_SLUG, Entry, Registry, RegistryEntry
from .sources import Source, Sources

__all__ = [
    "CITY_SLUG",
    "Entry",
    "Registry",
    "RegistryEntry",
    "COMPARATOR_DOC",
    "ID_PATTERN",
    "PARTIAL_DATE_PATTERN",
    "Area",
    "BaseModel",
    "City",
    "CityGroup",
    "CityLayout",
    "Comparator",
    "District",
    "Enterprise",
    "Figure",
    "FigureStatus",
    "Goal",
    "GoalStatus",
    "Id",
    "Indicator",
    "IndicatorKey",
    "IndustrialSystem",
    "Location",
    "Measure",
    "Name",
    "Park",
    "ParkKind",
    "PartialDate",
    "Period",
    "Precision",
    "Project",
    "ProjectCategory",
    "ProjectStatus",
    "Quantity",
    "Quote",
    "SourceIds",
    "SourceKind",
    "Sourced",
    "Source",
    "Sources",
    "Statement",
    "Strict",
    "Target",
]
