import pytest

from russia_taliban.errors import LexiconError
from russia_taliban.matcher import Matcher, longest_first


def surfaces(terms: list[str], text: str, caseless: bool = True) -> list[str]:
    matcher = Matcher(terms, caseless=[caseless] * len(terms))
    return [text[h.start : h.end] for h in matcher.scan(text)]


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("sanction*", "Sanctions, sanctioned and sanction.", ["Sanctions", "sanctioned", "sanction"]),
        ("drug trafficking", "drug-trafficking and drug  trafficking", ["drug-trafficking", "drug  trafficking"]),
        ("counter-terrorism", "counterterrorism, counter-terrorism, counter terrorism", ["counterterrorism", "counter-terrorism", "counter terrorism"]),
        ("ISIS-K", "the threat of ISIS-K.", ["ISIS-K"]),
        ("Russia's", "Russia’s and Russia's", ["Russia’s", "Russia's"]),
        ("trade", "trade, trades, traders, untrade", ["trade"]),
        ("ochowski", "Piotr Żochowski", []),
        ("re:\\d+ troops", "10,000 troops and 500 troops", ["000 troops", "500 troops"]),
    ],
)  # fmt: skip
def test_terms_match_whole_words_with_variants(term: str, text: str, found: list[str]) -> None:
    assert surfaces([term], text) == found


def test_offsets_are_character_offsets_in_non_ascii_text() -> None:
    text = "Żochowski’s “trade” – trade"
    matcher = Matcher(["trade"])
    assert [(h.start, h.end) for h in matcher.scan(text)] == [(13, 18), (22, 27)]


def test_case_sensitive_patterns() -> None:
    assert surfaces(["US"], "the US and us", caseless=False) == ["US"]


def test_longest_first_resolves_overlaps() -> None:
    matcher = Matcher(["Daesh", "Daesh-K", "Islamic State", "Islamic State Khorasan Province"])
    hits = longest_first(matcher.scan("Daesh-K, the Islamic State Khorasan Province and Daesh"))
    assert [matcher.terms[h.key] for h in hits] == ["Daesh-K", "Islamic State Khorasan Province", "Daesh"]


@pytest.mark.parametrize("bad", ["sanc*tion", "re:(unclosed", "!!!"])
def test_invalid_terms_raise_lexicon_error_naming_the_term(bad: str) -> None:
    with pytest.raises(LexiconError, match="is not a valid pattern"):
        Matcher([bad], source="my.yaml")
