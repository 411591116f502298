"""The renderer's own steps: the contents list, the reader's copy of a notebook, the combined report."""

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from russia_taliban.build import render


@pytest.mark.parametrize(
    ("page", "items"),
    [
        ('<main><h1 id="Overview">Overview<a class="anchor-link" href="#Overview">¶</a></h1></main>',
         ['<li class="rt-toc-1"><a href="#Overview">Overview</a></li>']),
        ('<main><h2 id="a-b">Trade &amp; <em>aid</em></h2><h3 id="c">Deep</h3></main>',
         ['<li class="rt-toc-2"><a href="#a-b">Trade &amp; aid</a></li>']),  # h3 is not listed
        ('<main><h2 id="x&quot;y">&lt;script&gt;</h2></main>',
         ['<li class="rt-toc-2"><a href="#x&amp;quot;y">&lt;script&gt;</a></li>']),  # text stays text
    ],
)  # fmt: skip
def test_toc_lists_h1_and_h2_headings_linked_to_their_ids(page, items) -> None:
    out = render.add_toc(page)
    expected = '<main>\n<nav class="rt-toc"><strong>Contents</strong><ul>' + "".join(items) + "</ul></nav>"
    assert out.startswith(expected)
    assert out.count('<nav class="rt-toc">') == 1


def test_toc_lists_headings_in_page_order() -> None:
    page = '<main><h1 id="a">A</h1><p>x</p><h2 id="b">B</h2><h1 id="c">C</h1></main>'
    out = render.add_toc(page)
    assert [out.index(f'href="#{x}"') for x in "abc"] == sorted(out.index(f'href="#{x}"') for x in "abc")


def test_a_page_without_headings_gets_no_toc() -> None:
    page = "<main><h3 id='x'>x</h3><p>text</p></main>"
    assert render.add_toc(page) == page


def _notebook() -> nbformat.NotebookNode:
    nb = new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}, "papermill": {"parameters": {}}}
    )
    nb.cells = [
        new_markdown_cell("# Title", id="md"),
        new_code_cell("data_dir = 'x'", id="params"),  # no output: dropped
        new_code_cell(
            "print('x')",
            id="out",
            outputs=[
                new_output("stream", name="stdout", text="x\n"),
                new_output("stream", name="stderr", text="warn\n"),
            ],
        ),
        new_code_cell("warn()", id="err", outputs=[new_output("stream", name="stderr", text="only warn\n")]),
        new_markdown_cell("alone only", id="solo", metadata={"tags": ["standalone"]}),
    ]
    return nb


def test_prepare_drops_stderr_and_code_cells_that_show_nothing() -> None:
    nb = _notebook()
    ready = render.prepare(nb)
    assert [c.id for c in ready.cells] == ["md", "out", "solo"]
    assert [o.name for o in ready.cells[1].outputs] == ["stdout"]
    assert len(nb.cells) == 5 and len(nb.cells[2].outputs) == 2  # the original is left alone


def test_prepare_for_combining_drops_standalone_cells() -> None:
    assert [c.id for c in render.prepare(_notebook(), standalone=False).cells] == ["md", "out"]


def test_combine_chains_the_parts_with_unique_ids_and_the_report_metadata(monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = _notebook(), _notebook()
    first.metadata["rt_created"] = "2024-05-17T00:00:00+00:00"
    combined = render.combine([first, second], title="Russia and the Taliban", date="2025-01-01")
    assert [c.id for c in combined.cells] == ["p0-md", "p0-out", "p1-md", "p1-out"]
    assert len({c.id for c in combined.cells}) == len(combined.cells)
    meta = combined.metadata
    assert (meta["title"], meta["date"], meta["toc"], meta["rt_created"]) == (
        "Russia and the Taliban", "2025-01-01", True, "2024-05-17T00:00:00+00:00",
    )  # fmt: skip
    assert "papermill" not in meta and meta["kernelspec"]["name"] == "python3"
    assert "papermill" in first.metadata  # the parts are not changed
    nbformat.validate(combined)


def test_combine_without_a_known_date_carries_none(monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    combined = render.combine([_notebook()], title="t", date="d")
    assert "rt_created" not in combined.metadata


def test_missing_pdf_tools_is_empty_exactly_when_the_engine_loads(monkeypatch) -> None:
    from russia_taliban.build import pdf

    monkeypatch.setattr(pdf, "available", lambda: False)
    assert render.missing_pdf_tools() == ["weasyprint"]
    monkeypatch.setattr(pdf, "available", lambda: True)
    assert render.missing_pdf_tools() == []


def test_to_pdf_without_the_engine_is_one_clear_error(monkeypatch, tmp_path) -> None:
    from russia_taliban.build import pdf
    from russia_taliban.errors import PdfToolsMissingError

    monkeypatch.setattr(pdf, "available", lambda: False)
    with pytest.raises(PdfToolsMissingError):
        render.to_pdf(_notebook(), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


@pytest.fixture
def printers(monkeypatch):
    """Printing processes of this test alone, closed after it."""
    from russia_taliban.build import pdf

    fresh = pdf._Printers()
    monkeypatch.setattr(pdf, "_PRINTERS", fresh)
    yield fresh
    fresh.close()


def test_a_pdf_that_cannot_be_written_reaches_the_build_as_its_oserror(printers, tmp_path) -> None:
    import errno

    from russia_taliban.build import outdir

    with pytest.raises(OSError) as caught:
        render.to_pdf(_notebook(), Path("/dev/full"))  # every write there fails: the disk is full
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, "/dev/full")
    line = outdir.writable_error(caught.value, tmp_path).line()  # what the build says for it
    assert line.startswith("/dev/full: cannot write the reports: No space left on device — free some space")


@pytest.mark.parametrize(
    ("detail", "notes"),
    [
        ("Traceback (most recent call last):\n  File 'x'\nTypeError: boom\n",
         ["in the printing process:\nTraceback (most recent call last):\n  File 'x'\nTypeError: boom"]),
        ("", []),
    ],
)  # fmt: skip
def test_a_printing_failure_is_one_line_with_exit_2_and_its_traceback_only_as_a_note(
    monkeypatch, tmp_path, detail, notes
) -> None:
    from russia_taliban.build import pdf
    from russia_taliban.errors import PdfToolsMissingError

    def fail(*args, **kwargs):
        raise pdf.PrinterError("PDF failed: WeasyPrint could not print x.pdf (TypeError: boom)", "report it", detail)

    monkeypatch.setattr(pdf, "write_pdf_apart", fail)
    with pytest.raises(PdfToolsMissingError) as caught:
        render.to_pdf(_notebook(), tmp_path / "x.pdf")
    assert caught.value.line() == "PDF failed: WeasyPrint could not print x.pdf (TypeError: boom) — report it"
    assert caught.value.exit_code == 2
    assert getattr(caught.value, "__notes__", []) == notes
