import re
from collections.abc import Callable, Iterator

import pytest

from russia_taliban.errors import UserError
from russia_taliban.text import wordlists as wl
from russia_taliban.text.wordlists import agencies, alternation, wordlists, words_of
from russia_taliban.yamlio import parse_yaml


def test_wordlists_have_their_sections_and_read_case_insensitively() -> None:
    assert {"titles", "name_particles", "name_stopwords", "abbreviations", "agencies"} <= set(wordlists())
    assert "mr" in words_of("abbreviations") and "al" in words_of("name_particles")
    assert agencies()["AP"] == "Associated Press"


@pytest.fixture
def lists(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[str]]]:
    """A word list file of our own in place of the shipped one (the pattern cache emptied around it)."""
    data: dict[str, list[str]] = {}
    monkeypatch.setattr(wl, "wordlists", lambda: data)
    wl.alternation.cache_clear()
    yield data
    wl.alternation.cache_clear()


@pytest.mark.parametrize(
    ("entries", "text", "matched"),
    [
        (["feature", "features"], "features", "features"),  # the longer entry first, whatever the file's order
        (["u.s", "us"], "u.s", "u.s"),
        (["u.s"], "uxs", None),  # a dot in a word is a dot
        (["author(s)"], "author(s)", "author(s)"),
        (["last updated"], "last \t updated", "last \t updated"),  # a space matches any run of whitespace
        (["a+b"], "aab", None),
    ],
)
def test_an_alternation_matches_its_entries_as_written(
    lists: dict[str, list[str]], entries: list[str], text: str, matched: str | None
) -> None:
    lists["words"] = entries
    m = re.match(alternation("words"), text)
    assert (m.group() if m else None) == matched


def test_an_alternation_can_ask_for_single_spaces(lists: dict[str, list[str]]) -> None:
    lists["phrases"] = ["just now"]
    assert re.fullmatch(alternation("phrases", space=" "), "just now")
    assert not re.fullmatch(alternation("phrases", space=" "), "just  now")


def test_every_list_section_has_a_note_in_the_file() -> None:
    from russia_taliban.resources import package_text

    text = package_text("data", "wordlists.yaml")
    for section in wordlists():
        if section in ("source", "notes"):
            continue
        after = text.split(f"\n{section}:", 1)[1].lstrip("\n ")
        assert after.startswith("#"), f"{section} has no note"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("weekdays:", "weekday:"), "weekday"),  # a misspelt section is refused
        (lambda t: t.replace("\nweekdays:", "\nweekdays: []\nweekdays_:"), "weekdays"),  # an empty list is refused
        (lambda t: t + "\ntime_zones: [GMT]\n", "duplicate key"),
    ],
)
def test_the_schema_refuses_a_broken_file(edit: Callable[[str], str], message: str) -> None:
    from russia_taliban.resources import package_text

    text = edit(package_text("data", "wordlists.yaml"))
    with pytest.raises(UserError, match=message):
        parse_yaml(text, where="data/wordlists.yaml", schema="wordlists")


def test_the_schema_requires_every_section_the_file_holds() -> None:
    import yaml

    from russia_taliban.resources import package_text

    schema = yaml.safe_load(package_text("data", "schemas", "wordlists.yaml"))
    sections = set(wordlists()) - {"source", "notes"}
    assert set(schema["required"]) == sections == set(schema["properties"]) - {"source", "notes"}


@pytest.mark.parametrize(
    ("abbreviations", "entry"),
    [(["Jan", "Spt"], "month_abbreviations[1]"), (["Xyz"], "month_abbreviations[0]"), (["Janu", "Dece"], None)],
)
def test_a_month_abbreviation_that_starts_no_month_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, abbreviations: list[str], entry: str | None
) -> None:
    # read through wordlists(), as text/dates.py does at import (it once met a bare StopIteration there)
    data = {**wordlists(), "month_abbreviations": abbreviations}
    monkeypatch.setattr(wl, "package_yaml", lambda name: data)
    wl.wordlists.cache_clear()
    try:
        if entry is None:
            assert wl.wordlists()["month_abbreviations"] == abbreviations
            return
        with pytest.raises(UserError) as caught:
            wl.wordlists()
        line = caught.value.line()
        assert f"data/wordlists.yaml: {entry}" in line and abbreviations[int(entry[-2])] in line
        assert "\n" not in line
    finally:
        monkeypatch.undo()
        wl.wordlists.cache_clear()
