"""The notebook runner's own parts: progress counts, the thread pool, the kernels' preloaded imports,
the failure message and the render dispatch (real kernels run in tests/e2e)."""

import json
import sys
import threading
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from russia_taliban.build import execute
from russia_taliban.build.plan import Job
from russia_taliban.errors import NotebookError


def test_counter_counts_up_to_its_total_across_threads() -> None:
    counter = execute.Counter(40)
    seen: list[str] = []
    threads = [threading.Thread(target=lambda: seen.append(counter.next())) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen, key=lambda s: int(s.split("/")[0])) == [f"{n}/40" for n in range(1, 41)]


def test_in_parallel_runs_every_task() -> None:
    done: list[int] = []
    execute.in_parallel([lambda n=n: done.append(n) for n in range(10)], jobs=3)
    assert sorted(done) == list(range(10))


@pytest.mark.parametrize("jobs", [0, 1, 4])
def test_in_parallel_raises_the_first_failure_and_skips_what_had_not_started(jobs) -> None:
    ran: list[int] = []
    gate = threading.Event()

    def fail() -> None:
        raise ValueError("cell failed")

    def later(n: int) -> None:
        gate.wait(0.2)  # hold the workers so the queue is still waiting when the failure lands
        ran.append(n)

    tasks = [fail, *(lambda n=n: later(n) for n in range(20))]
    with pytest.raises(ValueError, match="cell failed"):
        execute.in_parallel(tasks, jobs=jobs)
    assert len(ran) < 20  # the queue behind the failure was cancelled


def _write(path: Path, sources: list[object], cell_type: str = "code") -> Path:
    path.write_text(json.dumps({"cells": [{"cell_type": cell_type, "source": s} for s in sources]}), encoding="utf-8")
    return path


def test_preload_finds_top_level_absolute_imports_once_in_order(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.ipynb", [["import pandas as pd\n", "import numpy, json\n"],
                                      "from russia_taliban.report import views, plots\nfrom . import local",
                                      "%matplotlib inline\nimport never_seen",  # a magic: not parsed
                                      "def f():\n    import inner_only\n"])  # fmt: skip
    b = _write(tmp_path / "b.ipynb", ["import pandas\nimport yaml"])
    assert execute.preload([a, b, a]) == [
        "pandas", "numpy", "json", "russia_taliban.report", "russia_taliban.report.views",
        "russia_taliban.report.plots", "yaml",
    ]  # fmt: skip


def test_preload_ignores_markdown_cells(tmp_path: Path) -> None:
    assert execute.preload([_write(tmp_path / "m.ipynb", ["import looks_like_code"], "markdown")]) == []


def _job(tmp_path: Path) -> Job:
    return Job(name="theme-security", notebook=tmp_path / "theme.ipynb", parameters={"theme": "security"}, key="k")


def _fake_papermill(monkeypatch, behaviour) -> None:
    module = ModuleType("papermill")

    class PapermillExecutionError(Exception):
        def __init__(self, exec_count: int, ename: str, evalue: str) -> None:
            self.exec_count, self.ename, self.evalue = exec_count, ename, evalue

    module.PapermillExecutionError = PapermillExecutionError
    module.execute_notebook = lambda source, target, **kw: behaviour(module, Path(target), kw)
    monkeypatch.setitem(sys.modules, "papermill", module)


def test_a_successful_run_marks_the_job_executed_and_reports_its_count(tmp_path: Path, monkeypatch) -> None:
    calls: list[dict] = []
    _fake_papermill(monkeypatch, lambda _m, target, kw: calls.append(kw))
    job, said = _job(tmp_path), []
    execute.execute(job, tmp_path / "out.ipynb", tmp_path / "failed" / "x.ipynb", said.append, execute.Counter(2))
    assert job.status == "executed" and job.seconds >= 0
    assert said[0] == "running theme-security"
    assert said[1].startswith("executed 1/2 theme-security in ")
    assert calls[0]["parameters"] == {"theme": "security"} and calls[0]["kernel_name"] == execute.KERNEL
    assert "cwd" not in calls[0]  # papermill would chdir the whole process


def test_a_failing_cell_keeps_the_partial_notebook_and_names_the_cell(tmp_path: Path, monkeypatch) -> None:
    def fail(module, target: Path, _kw) -> None:
        target.write_text("partial", encoding="utf-8")
        raise module.PapermillExecutionError(7, "KeyError", "'security'")

    _fake_papermill(monkeypatch, fail)
    failed = tmp_path / "failed" / "theme-security.ipynb"
    job = _job(tmp_path)
    with pytest.raises(NotebookError) as caught:
        execute.execute(job, tmp_path / "out.ipynb", failed, lambda _: None, execute.Counter(1))
    assert caught.value.what == "notebook theme-security failed in cell 7: KeyError: 'security'"
    assert str(failed) in caught.value.fix
    assert failed.read_text(encoding="utf-8") == "partial"
    assert job.status == "pending"


@pytest.mark.parametrize(("fmt", "called"), [("html", ("to_html", True)), ("pdf", ("to_pdf", None))])
def test_render_one_dispatches_by_format(monkeypatch, fmt, called) -> None:
    from russia_taliban.build import render

    seen: list[tuple] = []
    monkeypatch.setattr(render, "to_html", lambda nb, target, toc=False: seen.append(("to_html", toc)))
    monkeypatch.setattr(render, "to_pdf", lambda nb, target, toc=None: seen.append(("to_pdf", toc)))
    execute.render_one(SimpleNamespace(), fmt, Path("x"), toc=True)
    assert seen == [called]


def test_worker_threads_leave_ctrl_c_and_sigterm_to_the_main_thread() -> None:
    import signal

    from russia_taliban.build.execute import in_parallel

    masks: list[set] = []
    in_parallel([lambda: masks.append(signal.pthread_sigmask(signal.SIG_BLOCK, []))] * 3, 2)
    assert len(masks) == 3
    assert all({signal.SIGINT, signal.SIGTERM} <= mask for mask in masks)
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # the caller's mask is untouched


@pytest.mark.parametrize(
    ("shutting_down", "running_cell", "interrupted"),
    [
        (False, False, True),  # asked for outside a shutdown (a cell timeout): sent
        (True, False, False),  # shutting down a kernel that finished its cells (or ran none): not sent
        (True, True, True),  # shutting down mid-cell (a stopped build): sent, else shutdown waits it out
    ],
)
def test_a_shutdown_interrupts_only_a_kernel_running_a_cell(
    monkeypatch, shutting_down: bool, running_cell: bool, interrupted: bool
) -> None:
    from jupyter_client.manager import AsyncKernelManager

    sent: list[bool] = []

    async def interrupt(self) -> None:
        sent.append(True)

    monkeypatch.setattr(AsyncKernelManager, "_async_interrupt_kernel", interrupt)
    km = execute._quiet_shutdown_manager()(kernel_name=execute.KERNEL)
    km.shutting_down, km.running_cell = shutting_down, running_cell
    execute._run_apart(km._async_interrupt_kernel())
    assert sent == ([True] if interrupted else [])


@pytest.mark.parametrize(
    ("hooks", "running"), [(["on_cell_execute"], True), (["on_cell_execute", "on_cell_executed"], False)]
)
def test_the_handed_kernel_is_marked_running_from_a_cells_request_to_its_reply(
    tmp_path: Path, monkeypatch, hooks: list[str], running: bool
) -> None:
    km = execute._quiet_shutdown_manager()(kernel_name=execute.KERNEL)
    seen: list[bool] = []

    def run(_module, _target, kw) -> None:
        for hook in hooks:
            kw[hook](cell={}, cell_index=0)
        seen.append(km.running_cell)
        raise KeyboardInterrupt  # the build stopped here: nbclient shuts the kernel down now

    _fake_papermill(monkeypatch, run)
    kernels = SimpleNamespace(take=lambda: km)
    with pytest.raises(KeyboardInterrupt):
        execute.execute(
            _job(tmp_path), tmp_path / "o.ipynb", tmp_path / "f.ipynb", lambda _: None, execute.Counter(1), kernels
        )
    assert seen == [running]
