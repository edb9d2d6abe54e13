"""Decisions as scored candidates: named features, weights from Settings.layout, a margin as confidence."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from extractor.roles import ROLE_MEASURES, assign_columns, column_shape
from extractor.scoring import choose, weigh
from extractor.settings import LAYOUT_WEIGHTS, Settings

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"


def test_a_feature_without_a_weight_is_refused():
    with pytest.raises(KeyError, match="no weight"):
        weigh("x", {"unheard_of": 1.0}, {"other": 1.0})


def test_choose_returns_the_best_the_runner_up_and_a_margin():
    a = weigh("a", {"f": 2.0}, {"f": 1.0})
    b = weigh("b", {"f": 1.0}, {"f": 1.0})
    choice = choose([b, a])
    assert choice is not None and choice.best.item == "a" and choice.runner_up is not None
    assert choice.runner_up.item == "b" and choice.margin == 1.0 and 0.5 < choice.confidence < 1.0
    tie = choose([weigh("first", {"f": 1.0}, {"f": 1.0}), weigh("second", {"f": 1.0}, {"f": 1.0})])
    assert tie is not None and tie.best.item == "first" and tie.confidence == 0.5


def test_every_weight_has_a_feature_and_every_feature_a_weight():
    measured = {f"{role}_{measure}" for role, measures in ROLE_MEASURES.items() for measure in measures}
    # Each weight is named in the code that computes its feature (settings.py names them all: leave it out).
    named = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                named.add(node.value)
    assert set(LAYOUT_WEIGHTS) <= named | measured, sorted(set(LAYOUT_WEIGHTS) - named - measured)
    # Each feature the column roles measure has a weight (``weigh`` refuses any other at run time).
    assert measured <= set(LAYOUT_WEIGHTS), sorted(measured - set(LAYOUT_WEIGHTS))


def test_weights_are_settings_a_user_can_change():
    settings = Settings.resolve({"layout": {"duration_durations": 0.0}})
    assert settings.layout["duration_durations"] == 0.0
    assert settings.layout["name_marks"] == LAYOUT_WEIGHTS["name_marks"]


@pytest.mark.parametrize(
    ("headers", "columns", "expected"),
    [
        # A column of category words under "Type" is the category.
        (
            ["Name", "Type", "Purpose"],
            [
                ["_ga", "_gid", "_fbp"],
                ["Analytics", "Analytics", "Marketing"],
                ["Counts visits to the site.", "Counts visits to the site again.", "Shows you adverts on other sites."],
            ],
            ("name", "category", "purpose"),
        ),
        # The one descriptive column is the purpose, whatever its header.
        (
            ["Cookie", "Function", "Expiry"],
            [
                ["_ga", "_gid", "_fbp"],
                [
                    "Used to tell visitors apart by a random number.",
                    "Used to count the pages each visitor opens.",
                    "Used to show adverts on other sites.",
                ],
                ["2 years", "1 day", "3 months"],
            ],
            ("name", "purpose", "duration"),
        ),
        # Headers in no language of the lexicon: the cells decide.
        (
            ["Xolo", "Brin", "Tasku", "Vemo"],
            [
                ["_ga", "PHPSESSID", "_hjid"],
                ["Google", "Acme", "Hotjar"],
                [
                    "Keeps statistics of the visits to the site.",
                    "Keeps the session of the signed in user.",
                    "Records how visitors move on the page.",
                ],
                ["2 years", "Session", "1 year"],
            ],
            ("name", "provider", "purpose", "duration"),
        ),
    ],
    ids=["a type column holding categories", "a function column holding sentences", "headers in an unknown language"],
)
def test_column_roles_come_from_the_cells_and_the_header_together(headers, columns, expected):
    shapes = [column_shape(c) for c in columns]
    assert assign_columns(headers, shapes, LAYOUT_WEIGHTS).roles == expected


def test_settings_with_weights_and_labels_stay_hashable():
    with_labels = Settings.resolve({"labels": {"Kakans namn": "name"}})
    assert hash(Settings()) == hash(Settings.resolve(None))
    assert hash(with_labels) != hash(Settings()) and with_labels != Settings()
