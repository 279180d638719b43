"""The kinds of entries a profile lists — roles, goals, indicators, figures, enterprises, parks, projects — in one
table that checks, pages, exports, the JSON Schema's headings, scaffolding and the review (`profiles diff`) read:
a new kind is a model and one row here.

Each Chinese label is the noun the `District` field's own description starts with (what CONTRIBUTING.md prints
beside the YAML key); tests/test_kinds.py checks that each `label` appears in that description. The models carry
no `title=` (it would change the published JSON Schema), so the labels are written here, once.

The English edition's words for each kind sit in the same row (`English`: lower-case nouns, as they read inside a
sentence, and the singular and plural a count reads with: "1 major project", "3 major projects"); `title_in`,
`heading_in`, `invitation_in` and `noun` give a kind's words in either language (a language other than English reads
in Chinese, as the catalogues do). Terms follow data/en/glossary.yaml (tests/test_kinds.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from . import Enterprise, Figure, Goal, Indicator, Park, Project, Statement


@dataclass(frozen=True)
class English:
    """A kind's words on an English page."""

    label: str  # the list: "major projects"
    one: str  # a count of 1 reads "1 major project"
    many: str  # any other count: "3 major projects"
    short: str = ""  # in counts' lists and page titles when it differs from `label`
    section: str = ""  # the profile page's heading when it differs from `label` (capitalised there)
    wanted: str = ""  # what a page without any asks editors for, when it differs from `short or label`


EN = "en"  # the one language besides Chinese the kinds speak (profiles.facts.texts.LANGUAGES)


@dataclass(frozen=True)
class Kind:
    list: str  # the profile's key: "projects"
    name: str  # one entry: "project" — its anchor prefix (#project-<id>), the review's kind, `profiles new project`
    model: type[BaseModel]
    label: str  # the list, as District's field description names it: 重大项目 (the review's field label)
    item: str  # one entry, as editors call it: 项目 (the review's lines, `profiles new`)
    page: int  # its section's place among the kinds' on a profile page (figures lead: the numbers first)
    short: str = ""  # in counts and page titles, e.g. 产业园区; "" for the label
    unit: str = ""  # the counter word a count reads with (家, 个, 项); "" when pages do not count it
    section: str = ""  # the profile page's heading when it differs from `label`
    wanted: bool | str = False  # a page without any asks editors for it: True by its title, or in these words
    new: bool = False  # `profiles new <name>` scaffolds one
    en: English | None = None  # its words in English; None reads in Chinese

    @property
    def counted(self) -> bool:
        """Counted as an entry (条) on pages and in the downloads (roles are statements, not entries)."""
        return bool(self.unit)

    @property
    def title(self) -> str:
        """What counts and page titles call it: "12 个产业园区", "海珠区：发展目标、…与重大项目"."""
        return self.short or self.label

    @property
    def heading(self) -> str:
        """Its section's heading on a profile page."""
        return self.section or self.label

    @property
    def located(self) -> bool:
        """Its entries are points on the maps (and rows of a GeoJSON download)."""
        return "location" in self.model.model_fields

    @property
    def in_park(self) -> bool:
        """Its entries may name the park they are in (`park:`, an id of the file's parks)."""
        return "park" in self.model.model_fields

    @property
    def invitation(self) -> str:
        """What a page without any entries of this kind asks editors for ("" when it does not ask)."""
        return self.wanted if isinstance(self.wanted, str) else self.title if self.wanted else ""

    def title_in(self, lang: str = "zh") -> str:
        """`title` in `lang`: "产业园区" / "industrial parks"."""
        return (self.en.short or self.en.label) if lang == EN and self.en else self.title

    def heading_in(self, lang: str = "zh") -> str:
        """`heading` in `lang`, capitalised in English: "已公布的数字" / "Published figures"."""
        if lang != EN or not self.en:
            return self.heading
        text = self.en.section or self.en.label
        return text[:1].upper() + text[1:]

    def invitation_in(self, lang: str = "zh") -> str:
        """`invitation` in `lang` ("" when the kind does not ask)."""
        if lang != EN or not self.en or not self.wanted:
            return self.invitation
        return self.en.wanted or self.title_in(lang)

    def noun(self, n: int, lang: str = "zh") -> str:
        """What a count of `n` reads with, after the number: "个重大项目" (counter word and title) in Chinese,
        "major project" / "major projects" in English."""
        if lang != EN or not self.en:
            return self.unit + self.title
        return self.en.one if n == 1 else self.en.many

    def anchor(self, item_id: str) -> str:
        """The entry's id on its profile page, e.g. "project-nansha-port"."""
        return f"{self.name}-{item_id}"


# In the order of District's fields: the order a profile's entries are read (citation numbers, dates).
KINDS: tuple[Kind, ...] = (
    Kind(
        "roles",
        "role",
        Statement,
        "定位与分工",
        "定位",
        page=4,
        en=English("roles and division of labour", "role", "roles", short="roles"),
    ),
    Kind(
        "goals",
        "goal",
        Goal,
        "发展目标",
        "目标",
        page=2,
        unit="项",
        wanted="发展目标（带数字、年份和来源）",
        new=True,
        en=English(
            "development goals", "goal", "goals", wanted="development goals (with their figures, years and sources)"
        ),
    ),
    Kind(
        "indicators",
        "indicator",
        Indicator,
        "成绩数字",
        "数字",
        page=3,
        short="已公布数字",
        unit="项",
        section="已公布的数字",
        en=English(
            "reported results",
            "published figure",
            "published figures",
            short="published figures",
            section="published figures",
        ),
    ),
    Kind(
        "figures",
        "figure",
        Figure,
        "统计数字",
        "统计数字",
        page=1,
        unit="项",
        en=English("statistics", "statistical figure", "statistical figures"),
    ),
    Kind(
        "enterprises",
        "enterprise",
        Enterprise,
        "龙头企业",
        "企业",
        page=5,
        unit="家",
        wanted=True,
        new=True,
        en=English("leading enterprises", "leading enterprise", "leading enterprises"),
    ),
    Kind(
        "parks",
        "park",
        Park,
        "产业园区与功能片区",
        "园区",
        page=6,
        short="产业园区",
        unit="个",
        wanted=True,
        new=True,
        en=English(
            "industrial parks and functional zones", "industrial park", "industrial parks", short="industrial parks"
        ),
    ),
    Kind(
        "projects",
        "project",
        Project,
        "重大项目",
        "项目",
        page=7,
        unit="个",
        wanted=True,
        new=True,
        en=English("major projects", "major project", "major projects"),
    ),
)
BY_LIST: dict[str, Kind] = {k.list: k for k in KINDS}
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
LISTS: tuple[str, ...] = tuple(k.list for k in KINDS)
ON_PAGE: tuple[Kind, ...] = tuple(sorted(KINDS, key=lambda k: k.page))
COUNTED: tuple[Kind, ...] = tuple(k for k in KINDS if k.counted)
LOCATED: tuple[Kind, ...] = tuple(k for k in KINDS if k.located)
