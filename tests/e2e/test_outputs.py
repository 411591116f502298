"""The real CLI against the output folder's promises: never lose a user's file, all or nothing, edge corpora."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from ..conftest import ROOT, SEEDS, copy_reports, published

pytestmark = pytest.mark.slow
FAULT = "RUSSIA_TALIBAN_FAULT"


def cli(*args: str, cwd: Path = ROOT, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "russia_taliban", *args], cwd=cwd, capture_output=True, text=True,
                          check=False, env={**os.environ, **(env or {})}, **kw)  # fmt: skip


def build(out: Path, *args: str, corpus: Path = SEEDS, **kw) -> subprocess.CompletedProcess:
    return cli("build", "--corpus", str(corpus), "--output", str(out), "--format", "html", *args, **kw)


def one_line(done: subprocess.CompletedProcess, *needles: str, alone: bool = True) -> None:
    """Exit 2 and one error line, the last one (`alone`: the only line, nothing ran before it)."""
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("russia-taliban: error: ")]
    assert errors == lines[-1:] and "Traceback" not in done.stderr and (len(lines) == 1 or not alone), lines
    for needle in needles:
        assert needle in errors[0], (needle, errors[0])


@pytest.fixture(scope="module")
def economics(tmp_path_factory) -> Path:
    """A published --theme economics build, HTML only."""
    out = tmp_path_factory.mktemp("outputs") / "reports"
    done = build(out, "--theme", "economics")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def reports(economics: Path, tmp_path: Path) -> Path:
    return copy_reports(economics, tmp_path / "reports")


@pytest.mark.parametrize("point", ["before-swap", "after-swap"])
def test_a_kill_during_publishing_leaves_one_whole_report_and_the_next_build_trusts_only_that(
    reports: Path, point: str
) -> None:
    before = published(reports)
    killed = build(reports, "--theme", "economics", "--force", env={FAULT: point})
    assert killed.returncode == -signal.SIGKILL
    after = published(reports)
    manifest = json.loads((reports / "manifest.json").read_text())
    assert {rel: sha for rel, sha in after.items() if rel != "manifest.json"} == manifest["files"]
    if point == "before-swap":
        assert after == before
    else:  # the new generation is published whole: the new manifest and its new notebook
        assert after["executed/theme-economics.ipynb"] != before["executed/theme-economics.ipynb"]
    again = build(reports, "--theme", "economics")
    assert again.returncode == 0 and "is up to date" in again.stderr
    assert len(list((reports / ".generations").iterdir())) >= 1


def test_an_edited_published_file_is_never_up_to_date(reports: Path) -> None:
    page = reports / "themes" / "economics.html"
    original = page.read_text(encoding="utf-8")
    page.write_text(original[: len(original) // 2], encoding="utf-8")  # truncated, still "there"
    done = build(reports, "--theme", "economics")
    assert (
        done.returncode == 0 and "is up to date" not in done.stderr and "rendered themes/economics.html" in done.stderr
    )
    assert page.read_text(encoding="utf-8") == original


def test_a_user_folder_is_refused_and_left_alone_even_with_force(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / ".cache" / "tables-keep").mkdir(parents=True)
    (mine / ".staging-1").mkdir()
    (mine / "report.html").write_text("my own report")
    before = sorted(p.relative_to(mine).as_posix() for p in mine.rglob("*"))
    one_line(build(mine, "--theme", "economics", "--force"), "not made by russia-taliban build", "--force")
    assert sorted(p.relative_to(mine).as_posix() for p in mine.rglob("*")) == before
    assert (mine / "report.html").read_text() == "my own report"


@pytest.mark.parametrize(
    ("target", "message"),
    [("/", "file-system root"), ("corpus", "corpus folder or holds it"), ("parent", "corpus folder or holds it"),
     ("file", "is a file, not a folder")],
)  # fmt: skip
def test_unsafe_output_paths_are_one_line(tmp_path: Path, target: str, message: str) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (tmp_path / "file").write_text("x")
    out = {"/": Path("/"), "corpus": corpus, "parent": tmp_path, "file": tmp_path / "file"}[target]
    before = sorted(p.name for p in corpus.iterdir())
    one_line(build(out, corpus=corpus), message)
    assert sorted(p.name for p in corpus.iterdir()) == before and (tmp_path / "file").read_text() == "x"


def _full_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG, as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


def test_a_full_output_folder_is_one_line_and_keeps_the_previous_reports(reports: Path) -> None:
    before = published(reports)
    done = build(reports, "--theme", "economics", "--force", preexec_fn=_full_disk)
    one_line(done, "cannot write the reports", "previous reports are unchanged", alone=False)
    assert published(reports) == before
    assert not list(reports.glob(".generations/*.staging"))


def test_only_the_installed_notebooks_run(tmp_path: Path) -> None:
    trap = tmp_path / "notebooks"
    trap.mkdir()
    for name in ("overview.ipynb", "theme.ipynb"):
        nb = nbformat.v4.new_notebook(
            metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}}
        )
        nb.cells = [nbformat.v4.new_code_cell(f"open({str(tmp_path / 'ran')!r}, 'w').write('x')")]
        nbformat.write(nb, trap / name)
    done = build(tmp_path / "r", "--theme", "economics", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "ran").exists() and (tmp_path / "r" / "themes" / "economics.html").is_file()
    explicit = build(tmp_path / "r2", "--theme", "economics", "--notebooks", str(trap), cwd=tmp_path)
    assert explicit.returncode == 0 and (tmp_path / "ran").exists()  # named explicitly: used


def test_executed_notebooks_keep_their_tables_after_a_keywords_build(reports: Path) -> None:
    done = build(reports, "--theme", "narcotics", "--keywords", "heroin, drug trafficking")
    assert done.returncode == 0, done.stderr
    for name in ("theme-economics", "theme-narcotics"):
        nb = nbformat.read(reports / "executed" / f"{name}.ipynb", as_version=4)
        data_dir = Path(nb.metadata.papermill.parameters["data_dir"])
        assert (data_dir / "paragraphs.parquet").is_file(), name


def test_a_keywords_theme_named_like_a_builtin_one_is_refused(reports: Path) -> None:
    before = published(reports)
    one_line(build(reports, "--theme", "economics", "--keywords", "wheat"), "theme 'economics' already exists")
    assert published(reports) == before


ONE_PARAGRAPH = (
    "Russia and the Taliban discussed trade, security and recognition in Kabul without any public statement.\n"
)
NO_QUOTES_NO_DATES = """Moscow weighs its Taliban ties

By Jane Doe

Russia’s envoy met Taliban officials in Kabul to discuss trade, sanctions, border security and recognition.

The talks covered terrorism, the ISIS-K threat and transit routes through Central Asia for Russian goods.
"""


@pytest.mark.parametrize(
    "files",
    [
        {"a.txt": NO_QUOTES_NO_DATES},  # one article, no quotation, no dated sentence
        {"a.txt": ONE_PARAGRAPH},  # one paragraph
        {"a.txt": NO_QUOTES_NO_DATES, "b.txt": ONE_PARAGRAPH},
    ],
    ids=["no-quotes-no-dates", "one-paragraph", "two-articles"],
)
def test_edge_corpora_build_a_full_report(tmp_path: Path, files: dict[str, str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    done = build(tmp_path / "r", corpus=corpus)
    assert done.returncode == 0, done.stderr[-2000:]
    manifest = json.loads((tmp_path / "r" / "manifest.json").read_text())
    assert len(manifest["articles"]) == len(files)
    assert (tmp_path / "r" / "report.html").is_file() and len(list((tmp_path / "r" / "themes").glob("*.html"))) == 4


def test_export_killed_before_moving_keeps_the_previous_tables(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    first = cli("export", str(out), "--corpus", str(SEEDS))
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    killed = cli("export", str(out), "--corpus", str(SEEDS), "--format", "parquet", env={FAULT: "export-written"})
    assert killed.returncode == -signal.SIGKILL
    assert {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")} == before
    again = cli("export", str(out), "--corpus", str(SEEDS))
    assert again.returncode == 0 and not list(out.glob(".export-*"))


def test_broken_pipe_ends_quietly() -> None:
    done = subprocess.run(f"'{sys.executable}' -m russia_taliban corpus --json | head -c 10", shell=True, cwd=ROOT,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert len(done.stdout) == 10 and "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
