"""`russia-taliban build`: tag once, run the notebooks with papermill in parallel, render, publish.

Incremental: each notebook run has a key (notebook cells, its parameters, the corpus files, the
lexicon of the themes it shows, the library's code and data). A run whose key is in the previous
manifest, with its outputs on disk, is reused; `--force` re-runs everything. Changing one theme's
lexicon re-runs that theme, the overview (its theme-mix charts use every theme) and the combined
report.

Safe: a build writes into a staging folder inside the output folder and moves finished files into
place only when everything succeeded, the manifest last. A failure or an interrupt leaves the previous
reports as they were (a failed notebook is kept as `executed/<name>.failed.ipynb`); a lock file stops
two builds writing into one folder at once.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import fingerprint as fp
from ..errors import BuildError, BuildLockedError, CorpusError, LexiconError, NotebookError
from ..tag.lexicon import Lexicon, lexicon_for

if TYPE_CHECKING:
    import nbformat

_QUIET_KERNEL = ["--IPKernelApp.log_level=ERROR"]  # the kernel's start-up warnings are not the user's concern
TITLE = "Russia and the Taliban: how commentary frames the engagement"
KERNEL = "python3"  # the interpreter running the build, so notebooks see the same library
_PER_BUILD = {"data_dir", "export_dir", "inputs_digest"}  # parameters set by each build, not chosen by the user


def default_notebooks() -> Path:
    """notebooks/ of the project: the working directory's, else the one beside src/ (editable install)."""
    here = Path.cwd() / "notebooks"
    return here if here.is_dir() else Path(__file__).resolve().parents[3] / "notebooks"


@dataclass(frozen=True)
class BuildOptions:
    corpus: Path = Path("seeds")
    output: Path = Path("reports")
    themes: tuple[str, ...] = ()  # empty: the overview, every theme and the combined report
    keywords: str | None = None
    lexicon: Path | None = None
    formats: tuple[str, ...] = ("html", "pdf")
    jobs: int = os.cpu_count() or 1
    force: bool = False
    notebooks: Path = field(default_factory=default_notebooks)


@dataclass
class Job:
    name: str  # "overview" or "theme-<name>"
    notebook: Path
    parameters: dict[str, object]
    key: str
    theme: str | None = None
    seconds: float = 0.0
    status: str = "pending"  # pending, cached, executed, rendered

    def outputs(self, formats: tuple[str, ...]) -> dict[str, str]:
        """Rendered files of a theme job, relative to the output folder (the overview shows only in report.*)."""
        return {f: f"themes/{self.theme}.{f}" for f in formats} if self.theme else {}

    @property
    def executed(self) -> str:
        return f"executed/{self.name}.ipynb"


@dataclass
class BuildResult:
    executed: list[str]
    cached: list[str]
    outputs: list[str]
    pdf_note: str = ""
    up_to_date: bool = False


Progress = Callable[[str], None]


def build(options: BuildOptions, progress: Progress = print) -> BuildResult:
    """Build the reports described by `options`; see the module docstring."""
    started = time.perf_counter()
    # Absolute paths throughout: threads share one working directory, and notebooks run elsewhere.
    options = replace(options, corpus=options.corpus.resolve(), output=options.output.resolve(),
                      notebooks=options.notebooks.resolve(), lexicon=options.lexicon.resolve() if options.lexicon else None)  # fmt: skip
    lexicon, themes = _lexicon_and_themes(options)
    if not options.corpus.is_dir():
        raise CorpusError(
            "corpus folder does not exist",
            where=str(options.corpus),
            fix="pass --corpus with a folder of .txt articles",
        )
    for name in ("overview.ipynb", "theme.ipynb"):
        if not (options.notebooks / name).is_file():
            raise BuildError(
                f"notebook {name} not found", where=str(options.notebooks), fix="run from the project folder"
            )
    corpus_files = fp.corpus_files(options.corpus)
    code = fp.code_digest()
    tables_key = fp.digest(corpus_files, code, lexicon.fingerprint())
    jobs = _plan(options, lexicon, themes, corpus_files, code)
    full = not options.themes
    combined_key = fp.digest([j.key for j in jobs], options.formats) if full else ""
    out = options.output
    manifest = _read_manifest(out / "manifest.json")
    stale = [j for j in jobs if options.force or not _executed_before(j, manifest, out)]
    for job in jobs:
        if job not in stale:  # its current run is good: a copy of an earlier failure is history
            (out / "executed" / f"{job.name}.failed.ipynb").unlink(missing_ok=True)
    unrendered = [
        j for j in jobs if any(not (out / rel).is_file() for rel in j.outputs(_renderable(options.formats)).values())
    ]
    combined_fresh = not full or (
        manifest.get("combined", {}).get("key") == combined_key
        and all((out / f"report.{f}").is_file() for f in _renderable(options.formats))
    )
    if not stale and not unrendered and combined_fresh and not options.force:
        progress(f"{out}/ is up to date ({len(jobs)} notebooks unchanged); use --force to rebuild")
        return BuildResult([], [j.name for j in jobs], [], up_to_date=True)

    out.mkdir(parents=True, exist_ok=True)
    with _locked(out), _staging(out) as stage, _terminate_as_interrupt():
        timings: dict[str, float] = {}
        t = time.perf_counter()
        data_dir, corpus_report = _tables(options, lexicon, out, tables_key, progress)
        timings["tables"] = round(time.perf_counter() - t, 3)
        for job in jobs:  # where the tables are, where chart CSVs go (published with the rest), what made them
            job.parameters.update(data_dir=str(data_dir), export_dir=str(stage), inputs_digest=tables_key[:12])
        t = time.perf_counter()
        pdf_note = _run(jobs, stale, full, options, out, stage, progress)
        timings["execute_and_render"] = round(time.perf_counter() - t, 3)
        timings["total"] = round(time.perf_counter() - started, 3)
        record = _manifest(options, lexicon, jobs, manifest, corpus_files, code, corpus_report, timings, pdf_note,
                           {"key": combined_key} if full else manifest.get("combined", {}))  # fmt: skip
        (stage / "manifest.json").write_text(
            json.dumps(record, indent=2, ensure_ascii=False, sort_keys=True), encoding="utf-8"
        )
        published = _publish(stage, out)
    progress(
        f"built {len(stale)} notebook(s), reused {len(jobs) - len(stale)}, in {time.perf_counter() - started:.1f} s -> {out}/"
    )
    return BuildResult([j.name for j in stale], [j.name for j in jobs if j not in stale], published, pdf_note)


def _lexicon_and_themes(options: BuildOptions) -> tuple[Lexicon, list[str]]:
    if options.keywords is not None and len(options.themes) != 1:
        raise LexiconError(
            "--keywords defines one theme", where="--keywords", fix="give exactly one --theme NAME with it"
        )
    lexicon = lexicon_for(options.lexicon, keywords=options.keywords, theme=options.themes[0] if options.themes else "")
    for name in options.themes:
        lexicon.theme(name)  # unknown theme: one line listing the known ones
    return lexicon, list(options.themes) or lexicon.names


def _plan(options: BuildOptions, lexicon: Lexicon, themes: list[str], corpus: dict[str, str], code: str) -> list[Job]:
    """One job per notebook run. Keys hold content, not paths: the lexicon enters by its themes' fingerprints."""
    common = {"corpus": str(options.corpus), "lexicon": str(options.lexicon or "")}
    jobs = []
    if not options.themes:
        path = options.notebooks / "overview.ipynb"
        key = fp.digest("overview", fp.notebook_digest(path), corpus, code, lexicon.fingerprint())
        jobs.append(Job("overview", path, dict(common), key))
    path = options.notebooks / "theme.ipynb"
    notebook = fp.notebook_digest(path)
    for theme in themes:
        params = {**common, "theme": theme, "keywords": options.keywords or ""}
        key = fp.digest("theme", notebook, corpus, code, lexicon.themes[theme].fingerprint(), theme)
        jobs.append(Job(f"theme-{theme}", path, params, key, theme))
    return jobs


def _read_manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _executed_before(job: Job, manifest: dict, out: Path) -> bool:
    """The same run (same key) was executed by an earlier build and its notebook is still there.
    Missing rendered files only need rendering, not a new run."""
    entry = manifest.get("notebooks", {}).get(job.name, {})
    return entry.get("key") == job.key and (out / job.executed).is_file()


def _renderable(formats: tuple[str, ...]) -> tuple[str, ...]:
    from .render import missing_pdf_tools

    return formats if "pdf" not in formats or not missing_pdf_tools() else tuple(f for f in formats if f != "pdf")


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    handle = (out / ".lock").open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise BuildLockedError("another build is writing to this folder", where=str(out),
                               fix="wait for it to finish, or build into another --output") from None  # fmt: skip
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


@contextmanager
def _staging(out: Path) -> Iterator[Path]:
    for old in out.glob(".staging-*"):  # left by a build that was killed: nothing in it was published
        shutil.rmtree(old, ignore_errors=True)
    stage = out / f".staging-{os.getpid()}"
    stage.mkdir()
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so staging is removed and the lock released."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (a notebook or a test calling build)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _tables(options: BuildOptions, lexicon: Lexicon, out: Path, key: str, progress: Progress) -> tuple[Path, dict]:
    """Load and tag the corpus once per distinct input; notebooks read the result."""
    folder = out / ".cache" / f"tables-{key}"
    report_path = folder / "corpus.json"
    if report_path.is_file():
        return folder, json.loads(report_path.read_text(encoding="utf-8"))
    from ..load.corpus import load_corpus
    from ..tag.tables import build_tables
    from ..tag.validate import validate

    corpus = load_corpus(options.corpus)
    for item in corpus.skipped:
        progress(f"skipped {item.file}: {item.reason}")
    for article in corpus.articles:
        for warning in article.warnings:
            progress(f"warning: {warning}")
    progress(f"tagging {len(corpus)} articles")
    tables = build_tables(corpus, lexicon)
    partial = folder.with_name(folder.name + f".{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    tables.write(partial)
    validate(lexicon).to_parquet(partial / "validation.parquet", index=False)
    report = {"articles": [a.source_file for a in corpus.articles], "skipped": [asdict(s) for s in corpus.skipped],
              "warnings": [w for a in corpus.articles for w in a.warnings]}  # fmt: skip
    (partial / "corpus.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    for old in folder.parent.glob("tables-*"):
        if old.is_dir() and old != partial:
            shutil.rmtree(old, ignore_errors=True)
    partial.rename(folder)
    return folder, report


def _run(
    jobs: list[Job], stale: list[Job], full: bool, options: BuildOptions, out: Path, stage: Path, progress: Progress
) -> str:
    """Execute the stale notebooks and render each as soon as it is done, `options.jobs` at a time;
    then the combined report. Rendering is Python work in this process and execution happens in
    kernel processes, so the two overlap on separate cores. Returns the note on the PDF step."""
    import nbformat

    from . import render

    formats, pdf_note = _formats(options, progress)
    (stage / "executed").mkdir(exist_ok=True)
    (stage / "themes").mkdir(exist_ok=True)

    def load(job: Job) -> nbformat.NotebookNode:
        return nbformat.read(stage / job.executed if job in stale else out / job.executed, as_version=4)

    def run(job: Job) -> None:
        if job in stale:
            _execute(job, out, stage, progress)
        else:
            job.status = "cached"
        outputs = job.outputs(formats)
        todo = [f for f, rel in outputs.items() if job in stale or not (out / rel).is_file()]
        for fmt in todo:
            _render_one(load(job), fmt, stage / outputs[fmt])
            progress(f"rendered {outputs[fmt]}")

    _in_parallel([lambda job=job: run(job) for job in jobs], options.jobs)
    if full:
        combined = render.combine([load(j) for j in jobs], title=TITLE, date=_coverage(options))
        tasks = [lambda fmt=fmt: (_render_one(combined, fmt, stage / f"report.{fmt}", toc=True), progress(f"rendered report.{fmt}"))
                 for fmt in formats]  # fmt: skip
        _in_parallel(tasks, options.jobs)
    return pdf_note


def _formats(options: BuildOptions, progress: Progress) -> tuple[tuple[str, ...], str]:
    """The formats that can be rendered here, and a one-line note if the PDF tools are missing."""
    from . import render

    if "pdf" not in options.formats or not render.missing_pdf_tools():
        return options.formats, ""
    note = render.pdf_install_hint()
    if options.formats == ("pdf",):
        raise BuildError(note, fix="or build with --format html")
    progress(note)
    return tuple(f for f in options.formats if f != "pdf"), note


def _in_parallel(tasks: list[Callable[[], object]], jobs: int) -> None:
    """Run tasks on `jobs` threads; the first failure cancels what has not started and is raised."""
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        futures = [pool.submit(_closing_event_loop, task) for task in tasks]
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        for future in done:
            future.result()
        for future in futures:
            future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _closing_event_loop(task: Callable[[], object]) -> object:
    """Run a task, then close the event loop nbclient left on this worker thread (else it leaks)."""
    try:
        return task()
    finally:
        with suppress(RuntimeError):
            loop = asyncio.get_event_loop_policy().get_event_loop()
            if not loop.is_running():
                loop.close()


def _execute(job: Job, out: Path, stage: Path, progress: Progress) -> None:
    import papermill

    progress(f"running {job.name}")
    t = time.perf_counter()
    target = stage / job.executed
    try:
        # no `cwd=`: papermill would chdir the whole process, which other threads share
        papermill.execute_notebook(str(job.notebook), str(target), parameters=job.parameters, kernel_name=KERNEL,
                                   progress_bar=False, log_output=False, extra_arguments=_QUIET_KERNEL)  # fmt: skip
    except papermill.PapermillExecutionError as exc:
        failed = out / "executed" / f"{job.name}.failed.ipynb"
        failed.parent.mkdir(exist_ok=True)
        if target.is_file():
            shutil.copyfile(target, failed)
        raise NotebookError(f"notebook {job.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}",
                            fix=f"see {failed} (the partly executed notebook); the previous reports are unchanged") from None  # fmt: skip
    job.seconds = round(time.perf_counter() - t, 2)
    job.status = "executed"
    progress(f"executed {job.name} in {job.seconds:.1f} s")


def _render_one(nb: nbformat.NotebookNode, fmt: str, target: Path, *, toc: bool = False) -> None:
    from . import render

    if fmt == "html":
        render.to_html(nb, target, toc=toc)
    else:
        render.to_pdf(nb, target)


def _coverage(options: BuildOptions) -> str:
    count = sum(1 for p in options.corpus.iterdir() if p.suffix.lower() == ".txt")
    return f"Built from {count} articles in {options.corpus.name}/"


def _manifest(options: BuildOptions, lexicon: Lexicon, jobs: list[Job], old: dict, corpus_files: dict[str, str], code: str,
              corpus_report: dict, timings: dict, pdf_note: str, combined: dict) -> dict:  # fmt: skip
    notebooks = dict(old.get("notebooks", {}))
    for job in jobs:
        previous = notebooks.get(job.name, {})
        notebooks[job.name] = {
            "key": job.key,
            "parameters": {k: v for k, v in job.parameters.items() if k not in _PER_BUILD},
            "executed": job.executed,
            "outputs": job.outputs(options.formats),
            "seconds": job.seconds if job.status == "executed" else previous.get("seconds", 0.0),
            "last_run": job.status,
        }
    return {
        "inputs": {
            "digest": fp.digest(corpus_files, code, lexicon.fingerprint())[:12],  # shown on the report's title page
            "corpus": str(options.corpus),
            "files_sha256": corpus_files,
            "lexicon": list(lexicon.sources),
            "lexicon_fingerprint": lexicon.fingerprint(),
            "code_digest": code,
            "notebooks_sha256": {p.name: fp.sha256_file(p) for p in sorted(options.notebooks.glob("*.ipynb"))},
        },
        "parameters": {
            "themes": list(options.themes),
            "keywords": options.keywords,
            "formats": list(options.formats),
            "jobs": options.jobs,
            "force": options.force,
        },
        "versions": fp.versions(),
        "notebooks": notebooks,
        "combined": combined,
        "articles": corpus_report.get("articles", []),
        "skipped": corpus_report.get("skipped", []),
        "warnings": corpus_report.get("warnings", []),
        "pdf": pdf_note or ("rendered" if "pdf" in options.formats else "not requested"),
        "timings": timings,
    }


def _publish(stage: Path, out: Path) -> list[str]:
    """Move every finished file from staging into place, the manifest last."""
    files = sorted(p for p in stage.rglob("*") if p.is_file())
    files.sort(key=lambda p: p.name == "manifest.json")
    published = []
    for path in files:
        rel = path.relative_to(stage)
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        published.append(str(rel))
    for rel in published:  # a notebook that now ran cleanly: its earlier failure is history
        if rel.startswith("executed/"):
            (out / rel).with_suffix(".failed.ipynb").unlink(missing_ok=True)
    return published
