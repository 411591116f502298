"""Shipped YAML goes through the strict reader and its schema, like a user's file."""

import pytest

from russia_taliban import resources
from russia_taliban.errors import UserError


@pytest.fixture
def fake_file(monkeypatch):
    """Serve `text` as any package file, with fresh caches before and after."""

    def serve(text: str) -> None:
        monkeypatch.setattr(resources, "package_text", lambda *parts: text)

    resources.package_yaml.cache_clear()
    resources.package_words.cache_clear()
    yield serve
    resources.package_yaml.cache_clear()
    resources.package_words.cache_clear()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("milestones:\n  - {date: '2021-8-15', label: Kabul}\n", r"milestones\[0\]\.date must match pattern"),
        ("milestones: []\nmilestones: []\n", "duplicate key 'milestones'"),
        ("milestone:\n  - {date: '2021-08-15', label: Kabul}\n", "data/milestones.yaml"),
    ],
)
def test_shipped_yaml_is_checked_against_its_schema(fake_file, text, message):
    fake_file(text)
    with pytest.raises(UserError, match=message):
        resources.package_yaml("milestones.yaml")


def test_shipped_yaml_without_a_schema_still_refuses_duplicate_keys(fake_file):
    fake_file("a: 1\na: 2\n")
    with pytest.raises(UserError, match="duplicate key 'a'"):
        resources.package_yaml("no-schema.yaml")


def test_package_words_is_the_lower_cased_section(fake_file):
    fake_file("notes: x\ntitles: [Minister, SHEIKH, minister]\n")
    assert resources.package_words("no-schema.yaml", "titles") == frozenset({"minister", "sheikh"})
