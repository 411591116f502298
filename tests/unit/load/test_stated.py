"""Metadata as the text states it, in the header layouts real pages use."""

import pytest

from russia_taliban.load.kinds import classify
from russia_taliban.load.split import split
from russia_taliban.load.stated import Stated, glued_title, reporting_credit
from russia_taliban.text.dates import PartialDate
from russia_taliban.text.wordlists import wordlists
from tests.unit.load.texts import BODY, BODY2, read


@pytest.mark.parametrize(
    ("text", "title", "author", "date"),
    [
        ("Taliban delegation courts investors at the forumJAMES HARTLEY", "Taliban delegation courts investors at "
         "the forum", "James Hartley", None),
        ("Pakistan weighs its options after Moscow recognises Taliban govtWeb Desk", "Pakistan weighs its options "
         "after Moscow recognises Taliban govt", "", None),
        ("Russia lifts the ban on the TalibanApril 17, 2025", "Russia lifts the ban on the Taliban", "",
         PartialDate(2025, 4, 17)),
    ],
)  # fmt: skip
def test_a_headline_glued_to_its_byline_credit_or_date(text, title, author, date) -> None:
    glued = glued_title(text)
    assert glued is not None and (glued.title, glued.author, glued.date) == (title, author, date)


@pytest.mark.parametrize("text", ["Taliban delegation visits KazanForum again", "Russia and the Taliban", "iPhone"])
def test_headlines_with_inner_capitals_are_not_split(text: str) -> None:
    assert glued_title(text) is None


def test_reporting_credit_names_the_reporters_without_places_or_editors() -> None:
    line = "(Reporting by Yelena Marchenko in Kazan and Hamid Rahimi in Kabul; Editing by Peter Moss)"
    assert reporting_credit(line) == "Yelena Marchenko and Hamid Rahimi"
    assert reporting_credit("Editing by Peter Moss") is None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # site name, tagline and menus above the headline
        (["The Moscow Times", "Independent News From Russia", "News  Opinion  Business  Podcasts",
          "Russia’s Supreme Court Lifts Taliban ‘Terrorist’ Designation", "By Mikhail Ostrov", "April 17, 2025",
          BODY, BODY2],
         ("Russia’s Supreme Court Lifts Taliban ‘Terrorist’ Designation", "Mikhail Ostrov", "The Moscow Times",
          "2025-04-17")),
        # a blog's name and tagline, the date above the post's title
        (["Eurasian Notebook", "Thoughts on Russia, Central Asia and Afghanistan", "Thursday, 17 November 2022",
          "Moscow format without the Taliban: what it tells us", BODY, BODY2, "Posted by Viktor Lenz at 11:42 PM"],
         ("Moscow format without the Taliban: what it tells us", "Viktor Lenz", "Eurasian Notebook", "2022-11-17")),
        # a newsletter's name first, the post's title under it, a bare name and a date
        (["Steppe & Hindu Kush", "Subscribe", "The Taliban are off Russia’s terror list. Now what?",
          "Four things the ruling changes", "Marta Kowalczyk", "Apr 19, 2025", BODY, BODY2,
          "Thanks for reading Steppe & Hindu Kush! Subscribe for free.", "© 2025 Marta Kowalczyk"],
         ("The Taliban are off Russia’s terror list. Now what?", "Marta Kowalczyk", "Steppe & Hindu Kush",
          "2025-04-19")),
        # a report: organisation in capitals, a dated document number, a headline over two lines
        (["KESTREL CENTRE FOR EURASIAN SECURITY", "POLICY BRIEF No. 14 | JULY 2025", "From Contact to Recognition:",
          "Russia and the Islamic Emirate, 2021–2025", "Author: Leila Nazarova", BODY, BODY2],
         ("From Contact to Recognition: Russia and the Islamic Emirate, 2021–2025", "Leila Nazarova",
          "Kestrel Centre for Eurasian Security", "2025-07")),
        # TASS: the year only in the copyright line
        (["TASS", "Russia officially recognizes Islamic Emirate of Afghanistan — Foreign Ministry", "JUL 3, 18:01",
          "MOSCOW, July 3. /TASS/. " + BODY, "The Supreme Court had designated the movement in 2003. " + BODY2,
          "© 2025 TASS Russian News Agency"],
         ("Russia officially recognizes Islamic Emirate of Afghanistan — Foreign Ministry", "", "TASS",
          "2025-07-03")),
        # a breadcrumb ending in the headline, then the headline, a byline with a place
        (["Hindustan Times", "News / World News / India keeps its counsel as Russia recognises Taliban, says it...",
          "India keeps its counsel as Russia recognises Taliban, says it will ‘watch closely’",
          "By Meghna Rathore, New Delhi", "Published on: Jul 04, 2025 11:32 AM IST", BODY, BODY2],
         ("India keeps its counsel as Russia recognises Taliban, says it will ‘watch closely’", "Meghna Rathore",
          "Hindustan Times", "2025-07-04")),
    ],
)  # fmt: skip
def test_header_layouts(lines: list[str], expected: tuple[str, str, str, str]) -> None:
    got = read(*lines)
    assert (got.title, got.author, got.outlet, got.published.iso if got.published else "") == expected


def test_a_repost_note_names_the_outlet_before_the_site_copyright() -> None:
    got = read("A headline about Moscow and Kabul", "By Jane Doe", BODY, BODY2,
               "This piece was first published by Afghan Perspectives and is reposted with permission.",
               "© 2024 Example Aggregator")  # fmt: skip
    assert got.outlet == "Afghan Perspectives"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (  # trafilatura's metadata header
            ["---", "title: Kabul and Moscow sign a fuel deal", "author: Ines Carvalho", "sitename: Steppe Review",
             "date: 2023-02-11", "---"],
            Stated("Kabul and Moscow sign a fuel deal", "Ines Carvalho", "Steppe Review", PartialDate(2023, 2, 11)),
        ),
        (  # newspaper3k: an empty author list gives no author
            ["Title: Kabul and Moscow sign a fuel deal", "Authors: []", "Publish date: 2023-02-11 00:00:00",
             "URL: https://example.org/fuel-deal", "Text:"],
            Stated("Kabul and Moscow sign a fuel deal", "", "", PartialDate(2023, 2, 11)),
        ),
        (  # Readability: a byline with a role, an ISO time with its zone
            ["title: Kabul and Moscow sign a fuel deal", "byline: Ines Carvalho — Staff Reporter",
             "siteName: Steppe Review", "publishedTime: 2023-02-11T09:30:00+04:30"],
            Stated("Kabul and Moscow sign a fuel deal", "Ines Carvalho", "Steppe Review", PartialDate(2023, 2, 11)),
        ),
    ],
)  # fmt: skip
def test_a_scrapers_metadata_block_gives_the_fields(header: list[str], expected: Stated) -> None:
    assert read(*header, BODY, BODY2) == expected


def test_one_field_like_line_is_no_metadata_block() -> None:
    got = read("Title: a working paper on transit", "By Ines Carvalho", BODY, BODY2)
    assert got.title != "a working paper on transit"


@pytest.mark.parametrize(
    ("header", "title", "date"),
    [
        (["Steppe Daily", "Home", "Politics", "World", "", "Kazakh Traders Look South After the Kabul Deal2 May 2024 | 09:15"],
         "Kazakh Traders Look South After the Kabul Deal", PartialDate(2024, 5, 2)),  # date and time glued to it
        (["Steppe Daily", "", "▶ Kazakh traders look south after the Kabul deal", "2 May 2024"],
         "Kazakh traders look south after the Kabul deal", PartialDate(2024, 5, 2)),  # a mark before the headline
        (["Sign in", "", "How the Kabul Deal Changes Central Asian Trade | Explained", "2 May 2024"],
         "How the Kabul Deal Changes Central Asian Trade | Explained", PartialDate(2024, 5, 2)),  # a tag after it
        (["Steppe Daily", "Politics", "World", "", "Kazakh traders look south after the Kabul deal",
          "By Ines Carvalho", "2 May 2024"],
         "Kazakh traders look south after the Kabul deal", PartialDate(2024, 5, 2)),  # menus in a block above
        (["Steppe Journals Online", "Home", "Current Issue", "Research Article", "",
          "Kazakh traders look south after the Kabul deal", "Lena Vogt & Omar Daud", "2 May 2024"],
         "Kazakh traders look south after the Kabul deal", PartialDate(2024, 5, 2)),  # a journal's article page
    ],
)  # fmt: skip
def test_headlines_among_page_chrome(header: list[str], title: str, date: PartialDate) -> None:
    got = read(*header, "", BODY, "", BODY2)
    assert (got.title, got.published) == (title, date)


def test_a_journal_history_line_gives_the_published_date() -> None:
    got = read("Kazakh traders look south after the Kabul deal", "Lena Vogt & Omar Daud",
               "Pages 3-21 | Received 02 Feb 2023, Accepted 10 Oct 2023, Published online: 05 Nov 2023",
               "", BODY, "", BODY2)  # fmt: skip
    assert (got.author, got.published) == ("Lena Vogt and Omar Daud", PartialDate(2023, 11, 5))


@pytest.mark.parametrize(
    "credit",
    [*(f"{w.title()}s: Reuters" for w in wordlists()["credit_labels"]),
     *(f"Women wait for aid in Kabul. {w.title()}: Reuters" for w in wordlists()["photo_words"])],
)  # fmt: skip
def test_an_outlet_named_in_a_photo_credit_is_not_the_publisher(credit: str) -> None:
    assert read("Russia courts the Taliban", "By Jane Doe", BODY, BODY2, credit).outlet == ""
    assert read("Russia courts the Taliban", "By Jane Doe", BODY, BODY2, "Listen to Reuters on the radio").outlet == (
        "Reuters"
    )


WIRE = (
    "MOSCOW, July 4 (Reuters) - Russia accepted the credentials of the Taliban's ambassador on Friday, a day "
    "after it became the first country to recognise the movement's government, the foreign ministry said."
)
LINKED = (
    "The move follows years of contacts, described at the time at https://oxusdaily.org/world/2019/02/05/"
    "moscow-talks, when a Taliban delegation first came to Moscow for talks with Afghan politicians."
)


@pytest.mark.parametrize(
    ("lines", "date"),
    [
        # the review's repro: a link in the text to another article does not give the wire dateline's year
        (["Russia accepts the Taliban envoy", WIRE, LINKED, BODY, "(c) 2025 Reuters"], PartialDate(2025, 7, 4)),
        # a text that states no date is undated, whatever its links' paths say
        (["Russia and the Taliban, a long courtship", BODY, LINKED, BODY2], None),
        (["Russia and the Taliban, a long courtship", BODY, BODY2, "Related: https://oxusdaily.org/2019/02/05/a"],
         None),
        # the page's own address still dates it: a header line, a labelled line, a print view's banner
        (["https://oxusdaily.org/world/2025/07/04/envoy", "Russia accepts the Taliban envoy", WIRE, LINKED, BODY],
         PartialDate(2025, 7, 4)),
        (["Russia and the Taliban, a long courtship", BODY, LINKED, BODY2, "URL: https://oxusdaily.org/2024/03/05/c"],
         PartialDate(2024, 3, 5)),
        (["Russia and the Taliban, a long courtship", BODY, LINKED, BODY2,
          "Printed from https://oxusdaily.org/2024/03/05/courtship"], PartialDate(2024, 3, 5)),
    ],
)  # fmt: skip
def test_only_the_articles_own_address_dates_it_never_a_link_in_its_text(lines: list[str], date) -> None:
    assert read(*lines).published == date


@pytest.mark.parametrize(
    ("field", "author"),
    [
        ("Jane Doe (Kabul)", "Jane Doe"),  # the review's repros: a field the rules read
        ("Doe, Jane", "Jane Doe"),
        ("Ada Lorne, Special Correspondent", "Ada Lorne"),
        ("jane.doe@example.com", "Ines Carvalho"),  # one they cannot read: the text's byline stands
        ("https://oxusdaily.org/authors/jd", "Ines Carvalho"),
        ("Web Desk", ""),  # a desk credit or an empty field: the markup names no author
        ("Staff", ""),
        ("[]", ""),
        ("None", ""),
    ],
)
def test_an_author_field_overrides_the_byline_only_when_it_names_someone_or_no_one(field: str, author: str) -> None:
    got = read(
        "title: Kabul and Moscow sign a fuel deal",
        f"author: {field}",
        "date: 2023-02-11",
        "Kabul and Moscow sign a fuel deal",
        "By Ines Carvalho",
        BODY,
        BODY2,
    )
    assert got.author == author


@pytest.mark.parametrize(
    ("title_field", "title", "outlet"),
    [
        # the review's repros: the second half of a headline and a section label are no site
        ("Russia and the Taliban - A Marriage of Convenience", "Russia and the Taliban - A Marriage of Convenience",
         ""),
        ("Kabul and Moscow sign a fuel deal | Analysis", "Kabul and Moscow sign a fuel deal | Analysis", ""),
        ("Kabul and Moscow sign a fuel deal – Why it matters", "Kabul and Moscow sign a fuel deal – Why it matters",
         ""),
        # a site: outlet-shaped, known, or the name the block's address spells
        ("Kabul and Moscow sign a fuel deal | Gulf Asia Times", "Kabul and Moscow sign a fuel deal", "Gulf Asia Times"),
        ("Kabul and Moscow sign a fuel deal - Reuters", "Kabul and Moscow sign a fuel deal", "Reuters"),
        ("Kabul and Moscow sign a fuel deal | Pamir Letters", "Kabul and Moscow sign a fuel deal", "Pamir Letters"),
    ],
)  # fmt: skip
def test_a_page_titles_suffix_is_the_outlet_only_when_it_names_the_site(title_field, title, outlet) -> None:
    got = read(
        f"title: {title_field}", "author: Ines Carvalho", "url: https://pamirletters.net/fuel-deal/", BODY, BODY2
    )
    assert (got.title, got.outlet) == (title, outlet)


def _boilerplate() -> dict:
    from russia_taliban.load.lines import boilerplate_data

    return boilerplate_data()


@pytest.mark.parametrize("empty", _boilerplate()["scraper_empty_values"])
def test_every_empty_value_of_a_scrapers_field_gives_nothing(empty: str) -> None:
    got = read("title: Kabul and Moscow sign a fuel deal", f"date: {empty}", f"author: {empty}", BODY, BODY2)
    assert (got.title, got.author, got.published) == ("Kabul and Moscow sign a fuel deal", "", None)


@pytest.mark.parametrize("key", _boilerplate()["scraper_fields"]["other"])
def test_every_other_key_of_a_scrapers_block_marks_its_line_as_chrome(key: str) -> None:
    paragraphs = classify(split("\n".join([f"{key.title()}: Russia, Afghanistan, 42", "Author: Ines Carvalho", BODY])))
    assert [p.kind for p in paragraphs[:2]] == ["boilerplate", "byline"]
