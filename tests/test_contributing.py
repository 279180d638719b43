"""CONTRIBUTING.md: its field reference is generated from the models and covers every field of every model."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from profiles import model as models
from profiles.ingest.checks import MAX_DECIMALS
from profiles.model import Figure
from profiles.outputs import schema

ROOT = Path(__file__).resolve().parent.parent
CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def block() -> str:
    text = CONTRIBUTING.read_text("utf-8")
    assert text.count(schema.START) == 1 and text.count(schema.END) == 1, "keep exactly one pair of markers"
    return text.split(schema.START, 1)[1].split(schema.END, 1)[0]


def editor_models() -> list[type[BaseModel]]:
    """Every model an editor writes: the file roots and everything reachable from them."""
    return [
        obj
        for obj in vars(models).values()
        if isinstance(obj, type) and issubclass(obj, models.Strict) and obj not in (models.Strict, models.Sourced)
    ]


def tables(text: str) -> dict[str, set[str]]:
    """Model name -> field names, read back from the Markdown."""
    out: dict[str, set[str]] = {}
    for section in re.split(r"^### ", text, flags=re.M)[1:]:
        name = section.split("\n", 1)[0].strip()
        out[name] = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))
    return out


def test_the_field_reference_equals_what_the_generator_produces():
    assert block() == "\n" + schema.field_reference(), "CONTRIBUTING.md is stale: run `python -m profiles schema`"


def test_every_field_of_every_model_appears_in_its_table():
    found = tables(block())
    for model in editor_models():
        assert model.__name__ in found, f"no table for {model.__name__}"
        missing = set(model.model_fields) - found[model.__name__]
        assert not missing, f"{model.__name__}: {sorted(missing)} missing from the field reference"


def test_every_table_row_has_a_type_a_required_column_and_a_chinese_description():
    for line in block().splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            assert len(cells) == 4, line
            name, kind, required, description = cells
            assert kind and required.startswith(("是", "否")), line
            assert re.search(r"[\u4e00-\u9fff]", description), f"{name}: the description needs Chinese"


def test_required_fields_are_marked_required():
    goal = next(s for s in re.split(r"^### ", block(), flags=re.M) if s.startswith("Goal\n"))
    assert re.search(r"^\| `year` \| 整数 \| 是 \|", goal, flags=re.M)
    assert re.search(r"^\| `target` \| \[Target\]\(#target\) \| 否 \|", goal, flags=re.M)
    assert re.search(r"^\| `sources` \| .* \| 是（除非 `unverified: true`） \|", goal, flags=re.M)


def test_links_between_tables_point_at_existing_headings():
    text = block()
    headings = {h.lower() for h in re.findall(r"^### (\w+)", text, flags=re.M)}
    targets = re.findall(r"\]\(#(\w+)\)", text)
    assert targets, "the tables link to one another"
    for target in targets:
        assert target in headings, f"link to #{target} has no table"


def test_the_guide_states_the_decimals_the_checks_enforce_for_each_precision():
    guide = CONTRIBUTING.read_text("utf-8").split(schema.START)[0]
    for precision, decimals in MAX_DECIMALS.items():
        assert re.search(rf"`{precision.value}`.*最多 {decimals} 位", guide), precision


def test_a_missing_marker_is_reported_not_silently_appended(tmp_path):
    path = tmp_path / "CONTRIBUTING.md"
    path.write_text("# 参与编辑\n", "utf-8")
    try:
        schema.update_contributing(path)
    except ValueError as exc:
        assert "fields:start" in str(exc)
    else:
        raise AssertionError("a file without markers must be refused")
    assert path.read_text("utf-8") == "# 参与编辑\n"


def quote_section() -> str:
    guide = CONTRIBUTING.read_text("utf-8").split(schema.START)[0]
    return guide.split("### 引文（`quote`）和编者补充（`editorial`）", 1)[1].split("\n## ", 1)[0]


def test_the_quote_and_editorial_examples_are_valid_items_whose_quotes_are_in_the_real_archive():
    import yaml

    from profiles.base.config import load_config
    from profiles.ingest import quotes

    examples = [yaml.safe_load(b)[0] for b in re.findall(r"```yaml\n(.*?)```", quote_section(), flags=re.S)]
    goal, park = models.Goal.model_validate(examples[0]), models.Park.model_validate(examples[1])
    assert goal.quote and park.quote and park.editorial and park.location.error_m
    sources = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text("utf-8"))["sources"]
    archive = {s["id"]: s.get("archive") for s in sources}
    folder = load_config(ROOT).archive_dir
    inline = re.findall(r"`quote: ([^`]+)`", quote_section())  # the `…` example in the text
    assert inline and goal.sources == park.sources
    for quote in [goal.quote, park.quote, *inline]:
        assert goal.sources[0] in archive, f"the example cites {goal.sources[0]}, which data/sources.yaml lacks"
        if folder is not None and folder.is_dir():
            text = quotes.normalise((folder / archive[goal.sources[0]]).read_text("utf-8"))
            assert all(p in text for p in quotes.passages(quote)), quote


def test_the_guide_states_the_quote_length_the_model_enforces():
    limit = next(m.max_length for m in models.Sourced.model_fields["quote"].metadata if hasattr(m, "max_length"))
    assert f"不超过 {limit} 字" in quote_section()


def test_the_quotes_example_is_a_valid_item_each_of_whose_passages_and_headings_is_in_its_own_source():
    import yaml

    from profiles.base.config import load_config
    from profiles.ingest import quotes

    blocks = re.findall(r"```yaml\n(.*?)```", quote_section(), flags=re.S)
    [example] = [yaml.safe_load(b)[0] for b in blocks if "quotes:" in b]
    role = models.Statement.model_validate(example)
    assert len(role.quotes) == 2 and role.quote is None and all(q.where for q in role.quotes)
    assert "caution" in quote_section() and "`quotes`" in quote_section()
    sources = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text("utf-8"))["sources"]
    archive = {s["id"]: s.get("archive") for s in sources}
    folder = load_config(ROOT).archive_dir
    for q in role.quotes:
        assert q.source in role.sources and q.source in archive
        if folder is not None and folder.is_dir():
            text = quotes.normalise((folder / archive[q.source]).read_text("utf-8"))
            assert all(p in text for p in quotes.passages(q.text)) and quotes.normalise(q.where) in text, q


def test_the_source_policy_states_what_validate_enforces():
    from profiles.ingest.policy import RANKING_WORDS

    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    policy = guide.split("### 来源规则", 1)[1].split("\n## ", 1)[0]
    assert all(w in policy for w in ("排名", "排行")) and set(RANKING_WORDS) >= {"排名", "排行"}
    assert "不超过 50 字" in policy and Figure.model_fields["quote"].metadata[-1].max_length == 50
    for word in ("kind", "via", "retrieved", "published", "expected", "preliminary", "final", "target.hedge"):
        assert f"`{word}" in policy, word


def test_the_translation_example_is_a_valid_translations_file():
    import yaml

    from profiles.ingest.i18n.model import Translations

    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    section = text.split("### 英文版：给新的文字配上英文", 1)[1].split("\n## ", 1)[0]
    [block] = re.findall(r"```yaml\n(.*?)```", section, flags=re.S)
    made = Translations.model_validate(yaml.safe_load(block))
    assert made.translations["enterprises.some-company.name"].official
    assert "力争 strive to" in section and "推动 push for" in section  # the hedges as the glossary fixes them
