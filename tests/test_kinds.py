"""The one table of entry kinds agrees with the models it describes."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from profiles.model import City, District
from profiles.model.kinds import BY_LIST, KINDS, LISTS, LOCATED, ON_PAGE


def _entry_lists(model: type[BaseModel]) -> list[str]:
    """The model's fields that hold a list of models: its lists of entries."""
    out = []
    for name, field in model.model_fields.items():
        if typing.get_origin(field.annotation) is list:
            (inner,) = typing.get_args(field.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                out.append(name)
    return out


def test_every_list_of_entries_of_a_district_is_a_kind_in_the_files_order():
    assert [k.list for k in KINDS] == _entry_lists(District)


def test_the_city_lists_only_kinds_a_district_has():
    assert set(_entry_lists(City)) <= set(BY_LIST)


def test_each_kind_holds_the_model_its_list_holds():
    for k in KINDS:
        assert typing.get_args(District.model_fields[k.list].annotation) == (k.model,), k.list


def test_each_label_is_the_noun_its_field_description_uses():
    for k in KINDS:
        assert k.label in District.model_fields[k.list].description, k.list


def test_pages_place_each_kind_once():
    assert len({k.page for k in KINDS}) == len(KINDS)
    assert ON_PAGE[0].list == "figures"


def test_parks_and_projects_are_the_kinds_on_maps():
    assert [k.list for k in LOCATED] == ["parks", "projects"]
    assert BY_LIST["projects"].anchor("x") == "project-x"


def test_the_kinds_table_names_the_lists_a_profile_reads_its_items_from_in_the_same_order():
    assert LISTS == District.ENTRY_LISTS == City.ENTRY_LISTS


def test_each_kind_counts_in_english_with_its_plural():
    projects, goals = BY_LIST["projects"], BY_LIST["goals"]
    assert [projects.noun(1, "en"), projects.noun(3, "en"), goals.noun(3, "en")] == [
        "major project",
        "major projects",
        "goals",
    ]
    assert projects.noun(3) == "个重大项目"  # the Chinese edition: counter word and title, as before


def test_each_kind_has_an_english_title_heading_and_invitation_and_chinese_stays_as_it_was():
    parks, indicators = BY_LIST["parks"], BY_LIST["indicators"]
    assert (parks.title_in("en"), parks.heading_in("en")) == (
        "industrial parks",
        "Industrial parks and functional zones",
    )
    assert indicators.heading_in("en") == "Published figures"
    assert BY_LIST["goals"].invitation_in("en").startswith("development goals (")
    assert BY_LIST["roles"].invitation_in("en") == ""
    for k in KINDS:
        assert (k.title_in(), k.heading_in(), k.invitation_in()) == (k.title, k.heading, k.invitation)
