import re

import pytest

from russia_taliban.tag.terms import MAX_REPEAT, MAX_TERM_CHARS, TermError, is_acronym, spellings, term_regex


@pytest.mark.parametrize(
    ("term", "matches", "misses"),
    [
        ("drug trafficking", ["drug trafficking", "drug-trafficking", "drug   trafficking"], ["drugtrafficking"]),
        ("counter-terrorism", ["counter-terrorism", "counter terrorism", "counterterrorism"], ["counter--terrorism"]),
        ("sanction*", ["sanction", "sanctions", "sanctioned"], ["sanctio"]),
        ("Russia's", ["Russia's"], ["Russias"]),
        ("re:\\d+ troops", ["500 troops"], ["troops"]),
    ],
)
def test_term_regex_matches_the_documented_variants(term: str, matches: list[str], misses: list[str]) -> None:
    pattern = re.compile(term_regex(term), re.I)
    assert all(pattern.fullmatch(m) for m in matches)
    assert not any(pattern.fullmatch(m) for m in misses)


def test_unicode_terms_keep_their_letters_and_both_apostrophes() -> None:
    pattern = re.compile(term_regex("Кремл* d'affaires", unicode=True), re.I)
    assert pattern.fullmatch("Кремля d’affaires") and pattern.fullmatch("кремль d'affaires")
    assert not pattern.fullmatch("Лондон d'affaires")


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("", "empty"),
        ("x" * (MAX_TERM_CHARS + 1), "over the limit"),
        (f"re:a{{{MAX_REPEAT + 1}}}", "repeat count"),
        (f"re:a{{1,{MAX_REPEAT + 1}}}", "repeat count"),
        ("sanc*tion", "may only end a word"),
        ("!!!", "no letters"),
    ],
)
def test_bad_terms_are_refused_with_the_reason(term: str, message: str) -> None:
    with pytest.raises(TermError, match=message):
        term_regex(term)


@pytest.mark.parametrize(
    ("term", "words"),
    [("trade", [1]), ("drug trafficking", [2]), ("counter-terrorism", [2, 1]), ("a-b-c", [3, 2, 2, 1])],
)
def test_spellings_count_the_words_of_each_hyphen_choice(term: str, words: list[int]) -> None:
    assert [n for _, n in spellings(term)] == words


@pytest.mark.parametrize("term", ["re:x+", "Türkiye", "a-b-c-d-e", "U.S.*"])
def test_terms_of_varying_length_have_no_fixed_spellings(term: str) -> None:
    assert spellings(term) is None


@pytest.mark.parametrize(("term", "acronym"), [("UN", True), ("BRI", True), ("U.S.", True), ("Un", False),
                                               ("re:UN", False), ("A", False)])  # fmt: skip
def test_capitals_only_terms_are_acronyms(term: str, acronym: bool) -> None:
    assert is_acronym(term) is acronym
