"""The 11 districts of Guangzhou: the registry every data folder is checked against, both ways."""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    slug: str
    zh: str
    en: str
    code: str  # administrative division code; a string, never a number


DISTRICTS: tuple[Entry, ...] = (
    Entry("liwan", "荔湾区", "Liwan District", "440103"),
    Entry("yuexiu", "越秀区", "Yuexiu District", "440104"),
    Entry("haizhu", "海珠区", "Haizhu District", "440105"),
    Entry("tianhe", "天河区", "Tianhe District", "440106"),
    Entry("baiyun", "白云区", "Baiyun District", "440111"),
    Entry("huangpu", "黄埔区", "Huangpu District", "440112"),
    Entry("panyu", "番禺区", "Panyu District", "440113"),
    Entry("huadu", "花都区", "Huadu District", "440114"),
    Entry("nansha", "南沙区", "Nansha District", "440115"),
    Entry("conghua", "从化区", "Conghua District", "440117"),
    Entry("zengcheng", "增城区", "Zengcheng District", "440118"),
)

BY_SLUG: dict[str, Entry] = {d.slug: d for d in DISTRICTS}
CITY_SLUG = "guangzhou"
