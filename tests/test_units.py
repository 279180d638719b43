"""Units in the English edition (profiles.facts.units): each unit the sources write has one English form, the number
moved by whole powers of ten and never rounded; a unit the table lacks stays Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from profiles.facts import units
from profiles.facts.labels import HAN

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("value", "unit", "english"),
    [
        (5.5, "%", "5.5%"),
        (1316.36, "亿元", "131.636 billion yuan"),
        (1, "万亿元", "1 trillion yuan"),
        (1500, "万元", "15 million yuan"),
        (8, "元", "8 yuan"),
        (1897.8, "万人", "18.978 million people"),
        (7.3, "平方公里", "7.3 km²"),
        (1200, "万平方米", "12,000,000 m²"),
        (43, "万公里", "430,000 km"),
        (2, "万亩", "20,000 mu"),
        (6000, "P", "6,000 PFLOPS"),
        (18, "年", "18 years"),
        (1, "年", "1 year"),
        (243.35, "亿次", "24.335 billion"),
        (20, "万家", "200,000"),
        (10, "万座", "100,000"),
        (3500, "万条", "35,000,000"),
        (100, "个", "100"),
        (50, "家", "50"),
        (5, "项", "5"),
        (13, "份", "13"),
        (300, "场", "300"),
        (2, "位", "2"),
        (90, "款", "90"),
        (37, "户", "37"),
    ],
)
def test_each_unit_reads_in_english_with_its_number_moved_exactly(value, unit, english):
    assert units.amount_text(value, unit) == english


def test_a_number_is_never_rounded_and_is_grouped_by_thousands():
    assert units.number(12345.678) == "12,345.678"
    assert units.amount_text(12345.678, "亿元") == "1,234.5678 billion yuan"
    assert units.number(0.1 + 0.2) == "0.30000000000000004"  # the float as written, not a tidied one
    assert units.number(-0.0) == "0" and units.number(1e-7) == "0.0000001"


def test_a_unit_the_table_lacks_stays_chinese():
    assert not units.known("吨")
    assert units.amount(1200, "吨") == ("1,200", "吨")


def test_every_unit_the_data_writes_has_english():
    written: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            written.update(v for k, v in node.items() if k == "unit" and isinstance(v, str))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in [DATA / "city.yaml", *sorted((DATA / "districts").glob("*.yaml"))]:
        walk(yaml.safe_load(path.read_text("utf-8")))
    assert "亿元" in written and "万平方米" in written  # the walk finds units at all
    assert sorted(written - set(units.UNITS)) == []


def test_no_english_unit_holds_chinese():
    assert [u for u, e in units.UNITS.items() if HAN.search(e.one + e.many)] == []


def test_a_column_of_numbers_is_headed_by_its_english_unit_in_the_plural_where_english_has_one():
    assert units.unit_name("亿元") == "billion yuan" and units.unit_name("万人") == "million people"
    assert units.unit_name("年") == "years" and units.unit_name("%") == "%"
    assert units.unit_name("个") == "" and units.unit_name("万吨") == "万吨"  # a counter; a unit the table lacks
