"""Outlets: known names, mastheads by shape, and the lines that name a publisher."""

import pytest

from russia_taliban.load.outlets import (
    canonical,
    known_outlet,
    masthead_outlet,
    mentioned_outlet,
    outlet_shaped,
    statement_outlet,
)
from russia_taliban.text.wordlists import wordlists


@pytest.mark.parametrize(
    ("phrase", "outlet"),
    [("AP", "Associated Press"), ("British Broadcasting Corporation", "BBC"), ("thediplomat.com", "The Diplomat"),
     ("RT News", "RT"), ("The Ministry of Foreign Affairs of the Russian Federation",
      "Ministry of Foreign Affairs of the Russian Federation"), ("ap", None), ("Moscow", None)],
)  # fmt: skip
def test_known_outlets_by_any_spelling(phrase: str, outlet: str | None) -> None:
    assert known_outlet(phrase) == outlet


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("The Guardian - Back to homepage", "The Guardian"),
        ("The Kabul Observer", "The Kabul Observer"),  # unknown to any list: an outlet noun ends it
        ("KESTREL CENTRE FOR EURASIAN SECURITY", "Kestrel Centre for Eurasian Security"),
        ("Carnegie Endowment for International Peace", "Carnegie Endowment for International Peace"),
        ("examplereview.org", "examplereview.org"),
        ("World News", None),  # a section of the site
        ("Staff Reporter", None),  # a byline
        ("Taliban delegation courts investors at Kazan Forum", None),  # a headline in sentence case
        ("Russia officially recognizes Islamic Emirate of Afghanistan — Foreign Ministry", None),
        ("Independent News From Russia", None),
    ],
)
def test_masthead_lines(line: str, outlet: str | None) -> None:
    assert masthead_outlet(line) == outlet


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("This story was originally published by Eurasia Today and is republished here.", "Eurasia Today"),
        ("This piece was first published by Afghan Perspectives and is reposted with permission.",
         "Afghan Perspectives"),
        ("Source: KazanWire", "KazanWire"),
        ("Published in Dawn, July 5th, 2025", "Dawn"),
        ("Copyright © 2024 The Daily Frontier", "The Daily Frontier"),
        ("© The Northern Chronicle 2021", "The Northern Chronicle"),
        ("Copyright 2022 The Eurasian Herald All Rights Reserved", "The Eurasian Herald"),
        ("© 2023 Frontier Economic Review. Distributed by Tribune Content Agency.", "Frontier Economic Review"),
        ("© 2025 Guardian News & Media Limited or its affiliated companies.", "The Guardian"),
        ("Support The Kabul Observer! Independent journalism depends on you.", "The Kabul Observer"),
        ("A Message from The Moscow Times:", "The Moscow Times"),
        ("More analysis from The Continental Review", "The Continental Review"),
        ("You are receiving this email because you subscribed to Central Asia Brief.", "Central Asia Brief"),
        ("Thanks for reading Steppe & Hindu Kush! Subscribe for free.", "Steppe & Hindu Kush"),
        ("Follow AP’s coverage of Afghanistan at https://apnews.com/hub/afghanistan", "Associated Press"),
        ("© 2024 The Henry L. Stimson Center", "Stimson Center"),  # an initial inside the name
        ("[Forwarded from Steppe Dispatch]", "Steppe Dispatch"),  # a messenger's forwarded post
        ("Moscow says the talks went well.", None),
    ],
)  # fmt: skip
def test_lines_that_name_the_publisher(line: str, outlet: str | None) -> None:
    assert statement_outlet(line) == outlet


def test_repost_notes_can_be_asked_for_alone() -> None:
    assert statement_outlet("© 2024 The Daily Frontier", reposts_only=True) is None
    assert statement_outlet("Source: KazanWire", reposts_only=True) == "KazanWire"


@pytest.mark.parametrize(
    ("line", "outlet"),
    [("Follow AP’s coverage of Afghanistan", "Associated Press"), ("Share on LinkedIn", None),
     ("Photos from the BBC archive", "BBC"), ("Nothing here", None),
     ("Kun.uz reported", "Kun.uz"), ("RFE/RL reported", "RFE/RL"),  # a stop or slash inside a known name
     ("As Kun.uz and RFE/RL both reported on Monday", "Kun.uz"), ("Reported by Radio Free Europe/Radio Liberty.", "RFE/RL")],
)  # fmt: skip
def test_known_outlets_named_in_a_line_but_not_share_buttons(line: str, outlet: str | None) -> None:
    assert mentioned_outlet(line) == outlet


def test_canonical_names_drop_possessives_and_stops() -> None:
    assert canonical("AP’s") == "Associated Press"
    assert canonical("Example Review.") == "Example Review"


@pytest.mark.parametrize("line", ["|", " | ", "| |", "—"])
def test_a_line_of_separators_is_no_masthead(line: str) -> None:
    assert masthead_outlet(line) is None  # "|" once raised IndexError and stopped the whole load


# The outlet rules are built from data/wordlists.yaml: each word of a list works in its place.


@pytest.mark.parametrize("tld", wordlists()["top_level_domains"])
def test_every_listed_domain_ending_makes_a_masthead(tld: str) -> None:
    assert masthead_outlet(f"kestrel-review.{tld}") == f"kestrel-review.{tld}"
    assert masthead_outlet(f"https://www.Kestrel-Review.{tld.upper()}/") == f"kestrel-review.{tld}"
    assert masthead_outlet(f"kestrel-review.{tld}x") is None


@pytest.mark.parametrize("connector", wordlists()["outlet_connectors"])
def test_connectors_may_stand_inside_an_outlets_name_but_not_at_its_end(connector: str) -> None:
    assert outlet_shaped(f"Kestrel Review {connector} Eurasian Review")
    assert not outlet_shaped(f"Kestrel Review {connector}")
    assert (
        canonical(f"KESTREL REVIEW {connector.upper()} EURASIAN REVIEW")
        == f"Kestrel Review {connector} Eurasian Review"
    )


@pytest.mark.parametrize("link", wordlists()["outlet_tail_links"])
def test_an_outlet_noun_may_come_before_the_names_tail(link: str) -> None:
    assert outlet_shaped(f"Kestrel Institute {link} Eurasian Peace")


@pytest.mark.parametrize("link", wordlists()["outlet_name_links"])
def test_a_repost_note_names_an_outlet_with_its_connectors(link: str) -> None:
    assert statement_outlet(f"This article was first published by Kestrel {link} Eurasia.") == f"Kestrel {link} Eurasia"


@pytest.mark.parametrize("verb", wordlists()["repost_verbs"])
def test_every_repost_verb_names_the_original_publisher(verb: str) -> None:
    assert statement_outlet(f"{verb.capitalize()} from Kestrel Review.", reposts_only=True) == "Kestrel Review"


@pytest.mark.parametrize("label", wordlists()["source_labels"])
def test_every_source_label_names_the_publisher(label: str) -> None:
    assert statement_outlet(f"{label.capitalize()}: Kestrel Review") == "Kestrel Review"
    assert statement_outlet(f"{label.upper()} Kestrel Review.") == "Kestrel Review"


@pytest.mark.parametrize("noun", wordlists()["disclaimer_nouns"])
def test_a_disclaimer_names_the_outlet_it_speaks_for(noun: str) -> None:
    line = f"The {noun} expressed here are the author's own and not those of Kestrel Review."
    assert statement_outlet(line) == "Kestrel Review"


@pytest.mark.parametrize("tail", wordlists()["copyright_tails"])
def test_a_copyright_line_names_the_outlet_without_its_tail(tail: str) -> None:
    assert statement_outlet(f"© 2022 Kestrel Review {tail.title()} Reserved") == "Kestrel Review"


@pytest.mark.parametrize("button", wordlists()["share_buttons"])
def test_a_share_button_names_a_platform_not_the_publisher(button: str) -> None:
    assert mentioned_outlet("Read more on the BBC website") == "BBC"
    assert mentioned_outlet(f"{button.title()} on the BBC website") is None


def test_a_known_outlet_is_found_with_its_connectors_inside_a_sentence() -> None:
    assert mentioned_outlet("He told the Voice of America on Monday.") == "Voice of America"


@pytest.mark.parametrize("link", wordlists()["outlet_mention_links"])
def test_the_words_of_a_name_in_a_sentence_are_read_across_its_connectors(link: str) -> None:
    from russia_taliban.load.outlets import _CAPITALISED_RUN

    assert _CAPITALISED_RUN.fullmatch(f"Kestrel {link} Review")
    assert not _CAPITALISED_RUN.fullmatch(f"Kestrel {link}x Review")


@pytest.mark.parametrize(
    "note",
    [f"This article {adverb} {verb} {preposition} Kestrel Review."
     for adverb in wordlists()["original_publication_adverbs"]
     for verb in wordlists()["original_publication_verbs"]
     for preposition in wordlists()["original_publication_prepositions"]],
)  # fmt: skip
def test_every_form_of_a_first_publication_note_names_the_original_publisher(note: str) -> None:
    assert statement_outlet(note, reposts_only=True) == "Kestrel Review"


@pytest.mark.parametrize("article", wordlists()["outlet_lead_articles"])
def test_a_lower_case_article_before_a_publishers_name_belongs_to_the_sentence(article: str) -> None:
    assert statement_outlet(f"Shared from {article} Kestrel Review app") == "Kestrel Review"
    assert statement_outlet(f"Shared from {article.title()} Kestrel Review app") == f"{article.title()} Kestrel Review"
