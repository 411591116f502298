"""Real builds printed to PDF by WeasyPrint and read back with pypdf and pdfminer.six.

One build of the seed articles plus one article written to be hard to print: every script the issue
names, typographic punctuation, `--force`, markup and TeX that must stay text, and a 1,200-character
unbroken token.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import logging
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from russia_taliban.build import render
from russia_taliban.build.pipeline import BuildOptions, build

from ..conftest import ROOT, SEEDS
from .pdfread import contents, flat, info, page_texts, pdf_text

pytestmark = pytest.mark.slow
PWNED = Path("/tmp/russia-taliban-pdf-pwned")
TOKEN = "https://example.org/track?id=" + "Zx9-" * 293  # 1,201 characters without a space
SCRIPTS = ["Ż", "Москва", "שלום", "مرحبا", "中文", "日本語", "한국어", "😀", "🤝", "“", "”", "—", "–"]
HOSTILE = [
    "<script>alert(1)</script>",
    r"\input{/etc/hostname}",
    r"\write18{touch /tmp/russia-taliban-pdf-pwned}",
    "<img src=file:///etc/hostname>",  # no straight quote: it would end the quotation
    "--force",
]
ARTICLE = f"""Security at the border: Москва, the Taliban and ISIS-K

By Jane Doe

Published: 5 July 2024

Russia’s envoy met Taliban officials in Kabul to discuss terrorism, ISIS-K attacks and border security, and military drills near the Tajik border would continue, he said.

“Ż, Москва, שלום, مرحبا, 中文, 日本語, 한국어, 😀 and 🤝 — we will fight terrorism {HOSTILE[0]} and {HOSTILE[1]} {HOSTILE[2]} {HOSTILE[3]} with {HOSTILE[4]} at every border – 2021–2025, as {TOKEN} shows,” said Zamir Kabulov, adding that counterterrorism raids would continue on the border.
"""


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    corpus = tmp_path_factory.mktemp("pdf") / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "900_scripts.txt").write_text(ARTICLE, encoding="utf-8")
    out = corpus.parent / "reports"
    PWNED.unlink(missing_ok=True)
    warnings = _Warnings()
    logging.getLogger("russia_taliban.pdf").addHandler(warnings)
    try:
        build(BuildOptions(corpus=corpus, output=out, notebooks=ROOT / "notebooks", jobs=2), progress=lambda _: None)
    finally:
        logging.getLogger("russia_taliban.pdf").removeHandler(warnings)
    return out, warnings.lines


@pytest.fixture(scope="module")
def out(built: tuple[Path, list[str]]) -> Path:
    return built[0]


def headings(page: str) -> list[str]:
    return [_text(inner) for inner in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", page, flags=re.S)]


def _text(inner: str) -> str:
    return flat(html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("¶", ""))


def heading_lines(text: str) -> set[str]:
    """Each line of a page, and each pair of lines joined (a heading may wrap once)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return set(lines) | {f"{a} {b}" for a, b in itertools.pairwise(lines)}


def test_contents_page_numbers_are_the_pages_the_chapters_start_on(out: Path) -> None:
    entries = contents(out / "report.pdf")
    assert [name for name, _ in entries] == headings((out / "report.html").read_text(encoding="utf-8"))
    pages = page_texts(out / "report.pdf")
    at = 1  # the contents page itself is not a chapter
    for name, number in entries:
        landed = next(i + 1 for i in range(at, len(pages)) if name in heading_lines(pages[i]))
        assert number == landed, name
        at = landed - 1


def test_every_html_caption_is_in_the_pdf_text(out: Path) -> None:
    for name in ["report", "themes/security", "themes/humanitarian"]:
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        captions = [_text(c) for c in re.findall(r"<(?:fig)?caption[^>]*>(.*?)</(?:fig)?caption>", page, flags=re.S)]
        assert len(captions) >= 5, name
        text = flat(pdf_text(out / f"{name}.pdf"))
        assert [c for c in captions if c not in text] == [], name


def test_nothing_is_printed_outside_the_text_block(out: Path) -> None:
    """Every character and image of every page lies within the page's margins: no table (nor the long
    token, nor a figure) runs past the right edge of the text block."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTImage, LTLayoutContainer

    def items(box: LTLayoutContainer):
        for item in box:
            if isinstance(item, LTChar | LTImage):
                yield item
            elif isinstance(item, LTLayoutContainer):
                yield from items(item)

    margin = 20 / 25.4 * 72  # print.css: 20 mm left and right
    outside = []
    for number, page in enumerate(extract_pages(out / "report.pdf"), start=1):
        left, right = margin - 1, page.width - margin + 1
        outside += [
            (number, type(i).__name__, round(i.x0), round(i.x1)) for i in items(page) if i.x0 < left or i.x1 > right
        ]
    assert outside == []


def test_every_script_and_hostile_text_is_shown_literally(built: tuple[Path, list[str]]) -> None:
    out, warnings = built
    text = "".join(pdf_text(out / "report.pdf").split())  # lines wrap anywhere in a long token
    assert [s for s in [*SCRIPTS, *HOSTILE, TOKEN] if "".join(s.split()) not in text] == []
    assert warnings == []  # no glyph missing
    assert not PWNED.exists()
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").is_file() else ""
    if len(hostname) > 3:
        assert hostname not in text.replace("/etc/hostname", "")


def test_pdf_metadata_names_the_report_and_dates_it_by_its_newest_article(out: Path) -> None:
    tables = next((out / ".cache").glob("tables-*"))
    newest = max(p for p in pd.read_parquet(tables / "articles.parquet")["published"] if p)  # "2025-07"
    stamp = "D:" + "".join([*newest.split("-"), "01", "01"][:3])  # its first day: D:20250701
    report = info(out / "report.pdf")
    assert report["/Title"] == re.search(r"<title>(.*?)</title>", (out / "report.html").read_text()).group(1)
    assert report["/CreationDate"].startswith(stamp) and report["/ModDate"].startswith(stamp)
    assert report["/Author"] and report["/Creator"].startswith("russia-taliban")
    theme = info(out / "themes" / "security.pdf")
    first_h1 = headings((out / "themes" / "security.html").read_text(encoding="utf-8"))[0]
    assert theme["/Title"] == first_h1 != report["/Title"]


def test_identical_inputs_print_identical_bytes(out: Path, tmp_path: Path) -> None:
    nb = nbformat.read(out / "executed" / "theme-security.ipynb", as_version=4)
    again = render.to_pdf(nb, tmp_path / "security.pdf")
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (again, out / "themes" / "security.pdf")]
    assert digest[0] == digest[1]
