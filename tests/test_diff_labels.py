"""Field labels in the diff are the names editors read in CONTRIBUTING.md: every field of every model has one, and
each is taken from that field's own description."""

from __future__ import annotations

from profiles.model import Goal
from profiles.outputs.diff.labels import (
    LABEL_NOT_IN_DESCRIPTION,
    ROOT_MODELS,
    dotted,
    label_of,
    nested_model,
    path_label,
)


def every_field():
    seen, todo = set(), list(ROOT_MODELS)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, field in model.model_fields.items():
            yield model, name, field
            inner = nested_model(model, name)
            if inner is not None:
                todo.append(inner)


def test_every_field_of_every_model_has_a_chinese_label_from_its_description():
    missing, stray = [], []
    for model, name, field in every_field():
        label = label_of(model, name)
        if label == name:
            missing.append(f"{model.__name__}.{name}")
        elif (model.__name__, name) not in LABEL_NOT_IN_DESCRIPTION and label not in (field.description or ""):
            stray.append(f"{model.__name__}.{name}: {label}")
    assert missing == [] and stray == []


def test_a_nested_path_reads_as_the_editor_knows_it():
    assert path_label(Goal, ("target", "value")) == "数值目标 › 目标数值"
    assert path_label(Goal, ("sources", 0)) == "出处"
    assert dotted(("goals", 2, "target", "value")) == "goals[2].target.value"
