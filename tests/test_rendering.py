"""The one build model (profiles/engine/rendering.py): a view's digest keys its output, so an edit re-renders
exactly the outputs whose view changed — checked as sets, for the edits editors make most."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from profiles.base.cache import Cache
from profiles.base.config import load_config
from profiles.engine.context import BuildContext
from profiles.engine.rendering import Digests, Inputs, Output, run
from profiles.model.dataset import Dataset
from profiles.site.build import Session, Timings, build
from profiles.site.generate import OUTPUTS
from scripts.edits import EDITS
from tests.conftest import ROOT, make_project


@dataclass(frozen=True)
class Card:
    title: str
    figures: tuple[float, ...]


def test_equal_views_have_equal_digests_and_any_change_changes_it():
    digests = Digests()
    same = digests.of(Card("海珠", (1.0, 2.5)))
    assert Digests().of(Card("海珠", (1.0, 2.5))) == same  # another run (or process) agrees
    for other in (Card("海珠 ", (1.0, 2.5)), Card("海珠", (2.5, 1.0)), Card("海珠", (1.0,)), ("海珠", (1.0, 2.5))):
        assert digests.of(other) != same, other


def test_a_view_of_something_else_than_plain_values_is_refused():
    with pytest.raises(TypeError, match="plain values only"):
        Digests().of(Card("x", (object(),)))


def _counting_output(rendered: list[str]) -> Output:
    return Output(
        "card",
        collect=lambda inputs: [(f"cards/{v.title}.txt", v) for v in inputs.results["views"]],
        render=lambda view, inputs: rendered.append(view.title) or f"{view.title}: {view.figures}",
    )


def _inputs(views, cache) -> Inputs:
    inputs = Inputs(Dataset(Path("."), {}, None, {}), BuildContext(), cache=cache)
    inputs.results["views"] = views
    return inputs


def test_only_the_views_that_changed_are_rendered_again_and_the_files_stay_complete(tmp_path):
    cache, rendered = Cache(tmp_path / "cache"), []
    output = _counting_output(rendered)
    run([output], _inputs([Card("a", (1,)), Card("b", (2,))], cache), cache)
    inputs = _inputs([Card("a", (1,)), Card("b", (3,))], cache)
    done = run([output], inputs, cache)
    assert rendered == ["a", "b", "b"] and done.rendered == {"card": ["cards/b.txt"]}
    assert inputs.out["cards/a.txt"] == b"a: (1,)" and inputs.out["cards/b.txt"] == b"b: (3,)"


def test_two_outputs_showing_the_same_view_are_rendered_once(tmp_path):
    cache, rendered = Cache(tmp_path / "cache"), []
    inputs = _inputs([Card("a", (1,)), Card("a", (1,))], cache)
    output = _counting_output(rendered)
    output = Output(output.name, lambda i: [(f"{n}.txt", v) for n, v in enumerate(i.results["views"])], output.render)
    run([output], inputs, cache)
    assert rendered == ["a"] and inputs.out["0.txt"] == inputs.out["1.txt"]


# --- the single edits at 11 districts ------------------------------------------------------------------

DISTRICT = "haizhu"
# A map's oEmbed JSON holds its image's view (it gives the thumbnail's size): it follows the image.
MAPS = {
    "map": ["embed/haizhu/index.html", "embed/guangzhou/index.html"],
    "image": ["haizhu", "guangzhou"],
    "oembed": ["embed/haizhu/oembed.json", "embed/guangzhou/oembed.json"],
    # The maps' share images, and the 分享长图, which shows the district's map.
    "share": ["embed/haizhu/share", "embed/guangzhou/share", "districts/haizhu/share"],
}


def cards(*ids: str) -> dict[str, list[str]]:
    """A fact card's page, images and oEmbed JSON (profiles/outputs/embeds/)."""
    base = [f"embed/{DISTRICT}/card/{i}/" for i in ids]
    return {
        "card": [f"{b}index.html" for b in base],
        "card-image": [f"{b}card" for b in base],
        "oembed": [f"{b}oembed.json" for b in base],
    }


def citing_first_source() -> list[str]:
    """The cards of DISTRICT that name the first source of sources.yaml (the summary names its goals')."""
    from profiles.outputs.embeds.cards import district_cards
    from profiles.site.build import validate

    dataset = validate(load_config(ROOT))[0]
    first = next(iter(dataset.sources.values()))
    return [
        c.id
        for c in district_cards(dataset.districts[DISTRICT], dataset.sources, BuildContext())
        if any(s.title == first.title for s in c.sources)
    ]


OWN = {"page": ["districts/haizhu.md"], "export-part": ["haizhu"]}
LONG = {"share": ["districts/haizhu/share"]}  # the district's 分享长图 (profiles/outputs/share/)
SEARCHED = {"search": ["districts/haizhu.md"]}
RE_RENDERED = {
    # Home, the index, /compare/, the maps and the images do not show a summary.
    "reword a summary": OWN
    | SEARCHED
    | {
        "download": ["data/all.json", "data/districts/haizhu.json"],
        "data-page": ["data/index.md"],  # it prints the sizes of the downloads
    },
    # Maps and images show parks and projects, never goals.
    "change a goal's number": OWN
    | SEARCHED
    | {"download": ["data/all.json", "data/goals.csv", "data/districts/haizhu.json"], "compare": ["compare/index.md"]}
    | cards("goal-gdp-growth-2025")  # the first goal's card; the summary counts goals, not their numbers
    | LONG,  # the 分享长图 shows the goal's target; the map's share image does not
    "move a park": OWN
    | MAPS
    | {
        "download": ["data/all.json", "data/parks.csv", "data/parks.geojson", "data/districts/haizhu.json"],
        "compare": ["compare/index.md"],
        "data-page": ["data/index.md"],
    },
    "add a project": OWN
    | SEARCHED
    | MAPS
    | {
        "home": ["index.md"],
        "district-index": ["districts/index.md"],
        "download": ["data/all.json", "data/projects.csv", "data/projects.geojson", "data/districts/haizhu.json"],
        "compare": ["compare/index.md"],
        "data-page": ["data/index.md"],
    },
    # A source's title is printed where it is cited: the pages, the maps' popups, the downloads.
    "edit sources.yaml": {"page": ["districts/haizhu.md"]}
    | SEARCHED
    | {"map": MAPS["map"]}
    | cards(*citing_first_source())
    # The maps' share images name their points' first sources, the 分享长图 every source of the district.
    | {"share": MAPS["share"]}
    | {
        "home": ["index.md"],
        "download": ["data/all.json", "data/sources.csv", "data/districts/haizhu.json"],
        "data-page": ["data/index.md"],
    },
}


def in_both_editions(rendered: dict[str, list[str]], languages: tuple[str, ...]) -> dict[str, list[str]]:
    """What an edit re-renders with the other language editions built (mkdocs.yml's i18n plugin): each edition's
    twin of every output but those both share (the downloads), under its folder. A reworded Chinese text re-renders
    its English page too: the translation is stale now, and the page says so."""
    shared = {output.name for output in OUTPUTS if output.shared}
    out = dict(rendered)
    for lang in languages[1:]:
        out |= {
            f"{name}@{lang}": [f"{lang}/{key}" for key in keys] for name, keys in rendered.items() if name not in shared
        }
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The real data (11 districts) generated once, cache included."""
    base = tmp_path_factory.mktemp("edits")
    project = make_project(base / "project", Path(shutil.copytree(ROOT / "data", base / "data")), english=True)
    assert build(load_config(project), run_mkdocs=False).ok
    return project


@pytest.mark.parametrize("edit", list(RE_RENDERED))
def test_a_single_edit_re_renders_exactly_the_outputs_whose_view_changed(built, tmp_path, edit):
    project = Path(shutil.copytree(built, tmp_path / "project", symlinks=True))
    config = load_config(project)
    EDITS[edit](config.data_dir, DISTRICT)
    timings = Timings()
    assert build(config, timings=timings, run_mkdocs=False, session=Session(config)).ok
    assert {name: sorted(keys) for name, keys in timings.rendered.items()} == {
        name: sorted(keys) for name, keys in in_both_editions(RE_RENDERED[edit], config.languages).items()
    }
    others = [slug for slug in config_slugs(config) if slug != DISTRICT]
    assert [key for keys in timings.rendered.values() for key in keys if any(s in key for s in others)] == []


def config_slugs(config) -> list[str]:
    return [path.stem for path in (config.data_dir / "districts").glob("*.yaml")]
