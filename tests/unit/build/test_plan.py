"""Planning: per-theme keys, the lexicon memo, one-line naming mistakes, installed notebooks only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from russia_taliban.build import fingerprint as fp
from russia_taliban.build import plan as planning
from russia_taliban.build.plan import BuildOptions, plan
from russia_taliban.errors import LexiconError, ThemeError

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"


@pytest.fixture
def user_lexicon(tmp_path: Path, monkeypatch) -> Path:
    """A --lexicon file that adds its text as a term of economics. Parsing is faked: a real user
    lexicon is checked term by term (seconds), which the tagging tests cover."""
    from dataclasses import replace

    from russia_taliban.tag import lexicon as module

    def load(path=None):
        base = module.builtin_lexicon()
        if path is None:
            return base
        economics = base.themes["economics"]
        extra = module.Term(Path(path).read_text(encoding="utf-8").strip(), 1.0)
        themes = {**base.themes, "economics": replace(economics, terms=(*economics.terms, extra))}
        return replace(base, themes=themes, sources=(*base.sources, str(path)))

    monkeypatch.setattr(module, "load_lexicon", load)
    path = tmp_path / "extra.yaml"
    path.write_text("grain deal*", encoding="utf-8")
    return path


def keys(options: BuildOptions) -> dict[str, str]:
    return {job.name: job.key for job in plan(options).jobs}


def test_one_theme_changed_changes_only_its_key_and_the_overview(user_lexicon: Path) -> None:
    lexicon = user_lexicon
    before = keys(BuildOptions(corpus=SEEDS, notebooks=NOTEBOOKS))
    after = keys(BuildOptions(corpus=SEEDS, notebooks=NOTEBOOKS, lexicon=lexicon))
    assert sorted(name for name in before if before[name] != after[name]) == ["overview", "theme-economics"]


def test_the_builtin_theme_file_is_not_part_of_the_code_digest(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "russia_taliban"
    shutil.copytree(ROOT / "src" / "russia_taliban", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fp.resources, "files", lambda name: package)
    digest = fp.code_digest()
    with (package / "data" / "themes.yaml").open("a") as handle:
        handle.write("\n# an edit to one theme's terms\n")
    assert fp.code_digest() == digest
    with (package / "cli.py").open("a") as handle:
        handle.write("\n# a code change\n")
    assert fp.code_digest() != digest


def test_the_lexicon_memo_gives_the_same_keys_without_parsing(tmp_path: Path, monkeypatch) -> None:
    options = BuildOptions(corpus=SEEDS, notebooks=NOTEBOOKS)
    first = plan(options)
    memo = json.loads(json.dumps(first.memo))  # as it comes back from manifest.json
    monkeypatch.setattr("russia_taliban.tag.lexicon.load_lexicon", lambda path=None: pytest.fail("parsed again"))
    second = plan(options, memo)
    assert [j.key for j in second.jobs] == [j.key for j in first.jobs] and second.tables_key == first.tables_key


def test_the_memo_is_not_used_when_the_lexicon_file_changed(user_lexicon: Path) -> None:
    lexicon = user_lexicon
    first = plan(BuildOptions(corpus=SEEDS, notebooks=NOTEBOOKS, lexicon=lexicon))
    lexicon.write_text("wheat", encoding="utf-8")
    second = plan(BuildOptions(corpus=SEEDS, notebooks=NOTEBOOKS, lexicon=lexicon), first.memo)
    assert second.memo["key"] != first.memo["key"]
    assert {j.name for j in first.jobs if j.key != {k.name: k.key for k in second.jobs}[j.name]} == {
        "overview", "theme-economics"}  # fmt: skip


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"themes": ("securty",)}, ThemeError, "unknown theme 'securty' (did you mean 'security'?)"),
        ({"themes": ("narcotics",)}, ThemeError, "use one of: security, economics, diplomacy, humanitarian"),
        ({"themes": ("security",), "keywords": "x, y"}, ThemeError, "theme 'security' already exists"),
        ({"keywords": "heroin"}, LexiconError, "--keywords defines one theme"),
    ],
)
def test_naming_mistakes_are_one_line(options: dict, error: type, message: str) -> None:
    with pytest.raises(error) as info:
        plan(BuildOptions(corpus=SEEDS, notebooks=NOTEBOOKS, **options))
    assert message in info.value.line() and "\n" not in info.value.line()


def test_installed_notebooks_ignore_the_working_directory(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "notebooks").mkdir()
    for name in planning.NOTEBOOKS:
        (tmp_path / "notebooks" / name).write_text("{}")
    monkeypatch.chdir(tmp_path)
    found = planning.installed_notebooks()
    assert found.resolve() != (tmp_path / "notebooks").resolve()
    assert all((found / name).is_file() for name in planning.NOTEBOOKS)
    assert plan(BuildOptions(corpus=SEEDS)).jobs[0].notebook.parent == found


def test_an_explicit_notebook_folder_is_used(tmp_path: Path) -> None:
    shutil.copytree(NOTEBOOKS, tmp_path / "nb")
    assert {j.notebook.parent for j in plan(BuildOptions(corpus=SEEDS, notebooks=tmp_path / "nb")).jobs} == {
        tmp_path / "nb"
    }
