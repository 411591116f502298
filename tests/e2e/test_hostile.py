"""Hostile article text reaches the reports as text: no element, attribute, script or TeX command runs."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from russia_taliban.build.pipeline import BuildOptions, build

from ..conftest import ROOT
from .pdfread import pdf_text
from .test_outputs import cli, one_line

pytestmark = pytest.mark.slow
PWNED = Path("/tmp/russia-taliban-pwned")
HOSTILE = r"""Moscow <script>alert(1)</script> & the Taliban’s security deal \input{/etc/hostname}

By Jane Doe

Russia’s envoy met Taliban officials to discuss terrorism, ISIS-K attacks and border security <img src=x onerror=alert(1)> in Kabul, a [briefing](javascript:alert(1)) said. \write18{touch /tmp/russia-taliban-pwned} \def\x{owned} # $ % & _ { } ~ ^ \ end.

“<b>We</b> will fight terrorism <script>alert(2)</script> and \input{/etc/hostname} with military force everywhere,” said Zamir Kabulov, adding that military drills and counterterrorism raids would continue on the border.

On August 25, the Taliban said ISIS-K militants attacked a checkpoint near the Tajik border, a threat to regional security and stability.
"""
METADATA = r"""articles:
  hostile.txt:
    outlet: {value: 'Evil & Co. $5 <i>News</i> \textbf{x} 100%', source: record}
    published: {value: "2024-09-01", source: record}
"""


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (corpus / "metadata.yaml").write_text(METADATA, encoding="utf-8")
    out = corpus.parent / "reports"
    PWNED.unlink(missing_ok=True)
    build(BuildOptions(corpus=corpus, output=out, notebooks=ROOT / "notebooks", themes=()), progress=lambda _: None)
    return out


def test_html_shows_hostile_text_literally(hostile_build: Path) -> None:
    for path in [hostile_build / "report.html", hostile_build / "themes" / "security.html"]:
        page = path.read_text(encoding="utf-8")
        assert "<script" not in page.lower(), path.name
        assert not re.search(r"<[^>]*\bonerror\s*=", page, re.I), path.name
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", page, re.I), path.name
        assert "<b>We</b>" not in page and "<i>News</i>" not in page
    report = (hostile_build / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report  # the title, in the articles table
    assert "&lt;b&gt;We&lt;/b&gt;" in report  # the quotation
    security = (hostile_build / "themes" / "security.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in security  # a strongly tagged passage
    assert "[briefing](javascript:alert(1))" in security


def test_pdf_shows_tex_literally_and_runs_nothing(hostile_build: Path) -> None:
    text = pdf_text(hostile_build / "report.pdf")
    flat = " ".join(text.split())
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").is_file() else ""
    assert r"\input{/etc/hostname}" in flat
    assert r"\write18{touch /tmp/russia-taliban-pwned}" in flat and r"\def\x{owned}" in flat
    assert "# $ % & _ { } ~ ^ \\ end." in flat
    assert r"Evil & Co. $5 <i>News</i> \textbf{x} 100%" in flat
    assert not PWNED.exists()
    if hostname:
        assert hostname not in flat
    theme = pdf_text(hostile_build / "themes" / "security.pdf")
    assert "<img src=x onerror=alert(1)>" in " ".join(theme.split())


ARTICLE = (
    "Moscow and Kabul\n\nRussia’s envoy met Taliban officials in Kabul to discuss trade, security and recognition.\n"
)
NOISE = random.Random(16).randbytes(4096)


@pytest.mark.parametrize(
    "data",
    [NOISE, b"\xff\xfe" + NOISE, b"\xfe\xff" + NOISE, bytes(b | 0x80 for b in NOISE), b"\xef\xbb\xbf" + NOISE],
    ids=["random", "utf16le-bom", "utf16be-bom", "random-high-bytes", "utf8-bom"],
)
@pytest.mark.parametrize("command", ["corpus", "build"])
def test_random_bytes_as_an_article_are_one_line_naming_the_file(tmp_path: Path, data: bytes, command: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "noise.txt").write_bytes(data)
    out = tmp_path / "reports"
    args = ["--output", str(out), "--format", "html"] if command == "build" else []
    done = cli(command, "--corpus", str(corpus), *args)
    one_line(done, f"{corpus / 'noise.txt'}: file is", "remove it")
    assert done.stdout == "" and not (out / "report.html").exists()
