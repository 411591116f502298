import pytest

from russia_taliban.text.words import WORD_CAP, capped_words, fewer_words, words

_LONG = "Moscow’s envoy met the Taliban’s acting foreign minister in Kazan on Friday. " * 40


@pytest.mark.parametrize(
    "text",
    [
        "",
        "one",
        "it's a well-known fact",
        "word " * (WORD_CAP - 1),
        "word " * WORD_CAP,
        "word " * (WORD_CAP + 1),
        _LONG,
        "x" * 600 + " short tail",  # a long first word: the prefix holds too few words to decide
        "a-" * 400 + "b",  # one hyphenated word across the cut
        "word " * 100 + "x" * 3000,
    ],
)
def test_capped_words_is_exact_up_to_the_cap_and_above_it_beyond(text: str) -> None:
    n = words(text)
    if n <= WORD_CAP:
        assert capped_words(text) == n
    else:
        assert WORD_CAP < capped_words(text) <= n


def test_words_counts_hyphenated_and_apostrophised_words_once() -> None:
    assert words("Russia’s counter-terrorism talks -- in Kabul's 'green zone'") == 7


@pytest.mark.parametrize("text", ["", "one", "a,b,c d–e " * 5, "word " * 24, "word " * 25])
def test_fewer_words_agrees_with_counting(text: str) -> None:
    for n in (1, 3, 25):
        assert fewer_words(text, n) == (words(text) < n)
