"""What single lines state: date stamps in the forms real pages use, menus, relative stamps, bylines."""

import pytest

from russia_taliban.load.lines import (
    bio_name,
    byline,
    date_stamp,
    dated_byline,
    is_name_list,
    is_nav,
    is_relative_stamp,
    label_outlet,
    unglue,
    wire_dateline,
)
from russia_taliban.text.dates import PartialDate
from russia_taliban.text.wordlists import wordlists
from tests.unit.load.texts import BODY


@pytest.mark.parametrize(
    ("line", "date", "updated"),
    [
        ("September 28, 20224:51 PM GMT+3Updated 3 years ago", PartialDate(2022, 9, 28), True),  # glued
        ("04/17/2025April 17, 2025", PartialDate(2025, 4, 17), False),  # one date twice, glued
        ("07/06/2025July 6, 2025", PartialDate(2025, 7, 6), False),  # the words say the figures are month-first
        ("POLICY BRIEF No. 14 | JULY 2025", PartialDate(2025, 7), False),
        ("Published On 3 Jul 2025", PartialDate(2025, 7, 3), False),
        ("Last modified on Fri 4 Jul 2025 11.21 BST", PartialDate(2025, 7, 4), True),
        ("Published on: Jul 04, 2025 11:32 AM IST", PartialDate(2025, 7, 4), False),
        ("JUL 3, 18:01", PartialDate(None, 7, 3), False),  # the year is elsewhere on the page
        ("Published: 05/09/2024 10:20 AM EDT", PartialDate(2024, 5, 9), False),  # a US zone: month first
        ("05/09/2024 10:20", PartialDate(2024, 9, 5), False),  # no US zone: day first
        ("2024/05/09", PartialDate(2024, 5, 9), False),  # year first with slashes
        ("Source: Steppe Wire| 2024-05-09 08:12:40|Editor: lmv", PartialDate(2024, 5, 9), False),  # fields
        ("3,105 views  May 9, 2024  #Kabul #Transit", PartialDate(2024, 5, 9), False),  # a video page's line
        ("Kabul Transit News, [09.05.2024 08:12]", PartialDate(2024, 5, 9), False),  # a channel post's header
    ],
)
def test_date_stamps(line: str, date: PartialDate, updated: bool) -> None:
    stamp = date_stamp(line)
    assert stamp is not None and (stamp.date, stamp.updated) == (date, updated)


@pytest.mark.parametrize(
    "line",
    [
        "Russia and the Taliban met on 5 May 2024 in Kazan",
        "From 3 March 2024 to 5 April 2024",
        "3 days ago",
        "05/06/2025 July 6, 2025",
        "Ines Carvalho | 9 May 2024",  # a person beside the date: a dated byline, not a stamp
        "Kabul and Moscow sign a transit pact | 9 May 2024 | Steppe Wire",  # a headline among the fields
    ],
)
def test_sentences_and_two_dates_are_not_stamps(line: str) -> None:
    assert date_stamp(line) is None


def test_unglue_separates_year_time_and_label() -> None:
    assert unglue("September 28, 20224:51 PM GMT+3Updated") == "September 28, 2022 4:51 PM GMT+3 Updated"
    assert unglue("No digits here") == "No digits here"


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Home News Sport Business Innovation Culture", True), ("Research  Regions  Experts  Events", True),
     ("Қазақ  Кыргыз  Тоҷикӣ  Türkmen  Русский", True), ("RUS  ENG", True), ("Sign in", True),
     ("Why Moscow Is Ready to Take the Taliban Off Its List", False),
     ("Russia urges Taliban to allow girls back to school", False),
     ("The embassy stayed open.  Staff were reduced.  Visas resumed later.", False)],
)  # fmt: skip
def test_menus(line: str, expected: bool) -> None:
    assert is_nav(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3 days ago", True),
        ("3w", True),
        ("4 yr. ago", True),
        ("Yesterday", True),
        ("Updated about 5 hours ago", True),
        ("Updated 9:12 a.m. ET", True),  # a time without its date
        ("3 ways to read it", False),
        ("9:12", False),  # a bare time is a transcript or video mark, not a date line
    ],
)
def test_relative_stamps(line: str, expected: bool) -> None:
    assert is_relative_stamp(line) is expected


@pytest.mark.parametrize(
    ("line", "author", "outlet"),
    [
        ("Sophie Aldridge, Central Asia correspondent", "Sophie Aldridge", ""),
        ("Harriet Kell and Zahra Nawabi in Kabul", "Harriet Kell and Zahra Nawabi", ""),
        ("By Meghna Rathore, New Delhi", "Meghna Rathore", ""),
        ("Viktor Lebedev | Eurasia Daily Wire", "Viktor Lebedev", "Eurasia Daily Wire"),
        ("By Jane Doe | Reuters", "Jane Doe", "Reuters"),
        ("By AFP", "", "AFP"),
        ("AFP", "", "AFP"),  # an agency's credit line alone
        ("Lena Vogt & Omar Daud", "Lena Vogt and Omar Daud", ""),
        ("Opinion by Lena Vogt", "Lena Vogt", ""),
        ("By the Editorial Board", "", ""),  # a board credited: no author
        ("By Lena Vogt, Omar Daud and Ruth Amsel", "Lena Vogt, Omar Daud and Ruth Amsel", ""),
        ("Lena Vogt, Omar Daud, and Ruth Amsel", "Lena Vogt, Omar Daud and Ruth Amsel", ""),  # Oxford comma dropped
        ("BY LENA VOGT, OMAR DAUD AND RUTH AMSEL", "Lena Vogt, Omar Daud and Ruth Amsel", ""),
    ],
)
def test_bylines(line: str, author: str, outlet: str) -> None:
    b = byline(line)
    assert b is not None and (b.author, b.outlet) == (author, outlet)


def test_tass_style_dateline() -> None:
    wire = wire_dateline("MOSCOW, July 3. /TASS/. Russia has officially recognized the Islamic Emirate.")
    assert wire is not None and (wire.date, wire.agency) == ("July 3", "TASS")


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ("Marek Olsen | 12.05.2024 - Update : 13.05.2024", "Marek Olsen", PartialDate(2024, 5, 12)),
        ("Priya Raman9 March, 2023 10:15 am IST", "Priya Raman", PartialDate(2023, 3, 9)),  # glued by copying
        (
            "By Lena Vogt and Omar DaudPublished: Nov 02, 2022 08:30 PM",
            "Lena Vogt and Omar Daud",
            PartialDate(2022, 11, 2),
        ),
        ("News Desk • June 1, 2024, 09:00:12 IST", "", PartialDate(2024, 6, 1)),  # a desk credit: no author
        ("By Tom Brandt · 5 May 2021", "Tom Brandt", PartialDate(2021, 5, 5)),
    ],
)
def test_dated_bylines(line: str, author: str, date: PartialDate) -> None:
    found = dated_byline(line)
    assert found is not None
    assert (found.author, found.stamp.date) == (author, date)


@pytest.mark.parametrize(
    "line",
    [
        "Moscow signs a transit deal with Kabul on 3 July 2025",  # a headline ending in its date
        "The delegation arrived in Kazan on May 14, 2024, for the forum.",
        "Marek Olsen",  # a name without a date
    ],
)
def test_headlines_and_sentences_are_not_dated_bylines(line: str) -> None:
    assert dated_byline(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Lena Vogt, Omar Daud, and Ruth Amsel", True),
        ("Russia, China and Iran", False),  # places: one word each
        ("Moscow, Kabul and Tashkent Sign a Rail Pact", False),
    ],
)
def test_name_lists(line: str, expected: bool) -> None:
    assert is_name_list(line) is expected


@pytest.mark.parametrize("line", ["All Journals", "Research Article", "Guest Author", "Latest Articles"])
def test_site_chrome_of_two_capitalised_words_is_no_byline(line: str) -> None:
    assert byline(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [("25 April 2023", True), ("Published: 5 July 2024 14:32 GMT", True), ("Updated 18 April, 2022", True),
     ("On 25 April 2023 talks were held.", False), ("April", False)],
)  # fmt: skip
def test_a_date_line_is_a_date_with_at_most_a_label_and_a_time(line: str, expected: bool) -> None:
    assert (date_stamp(line) is not None) is expected


@pytest.mark.parametrize(
    ("line", "name"),
    [("By Jane Doe", "Jane Doe"), ("By Jane Doe | Reuters", "Jane Doe"), ("Piotr Żochowski", "Piotr Żochowski"),
     ("Sophia Nina Burna-Asefi", "Sophia Nina Burna-Asefi"), ("What Lies Ahead?", None), ("Analysis", None)],
)  # fmt: skip
def test_byline_authors(line: str, name: str | None) -> None:
    b = byline(line)
    assert (b.author if b else None) == name


def test_author_notes_start_with_the_authors_name() -> None:
    assert bio_name("Giorgio Cafiero is the CEO of Gulf State Analytics.") == "Giorgio Cafiero"
    assert bio_name("Ursula von der Leyen has been the president of the commission.") == "Ursula von der Leyen"
    assert bio_name(BODY) is None


def test_wire_datelines() -> None:
    wire = wire_dateline("MOSCOW, Oct 7 (Reuters) - Russia said on Monday")
    assert wire is not None and (wire.date, wire.agency) == ("Oct 7", "Reuters")
    assert wire_dateline(BODY) is None


# The line patterns are built from data/wordlists.yaml: every word each list holds is recognised in its
# place, so a word added to the file needs no change to the code.


@pytest.mark.parametrize("label", wordlists()["date_labels"])
def test_every_date_label_may_precede_a_date(label: str) -> None:
    for line in (f"{label} 5 July 2024", f"{label.upper()}: 5 July 2024 14:32", f"First {label} 5 July 2024"):
        stamp = date_stamp(line)
        assert stamp is not None and stamp.date == PartialDate(2024, 7, 5), line


@pytest.mark.parametrize("weekday", wordlists()["weekdays"])
def test_every_weekday_may_stand_beside_a_date(weekday: str) -> None:
    for line in (f"{weekday.title()} 5 July 2024", f"{weekday.title()}., 5 July 2024"):
        assert date_stamp(line) is not None, line
    assert date_stamp(f"{weekday}x 5 July 2024") is None  # a longer word is no weekday


@pytest.mark.parametrize("zone", [*wordlists()["time_zones"], *wordlists()["us_time_zones"]])
def test_every_time_zone_may_follow_the_time(zone: str) -> None:
    assert date_stamp(f"5 July 2024 14:32 {zone}") is not None
    assert date_stamp(f"5 July 2024 14:32 {zone}+3") is not None


@pytest.mark.parametrize("zone", wordlists()["us_time_zones"])
def test_a_slashed_date_beside_a_us_zone_is_month_first(zone: str) -> None:
    stamp = date_stamp(f"07/03/2025 09:14 AM {zone}")
    assert stamp is not None and stamp.date == PartialDate(2025, 7, 3)
    stamp = date_stamp("07/03/2025 09:14 AM GMT")
    assert stamp is not None and stamp.date == PartialDate(2025, 3, 7)


@pytest.mark.parametrize("unit", wordlists()["time_units"])
def test_every_time_unit_gives_an_age(unit: str) -> None:
    assert is_relative_stamp(f"3 {unit} ago") and is_relative_stamp(f"Updated about 3 {unit} ago")
    stamp = date_stamp(f"5 July 2024 · 3 {unit} ago")
    assert stamp is not None and stamp.date == PartialDate(2024, 7, 5)


@pytest.mark.parametrize("letter", wordlists()["stamp_unit_letters"])
def test_unit_letters_give_an_age_only_standing_alone(letter: str) -> None:
    assert is_relative_stamp(f"3{letter}")
    assert date_stamp(f"5 July 2024 · 3 {letter} ago") is None


@pytest.mark.parametrize("phrase", wordlists()["relative_stamp_phrases"])
def test_ages_in_words_are_stamps(phrase: str) -> None:
    assert is_relative_stamp(phrase.capitalize()) and is_relative_stamp(f"Posted {phrase}")
    assert not is_relative_stamp(f"{phrase} the talks resumed")


@pytest.mark.parametrize("document", wordlists()["document_types"])
def test_a_documents_number_beside_its_date_is_part_of_the_stamp(document: str) -> None:
    stamp = date_stamp(f"{document.upper()} No. 14 | JULY 2025")
    assert stamp is not None and stamp.date == PartialDate(2025, 7)


@pytest.mark.parametrize("lead", [*(f"{w} by" for w in wordlists()["byline_leads"]), *wordlists()["byline_labels"]])
def test_every_byline_label_introduces_an_author(lead: str) -> None:
    for line in (f"{lead} Lena Vogt", f"{lead.upper()}: Lena Vogt"):
        b = byline(line)
        assert b is not None and b.author == "Lena Vogt", line


@pytest.mark.parametrize("link", wordlists()["byline_outlet_links"])
def test_a_byline_names_the_outlet_after_its_link_word(link: str) -> None:
    b = byline(f"By Lena Vogt {link} Reuters")
    assert b is not None and (b.author, b.outlet) == ("Lena Vogt", "Reuters")


@pytest.mark.parametrize("connector", wordlists()["job_title_connectors"])
def test_a_job_title_after_a_name_may_hold_connectors(connector: str) -> None:
    b = byline(f"Lena Vogt, Head {connector} Research")
    assert b is not None and b.author == "Lena Vogt"


@pytest.mark.parametrize(
    "opening",
    [*(f"{link} {opener}" for link in wordlists()["author_note_links"] for opener in wordlists()["author_note_openers"]),
     *wordlists()["author_note_beats"]],
)  # fmt: skip
def test_every_author_note_opening_follows_a_name(opening: str) -> None:
    assert bio_name(f"Lena Vogt {opening} Central Asia.") == "Lena Vogt"
    assert bio_name(f"Lena Vogt {opening.upper()} Central Asia.") is None  # the words are matched as written


@pytest.mark.parametrize(
    ("label", "before", "after"),
    [*((w, True, True) for w in wordlists()["section_labels"]),
     *((w, True, False) for w in wordlists()["section_labels_leading"]),
     *((w, False, True) for w in wordlists()["section_labels_trailing"])],
)  # fmt: skip
def test_section_labels_name_the_outlet_beside_them(label: str, before: bool, after: bool) -> None:
    assert (label_outlet(f"{label.title()} | Kestrel Review") == "Kestrel Review") is before
    assert (label_outlet(f"Kestrel Review | {label.title()}") == "Kestrel Review") is after


@pytest.mark.parametrize("label", wordlists()["update_labels"])
def test_an_update_label_marks_the_stamp_as_a_revision(label: str) -> None:
    stamp = date_stamp(f"{label.title()} 5 July 2024")
    assert stamp is not None and stamp.updated
    stamp = date_stamp("Posted 5 July 2024")
    assert stamp is not None and not stamp.updated


@pytest.mark.parametrize("label", wordlists()["second_date_labels"])
def test_a_dated_bylines_first_date_is_kept_before_its_update(label: str) -> None:
    found = dated_byline(f"Marek Olsen | 12.05.2024 - {label.title()} : 13.05.2024")
    assert found is not None and (found.author, found.stamp.date) == ("Marek Olsen", PartialDate(2024, 5, 12))


@pytest.mark.parametrize("label", wordlists()["glued_labels"])
def test_a_label_glued_to_the_time_is_set_apart(label: str) -> None:
    assert unglue(f"4:51 PM GMT+3{label}") == f"4:51 PM GMT+3 {label}"
    assert unglue(f"5 July 2024 Kabul{label}") == f"5 July 2024 Kabul {label}"
    assert unglue(f"5 July 2024 Kabul{label.lower()}") == f"5 July 2024 Kabul{label.lower()}"  # as written only


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Ahmad Shah, Islamabad Pakistan", "Ahmad Shah"),  # the review's repro: a state and its capital
        ("Jane Doe, Tashkent Uzbekistan", "Jane Doe"),
        ("Ahmad Shah, Kandahar Province", "Ahmad Shah"),  # a place of wordlists.yaml place_names
        ("Jane Doe, Saint Petersburg", "Jane Doe"),
        ("Ahmad Shah, Idris Rahimi", "Ahmad Shah and Idris Rahimi"),  # a second personal name is a second author
        ("Jane Doe, Ada Lorne", "Jane Doe and Ada Lorne"),
    ],
)
def test_a_place_after_a_bylines_comma_is_where_the_author_writes_from_not_a_second_author(line, author) -> None:
    b = byline(line)
    assert b is not None and b.author == author


@pytest.mark.parametrize("gap", ["   ", "\t", " | ", "|", " • ", "·"])
def test_a_menus_items_are_apart_by_any_gap_or_bar(gap: str) -> None:
    from russia_taliban.load.lines import is_nav

    assert is_nav(gap.join(["Home", "World", "Business", "Opinion"]))
