"""What a build would run: the options, one job per notebook run, and the cache key of each.

Keys hold content, not paths. A theme notebook's key has its own theme's lexicon (not the whole
lexicon file), so editing one theme re-runs that theme, the overview (its charts use every theme) and
the combined report, and nothing else.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .. import config
from ..errors import BuildError, LexiconError, ThemeError
from . import fingerprint as fp

if TYPE_CHECKING:  # the tagger loads only when a lexicon must be parsed, not for a no-op build
    from ..tag.lexicon import Lexicon

NOTEBOOKS = ("overview.ipynb", "theme.ipynb")
Progress = Callable[[str], None]


def installed_notebooks() -> Path:
    """The notebooks of the installed package, never the working directory's `notebooks/`.

    A wheel ships them as package data (`russia_taliban/notebooks`); a source checkout installed in
    editable mode has them beside `src/`.
    """
    packaged = Path(str(resources.files("russia_taliban"))) / "notebooks"
    if (packaged / NOTEBOOKS[0]).is_file():
        return packaged
    package = Path(str(resources.files("russia_taliban"))).resolve()
    if package.parent.name == "src":
        return package.parents[1] / "notebooks"
    return packaged  # missing: `plan` says so in one line


@dataclass(frozen=True)
class BuildOptions:
    corpus: Path = config.DEFAULT_CORPUS
    output: Path = config.DEFAULT_OUTPUT
    themes: tuple[str, ...] = ()  # empty: the overview, every theme and the combined report
    keywords: str | None = None
    lexicon: Path | None = None
    formats: tuple[str, ...] = config.FORMATS
    jobs: int = field(default_factory=config.default_jobs)
    force: bool = False
    notebooks: Path | None = None  # None: the installed notebooks

    @property
    def full(self) -> bool:
        """A full build: overview, every theme and the combined report."""
        return not self.themes


@dataclass
class Job:
    name: str  # "overview" or "theme-<name>"
    notebook: Path
    parameters: dict[str, object]
    key: str
    theme: str | None = None
    seconds: float = 0.0
    status: str = "pending"  # pending, cached, executed
    tables: str = ""  # the tables key its executed notebook reads

    def outputs(self, formats: tuple[str, ...]) -> dict[str, str]:
        """Rendered files of a theme job, relative to the output folder (the overview shows only in report.*)."""
        return {f: f"themes/{self.theme}.{f}" for f in formats} if self.theme else {}

    @property
    def executed(self) -> str:
        return f"executed/{self.name}.ipynb"


@dataclass(frozen=True)
class LexiconSummary:
    """What the keys need from a lexicon. Parsing and checking the YAML costs more than the rest of a
    no-op build, so a summary is memoised in the manifest under a hash of the exact input bytes."""

    names: tuple[str, ...]  # in effect, --keywords theme included
    builtin_names: tuple[str, ...]  # before --keywords
    fingerprints: dict[str, str]
    fingerprint: str
    short_words: int

    @classmethod
    def of(cls, lexicon: Lexicon, builtin_names: tuple[str, ...]) -> LexiconSummary:
        fingerprints = {name: theme.fingerprint() for name, theme in lexicon.themes.items()}
        return cls(tuple(lexicon.themes), builtin_names, fingerprints, lexicon.fingerprint(), lexicon.short_words)


@dataclass
class Plan:
    jobs: list[Job]
    summary: LexiconSummary
    memo: dict  # {"key", "summary"}: recorded in the manifest for the next build
    corpus_files: dict[str, str]
    code: str
    tables_key: str
    combined_key: str  # empty for a --theme build, which does not touch report.*
    options: BuildOptions
    _lexicon: Lexicon | None = None

    @property
    def lexicon(self) -> Lexicon:
        """The full lexicon, parsed only when tables are made."""
        if self._lexicon is None:
            self._lexicon = _load(self.options)
        return self._lexicon


def _load(options: BuildOptions) -> Lexicon:
    from ..tag.lexicon import load_lexicon

    lexicon = load_lexicon(options.lexicon)
    return lexicon if options.keywords is None else lexicon.with_keywords(options.themes[0], options.keywords)


def _memo_key(options: BuildOptions, code: str) -> str:
    """The exact inputs of the lexicon: the built-in file's bytes, the user's file's, --keywords."""
    builtin = fp.sha256_file(Path(str(resources.files("russia_taliban"))) / "data" / "themes.yaml")
    user = fp.sha256_file(options.lexicon) if options.lexicon else None
    return fp.digest(code, builtin, user, options.keywords, options.themes[:1] if options.keywords is not None else ())


def lexicon_summary(options: BuildOptions, code: str, memo: dict) -> tuple[LexiconSummary, dict, Lexicon | None]:
    """The lexicon's summary (from `memo` when its inputs are byte for byte the same), checked:
    every naming mistake is one line."""
    if options.keywords is not None and len(options.themes) != 1:
        raise LexiconError(
            "--keywords defines one theme", where="--keywords", fix="give exactly one --theme NAME with it"
        )
    readable = options.lexicon is None or options.lexicon.is_file()
    key = _memo_key(options, code) if readable else ""
    lexicon = None
    if key and memo.get("key") == key:
        summary = LexiconSummary(**{k: tuple(v) if isinstance(v, list) else v for k, v in memo["summary"].items()})
    else:
        from ..tag.lexicon import load_lexicon

        base = load_lexicon(options.lexicon)
        if options.keywords is not None and options.themes[0] in base.themes:
            name = options.themes[0]  # its published pages would be replaced by an unrelated theme
            raise ThemeError(
                f"theme {name!r} already exists, so --keywords would overwrite its pages",
                where=f"--theme {name}",
                fix="give the ad-hoc theme another name, or add terms to it with --lexicon and `extend: true`",
            )
        lexicon = base if options.keywords is None else base.with_keywords(options.themes[0], options.keywords)
        summary = LexiconSummary.of(lexicon, tuple(base.themes))
    for name in options.themes:
        if name not in summary.names:
            raise ThemeError(f"unknown theme {name!r}{suggest(name, list(summary.names))}",
                             fix=f"use one of: {', '.join(summary.names)}, or define it with --keywords")  # fmt: skip
    return summary, {"key": key, "summary": asdict(summary)}, lexicon


def plan(options: BuildOptions, memo: dict | None = None) -> Plan:
    """The jobs of a build and their keys, computed from hashes alone (no tagging, no notebooks run).
    `memo` is the previous manifest's lexicon summary."""
    code = fp.code_digest()
    summary, new_memo, lexicon = lexicon_summary(options, code, memo or {})
    notebooks = options.notebooks or installed_notebooks()
    for name in NOTEBOOKS:
        if not (notebooks / name).is_file():
            where = "--notebooks" if options.notebooks else "the installed package"
            raise BuildError(f"notebook {name} not found", where=f"{where}: {notebooks}",
                             fix="pass --notebooks with a folder holding overview.ipynb and theme.ipynb, or reinstall")  # fmt: skip
    corpus_files = fp.corpus_files(options.corpus)
    common = {"corpus": str(options.corpus), "lexicon": str(options.lexicon or "")}
    short = summary.short_words  # applies to every theme, so it is part of each theme's key
    jobs = []
    if options.full:
        path = notebooks / "overview.ipynb"
        key = fp.digest("overview", fp.notebook_digest(path), corpus_files, code, summary.fingerprint, short)
        jobs.append(Job("overview", path, dict(common), key))
    path = notebooks / "theme.ipynb"
    notebook = fp.notebook_digest(path)
    for theme in options.themes or summary.names:
        params = {**common, "theme": theme, "keywords": options.keywords or ""}
        key = fp.digest("theme", notebook, corpus_files, code, summary.fingerprints[theme], short, theme)
        jobs.append(Job(f"theme-{theme}", path, params, key, theme))
    tables_key = fp.digest(corpus_files, code, summary.fingerprint, short)
    combined_key = fp.digest([j.key for j in jobs], options.formats) if options.full else ""
    return Plan(jobs, summary, new_memo, corpus_files, code, tables_key, combined_key, options, lexicon)


def suggest(word: str, choices: list[str]) -> str:
    """` (did you mean 'x'?)` for a near miss, else nothing."""
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
