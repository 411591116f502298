"""The PDF step on small documents: WeasyPrint really prints each one, and pypdf reads it back."""

from __future__ import annotations

import errno
import logging
import os
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pypdf
import pytest

from russia_taliban.build import pdf
from russia_taliban.resources import package_text

PRINT_CSS = package_text("templates", "rt_print", "static", "print.css")
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title><style>{css}</style></head>
<body class="jp-Notebook"><main>{body}</main></body></html>"""


def page(body: str, *, toc: bool = False, title: str = "A report") -> str:
    """A document as the print template lays it out (its stylesheet, the report's body class)."""
    return pdf.finish_html(PAGE.format(css=PRINT_CSS, body=body), title=title, toc=toc)


def printed(tmp_path: Path, body: str, **kw) -> tuple[pdf.PdfResult, pypdf.PdfReader]:
    result = pdf.write_pdf(page(body), tmp_path / "out.pdf", **kw)
    return result, pypdf.PdfReader(tmp_path / "out.pdf")


def flat(reader: pypdf.PdfReader) -> str:
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


SCRIPTS = {
    "Polish and typography": "Żochowski’s “quoted” text — 2021–2025 …",
    "Cyrillic": "Москва и талибы",
    "Arabic": "مرحبا بالعالم",
    "Hebrew": "שלום עולם",
    "CJK": "中文 日本語 한국어",
    "emoji": "😀 🤝 🚀",
    "no ligatures": "--force first office ffi",
}


@pytest.fixture(scope="module")
def every_script(tmp_path_factory: pytest.TempPathFactory) -> tuple[pdf.PdfResult, str]:
    """One document with a paragraph per script (one rendering for all the cases below)."""
    body = "".join(f"<p>{text}</p>" for text in SCRIPTS.values())
    result = pdf.write_pdf(page(body), tmp_path_factory.mktemp("scripts") / "out.pdf")
    return result, flat(pypdf.PdfReader(result.path))


@pytest.mark.parametrize("script", list(SCRIPTS))
def test_text_reaches_the_pdf_as_written_in_every_script(every_script: tuple[pdf.PdfResult, str], script: str) -> None:
    result, text = every_script
    assert result.missing == {}
    assert SCRIPTS[script] in text


def test_a_character_no_font_has_is_named_in_one_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    private_use = "\ue000"  # no font has a glyph for a private-use code point
    with caplog.at_level(logging.WARNING, logger="russia_taliban.pdf"):
        result, _ = printed(tmp_path, f"<p>a {private_use} b {private_use}</p>")
    assert result.missing == {private_use: 2}
    lines = [r.getMessage() for r in caplog.records if r.name == "russia_taliban.pdf"]
    assert lines == ["warning: out.pdf: no installed font has \ue000 (U+E000); drawn as empty boxes"]


def test_fallback_fonts_are_loaded_only_for_characters_dejavu_lacks() -> None:
    assert all(f.family in {"RT Serif", "RT Sans", "RT Mono"} for f in pdf.faces_for("Żochowski — Москва"))
    added = [f.family for f in pdf.faces_for("Москва 中文 😀 🤝") if f.family.startswith("RT Noto")]
    assert added == ["RT NotoSansCJK-Regular", "RT NotoEmoji"]


def test_a_long_unbroken_token_wraps_inside_the_text_block(tmp_path: Path) -> None:
    token = "https://example.org/track?" + "a1b2c3d4" * 150  # 1,226 characters, no space
    result, reader = printed(tmp_path, f"<p>{token}</p><table><tr><td>{token}</td><td>x</td></tr></table>")
    width = float(reader.pages[0].mediabox.width)
    assert result.pages >= 1
    assert token in flat(reader).replace(" ", "")  # whole, in order, nothing added between its pieces
    assert width == pytest.approx(595.3, abs=0.5)


HOSTILE = {  # markup an article's text could smuggle in, and the URL each would fetch
    '<img src="file:///etc/hostname">': "file:///etc/hostname",
    '<img src="http://127.0.0.1:9/x.png">': "http://127.0.0.1:9/x.png",
    '<link rel="stylesheet" href="file:///etc/passwd">': "file:///etc/passwd",
    "<style>@import url(file:///etc/group);</style>": "file:///etc/group",
    '<object data="file:///etc/os-release"></object>': "file:///etc/os-release",
    '<link rel="attachment" href="file:///etc/shells">': "file:///etc/shells",
}


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[pdf.PdfResult, pypdf.PdfReader]:
    body = "<p>before</p>" + "".join(HOSTILE) + "<p>after</p>"
    result = pdf.write_pdf(page(body), tmp_path_factory.mktemp("hostile") / "out.pdf")
    return result, pypdf.PdfReader(result.path)


@pytest.mark.parametrize("hostile", list(HOSTILE))
def test_the_document_cannot_fetch_a_url_or_read_a_file(
    hostile_pdf: tuple[pdf.PdfResult, pypdf.PdfReader], hostile: str
) -> None:
    result, reader = hostile_pdf
    assert HOSTILE[hostile] in result.refused
    text = flat(reader)
    assert "before" in text and "after" in text
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").is_file() else ""
    if len(hostname) > 3:
        assert hostname not in text
    assert not reader.attachments


def test_embedded_data_uris_are_served(tmp_path: Path) -> None:
    png = (  # a 1x1 PNG
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    result, reader = printed(tmp_path, f'<p>x</p><img src="data:image/png;base64,{png}">')
    assert result.refused == []
    assert reader.pages[0]["/Resources"]["/XObject"]


def test_identical_inputs_give_identical_bytes_and_the_dates_given(tmp_path: Path) -> None:
    created = datetime(2025, 7, 3, tzinfo=UTC)
    body = "<h1>Chapter</h1><p>Żochowski 中文 😀</p>"
    first = pdf.write_pdf(page(body), tmp_path / "a.pdf", created=created).path.read_bytes()
    second = pdf.write_pdf(page(body), tmp_path / "b.pdf", created=created).path.read_bytes()
    assert first == second
    info = pypdf.PdfReader(tmp_path / "a.pdf").metadata
    assert info["/Title"] == "A report"
    assert info["/Author"] == "russia-taliban"
    assert info["/CreationDate"].startswith("D:20250703") and info["/ModDate"].startswith("D:20250703")
    changed = pdf.write_pdf(page(body + "<p>more</p>"), tmp_path / "c.pdf", created=created).path.read_bytes()
    assert changed != first


def test_contents_numbers_are_the_pages_the_headings_land_on(tmp_path: Path) -> None:
    filler = "<p>" + "words " * 600 + "</p>"
    body = "".join(f"<h1>Chapter {n}</h1>{filler * n}<h2>Section {n}.1</h2>{filler}" for n in (1, 2, 3))
    pdf.write_pdf(page(body, toc=True), tmp_path / "toc.pdf")
    pages = [p.extract_text() for p in pypdf.PdfReader(tmp_path / "toc.pdf").pages]
    entries = pdf_contents(pages[0])
    assert [name for name, _ in entries] == [
        "Chapter 1", "Section 1.1", "Chapter 2", "Section 2.1", "Chapter 3", "Section 3.1"
    ]  # fmt: skip
    for name, number in entries:
        landed = next(i + 1 for i, text in enumerate(pages[1:], start=1) if name in text)
        assert number == landed, name


def pdf_contents(text: str) -> list[tuple[str, int]]:
    """(entry, page number) from a contents page: lines of "Name ..... 12"."""
    import re

    found = re.findall(r"^(.+?)\s*(?:\.\s*){3,}(\d+)\s*$", text, flags=re.M)
    return [(name.strip(), int(number)) for name, number in found]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<h1 id="a">A<a class="anchor-link" href="#a">¶</a></h1><h2 id="a">B</h2>', ["rt-s1", "rt-s2"]),
        ("<h1>A</h1><h1>A</h1>", ["rt-s1", "rt-s2"]),
    ],
)
def test_headings_get_unique_ids_and_lose_their_pilcrow_links(html: str, expected: list[str]) -> None:
    import re

    done = page(html, toc=True)
    assert re.findall(r'<h[12] id="([^"]+)"', done) == expected
    assert "¶" not in done
    assert [f"#{anchor}" for anchor in expected] == re.findall(r'<li class="rt-toc-\d"><a href="([^"]+)"', done)


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("short words only", 1),
        ("x" * 47, 1),
        ("x" * 48, 2),
        ("x" * 1200, 50),
    ],
)
def test_long_tokens_get_break_opportunities_in_text_only(text: str, pieces: int) -> None:
    import re

    done = pdf.breakable(f'<style>{"s" * 100}</style><p title="{"t" * 100}">{text}</p>')
    body = re.search(r"<p[^>]*>(.*)</p>", done).group(1)
    assert body.count("<wbr>") == pieces - 1
    assert "s" * 100 in done and "t" * 100 in done  # styles and attributes untouched
    assert body.replace("<wbr>", "") == text


def test_entities_are_never_cut_by_a_break() -> None:
    done = pdf.breakable("<p>" + "&amp;" * 60 + "</p>")
    assert all(piece.replace("&amp;", "") == "" for piece in done[3:-4].split("<wbr>"))


def test_creation_date_comes_from_source_date_epoch_or_the_newest_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"published": ["2021-08-24", "2025-07", None, "2023"]}), tmp_path / "articles.parquet")
    nb = SimpleNamespace(metadata={"papermill": {"parameters": {"data_dir": str(tmp_path)}}})  # as papermill left it
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert pdf.creation_date(nb) == datetime(2025, 7, 1, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert pdf.creation_date(nb) == datetime.fromtimestamp(1700000000, tz=UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert pdf.creation_date(SimpleNamespace(metadata={})) is None


def test_every_face_in_the_font_list_is_installed_by_the_lock_file() -> None:
    data = pdf._font_data()
    assert len(pdf.base_faces()) == len(data["base"])
    assert len(pdf.fallback_faces()) == len(data["fallbacks"])
    assert {f.family for f in pdf.base_faces()} == {"RT Serif", "RT Sans", "RT Mono"}


@pytest.mark.parametrize(
    ("body", "toc", "title_block"),
    [
        ("<h1>Theme: security</h1><p>x</p>", False, False),  # a theme page opens with its own title
        ("<h1>Overview</h1><p>x</p>", True, True),  # the combined report: title, then contents
        ("<h1>Overview</h1><p>x</p>", False, True),  # a page whose first heading is not its title
    ],
)
def test_a_title_block_only_where_the_page_does_not_open_with_its_title(
    body: str, toc: bool, title_block: bool
) -> None:
    done = pdf.finish_html(PAGE.format(css="", body=body), title="Theme: security", toc=toc)
    assert ('class="rt-title-block"' in done) is title_block


def test_printing_apart_gives_the_bytes_and_the_warning_of_printing_here(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    created = datetime(2025, 7, 3, tzinfo=UTC)
    doc = page("<h1>Chapter</h1><p>Żochowski 中文 \ue000</p>")
    with caplog.at_level(logging.WARNING, logger="russia_taliban.pdf"):
        here = pdf.write_pdf(doc, tmp_path / "here.pdf", created=created)
        apart = pdf.write_pdf_apart(doc, tmp_path / "apart.pdf", created=created)
    assert apart.path.read_bytes() == here.path.read_bytes()
    assert (apart.pages, apart.missing, apart.refused) == (here.pages, here.missing, here.refused)
    lines = [r.getMessage() for r in caplog.records if r.name == "russia_taliban.pdf"]
    assert lines == [f"warning: {name}: no installed font has \ue000 (U+E000); drawn as empty boxes"
                     for name in ("here.pdf", "apart.pdf")]  # fmt: skip


def child(wrap: str = "", *, before: str = "") -> str:
    """A printing process's program: `before` at its top, and `wrap` run at the start of each job (with
    `path`, the job's target, in scope) before the real printing. The faults below are injected this way."""
    return "\n".join([
        "import ctypes, os, signal, sys, time",
        "from russia_taliban.build import pdf",
        textwrap.dedent(before),
        "real = pdf._print",
        "def _print(page, path, **kw):",
        textwrap.indent(textwrap.dedent(wrap) or "pass", "    "),
        "    return real(page, path, **kw)",
        "pdf._print = _print",
        "pdf.serve()",
    ])  # fmt: skip


@pytest.fixture(autouse=True)
def printers(monkeypatch: pytest.MonkeyPatch) -> Iterator[pdf._Printers]:
    """Printing processes of this test alone, closed after it (no idle printer left by an earlier test)."""
    fresh = pdf._Printers()
    monkeypatch.setattr(pdf, "_PRINTERS", fresh)
    yield fresh
    fresh.close()


def no_traceback(capfd: pytest.CaptureFixture[str]) -> str:
    err = capfd.readouterr().err  # the printing processes share this process's fd 2
    assert "Traceback" not in err
    return err


WAIT_FOR_A_PARTNER = """
    (path.parent / (path.name + ".started")).write_text(str(os.getpid()))
    for _ in range(1200):
        if len(list(path.parent.glob("*.started"))) >= 2:
            break
        time.sleep(0.05)
    else:
        raise RuntimeError("no other job started while this one waited a minute")
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one printing process at most on one core")
def test_pdfs_printed_from_several_threads_print_at_once_in_at_most_the_allowed_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(pdf, "PRINTERS", 2)
    monkeypatch.setattr(pdf._Printer, "child", child(WAIT_FOR_A_PARTNER))  # a job printed alone never ends
    docs = {f"{n}.pdf": page(f"<h1>Chapter {n}</h1>" + "<p>words</p>" * n) for n in range(1, 5)}
    with ThreadPoolExecutor(4) as threads:
        results = list(threads.map(lambda name: pdf.write_pdf_apart(docs[name], tmp_path / name), docs))
    assert [r.path.name for r in results] == list(docs)
    assert all(pypdf.PdfReader(r.path).pages for r in results)
    printed_by = {marker.read_text() for marker in tmp_path.glob("*.started")}
    assert len(printed_by) == pdf.PRINTERS  # two at once, and never a third process


@pytest.mark.parametrize("when", ["while printing", "while idle"])
def test_a_printing_process_killed_is_one_line_saying_free_some_memory_and_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], when: str
) -> None:
    monkeypatch.setattr(
        pdf._Printer, "child", child('if path.name == "lost.pdf": os.kill(os.getpid(), signal.SIGKILL)')
    )
    doc = page("<p>x</p>")
    if when == "while idle":
        pdf.write_pdf_apart(doc, tmp_path / "first.pdf")
        (idle,) = pdf._PRINTERS._idle
        idle.process.kill()
        idle.process.wait()
    with pytest.raises(
        pdf.PrinterError, match=r"^PDF failed: the process printing lost\.pdf stopped \(SIGKILL\)$"
    ) as caught:
        pdf.write_pdf_apart(doc, tmp_path / "lost.pdf")
    assert caught.value.fix == "free some memory and build again"
    assert not (tmp_path / "lost.pdf").exists()
    assert pdf.write_pdf_apart(doc, tmp_path / "again.pdf").pages == 1
    no_traceback(capfd)


@pytest.mark.parametrize(
    ("target", "code"),
    [
        (lambda tmp: Path("/dev/full"), errno.ENOSPC),  # the disk is full
        (lambda tmp: tmp / "a-file" / "x.pdf", errno.ENOTDIR),
        (lambda tmp: tmp, errno.EISDIR),
    ],
    ids=["disk full", "not a folder", "a folder"],
)
def test_a_pdf_that_cannot_be_written_is_that_oserror_here_and_the_process_is_kept(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], target, code: int
) -> None:
    (tmp_path / "a-file").write_text("x")
    path = target(tmp_path)
    with pytest.raises(OSError) as caught:
        pdf.write_pdf_apart(page("<p>x</p>"), path)
    assert (caught.value.errno, caught.value.filename) == (code, str(path))
    assert type(caught.value) is type(OSError(code, "x"))  # the subclass Python gives that errno
    (kept,) = pdf._PRINTERS._idle
    assert kept.process.poll() is None
    no_traceback(capfd)


@pytest.mark.parametrize(
    ("fault", "what", "fix", "traced"),
    [
        ('raise TypeError("a bug\\nover two lines")',
         r"WeasyPrint could not print bug\.pdf \(TypeError: a bug over two lines\)", pdf._BUG_FIX, True),
        ("raise MemoryError", r"out of memory printing bug\.pdf", "free some memory and build again", False),
        ("raise OSError('no errno')", r"bug\.pdf: no errno", pdf._BUG_FIX, True),
        ("os._exit(3)", r"the process printing bug\.pdf ended without an answer \(exit code 3\)", pdf._BUG_FIX, False),
    ],
    ids=["an exception", "out of memory", "an OSError without errno", "an exit"],
)  # fmt: skip
def test_a_failure_in_the_printing_process_is_one_line_and_no_traceback_on_stderr(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    fault: str,
    what: str,
    fix: str,
    traced: bool,
) -> None:
    monkeypatch.setattr(pdf._Printer, "child", child(f'if path.name == "bug.pdf": {fault}'))
    with pytest.raises(pdf.PrinterError, match=f"^PDF failed: {what}$") as caught:
        pdf.write_pdf_apart(page("<p>x</p>"), tmp_path / "bug.pdf")
    assert caught.value.fix == fix
    assert ("Traceback" in caught.value.detail) is traced  # the printing process's, kept for --debug
    no_traceback(capfd)
    assert pdf.write_pdf_apart(page("<p>x</p>"), tmp_path / "fine.pdf").pages == 1


NOISE = b"\x00\x00\x00\x00\x00\x00\x00\x05noise"  # a length header and five bytes: a message, were it read


def test_what_a_library_writes_to_fd_1_in_the_printing_process_goes_to_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    native = f"os.write(1, {NOISE!r}); ctypes.CDLL(None).write(1, b' from C\\n', 8); print('from Python')"
    monkeypatch.setattr(pdf._Printer, "child", child(native))
    doc = page("<h1>Chapter</h1><p>words</p>")
    apart = pdf.write_pdf_apart(doc, tmp_path / "apart.pdf")
    assert apart.pages == 1
    assert apart.path.read_bytes() == pdf.write_pdf(doc, tmp_path / "here.pdf").path.read_bytes()
    err = no_traceback(capfd)
    assert "noise from C" in err and "from Python" in err


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("stream.write(pdf._LENGTH.pack(5) + b'xxxxx'); stream.flush()", "UnpicklingError"),
        ("stream.write(pdf._LENGTH.pack(1 << 62)); stream.flush()", "a length of 4611686018427387904 bytes"),
        ("stream.write(pdf._LENGTH.pack(100) + b'abc'); stream.flush(); os._exit(0)", "cut short"),
        ("stream.write(b'\\x00\\x01'); stream.flush(); os._exit(0)", "cut short"),
    ],
    ids=["not a pickle", "an impossible length", "a truncated message", "a truncated header"],
)
def test_a_corrupt_or_truncated_answer_is_one_line_and_the_process_is_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], answer: str, reason: str
) -> None:
    before = f"def _send(stream, message):\n    {answer}\npdf._send = _send"
    monkeypatch.setattr(pdf._Printer, "child", child(before=before))
    taken: list[pdf._Printer] = []
    take = pdf._Printers.take
    monkeypatch.setattr(pdf._Printers, "take", lambda self: taken.append(take(self)) or taken[-1])
    with pytest.raises(pdf.PrinterError) as caught:
        pdf.write_pdf_apart(page("<p>x</p>"), tmp_path / "x.pdf")
    assert str(caught.value) == f"PDF failed: the answer of the process printing x.pdf was unreadable ({reason})"
    assert caught.value.fix == pdf._BUG_FIX
    (printer,) = taken
    assert printer.process.poll() is not None  # ended and discarded, not given back
    assert (pdf._PRINTERS._started, pdf._PRINTERS._idle) == (0, [])
    no_traceback(capfd)


def test_the_print_export_shows_what_nbconvert_s_own_exporter_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The print export skips nbconvert's BeautifulSoup pass; the reader must not see the difference."""
    from nbconvert import HTMLExporter
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    nb = new_notebook(metadata={"title": "T"})
    figure = '<figure><img alt="Bars: 40% security" src="data:image/png;base64,iVBORw0KGgo="><figcaption>Figure 1</figcaption></figure>'
    nb.cells = [
        new_markdown_cell("# Theme: security\n\nThe *share* of paragraphs &amp; its interval — Ż, 中文."),
        new_code_cell("x", outputs=[new_output("display_data", data={"text/html": figure})]),
        new_code_cell("y", outputs=[new_output("stream", name="stdout", text="plain <b>text</b>\n")]),
    ]
    fast = pdf.print_html(nb, toc=False)
    monkeypatch.setattr(pdf, "_print_exporter", lambda: HTMLExporter)
    reference = pdf.print_html(nb, toc=False)
    assert " ".join(pdf.visible_text(fast).split()) == " ".join(pdf.visible_text(reference).split())
    assert 'alt="Bars: 40% security"' in fast and "Figure 1" in fast and "plain &lt;b&gt;text&lt;/b&gt;" in fast
