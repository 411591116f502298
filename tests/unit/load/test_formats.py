"""HTML and PDF articles become the same tables as a .txt; the fixtures are made here, at test time."""

from pathlib import Path

import pytest

from russia_taliban.errors import CorpusError
from russia_taliban.load.corpus import load_corpus, read_article
from russia_taliban.load.kinds import CONTENT_KINDS

PARAGRAPHS = [
    "Russia has expanded its contacts with the Taliban since the fall of Kabul, and officials in Moscow now "
    "describe a pragmatic relationship built on security guarantees, trade in fuel and wheat, and transit.",
    "The Kremlin hosted several rounds of consultations on Afghanistan, inviting regional states and a Taliban "
    "delegation to discuss stability, refugees, narcotics and the fate of the country's frozen reserves.",
    "Critics argue that the engagement rewards a government that has barred girls from secondary schools, "
    "while supporters say that isolation would only deepen the humanitarian crisis for ordinary Afghans.",
]

PAGE = f"""<!doctype html><html><head><title>Moscow bets on the Taliban | Example Review</title>
<meta property="og:title" content="Moscow bets on the Taliban">
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="Example Review">
<meta property="article:published_time" content="2024-05-17T08:00:00Z">
<link rel="canonical" href="https://example.org/moscow-bets">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Moscow bets on the Taliban</h1>{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}</article>
<footer>© 2024 Example Review. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>"""


def test_html_page_loads_with_its_metadata_and_every_paragraph(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [article] = load_corpus(tmp_path).articles
    assert (article.title, article.author, article.outlet, article.published.iso, article.format, article.url) == (
        "Moscow bets on the Taliban", "Jane Doe", "Example Review", "2024-05-17", "html", "https://example.org/moscow-bets",
    )  # fmt: skip
    body = [p.text for p in article.paragraphs if p.kind in ("standfirst", "body")]
    assert body == PARAGRAPHS
    assert not any("Privacy" in p.text or "Home" in p.text for p in article.paragraphs if p.kind in CONTENT_KINDS)


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _pdf(path: Path, pages: list[list[str]]) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format=(148, 210))
    pdf.set_auto_page_break(False)
    pdf.add_font("dejavu", fname=str(FONT))
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("dejavu", size=8)
        pdf.cell(0, 5, "Eurasia Policy Brief · No. 12", new_x="LMARGIN", new_y="NEXT")
        for line in lines:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-15)
        pdf.cell(0, 5, f"Page {number} of {len(pages)}", align="C")
    pdf.output(str(path))


@pytest.mark.skipif(not FONT.exists(), reason="needs the DejaVu font for ligature glyphs")
def test_pdf_loses_its_page_furniture_hyphens_and_ligatures(tmp_path: Path) -> None:
    pages = [
        ["Moscow weighs the Taliban", "", "By Jane Doe", "",
         "Russia’s oﬃcials have signalled a pragmatic turn towards the Taliban, citing",
         "security and trade. The Kremlin’s envoy described the talks as con-",
         "structive and said that the ﬁrst shipments of fuel would follow soon."],
        ["Critics in Europe argued that the engagement rewards a government that",
         "has barred girls from school, while Moscow’s deﬁnition of stability",
         "puts border security first."],
    ]  # fmt: skip
    _pdf(tmp_path / "brief.pdf", pages)
    article = read_article(tmp_path / "brief.pdf")
    text = "\n".join(p.text for p in article.paragraphs if p.kind in CONTENT_KINDS)
    assert article.format == "pdf" and article.title == "Moscow weighs the Taliban" and article.author == "Jane Doe"
    assert "officials" in text and "constructive" in text and "first shipments" in text and "definition" in text
    assert "Page 1" not in text and "Policy Brief" not in text and "con- structive" not in text


def test_pdf_without_a_text_layer_is_one_clear_error(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50, style="F")  # an image-only page, as a scan gives
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(CorpusError, match="no text layer"):
        read_article(tmp_path / "scan.pdf")


@pytest.mark.skipif(not FONT.exists(), reason="needs the DejaVu font for ligature glyphs")
def test_pdf_analysis_loads_with_title_author_outlet_date_and_every_body_paragraph(tmp_path: Path) -> None:
    """A think-tank analysis as a PDF: masthead, headline, byline, date, wrapped paragraphs over two pages
    under a running header and above page numbers; only the article's own words are content."""
    first, second, third = PARAGRAPHS
    pages = [
        ["NORTHERN POLICY INSTITUTE", "", "Moscow weighs the Taliban", "", "By Jane Doe", "12 March 2024", "",
         *_wrapped(first), "", *_wrapped(second)],
        [*_wrapped(third), "", "© 2024 Northern Policy Institute. All rights reserved."],
    ]  # fmt: skip
    _pdf(tmp_path / "analysis.pdf", pages)
    article = read_article(tmp_path / "analysis.pdf")
    assert (article.title, article.author, article.outlet, article.published.iso, article.format) == (
        "Moscow weighs the Taliban", "Jane Doe", "Northern Policy Institute", "2024-03-12", "pdf",
    )  # fmt: skip
    assert [p.text for p in article.paragraphs if p.kind in ("standfirst", "body")] == PARAGRAPHS
    content = " ".join(p.text for p in article.paragraphs if p.kind in CONTENT_KINDS)
    assert "Page " not in content and "Policy Brief" not in content and "©" not in content


def _wrapped(paragraph: str, width: int = 78) -> list[str]:
    import textwrap

    return textwrap.wrap(paragraph, width)


HTML_TEXT_ONLY = f"""<!doctype html><html><head><title>Kabul and Moscow</title></head><body>
<header><p>Skip to main content</p><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article><h1>Kabul and Moscow draw closer</h1><p>By Amina Rahimi</p><p>Published: 5 July 2024 14:32 GMT</p>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
<p>This article was originally published by Example Review.</p></article></body></html>"""


def test_html_page_without_meta_tags_takes_its_metadata_from_the_text(tmp_path: Path) -> None:
    (tmp_path / "page.htm").write_text(HTML_TEXT_ONLY, encoding="utf-8")
    [article] = load_corpus(tmp_path).articles
    assert (article.title, article.author, article.outlet, article.published.iso) == (
        "Kabul and Moscow draw closer", "Amina Rahimi", "Example Review", "2024-07-05",
    )  # fmt: skip
    assert [p.text for p in article.paragraphs if p.kind in ("standfirst", "body")] == PARAGRAPHS
    assert not any("Skip" in p.text or "Home" in p.text for p in article.paragraphs if p.kind in CONTENT_KINDS)


@pytest.mark.skipif(not FONT.exists(), reason="needs the DejaVu font for ligature glyphs")
def test_corpus_command_reads_txt_html_and_pdf_together(tmp_path: Path, capsys) -> None:
    import json

    from russia_taliban.cli import main

    (tmp_path / "a.txt").write_text(
        "A headline on Kazan talks\n\nBy Jane Doe\n\n3 July 2025\n\n" + "\n\n".join(PARAGRAPHS)
    )
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    _pdf(
        tmp_path / "c.pdf",
        [["Moscow weighs the Taliban", "", "By Jane Doe", "12 March 2024", "", *_wrapped(PARAGRAPHS[0])]],
    )
    assert main(["corpus", "--corpus", str(tmp_path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    rows = listed["articles"] if isinstance(listed, dict) else listed
    by_file = {row["source_file"]: row for row in rows}
    assert {name: (row["format"], row["published"]) for name, row in by_file.items()} == {
        "a.txt": ("txt", "2025-07-03"), "b.html": ("html", "2024-05-17"), "c.pdf": ("pdf", "2024-03-12"),
    }  # fmt: skip
