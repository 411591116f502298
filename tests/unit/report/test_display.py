import pandas as pd
import pytest
from matplotlib.figure import Figure

from russia_taliban.report import display
from russia_taliban.report.plots import Chart

HOSTILE = '<script>alert(1)</script> <img src=x onerror="x()"> \\input{/etc/hostname} $x$ & %'


def test_table_escapes_cells_and_aligns_text_left_numbers_right() -> None:
    html = display.Table(pd.DataFrame({"title": [HOSTILE], "words": [12]}), "A & B")._repr_html_()
    assert "<script>" not in html and 'onerror="' not in html and "&lt;script&gt;" in html
    assert '<td class="text">' in html and '<td class="num">12</td>' in html
    assert "<caption>A &amp; B</caption>" in html


def test_long_cells_are_cut_at_a_word_and_kept_whole_in_details() -> None:
    text = "Moscow and Kabul signed agreements on trade, transit and energy supplies in the spring"
    html = display.Table(pd.DataFrame({"quotation": [text]}), "q", expand={"quotation": 40})._repr_html_()
    assert "<summary>Moscow and Kabul signed agreements on…</summary>" in html
    assert f'<p class="rt-full">{text}</p>' in html


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [("short", 10, "short"), ("one two three four", 12, "one two…"), ("a,b,c " * 3, 7, "a,b,c…")],
)
def test_clip_cuts_at_word_boundaries(text: str, width: int, expected: str) -> None:
    assert display.clip(text, width) == expected


@pytest.mark.parametrize(("bullets", "wrap"), [(False, "<p>{}</p>"), (True, "<ul><li>{}</li></ul>")])
def test_prose_escapes_article_text_as_plain_html(bullets: bool, wrap: str) -> None:
    html = display.Prose([HOSTILE], bullets=bullets)._repr_html_()
    assert html == wrap.format(display.esc(HOSTILE))
    assert "<script>" not in html and "&lt;img src=x onerror=&quot;x()&quot;&gt;" in html


def test_display_objects_offer_no_latex_output() -> None:
    table = display.Table(pd.DataFrame({"title": [HOSTILE]}), "t")
    for view in (table, display.Prose([HOSTILE]), display.Heading(HOSTILE)):
        assert not hasattr(view, "_repr_latex_")


def test_concordance_puts_the_keyword_in_its_own_column_with_the_source() -> None:
    lines = pd.DataFrame(
        {"term": ["x"], "left": ["…the <b>"], "match": ["sanctions"], "right": ["regime…"], "source": ["Doe 2022, ¶3"]}
    )
    html = display.Concordance(lines, "kwic")._repr_html_()
    assert '<td class="kwic-left"><div>…the &lt;b&gt;</div></td><td class="kwic-key">sanctions</td>' in html
    assert '<td class="kwic-source">Doe 2022, ¶3</td>' in html


def test_chapter_numbers_figures_writes_their_csv_and_links_it(tmp_path) -> None:
    chapter = display.Chapter(3, "theme-x", str(tmp_path))
    data = pd.DataFrame({"share": [0.25]})
    chart = Chart(Figure(), data, alt=HOSTILE, caption="Caption")
    chapter.figure(chart)
    view = chapter.figure(chart)
    bundle = view._repr_mimebundle_()
    assert view.label == "Figure 3.2" and (tmp_path / "data/theme-x/figure-3-2.csv").read_text().startswith("share")
    assert f'href="{display.ROOT}data/theme-x/figure-3-2.csv"' in bundle["text/html"]
    assert '<figure class="rt-figure" id="figure-3-2"><img alt="&lt;script&gt;' in bundle["text/html"]
    assert "<figcaption><strong>Figure 3.2.</strong> Caption" in bundle["text/html"]


def test_without_an_export_folder_no_csv_is_linked() -> None:
    view = display.Chapter(1, "overview").figure(Chart(Figure(), pd.DataFrame(), "alt", "c"))
    assert "rt-data" not in view._repr_mimebundle_()["text/html"]


def test_headings_get_chapter_ids() -> None:
    assert display.Chapter(2, "theme-security").heading("Security: method note")._repr_html_() == (
        '<h2 id="c2-security-method-note">Security: method note</h2>'
    )


def test_a_vanished_export_folder_is_not_recreated(tmp_path) -> None:
    gone = tmp_path / ".staging-123"
    view = display.Chapter(1, "overview", str(gone)).figure(Chart(Figure(), pd.DataFrame({"a": [1]}), "alt", "c"))
    assert not gone.exists() and view.csv == ""
