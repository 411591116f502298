import numpy as np
import pytest

from russia_taliban.tag.textview import ascii_view, char_offsets, whole_word


def test_the_ascii_view_has_one_byte_per_character() -> None:
    text = "Russia’s “deal” – Żochowski 🙂"
    view = ascii_view(text)
    assert len(view) == len(text)
    assert view == b'Russia\'s "deal" - ?ochowski ?'


def test_byte_offsets_become_character_offsets() -> None:
    text = "Москва и Kabul"
    utf8 = text.encode()
    starts = [utf8.index("и".encode()), utf8.index(b"Kabul")]
    assert char_offsets(utf8, np.array(starts)).tolist() == [text.index("и"), text.index("Kabul")]


@pytest.mark.parametrize(
    ("text", "span", "whole"),
    [("Żochowski", (1, 9), False), ("Москва!", (0, 6), True), ("Москвами", (0, 6), False), ("a-b", (0, 1), True)],
)
def test_hits_glued_to_a_letter_are_not_whole_words(text: str, span: tuple[int, int], whole: bool) -> None:
    assert whole_word(text, *span) is whole
