"""Edge cases through the real CLI: a 10,000-article corpus, unbroken tokens, the build lock, a quiet stderr
(and the kernel shutdown behind it, on a real kernel)."""

from __future__ import annotations

import random
import re
import string
from pathlib import Path

import pandas as pd
import pytest

from russia_taliban.build import outdir

from ..conftest import copy_reports, published
from .test_outputs import build, cli, one_line

pytestmark = pytest.mark.slow
THEMES = ["security", "economics", "diplomacy", "humanitarian"]
#: One sentence per theme; article i states theme i % 4, so every theme's count is known in advance.
STATEMENTS = [
    "Russia's envoy met Taliban officials in Kabul to discuss border security and terrorism threats from ISIS-K.",
    "Moscow signed a wheat and fuel trade deal with the Taliban government, easing sanctions on exports.",
    "The Kremlin hosted Taliban diplomats for talks on recognition and an embassy in Moscow.",
    "Aid agencies warned of famine and refugees as Russia sent humanitarian relief flights to Kabul.",
]


def small_articles(root: Path, n: int) -> Path:
    """`n` distinct four-paragraph articles (title, byline, a dated statement, a dated follow-up)."""
    root.mkdir(parents=True)
    for i in range(n):
        month, day = 1 + i % 12, 1 + i % 28
        (root / f"a{i:05d}.txt").write_text(
            f"Report {i} on Russia and the Taliban\n\nBy Jane Doe\n\n"
            f"On {day} March 2023, in note {i}: {STATEMENTS[i % 4]}\n\n"
            f"Officials said on {2022 + i % 3}-{month:02d}-{day:02d} that talks number {i} would continue.\n",
            encoding="utf-8",
        )
    return root


def test_a_ten_thousand_article_corpus_exports_every_row(tmp_path: Path) -> None:
    # `export`, not `build`: on two cores export takes about 10 s, an HTML build about 41 s (measured).
    n = 10_000
    corpus = small_articles(tmp_path / "corpus", n)
    done = cli("export", str(tmp_path / "tables"), "--corpus", str(corpus))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "skipped" not in done.stderr
    articles = pd.read_csv(tmp_path / "tables" / "articles.csv")
    paragraphs = pd.read_csv(tmp_path / "tables" / "paragraphs.csv")
    assert len(articles) == n and articles["article_id"].is_unique
    assert sorted(articles["source_file"]) == sorted(p.name for p in corpus.iterdir())
    assert len(paragraphs) == 4 * n and (paragraphs.groupby("article_id").size() == 4).all()
    assert (paragraphs["kind"] == "title").sum() == n
    statements = paragraphs[paragraphs["text"].str.contains(", in note ", regex=False)]
    assert len(statements) == n
    which = statements["article_id"].str[1:].astype(int) % 4
    for k, theme in enumerate(THEMES):  # each theme tags exactly the statements written about it
        assert statements.loc[statements[theme].astype(bool), "article_id"].tolist() == (
            statements.loc[which == k, "article_id"].tolist()
        ), theme
    events = pd.read_csv(tmp_path / "tables" / "events.csv")
    assert events["article_id"].nunique() == n


def _token() -> str:
    """An unbroken 1,200-character tracking URL (no space, hyphen or other break opportunity)."""
    rng = random.Random(16)
    token = "https://track.example.com/r?u=" + "".join(
        rng.choice(string.ascii_letters + string.digits) for _ in range(1170)
    )
    assert len(token) == 1200
    return token


TOKEN = _token()
LONG_TOKEN_ARTICLE = f"""Moscow weighs wheat trade with the Taliban {TOKEN}

By Jane Doe

On 5 March 2024 Russia signed a wheat, fuel and trade deal with the Taliban, easing sanctions on exports and investment, see {TOKEN} for the text.

The economic deal covers trade, sanctions relief, exports of fuel and wheat, and investment in transit routes.
"""
OTHER_ARTICLE = """Kremlin hosts Taliban envoys

By John Roe

The Kremlin hosted Taliban diplomats for talks on recognition, an embassy in Moscow and border security.
"""
WINDOW = 1280  # px: the width of a laptop browser window


def cells_showing(page: str, text: str) -> str:
    """The page with only the notebook cells whose text holds `text`: the same markup and stylesheet,
    a fraction of the layout work (WeasyPrint takes seconds per cell when words may break anywhere)."""
    import lxml.html

    tree = lxml.html.fromstring(page)
    for cell in tree.xpath('//div[contains(concat(" ", normalize-space(@class), " "), " jp-Cell ")]'):
        if text not in cell.text_content():
            cell.getparent().remove(cell)
    return lxml.html.tostring(tree, encoding="unicode")


def screen_layout(page: str, base: Path) -> tuple[list[tuple[float, str]], str]:
    """Lay `page` out as a browser window would show it (WeasyPrint with the screen stylesheet, one page
    `WINDOW` px wide): the right edge and tag of every box a reader could scroll to, and the laid-out
    text in order (lines joined without a separator, so a token broken across lines reads whole).
    Boxes inside `overflow: hidden` (the KWIC columns, clipped by design) cannot widen the page."""
    from weasyprint import CSS, HTML

    document = HTML(string=page, base_url=str(base), media_type="screen").render(
        stylesheets=[CSS(string=f"@page {{ size: {WINDOW}px 6000px; margin: 0 }}")]
    )
    edges: list[tuple[float, str]] = []
    texts: list[str] = []

    def walk(box, clipped: bool) -> None:
        if not clipped:
            edges.append((box.position_x + box.margin_width(), getattr(box, "element_tag", "")))
        texts.append(getattr(box, "text", ""))
        hidden = getattr(box, "style", None) is not None and box.style["overflow"] == "hidden"
        for child in getattr(box, "children", []):
            walk(child, clipped or hidden)

    for page_box in document.pages:  # the page box itself is the window
        for child in page_box._page_box.children:
            walk(child, False)
    return edges, "".join(texts)


@pytest.fixture(scope="module")
def long_token_build(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("long-token") / "corpus"
    corpus.mkdir()
    (corpus / "token.txt").write_text(LONG_TOKEN_ARTICLE, encoding="utf-8")
    (corpus / "other.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    out = corpus.parent / "reports"
    done = build(out, "--jobs", "4", corpus=corpus)  # more kernels at once than cores: shutdowns overlap work
    assert done.returncode == 0, done.stderr[-2000:]
    (corpus.parent / "build.stderr").write_text(done.stderr, encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("page", "boxes"),
    [
        ("report.html", "the corpus and sources tables and the passages"),
        ("themes/economics.html", "the passages and the dated events table"),
    ],
)
def test_an_unbroken_1200_character_token_wraps_inside_the_window(
    long_token_build: Path, page: str, boxes: str
) -> None:
    path = long_token_build / page
    html = path.read_text(encoding="utf-8")
    assert html.count(TOKEN) >= 2, boxes  # shown in full, not shortened away
    edges, text = screen_layout(cells_showing(html, TOKEN[:60]), path)
    assert text.count(TOKEN) == html.count(TOKEN)  # laid out in full (in pieces), wherever it is shown
    widest = max(edges)
    assert widest[0] <= WINDOW, f"a <{widest[1]}> box reaches {widest[0]:.0f} px in a {WINDOW} px window ({boxes})"


def test_a_build_while_another_holds_the_lock_is_refused_not_called_up_to_date(
    long_token_build: Path, tmp_path: Path
) -> None:
    reports = copy_reports(long_token_build, tmp_path / "reports")
    before = published(reports)
    with outdir.locked(reports):  # as a build in progress holds it, for its whole run
        done = build(reports, corpus=long_token_build.parent / "corpus")
    one_line(done, "another build is writing to this folder", "wait for it to finish")
    assert "up to date" not in done.stderr and published(reports) == before
    again = build(reports, corpus=long_token_build.parent / "corpus")  # the lock released: nothing changed
    assert again.returncode == 0 and "is up to date" in again.stderr, again.stderr


def test_a_successful_build_says_nothing_alarming_on_stderr(long_token_build: Path) -> None:
    stderr = (long_token_build.parent / "build.stderr").read_text(encoding="utf-8")
    assert "built 5 notebooks" in stderr  # it is the build's progress
    assert "ERROR" not in stderr and "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    lines = stderr.splitlines()  # progress from several threads: one message per line, none run together
    assert "" not in lines, lines
    assert all(len(re.findall(r"\b(?:tagging|running|executed|rendered|built) ", line)) <= 1 for line in lines), lines
