"""Rules for layouts the loader first met in the dev4 kinds of source (reader apps, print views,
caches and archives, memos, blogs, scraper and feed exports), each tested on lines of our own."""

import pytest

from russia_taliban.load.kinds import classify
from russia_taliban.load.lines import dated_byline, is_chrome
from russia_taliban.load.split import split
from russia_taliban.text.dates import PartialDate
from tests.unit.load.texts import BODY, BODY2, kinds, read


@pytest.mark.parametrize(
    "line",
    [
        "Read in the app",
        "Open in app or online",
        "Like  Comment  Repost",
        "You're currently a paid subscriber to Pamir Letters.",
        "Shared via the Oxus Daily app",
        "Printer-friendly version",
        "Printed from pamirletters.net",
        "This article appeared in the spring edition of The Oxus Quarterly.",
        "This is Google's cache of https://oxusdaily.org/a. It shows the page as it was on 3 May.",
        "1,204 captures",
        "About this capture",
        "3 Jan 2023 - 9 Feb 2024",
        "JAN FEB MAR",
        "2022 2023 2024",
        "RESTRICTED — DRAFT v2",
        "For internal use only at the donor meeting.",
        "14 comments on “What Termez wants”",
        "Today's episode is brought to you by Pamir Freight.",
        "Mixed by Oxus Sound. Theme music by Ada Lorne.",
        "For further information, please contact the press office in Dushanbe.",
        "BREAKING  Tenge slips against the dollar",
        "Latest | Tenge slips against the dollar",
        "Printed on 3 May 2024",
        "Printed from https://oxusdaily.org/2024/03/05/a",
        "The Wayback Machine - https://web.archive.org/web/20221001093412/https://oxusdaily.org/a",
        "Saved 1,204 times between 3 Jan 2023 and 9 Feb 2024",
        "DRAFT",
        "CONFIDENTIAL — DRAFT v3",
        '2 thoughts on "Why the Taliban keep coming to St Petersburg"',
    ],
)
def test_chrome_of_apps_print_views_caches_and_memos(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "May 2023",  # a date line, not a calendar widget
        "Key findings",
        "The envoy liked the draft but said the Taliban would comment later.",
        "Breaking with precedent, Moscow received the delegation at the ministry.",
        # headlines and sentences that open with a ticker's, a banner's or a marking's words
        "Breaking: Russia formally recognises the Taliban government",
        "Latest - Russia and the Taliban sign a trade deal",
        "Just in: Tajikistan reopens the Panj crossing",
        "The Wayback Machine shows the ministry deleted the statement in 2022.",
        "Printed on cheap paper, the leaflets urged farmers to grow wheat.",
        "Printed from the ministry's own press, the pamphlet ran to 40 pages.",
        "12 responses to the survey came from Kabul traders.",
        "3 replies to the ministry's letter were never published.",
        "Draft",
        "Internal",
        "Restricted",
        "Confidential",
    ],
)
def test_those_chrome_patterns_leave_content_and_date_lines_alone(line: str) -> None:
    assert not is_chrome(line)


@pytest.mark.parametrize(
    "headline",
    [
        "Breaking: Russia formally recognises the Taliban government",
        "Latest - Russia and the Taliban sign a trade deal",
    ],
)
def test_a_headline_opening_with_a_ticker_label_stays_the_headline(headline: str) -> None:
    got = kinds(f"{headline}\nBy Ada Lorne\n5 May 2024\n{BODY}\n{BODY2}")
    assert got[0] == ("title", headline)


def test_a_row_of_buttons_apart_by_wide_gaps_is_chrome() -> None:
    got = kinds(f"Print this article    Close window\nTajik border guards brace for a long winter\n5 May 2024\n{BODY}")
    assert got[0][0] == "boilerplate" and got[1][0] == "title"


def test_a_line_with_a_web_address_is_never_the_headline() -> None:
    got = kinds(
        "Archived copy of https://oxusdaily.org/news/tajik-border-winter\n"
        f"Tajik border guards brace for a long winter\nBy Ada Lorne\n{BODY}\n{BODY2}"
    )
    assert got[0][0] == "boilerplate"
    assert got[1] == ("title", "Tajik border guards brace for a long winter")


@pytest.mark.parametrize(
    "header",
    [
        # a section label above the headline, under the site's menus
        "Oxus Daily\nHome   World   Business   Opinion\nNews and comment\n"
        "Uzbek traders wait for the new Termez bridge to open\n4 March 2024",
        # a blog's name and tagline above its menu
        "Pamir Letters\nWriting on trade and borders in Central Asia\nHome   About   Archive\n\n"
        "Uzbek traders wait for the new Termez bridge to open\nBy Ada Lorne",
        # a masthead with its tagline, over menus, a date and the headline
        "The Oxus Daily — News from both banks of the river\nSkip to content\nHome\nWorld\n"
        "4.03.2024 09:15\nUzbek traders wait for the new Termez bridge to open\nText: Ada Lorne",
    ],
)
def test_the_headline_is_the_line_its_byline_or_date_follows(header: str) -> None:
    got = kinds(f"{header}\n{BODY}\n{BODY2}")
    titles = [text for kind, text in got if kind == "title"]
    assert titles == ["Uzbek traders wait for the new Termez bridge to open"]


def test_a_short_headline_without_chrome_keeps_its_place_above_a_title_case_subtitle() -> None:
    got = kinds(f"The Termez Bridge\nWhy Uzbek Traders Are Still Waiting\nBy Ada Lorne\n{BODY}")
    assert got[0] == ("title", "The Termez Bridge")


def test_a_blog_post_line_gives_its_date_before_the_author() -> None:
    got = dated_byline("Posted on March 3rd, 2024 by Ada Lorne")
    assert got is not None and got.author == "Ada Lorne" and got.stamp.date == PartialDate(2024, 3, 3)
    assert dated_byline("Posted on the bridge by the river") is None


def test_a_scrapers_fields_apart_by_wide_gaps_are_read_and_an_empty_field_gives_nothing() -> None:
    got = read(
        "TITLE    Herat traders count the cost of the border closure | Oxus Daily",
        "AUTHORS  News Desk",
        "DATE     None",
        BODY,
        BODY2,
    )
    assert (got.title, got.author, got.outlet, got.published) == (
        "Herat traders count the cost of the border closure",
        "",
        "Oxus Daily",
        None,
    )


def test_a_feed_readers_fields_name_the_feed_as_outlet_and_mark_the_lines() -> None:
    text = "\n".join(
        [
            "Feed: Pamir Letters",
            "Title: Dushanbe reopens the Panj crossing",
            "Author: Ada Lorne",
            "Link: https://pamirletters.net/panj-crossing/",
            "Date: Tue, 05 Mar 2024 08:00:00 +0000",
            BODY,
        ]
    )
    paragraphs = classify(split(text))
    assert [p.kind for p in paragraphs[:5]] == ["boilerplate", "boilerplate", "byline", "boilerplate", "dateline"]
    from russia_taliban.load.stated import stated_metadata

    got = stated_metadata(paragraphs)
    assert (got.title, got.author, got.outlet) == ("Dushanbe reopens the Panj crossing", "Ada Lorne", "Pamir Letters")
    assert got.published == PartialDate(2024, 3, 5)


@pytest.mark.parametrize(
    ("named", "outlet"),
    [
        ("Photo: Pamir Letters", "Pamir Letters"),  # the text writes the domain's name out
        ("Photo: Ada Lorne", "pamirletters.net"),  # it does not: the domain stays
    ],
)
def test_a_domain_masthead_takes_the_name_the_text_writes_out(named: str, outlet: str) -> None:
    got = read("pamirletters.net", "Dushanbe reopens the Panj crossing", "By Ada Lorne", BODY, named, BODY2)
    assert got.outlet == outlet


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("The post Dushanbe reopens the Panj crossing appeared first on Pamir Letters.", "Pamir Letters"),
        ("You're currently a free subscriber to Pamir Letters.", "Pamir Letters"),
        ("Shared from the Oxus Daily app", "Oxus Daily"),
    ],
)
def test_feed_footers_newsletter_and_app_lines_name_the_publisher(line: str, outlet: str) -> None:
    from russia_taliban.load.outlets import statement_outlet

    assert statement_outlet(line) == outlet


def test_a_database_source_line_names_the_outlet_without_its_place() -> None:
    from russia_taliban.load.outlets import masthead_outlet, outlet_shaped

    assert masthead_outlet("The Oxus Courier (Termez, Uzbekistan)") == "The Oxus Courier"
    assert outlet_shaped("Central Asia Freight Journal")  # "Central" opens desk credits, not only them
    assert not outlet_shaped("Central Asia Desk")


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Dr. Ada Lorne", "Ada Lorne"),
        ("By Prof. Ada Lorne", "Ada Lorne"),
        ("Dr Ada Lorne", "Ada Lorne"),
    ],
)
def test_a_bylines_author_is_recorded_without_honorifics(line: str, author: str) -> None:
    from russia_taliban.load.lines import byline

    got = byline(line)
    assert got is not None and got.author == author


@pytest.mark.parametrize("line", ["KEY HIGHLIGHTS", "Key findings", "CONTEXT"])
def test_a_reports_section_heading_is_no_byline(line: str) -> None:
    from russia_taliban.load.lines import byline

    assert byline(line) is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("12 May 2024 · 38 min", PartialDate(2024, 5, 12)),  # an episode's length beside its date
        ("Spring 2024 edition", None),  # a season is no month
        ("March 2024 issue", PartialDate(2024, 3)),
    ],
)
def test_durations_and_issue_words_may_stand_beside_a_date(line: str, date: PartialDate | None) -> None:
    from russia_taliban.load.lines import date_stamp

    got = date_stamp(line)
    assert (got.date if got else None) == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("https://oxusdaily.org/world/2024/03/05/panj-crossing", PartialDate(2024, 3, 5)),
        ("oxusdaily.org/20240305/a1b2c3/c.html", PartialDate(2024, 3, 5)),
        ("Link: https://pamirletters.net/2024/03/panj/", PartialDate(2024, 3)),
        ("https://pamirletters.net/report-2024-panj", None),  # a year in a slug is no filing date
        ("The 2024/03 plan was agreed in Dushanbe.", None),  # no web address
    ],
)
def test_a_web_addresss_path_dates_the_page(text: str, date: PartialDate | None) -> None:
    from russia_taliban.load.stated import url_date

    assert url_date([text]) == date


def test_a_wire_datelines_year_comes_from_the_pages_address_before_years_the_text_names() -> None:
    got = read(
        "oxusdaily.org/20240305/a1b2c3/c.html",
        "Dushanbe reopens the Panj crossing",
        "DUSHANBE, March 5 (Xinhua) -- Tajikistan reopened the crossing that closed in 2023, officials said on "
        "Tuesday, after talks with the authorities across the river.",
        BODY,
    )
    assert got.published == PartialDate(2024, 3, 5)


def test_a_report_dated_only_in_its_title_takes_that_date() -> None:
    got = read("Panj Valley: Access Snapshot (March 2024)", "KEY HIGHLIGHTS", BODY, BODY2)
    assert (got.title, got.author, got.published) == (
        "Panj Valley: Access Snapshot (March 2024)",
        "",
        PartialDate(2024, 3),
    )


@pytest.mark.parametrize(
    ("menu", "title"),
    [
        ("Home   Tajikistan   World   Business", "Dushanbe reopens the Panj crossing"),  # the label is a menu item
        ("Home   World   Business", "TajikistanDushanbe reopens the Panj crossing"),  # it is not: left alone
    ],
)
def test_a_section_label_glued_to_the_headline_is_cut_when_a_menu_names_it(menu: str, title: str) -> None:
    got = read("Oxus Daily", menu, "TajikistanDushanbe reopens the Panj crossing", "By Ada Lorne", BODY, BODY2)
    assert got.title == title


def test_a_channels_name_beside_its_posts_time_is_the_outlet() -> None:
    got = read("Pamir Insider, [05.03.2024 09:40]", "Dushanbe reopens the Panj crossing", BODY, BODY2)
    assert got.outlet == "Pamir Insider"


def test_a_sites_name_as_the_first_line_above_the_headline_is_the_last_resort_outlet() -> None:
    got = read(
        "The Oxus and Beyond",
        "Writing on trade and borders in Central Asia",
        "Home   About   Archive",
        "",
        "Dushanbe reopens the Panj crossing",
        "Posted on March 5th, 2024 by Ada Lorne",
        BODY,
        BODY2,
    )
    assert (got.title, got.author, got.outlet, got.published) == (
        "Dushanbe reopens the Panj crossing",
        "Ada Lorne",
        "The Oxus and Beyond",
        PartialDate(2024, 3, 5),
    )


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Ada Lorne, Timur Kasymov", "Ada Lorne and Timur Kasymov"),  # a reader view's two authors
        ("Ada Lorne, Dushanbe Correspondent", "Ada Lorne"),  # a name and a job title
        ("Ada Lorne, Senior Fellow", "Ada Lorne"),
    ],
)
def test_a_second_name_after_a_comma_is_a_second_author_not_a_job_title(line: str, author: str) -> None:
    from russia_taliban.load.lines import byline

    got = byline(line)
    assert got is not None and got.author == author
