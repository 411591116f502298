"""The real build: papermill runs, nbconvert HTML, WeasyPrint PDFs, the cache and the manifest.

One full build (HTML and PDF) is shared by the session; tests that change things work on a copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from russia_taliban.build.pipeline import BuildOptions, build
from russia_taliban.errors import NotebookError

from ..conftest import ROOT, SEEDS, copy_reports
from .pdfread import pdf_text

pytestmark = pytest.mark.slow
THEMES = ["security", "economics", "diplomacy", "humanitarian"]
NOTEBOOKS = ROOT / "notebooks"


def run_build(output: Path, **kw) -> tuple[object, list[str]]:
    lines: list[str] = []
    options = BuildOptions(corpus=SEEDS, output=output, notebooks=kw.pop("notebooks", NOTEBOOKS), **kw)
    return build(options, progress=lines.append), lines


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "reports"
    result, _ = run_build(out, formats=("html", "pdf"), jobs=2)
    assert sorted(result.executed) == sorted(["overview", *(f"theme-{t}" for t in THEMES)])
    return out


@pytest.fixture
def copy_of_built(built: Path, tmp_path: Path) -> Path:
    return copy_reports(built, tmp_path / "reports")


def test_full_build_writes_every_output(built: Path) -> None:
    expected = ["report.html", "report.pdf", "manifest.json", "executed/overview.ipynb"]
    expected += [f"themes/{t}.{f}" for t in THEMES for f in ("html", "pdf")] + [
        f"executed/theme-{t}.ipynb" for t in THEMES
    ]
    assert [p for p in expected if not (built / p).is_file()] == []
    assert not list(built.glob(".generations/*.staging"))


def test_html_report_has_sections_toc_and_no_code(built: Path) -> None:
    page = (built / "report.html").read_text(encoding="utf-8")
    for heading in ["Overview", "The corpus", "How the framing moved", "Who is mentioned with whom", "Who is quoted saying what",
                    "Method", *(f"Theme: {t}" for t in THEMES)]:  # fmt: skip
        assert re.search(rf"<h[12][^>]*>{re.escape(heading)}", page), heading
    assert '<nav class="rt-toc">' in page and page.count('class="rt-toc-1"') == 5
    for code in ["open_tables(", "import ", "plots.theme_trend", "injected-parameters", "data_dir"]:
        assert code not in page, code
    assert 'class="highlight hl-ipython3"' not in page and '<div class="jp-CodeMirrorEditor' not in page


def test_html_is_self_contained_with_embedded_figures(built: Path) -> None:
    for path in [built / "report.html", *(built / "themes").glob("*.html")]:
        page = path.read_text(encoding="utf-8")
        assert "<script" not in page.lower()
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I), path.name
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page, re.I), path.name
        assert "http://" not in page and "https://" not in page, path.name
    assert len(
        re.findall(r"<img [^>]*src=\"data:image/png;base64,", (built / "report.html").read_text(encoding="utf-8"))
    ) == 4 + 2 * len(THEMES)


def test_pdf_report_has_contents_sections_and_unicode(built: Path) -> None:
    text = pdf_text(built / "report.pdf")
    assert "Contents" in text
    for needle in [
        "The corpus",
        "How the framing moved",
        "Theme: security",
        "Theme: humanitarian",
        "Żochowski",
        "Russia’s",
        "2021–2025"[:4],
    ]:
        assert needle in text, needle
    assert "open_tables" not in text
    assert "Theme: economics" in pdf_text(built / "themes" / "economics.pdf")


def test_manifest_records_inputs_parameters_versions(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text())
    assert manifest["inputs"]["files_sha256"]["000_0b1ea58b017ac20d.txt"] == digest(SEEDS / "000_0b1ea58b017ac20d.txt")
    assert set(manifest["notebooks"]) == {"overview", *(f"theme-{t}" for t in THEMES)}
    assert manifest["versions"]["papermill"] and manifest["versions"]["nbconvert"]
    assert manifest["parameters"]["formats"] == ["html", "pdf"]
    assert manifest["pdf"] == "rendered" and manifest["skipped"] == []
    assert len(manifest["articles"]) == 5


def test_executed_notebooks_carry_injected_parameters(built: Path) -> None:
    nb = nbformat.read(built / "executed" / "theme-economics.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and 'theme = "economics"' in injected[0].source


def test_noop_rebuild_executes_and_writes_nothing(copy_of_built: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in copy_of_built.rglob("*") if p.is_file() and p.name != ".lock"}
    result, lines = run_build(copy_of_built, formats=("html", "pdf"))
    assert result.up_to_date and result.executed == []
    assert "up to date" in lines[-1]
    after = {p: p.stat().st_mtime_ns for p in copy_of_built.rglob("*") if p.is_file() and p.name != ".lock"}
    assert after == before


def test_changing_one_theme_lexicon_reruns_that_theme_and_overview_only(copy_of_built: Path, tmp_path: Path) -> None:
    lexicon = tmp_path / "extra.yaml"
    lexicon.write_text("themes:\n  economics:\n    extend: true\n    terms: [grain deal*]\n", encoding="utf-8")
    security = digest(copy_of_built / "themes" / "security.html")
    result, _ = run_build(copy_of_built, formats=("html",), lexicon=lexicon)
    assert sorted(result.executed) == ["overview", "theme-economics"]
    assert "report.html" in result.outputs and "themes/economics.html" in result.outputs
    assert digest(copy_of_built / "themes" / "security.html") == security


def test_ad_hoc_theme_from_keywords(copy_of_built: Path) -> None:
    result, _ = run_build(
        copy_of_built, themes=("narcotics",), keywords="heroin, drug trafficking, narcotics", formats=("html",)
    )
    assert result.executed == ["theme-narcotics"]
    page = (copy_of_built / "themes" / "narcotics.html").read_text(encoding="utf-8")
    assert "Theme: narcotics" in page and "<mark>heroin</mark>" in page
    assert "No human coding exists for narcotics" in page


def test_failing_notebook_keeps_previous_reports(copy_of_built: Path, tmp_path: Path) -> None:
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    nb = nbformat.read(notebooks / "theme.ipynb", as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell("raise RuntimeError('boom in a cell')"))
    nbformat.write(nb, notebooks / "theme.ipynb")
    before = {p.name: digest(p) for p in (copy_of_built / "themes").glob("*")}
    with pytest.raises(
        NotebookError, match=r"notebook theme-security failed in cell \d+: RuntimeError: boom in a cell"
    ) as info:
        run_build(copy_of_built, themes=("security",), formats=("html",), notebooks=notebooks)
    assert "failed/theme-security.ipynb" in info.value.line()
    failed = nbformat.read(copy_of_built / "failed" / "theme-security.ipynb", as_version=4)
    assert any(o.get("ename") == "RuntimeError" for c in failed.cells if c.cell_type == "code" for o in c.outputs)
    assert {p.name: digest(p) for p in (copy_of_built / "themes").glob("*")} == before
    assert not list(copy_of_built.glob(".generations/*.staging"))
    run_build(copy_of_built, themes=("security",), formats=("html",))  # fixed: the next build succeeds
    assert not (copy_of_built / "failed").exists()


def test_forced_rebuild_is_reproducible(copy_of_built: Path, built: Path) -> None:
    result, _ = run_build(copy_of_built, formats=("html", "pdf"), force=True)
    assert len(result.executed) == 5
    for rel in ["report.html", *(f"themes/{t}.html" for t in THEMES)]:
        assert digest(copy_of_built / rel) == digest(built / rel), rel
    for rel in ["report.pdf", *(f"themes/{t}.pdf" for t in THEMES)]:
        assert digest(copy_of_built / rel) == digest(built / rel), rel  # byte-identical, not just the same text


def test_pdf_needs_no_program_outside_the_venv(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}  # the venv only: no TeX, pandoc or poppler
    done = subprocess.run(
        [sys.executable, "-m", "russia_taliban", "build", "--corpus", str(SEEDS), "--output", str(tmp_path / "r"),
         "--theme", "economics", "--format", "pdf"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "PDF skipped" not in done.stderr + done.stdout
    assert "Theme: economics" in pdf_text(tmp_path / "r" / "themes" / "economics.pdf")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--theme", "narcotics"], "unknown theme 'narcotics'"),
        (["--theme", "../evil", "--keywords", "x"], "theme name '../evil' is not allowed"),
        (["--theme", "narcotics", "--keywords", " , "], "--keywords holds no terms"),
        (["--corpus", "/nonexistent"], "corpus folder does not exist"),
    ],
)
def test_cli_build_input_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    done = subprocess.run([sys.executable, "-m", "russia_taliban", "build", "--output", str(tmp_path / "r"), *args],
                          cwd=ROOT, capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr and "Traceback" not in done.stderr


def test_skipped_files_are_listed_in_output_and_manifest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "notes.md").write_text("not an article")
    shutil.copyfile(SEEDS / "004_0e1c37678153d4b8.txt", corpus / "copy_of_004.txt")
    lines: list[str] = []
    build(BuildOptions(corpus=corpus, output=tmp_path / "r", notebooks=NOTEBOOKS, themes=("economics",), formats=("html",)),
          progress=lines.append)  # fmt: skip
    assert "skipped copy_of_004.txt: duplicate of 004_0e1c37678153d4b8.txt" in lines
    assert any(line.startswith("skipped notes.md: not a ") for line in lines)
    manifest = json.loads((tmp_path / "r" / "manifest.json").read_text())
    assert [s["file"] for s in manifest["skipped"] if s["reason"].startswith("not a ")] == ["notes.md"]
    assert len(manifest["articles"]) == 5


def test_noop_rebuild_loads_neither_pandas_nor_the_tagger(copy_of_built: Path) -> None:
    """A no-op is decided from hashes alone; importing pandas or the tagger would cost most of the 0.2 s budget."""
    code = (f"import sys; from russia_taliban.cli import main; code = main(['build', '--corpus', {str(SEEDS)!r}, "
            f"'--output', {str(copy_of_built)!r}]); print(code, sorted(m for m in ('pandas', 'russia_taliban.tag.lexicon', "
            "'russia_taliban.tag.distributed', 'nbformat') if m in sys.modules))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert "up to date" in done.stderr and done.stdout.split() == ["0", "[]"], done.stdout + done.stderr
