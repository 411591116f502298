"""Rendering executed notebooks to HTML and PDF with nbconvert, code hidden.

HTML uses `templates/rt_html` (the lab template minus every CDN script) and gets a table of contents;
PDF goes through nbconvert's LaTeX route (XeLaTeX, pandoc) with `templates/rt_latex`. Both hide code
cells with `exclude_input` rather than by editing the notebooks, and drop stderr streams (warnings are
for the build log, not for readers).
"""

from __future__ import annotations

import copy
import html
import os
import re
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BuildError, PdfToolsMissingError

if TYPE_CHECKING:  # nbconvert takes seconds to import: only the functions that render pay for it
    import nbformat

TEMPLATES = str(resources.files("russia_taliban") / "templates")
PDF_TOOLS = {"xelatex": "texlive-xetex texlive-fonts-recommended texlive-plain-generic lmodern", "pandoc": "pandoc"}

_COMMON = {"exclude_input": True, "exclude_input_prompt": True, "exclude_output_prompt": True}


def missing_pdf_tools() -> list[str]:
    return [tool for tool in PDF_TOOLS if shutil.which(tool) is None]


def pdf_install_hint() -> str:
    missing = missing_pdf_tools()
    packages = " ".join(PDF_TOOLS[t] for t in missing)
    return f"PDF skipped: {', '.join(missing)} not found — install with: apt-get install {packages}"


def prepare(nb: nbformat.NotebookNode, *, standalone: bool = True) -> nbformat.NotebookNode:
    """A copy for readers: no stderr output, no code cell that shows nothing (parameters, imports),
    and when combining, no cells tagged `standalone`."""
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.get("name") == "stderr")]
    nb.cells = [c for c in nb.cells if c.cell_type != "code" or c.outputs]
    remove = TagRemovePreprocessor(remove_cell_tags=set() if standalone else {"standalone"}, enabled=True)
    nb, _ = remove.preprocess(nb, {})
    return nb


def combine(parts: list[nbformat.NotebookNode], *, title: str, date: str) -> nbformat.NotebookNode:
    """One notebook: the overview, then each theme, for the combined report."""
    import nbformat

    combined = nbformat.v4.new_notebook()
    combined.metadata = copy.deepcopy(parts[0].metadata)
    combined.metadata.update({"title": title, "date": date, "toc": True})
    combined.metadata.pop("papermill", None)
    for n, part in enumerate(parts):
        for cell in prepare(part, standalone=False).cells:
            cell.id = f"p{n}-{cell.get('id', '')}"  # the theme notebooks share cell ids
            combined.cells.append(cell)
    return combined


def to_html(nb: nbformat.NotebookNode, path: Path, *, toc: bool = False) -> Path:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="rt_html", extra_template_basedirs=[TEMPLATES], **_COMMON)
    body, _ = exporter.from_notebook_node(prepare(nb))
    if toc:
        body = add_toc(body)
    # The inlined JupyterLab CSS credits its sources in comments; drop them so no URL is left in the file.
    body = re.sub(
        r"<style[^>]*>.*?</style>", lambda m: re.sub(r"/\*.*?\*/", "", m.group(), flags=re.S), body, flags=re.S
    )
    path.write_text(body, encoding="utf-8")
    return path


def add_toc(page: str) -> str:
    """Insert a list of the page's h1/h2 headings, linked to the ids nbconvert gave them."""
    items = []
    for level, anchor, inner in re.findall(r'<h([12]) id="([^"]+)"[^>]*>(.*?)</h\1>', page, flags=re.S):
        text = re.sub(r"<[^>]+>", "", inner).replace("¶", "").strip()
        items.append(
            f'<li class="rt-toc-{level}"><a href="#{html.escape(anchor, quote=True)}">{html.escape(html.unescape(text))}</a></li>'
        )
    if not items:
        return page
    nav = '<nav class="rt-toc"><strong>Contents</strong><ul>' + "".join(items) + "</ul></nav>"
    return page.replace("<main>", "<main>\n" + nav, 1)


def to_pdf(nb: nbformat.NotebookNode, path: Path) -> Path:
    """Render through XeLaTeX; raise PdfToolsMissingError with an install hint if the tools are missing.

    LaTeX is exported by nbconvert and compiled here rather than by PDFExporter, which changes the
    process's working directory and so cannot run in parallel threads. XeLaTeX runs with shell escape
    off and kpathsea's paranoid file access (no absolute paths, no parent folders), and with a fixed
    SOURCE_DATE_EPOCH, so the PDF depends only on its input.
    """
    if missing_pdf_tools():
        raise PdfToolsMissingError(pdf_install_hint())
    from nbconvert import LatexExporter

    exporter = LatexExporter(template_name="rt_latex", extra_template_basedirs=[TEMPLATES], **_COMMON)
    latex, resources_ = exporter.from_notebook_node(prepare(nb))
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "FORCE_SOURCE_DATE": "1", "openin_any": "p", "openout_any": "p"}
    with tempfile.TemporaryDirectory(prefix="rt-latex-") as tmp:
        folder = Path(tmp)
        (folder / "report.tex").write_text(latex, encoding="utf-8")
        for name, data in resources_.get("outputs", {}).items():
            (folder / name).write_bytes(data)
        for _ in range(2):  # the second pass fills in the table of contents and longtable widths
            done = subprocess.run(
                ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "report.tex"],
                cwd=folder, env=env, capture_output=True, text=True, errors="replace", timeout=600, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                log = (
                    (folder / "report.log").read_text(errors="replace")
                    if (folder / "report.log").is_file()
                    else done.stdout
                )
                errors = [line for line in log.splitlines() if line.startswith("!")][:3]
                raise BuildError(f"XeLaTeX failed for {path.name}: {' | '.join(errors) or done.stdout[-300:]}",
                                 fix="run `russia-taliban build --format html` and report the failing passage")  # fmt: skip
        shutil.copyfile(folder / "report.pdf", path)
    return path
