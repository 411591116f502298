"""The HTML reader: the page's main text one block per paragraph, and its metadata."""

import pytest

from russia_taliban.errors import CorpusError
from russia_taliban.load.html import html_text

from .test_formats import PAGE, PARAGRAPHS


def test_page_text_is_its_paragraphs_separated_by_blank_lines() -> None:
    text, _ = html_text(PAGE, where="page.html")
    blocks = text.split("\n\n")
    assert [b for b in blocks if b in PARAGRAPHS] == PARAGRAPHS
    assert "" not in blocks and "Privacy" not in text


def test_page_metadata_comes_from_its_meta_tags() -> None:
    _, meta = html_text(PAGE, where="page.html")
    assert meta == {"title": "Moscow bets on the Taliban", "author": "Jane Doe", "outlet": "Example Review",
                    "published": "2024-05-17", "url": "https://example.org/moscow-bets"}  # fmt: skip


def test_several_authors_are_named_apart_by_commas() -> None:
    page = PAGE.replace('content="Jane Doe"', 'content="Jane Doe; John Roe"')
    author = html_text(page, where="page.html")[1]["author"]
    assert [name.strip() for name in author.split(",")] == ["Jane Doe", "John Roe"]


def test_several_authors_are_joined_by_a_comma_and_one_space() -> None:
    page = PAGE.replace('content="Jane Doe"', 'content="Jane Doe; John Roe"')
    assert html_text(page, where="page.html")[1]["author"] == "Jane Doe, John Roe"


@pytest.mark.parametrize(
    "page", ["", "<html><body></body></html>", "<html><head><title>T</title></head><body><div> </div></body></html>"]
)
def test_a_page_without_article_text_is_one_clear_error(page) -> None:
    with pytest.raises(CorpusError) as caught:
        html_text(page, where="empty.html")
    assert caught.value.line() == (
        "empty.html: no article text found in the HTML page — save the article's text as .txt instead"
    )
