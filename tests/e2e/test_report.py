"""The report as a reader gets it, on a real HTML build: ids, contents, findings, sources, provenance, CSVs."""

from __future__ import annotations

import html
import json
import re
import shutil
from datetime import date
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from russia_taliban.build.pipeline import BuildOptions, build

from ..conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow


def run(corpus: Path, output: Path) -> Path:
    build(BuildOptions(corpus=corpus, output=output, formats=("html",), jobs=2, notebooks=ROOT / "notebooks"),
          progress=lambda _: None)  # fmt: skip
    return output


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    return run(SEEDS, tmp_path_factory.mktemp("report") / "reports")


@pytest.fixture(scope="module")
def page(reports: Path) -> str:
    return (reports / "report.html").read_text(encoding="utf-8")


def findings(page: str) -> str:
    block = re.search(r'<div class="rt-findings">(.*?)</div>', page, re.S)
    assert block, "no findings block"
    return html.unescape(re.sub(r"<[^>]+>", " ", block.group(1)))


def test_every_id_is_unique_and_every_contents_link_finds_its_heading(page: str) -> None:
    ids = [html.unescape(i) for i in re.findall(r'\sid="([^"]+)"', page)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    headings = {html.unescape(i) for i in re.findall(r'<h[12] id="([^"]+)"', page)}
    nav = re.search(r'<nav class="rt-toc">(.*?)</nav>', page, re.S).group(1)
    targets = [html.unescape(t) for t in re.findall(r'href="#([^"]+)"', nav)]
    assert len(targets) > 20
    assert [t for t in targets if t not in headings] == []


def test_theme_sub_entries_name_their_chapter(page: str) -> None:
    nav = re.search(r'<nav class="rt-toc">(.*?)</nav>', page, re.S).group(1)
    entries = [html.unescape(e) for e in re.findall(r'<li class="rt-toc-2"><a href="#c\d-[^"]+">(.*?)</a>', nav)]
    assert entries and all(
        e.split(":")[0].lower() in {"security", "economics", "diplomacy", "humanitarian"} for e in entries
    )


def test_title_page_states_build_date_version_and_the_manifest_digest(reports: Path, page: str) -> None:
    digest = json.loads((reports / "manifest.json").read_text())["inputs"]["digest"]
    line = html.unescape(re.search(r'<div class="rt-provenance"><p>(.*?)</p>', page).group(1))
    assert f"Built {date.today().isoformat()}" in line
    assert f"russia-taliban {metadata.version('russia-taliban')}" in line and digest in line


def test_sources_section_lists_each_article_once(page: str) -> None:
    table = re.search(r'<table class="rt-table rt-sources".*?</table>', page, re.S).group()
    rows = re.findall(r"<tr><td", table)
    assert len(rows) == len(list(SEEDS.glob("*.txt")))
    assert "Żochowski 2021" in table and "TRT World" in table


def test_every_figure_is_numbered_captioned_described_and_its_csv_exists(reports: Path, page: str) -> None:
    figures = re.findall(
        r'<figure class="rt-figure" id="([^"]+)"><img alt="([^"]+)".*?<figcaption>(.*?)</figcaption>', page, re.S
    )
    assert len(figures) == 4 + 2 * 4
    for anchor, alt, caption in figures:
        assert len(alt) > 40 and re.search(r"\d", alt), anchor
        link = re.search(r'href="([^"]+\.csv)"', caption).group(1)
        assert (reports / link).is_file() and (reports / link).stat().st_size > 0, link
    theme_page = (reports / "themes" / "security.html").read_text(encoding="utf-8")
    for link in re.findall(r'href="([^"#]+)"', theme_page):
        assert (reports / "themes" / unquote(urlsplit(link).path)).resolve().is_file(), link


def test_theme_page_is_titled_for_its_theme_and_links_back_to_its_chapter(reports: Path, page: str) -> None:
    theme_page = (reports / "themes" / "economics.html").read_text(encoding="utf-8")
    assert re.search(r"<title>Theme: economics — ", theme_page)
    back = re.search(r'href="\.\./report\.html#([^"]+)"', theme_page).group(1)
    assert f'id="{back}"' in page
    assert 'href="themes/economics.html"' in page


def test_computed_summary_changes_with_the_corpus(tmp_path: Path, page: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    keep = sorted(SEEDS.glob("*.txt"))[:3]
    for path in keep:
        shutil.copy(path, corpus)
    meta = yaml.safe_load((SEEDS / "metadata.yaml").read_text(encoding="utf-8"))
    meta["articles"] = {name: v for name, v in meta["articles"].items() if name in {p.name for p in keep}}
    (corpus / "metadata.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    smaller = (run(corpus, tmp_path / "reports") / "report.html").read_text(encoding="utf-8")
    before, after = findings(page), findings(smaller)
    assert before != after
    assert "Across all 5 articles" in before and "Across all 3 articles" in after
