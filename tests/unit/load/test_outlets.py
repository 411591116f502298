"""Outlets: known names, mastheads by shape, and the lines that name a publisher."""

import pytest

from russia_taliban.load.outlets import canonical, known_outlet, masthead_outlet, mentioned_outlet, statement_outlet


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
     ("Photos from the BBC archive", "BBC"), ("Nothing here", None)],
)  # fmt: skip
def test_known_outlets_named_in_a_line_but_not_share_buttons(line: str, outlet: str | None) -> None:
    assert mentioned_outlet(line) == outlet


def test_canonical_names_drop_possessives_and_stops() -> None:
    assert canonical("AP’s") == "Associated Press"
    assert canonical("Example Review.") == "Example Review"
