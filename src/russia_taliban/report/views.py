"""What the notebooks display: tables, prose and passages that are safe in HTML and in LaTeX.

Article text is data, never markup. Each display object builds its HTML from `html.escape`d text and
its LaTeX from `latex_escape`d text, so `<script>`, `\\input{...}` or `$` in an article shows as
written. (Markdown output is avoided for article text: pandoc passes raw TeX in Markdown through to
the PDF.) nbconvert picks text/html for the HTML report and text/latex for the PDF.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..tag.tables import Tables
from ..text.normalise import shorten
from . import analysis

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "[": "{[}",
    "]": "{]}",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX_SPECIAL))


def latex_escape(text: object) -> str:
    """Text that XeLaTeX prints literally (no command, no group, no math, no line break)."""
    cleaned = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", str(text)).replace("\n", " ")
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group()], cleaned)


def _format(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.0%}" if 0 <= value <= 1 else f"{value:.2f}"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


@dataclass
class Table:
    """A table rendered as escaped HTML and as a LaTeX longtable with wrapped columns."""

    frame: pd.DataFrame
    caption: str = ""
    widths: Sequence[float] | None = None  # fractions of the text width, one per column
    formats: dict[str, str] = field(default_factory=dict)  # column -> format spec, e.g. ".2f"

    def _cell(self, column: str, value: object) -> str:
        if column in self.formats and isinstance(value, (int, float)):
            return format(value, self.formats[column])
        return _format(value)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.frame.columns)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(self._cell(c, v))}</td>" for c, v in zip(self.frame.columns, row, strict=True))
            + "</tr>"
            for row in self.frame.itertuples(index=False)
        )
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return f'<table class="rt-table">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def _repr_latex_(self) -> str:
        n = len(self.frame.columns)
        widths = self.widths or [0.96 / n] * n
        spec = "".join(rf">{{\raggedright\arraybackslash}}p{{{w:.3f}\linewidth}}" for w in widths)
        head = " & ".join(rf"\textbf{{{latex_escape(c)}}}" for c in self.frame.columns) + r" \\"
        rows = [
            " & ".join(latex_escape(self._cell(c, v)) for c, v in zip(self.frame.columns, row, strict=True)) + r" \\"
            for row in self.frame.itertuples(index=False)
        ]
        caption = rf"\caption*{{{latex_escape(self.caption)}}}\\" if self.caption else ""
        return "\n".join([r"{\small", rf"\begin{{longtable}}{{{spec}}}", caption, r"\toprule", head, r"\midrule", r"\endhead",
                          *rows, r"\bottomrule", r"\end{longtable}}"])  # fmt: skip

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


@dataclass
class Prose:
    """Paragraphs of generated text (which may quote article titles), escaped for both formats."""

    lines: Sequence[str]
    bullets: bool = False

    def _repr_html_(self) -> str:
        items = [html.escape(line) for line in self.lines]
        if self.bullets:
            return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
        return "".join(f"<p>{i}</p>" for i in items)

    def _repr_latex_(self) -> str:
        items = [latex_escape(line) for line in self.lines]
        if self.bullets:
            return "\\begin{itemize}\n" + "\n".join(f"\\item {i}" for i in items) + "\n\\end{itemize}"
        return "\n\n".join(items)

    def __repr__(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Passages:
    """Paragraphs with their matched terms highlighted (<mark> in HTML, bold in the PDF)."""

    rows: pd.DataFrame  # columns: article, paragraph_id, score, text, spans

    def _pieces(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
        pieces, at = [], 0
        for start, end in sorted(spans):
            if start < at:
                continue
            pieces += [(text[at:start], False), (text[start:end], True)]
            at = end
        return [*pieces, (text[at:], False)]

    def _repr_html_(self) -> str:
        out = []
        for row in self.rows.itertuples(index=False):
            body = "".join(
                f"<mark>{html.escape(t)}</mark>" if hit else html.escape(t)
                for t, hit in self._pieces(row.text, row.spans)
            )
            meta = html.escape(f"{row.article} · {row.paragraph_id} · score {row.score:g}")
            out.append(f'<blockquote class="rt-passage"><p>{body}</p><footer>{meta}</footer></blockquote>')
        return "".join(out)

    def _repr_latex_(self) -> str:
        out = []
        for row in self.rows.itertuples(index=False):
            body = "".join(
                rf"\textbf{{{latex_escape(t)}}}" if hit else latex_escape(t)
                for t, hit in self._pieces(row.text, row.spans)
            )
            meta = latex_escape(f"{row.article} · {row.paragraph_id} · score {row.score:g}")
            out.append(rf"\begin{{quote}}{body}\\ {{\footnotesize\itshape {meta}}}\end{{quote}}")
        return "\n".join(out)

    def __repr__(self) -> str:
        return "\n\n".join(f"[{r.article}] {r.text}" for r in self.rows.itertuples(index=False))


def heading_for(text: str) -> str:
    """A Markdown heading for a generated title; refuses anything but plain words (no markup)."""
    if not re.fullmatch(r"[\w ,:()-]+", text):
        raise ValueError(f"unsafe heading {text!r}")
    return text


def articles_table(tables: Tables, *, limit: int = 30) -> Table:
    a = analysis.dated_articles(tables)
    shown = a.head(limit)
    frame = pd.DataFrame(
        {
            "published": shown.published.where(shown.published != "", "unknown"),
            "outlet": shown.outlet,
            "author": shown.author.where(shown.author != "", "unknown"),
            "words": shown.words,
            "title": shown.title.where(shown.title != "", "(no headline)"),
        }
    )
    caption = f"{len(a)} articles" + (f"; the first {limit} by date" if len(a) > limit else "")
    return Table(frame, caption, widths=[0.12, 0.2, 0.2, 0.08, 0.36])


def shares_table(tables: Tables, themes: list[str] | None = None) -> Table:
    themes = themes or tables.themes
    s = analysis.theme_shares(tables)
    frame = s[["label", "paragraphs", *themes]].rename(columns={"label": "article or period"})
    return Table(
        frame,
        "Share of content paragraphs tagged with each theme",
        widths=[0.34, 0.1, *[0.5 / len(themes)] * len(themes)],
    )


def quotes_table(tables: Tables, quotes: pd.DataFrame | None = None, *, limit: int = 20, width: int = 220) -> Table:
    q = tables.quotes if quotes is None else quotes
    labels = analysis.article_labels(tables)
    q = q.head(limit)
    frame = pd.DataFrame(
        {
            "speaker": q.speaker.where(q.speaker != "", "(unattributed)"),
            "quote": q.quote.map(lambda s: shorten(s, width)),
            "article": q.article_id.map(labels),
        }
    )
    return Table(
        frame,
        f"{len(frame)} of {len(tables.quotes if quotes is None else quotes)} quotations",
        widths=[0.18, 0.56, 0.22],
    )


def events_table(tables: Tables, events: pd.DataFrame | None = None, *, limit: int = 25, width: int = 200) -> Table:
    e = (tables.events if events is None else events).sort_values(["date", "paragraph_id"]).head(limit)
    frame = pd.DataFrame(
        {
            "date": e.date,
            "event (the sentence that dates it)": e.text.map(lambda s: shorten(s, width)),
            "actors": e.actors,
        }
    )
    return Table(frame, f"{len(frame)} dated events, oldest first", widths=[0.11, 0.6, 0.25])


def kwic_table(lines: pd.DataFrame) -> Table:
    return Table(lines, "Keyword in context", widths=[0.14, 0.36, 0.13, 0.33])


def lexicon_table(tables: Tables, theme: str) -> Table:
    spec = tables.lexicon["themes"][theme]
    by_weight: dict[float, list[str]] = {}
    for term, weight in spec["terms"]:
        by_weight.setdefault(weight, []).append(term)
    frame = pd.DataFrame({"weight": [f"{w:g}" for w in sorted(by_weight, reverse=True)],
                          "terms": [", ".join(by_weight[w]) for w in sorted(by_weight, reverse=True)]})  # fmt: skip
    if spec["exclude"]:
        frame.loc[len(frame)] = ["not counted", ", ".join(spec["exclude"])]
    return Table(frame, f"Lexicon for {theme} ({spec['source']})", widths=[0.14, 0.82])


def validation_table(validation: pd.DataFrame) -> Table:
    return Table(validation, "Agreement with human coding (F1: in-sample, leave-one-article-out, held-out set)",
                 widths=[0.14, 0.11, 0.12, 0.11, 0.1, 0.1, 0.1, 0.12],
                 formats={c: ".2f" for c in ("precision", "recall", "f1", "loao_f1", "heldout_f1")})  # fmt: skip


def theme_heading(tables: Tables, theme: str) -> Prose:
    """Show the theme's title (a Markdown heading, so it enters the table of contents) and return its summary."""
    from IPython.display import Markdown, display

    spec = tables.lexicon["themes"].get(theme)
    if spec is None:
        raise ValueError(f"unknown theme {theme!r}; the tables have: {', '.join(tables.themes)}")
    display(Markdown(f"# Theme: {heading_for(theme)}"))
    c = analysis.content(tables)
    tagged = int(c[theme].sum())
    return Prose([spec["description"] or f"The {theme} theme.",
                  f"{tagged} of {len(c)} content paragraphs ({tagged / max(1, len(c)):.0%}) carry this theme."])  # fmt: skip


def theme_validation(validation: pd.DataFrame, theme: str) -> Table | Prose:
    rows = validation[validation.theme == theme]
    if rows.empty:
        return Prose([f"No human coding exists for {theme}, so its tags are unvalidated: read the passages above."])
    return validation_table(rows)
