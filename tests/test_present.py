"""Presentation facts made in one place (profiles.facts.present): each reads the same wherever it is shown."""

from __future__ import annotations

from profiles.facts import present
from profiles.model import Goal, Quantity
from profiles.model.enums import Comparator, GoalStatus


def goal(status: GoalStatus | None) -> Goal:
    return Goal.model_construct(status=status)


def test_a_status_is_known_only_when_the_sources_say_it():
    assert present.known_status(goal(GoalStatus.achieved)) == "achieved"
    assert present.known_status(goal(GoalStatus.unknown)) is None
    assert present.known_status(goal(None)) is None
    assert not present.any_status_known([goal(None), goal(GoalStatus.unknown)])
    assert present.any_status_known([goal(None), goal(GoalStatus.in_progress)])


def test_a_number_stated_exactly_has_no_symbol_before_it():
    assert present.value_text(present.symbol(Comparator.exactly), "5.5", "%") == "5.5%"
    assert present.value_text(present.symbol(Comparator.at_least), "5.5", "%") == "≥ 5.5%"


def test_pages_separate_thousands_and_maps_write_the_number_as_the_source_does():
    q = Quantity(value=12000, unit="亿元", comparator=Comparator.more_than)
    assert present.quantity_text(q) == "> 12,000 亿元"
    assert present.quantity_words("投资", q) == f"投资 {Comparator.more_than.word} 12000 亿元"


def test_every_embed_code_is_sandboxed_and_escapes_what_the_data_wrote():
    code = present.iframe_code("https://x.test/", "https://x.test/embed/a/", 'A "B" <C>', "s", "gz-a", "i.png", "&")
    assert f'sandbox="{present.SANDBOX}"' in code
    assert 'title="A &#34;B&#34; &lt;C&gt;"' in code and 'alt="&amp;"' in code


def test_oembed_urls_need_the_sites_url():
    assert present.oembed_url(None, present.embed_path("haizhu")) is None
    assert present.oembed_url("https://x.test/", present.embed_path("haizhu", "goals")) == (
        "https://x.test/embed/haizhu/card/goals/oembed.json"
    )
