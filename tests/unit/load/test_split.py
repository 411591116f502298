"""Splitting text into paragraphs: blocks between blank lines, wrapped prose re-joined, lines that stand
alone never glued to their neighbours."""

import textwrap

import pytest

from russia_taliban.load.split import split, wrap_width

PROSE = (
    "Russia has expanded its contacts with the Taliban since the fall of Kabul, and officials in Moscow now "
    "describe a pragmatic relationship built on security guarantees, trade in fuel and wheat, and transit."
)


@pytest.mark.parametrize(
    ("lines", "width"),
    [
        (textwrap.wrap(PROSE, 60), max(len(x) for x in textwrap.wrap(PROSE, 60))),
        (["short", "lines", "only", "here"], None),  # narrower than any wrap width
        (["one line", "two"], None),  # too few lines to tell
        ([PROSE, PROSE[:50], PROSE[:30]], None),  # wider than any wrap width
        (["x" * 70, "y" * 20, "z" * 20, "w" * 20, "v" * 20, "u" * 20, "t" * 20, "s" * 20, "r" * 20], None),
    ],
)
def test_wrap_width_is_the_longest_line_when_many_lines_reach_it(lines, width) -> None:
    assert wrap_width(lines) == width


def test_a_hard_wrapped_paragraph_is_joined_back() -> None:
    text = "\n".join(textwrap.wrap(PROSE, 60))
    assert [p.text for p in split(text)] == [PROSE]


def test_blank_lines_separate_paragraphs_and_lines_and_positions_are_kept() -> None:
    text = "First paragraph ends here.\n\n\nSecond one starts here.\nThird on its own line."
    paragraphs = split(text)
    assert [(p.position, p.line, p.text, p.blank_before) for p in paragraphs] == [
        (0, 1, "First paragraph ends here.", False),
        (1, 4, "Second one starts here.", True),
        (2, 5, "Third on its own line.", False),
    ]


def test_a_line_continuing_a_sentence_in_lower_case_runs_on() -> None:
    assert [p.text for p in split("Officials said that the talks\nwould continue in Doha.")] == [
        "Officials said that the talks would continue in Doha."
    ]


@pytest.mark.parametrize("alone", ["• wheat and fuel deliveries", "By Jane Doe", "May 17, 2024"])
def test_bullets_bylines_and_dates_are_never_joined(alone) -> None:
    text = f"A headline that does not end\n{alone}\nand a line in lower case after it."
    texts = [p.text for p in split(text)]
    assert alone.strip() in texts


def test_every_line_is_kept() -> None:
    text = "\n".join(textwrap.wrap(PROSE, 50)) + "\n\nBy Jane Doe\n• one point\nlast words here."
    joined = " ".join(p.text for p in split(text))
    assert joined.split() == text.split()


def test_empty_text_has_no_paragraphs() -> None:
    assert split("") == [] and split("\n\n  \n") == []
