"""`russia-taliban build`: tag once, run the notebooks with papermill in parallel, render, publish.

The steps, one module each: `plan` (jobs and cache keys), `outdir` (the folder is the tool's; the
lock), `tables` (the tagged tables, cached), `execute` (papermill on a thread pool), `render`,
`manifest` (inputs and the hash of every published file) and `publish` (a complete generation
switched in by one rename). A build with nothing changed, and every published file matching its
manifest hash, executes nothing and writes nothing. A failure or an interrupt leaves the previous
reports as they were; a failed notebook is kept as `failed/<name>.ipynb`.
"""

from __future__ import annotations

import time
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BuildError, missing_corpus
from . import manifest as mf
from . import outdir, publish
from . import tables as table_cache
from .plan import BuildOptions, Job, Plan, Progress, plan

if TYPE_CHECKING:
    import nbformat

    from .execute import Kernels

__all__ = ["BuildOptions", "BuildResult", "build"]
TITLE = "Russia and the Taliban: how commentary frames the engagement"


@dataclass
class BuildResult:
    executed: list[str]
    cached: list[str]
    outputs: list[str]
    pdf_note: str = ""
    up_to_date: bool = False


def build(options: BuildOptions, progress: Progress = print) -> BuildResult:
    """Build the reports described by `options`; see the module docstring."""
    started = time.perf_counter()
    # Absolute paths throughout: threads share one working directory, and notebooks run elsewhere.
    options = replace(options, corpus=options.corpus.resolve(), output=options.output.resolve(),
                      notebooks=options.notebooks.resolve() if options.notebooks else None,
                      lexicon=options.lexicon.resolve() if options.lexicon else None)  # fmt: skip
    if not options.corpus.is_dir():
        raise missing_corpus(options.corpus)
    out = options.output
    outdir.check(out, options.corpus)  # before anything is written, whatever --force says
    the_plan = plan(options, mf.read(out / "manifest.json").get("lexicon_memo", {}) if out.is_dir() else {})
    try:
        outdir.claim(out)
        with outdir.locked(out):  # the up-to-date check too: another build may be publishing
            return _build_locked(options, the_plan, out, started, progress)
    except OSError as exc:
        if exc.errno not in outdir.UNWRITABLE:
            raise  # not the folder's fault: a bug, shown as one (with --debug, its traceback)
        raise outdir.writable_error(exc, out) from None


def _build_locked(options: BuildOptions, the_plan: Plan, out: Path, started: float, progress: Progress) -> BuildResult:
    jobs = the_plan.jobs
    published = mf.Published(publish.current(out))
    renderable = _renderable(options.formats)
    stale = [j for j in jobs if options.force or not _executed_before(j, published)]
    unrendered = [j for j in jobs if any(not published.intact(rel) for rel in j.outputs(renderable).values())]
    combined_fresh = not options.full or (
        published.record.get("combined", {}).get("key") == the_plan.combined_key
        and all(published.intact(f"report.{f}") for f in renderable)
    )
    failed_dir = out / "failed"
    _forget_failures(failed_dir, [j for j in jobs if j not in stale])  # their current runs are good
    if not stale and not unrendered and combined_fresh:
        publish.link_entries(published.folder, out)  # only if someone removed them
        progress(f"{out}/ is up to date ({plural(len(jobs), 'notebook')} unchanged); use --force to rebuild")
        return BuildResult([], [j.name for j in jobs], [], up_to_date=True)

    publish.clean_leftovers(out)
    from .execute import Kernels

    kernels = Kernels(len(stale), [j.notebook for j in stale], ahead=options.jobs)  # they start while we tag
    with publish.staging(out) as stage, publish.terminate_as_interrupt(), closing(kernels):
        timings: dict[str, float] = {}
        t = time.perf_counter()
        data_dir, corpus_report = table_cache.tables(
            options.corpus, the_plan.lexicon, out, the_plan.tables_key, progress
        )
        timings["tables"] = round(time.perf_counter() - t, 3)
        for job in stale:  # where the tables are, where chart CSVs go (published with the rest), what made them
            job.parameters.update(data_dir=str(data_dir), export_dir=str(stage), inputs_digest=the_plan.tables_key[:12])
            job.tables = the_plan.tables_key
        for job in jobs:
            if job not in stale:
                job.tables = published.notebook(job.name).get("tables", "")
        t = time.perf_counter()
        coverage = f"Built from {len(corpus_report['articles'])} articles in {options.corpus.name}/"
        pdf_note = _run(jobs, stale, options, published, stage, failed_dir, coverage, progress, combined_fresh, kernels)
        timings["execute_and_render"] = round(time.perf_counter() - t, 3)
        written = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
        publish.carry_over(stage, out)
        timings["total"] = round(time.perf_counter() - started, 3)
        record = mf.compose(
            options, the_plan, published.record, corpus_report, timings, pdf_note, mf.file_hashes(stage)
        )
        mf.write(record, stage / "manifest.json")
        publish.publish(stage, out)
    table_cache.keep_only(out, {entry.get("tables", "") for entry in record["notebooks"].values()})
    _forget_failures(failed_dir, jobs)
    seconds = time.perf_counter() - started
    progress(f"built {plural(len(stale), 'notebook')}, reused {len(jobs) - len(stale)}, in {seconds:.1f} s -> {out}/")
    return BuildResult(
        [j.name for j in stale], [j.name for j in jobs if j not in stale], [*written, "manifest.json"], pdf_note
    )


def _forget_failures(failed_dir: Path, jobs: list[Job]) -> None:
    """A notebook whose current run is good: the copy of its earlier failure is history."""
    for job in jobs:
        (failed_dir / f"{job.name}.ipynb").unlink(missing_ok=True)
    if failed_dir.is_dir() and not any(failed_dir.iterdir()):
        failed_dir.rmdir()


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _executed_before(job: Job, published: mf.Published) -> bool:
    """The same run (same key) was published by an earlier build and its notebook is intact.
    Missing or altered rendered files only need rendering, not a new run."""
    return published.notebook(job.name).get("key") == job.key and published.intact(job.executed)


def _renderable(formats: tuple[str, ...]) -> tuple[str, ...]:
    from .render import missing_pdf_tools

    return formats if "pdf" not in formats or not missing_pdf_tools() else tuple(f for f in formats if f != "pdf")


def _run(jobs: list[Job], stale: list[Job], options: BuildOptions, published: mf.Published, stage: Path,
         failed_dir: Path, coverage: str, progress: Progress, combined_fresh: bool, kernels: Kernels) -> str:  # fmt: skip
    """Execute the stale notebooks and render each as soon as it is done, `options.jobs` at a time;
    then the combined report. Rendering is Python work in this process and execution happens in
    kernel processes, so the two overlap on separate cores. Returns the note on the PDF step."""
    import nbformat

    from . import render
    from .execute import Counter, execute, in_parallel, render_one

    formats, pdf_note = _formats(options, progress)
    (stage / "executed").mkdir(exist_ok=True)
    (stage / "themes").mkdir(exist_ok=True)
    counter = Counter(len(stale))

    def load(job: Job) -> nbformat.NotebookNode:
        source = stage if job in stale else published.folder
        return nbformat.read(source / job.executed, as_version=4)

    def run(job: Job) -> None:
        if job in stale:
            execute(job, stage / job.executed, failed_dir / f"{job.name}.ipynb", progress, counter, kernels)
        else:
            job.status = "cached"
        outputs = job.outputs(formats)
        for fmt in [f for f, rel in outputs.items() if job in stale or not published.intact(rel)]:
            render_one(load(job), fmt, stage / outputs[fmt])
            progress(f"rendered {outputs[fmt]}")

    in_parallel([lambda job=job: run(job) for job in jobs], options.jobs)
    if options.full and (stale or not combined_fresh):
        combined = render.combine([load(j) for j in jobs], title=TITLE, date=coverage)
        tasks = [lambda fmt=fmt: (render_one(combined, fmt, stage / f"report.{fmt}", toc=True), progress(f"rendered report.{fmt}"))
                 for fmt in formats]  # fmt: skip
        in_parallel(tasks, options.jobs)
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
