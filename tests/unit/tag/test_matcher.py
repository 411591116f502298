import pytest

from russia_taliban.errors import LexiconError
from russia_taliban.tag.hits import longest_first
from russia_taliban.tag.matcher import Matcher


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


TRICKY_TERMS = ["counter-terroris*", "al-qaeda", "U.S.", "G-7", "Russia's", "tehrik-i-taliban", "a-b-c", "arms suppl*",
                "drug trafficking", "ISIS-K", "re:\\d+ troops", "Türkiye", "sanction*", "ha-ha*"]  # fmt: skip
TRICKY_TEXT = (
    "Counter-terrorism and counterterrorism; counter terrorists. Al-Qaeda, al qaeda, alqaeda, al--qaeda. "
    "U.S. and US; the G-7, G7, G 7. Russia’s and Russia's. Tehrik-i-Taliban, Tehrik i Taliban, tehrikitaliban. "
    "a-b-c ab-c a-bc abc a b c a-b-c-d. Arms supplies, arms  supplied, arms-supply. drug-trafficking drug  trafficking. "
    "ISIS-K. 10,000 troops. Türkiye, Turkiye, Żsanctions, sanctioned. Ha hahaha: two spellings end there."
)


@pytest.mark.parametrize("term", TRICKY_TERMS)
def test_starts_found_without_start_tracking_agree_with_a_regex(term: str) -> None:
    # Most terms are compiled without Hyperscan's start-of-match tracking; their starts are found by
    # counting words back from the end. Python's re, on the same ASCII view, is the reference.
    import re

    from russia_taliban.tag.terms import term_regex
    from russia_taliban.tag.textview import ascii_view

    if term.isascii():
        view = ascii_view(TRICKY_TEXT).decode()
        expected = [(m.start(), m.end()) for m in re.finditer(term_regex(term), view, re.IGNORECASE)]
        expected = [(s, e) for s, e in expected if "Ż" not in TRICKY_TEXT[max(s - 1, 0) : e]]  # glued to a letter
    else:  # other letters are matched on the text itself, whole words by Python's Unicode \b
        expected = [m.span() for m in re.finditer(rf"\b{term_regex(term, unicode=True)}\b", TRICKY_TEXT, re.I)]
    assert [(h.start, h.end) for h in Matcher([term]).scan(TRICKY_TEXT)] == expected
    assert expected, "the text should hold the term"


def test_scan_arrays_and_scan_many_agree() -> None:
    matcher = Matcher(TRICKY_TERMS)
    texts = [TRICKY_TEXT[i : i + 97] for i in range(0, len(TRICKY_TEXT), 61)] + ["", "no terms at all"]
    hits = matcher.scan_arrays(texts)
    by_text = [[] for _ in texts]
    for t, k, s, e in zip(*(column.tolist() for column in hits), strict=True):
        by_text[t].append((k, s, e))
    assert by_text == [[tuple(h) for h in found] for found in matcher.scan_many(texts)]
    assert by_text == [[tuple(h) for h in matcher.scan(text)] for text in texts]


def test_characters_beyond_the_basic_plane_keep_offsets_right() -> None:
    text = "🙂 “trade” 𝔘 trade"
    assert [text[h.start : h.end] for h in Matcher(["trade"]).scan(text)] == ["trade", "trade"]


def test_a_pickled_matcher_finds_the_same_hits() -> None:
    import pickle

    matcher = Matcher(TRICKY_TERMS)
    assert pickle.loads(pickle.dumps(matcher)).scan(TRICKY_TEXT) == matcher.scan(TRICKY_TEXT)
