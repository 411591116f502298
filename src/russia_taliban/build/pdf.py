"""The PDF: the report's own HTML, printed by WeasyPrint (a pip package on Pango, HarfBuzz and fontconfig).

One document model for both outputs, so captions, contents and tables cannot drift apart between HTML
and PDF, and no TeX, pandoc or other program outside the lock file is needed. The print version is the
same nbconvert export with the JupyterLab stylesheet swapped for `templates/rt_print/static/print.css`
(page numbers, running heads, a contents page whose numbers come from CSS `target-counter`), plus:

- fonts: the machine's DejaVu faces first, then the Noto faces pip installs (CJK, emoji, symbols and
  the scripts DejaVu lacks); a character no font has is reported in one warning line per document;
- safety: WeasyPrint runs no script, and its URL fetcher here refuses everything except the
  document's own `data:` URIs and the font files named above, so no article text can fetch a URL or
  read a file;
- reproducibility: the dates written into the PDF come from the build's inputs (or
  SOURCE_DATE_EPOCH), ids are content hashes, so identical inputs give identical bytes.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import logging
import os
import pickle
import re
import signal
import struct
import subprocess
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import util
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import nbformat

LOG = logging.getLogger("russia_taliban.pdf")

PRINT_TEMPLATE = "rt_print"

_NOTDEF = re.compile(r"unsupported by fonts: \"(.*)\" \(U\+([0-9A-F]+)\)")


@dataclass(frozen=True)
class Face:
    family: str  # the name the print stylesheet uses
    path: Path
    weight: str = "normal"
    style: str = "normal"

    @property
    def url(self) -> str:
        return self.path.as_uri()


@dataclass
class PdfResult:
    path: Path
    pages: int
    missing: dict[str, int] = field(default_factory=dict)  # character -> times drawn as .notdef
    refused: list[str] = field(default_factory=list)  # URLs the document asked for and did not get


def available() -> bool:
    """WeasyPrint is installed (it is in the lock file). Looked up, not imported: the import takes a second or
    more, and the build asks before it knows whether anything needs rendering."""
    return util.find_spec("weasyprint") is not None


def install_hint() -> str:
    return "PDF skipped: WeasyPrint is not installed — run `make report` (it installs requirements.lock)"


def _package_file(package: str, name: str) -> Path | None:
    """A file inside an installed package, found without importing it (font packages carry no code we need)."""
    spec = util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / name
    return path if path.is_file() else None


@cache
def _font_data() -> dict[str, Any]:
    from ..resources import package_text
    from ..yamlio import parse_yaml

    return parse_yaml(package_text("data", "fonts.yaml"), where="data/fonts.yaml", schema="fonts")


@cache
def base_faces() -> tuple[Face, ...]:
    """The faces all text is set in (data/fonts.yaml `base`), those installed here."""
    return tuple(
        Face(entry["family"], path, entry.get("weight", "normal"), entry.get("style", "normal"))
        for entry in _font_data()["base"]
        if (path := _package_file(entry["package"], entry["file"]))
    )


@cache
def fallback_faces() -> tuple[Face, ...]:
    """The faces tried, in order, for characters the base faces lack (data/fonts.yaml `fallbacks`)."""
    return tuple(
        Face("RT " + re.sub(r"[\[.].*", "", entry["file"]), path)
        for entry in _font_data()["fallbacks"]
        if (path := _package_file(entry["package"], entry["file"]))
    )


@cache
def _coverage(path: Path) -> frozenset[int]:
    """The code points a font file has glyphs for (the first face of a collection)."""
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap() or ())


def faces_for(text: str) -> tuple[Face, ...]:
    """The base faces and the fallback faces `text` needs: each fallback only if it has a character that
    neither DejaVu face nor an earlier fallback has. Few documents need any, and each one costs layout time."""
    needed = {ord(c) for c in set(text) if not c.isspace() and c.isprintable()}
    for face in base_faces():
        needed -= _coverage(face.path)
    chosen = list(base_faces())
    for face in fallback_faces():
        if not needed:
            break
        if found := needed & _coverage(face.path):
            chosen.append(face)
            needed -= found
    return tuple(chosen)


def font_css(faces: tuple[Face, ...]) -> str:
    """@font-face rules for `faces` and the family lists that use them.

    `!important` because the screen stylesheet names fonts of its own (which a reader's browser may
    have); in print every character must reach a face whose file is known, for the fallbacks to work.
    """
    rules = "".join(
        f'@font-face {{ font-family: "{f.family}"; src: url("{f.url}"); font-weight: {f.weight}; font-style: {f.style}; }}\n'
        for f in faces
    )
    fallbacks = [f'"{f.family}"' for f in faces if f.family not in {"RT Serif", "RT Sans", "RT Mono"}]

    def stack(*first: str, generic: str) -> str:
        return ", ".join([*(f'"{n}"' for n in first), *fallbacks, generic])

    serif = stack("RT Serif", "RT Sans", "DejaVu Serif", generic="serif")
    sans = stack("RT Sans", "DejaVu Sans", generic="sans-serif")
    mono = stack("RT Mono", "RT Sans", "DejaVu Sans Mono", generic="monospace")
    return (
        f"{rules}@page {{ font-family: {sans}; }}\n"
        f"html, body, body * {{ font-family: {serif} !important; }}\n"
        f"body h1, body h2, body h3, body h4, body .rt-title, body .rt-print-toc, body .rt-print-toc * "
        f"{{ font-family: {sans} !important; }}\n"
        f"body pre, body code, body kbd, body samp, body tt {{ font-family: {mono} !important; }}\n"
    )


# ---------------------------------------------------------------------------------------------- HTML


def print_html(nb: nbformat.NotebookNode, *, toc: bool) -> str:
    """The notebook as HTML for printing: the report's own export, print stylesheet, title block, contents."""
    from .render import EXPORT_OPTIONS, TEMPLATES, prepare

    exporter = _print_exporter()(
        template_name=PRINT_TEMPLATE,
        extra_template_basedirs=[TEMPLATES],
        extra_template_paths=[TEMPLATES],
        **EXPORT_OPTIONS,
    )
    body, _ = exporter.from_notebook_node(prepare(nb))
    return finish_html(body, title=document_title(nb, body), subtitle=str(nb.metadata.get("date", "")), toc=toc)


@cache
def _print_exporter() -> type:
    """nbconvert's HTML exporter without its last step, which parses the whole page again with BeautifulSoup
    (pure Python: 40% of the export, 0.3 s for the report) only to add `tabindex` to output areas for
    keyboard users and a placeholder `alt` to images that lack one. Neither means anything on paper
    (every figure of the report has alt text of its own), and WeasyPrint parses the page anyway."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PrintExporter(HTMLExporter):
        def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> tuple[str, dict[str, Any]]:
            language = nb.metadata.get("language_info", {})
            lexer = language.get("pygments_lexer", language.get("name", None))
            highlight = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            data_types = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources)
            self.register_filter("highlight_code", highlight)
            self.register_filter("filter_data_type", data_types)
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return PrintExporter


def document_title(nb: nbformat.NotebookNode, page: str) -> str:
    """The combined report's title, else the page's first h1 ("Theme: security"), else the notebook's title."""
    if nb.metadata.get("toc") and nb.metadata.get("title"):
        return str(nb.metadata["title"])
    first = re.search(r"<h1[^>]*>(.*?)</h1>", page, flags=re.S)
    if first:
        return _text(first.group(1))
    return str(nb.metadata.get("title", "Report"))


def _text(inner: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("¶", "").strip()


def finish_html(page: str, *, title: str, subtitle: str = "", toc: bool) -> str:
    """Unique heading ids, no ¶ links, a title block and (if `toc`) a contents list with page numbers.

    Headings get ids of their own (`rt-s1`, ...) because the notebooks' ids repeat from chapter to
    chapter, and a contents entry must point at its own chapter for `target-counter` to be right.
    """
    page = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", page, flags=re.S)
    entries: list[tuple[int, str, str]] = []

    def renumber(match: re.Match[str]) -> str:
        level, attrs, inner = match.group(1), match.group(2), match.group(3)
        anchor = f"rt-s{len(entries) + 1}"
        attrs = re.sub(r'\s*id="[^"]*"', "", attrs)
        cls = ' class="rt-chapter-first"' if level == "1" and not any(e[0] == 1 for e in entries) else ""
        entries.append((int(level), anchor, _text(inner)))
        return f'<h{level} id="{anchor}"{cls}{attrs}>{inner}</h{level}>'

    page = re.sub(r"<h([12])([^>]*)>(.*?)</h\1>", renumber, page, flags=re.S)
    head = []
    if toc or subtitle or not entries or entries[0][2] != title:  # a page that opens with its title needs no other
        head.append(f'<div class="rt-title-block"><p class="rt-title">{html.escape(title)}</p>')
        if subtitle:
            head.append(f'<p class="rt-subtitle">{html.escape(subtitle)}</p>')
        head.append("</div>")
    if toc and entries:
        items = "".join(
            f'<li class="rt-toc-{level}"><a href="#{anchor}">{html.escape(text)}</a></li>'
            for level, anchor, text in entries
        )
        head.append(f'<nav class="rt-print-toc"><p class="rt-toc-title">Contents</p><ul>{items}</ul></nav>')
    page = breakable(page)
    page = re.sub(r"<title>.*?</title>", f"<title>{html.escape(title)}</title>", page, count=1, flags=re.S)
    page = re.sub(r'<nav class="rt-toc">.*?</nav>', "", page, flags=re.S)  # the screen's list, if any
    return page.replace("<main>", "<main>\n" + "".join(head), 1)


LONG_TOKEN = 24  # characters without a space after which a line may break (inside URLs, hashes, ids)
_TEXT = re.compile(r"(<(style|script|title)\b.*?</\2>|<[^>]*>)|([^<]+)", flags=re.S | re.I)
_LONG = re.compile(rf"[^\s<>]{{{2 * LONG_TOKEN},}}")
_CHAR = re.compile(r"&#?\w+;|.", flags=re.S)


def breakable(page: str) -> str:
    """Break opportunities (`<wbr>`) inside long unbroken tokens of the text, never in tags or styles.

    CSS `overflow-wrap: anywhere` would do the same, but makes WeasyPrint measure every character of
    every table cell (25 s for the report); this costs nothing where there is no long token. A
    `<wbr>` adds no character to the PDF's text, so a copied URL stays whole.
    """

    def split(token: re.Match[str]) -> str:
        chars = _CHAR.findall(token.group())
        return "<wbr>".join("".join(chars[i : i + LONG_TOKEN]) for i in range(0, len(chars), LONG_TOKEN))

    return _TEXT.sub(lambda m: m.group(1) or _LONG.sub(split, m.group(3)), page)


# ----------------------------------------------------------------------------------------------- PDF


def visible_text(page: str) -> str:
    """The characters a reader sees: the page without tags, styles and embedded data."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]*>", " ", page))


def creation_date(nb: nbformat.NotebookNode) -> datetime | None:
    """The date the PDF says it was made: SOURCE_DATE_EPOCH if set, else the newest input the notebook read.

    "Newest input" is the latest publication date in the tables the notebook was run on (its
    `data_dir` parameter), so the date follows the corpus, not the clock, and a rebuild of the same
    inputs writes the same bytes. None when neither is known: the PDF then carries no date at all.
    """
    if epoch := os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except ValueError:
            pass
    if stamp := nb.metadata.get("rt_created"):
        return datetime.fromisoformat(str(stamp))
    data_dir = nb.metadata.get("papermill", {}).get("parameters", {}).get("data_dir")
    return newest_publication(Path(data_dir)) if data_dir else None


def newest_publication(data_dir: Path) -> datetime | None:
    """The latest `published` date in a tables folder's articles table (ISO at day, month or year precision)."""
    path = data_dir / "articles.parquet"
    if not path.is_file():
        return None
    import pyarrow.parquet as pq

    dates = [d for d in pq.read_table(path, columns=["published"]).column("published").to_pylist() if d]
    if not dates:
        return None
    newest = max(str(d) for d in dates)
    parts = [int(p) for p in newest.split("-")] + [1, 1]
    return datetime(parts[0], parts[1], parts[2], tzinfo=UTC)


def metadata_html(page: str, *, author: str, created: datetime | None) -> str:
    """Author, generator and dates as the <meta> tags WeasyPrint writes into the PDF's Info dictionary."""
    from .. import __version__

    tags = [
        f'<meta name="author" content="{html.escape(author)}">',
        f'<meta name="generator" content="russia-taliban {html.escape(__version__)}">',
    ]
    if created is not None:
        stamp = created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        tags += [
            f'<meta name="dcterms.created" content="{stamp}">',
            f'<meta name="dcterms.modified" content="{stamp}">',
        ]
    return page.replace("</head>", "".join(tags) + "</head>", 1)


def _fetcher(faces: tuple[Face, ...]) -> Any:
    """A WeasyPrint URL fetcher that serves the document's own data: URIs and the fonts in `faces`, nothing else:
    no file, no network, no redirect. What it refuses is listed in `.refused`."""
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    fonts = {f.url: f.path for f in faces}

    class Fetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in fonts:
                return URLFetcherResponse(url, fonts[url].read_bytes(), {"Content-Type": "font/ttf"})
            if url.startswith("data:"):
                return super().fetch(url, headers)
            self.refused.append(url[:200])
            raise ValueError(f"refused: {url[:80]}")

    return Fetcher()


class _Collect(logging.Handler):
    """WeasyPrint's own log lines for one rendering thread: missing glyphs and anything else it warns about."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.thread = threading.get_ident()
        self.missing: dict[str, int] = {}
        self.other: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        message = record.getMessage()
        if found := _NOTDEF.search(message):
            char = chr(int(found.group(2), 16))
            self.missing[char] = self.missing.get(char, 0) + 1
        elif record.levelno >= logging.WARNING:
            self.other.append(message)


@contextmanager
def _weasyprint_log() -> Iterator[_Collect]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


_FONT_LOCK = threading.Lock()


@contextmanager
def _font_timestamps(created: datetime | None) -> Iterator[None]:
    """Embedded font subsets carry `created` (else 1970) as their modification time, not the clock's.

    fontTools stamps every font it saves with the current time unless SOURCE_DATE_EPOCH is set, which
    would make two renderings of one document differ; setting the environment variable would leak
    into later builds of other inputs, so the head table's clock is pinned for this call only (under
    a lock, since builds render on several threads).
    """
    from fontTools.misc import timeTools
    from fontTools.ttLib.tables import _h_e_a_d

    fixed = timeTools.timestampSinceEpoch(int(created.timestamp()) if created else 0)
    with _FONT_LOCK:
        clock = _h_e_a_d.timestampNow
        _h_e_a_d.timestampNow = lambda: fixed
        try:
            yield
        finally:
            _h_e_a_d.timestampNow = clock


def write_pdf(page: str, path: Path, *, author: str = "russia-taliban", created: datetime | None = None) -> PdfResult:
    """Print `page` (HTML) to `path`. Identical `page`, `author` and `created` give identical bytes."""
    return _warn(_print(page, path, author=author, created=created))


def write_pdf_apart(
    page: str, path: Path, *, author: str = "russia-taliban", created: datetime | None = None
) -> PdfResult:
    """`write_pdf` in a printing process of its own, so that several PDFs print at once on several cores.

    WeasyPrint is pure Python past Pango: on the build's threads the PDFs took turns on one core (the
    GIL) and slowed the threads waiting on kernels. The bytes are the same as `write_pdf`'s; the
    missing-glyph warning is logged here, in the caller's process, where the build's handlers are.
    An OSError writing the PDF (disk full, read-only, no permission) is raised here as that OSError,
    so the build gives its per-cause message, as for any other file it cannot write.
    """
    printer = _PRINTERS.take()
    try:
        result = printer.print(page, path, author, created)
    except OSError:
        _PRINTERS.give_back(printer)  # the target could not be written; the process is fine
        raise
    except BaseException:  # PrinterError, or interrupted mid-answer: the pipe's state is unknown
        _PRINTERS.discard(printer)
        raise
    _PRINTERS.give_back(printer)
    return _warn(result)


class PrinterError(RuntimeError):
    """The printing process could not print (render.to_pdf turns it into one line for the user).

    `detail` is the printing process's traceback, if it had one: kept for --debug, never printed by it.
    """

    def __init__(self, what: str, fix: str, detail: str = "") -> None:
        super().__init__(what)
        self.fix = fix
        self.detail = detail


PRINTERS = 2  # printing processes at most (each holds one document's layout: 200-400 MB for the report)
_LENGTH = struct.Struct(">Q")
_LARGEST = 1 << 34  # bytes; a length beyond this is a corrupt header, not a document
_BUG_FIX = "this is a bug in the PDF step: please report it with the notebook (--debug shows the details)"
_MEMORY_FIX = "free some memory and build again"


@dataclass(frozen=True)
class _Failed:
    """The answer to a job that could not be printed: one line for the user, and the traceback for --debug."""

    what: str
    fix: str
    detail: str = ""


@dataclass(frozen=True)
class _WriteFailed:
    """The answer to a job whose PDF could not be written: the OSError's parts, raised again in the caller."""

    errno: int
    strerror: str
    filename: str


class _GarbledError(Exception):
    """A message that is cut short (`ended`: the writer closed the pipe) or does not unpickle: the pipe no
    longer carries the protocol."""

    def __init__(self, reason: str, *, ended: bool = False) -> None:
        super().__init__(reason)
        self.ended = ended


class _Printer:
    """One printing process: `python -c` running `serve()`, fed pickled jobs on stdin, answering on stdout.

    A plain subprocess, not multiprocessing: its `spawn` re-runs the caller's main script in the
    child (a user's unguarded script would build again there), and `fork` is unsafe beside threads.
    The process imports WeasyPrint as it starts, while the first page's HTML is still being made.
    """

    child = "from russia_taliban.build.pdf import serve; serve()"  # what the process runs (tests vary it)

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", self.child], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def print(self, page: str, path: Path, author: str, created: datetime | None) -> PdfResult:
        assert self.process.stdin and self.process.stdout
        try:
            _send(self.process.stdin, (page, str(path), author, created))
            answer = _receive(self.process.stdout)
        except (OSError, EOFError):  # the pipe closed under us: the process ended
            raise self._ended(path) from None
        except _GarbledError as exc:
            raise self._ended(path, garbled=str(exc), alive=not exc.ended) from None
        if isinstance(answer, PdfResult):
            return answer
        if isinstance(answer, _WriteFailed):
            raise OSError(answer.errno, answer.strerror, answer.filename)
        if isinstance(answer, _Failed):
            raise PrinterError(answer.what, answer.fix, answer.detail)
        raise PrinterError(f"PDF failed: the process printing {path.name} answered {type(answer).__name__}", _BUG_FIX)

    def _ended(self, path: Path, *, garbled: str = "", alive: bool = False) -> PrinterError:
        """Why the process gave no answer: killed (most often for memory), exited, or broke the protocol.

        After an end of pipe the process is ending: its return code says how (negative: a signal, most often
        the kernel's out-of-memory killer). A process still running after a garbled answer is killed here.
        """
        code: int | None = None
        if not alive:
            with suppress(subprocess.TimeoutExpired):
                code = self.process.wait(timeout=10)
        if code is None:
            self.process.kill()
            self.process.wait()
        if code is not None and code < 0:
            how = f"signal {-code}"
            with suppress(ValueError):
                how = signal.Signals(-code).name
            return PrinterError(f"PDF failed: the process printing {path.name} stopped ({how})", _MEMORY_FIX)
        if garbled:
            return PrinterError(f"PDF failed: the answer of the process printing {path.name} was unreadable ({garbled})",
                                _BUG_FIX)  # fmt: skip
        return PrinterError(f"PDF failed: the process printing {path.name} ended without an answer (exit code {code})",
                            _BUG_FIX)  # fmt: skip

    def close(self) -> None:
        with suppress(OSError):
            if self.process.stdin:
                self.process.stdin.close()  # the process ends at the end of its input
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


class _Printers:
    """Up to PRINTERS printing processes, started on first use and reused for the rest of the run (each pays
    its interpreter and WeasyPrint's import, about a second, once); closed when the interpreter exits."""

    def __init__(self) -> None:
        self._idle: list[_Printer] = []
        self._started = 0
        self._free = threading.Condition()

    def take(self) -> _Printer:
        with self._free:
            while not self._idle and self._started >= max(1, min(PRINTERS, os.cpu_count() or 1)):
                self._free.wait()
            if self._idle:
                return self._idle.pop()
            self._started += 1
        try:
            return _Printer()
        except OSError:
            self._forget()
            raise

    def give_back(self, printer: _Printer) -> None:
        with self._free:
            self._idle.append(printer)
            self._free.notify()

    def discard(self, printer: _Printer) -> None:
        """A printer that failed: closed, and its place free for a new one."""
        printer.close()
        self._forget()

    def _forget(self) -> None:
        with self._free:
            self._started -= 1
            self._free.notify()

    def close(self) -> None:
        with self._free:
            idle, self._idle = self._idle, []
            self._started -= len(idle)
        for printer in idle:
            printer.close()


_PRINTERS = _Printers()
atexit.register(lambda: _PRINTERS.close())  # the printers of the moment (tests replace them)


def _send(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next message; EOFError if the stream ended between messages, _GarbledError if inside one or corrupt."""
    head = stream.read(_LENGTH.size)
    if not head:
        raise EOFError
    if len(head) < _LENGTH.size:
        raise _GarbledError("cut short", ended=True)
    (size,) = _LENGTH.unpack(head)
    if size > _LARGEST:
        raise _GarbledError(f"a length of {size} bytes")
    data = stream.read(size)
    if len(data) < size:
        raise _GarbledError("cut short", ended=True)
    try:
        return pickle.loads(data)  # our own process's answer, on our own pipe
    except Exception as exc:  # garbage can fail to unpickle in many ways)
        raise _GarbledError(type(exc).__name__) from None


def serve() -> None:
    """The printing process: print each job read from stdin, answer each on stdout, until stdin closes.

    The answers go to a copy of fd 1, and fd 1 becomes stderr, so nothing a library prints (Python or
    C: Pango, fontconfig) can corrupt them. Ctrl-C is left to the build (it stops and cleans up). A job
    that cannot be printed is answered too (see `_attempt`): this process writes no traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    jobs = sys.stdin.buffer
    sys.stdout.flush()
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        broken: _Failed | None = _Failed(f"PDF failed: WeasyPrint cannot load a system library ({exc})",
                                         "install Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0)")  # fmt: skip
    else:
        broken = None
    while True:
        try:
            page, path, author, created = _receive(jobs)
        except (EOFError, _GarbledError):
            return
        answer = broken or _attempt(page, Path(path), author=author, created=created)
        try:
            _send(answers, answer)
        except OSError:  # the build has gone
            return


def _attempt(page: str, path: Path, *, author: str, created: datetime | None) -> PdfResult | _Failed | _WriteFailed:
    """`_print`, with what went wrong as an answer for the caller instead of a traceback on stderr."""
    try:
        return _print(page, path, author=author, created=created)
    except OSError as exc:
        if exc.errno is None:
            return _Failed(f"PDF failed: {path.name}: {_one_line(exc)}", _BUG_FIX, traceback.format_exc())
        where = exc.filename if isinstance(exc.filename, str) else str(path)
        return _WriteFailed(exc.errno, exc.strerror or os.strerror(exc.errno), where)
    except MemoryError:
        return _Failed(f"PDF failed: out of memory printing {path.name}", _MEMORY_FIX)
    except Exception as exc:  # a bug in WeasyPrint or here: one line, the traceback for --debug
        return _Failed(f"PDF failed: WeasyPrint could not print {path.name} ({type(exc).__name__}: {_one_line(exc)})",
                       _BUG_FIX, traceback.format_exc())  # fmt: skip


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


def _warn(result: PdfResult) -> PdfResult:
    if result.missing:
        shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in sorted(result.missing)[:12])
        more = f" and {len(result.missing) - 12} more" if len(result.missing) > 12 else ""
        LOG.warning(f"warning: {result.path.name}: no installed font has {shown}{more}; drawn as empty boxes")
    return result


def _print(page: str, path: Path, *, author: str, created: datetime | None) -> PdfResult:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    page = metadata_html(page, author=author, created=created)
    faces = faces_for(visible_text(page))
    fetcher = _fetcher(faces)
    font_config = FontConfiguration()
    with _weasyprint_log() as log:
        document = HTML(string=page, base_url="data:,", url_fetcher=fetcher).render(
            stylesheets=[CSS(string=font_css(faces), font_config=font_config, url_fetcher=fetcher)],
            font_config=font_config,
        )
        identifier = hashlib.sha256(page.encode("utf-8")).hexdigest()[:32].encode()
        with _font_timestamps(created):
            data = document.write_pdf(pdf_identifier=identifier, optimize_images=False)
    path.write_bytes(data)
    return PdfResult(path, len(document.pages), log.missing, fetcher.refused)
