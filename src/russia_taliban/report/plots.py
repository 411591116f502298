"""Every figure in the report, in one style, each with the numbers it draws and real alt text.

A chart function returns a `Chart`: the Figure, a DataFrame of exactly the numbers drawn (written
beside the report as CSV), a caption and alt text generated from those numbers. Small n is shown as
small n: one dot per article sized by its paragraphs, period aggregates with their bootstrap
intervals, never a line joining single articles. Milestone labels live in a strip of their own
above the data, staggered so they never overprint each other or a data point.

Figures are sized for the printed text width (about 6.5 in). Article text can reach a figure
(labels), so mathtext is off: a "$" is a dollar sign. Figures are built without pyplot (no global
state, nothing to close).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..resources import package_yaml
from ..tag.tables import Tables
from ..text.normalise import shorten
from . import analysis, findings, sources, uncertainty
from .analysis import plural

LABEL_WIDTH = 40  # characters of an article label on an axis
WIDTH = 7.5  # inches; shown at about 6.5 in, so 10.5 pt text stays above 9 pt
PALETTE = {"security": "#B2182B", "economics": "#2166AC", "diplomacy": "#1B7837", "humanitarian": "#E08214"}
EXTRA = ["#762A83", "#8C510A", "#01665E", "#C51B7D", "#4D4D4D", "#35978F"]
MILESTONE_FONT = 8.0

STYLE = {
    "figure.dpi": 110,
    "savefig.dpi": 200,
    "font.size": 10.5,
    "axes.titlesize": 11.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 9.5,
    "text.parse_math": False,
    "svg.hashsalt": "russia-taliban",
}


@dataclass
class Chart:
    figure: Figure
    data: pd.DataFrame  # the numbers drawn, one row per mark
    alt: str  # what a reader who cannot see the figure needs to know
    caption: str


def use_style() -> None:
    """Apply the report style (notebooks call this once; figures are shown through display objects)."""
    mpl.rcParams.update(STYLE)


@contextmanager
def _styled() -> Iterator[None]:
    with mpl.rc_context(STYLE):
        yield


def _figure(size: tuple[float, float], **grid: object) -> tuple[Figure, object]:
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.subplots(**grid)


def color(theme: str, themes: list[str] | None = None) -> str:
    if theme in PALETTE:
        return PALETTE[theme]
    others = [t for t in (themes or [theme]) if t not in PALETTE]
    return EXTRA[others.index(theme) % len(EXTRA)] if theme in others else EXTRA[0]


@functools.cache
def milestones() -> list[tuple[pd.Timestamp, str, str]]:
    """(first day, label, the date as written at its precision: "15 August 2021", "March 2022")."""
    out = []
    for m in package_yaml("milestones.yaml")["milestones"]:
        iso = str(m["date"])
        when = pd.Timestamp(analysis.first_day(iso))
        written = f"{when.day} {when:%B %Y}" if len(iso) == 10 else f"{when:%B %Y}" if len(iso) == 7 else iso
        out.append((when, str(m["label"]), written))
    return out


def stagger(starts: list[float], widths: list[float], gap: float = 0.0) -> list[int]:
    """The row of each label (left edge `starts[i]`, `widths[i]` long, in any one unit) so that no two
    labels in a row overlap: each goes to the first row where it fits, in order of its left edge."""
    rows_end: list[float] = []
    rows = [0] * len(starts)
    for i in sorted(range(len(starts)), key=lambda k: starts[k]):
        for r, end in enumerate(rows_end):
            if starts[i] >= end + gap:
                rows[i], rows_end[r] = r, starts[i] + widths[i]
                break
        else:
            rows[i] = len(rows_end)
            rows_end.append(starts[i] + widths[i])
    return rows


def _shown_milestones(start: pd.Timestamp, end: pd.Timestamp) -> list[tuple[pd.Timestamp, str]]:
    return [(when, label) for when, label, _ in milestones() if start <= when <= end]


def _milestone_strip(strip: Axes, start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Milestone labels in their own axes above the data, staggered into rows by their drawn
    widths (measured after layout), so no label overprints another; returns the number of rows."""
    shown = _shown_milestones(start, end)
    strip.set_xlim(start, end)
    strip.axis("off")
    fig = strip.get_figure()
    texts = [
        strip.annotate(
            f"{label} ({when:%b %Y})",
            (when, 0),
            fontsize=MILESTONE_FONT,
            color="#444444",
            ha="left",
            va="center",
            xytext=(3, 0),
            textcoords="offset points",
            annotation_clip=False,
        )
        for when, label in shown
    ]
    for text in texts:
        text.set_in_layout(False)  # the strip's size is fixed; labels must not reflow the data axes
    fig.draw_without_rendering()  # lays the figure out, so the labels' extents are final
    right = strip.get_window_extent().x1
    for text in texts:
        if text.get_window_extent().x1 > right:  # would run off the axes: end the label at its line
            text.set_horizontalalignment("right")
            text.xyann = (-3, 0)
    boxes = [t.get_window_extent() for t in texts]
    rows = stagger([b.x0 for b in boxes], [b.width for b in boxes], gap=6)
    depth = max(rows, default=-1) + 1
    for (when, _), text, row in zip(shown, texts, rows, strict=True):
        text.xy = (when, row)
        strip.plot([when, when], [row, depth], color="#999999", linewidth=0.8, linestyle=":", clip_on=False)
    strip.set_ylim(max(depth, 1) - 0.5, -0.6)
    return depth


def _milestone_lines(ax: Axes, start: pd.Timestamp, end: pd.Timestamp) -> None:
    for when, _ in _shown_milestones(start, end):
        ax.axvline(when, color="#999999", linestyle=":", linewidth=0.8, zorder=0)


def _date_axis(ax: Axes) -> None:
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=9))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))


def _span(dates: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    start = min(dates.min(), pd.Timestamp("2021-08-01")) - pd.Timedelta(days=90)
    return start, dates.max() + pd.Timedelta(days=120)


def _milestone_alt(start: pd.Timestamp, end: pd.Timestamp) -> str:
    shown = [(label, written) for when, label, written in milestones() if start <= when <= end]
    return ("Dotted lines mark " + "; ".join(f"{label} ({written})" for label, written in shown) + ".") if shown else ""


def _empty(message: str, size: tuple[float, float] = (WIDTH, 1.6)) -> Chart:
    with _styled():
        fig, ax = _figure(size)
        ax.axis("off")
        ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    return Chart(fig, pd.DataFrame(), message, message)


def timeline(tables: Tables) -> Chart:
    """Publication dates (diamonds) and the dates each article's text mentions (dots), per article."""
    articles = analysis.dated_articles(tables)
    undated = int(articles.date.isna().sum())
    articles = articles.dropna(subset=["date"]).reset_index(drop=True)
    if articles.empty:
        return _empty("No article has a publication date, so there is no timeline.")
    refs = sources.references(tables)
    articles["reference"] = articles.article_id.map(refs)
    events = tables.events.merge(articles[["article_id", "reference"]], on="article_id")
    events = events.assign(when=pd.to_datetime(events.date.map(analysis.first_day), errors="coerce")).dropna(
        subset=["when"]
    )
    start, end = _span(articles.date)
    shown = events[(events.when >= start) & (events.when <= end)]
    earlier = len(events) - len(shown)
    many = len(articles) > analysis.PER_ARTICLE_LIMIT
    with _styled():
        height = 2.4 + (0 if many else 0.36 * len(articles))
        fig = Figure(figsize=(WIDTH, height), layout="constrained")
        strip, ax = fig.subplots(2, 1, sharex=True, height_ratios=[0.5, max(1.5, height - 1.4)])
        if many:
            ax.hist(articles.date, bins=40, color="#4D4D4D", alpha=0.8, label="articles published")
            ax.hist(shown.when, bins=40, color=PALETTE["diplomacy"], alpha=0.5, label="dated events mentioned")
            ax.set_ylabel("count")
        else:
            rows = {r: i for i, r in enumerate(articles.reference)}
            ax.scatter(shown.when, shown.reference.map(rows), s=16, color="#777777", alpha=0.7, zorder=2,
                       label="a date the text mentions")  # fmt: skip
            ax.scatter(articles.date, articles.reference.map(rows), s=60, marker="D", color="#111111", zorder=3,
                       label="publication date")  # fmt: skip
            labels = [
                f"{r} ({plural(int(w), 'word')})" for r, w in zip(articles.reference, articles.words, strict=True)
            ]
            ax.set_yticks(range(len(rows)), [shorten(x, LABEL_WIDTH) for x in labels])
            ax.set_ylim(len(rows) - 0.5, -0.5)
        _milestone_lines(ax, start, end)
        _milestone_strip(strip, start, end)
        ax.set_xlim(start, end)
        _date_axis(ax)
        ax.set_xlabel("date")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=2)
    data = pd.concat(
        [
            pd.DataFrame({"mark": "published", "reference": articles.reference, "date": articles.published}),
            pd.DataFrame({"mark": "mentioned", "reference": shown.reference, "date": shown.date}),
        ],
        ignore_index=True,
    )
    notes = []
    if earlier:
        notes.append(
            f"{plural(earlier, 'dated mention')} before {start:%B %Y} {'is' if earlier == 1 else 'are'} not shown"
        )
    if undated:
        notes.append(f"{plural(undated, 'undated article')} {'is' if undated == 1 else 'are'} not shown")
    caption = ("When the articles appeared (diamonds) and the dates their texts mention (dots), against the "
               "period's milestones." + (" " + "; ".join(notes)[:1].upper() + "; ".join(notes)[1:] + "." if notes else ""))  # fmt: skip
    first, last = f"{articles.date.min():%B %Y}", f"{articles.date.max():%B %Y}"
    alt = (f"Timeline of {plural(len(articles), 'dated article')} published "
           + (f"in {first}" if first == last else f"from {first} to {last}")
           + f", with {plural(len(shown), 'date')} their texts mention. "
           + _milestone_alt(start, end))  # fmt: skip
    return Chart(fig, data, alt, caption)


def _period_bounds(period: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    p = pd.Period(period)  # "2021" or "2021Q3", as analysis.period_labels writes them
    return p.start_time, p.end_time


def theme_trend(tables: Tables, themes: list[str] | None = None) -> Chart:
    """The central chart: per theme, each article's share (a dot sized by its paragraphs) and each
    period's pooled share with its bootstrap interval (a bar and band), by publication date."""
    themes = themes or tables.themes
    p = findings.periods(tables, themes)
    if not p.groups:
        return _empty("No article has a publication date, so the framing cannot be shown over time.")
    per_article = analysis.theme_shares(tables, by="article").dropna(subset=["date"])
    intervals = uncertainty.table(p.groups)
    start, end = _span(per_article.date)
    with _styled():
        panel = 1.25
        fig = Figure(figsize=(WIDTH, 1.3 + panel * len(themes)), layout="constrained")
        axes = fig.subplots(len(themes) + 1, 1, sharex=True, height_ratios=[0.55] + [panel] * len(themes))
        strip, panels = axes[0], axes[1:]
        many = len(per_article) > analysis.PER_ARTICLE_LIMIT
        for ax, theme in zip(panels, themes, strict=True):
            c = color(theme, themes)
            for row in intervals[intervals.theme == theme].itertuples(index=False):
                lo, hi = _period_bounds(row.period)
                ax.fill_between([lo, hi], row.low, row.high, color=c, alpha=0.15, linewidth=0, zorder=1)
                ax.plot([lo, hi], [row.share, row.share], color=c, linewidth=2.2, solid_capstyle="butt", zorder=3)
            if not many:
                ax.scatter(per_article.date, per_article[theme], s=10 + 2.5 * per_article.paragraphs, facecolor="none",
                           edgecolor=c, linewidth=1.2, zorder=4)  # fmt: skip
            _milestone_lines(ax, start, end)
            ax.set_ylim(-0.06, 1.06)  # a dot at 0% or 100% is drawn whole
            ax.set_yticks([0, 0.5, 1])
            ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
            ax.set_ylabel(theme, rotation=0, ha="right", va="center", color=c, fontweight="bold")
        last = panels[-1]
        last.set_xlim(start, end)
        centers = [(lambda b: b[0] + (b[1] - b[0]) / 2)(_period_bounds(name)) for name in p.names]
        last.set_xticks(centers, [f"{name}\n{plural(d.articles, 'article')}" for name, d in p.groups.items()],
                        fontsize=8.5)  # fmt: skip
        last.set_xlabel("publication period (bars: share of the period's paragraphs, band: 95% interval)")
        handles = [Line2D([], [], color="#555555", linewidth=2.2, label="period share, 95% interval shaded")]
        if not many:
            handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="#555555",
                                  markersize=7, label="one article (size: its paragraphs)"))  # fmt: skip
        fig.legend(handles=handles, loc="outside lower center", ncols=2)
        _milestone_strip(strip, start, end)  # last: it measures the finished layout
    article_rows = per_article.melt(id_vars=["label", "date", "paragraphs"], value_vars=themes, var_name="theme",
                                    value_name="share")  # fmt: skip
    data = pd.concat(
        [
            intervals.assign(level="period"),
            article_rows.assign(level="article", period=article_rows.label, articles=1).drop(columns=["label", "date"]),
        ],
        ignore_index=True,
    )[["level", "period", "theme", "share", "low", "high", "articles", "paragraphs"]]
    parts = []
    for theme in themes:
        rows = intervals[intervals.theme == theme]
        parts.append(
            theme + ": " + ", ".join(f"{r.period} {r.share:.0%} ({r.low:.0%}–{r.high:.0%})" for r in rows.itertuples())
        )
    alt = ("One panel per theme showing its share of content paragraphs per publication period with 95% "
           "intervals, and one dot per article. " + "; ".join(parts) + ". " + _milestone_alt(start, end))  # fmt: skip
    caption = ("How the framing moved: each theme's share of content paragraphs per period (bar) with its 95% "
               "bootstrap interval (band)" + ("" if many else ", and each article's own share (dot, sized by its "
               "paragraphs)") + ". A paragraph can carry several themes, so shares do not add up to 100%."
               + (f" {plural(p.undated, 'undated article')} not shown." if p.undated else ""))  # fmt: skip
    return Chart(fig, data, alt, caption)


def theme_mix(tables: Tables, themes: list[str] | None = None) -> Chart:
    """Heat table: share of each article's (or period's) paragraphs that carry each theme."""
    themes = themes or tables.themes
    shares = analysis.theme_shares(tables)
    per_article = len(shares) == len(tables.articles)
    if per_article:
        refs = analysis.dated_articles(tables).article_id.map(sources.references(tables))
        shares = shares.assign(label=refs.values[: len(shares)] if len(refs) == len(shares) else shares.label)
    with _styled():
        fig, ax = _figure((WIDTH, 1.3 + 0.36 * max(1, len(shares))))
        values = shares[themes].to_numpy(dtype=float)
        ax.imshow(values, cmap="Greys", vmin=0, vmax=1, aspect="auto")
        for (i, j), v in np.ndenumerate(values):
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", color="white" if v > 0.55 else "black", fontsize=9.5)
        ax.set_xticks(range(len(themes)), themes, fontsize=9.5)
        ax.xaxis.tick_top()
        ax.tick_params(axis="x", length=0)
        dates = shares.date.map(lambda d: "undated" if pd.isna(d) else f"{d:%Y-%m}")
        ax.set_yticks(range(len(shares)), [f"{shorten(lbl, LABEL_WIDTH)}, {d} ({plural(int(n), 'paragraph')})"
                                           for lbl, d, n in zip(shares.label, dates, shares.paragraphs, strict=True)])  # fmt: skip
        ax.grid(False)
        ax.set_xlabel("theme (a paragraph can carry several)")
    data = shares.assign(date=dates)[["label", "date", "paragraphs", *themes]]
    alt = (
        "Grid of theme shares: "
        + "; ".join(f"{r['label']}: " + ", ".join(f"{t} {r[t]:.0%}" for t in themes) for _, r in data.iterrows())
        + "."
    )
    unit = "article" if per_article else "publication period"
    caption = f"The theme mix of each {unit}: the share of its content paragraphs carrying each theme (darker: larger)."
    return Chart(fig, data, alt, caption)


def comention_heatmap(tables: Tables, *, top: int = 12) -> Chart:
    """Who is mentioned with whom: paragraphs in which two actors both appear."""
    matrix = analysis.comentions(tables, top=top)
    if matrix.empty:
        return _empty("No two actors are mentioned in the same paragraph.")
    with _styled():
        size = 1.6 + 0.42 * len(matrix)
        fig, ax = _figure((WIDTH, min(size, 8.5)))
        values = matrix.to_numpy(dtype=float, copy=True)
        np.fill_diagonal(values, np.nan)
        image = ax.imshow(values, cmap="Blues", aspect="auto")
        for (i, j), v in np.ndenumerate(values):
            if not np.isnan(v) and v > 0:
                ax.text(j, i, f"{int(v)}", ha="center", va="center", fontsize=8,
                        color="white" if v > np.nanmax(values) * 0.6 else "black")  # fmt: skip
        labels = list(matrix.index)
        ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(len(labels)), labels)
        ax.grid(False)
        fig.colorbar(image, ax=ax, label="paragraphs mentioning both", shrink=0.8)
    data = matrix.rename_axis(index="actor", columns=None).reset_index()
    pairs = [
        (a, b, int(matrix.loc[a, b])) for i, a in enumerate(labels) for b in labels[i + 1 :] if matrix.loc[a, b] > 0
    ]
    pairs.sort(key=lambda x: -x[2])
    alt = (f"Matrix of the {len(labels)} most-mentioned actors. The most frequent pairs: "
           + "; ".join(f"{a} with {b}, {plural(n, 'paragraph')}" for a, b, n in pairs[:6]) + ".")  # fmt: skip
    caption = (f"Who is mentioned with whom: the number of paragraphs mentioning both of two actors, for the "
               f"{len(labels)} most-mentioned actors.")  # fmt: skip
    return Chart(fig, data, alt, caption)


def _share_rows(tables: Tables, theme: str, content: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """One row per article (oldest first, undated last), or per period when there are many
    articles: label, articles, paragraphs, share and its 95% interval."""
    articles = analysis.dated_articles(tables)
    refs = sources.references(tables)
    many = len(articles) > analysis.PER_ARTICLE_LIMIT
    if many:
        keys = analysis.period_labels(articles.date)
        labels = {k: k for k in keys}
    else:
        keys = articles.article_id
        dates = articles.date.map(lambda d: "undated" if pd.isna(d) else f"{d:%Y-%m}")
        labels = {a: f"{refs[a]}, {d}" for a, d in zip(keys, dates, strict=True)}
    group = content.article_id.map(dict(zip(articles.article_id, keys, strict=True)))
    rows = []
    for i, (key, frame) in enumerate(content.groupby(group, sort=False)):
        d = uncertainty.draws(frame, [theme], stream=i + 1)
        low, high = d.interval()
        rows.append((key, labels[key], d.articles, d.paragraphs, d.share[0], low[0], high[0]))
    frame = pd.DataFrame(rows, columns=["key", "label", "articles", "paragraphs", "share", "low", "high"])
    order = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    frame = frame.sort_values("key", key=lambda k: k.map(order)).drop(columns="key").reset_index(drop=True)
    return frame, "period" if many else "article"


def theme_share(tables: Tables, theme: str) -> Chart:
    """One theme's share of each article's (or period's) paragraphs: a dot sized by its paragraphs
    with its 95% interval, against the corpus-wide share and its interval (band)."""
    c = analysis.content(tables)
    if c.empty:
        return _empty("The corpus has no content paragraphs.")
    rows, unit = _share_rows(tables, theme, c)
    overall = uncertainty.draws(c, [theme])
    o_low, o_high = overall.interval()
    hue = color(theme, tables.themes)
    sizes = (
        10 + 120 * rows.paragraphs / max(1, rows.paragraphs.max()) if unit == "period" else 10 + 2.5 * rows.paragraphs
    )
    with _styled():
        fig, ax = _figure((WIDTH, 1.5 + 0.34 * len(rows)))
        y = np.arange(len(rows))
        ax.axvspan(o_low[0], o_high[0], color="#333333", alpha=0.08, linewidth=0)
        ax.axvline(overall.share[0], color="#333333", linestyle="--", linewidth=1)
        ax.hlines(y, rows.low, rows.high, color=hue, linewidth=1.5)
        ax.scatter(rows.share, y, s=sizes, color=hue, zorder=3)
        counts = [plural(int(n), "paragraph") if unit == "article" else plural(int(a), "article")
                  for n, a in zip(rows.paragraphs, rows.articles, strict=True)]  # fmt: skip
        ax.set_yticks(y, [f"{shorten(lbl, LABEL_WIDTH)} ({n})" for lbl, n in zip(rows.label, counts, strict=True)])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax.set_xlabel(f"share of paragraphs carrying {theme}")
        ax.legend(handles=[Line2D([], [], color="#333333", linestyle="--",
                                  label=f"whole corpus: {overall.share[0]:.0%} ({o_low[0]:.0%}–{o_high[0]:.0%})")],
                  loc="upper center", bbox_to_anchor=(0.5, -0.2))  # fmt: skip
    data = rows.assign(level=unit)
    data.loc[len(data)] = [
        "whole corpus",
        overall.articles,
        overall.paragraphs,
        overall.share[0],
        o_low[0],
        o_high[0],
        "corpus",
    ]
    alt = (f"{findings.title(theme)} share per {unit}, oldest first: "
           + "; ".join(f"{r.label} {r.share:.0%}" for r in rows.itertuples())
           + f". Whole corpus {overall.share[0]:.0%}.")  # fmt: skip
    caption = (f"{findings.title(theme)} in each {unit}: the share of its content paragraphs carrying the theme "
               f"(dot, sized by its paragraphs; line: 95% interval), oldest first, against the whole corpus "
               "(dashed line, band: its 95% interval).")  # fmt: skip
    return Chart(fig, data, alt, caption)


def actor_association(tables: Tables, theme: str, *, top: int = 10) -> Chart:
    """Actors in the theme's paragraphs compared with their share of all paragraphs."""
    assoc = analysis.actor_association(tables, theme, top=top)
    if assoc.empty:
        return _empty(f"No actor is mentioned in the {theme} paragraphs.")
    with _styled():
        fig, ax = _figure((WIDTH, 1.6 + 0.4 * len(assoc)))
        y = np.arange(len(assoc))
        ax.barh(
            y - 0.2, assoc.theme_share, height=0.4, color=color(theme, tables.themes), label=f"in {theme} paragraphs"
        )
        ax.barh(y + 0.2, assoc.corpus_share, height=0.4, color="#BBBBBB", label="in all content paragraphs")
        ax.set_yticks(y, [f"{a} ({n})" for a, n in zip(assoc.actor, assoc.in_theme, strict=True)])
        ax.set_ylim(len(assoc) - 0.5, -0.6)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax.set_xlabel("share of paragraphs that mention the actor")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=2)
    data = assoc[["actor", "in_theme", "in_corpus", "theme_share", "corpus_share", "lift"]]
    alt = (
        f"Actors most mentioned in {theme} paragraphs: "
        + "; ".join(
            f"{r.actor} {r.theme_share:.0%} there against {r.corpus_share:.0%} overall" for r in data.itertuples()
        )
        + "."
    )
    caption = (f"The actors most often mentioned in {theme} paragraphs (number of such paragraphs in brackets): "
               f"their share of the {theme} paragraphs (coloured) and of all content paragraphs (grey).")  # fmt: skip
    return Chart(fig, data, alt, caption)
