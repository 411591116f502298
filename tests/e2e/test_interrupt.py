"""Interrupted and concurrent builds never leave half-written or mixed reports."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import ROOT, SEEDS, copy_reports, published

pytestmark = pytest.mark.slow


def cli(out: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "russia_taliban", "build", "--corpus", str(SEEDS), "--output", str(out), *args]


def _ctrl_c_as_at_a_terminal() -> None:
    """A build started from a background job inherits SIGINT ignored (shells do that to `&` jobs), and
    Python then leaves it ignored; a user pressing Ctrl-C at a terminal has it delivered."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def snapshot(folder: Path) -> dict[str, str]:
    return published(folder)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("interrupt") / "reports"
    done = subprocess.run(
        cli(out, "--theme", "economics", "--format", "html"), cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def reports(built_once: Path, tmp_path: Path) -> Path:
    return copy_reports(built_once, tmp_path / "reports")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_build_leaves_previous_reports_and_recovers(reports: Path, sig: signal.Signals) -> None:
    before = snapshot(reports)
    with subprocess.Popen(cli(reports, "--theme", "economics", "--format", "html", "--force"), cwd=ROOT,
                          stderr=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_as_at_a_terminal) as proc:  # fmt: skip
        seen = []
        for line in proc.stderr:  # wait until the notebook is running, then interrupt
            seen.append(line)
            if line.startswith("running theme-economics"):
                time.sleep(0.5)
                proc.send_signal(sig)
                break
        rest = proc.stderr.read()
        assert proc.wait(timeout=120) == 130, "".join(seen) + rest
    assert "interrupted" in rest
    assert snapshot(reports) == before
    assert not list(reports.glob(".generations/*.staging"))
    again = subprocess.run(cli(reports, "--theme", "economics", "--format", "html", "--force"), cwd=ROOT,
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "built 1 notebook," in again.stderr


def test_second_build_into_the_same_folder_stops_clearly(reports: Path) -> None:
    before = snapshot(reports)
    with (reports / ".lock").open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a build in progress holds this lock
        done = subprocess.run(
            cli(reports, "--theme", "economics", "--force"), cwd=ROOT, capture_output=True, text=True, check=False
        )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"russia-taliban: error: {reports}: another build is writing to this folder — wait for it to finish, or build into another --output"
    ]
    assert snapshot(reports) == before


def test_stale_staging_from_a_killed_build_is_cleaned_up(reports: Path) -> None:
    stale = reports / ".generations" / "1234abcd-99999.staging"
    (stale / "themes").mkdir(parents=True)
    (stale / "themes" / "economics.html").write_text("half-written")
    done = subprocess.run(cli(reports, "--theme", "economics", "--format", "html", "--force"), cwd=ROOT,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not stale.exists()
    assert "half-written" not in (reports / "themes" / "economics.html").read_text()


def test_killed_build_cannot_publish_partial_files(reports: Path) -> None:
    before = snapshot(reports)
    with subprocess.Popen(cli(reports, "--theme", "economics", "--format", "html", "--force"), cwd=ROOT,
                          stderr=subprocess.PIPE, text=True, start_new_session=True) as proc:  # fmt: skip
        for line in proc.stderr:
            if line.startswith("running theme-economics"):
                os.killpg(proc.pid, signal.SIGKILL)  # no chance to clean up
                break
        proc.wait(timeout=60)
    assert snapshot(reports) == before
    shutil.rmtree(reports / ".cache", ignore_errors=True)
