"""Running notebooks with papermill on a pool of threads, and handing finished ones to the renderer."""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import NotebookError
from .plan import Job, Progress

if TYPE_CHECKING:
    import nbformat

KERNEL = "python3"  # the interpreter running the build, so notebooks see the same library
_QUIET_KERNEL = ["--IPKernelApp.log_level=ERROR"]  # the kernel's start-up warnings are not the user's concern


class Counter:
    """`n/N` for progress lines written from several threads."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self._lock = total, 0, threading.Lock()

    def next(self) -> str:
        with self._lock:
            self.done += 1
            return f"{self.done}/{self.total}"


def in_parallel(tasks: list[Callable[[], object]], jobs: int) -> None:
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


def execute(job: Job, target: Path, failed: Path, progress: Progress, counter: Counter) -> None:
    """Run one notebook into `target`; on a failing cell keep the partial run as `failed` and say where."""
    import papermill

    progress(f"running {job.name}")
    t = time.perf_counter()
    try:
        # no `cwd=`: papermill would chdir the whole process, which other threads share
        papermill.execute_notebook(str(job.notebook), str(target), parameters=job.parameters, kernel_name=KERNEL,
                                   progress_bar=False, log_output=False, extra_arguments=_QUIET_KERNEL)  # fmt: skip
    except papermill.PapermillExecutionError as exc:
        failed.parent.mkdir(exist_ok=True)
        if target.is_file():
            shutil.copyfile(target, failed)
        raise NotebookError(f"notebook {job.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}",
                            fix=f"see {failed} (the partly executed notebook); the previous reports are unchanged") from None  # fmt: skip
    job.seconds = round(time.perf_counter() - t, 2)
    job.status = "executed"
    progress(f"executed {counter.next()} {job.name} in {job.seconds:.1f} s")


def render_one(nb: nbformat.NotebookNode, fmt: str, target: Path, *, toc: bool = False) -> None:
    """The one call into the renderer (build/render.py), per format."""
    from . import render

    if fmt == "html":
        render.to_html(nb, target, toc=toc)
    else:
        render.to_pdf(nb, target)
