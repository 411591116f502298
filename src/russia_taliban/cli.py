"""`russia-taliban` command line: a thin layer over the library.

User errors (UserError) are caught here once and printed as one line with exit code 2; `--debug`
shows the traceback instead. Heavy modules are imported inside the commands so that a no-op
`build` returns quickly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import UserError

DEFAULT_CORPUS = "seeds"
DEFAULT_OUTPUT = "reports"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="russia-taliban", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def corpus_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--corpus", default=DEFAULT_CORPUS, metavar="DIR", help="folder of .txt articles (default: seeds)"
        )

    def lexicon_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lexicon", metavar="FILE", help="YAML of themes added to or overriding the built-in ones")

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
    build.add_argument("--output", default=DEFAULT_OUTPUT, metavar="DIR", help="where reports go (default: reports)")
    build.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="notebooks run at once")
    build.add_argument("--force", action="store_true", help="re-run everything, ignoring the cache")

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

    validate = sub.add_parser("validate", help="precision, recall and F1 of the theme tags against human coding")
    lexicon_arg(validate)
    validate.add_argument("--gold", metavar="FILE", help="CSV of hand-coded paragraphs (default: the seeds' coding)")
    validate.add_argument("--corpus", metavar="DIR", help="corpus the coding refers to, when it has no text column")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args) or 0
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
        shown = frame[["article_id", "published", "outlet", "author", "words", "title"]]
        print(shown.to_string(index=False, max_colwidth=48))
    return 0


def _report_skipped(corpus) -> None:
    for item in corpus.skipped:
        print(f"russia-taliban: skipped {item.file}: {item.reason}", file=sys.stderr)
    for article in corpus.articles:
        for warning in article.warnings:
            print(f"russia-taliban: warning: {warning}", file=sys.stderr)


def _themes(args: argparse.Namespace) -> int:
    from .tag.lexicon import load_lexicon

    lexicon = load_lexicon(args.lexicon)
    for theme in lexicon.themes.values():
        print(f"{theme.name:14s} {len(theme.terms):4d} terms  {theme.description}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from .load.corpus import load_corpus
    from .tag.tables import build_tables, write_tables
    from .tag.lexicon import load_lexicon

    corpus = load_corpus(args.corpus)
    _report_skipped(corpus)
    tables = build_tables(corpus, load_lexicon(args.lexicon))
    for path in write_tables(tables, Path(args.dir), fmt=args.format):
        print(path)
    return 0


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
    )
    build(options, progress=lambda line: print(line, file=sys.stderr, flush=True))
    return 0


_COMMANDS = {"build": _build, "corpus": _corpus, "themes": _themes, "export": _export, "validate": _validate}
