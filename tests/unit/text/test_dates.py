import pytest

from russia_taliban.text.dates import PartialDate, find_dates, parse_iso, resolve


@pytest.mark.parametrize(
    ("text", "surface", "iso"),
    [
        ("25 April 2023", "25 April 2023", "2023-04-25"),
        ("18 April, 2022", "18 April, 2022", "2022-04-18"),
        ("April 25, 2023", "April 25, 2023", "2023-04-25"),
        ("2025-04-18", "2025-04-18", "2025-04-18"),
        ("Published: 5 July 2024 14:32 GMT", "5 July 2024", "2024-07-05"),
        ("gained speed in March 2024 when", "March 2024", "2024-03"),
        ("in place since 2003.", "2003", "2003"),
        ("shuttered in 2015, Afghanistan", "2015", "2015"),
    ],
)
def test_find_dates_with_year(text: str, surface: str, iso: str) -> None:
    [found] = find_dates(text)
    assert (found.surface, found.date.iso) == (surface, iso)


@pytest.mark.parametrize(
    ("text", "month", "day"),
    [
        ("On August 25, Zhirnov", 8, 25),
        ("On June 3rd, Russia", 6, 3),
        ("On 19 August, the ministry", 8, 19),
        ("a press conference on February 14.", 2, 14),
        ("in early February, Russia hosted", 2, None),
    ],
)
def test_find_dates_without_year(text: str, month: int, day: int | None) -> None:
    [found] = find_dates(text)
    assert (found.date.year, found.date.month, found.date.day) == (None, month, day)


@pytest.mark.parametrize(
    "text",
    ["We may see talks.", "The 10,000 troop drills", "Zapad/Interaction 2021 drills", "a march on Kabul", "G7+2"],
)
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("sentence", "published", "iso"),
    [
        ("On August 25, Zhirnov declared", "2021-09-07", "2021-08-25"),
        ("On December 30, talks were held", "2022-01-10", "2021-12-30"),
        ("Russia will hold drills from September 7 to 9", "2021-09-07", "2021-09-07"),
        ("to devise a joint response by 16 September", "2021-08-24", "2021-09-16"),
        ("Talks will resume on January 5", "2021-12-20", "2022-01-05"),
        ("in early February, Russia hosted talks", "2023-04-25", "2023-02"),
        ("On June 3rd, Russia recognised", "2025-07", "2025-06-03"),
    ],
)
def test_resolve_year_against_publication(sentence: str, published: str, iso: str) -> None:
    mention = find_dates(sentence)[0]
    assert resolve(mention, parse_iso(published), sentence).iso == iso


def test_resolve_without_reference_is_none() -> None:
    assert resolve(find_dates("On August 25")[0], None) is None


@pytest.mark.parametrize("bad", ["2025-13", "2025-02-30", "25/04/2023", "April 2023"])
def test_parse_iso_rejects_invalid(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_iso(bad)


def test_partial_date_precision() -> None:
    assert [PartialDate(2025).precision, PartialDate(2025, 7).precision, PartialDate(2025, 7, 3).precision] == [
        "year",
        "month",
        "day",
    ]


def _texts() -> list[str]:
    from tests.conftest import ROOT, SEEDS

    files = [*SEEDS.glob("*.txt"), *(ROOT / "tests" / "fixtures" / "layouts" / "dev").glob("*.txt")]
    lines = [line for f in files for line in f.read_text(encoding="utf-8", errors="replace").splitlines()]
    return [*lines, "in may 2021 and on 5 may", "end of early September 2021", "G7 2021-2022 12/30/2024 30.12.2024"]


def test_the_anchored_date_finder_agrees_with_the_plain_scan() -> None:
    from russia_taliban.text.dates import find_dates_reference

    for text in _texts():
        assert find_dates(text) == find_dates_reference(text), text


@pytest.mark.parametrize(
    ("text", "iso"), [("26.03.2024", "2024-03-26"), ("30/12/2024", "2024-12-30"), ("12/30/2024", "2024-12-30")]
)
def test_numeric_dates_are_day_first_unless_only_month_first_is_a_date(text: str, iso: str) -> None:
    assert [d.date.iso for d in find_dates(text)] == [iso]


_PIECES = [
    "in", "since", "by", "until", "of", "early", "mid", "late", "endof", "spring", "winter", "during",
    "May", "may", "MAY", "March", "march", "Sept", "sept.", "Dec.", "december", "Jun", "july", "Aug", "ſep", "AUGUſT",
    "Aprıl", "Apr", "5", "05", "31st", "2021", "1999", "2025-07", "2025-07-04", "30.12.2024", "12/30/2024", "2025/04/18",
    "10,000", "troops", "per", "%", "km", "the", "decided", "market", "Mayor", "Octopus", "novel", "within", "x",
    "’", "“", "—", "(", ")", ",", ".", "-", "--", "/", "é", "K", "İ", "Jan.", "sept.", "ſept.", "Oct.",
]  # fmt: skip
_GAPS = [" ", " ", " ", "  ", "-", " - ", "\n", "", "\t", " " * 30, "-" * 45]


def _generated(n: int, seed: int) -> list[str]:
    """Random token soups of date parts, leads, look-alike words, punctuation and separator runs."""
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) + rng.choice(_GAPS) for _ in range(rng.randint(1, 40))) for _ in range(n)]


def test_the_anchored_scan_finds_every_match_of_the_plain_scan_on_generated_text() -> None:
    # Compared match by match, lower-case months included (find_dates drops those, but they consume text).
    from russia_taliban.text.dates import DATE_PATTERN, _matches, find_dates_reference

    for text in _generated(1200, seed=14):
        plain = [(m.start(), m.end()) for m in DATE_PATTERN.finditer(text)]
        assert [(m.start(), m.end()) for m in _matches(text)] == plain, text
        assert find_dates(text) == find_dates_reference(text), text


@pytest.mark.parametrize("gap", [" " * 47, " " * 48, " " * 200, "- " * 60, " -\n" * 40])
def test_a_lead_far_before_its_month_is_still_found(gap: str) -> None:
    from russia_taliban.text.dates import find_dates_reference

    for text in (f"x in{gap}March", f"since{gap}early{gap}2021 and", f"{gap}by{gap}late{gap}May 5"):
        assert find_dates(text) == find_dates_reference(text), text


@pytest.mark.parametrize(
    ("token", "month"), [("january", 1), ("jan", 1), ("may", 5), ("sept", 9), ("sep", 9), ("dec", 12)]
)
def test_month_abbreviations_take_the_number_of_the_name_they_start(token: str, month: int) -> None:
    from russia_taliban.text.dates import MONTHS

    assert MONTHS[token] == month
    assert len(MONTHS) == 24  # twelve names, eleven abbreviations (May has none) and "sept" beside "sep"


def test_the_set_first_scans_agree_with_their_plain_case_insensitive_patterns() -> None:
    import re

    from russia_taliban.text.dates import _ABBREVIATIONS, _ANCHOR, ABBREVIATED_MONTH_STOP, MONTHS

    plain_anchor = re.compile(rf"\b(?:\d|(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})(?!\w))", re.I)
    plain_stop = re.compile(rf"\b(?:{'|'.join(_ABBREVIATIONS)})\.\s", re.IGNORECASE)
    for text in _generated(1200, seed=15):
        for fast, plain in ((_ANCHOR, plain_anchor), (ABBREVIATED_MONTH_STOP, plain_stop)):
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text
