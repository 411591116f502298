"""Rendering executed notebooks to HTML and PDF with nbconvert, code hidden.

HTML uses `templates/rt_html` (the lab template minus every CDN script) and gets a table of contents;
the PDF is the same HTML export printed by WeasyPrint (`pdf`, `templates/rt_print`), so nothing outside
the lock file is needed. Both hide code cells with `exclude_input` rather than by editing the notebooks,
and drop stderr streams (warnings are for the build log, not for readers).
"""

from __future__ import annotations

import copy
import html
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PdfToolsMissingError

if TYPE_CHECKING:  # nbconvert takes seconds to import: only the functions that render pay for it
    import nbformat

TEMPLATES = str(resources.files("russia_taliban") / "templates")

EXPORT_OPTIONS = {"exclude_input": True, "exclude_input_prompt": True, "exclude_output_prompt": True}


def missing_pdf_tools() -> list[str]:
    """What the PDF step lacks here: nothing once the lock file is installed (WeasyPrint is a pip package)."""
    from . import pdf

    return [] if pdf.available() else ["weasyprint"]


def pdf_install_hint() -> str:
    from . import pdf

    return pdf.install_hint()


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
    from .pdf import creation_date

    if created := creation_date(parts[0]):  # from the tables the parts read, which are gone with papermill's metadata
        combined.metadata["rt_created"] = created.isoformat()
    for n, part in enumerate(parts):
        for cell in prepare(part, standalone=False).cells:
            cell.id = f"p{n}-{cell.get('id', '')}"  # the theme notebooks share cell ids
            combined.cells.append(cell)
    return combined


def to_html(nb: nbformat.NotebookNode, path: Path, *, toc: bool = False) -> Path:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="rt_html", extra_template_basedirs=[TEMPLATES], **EXPORT_OPTIONS)
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


def to_pdf(nb: nbformat.NotebookNode, path: Path, *, toc: bool | None = None) -> Path:
    """Print the notebook's HTML to a PDF with WeasyPrint (see `pdf`); the contents list when `toc`
    (default: the combined report's `toc` metadata).

    A PDF that cannot be written raises the OSError itself (the build names the cause: full, read-only,
    no permission); any other failure of the printing process is one line, its traceback only a note
    that --debug shows."""
    from . import pdf

    if not pdf.available():
        raise PdfToolsMissingError(pdf_install_hint())
    show_toc = bool(nb.metadata.get("toc")) if toc is None else toc
    try:  # the HTML here, where nbconvert is loaded already; the printing in a process of its own
        pdf.write_pdf_apart(pdf.print_html(nb, toc=show_toc), path, created=pdf.creation_date(nb))
    except pdf.PrinterError as exc:
        error = PdfToolsMissingError(str(exc), fix=exc.fix)
        if exc.detail:
            error.add_note("in the printing process:\n" + exc.detail.rstrip())
        raise error from None
    return path
