"""`russia-taliban` command line: a thin layer over the library.

User errors (UserError) are caught here once and printed as one line with exit code 2; `--debug`
shows the traceback instead. So are mistyped commands and flags, with a "did you mean". Heavy modules
are imported inside the commands so that a no-op `build` returns quickly; output cut short by a
closed pipe (`russia-taliban corpus | head`) ends quietly.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__, config
from .errors import UserError


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors that suggest the nearest command, flag or choice."""

    def error(self, message: str) -> NoReturn:
        words = re.findall(r"(?:unrecognized arguments|invalid choice): '?([^' ]+)", message)
        choices = sorted(_all_options(self))
        choices += re.findall(r"'([^']+)'", message.split("choose from", 1)[1]) if "choose from" in message else []
        close = difflib.get_close_matches(words[0], choices, n=1) if words else []
        hint = f" (did you mean {close[0]}?)" if close else ""
        self.exit(2, f"russia-taliban: error: {message}{hint} — see `{self.prog} --help`\n")


def _all_options(parser: argparse.ArgumentParser) -> set[str]:
    found = set(parser._option_string_actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _all_options(sub)
    return found


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="russia-taliban", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"russia-taliban {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def corpus_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--corpus",
            default=str(config.DEFAULT_CORPUS),
            metavar="DIR",
            help="folder of .txt, .html and .pdf articles (default: seeds)",
        )

    def lexicon_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lexicon", metavar="FILE", help="YAML of themes added to or overriding the built-in ones")

    def engine_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--engine", choices=["local", "dask"], default="local",
                       help="where tagging runs: this process, or a Dask cluster for corpora too large for one machine")  # fmt: skip
        p.add_argument("--workers", type=int, default=0, metavar="N",
                       help="--engine dask: worker processes of the local cluster (default: one per core)")  # fmt: skip
        p.add_argument("--scheduler", default="", metavar="ADDRESS",
                       help="--engine dask: a running cluster's scheduler (tcp://host:8786) instead of a local one")  # fmt: skip

    build = sub.add_parser("build", help="tag the corpus, run the notebooks, render HTML and PDF")
    build.add_argument(
        "--theme", action="append", default=[], metavar="NAME", help="build only this theme (repeatable)"
    )
    build.add_argument(
        "--keywords", metavar='"a, b"', help="define --theme NAME ad hoc from these comma-separated terms"
    )
    lexicon_arg(build)
    build.add_argument("--format", choices=["html", "pdf", "all"], default="all", help="what to render (default: all)")
    corpus_arg(build)
    build.add_argument("--output", default=str(config.DEFAULT_OUTPUT), metavar="DIR",
                       help="where reports go (default: reports); a new or empty folder, or one a build made")  # fmt: skip
    build.add_argument("--jobs", type=int, default=config.default_jobs(), metavar="N", help="notebooks run at once")
    build.add_argument("--force", action="store_true", help="re-run everything, ignoring the cache")
    engine_args(build)
    build.add_argument("--notebooks", metavar="DIR",
                       help="run overview.ipynb and theme.ipynb from DIR instead of the installed ones")  # fmt: skip

    corpus = sub.add_parser("corpus", help="load the corpus and print its articles table")
    corpus_arg(corpus)
    corpus.add_argument("--json", action="store_true", help="print the articles table as JSON")

    themes = sub.add_parser("themes", help="list the themes with their descriptions and term counts")
    lexicon_arg(themes)

    export = sub.add_parser("export", help="write the articles, paragraphs, mentions, events and quotes tables")
    export.add_argument("dir", metavar="DIR", help="output folder")
    corpus_arg(export)
    lexicon_arg(export)
    export.add_argument("--format", choices=["csv", "parquet"], default="csv")
    engine_args(export)

    validate = sub.add_parser("validate", help="precision, recall and F1 of the theme tags against human coding")
    lexicon_arg(validate)
    validate.add_argument("--gold", metavar="FILE", help="CSV of hand-coded paragraphs (default: the seeds' coding)")
    validate.add_argument("--corpus", metavar="DIR", help="corpus the coding refers to, when it has no text column")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args) or 0
    except BrokenPipeError:  # the reader (`| head`) has all it wanted; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except UserError as exc:
        if args.debug:
            raise
        print(f"russia-taliban: error: {exc.line()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("russia-taliban: interrupted", file=sys.stderr)
        return 130


def _corpus(args: argparse.Namespace) -> int:
    from .load.corpus import load_corpus

    corpus = load_corpus(args.corpus)
    _report_skipped(corpus)
    frame = corpus.articles_frame
    if args.json:
        print(json.dumps(frame.to_dict(orient="records"), ensure_ascii=False, indent=2))
    else:
        shown = frame[["article_id", "format", "published", "date_source", "outlet", "author", "words", "title"]]
        print(shown.to_string(index=False, max_colwidth=48))
    for a in corpus.articles:  # the reading check: what the report will miss
        if a.published is None:
            print(f"russia-taliban: warning: {a.source_file}: no publication date found; it will be left out of the "
                  "timeline and the time charts; add `published` to metadata.yaml", file=sys.stderr)  # fmt: skip
        if not a.title:
            print(f"russia-taliban: warning: {a.source_file}: no title found; add `title` to metadata.yaml "
                  "(or an empty value if it has none)", file=sys.stderr)  # fmt: skip
    return 0


def _report_skipped(corpus) -> None:
    from .build.tables import corpus_lines

    for line in corpus_lines(corpus):
        print(f"russia-taliban: {line}", file=sys.stderr)


def _themes(args: argparse.Namespace) -> int:
    from .tag.lexicon import load_lexicon

    lexicon = load_lexicon(args.lexicon)
    for theme in lexicon.themes.values():
        print(f"{theme.name:14s} {len(theme.terms):4d} terms  {theme.description}")
    return 0


def _engine(args: argparse.Namespace):
    from .tag.distributed import Engine

    return Engine(args.engine, workers=max(0, args.workers), scheduler=args.scheduler)


def _export(args: argparse.Namespace) -> int:
    from .load.corpus import load_corpus
    from .tag.lexicon import load_lexicon
    from .tag.tables import build_tables, write_tables

    if args.engine == "dask":
        from .tag.distributed import tag_to_folder

        def tag(folder: Path) -> list[Path]:
            result = tag_to_folder(args.corpus, load_lexicon(args.lexicon), folder, fmt=args.format,
                                   engine=_engine(args))  # fmt: skip
            for line in result.lines():
                print(f"russia-taliban: {line}", file=sys.stderr)
            return result.paths

        for path in _write_aside(Path(args.dir), tag, corpus=Path(args.corpus)):
            print(path)
        return 0
    corpus = load_corpus(args.corpus)
    _report_skipped(corpus)
    tables = build_tables(corpus, load_lexicon(args.lexicon))
    for path in _write_aside(Path(args.dir), lambda folder: write_tables(tables, folder, fmt=args.format),
                             corpus=Path(args.corpus)):  # fmt: skip
        print(path)
    return 0


def _write_aside(target: Path, write, *, corpus: Path) -> list[Path]:
    """Write every file into a hidden folder inside `target`, then move each into place complete:
    a kill leaves the previous files or the new ones, never a truncated table. `target` must be the
    tool's own, as for a build: new, empty or marked (a user's folder of files is refused, untouched)."""
    import shutil

    from .build import outdir
    from .build.publish import fault

    outdir.check(target.resolve(), corpus.resolve())
    try:
        outdir.claim(target)
        for old in target.glob(".export-*"):  # left by an export that was killed
            if re.fullmatch(r"\.export-\d+", old.name):
                shutil.rmtree(old, ignore_errors=True)
        aside = target / f".export-{os.getpid()}"
        try:
            written = write(aside)
            fault("export-written")
            placed = []
            for path in written:
                os.replace(path, target / path.name)
                placed.append(target / path.name)
        finally:
            shutil.rmtree(aside, ignore_errors=True)
    except OSError as exc:
        from .errors import OutputFolderError

        raise OutputFolderError(f"cannot write the tables: {os.strerror(exc.errno) if exc.errno else exc}",
                                where=str(target), fix=outdir.unwritable_fix(exc.errno, what="tables", target="folder")) from None  # fmt: skip
    return placed


def _validate(args: argparse.Namespace) -> int:
    from .tag.lexicon import load_lexicon
    from .tag.validate import validate

    result = validate(load_lexicon(args.lexicon), gold=args.gold, corpus=args.corpus)
    print(result.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build.pipeline import BuildOptions, build

    options = BuildOptions(
        corpus=Path(args.corpus),
        output=Path(args.output),
        themes=tuple(args.theme),
        keywords=args.keywords,
        lexicon=Path(args.lexicon) if args.lexicon else None,
        formats=("html", "pdf") if args.format == "all" else (args.format,),
        jobs=max(1, args.jobs),
        force=args.force,
        notebooks=Path(args.notebooks) if args.notebooks else None,
    )

    import threading

    one_at_a_time = threading.Lock()

    def progress(line: str) -> None:  # called from worker threads: whole lines, never two run together
        with one_at_a_time:
            sys.stderr.write(f"{line}\n")
            sys.stderr.flush()

    if args.engine == "local":  # the tagger (pandas) is imported only if tables must be made: no-op stays fast
        build(options, progress=progress)
        return 0
    from .tag.distributed import using

    with using(_engine(args)):
        build(options, progress=progress)
    return 0


_COMMANDS = {"build": _build, "corpus": _corpus, "themes": _themes, "export": _export, "validate": _validate}
