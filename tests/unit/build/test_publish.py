"""Generations and the one-rename publish, including a process killed on either side of the swap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from russia_taliban.build import manifest, publish


def generation(out: Path, files: dict[str, str]) -> Path:
    """Stage `files`, link in the published ones, write the manifest and publish."""
    with publish.staging(out) as stage:
        for rel, text in files.items():
            (stage / rel).parent.mkdir(parents=True, exist_ok=True)
            (stage / rel).write_text(text)
        publish.carry_over(stage, out)
        manifest.write({"files": manifest.file_hashes(stage)}, stage / "manifest.json")
        return publish.publish(stage, out)


def published_view(out: Path) -> dict[str, str]:
    """What a reader sees through the fixed top-level names."""
    view = {}
    for top in out.iterdir():
        if top.name.startswith("."):
            continue
        for path in [top] if top.is_file() else sorted(top.rglob("*")):
            if path.is_file():
                view[path.relative_to(out).as_posix()] = path.read_text()
    return view


def test_publish_switches_every_file_at_once_and_carries_over_the_rest(tmp_path: Path) -> None:
    first = generation(tmp_path, {"report.html": "old report", "themes/a.html": "a1", "themes/b.html": "b1"})
    second = generation(tmp_path, {"report.html": "new report", "themes/a.html": "a2"})
    view = published_view(tmp_path)
    assert {k: v for k, v in view.items() if k != "manifest.json"} == {
        "report.html": "new report", "themes/a.html": "a2", "themes/b.html": "b1"}  # fmt: skip
    assert not first.exists() and publish.current(tmp_path) == second
    assert (tmp_path / "report.html").is_symlink() and (tmp_path / "themes").is_symlink()
    assert set(manifest.read(tmp_path / "manifest.json")["files"]) == {"report.html", "themes/a.html", "themes/b.html"}


def test_leftovers_of_a_killed_build_are_removed_but_not_the_published_generation(tmp_path: Path) -> None:
    kept = generation(tmp_path, {"report.html": "published"})
    stale = tmp_path / publish.GENERATIONS / "1234-99.staging"
    (stale / "themes").mkdir(parents=True)
    unpublished = tmp_path / publish.GENERATIONS / "5678-99"
    unpublished.mkdir()
    own = tmp_path / publish.GENERATIONS / "notes-of-the-user"
    own.mkdir()
    publish.clean_leftovers(tmp_path)
    assert kept.is_dir() and not stale.exists() and not unpublished.exists() and own.exists()


SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from test_publish import generation
generation(Path({out!r}), {{"report.html": "new", "themes/a.html": "a-new"}})
"""


@pytest.mark.parametrize(("point", "expected"), [("before-swap", "old"), ("after-swap", "new")])
def test_a_kill_on_either_side_of_the_swap_leaves_one_whole_generation(
    tmp_path: Path, point: str, expected: str
) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    generation(out, {"report.html": "old", "themes/a.html": "a-old"})
    before = published_view(out)
    script = SCRIPT.format(tests=str(Path(__file__).parent), out=str(out))
    done = subprocess.run([sys.executable, "-c", script], env={**os.environ, publish.FAULT_ENV: point}, check=False)
    assert done.returncode == -9  # killed at that point, with no chance to clean up
    view = published_view(out)
    if expected == "old":
        assert view == before
    else:
        assert view["report.html"] == "new" and view["themes/a.html"] == "a-new"
    files = manifest.read(out / "manifest.json")["files"]
    published = publish.current(out)
    assert all(manifest.file_hashes(published)[rel] == sha for rel, sha in files.items())


def test_removed_top_level_links_are_made_again(tmp_path: Path) -> None:
    published = generation(tmp_path, {"report.html": "report", "themes/a.html": "a"})
    for name in ("report.html", "themes", "manifest.json"):  # `rm -rf reports/*`
        (tmp_path / name).unlink()
    publish.link_entries(published, tmp_path)
    assert published_view(tmp_path)["themes/a.html"] == "a" and (tmp_path / "report.html").read_text() == "report"
