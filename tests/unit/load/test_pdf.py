"""The PDF reader's text clean-up: page furniture, hyphens, ligatures and paragraph ends.
Whole generated PDFs are read in test_formats.py."""

import pytest

from russia_taliban.errors import CorpusError
from russia_taliban.load import pdf

LONG = "The delegation met officials in Moscow to discuss trade, transit and the"  # a full line of the column


@pytest.mark.parametrize(
    ("pages", "kept"),
    [
        # a header repeated on every page and page numbers in several styles go
        ([["Brief No. 1", "text one", "Page 1 of 3"], ["Brief No. 2", "text two", "- 2 -"],
          ["Brief No. 3", "text three", "3"]], [["text one"], ["text two"], ["text three"]]),
        # a single page keeps its edges (nothing repeats) but not its page number
        ([["Title line", "text", "Page 1"]], [["Title line", "text"]]),
        # a line repeated only in the middle of pages is content
        ([["a", "b", "quoted line", "c", "d"], ["e", "f", "quoted line", "g", "h"]],
         [["a", "b", "quoted line", "c", "d"], ["e", "f", "quoted line", "g", "h"]]),
    ],
)  # fmt: skip
def test_furniture_is_what_repeats_at_page_edges_and_page_numbers(pages, kept) -> None:
    assert pdf._without_furniture(pages) == kept


HYPHENATED = "The delegation met officials in Moscow to discuss trade, transit and the deleg-"
CAPITAL = "The delegation met officials in Moscow to discuss trade, transit and the Russia-"
NEXT = "ation of powers in Kabul, and agreed on little"


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        ([HYPHENATED, NEXT], HYPHENATED[:-1] + NEXT),  # a hyphen before a lower-case letter is undone
        ([CAPITAL, "Afghanistan ties, and agreed on little"], CAPITAL + " Afghanistan ties, and agreed on little"),
        ([LONG, "talks ended.", LONG, "then more."], f"{LONG} talks ended.\n\n{LONG} then more."),
        ([LONG, LONG + ".", LONG], f"{LONG} {LONG}. {LONG}"),  # a full-width line ending a sentence runs on
        ([], ""),
    ],
)
def test_lines_join_into_paragraphs_ending_at_short_sentence_ends(lines, text) -> None:
    assert pdf._paragraphs(lines) == text


def test_ligatures_become_letters() -> None:
    assert "ﬁnancial ﬂows".translate(pdf._LIGATURES) == "financial flows"


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", b"%PDF-1.4\n%broken"])
def test_bytes_that_are_not_a_pdf_are_one_clear_error(data) -> None:
    with pytest.raises(CorpusError) as caught:
        pdf.pdf_text(data, where="brief.pdf")
    assert caught.value.where == "brief.pdf"
    assert caught.value.fix
