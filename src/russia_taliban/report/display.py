"""Display objects: tables, prose, passages, headings and figures, safe in HTML.

Article text is data, never markup. Each object builds its HTML from `html.escape`d text, so
`<script>` or `onerror=` in an article shows as written. The HTML and the PDF (printed from that
HTML by WeasyPrint) both use the text/html output; Markdown output is avoided for article text.

Links to files beside the report (chart CSVs, the other pages) start with ROOT; the HTML template
replaces it with the way from the page to the output folder ("" for report.html, "../" for a theme
page), so one executed notebook links correctly from both pages.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

ROOT = "%RT_ROOT%"


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def clip(text: str, width: int) -> str:
    """`text` cut at the last word boundary before `width` characters, "…" marking the cut."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > width // 2 else width - 1].rstrip(" ,;:") + "…"


def slug(text: str) -> str:
    """An HTML id from plain words ("Security: the passages" -> "security-the-passages")."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _format(value: object, spec: str = "") -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if spec and isinstance(value, (int, float)):
        return format(value, spec)
    if isinstance(value, float):
        return f"{value:.0%}" if 0 <= value <= 1 else f"{value:.2f}"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


@dataclass
class Table:
    """A captioned table: text columns left-aligned, numeric columns right-aligned, long text
    columns (`expand`) shortened with the full text in an expandable <details>."""

    frame: pd.DataFrame
    caption: str = ""
    formats: dict[str, str] = field(default_factory=dict)  # column -> format spec, e.g. ".2f"
    expand: dict[str, int] = field(default_factory=dict)  # column -> characters shown before "…"
    label: str = ""  # "Table 2.1", set by Chapter
    anchor: str = ""
    css: str = "rt-table"
    nowrap: Sequence[str] = ("published", "date", "reference")  # short columns kept on one line
    numbers: Sequence[str] = ()  # columns of formatted numbers (strings) to align as numbers

    def _numeric(self, column: str) -> bool:
        return pd.api.types.is_numeric_dtype(self.frame[column]) or column in self.formats or column in self.numbers

    def _html_cell(self, column: str, value: object) -> str:
        text = _format(value, self.formats.get(column, ""))
        cls = "num" if self._numeric(column) else "text nowrap" if column in self.nowrap else "text"
        width = self.expand.get(column)
        if width and len(text) > width:
            short = clip(text, width)
            return (
                f'<td class="{cls}"><details><summary>{esc(short)}</summary>'
                f'<p class="rt-full">{esc(text)}</p></details></td>'
            )
        return f'<td class="{cls}">{esc(text)}</td>'

    def _caption(self) -> str:
        return f"{self.label}. {self.caption}" if self.label else self.caption

    def _repr_html_(self) -> str:
        head = "".join(
            f'<th scope="col" class="{"num" if self._numeric(c) else "text"}">{esc(c)}</th>' for c in self.frame.columns
        )
        body = "".join(
            "<tr>" + "".join(self._html_cell(c, v) for c, v in zip(self.frame.columns, row, strict=True)) + "</tr>"
            for row in self.frame.itertuples(index=False)
        )
        caption = f"<caption>{esc(self._caption())}</caption>" if self.caption else ""
        anchor = f' id="{esc(self.anchor)}"' if self.anchor else ""
        return f'<table class="{self.css}"{anchor}>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def __repr__(self) -> str:
        return (self._caption() + "\n" if self.caption else "") + self.frame.to_string(index=False)


@dataclass
class Prose:
    """Paragraphs of generated text (which may quote article titles), escaped."""

    lines: Sequence[str]
    bullets: bool = False
    css: str = ""

    def _repr_html_(self) -> str:
        items = [esc(line) for line in self.lines]
        cls = f' class="{self.css}"' if self.css else ""
        if self.bullets:
            return f"<ul{cls}>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
        body = "".join(f"<p>{i}</p>" for i in items)
        return f"<div{cls}>{body}</div>" if self.css else body

    def __repr__(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Heading:
    """A section heading with a chosen id, so every chapter's sections have ids of their own."""

    text: str
    level: int = 2
    anchor: str = ""

    def _repr_html_(self) -> str:
        return f'<h{self.level} id="{esc(self.anchor or slug(self.text))}">{esc(self.text)}</h{self.level}>'

    def __repr__(self) -> str:
        return "#" * self.level + " " + self.text


@dataclass
class Links:
    """Links to other pages of the report (HTML only; the PDF holds every chapter). An item's
    `where` is "report" (shown only in the combined report), "page" (only on a page of its own) or
    "" (both); the template marks the combined report's <body> so the stylesheet can choose."""

    items: Sequence[tuple[str, str, str]]  # (text, href relative to the output folder, where)
    css: str = "rt-links"

    def _repr_html_(self) -> str:
        spans = "".join(
            f'<span class="rt-only-{where or "any"}"><a href="{ROOT}{esc(href)}">{esc(text)}</a></span>'
            for text, href, where in self.items
        )
        return f'<p class="{self.css}">{spans}</p>'

    def __repr__(self) -> str:
        return " · ".join(text for text, _, _ in self.items)


@dataclass
class Passages:
    """Paragraphs with their matched terms highlighted (<mark> in HTML, bold in the PDF) and cited."""

    rows: pd.DataFrame  # columns: source, score, text, spans
    measure: str = "score"  # what `score` is: a learned theme's probability or a rule theme's lexicon score

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
            body = "".join(f"<mark>{esc(t)}</mark>" if hit else esc(t) for t, hit in self._pieces(row.text, row.spans))
            meta = esc(f"{row.source} · {self.measure} {row.score:g}")
            out.append(f'<blockquote class="rt-passage"><p>{body}</p><footer>{meta}</footer></blockquote>')
        return "".join(out)

    def __repr__(self) -> str:
        return "\n\n".join(f"[{r.source}] {r.text}" for r in self.rows.itertuples(index=False))


@dataclass
class Concordance:
    """Keyword in context as a concordance: left context right-aligned against a fixed keyword
    column, right context left-aligned, and the source of each line."""

    lines: pd.DataFrame  # columns: term, left, match, right, source
    caption: str = ""
    label: str = ""
    anchor: str = ""

    def _caption(self) -> str:
        return f"{self.label}. {self.caption}" if self.label else self.caption

    def _repr_html_(self) -> str:
        rows = "".join(
            f'<tr><td class="kwic-left"><div>{esc(r.left)}</div></td><td class="kwic-key">{esc(r.match)}</td>'
            f'<td class="kwic-right"><div>{esc(r.right)}</div></td><td class="kwic-source">{esc(r.source)}</td></tr>'
            for r in self.lines.itertuples(index=False)
        )
        anchor = f' id="{esc(self.anchor)}"' if self.anchor else ""
        head = (
            '<thead><tr><th scope="col" class="kwic-left">left context</th><th scope="col" class="kwic-key">'
            'keyword</th><th scope="col" class="kwic-right">right context</th><th scope="col" class="kwic-source">source</th></tr></thead>'
        )
        return (
            f'<table class="rt-table rt-kwic"{anchor}><caption>{esc(self._caption())}</caption>{head}'
            f"<tbody>{rows}</tbody></table>"
        )

    def __repr__(self) -> str:
        width = max((len(x) for x in self.lines.left), default=0)
        return "\n".join(f"{r.left:>{width}} [{r.match}] {r.right}" for r in self.lines.itertuples(index=False))


@dataclass
class FigureView:
    """A numbered, captioned figure with real alt text and, when exported, a link to its numbers."""

    figure: Figure
    caption: str
    alt: str
    label: str = ""  # "Figure 1.2"
    anchor: str = ""
    csv: str = ""  # path of the chart's numbers relative to the output folder, when written
    dpi: int = 200

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=self.dpi, metadata={"Software": None})
        return buffer.getvalue()

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, object]:
        data = self.png()
        encoded = base64.b64encode(data).decode("ascii")
        link = f' <a class="rt-data" href="{ROOT}{esc(self.csv)}">The numbers (CSV)</a>' if self.csv else ""
        label = f"<strong>{esc(self.label)}.</strong> " if self.label else ""
        anchor = f' id="{esc(self.anchor)}"' if self.anchor else ""
        figure = (
            f'<figure class="rt-figure"{anchor}><img alt="{esc(self.alt)}" src="data:image/png;base64,{encoded}">'
            f"<figcaption>{label}{esc(self.caption)}{link}</figcaption></figure>"
        )
        return {"text/html": figure, "image/png": encoded, "text/plain": f"{self.label}. {self.caption}"}


@dataclass
class Chapter:
    """Numbers a chapter's figures and tables and writes each figure's numbers beside the report.

    `export_dir` is the build's output (staging) folder; CSVs go to data/<name>/ inside it. Without
    one (a notebook run by hand), or once it is gone (an executed notebook re-run after its build),
    nothing is written and no link is shown.
    """

    number: int
    name: str  # "overview", "theme-security": the executed notebook's name
    export_dir: str = ""
    figures: int = 0
    tables: int = 0

    def figure(self, chart: object, caption: str = "") -> FigureView:
        """`chart` is a plots.Chart (figure, data, alt, caption); `caption` replaces the chart's own."""
        self.figures += 1
        label = f"Figure {self.number}.{self.figures}"
        anchor = f"figure-{self.number}-{self.figures}"
        csv = ""
        if self.export_dir and Path(self.export_dir).is_dir():  # gone when an old executed notebook is re-run
            csv = f"data/{self.name}/{anchor}.csv"
            path = Path(self.export_dir) / csv
            path.parent.mkdir(parents=True, exist_ok=True)
            chart.data.to_csv(path, index=False, encoding="utf-8")  # type: ignore[attr-defined]
        return FigureView(chart.figure, caption or chart.caption, chart.alt, label, anchor, csv)  # type: ignore[attr-defined]

    def table(self, table: Table | Concordance | Prose) -> Table | Concordance | Prose:
        """Numbers a table; prose standing in for a table (nothing to show) passes through."""
        if isinstance(table, Prose):
            return table
        self.tables += 1
        table.label = f"Table {self.number}.{self.tables}"
        table.anchor = f"table-{self.number}-{self.tables}"
        return table

    def heading(self, text: str, level: int = 2) -> Heading:
        return Heading(text, level, f"c{self.number}-{slug(text)}")
