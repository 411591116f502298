import pytest

from russia_taliban.load.kinds import CONTENT_KINDS, classify, is_caption
from russia_taliban.load.lines import bio_name, is_chrome, wire_dateline
from russia_taliban.load.split import split
from russia_taliban.text.wordlists import wordlists
from russia_taliban.text.words import fewer_words, words
from tests.unit.load.texts import BODY, BODY2, kinds


def test_split_blank_line_paragraphs_keeps_every_line() -> None:
    paragraphs = split("Title line\n\nFirst paragraph.\n\nSecond paragraph.\n")
    assert [(p.line, p.text) for p in paragraphs] == [
        (1, "Title line"),
        (3, "First paragraph."),
        (5, "Second paragraph."),
    ]


def test_split_one_paragraph_per_line() -> None:
    assert [p.text for p in split("One.\nTwo.\nThree.")] == ["One.", "Two.", "Three."]


def test_split_joins_hard_wrapped_lines() -> None:
    text = (
        "Moscow has continued to operate an embassy in Kabul and to stay in\n"
        "frequent diplomatic contact with the new authorities since August\n"
        "2021, officials said.\nNext paragraph."
    )
    assert [p.text for p in split(text)] == [
        "Moscow has continued to operate an embassy in Kabul and to stay in frequent diplomatic contact with the new "
        "authorities since August 2021, officials said.",
        "Next paragraph.",
    ]


def test_split_keeps_bullets_as_paragraphs() -> None:
    text = "Commentary\n\n  • Moscow is using its contacts\n  • in statements by Kremlin"
    assert [p.text for p in split(text)] == [
        "Commentary",
        "• Moscow is using its contacts",
        "• in statements by Kremlin",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "No comments:",
        "5 min read",
        "Live Story",
        "Follow him on Twitter: @GiorgioCafiero",
        "Share this article",
        "Related: How the Taliban turned social media into a weapon",
        "Disclaimer: The opinions expressed in this article are solely those of the author.",
        "© 2024 Example Media. All rights reserved.",
        "The Taliban swept to power in Afghanistan in August 2021. [Getty]",
        "Tags: Russia, Afghanistan",
        "Advertisement",
        "Advertisement · Scroll to continue",
        "7–9 minutes",  # a reader view's reading time
        "Listen6 min",
        "1:05",  # a transcript's time mark
        "Gift this article",
        "Add to your saved stories",
        "Follow Steppe Wire Business on X, Facebook and LinkedIn",
        "Join our Telegram channel",
        "Listen on Spotify",
        "Keywords: Russia, transit, sanctions",
        "How to Cite",
        "Disclosure statement",
        "A version of this article appears in print on May 3, 2024, Section B, Page 6.",
        "This article has been updated.",
        "[Forwarded from Steppe Dispatch]",
        "12,408 subscribers",
        "Steppe Wire News © 2024. All rights reserved.",
        "The Steppe Institute does not take collective positions.",
        "___",
    ],
)
def test_chrome_patterns(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "Related to this, Russia kept its embassy open.",
        "Live fire drills began.",
        "Follow the money, the envoy said, and you will find the transit deal.",
        "The talks lasted 40 minutes longer than planned, officials said.",
    ],
)
def test_chrome_patterns_leave_content_alone(line: str) -> None:
    assert not is_chrome(line)


def test_bio_name() -> None:
    assert bio_name("Giorgio Cafiero is the CEO of Gulf State Analytics.") == "Giorgio Cafiero"
    assert bio_name(BODY) is None


def test_wire_dateline() -> None:
    assert wire_dateline("MOSCOW, Oct 7 (Reuters) - Russia said on Monday").date == "Oct 7"
    assert wire_dateline(BODY) is None


def test_classify_header_zone() -> None:
    text = f"Analyses\n\nRussia courts the Taliban\n\nBy Jane Doe\n\n7 May 2024\n\nA short standfirst on Moscow and Kabul.\n\n{BODY}"
    assert [k for k, _ in kinds(text)] == ["boilerplate", "title", "byline", "dateline", "standfirst", "body"]


def test_classify_heading_between_body_paragraphs_and_trailing_stub() -> None:
    text = f"{BODY}\n\nWhat Lies Ahead?\n\n{BODY2}\n\nRoute 6"
    assert [k for k, _ in kinds(text)] == ["body", "heading", "body", "boilerplate"]


def test_classify_related_headline_before_caption_is_chrome() -> None:
    text = (
        f"{BODY}\n\nHow the Taliban turned social media into a weapon\nThe Taliban swept to power. [Getty]\n\n{BODY2}"
    )
    assert [k for k, _ in kinds(text)] == ["body", "boilerplate", "boilerplate", "body"]


def test_classify_trailing_author_bio() -> None:
    text = f"{BODY}\n\nJane Doe is a senior fellow at the Example Institute.\n\nFollow her on Twitter: @janedoe"
    assert [k for k, _ in kinds(text)] == ["body", "boilerplate", "boilerplate"]


def test_pull_quote_repeat_points_at_the_body_original() -> None:
    quote = '"Moscow is leveraging its close relations with the Taliban to gain positive attention," writes Doe.'
    text = f"Headline about Moscow\n\n{quote}\n\n{BODY}\n\nMoscow is leveraging its close relations with the Taliban to gain positive attention."
    paragraphs = classify(split(text))
    assert [(p.kind, p.duplicate_of) for p in paragraphs] == [
        ("title", None), ("pull_quote", 3), ("body", None), ("body", None),
    ]  # fmt: skip


def test_partial_repeat_is_a_pull_quote_of_the_longer_paragraph() -> None:
    body = f"{BODY} “Russia becomes the first country to accredit a Taliban government”. Then more text follows here."
    pull = "Russia becomes the first country to accredit a Taliban government, signaling a new era."
    paragraphs = classify(split(f"{BODY2}\n{pull}\n{body}"))
    assert [(p.kind, p.duplicate_of) for p in paragraphs] == [("body", None), ("pull_quote", 2), ("body", None)]


def test_distinct_paragraphs_are_not_pull_quotes() -> None:
    paragraphs = classify(
        split(f"{BODY}\n\nA different paragraph about trade routes and mineral reserves in Afghanistan.")
    )
    assert all(p.kind == "body" for p in paragraphs)


@pytest.mark.parametrize(
    "text", ["", "one", "it's a well-known fact", "— — —", "a,b,c d–e " * 5, "word " * 24, "word " * 25, "x_y z"]
)
def test_fewer_words_agrees_with_counting_every_word(text: str) -> None:
    for n in (1, 3, 25):
        assert fewer_words(text, n) == (words(text) < n)


def test_the_single_chrome_pass_agrees_with_one_pattern_at_a_time() -> None:
    from russia_taliban.load.lines import is_chrome_reference
    from tests.conftest import ROOT, SEEDS

    files = [*SEEDS.glob("*.txt"), *(ROOT / "tests" / "fixtures" / "layouts" / "dev").glob("*.txt")]
    for line in (line for f in files for line in f.read_text(encoding="utf-8").splitlines()):
        assert is_chrome(line) == is_chrome_reference(line), line


@pytest.mark.parametrize(
    ("line", "iso"),
    [("Thu 19th August 2021", "2021-08-19"), ("October 7, 2025 3:05 PM GMT+3", "2025-10-07"),
     ("26.03.2024, 18:40", "2024-03-26"), ("2025-05-17 05:08:25", "2025-05-17"), ("2023-04-02T08:30:00Z", "2023-04-02"),
     ("Updated 4:12 PM GMT+3, April 17, 2025", "2025-04-17"), ("Date: Mon, 23 Aug 2021 07:30:00 +0000", "2021-08-23")],
)  # fmt: skip
def test_date_lines_in_common_forms(line: str, iso: str) -> None:
    from russia_taliban.load.lines import date_stamp

    assert date_stamp(line).date.iso == iso


def test_headline_is_not_glued_to_its_byline_or_first_paragraph() -> None:
    body = f"{BODY} {BODY2}"
    text = f"Moscow opens its doors to a Taliban delegation at the economic forum\nBy JANE DOE\nMay 20, 2023\n{body}"
    assert kinds(text) == [
        ("title", "Moscow opens its doors to a Taliban delegation at the economic forum"),
        ("byline", "By JANE DOE"), ("dateline", "May 20, 2023"), ("body", body),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to improve your experience",
        "Sign up for our newsletter",
        "This article was originally published by Example Review",
        "*The Taliban movement is banned in Russia as a terrorist organisation",
        "Reporting by Jane Doe; editing by John Smith",
        "Copyright 2024 Example Review",
        "Kabul 31 °C",
        "A caption (Photo: Jane Doe/AFP)",
    ],
)
def test_the_length_cut_agrees_with_every_pattern_at_every_length(line: str) -> None:
    """Chrome padded to lengths around every branch's longest match: the cut never changes an answer."""
    from russia_taliban.load.lines import is_chrome_reference

    for pad in range(0, 520, 3):
        for text in (line + " x" * (pad // 2), "x " * (pad // 2) + line, line + "." * pad):
            assert is_chrome(text) == is_chrome_reference(text), (len(text), text[:60])


def test_a_table_of_contents_is_chrome_and_its_headings_stay_headings() -> None:
    got = kinds(
        "Briefing by the Ministry's spokeswoman on current issues\n9 July 2025 20:47\nTable of contents\n"
        "On recognition of the Islamic Emirate of Afghanistan\nOn the situation elsewhere\n"
        f"On recognition of the Islamic Emirate of Afghanistan\n{BODY}\n{BODY2}"
    )
    assert [k for k, _ in got] == ["title", "dateline", "boilerplate", "boilerplate", "boilerplate", "heading",
                                   "body", "body"]  # fmt: skip


def test_a_heading_of_section_names_in_the_text_is_not_a_menu() -> None:
    got = kinds(f"A headline about Moscow and Kabul\nBy Jane Doe\n{BODY}\nRussia and Afghanistan\n{BODY2}")
    assert ("heading", "Russia and Afghanistan") in got or ("body", "Russia and Afghanistan") in got


def test_a_short_title_case_headline_keeps_its_place_above_its_subtitle() -> None:
    got = kinds(f"Moscow's Afghan Gambit\nWhy The Kremlin Courts The Taliban\nBy Jane Doe\n5 May 2024\n{BODY}\n{BODY2}")
    assert got[0] == ("title", "Moscow's Afghan Gambit")


# Captions, contents headings and site names are read with data/wordlists.yaml's lists: every word works.


@pytest.mark.parametrize(
    "line",
    [*(f"{w.title()}: Jane Doe" for w in wordlists()["caption_labels"]),
     *(f"Women wait for aid in Kabul ({w.title()}: Jane Doe)" for w in wordlists()["caption_credits"]),
     *(f"kabul-talks-2024.{w}" for w in wordlists()["image_extensions"]),
     *(f"Women wait for aid in Kabul / {w.title()}" for w in wordlists()["photo_agencies"])],
)  # fmt: skip
def test_every_listed_caption_form_is_a_caption(line: str) -> None:
    assert is_caption(line) and is_caption(line.upper())


@pytest.mark.parametrize(
    "line", ["Women wait for aid in Kabul", "Photographers wait in Kabul", "Moscow hosts the talks (again)"]
)
def test_sentences_are_not_captions(line: str) -> None:
    assert not is_caption(line)


@pytest.mark.parametrize("label", wordlists()["contents_labels"])
def test_every_contents_heading_opens_a_table_of_contents(label: str) -> None:
    got = kinds(
        f"Briefing by the Ministry's spokeswoman on current issues\n9 July 2025 20:47\n{label.capitalize()}:\n"
        "On recognition of the Islamic Emirate of Afghanistan\nOn the situation elsewhere\n"
        f"On recognition of the Islamic Emirate of Afghanistan\n{BODY}\n{BODY2}"
    )
    assert [k for k, _ in got][2:6] == ["boilerplate", "boilerplate", "boilerplate", "heading"]


@pytest.mark.parametrize(
    ("turn", "content"),
    [
        ("Question: Will the delegation travel to Tashkent next month?", True),
        ("Spokesman Ivanov: “Not this month. The schedule will be published later.”", True),
        ("GUEST: Nobody in Moscow knows yet, and nobody will say.", True),
        ("Related: Uzbek rail link to Afghanistan wins new backers", False),  # a headline, no stop
        ("More on this story", False),
    ],
)
def test_a_briefings_last_turns_stay_content_while_trailing_chrome_does_not(turn: str, content: bool) -> None:
    """After the last long paragraph, short and headline-shaped lines are chrome, but a speaker's turn
    (a label, then a whole sentence with its stop) is what the transcript says, even before a closing note."""
    text = (f"Briefing on regional affairs\n\n{BODY}\n\nQuestion: And the drills on the southern border?\n\n"
            f"{BODY2}\n\n{turn}\n\n(The briefing went on to other matters.)")  # fmt: skip
    kind, found = kinds(text)[-2]
    assert found == turn and (kind in CONTENT_KINDS) is content, kind
